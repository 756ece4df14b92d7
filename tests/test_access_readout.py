"""The text readout (T): its sentence for each situation against independent numbers, and the tool in the game."""

from __future__ import annotations

import math
import platform as stdlib_platform
import re
import sys
from types import SimpleNamespace

import pygame
import pytest
import sympy

from game.core import actions as A
from game.core.levels import expression_level
from game.core.model import Game
from game.text.readout import readout_text
from game.ui.tools.readout import THROTTLE, ReadoutTool

X, Y = sympy.symbols("x y")
FORMULA = "3*exp(-((x-1)^2 + (y+0.5)^2)/2) + 0.3*x"  # not a built-in level
SYMPY = 3 * sympy.exp(-((X - 1) ** 2 + (Y + sympy.Rational(1, 2)) ** 2) / 2) + sympy.Rational(3, 10) * X
NUMBER = re.compile(r"[−-]?\d+(?:[.,]\d+)?")


def numbers(text: str) -> list[float]:
    """Every number in a sentence (the typographic minus and the German comma read back)."""
    return [float(s.replace("−", "-").replace(",", ".")) for s in NUMBER.findall(text)]


def close(shown: float, exact: float) -> bool:
    """Shown with 3 significant digits: within half a unit of the third digit."""
    return abs(shown - exact) <= 0.5 * 10 ** (math.floor(math.log10(max(abs(exact), 1e-300))) - 2) + 1e-12


def reference(x: float, y: float) -> tuple[float, float, float, float]:
    """(height, gx, gy, |∇f|) by sympy."""
    f = float(SYMPY.subs({X: x, Y: y}))
    gx = float(sympy.diff(SYMPY, X).subs({X: x, Y: y}))
    gy = float(sympy.diff(SYMPY, Y).subs({X: x, Y: y}))
    return f, gx, gy, math.hypot(gx, gy)


def test_no_probe_yet_names_the_cursor_only():
    game = Game(expression_level(FORMULA))
    text = readout_text(game, (1.25, -0.5))
    assert text == "Cursor at (1.25, −0.50). No probe yet." or numbers(text) == [1.25, -0.5]
    assert "No probe yet." in text and "T₁" not in text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_probe_height_slope_direction_and_taylor_against_sympy(lang):
    game = Game(expression_level(FORMULA))
    px, py = -0.4, 0.7
    game.probe(px, py)
    cursor = (0.1, 0.2)
    text = readout_text(game, cursor, lang)
    f, gx, gy, norm = reference(px, py)
    shown = numbers(text)
    assert close(shown[0], cursor[0]) and close(shown[1], cursor[1])
    assert close(shown[2], f) and close(shown[3], norm)
    # the direction the slope rises towards, from sympy's gradient: 8 compass sectors, north = +y
    names = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"]
    sector = names[round(math.degrees(math.atan2(gy, gx)) / 45.0) % 8]
    from game.text.catalog import t
    assert t(f"compass.{sector}", lang) in text
    t1 = f + gx * (cursor[0] - px) + gy * (cursor[1] - py)
    assert close(shown[5] if "₂" in text else shown[4], t1) or any(close(v, t1) for v in shown[4:])
    assert ("T₁" in text) and ("predicts" in text if lang == "en" else "voraus" in text)


def test_same_digits_as_the_hud(drawn_texts, make_app, run_frames):
    """The readout's height is the string the HUD draws for the same probe."""
    app = make_app("--expr", FORMULA)
    run_frames(app, 1)
    scene = app.top
    tool = next(tool for tool in scene.tools if isinstance(tool, ReadoutTool))
    drawn_texts.clear()
    app.dispatch(A.Action(A.READOUT))
    app.dispatch(A.Action(A.PROBE, at=(0.5, 0.5)))
    run_frames(app, 2)
    last = scene.game.probes[-1]
    from game.text.numbers import fmt_number
    height = fmt_number(last.value, "en", scene.game.resolution.zero_height)
    assert height in tool.text and height in drawn_texts  # the HUD drew the same digits
    assert tool.text in drawn_texts or any(line in tool.text for line in drawn_texts if len(line) > 20)


def test_undefined_point_is_said():
    game = Game(expression_level("log(x) + 2", (-2, 2, -2, 2)))
    probe = game.probe(-1.0, 0.0)
    assert probe is not None and not probe.defined
    text = readout_text(game, (-1.0, 0.0))
    assert "undefined" in text and "slope" not in text and "T₁" not in text


def test_depth_leaves_out_slope_and_model():
    game = Game(expression_level(FORMULA))
    game.probe(0.2, 0.3)
    text = readout_text(game, (0.4, 0.3), slope=False, taylor=False)
    f = reference(0.2, 0.3)[0]
    assert "slope" not in text and "T₁" not in text and "∇" not in text
    assert close(numbers(text)[2], f)
    with_model_hidden = readout_text(game, (0.4, 0.3), taylor=False)
    assert "slope" in with_model_hidden and "T₁" not in with_model_hidden


def test_result_says_the_verdict_and_the_score():
    game = Game(expression_level(FORMULA))
    game.probe(0.2, 0.3)
    game.probe(1.0, -0.5)
    verdict = game.claim()
    text = readout_text(game, (1.0, -0.5))
    from game.text.verdicts import verdict_text
    assert verdict is not None and verdict_text(verdict, "en") in text
    score = game.score()
    assert f"Score {score.total}, {score.stars} of 3 stars." in text
    assert "Cursor" not in text


def test_depth_mode_tool_and_toggle_remembered(make_app, run_frames):
    app = make_app("--expr", FORMULA, "--mode", "depth", "--probe", "0.5,0.5")
    run_frames(app, 2)
    scene = app.top
    app.dispatch(A.Action(A.READOUT))
    tool = next(tool for tool in scene.tools if isinstance(tool, ReadoutTool))
    assert tool.access.readout and "height" in tool.text and "slope" not in tool.text
    assert app.session.store.load("access")[0] == {"readout": True, "sound": False}
    app.dispatch(A.Action(A.READOUT))
    assert not tool.access.readout and app.session.store.load("access")[0]["readout"] is False


def test_cursor_moves_are_throttled_and_reach_the_page(make_app, run_frames, monkeypatch):
    region = SimpleNamespace(textContent="")
    said: list[str] = []

    class Region:
        def __setattr__(self, name, value):
            said.append(value)

    window = SimpleNamespace(document=SimpleNamespace(getElementById=lambda name: Region() if name == "uphill-readout" else None))
    app = make_app("--expr", FORMULA)
    run_frames(app, 1)
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(stdlib_platform, "window", window, raising=False)
    app.dispatch(A.Action(A.READOUT))
    assert len(said) == 1 and said[0].startswith("Cursor at")
    for _ in range(5):  # five moves inside one throttle period: at most one new readout
        app.dispatch(A.Action(A.MOVE, dx=1.0))
        app.step(THROTTLE / 10)
    assert len(said) <= 2
    run_frames(app, int(THROTTLE * 60) + 2)
    assert len(said) == 2 and said[-1] != said[0]
    app.dispatch(A.Action(A.PROBE))
    assert "Last probe" in said[-1] and len(said) == 3
    app.dispatch(A.Action(A.CLAIM))
    assert said[-1].startswith("Claimed")
    del region
