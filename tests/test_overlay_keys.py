"""Number keys switch overlays off and on during play; --show / ?show= turn the lab's overlays on from the start."""

from __future__ import annotations

import pygame
import pytest

from game.core import actions as A
from game.core.options import LAB_OVERLAYS, OVERLAYS, PLAY_OVERLAYS, OptionsError, parse_args, parse_query
from game.ui.input import OVERLAY_KEYS, InputMapper


def key_event(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="")


def test_each_number_key_names_one_overlay_and_every_overlay_but_axes_has_a_key():
    names = list(OVERLAY_KEYS.values())
    assert len(names) == len(set(names)) == 10
    assert set(names) == set(OVERLAYS) - {"axes"}  # G keeps the axes


@pytest.mark.parametrize("key", list(OVERLAY_KEYS))
def test_a_number_key_becomes_a_toggle_of_its_overlay(key):
    actions = InputMapper().map(key_event(key), (1280, 800), text_mode=False)
    assert actions == [A.Action(A.TOGGLE, text=OVERLAY_KEYS[key])]
    assert InputMapper().map(key_event(key), (1280, 800), text_mode=True) == []  # typing a digit stays typing


def test_lab_overlays_start_off_unless_shown_and_play_overlays_on_unless_hidden():
    plain = parse_args([])
    assert plain.initial_hidden() == frozenset(LAB_OVERLAYS)
    chosen = parse_args(["--show", "slice,hessian-axes", "--hide", "arrows"])
    assert chosen.initial_hidden() == frozenset({"gradient-lab", "taylor-contours", "arrows"})
    assert not set(PLAY_OVERLAYS) & plain.initial_hidden()
    got, problems = parse_query("?show=slice")
    assert not problems and "slice" not in got.initial_hidden()


def test_an_unknown_overlay_to_show_is_one_line():
    with pytest.raises(OptionsError, match="--show: unknown overlay 'fog'"):
        parse_args(["--show", "fog"])


def test_a_toggle_in_play_hides_the_arrows_and_a_second_shows_them_again(make_app, run_frames):
    app = make_app("--level", "2")
    run_frames(app, 2)
    app.dispatch(A.Action(A.PROBE))
    run_frames(app, 40)
    before = pygame.image.tobytes(app.screen, "RGB")
    app.dispatch(A.Action(A.TOGGLE, text="arrows"))
    run_frames(app, 2)
    assert "arrows" in app.env.hidden and pygame.image.tobytes(app.screen, "RGB") != before
    app.dispatch(A.Action(A.TOGGLE, text="arrows"))
    run_frames(app, 2)
    assert "arrows" not in app.env.hidden and pygame.image.tobytes(app.screen, "RGB") == before
    app.dispatch(A.Action(A.TOGGLE, text="no-such-overlay"))
    assert "no-such-overlay" not in app.env.hidden
