"""Fonts.measure gives exactly the size render draws, without drawing plain text (wrapping measures many words)."""

from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings, strategies as st

from game.text.catalog import languages, t
from game.ui.fonts import Fonts

SIZES = ("small", "body", "heading", "label", "big", "title")
LETTERS = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,:;!?()-+=éèàçôœ«»äöüß·–")),
                  min_size=0, max_size=60)


@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    return {scale: Fonts(scale) for scale in (1.0, 1.5, 2.0, 3.0)}


@settings(max_examples=150, deadline=None)
@given(text=LETTERS, size=st.sampled_from(SIZES), scale=st.sampled_from((1.0, 1.5, 2.0, 3.0)))
def test_measure_is_the_rendered_size(fonts, text, size, scale):
    f = fonts[scale]
    assert f.measure(text, size) == f.render(text, size, (255, 255, 255)).get_size()


@pytest.mark.parametrize("lang", languages())
def test_measure_matches_render_for_the_words_players_read(fonts, lang):
    keys = ("help.goal", "help.rho", "menu.play", "key.arrows.do", "hud.guess.check", "play.predict_hint")
    for key in keys:
        text = t(key, lang, value="1.5", model="T1", taylor="2.0")
        for size in SIZES:
            f = fonts[2.0]
            assert f.measure(text, size) == f.render(text, size, (255, 255, 255)).get_size(), (lang, key, size)
    assert fonts[1.0].measure("\u2207f = 0", "body") == fonts[1.0].render("\u2207f = 0", "body", (255, 255, 255)).get_size()


RICH = st.text(alphabet=st.sampled_from(list("abcxyz AXf0129=+-()") + ["\u2207", "\u2080", "\u2081", "\u2082", "\u2074",
                                                                      "\u2079", "\u2248", "\u2192", "\u00a0", "\u202f"]),
               min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(text=RICH, size=st.sampled_from(SIZES), scale=st.sampled_from((1.0, 1.5, 2.0, 3.0)))
def test_rich_text_is_measured_without_drawing_at_exactly_its_rendered_size(fonts, text, size, scale):
    f = fonts[scale]
    drawn: list[str] = []
    original = f._plain
    f._plain = lambda *args: drawn.append(args[0]) or original(*args)  # type: ignore[method-assign]
    try:
        measured = f.measure(text, size)
        assert drawn == []  # wrapping an intro with ∇ in it measures every trial line: none is drawn
    finally:
        del f._plain
    assert measured == f.render(text, size, (255, 255, 255)).get_size()
