"""The one mapping from pygame events (keys, mouse, touch) to named actions."""

from __future__ import annotations

from typing import Any

import pygame

from game.core import actions
from game.core.actions import (ADJUST, AXES, BACK, CLAIM, CLICK, CODE, CONFIRM, DELETE, END, ERASE, EXPR, FULLSCREEN,
                               HELP, HOME, INTRO, LEVELS, MOVE, NEXT, PAGE, PAUSE, POINT, PREDICT, PREV, PROBE, QUIT,
                               RESIZE, RESTART, TEXT, TOGGLE, Action)
from game.core.actions import DRAG, RELEASE, VIEW  # the 3D view's (issue 12)
from game.core.actions import DATA, PASTE

TAP_SLOP = 0.02  # a finger that moves less than this (fraction of the screen) between down and up taps

# Command keys (when no text field has focus). One table: the help screen lists it.
KEYS: dict[int, str] = {
    pygame.K_SPACE: PROBE,
    pygame.K_RETURN: CONFIRM,
    pygame.K_KP_ENTER: CONFIRM,
    pygame.K_c: CLAIM,
    pygame.K_p: PREDICT,
    pygame.K_h: HELP,
    pygame.K_F1: HELP,
    pygame.K_i: INTRO,
    pygame.K_ESCAPE: BACK,
    pygame.K_PAUSE: PAUSE,
    pygame.K_F11: FULLSCREEN,
    pygame.K_e: EXPR,
    pygame.K_k: CODE,
    pygame.K_l: LEVELS,
    pygame.K_r: RESTART,
    pygame.K_n: NEXT,
    pygame.K_g: AXES,
    pygame.K_v: PAGE,
    pygame.K_PAGEDOWN: PAGE,
}
# Each feature area adds its command keys in its own block: KEYS.update({pygame.K_x: NAME, ...}).
KEY_DX: dict[int, float] = {}  # a command key's direction (its action's dx), for keys that come in pairs such as [ ]

# --- the calculus lab (issue 12) ---
from game.core.actions import LAB_AXIS, LAB_H, LAB_TURN  # noqa: E402  (the lab's kinds, in its own block)

KEYS.update({pygame.K_LEFTBRACKET: LAB_H, pygame.K_RIGHTBRACKET: LAB_H, pygame.K_COMMA: LAB_TURN,
             pygame.K_PERIOD: LAB_TURN, pygame.K_SEMICOLON: LAB_AXIS})
KEY_DX.update({pygame.K_LEFTBRACKET: -1.0, pygame.K_RIGHTBRACKET: 1.0, pygame.K_COMMA: 1.0, pygame.K_PERIOD: -1.0})

# the 3D view: D switches map and 3D (in 3D the arrows turn it, the wheel zooms, a drag turns)
KEYS.update({pygame.K_d: VIEW})

# --- climbers and step rules (issue 13) ---
KEYS.update({pygame.K_a: actions.CLIMB, pygame.K_o: actions.CLIMBER, pygame.K_MINUS: actions.TUNE_DOWN,
             pygame.K_KP_MINUS: actions.TUNE_DOWN, pygame.K_EQUALS: actions.TUNE_UP, pygame.K_KP_PLUS: actions.TUNE_UP,
             pygame.K_j: actions.RULES, pygame.K_w: actions.RACE})

# --- model levels (issue 14) ---
KEYS.update({pygame.K_y: DATA})

# --- the classroom (issue 15) ---
from game.core.actions import DROP, EXPORT, FREEZE, QUESTION, REVEAL, UNDO  # noqa: E402
KEYS.update({pygame.K_x: REVEAL, pygame.K_u: UNDO, pygame.K_f: FREEZE, pygame.K_q: QUESTION, pygame.K_s: EXPORT})

# --- every learner (issue 16) ---
KEYS.update({pygame.K_t: "readout", pygame.K_m: "sound"})

# Ctrl (or Cmd) + key commands; every other Ctrl combination is left to the system.
CTRL_KEYS: dict[int, str] = {pygame.K_z: UNDO}

# Number keys switch overlays off and on (a teacher's presenter keys; the lab's overlays start off).
OVERLAY_KEYS: dict[int, str] = {
    pygame.K_1: "arrows", pygame.K_2: "path", pygame.K_3: "labels", pygame.K_4: "isolines", pygame.K_5: "taylor",
    pygame.K_6: "hessian", pygame.K_7: "gradient-lab", pygame.K_8: "slice", pygame.K_9: "hessian-axes",
    pygame.K_0: "taylor-contours",
}
PAGE_BACK = (pygame.K_PAGEUP,)  # the panel's page before (so does Shift+V)
ARROWS: dict[int, tuple[int, int]] = {
    pygame.K_LEFT: (-1, 0),
    pygame.K_RIGHT: (1, 0),
    pygame.K_UP: (0, -1),
    pygame.K_DOWN: (0, 1),
}
# Keys that repeat while held (moving and erasing); every other key acts once per press, so holding Space
# or Enter, or the key-repeat timer firing while a level loads, never spends extra probes.
REPEATING = frozenset(ARROWS) | {pygame.K_BACKSPACE, pygame.K_DELETE}
# Keys that still work while a text field has focus.
TEXT_KEYS: dict[int, str] = {
    pygame.K_RETURN: CONFIRM,
    pygame.K_KP_ENTER: CONFIRM,
    pygame.K_ESCAPE: BACK,
    pygame.K_BACKSPACE: ERASE,
    pygame.K_DELETE: DELETE,
    pygame.K_HOME: HOME,
    pygame.K_END: END,
    pygame.K_F1: HELP,
    pygame.K_F11: FULLSCREEN,
}


class InputMapper:
    """Turns pygame events into actions. Holds the little state touch needs (where each finger went down)."""

    def __init__(self) -> None:
        self._fingers: dict[int, tuple[float, float]] = {}
        self._swallow: str | None = None  # the character of a command key: its TEXTINPUT twin is dropped
        self._held: set[int] = set()  # non-repeating keys that are down: their auto-repeats are ignored

    def map(self, event: pygame.event.Event, size: tuple[int, int], text_mode: bool = False) -> list[Action]:
        """Actions for one event. `size` is the window size (touch coordinates are 0–1);
        `text_mode` is True while a text field has focus (letters type instead of commanding)."""
        kind = event.type
        if kind == pygame.QUIT:
            return [Action(QUIT)]
        if kind == pygame.KEYDOWN:
            if event.key not in REPEATING:
                if event.key in self._held:
                    return []
                self._held.add(event.key)
            return self._key(event, text_mode)
        if kind == pygame.KEYUP:
            self._held.discard(event.key)
            return []
        if kind == pygame.WINDOWFOCUSLOST:
            self._held.clear()  # a key released in another window sends us no KEYUP
            return []
        if kind == pygame.TEXTINPUT:
            text = "".join(ch for ch in getattr(event, "text", "") if ch.isprintable())
            swallow, self._swallow = self._swallow, None
            if swallow is not None and text == swallow:
                return []  # "E" opened the entry: that "e" must not land in the new text field
            return [Action(TEXT, text=text)] if text_mode and text else []
        if kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.MOUSEBUTTONUP):
            if getattr(event, "touch", False):
                return []  # SDL's copy of a finger event: the finger events already count
            if kind == pygame.MOUSEBUTTONUP:
                return [Action(RELEASE, pos=_ints(event.pos))] if event.button == 1 else []
            if kind == pygame.MOUSEMOTION:
                return [Action(POINT, pos=_ints(event.pos))] + _drag(event)
            if kind == pygame.MOUSEBUTTONDOWN:
                return [Action(CLICK, pos=_ints(event.pos))] if event.button == 1 else []
            return [Action(ADJUST, dy=float(event.y))] if event.y else []
        if kind in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            return self._finger(event, size)
        if kind == pygame.DROPFILE and getattr(event, "file", None):
            return [Action(DROP, text=str(event.file))]
        if kind == pygame.VIDEORESIZE:
            return [Action(RESIZE, pos=_ints(event.size))]
        return []

    def _key(self, event: pygame.event.Event, text_mode: bool) -> list[Action]:
        actions = self._key_actions(event, text_mode)
        typed = getattr(event, "unicode", "")
        self._swallow = typed if actions and not text_mode and typed else None
        return actions

    def _key_actions(self, event: pygame.event.Event, text_mode: bool) -> list[Action]:
        key = event.key
        mods = getattr(event, "mod", 0)
        fine = bool(mods & pygame.KMOD_SHIFT)
        if key in ARROWS:
            dx, dy = ARROWS[key]
            return [Action(MOVE, dx=float(dx), dy=float(dy), fine=fine)]
        if key == pygame.K_TAB:
            return [Action(PREV if fine else NEXT)]
        if not text_mode and (key in PAGE_BACK or (key == pygame.K_v and fine)) and not mods & (
                pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return [Action(PAGE, dx=-1.0)]
        if text_mode:
            if key == pygame.K_v and mods & (pygame.KMOD_CTRL | pygame.KMOD_META):
                return [Action(PASTE)]
            name = TEXT_KEYS.get(key)
            return [Action(name, fine=fine)] if name else []  # Shift+Enter: a multi-line field's "done"
        if mods & (pygame.KMOD_CTRL | pygame.KMOD_META) and not mods & pygame.KMOD_ALT and key in CTRL_KEYS:
            return [Action(CTRL_KEYS[key])]
        if mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return []  # leave shortcuts such as Ctrl+R to the system
        if key in OVERLAY_KEYS:
            return [Action(TOGGLE, text=OVERLAY_KEYS[key])]
        name = KEYS.get(key)
        return [Action(name, dx=KEY_DX.get(key, 0.0), fine=fine)] if name else []  # Shift: A five steps, - = tune β

    def _finger(self, event: pygame.event.Event, size: tuple[int, int]) -> list[Action]:
        width, height = size
        pos = (int(round(event.x * width)), int(round(event.y * height)))
        finger = getattr(event, "finger_id", 0)
        if event.type == pygame.FINGERDOWN:
            self._fingers[finger] = (event.x, event.y)
            return [Action(POINT, pos=pos)]
        if event.type == pygame.FINGERMOTION:
            moved = (float(getattr(event, "dx", 0.0)) * width, float(getattr(event, "dy", 0.0)) * height)
            return [Action(POINT, pos=pos)] + ([Action(DRAG, dx=moved[0], dy=moved[1], pos=pos)] if any(moved) else [])
        start = self._fingers.pop(finger, None)
        if start is not None and abs(event.x - start[0]) <= TAP_SLOP and abs(event.y - start[1]) <= TAP_SLOP:
            return [Action(CLICK, pos=pos), Action(RELEASE, pos=pos)]
        return [Action(POINT, pos=pos), Action(RELEASE, pos=pos)]  # the end of a drag aims; it does not probe


def _drag(event: pygame.event.Event) -> list[Action]:
    """A DRAG of the mouse's motion while its main button is down (the 3D view turns), else nothing."""
    buttons = getattr(event, "buttons", (0,))
    rel = getattr(event, "rel", (0, 0))
    if not (buttons and buttons[0]) or not any(rel):
        return []
    return [Action(DRAG, dx=float(rel[0]), dy=float(rel[1]), pos=_ints(event.pos))]


def _ints(pair: Any) -> tuple[int, int]:
    return int(pair[0]), int(pair[1])


__all__ = ["InputMapper", "KEYS", "ARROWS", "REPEATING", "TEXT_KEYS"]
