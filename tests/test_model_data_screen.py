"""The "Your data" screen: Y and the title menu open it, typed and pasted columns play as a model level, problems
show in the player's language with line and column; the keys it needs (Ctrl+V, Shift+Enter)."""

from __future__ import annotations

import random

import numpy as np
import pygame
import pytest

from game.core import actions as A
from game.text.catalog import t
from game.ui.input import InputMapper
from game.ui.scenes.data_entry import DataScene, example
from game.ui.scenes.play import PlayScene
from surfaces.data import parse_points
from surfaces.models import model_of


def type_text(app, text: str) -> None:
    for ch in text:
        app.dispatch(A.Action(A.CONFIRM) if ch == "\n" else A.Action(A.TEXT, text=ch))


def open_data(app, run_frames):
    run_frames(app, 2)
    app.dispatch(A.Action(A.DATA))
    run_frames(app, 2)
    assert isinstance(app.top, DataScene)
    return app.top


def test_y_opens_it_and_typed_data_plays_as_a_line(make_app, run_frames, drawn_texts):
    app = make_app()
    open_data(app, run_frames)
    rng = np.random.default_rng(9)
    x = np.round(rng.uniform(-2, 2, 15), 3)
    y = np.round(1.5 * x - 0.25 + rng.normal(0, 0.2, 15), 3)
    type_text(app, "x\ty\n" + "".join(f"{a}\t{b}\n" for a, b in zip(x, y)))
    run_frames(app, 2)
    app.dispatch(A.Action(A.CONFIRM, fine=True))
    run_frames(app, 3)
    assert isinstance(app.top, PlayScene)
    model = model_of(app.top.game.level.surface)
    assert model.kind == "line" and len(model.data.x) == 15
    want = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    assert np.allclose(model.peak()[:2], want, atol=1e-9)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_problems_name_line_and_column_in_the_players_language(make_app, run_frames, lang):
    app = make_app("--lang", lang)
    scene = open_data(app, run_frames)
    type_text(app, "x, y\n1, 2\n3, abc\n")
    app.dispatch(A.Action(A.CONFIRM, fine=True))
    assert isinstance(app.top, DataScene)
    want = t("model.data.at_line_column", lang, line=3, column=2,
             why=t("model.data.why.number", lang, value="'abc'"))
    assert scene.error == want
    run_frames(app, 2)
    app.dispatch(A.Action(A.ERASE))
    assert scene.error is None


def test_fit_choice_paste_and_example(make_app, run_frames, monkeypatch):
    app = make_app()
    scene = open_data(app, run_frames)
    app.dispatch(A.Action(A.NEXT))
    assert scene.fit == "neuron"
    app.dispatch(A.Action(A.PREV))
    app.dispatch(A.Action(A.PREV))
    assert scene.fit == "exp"
    text = example("exp")
    monkeypatch.setattr("game.ui.scenes.data_entry._clipboard", lambda: text.replace("\n", "\r\n"))
    app.dispatch(A.Action(A.PASTE))
    assert scene.text == text
    x, y = parse_points(scene.text)
    scene._press("play")
    run_frames(app, 2)
    model = model_of(app.top.game.level.surface)
    assert model.kind == "exp" and np.array_equal(model.data.x, x) and np.array_equal(model.data.y, y)


@pytest.mark.parametrize("kind", ["line", "neuron", "exp"])
def test_every_example_plays(kind):
    x, y = parse_points(example(kind))
    from game.core.fit import model_level

    level = model_level(x, y, kind)
    px, py, _ = level.surface.peak()
    xmin, xmax, ymin, ymax = level.surface.domain
    assert xmin < px < xmax and ymin < py < ymax


def test_title_menu_lists_it(make_app, run_frames, drawn_texts):
    app = make_app("--lang", "de")
    run_frames(app, 2)
    assert t("model.menu", "de") in drawn_texts


def test_random_input_never_breaks_it(make_app, run_frames):
    app = make_app()
    scene = open_data(app, run_frames)
    rng = random.Random(5)
    kinds = [A.TEXT, A.CONFIRM, A.ERASE, A.NEXT, A.PREV, A.POINT, A.CLICK, A.PASTE]
    for _ in range(300):
        kind = rng.choice(kinds)
        pos = (rng.randrange(0, 1280), rng.randrange(0, 800))
        text = rng.choice(["1", ",", " ", "a", "-", ".", "e", "9", "\u00e4"]) if kind == A.TEXT else ""
        app.dispatch(A.Action(kind, text=text, pos=pos if kind in (A.POINT, A.CLICK) else None,
                              fine=rng.random() < 0.1))
        if app.top is not scene:
            break
        run_frames(app, 1)


def test_keys(display):
    mapper = InputMapper()
    ctrl_v = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_LCTRL, unicode="v")
    assert [a.kind for a in mapper.map(ctrl_v, (800, 600), text_mode=True)] == [A.PASTE]
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=pygame.KMOD_LSHIFT, unicode="\r")
    (action,) = mapper.map(enter, (800, 600), text_mode=True)
    assert action.kind == A.CONFIRM and action.fine
    y = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_y, mod=0, unicode="y")
    assert [a.kind for a in mapper.map(y, (800, 600))] == [A.DATA]
