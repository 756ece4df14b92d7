"""Named input actions and the one mapping from pygame events (keys, mouse, touch) to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

# Action kinds. Scenes see only these, never raw events.
MOVE = "move"              # dx, dy in screen directions (right, down = +1); fine = small steps
POINT = "point"            # pointer hovers / drags at pixel `pos`
CLICK = "click"            # a press or a tap at pixel `pos`
PROBE = "probe"            # probe at the cursor, or at surface point `at` (autoplay)
CLAIM = "claim"            # claim the summit
PREDICT = "predict"        # open the height-guess input
CONFIRM = "confirm"        # Enter: accept / choose
BACK = "back"              # Esc: cancel, back, pause during play
HELP = "help"
PAUSE = "pause"
FULLSCREEN = "fullscreen"
NEXT = "next"              # next level (after a result), next item
PREV = "prev"
TEXT = "text"              # typed characters in `text`
ERASE = "erase"            # Backspace in a text field
DELETE = "delete"          # Delete in a text field
ADJUST = "adjust"          # mouse wheel: dy steps (+1 = up)
EXPR = "expr"              # open the custom-expression entry
CODE = "code"              # open the class-code entry
LEVELS = "levels"          # open level select
RESTART = "restart"        # restart the level
RESIZE = "resize"          # the window now has size `pos`
QUIT = "quit"              # the window was closed

KINDS = (MOVE, POINT, CLICK, PROBE, CLAIM, PREDICT, CONFIRM, BACK, HELP, PAUSE, FULLSCREEN, NEXT, PREV, TEXT,
         ERASE, DELETE, ADJUST, EXPR, CODE, LEVELS, RESTART, RESIZE, QUIT)

TAP_SLOP = 0.02  # a finger that moves less than this (fraction of the screen) between down and up taps


@dataclass(frozen=True)
class Action:
    """One thing the player asked for; plain data, so it can be recorded and replayed."""

    kind: str
    dx: float = 0.0
    dy: float = 0.0
    fine: bool = False
    pos: tuple[int, int] | None = None
    at: tuple[float, float] | None = None
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        """The fields that differ from the defaults, as JSON-ready data."""
        data: dict[str, Any] = {"kind": self.kind}
        if self.dx:
            data["dx"] = self.dx
        if self.dy:
            data["dy"] = self.dy
        if self.fine:
            data["fine"] = True
        if self.pos is not None:
            data["pos"] = list(self.pos)
        if self.at is not None:
            data["at"] = list(self.at)
        if self.text:
            data["text"] = self.text
        return data

    @classmethod
    def from_json(cls, data: Any) -> "Action":
        """Rebuild an action from `to_json` data; raise ValueError when it is malformed."""
        if not isinstance(data, dict) or data.get("kind") not in KINDS:
            raise ValueError(f"not an action: {str(data)[:60]}")
        unknown = set(data) - {"kind", "dx", "dy", "fine", "pos", "at", "text"}
        if unknown:
            raise ValueError(f"unknown action field {sorted(unknown)[0]!r}")

        def number(value: Any) -> float:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not abs(value) <= MAX_COORDINATE:
                raise ValueError(f"not a number from -{MAX_COORDINATE:g} to {MAX_COORDINATE:g}: {str(value)[:30]}")
            return float(value)

        def pair(value: Any, kind: type) -> Any:
            if value is None:
                return None
            if not isinstance(value, list) or len(value) != 2:
                raise ValueError(f"not a pair: {str(value)[:30]}")
            return (kind(number(value[0])), kind(number(value[1])))

        text = data.get("text", "")
        if not isinstance(text, str) or len(text) > 200:
            raise ValueError("bad text field")
        fine = data.get("fine", False)
        if not isinstance(fine, bool):
            raise ValueError("bad fine field")
        return cls(data["kind"], number(data.get("dx", 0.0)), number(data.get("dy", 0.0)), fine,
                   pair(data.get("pos"), int), pair(data.get("at"), float), text)


MAX_COORDINATE = 1e6  # recorded numbers (pixels, surface points, steps) beyond this are not real input

# Command keys (when no text field has focus). One table: the help screen lists it.
KEYS: dict[int, str] = {
    pygame.K_SPACE: PROBE,
    pygame.K_RETURN: CONFIRM,
    pygame.K_KP_ENTER: CONFIRM,
    pygame.K_c: CLAIM,
    pygame.K_p: PREDICT,
    pygame.K_h: HELP,
    pygame.K_F1: HELP,
    pygame.K_ESCAPE: BACK,
    pygame.K_PAUSE: PAUSE,
    pygame.K_F11: FULLSCREEN,
    pygame.K_e: EXPR,
    pygame.K_k: CODE,
    pygame.K_l: LEVELS,
    pygame.K_r: RESTART,
    pygame.K_n: NEXT,
}
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
        if kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL):
            if getattr(event, "touch", False):
                return []  # SDL's copy of a finger event: the finger events already count
            if kind == pygame.MOUSEMOTION:
                return [Action(POINT, pos=_ints(event.pos))]
            if kind == pygame.MOUSEBUTTONDOWN:
                return [Action(CLICK, pos=_ints(event.pos))] if event.button == 1 else []
            return [Action(ADJUST, dy=float(event.y))] if event.y else []
        if kind in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            return self._finger(event, size)
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
        if text_mode:
            name = TEXT_KEYS.get(key)
            return [Action(name)] if name else []
        if mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return []  # leave shortcuts such as Ctrl+R to the system
        name = KEYS.get(key)
        return [Action(name)] if name else []

    def _finger(self, event: pygame.event.Event, size: tuple[int, int]) -> list[Action]:
        width, height = size
        pos = (int(round(event.x * width)), int(round(event.y * height)))
        finger = getattr(event, "finger_id", 0)
        if event.type == pygame.FINGERDOWN:
            self._fingers[finger] = (event.x, event.y)
            return [Action(POINT, pos=pos)]
        if event.type == pygame.FINGERMOTION:
            return [Action(POINT, pos=pos)]
        start = self._fingers.pop(finger, None)
        if start is not None and abs(event.x - start[0]) <= TAP_SLOP and abs(event.y - start[1]) <= TAP_SLOP:
            return [Action(CLICK, pos=pos)]
        return [Action(POINT, pos=pos)]  # the end of a drag aims; it does not probe


def _ints(pair: Any) -> tuple[int, int]:
    return int(pair[0]), int(pair[1])


__all__ = ["Action", "InputMapper", "KEYS", "ARROWS", "REPEATING", "KINDS"] + [name.upper() for name in KINDS]
