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


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("flags,size,min_px", [(("--classroom",), (1920, 1080), 28), ((), (1280, 800), 16)])
def test_model_screens_keep_their_text_large_and_whole(make_app, run_frames, monkeypatch, lang, flags, size, min_px):
    """The "Your data" screen (with an error showing) and a neuron climb (chain plate and inset) as test_classroom
    checks every scene: no text under the size floor, none cut with "…"."""
    from game.ui import fonts as fonts_mod
    from game.ui.fonts import Fonts

    sizes: list[int] = []
    texts: list[str] = []
    real = Fonts.draw

    def spy(self, target, text, *args, **kwargs):
        texts.append(text)
        return real(self, target, text, *args, **kwargs)

    monkeypatch.setattr(Fonts, "draw", spy)
    hook = lambda px, logical, s: sizes.append(px)  # noqa: E731
    app = make_app("--lang", lang, *flags, size=size)
    fonts_mod.SIZE_HOOKS.append(hook)
    try:
        run_frames(app, 2)
        app.show(app.routes.data())
        type_text(app, "x, y\n1, 2\n2, 3\n3, oops")
        app.dispatch(A.Action(A.CONFIRM, fine=True))
        sizes.clear()
        texts.clear()
        run_frames(app, 3)
        assert sizes and min(sizes) >= min_px and not [t for t in texts if "\u2026" in t]
        import surfaces

        app.show(app.routes.play(surfaces.level_by_id("neuron")))
        app.dispatch(A.Action(A.BACK))  # close the intro
        for at in ((-0.3, 0.6), (0.5, -0.4), (0.9, -0.8)):
            app.dispatch(A.Action(A.PROBE, at=at))
            run_frames(app, 5)
        sizes.clear()
        texts.clear()
        run_frames(app, 3)
        assert any(t.startswith(t_key) for t in texts for t_key in ("∂C/∂w",))
        assert sizes and min(sizes) >= min_px
        assert not [t for t in texts if "\u2026" in t and t != t_overlays(lang)]
    finally:
        fonts_mod.SIZE_HOOKS.remove(hook)


def t_overlays(lang: str) -> str:
    return t("key.overlays", lang)  # "1 … 0": a label whose own words hold "…"
