"""Depth mode (heights only: no arrows, partials, ρ or Taylor) and the budget warning ("Hurry up!")."""

from __future__ import annotations

import copy
import json

import pygame
import pytest

import surfaces
from game.core import actions as A
from game.core.depth import DEPTH_HIDDEN, hurry, hurry_at, is_depth
from game.core.model import Game
from game.core.options import parse_args
from game.core.storage import MemoryBackend, Store
from game.text.catalog import n, t
from game.ui.fonts import Fonts
from game.ui.app import App
from game.ui.startup import prepare
from game.ui.tools.depth import DepthTool
from tests.test_levels_validation import BASE

KEPT = {"hud.height", "hud.col.height", "hud.col.point"}
SLOPE_WORDS = {"hud.slope", "hud.dfdx", "hud.dfdy", "hud.col.slope", "hud.col.error", "hud.col.step", "hud.rho",
               "hud.last_step", "hud.taylor_check", "hud.arrow_legend"}


def _app(*argv: str) -> App:
    options, replay, level = prepare(parse_args(["--headless", *argv]))
    screen = pygame.display.set_mode(options.size or (1280, 800))
    app = App(options, screen, store=Store(MemoryBackend()), replay=replay, start_level=level)
    app.step(1 / 60)
    return app


def _labels_drawn(app: App, monkeypatch) -> set[str]:
    """The catalogue keys (of those the panel knows) whose words are drawn in the frame."""
    drawn: list[str] = []
    original = Fonts.draw

    def draw(self, target, text, *args, **kwargs):
        drawn.append(text)
        return original(self, target, text, *args, **kwargs)

    monkeypatch.setattr(Fonts, "draw", draw)
    app.env.play_view().release()  # no cached panel: draw it again
    app.top.draw(app.screen)
    words = {key: t(key, "en").split("{")[0].strip() for key in SLOPE_WORDS | KEPT}
    return {key for key, word in words.items() if word and word != key and any(word in text for text in drawn)}


def _climb(app: App, count: int) -> None:
    for i in range(count):
        app.dispatch(A.Action(A.PROBE, at=(-2.0 + 0.3 * i, -1.0 + 0.2 * i)))
    app.step(1 / 60)


@pytest.mark.parametrize("mode", ["play", "depth"])
def test_depth_mode_leaves_out_every_slope(mode, monkeypatch, display, data_dir) -> None:
    app = _app("--expr", "3*exp(-((x-1)^2 + y^2)) - 0.2*x^2", "--mode", mode, "--show", "gradient-lab,slice")
    _climb(app, 4)
    state = app.top.view_state()
    asked = _labels_drawn(app, monkeypatch)
    if mode == "depth":
        assert DEPTH_HIDDEN <= set(state.hidden) and state.extra["depth"] and not state.show_preview
        assert not asked & SLOPE_WORDS, asked & SLOPE_WORDS
        assert KEPT <= asked
    else:
        assert not state.extra.get("depth") and {"hud.slope", "hud.dfdx", "hud.col.slope"} <= asked


def test_number_keys_cannot_bring_the_arrows_back_in_depth_mode(display, data_dir) -> None:
    app = _app("--expr", "x*y", "--mode", "depth")
    app.dispatch(A.Action(A.TOGGLE, text="arrows"))
    assert "arrows" in app.top.view_state().hidden and "heights only" in app.top.message
    app.dispatch(A.Action(A.TOGGLE, text="isolines"))  # what depth mode leaves alone still toggles
    assert "isolines" in app.env.hidden


def test_a_level_can_ask_for_depth_mode(tmp_path, display, data_dir) -> None:
    data = copy.deepcopy(BASE)
    data["mode"] = "depth"
    path = tmp_path / "01-depth.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    level = surfaces.load_level(path)
    assert level.mode == "depth"
    app = _app("--expr", "x")
    app.show(app.routes.play(level))
    assert next(t for t in app.top.tools if isinstance(t, DepthTool)).depth
    data["mode"] = "sideways"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = surfaces.level_problems(path)
    assert any("mode" in p for p in problems)
    assert is_depth("play", "play") is False and is_depth("depth") and is_depth("lab", "depth")


def test_the_warning_starts_with_few_probes_left() -> None:
    assert hurry_at(25) == 3  # the Sandpit: "Hurry up!" after 22 of 25
    assert hurry_at(12) == 2 and hurry_at(40) == 5 and hurry_at(2) == 1
    level = surfaces.custom_level(surfaces.from_expression("-(x^2 + y^2)", domain=(-3, 3, -3, 3)))
    game = Game(level)
    seen = []
    for i in range(game.budget):
        game.probe(-2.5 + 0.4 * i, 1.0)
        seen.append(hurry(game))
    assert seen == [None] * 9 + [2, 1, None]  # budget 12: 2 and 1 left; none once all are spent
    game.claim()
    assert hurry(game) is None


def test_the_warning_is_drawn_in_every_mode(display, data_dir) -> None:
    for mode in ("play", "depth", "lab"):
        app = _app("--expr", "-(x^2 + y^2)", "--mode", mode)
        _climb(app, 10)
        tool = next(t for t in app.top.tools if isinstance(t, DepthTool))
        assert tool.frame_key() == (None if mode == "lab" else 2)  # the lab's probes are unlimited: no hurry
    assert n("climb.hurry", 2, "en", left=2) == "Hurry up! Only 2 probes left."
    assert n("climb.hurry", 1, "de", left=1) == "Beeil dich! Nur noch 1 Messung."
