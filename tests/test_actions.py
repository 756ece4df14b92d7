"""The one input mapping: keys, text, mouse and touch become named actions; actions survive JSON."""

from __future__ import annotations

import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core import actions as A
from game.ui.input import InputMapper

SIZE = (1000, 500)


def key(k: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def kinds(actions: list[A.Action]) -> list[str]:
    return [action.kind for action in actions]


@pytest.fixture
def mapper() -> InputMapper:
    return InputMapper()


@pytest.mark.parametrize("k, dx, dy", [(pygame.K_LEFT, -1, 0), (pygame.K_RIGHT, 1, 0), (pygame.K_UP, 0, -1),
                                       (pygame.K_DOWN, 0, 1)])
def test_arrows_move_and_shift_is_fine(mapper, k, dx, dy):
    (coarse,) = mapper.map(key(k), SIZE)
    assert (coarse.kind, coarse.dx, coarse.dy, coarse.fine) == (A.MOVE, dx, dy, False)
    (fine,) = mapper.map(key(k, pygame.KMOD_LSHIFT), SIZE)
    assert fine.fine and (fine.dx, fine.dy) == (dx, dy)


@pytest.mark.parametrize("k, kind", [
    (pygame.K_SPACE, A.PROBE), (pygame.K_RETURN, A.CONFIRM), (pygame.K_KP_ENTER, A.CONFIRM), (pygame.K_c, A.CLAIM),
    (pygame.K_p, A.PREDICT), (pygame.K_h, A.HELP), (pygame.K_F1, A.HELP), (pygame.K_ESCAPE, A.BACK),
    (pygame.K_F11, A.FULLSCREEN), (pygame.K_e, A.EXPR), (pygame.K_k, A.CODE), (pygame.K_l, A.LEVELS),
    (pygame.K_r, A.RESTART), (pygame.K_n, A.NEXT), (pygame.K_TAB, A.NEXT), (pygame.K_PAUSE, A.PAUSE),
])
def test_command_keys(mapper, k, kind):
    assert kinds(mapper.map(key(k), SIZE)) == [kind]


def test_shift_tab_is_prev_and_ctrl_shortcuts_are_left_alone(mapper):
    assert kinds(mapper.map(key(pygame.K_TAB, pygame.KMOD_LSHIFT), SIZE)) == [A.PREV]
    assert mapper.map(key(pygame.K_r, pygame.KMOD_LCTRL), SIZE) == []
    assert mapper.map(key(pygame.K_b), SIZE) == []  # (X is the classroom's "reveal now")


def test_text_mode_types_instead_of_commanding(mapper):
    assert mapper.map(key(pygame.K_c, unicode="c"), SIZE, text_mode=True) == []
    assert mapper.map(pygame.event.Event(pygame.TEXTINPUT, text="c"), SIZE, text_mode=True) == [A.Action(A.TEXT, text="c")]
    assert kinds(mapper.map(key(pygame.K_BACKSPACE), SIZE, text_mode=True)) == [A.ERASE]
    assert kinds(mapper.map(key(pygame.K_DELETE), SIZE, text_mode=True)) == [A.DELETE]
    assert kinds(mapper.map(key(pygame.K_RETURN), SIZE, text_mode=True)) == [A.CONFIRM]
    assert kinds(mapper.map(key(pygame.K_ESCAPE), SIZE, text_mode=True)) == [A.BACK]
    assert kinds(mapper.map(key(pygame.K_LEFT), SIZE, text_mode=True)) == [A.MOVE]
    # outside text mode typed text is ignored
    assert mapper.map(pygame.event.Event(pygame.TEXTINPUT, text="c"), SIZE) == []


def test_the_text_twin_of_a_command_key_is_swallowed(mapper):
    """E opens the expression entry; the TEXTINPUT "e" that SDL sends next must not land in the new field."""
    assert kinds(mapper.map(key(pygame.K_e, unicode="e"), SIZE)) == [A.EXPR]
    assert mapper.map(pygame.event.Event(pygame.TEXTINPUT, text="e"), SIZE, text_mode=True) == []
    assert kinds(mapper.map(pygame.event.Event(pygame.TEXTINPUT, text="e"), SIZE, text_mode=True)) == [A.TEXT]


def test_mouse(mapper):
    assert mapper.map(pygame.event.Event(pygame.MOUSEMOTION, pos=(10, 20), rel=(1, 1), buttons=(0, 0, 0)),
                      SIZE) == [A.Action(A.POINT, pos=(10, 20))]
    assert mapper.map(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 6), button=1), SIZE) == [
        A.Action(A.CLICK, pos=(5, 6))]
    assert mapper.map(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 6), button=3), SIZE) == []
    assert mapper.map(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2), SIZE) == [A.Action(A.ADJUST, dy=-2.0)]


def test_mouse_events_synthesised_from_touch_are_ignored(mapper):
    event = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 6), button=1, touch=True)
    assert mapper.map(event, SIZE) == []


def test_tap_clicks_at_pixels_and_drag_only_aims(mapper):
    down = pygame.event.Event(pygame.FINGERDOWN, x=0.5, y=0.5, dx=0, dy=0, finger_id=1, touch_id=0)
    up = pygame.event.Event(pygame.FINGERUP, x=0.505, y=0.5, dx=0, dy=0, finger_id=1, touch_id=0)
    assert mapper.map(down, SIZE) == [A.Action(A.POINT, pos=(500, 250))]
    assert mapper.map(up, SIZE) == [A.Action(A.CLICK, pos=(505, 250)), A.Action(A.RELEASE, pos=(505, 250))]
    mapper.map(down, SIZE)
    moved = pygame.event.Event(pygame.FINGERMOTION, x=0.8, y=0.2, dx=0.3, dy=-0.3, finger_id=1, touch_id=0)
    assert kinds(mapper.map(moved, SIZE)) == [A.POINT, A.DRAG]  # the drag turns the 3D view; the map only aims
    far_up = pygame.event.Event(pygame.FINGERUP, x=0.8, y=0.2, dx=0, dy=0, finger_id=1, touch_id=0)
    assert mapper.map(far_up, SIZE) == [A.Action(A.POINT, pos=(800, 100)), A.Action(A.RELEASE, pos=(800, 100))]


def test_window_events(mapper):
    assert kinds(mapper.map(pygame.event.Event(pygame.QUIT), SIZE)) == [A.QUIT]
    assert mapper.map(pygame.event.Event(pygame.VIDEORESIZE, size=(900, 700), w=900, h=700), SIZE) == [
        A.Action(A.RESIZE, pos=(900, 700))]


actions = st.builds(
    A.Action,
    kind=st.sampled_from(A.KINDS),
    dx=st.floats(-3, 3, allow_nan=False),
    dy=st.floats(-3, 3, allow_nan=False),
    fine=st.booleans(),
    pos=st.none() | st.tuples(st.integers(0, 4000), st.integers(0, 4000)),
    at=st.none() | st.tuples(st.floats(-1e6, 1e6, allow_nan=False), st.floats(-1e6, 1e6, allow_nan=False)),
    text=st.text(max_size=20),
)


@pytest.mark.slow
@given(actions)
def test_actions_round_trip_through_json(action):
    import json

    assert A.Action.from_json(json.loads(json.dumps(action.to_json()))) == action


@pytest.mark.parametrize("data", [
    None, [], {"kind": "jump"}, {"kind": "move", "dx": "1"}, {"kind": "move", "dx": True},
    {"kind": "click", "pos": [1]}, {"kind": "text", "text": 5}, {"kind": "move", "speed": 2},
    {"kind": "move", "dx": float("nan")}, {"kind": "move", "fine": 1},
])
def test_malformed_actions_are_rejected(data):
    with pytest.raises(ValueError):
        A.Action.from_json(data)


def test_held_command_keys_act_once_until_released():
    mapper = InputMapper()
    space = key(pygame.K_SPACE, unicode=" ")
    assert kinds(mapper.map(space, SIZE)) == [A.PROBE]
    assert mapper.map(space, SIZE) == []  # the key-repeat timer: no second probe
    mapper.map(pygame.event.Event(pygame.KEYUP, key=pygame.K_SPACE, mod=0), SIZE)
    assert kinds(mapper.map(space, SIZE)) == [A.PROBE]


def test_arrows_repeat_while_held():
    mapper = InputMapper()
    right = key(pygame.K_RIGHT)
    assert kinds(mapper.map(right, SIZE) + mapper.map(right, SIZE)) == [A.MOVE, A.MOVE]


def test_focus_loss_forgets_held_keys():
    mapper = InputMapper()
    enter = key(pygame.K_RETURN, unicode="\r")
    mapper.map(enter, SIZE)
    mapper.map(pygame.event.Event(pygame.WINDOWFOCUSLOST), SIZE)
    assert kinds(mapper.map(enter, SIZE)) == [A.CONFIRM]
