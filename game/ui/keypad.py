"""An on-screen keypad for text fields (touch): each key is an Action the field already understands.

Generic: a field builds a Keypad from rows of Keys (or a ready layout: `keypad_for("code" | "expr" | "number")`),
places it in a rectangle, and feeds `action_at(pos)` back into its own `handle()` — TEXT types, ERASE deletes,
MOVE moves the caret, CONFIRM submits, BACK cancels. Keys are tap targets of at least MIN_KEY px × the UI scale."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core import actions as A
from game.text.catalog import t
from game.ui.fonts import Fonts
from game.ui.palette import Palette
from game.ui.widgets import draw_button

MIN_KEY = 44  # logical px: the smallest side of a key (a fingertip)
GAP = 6  # logical px between keys


@dataclass(frozen=True)
class Key:
    """One key: what it shows, the action a tap gives, and how many columns it spans."""

    label: str
    action: A.Action
    span: int = 1


def _typing(chars: str) -> tuple[Key, ...]:
    return tuple(Key(ch, A.Action(A.TEXT, text=ch)) for ch in chars)


def _word(key: str, kind: str, lang: str, span: int = 1, **fields: float) -> Key:
    return Key(t(f"access.keypad.{key}", lang), A.Action(kind, **fields), span)


def keypad_for(kind: str, lang: str = "en") -> "Keypad":
    """A ready keypad: "code" (letters, digits, dash), "expr" (a formula in x and y), "number" (a height guess)."""
    if kind == "code":
        rows = (_typing("ABCDEFGHIJ"), _typing("KLMNOPQRST"), _typing("UVWXYZ-") + (
                    _word("left", A.MOVE, lang, dx=-1.0), _word("right", A.MOVE, lang, dx=1.0),
                    _word("erase", A.ERASE, lang)), _typing("0123456789"),
                (_word("back", A.BACK, lang, 3), _word("new", A.NEXT, lang, 3), _word("ok", A.CONFIRM, lang, 4)))
    elif kind == "expr":
        functions = tuple(Key(name, A.Action(A.TEXT, text=name + "(")) for name in ("exp", "sin", "cos", "sqrt", "log"))
        rows = (_typing("789+-()"), _typing("456*/^,"), _typing("1230.xy"),
                functions + (Key("pi", A.Action(A.TEXT, text="pi")), Key("e", A.Action(A.TEXT, text="e"))),
                (_word("left", A.MOVE, lang, dx=-1.0), _word("right", A.MOVE, lang, dx=1.0),
                 _word("erase", A.ERASE, lang), _word("back", A.BACK, lang, 2), _word("ok", A.CONFIRM, lang, 2)))
    elif kind == "number":
        rows = (_typing("789") + (_word("up", A.MOVE, lang, dy=-1.0),),
                _typing("456") + (_word("down", A.MOVE, lang, dy=1.0),),
                _typing("123") + (_word("erase", A.ERASE, lang),),
                (Key("\u2212", A.Action(A.TEXT, text="-")),) + _typing("0.") + (_word("ok", A.CONFIRM, lang),))
    else:
        raise ValueError(f"no keypad {kind!r}")
    return Keypad(rows)


class Keypad:
    """Rows of keys placed in a rectangle; `action_at` turns a tap into the key's action."""

    def __init__(self, rows: tuple[tuple[Key, ...], ...]) -> None:
        self.rows = rows
        self.columns = max(sum(key.span for key in row) for row in rows)
        self.placed: list[tuple[pygame.Rect, Key]] = []

    def height_for(self, width: int, scale: float, most: int | None = None) -> int:
        """The height the keys want at `width` (square-ish keys, at least MIN_KEY × scale, at most `most`)."""
        gap = int(GAP * scale)
        cell = max(int(MIN_KEY * scale), min(int(72 * scale), (width - (self.columns - 1) * gap) // self.columns))
        want = len(self.rows) * cell + (len(self.rows) - 1) * gap
        return want if most is None else max(self.min_height(scale), min(want, most))

    def min_height(self, scale: float) -> int:
        """The least height that keeps every key a tap target."""
        return len(self.rows) * int(MIN_KEY * scale) + (len(self.rows) - 1) * int(GAP * scale)

    def place(self, area: pygame.Rect, scale: float) -> list[tuple[pygame.Rect, Key]]:
        """Lay the keys out in `area` (centred, keys as wide as the columns allow, never under MIN_KEY × scale)."""
        gap = int(GAP * scale)
        cell_w = max(int(MIN_KEY * scale), (area.w - (self.columns - 1) * gap) // self.columns)
        cell_h = max(int(MIN_KEY * scale), min(cell_w, (area.h - (len(self.rows) - 1) * gap) // len(self.rows)))
        total_h = len(self.rows) * cell_h + (len(self.rows) - 1) * gap
        top = area.y + max(0, (area.h - total_h) // 2)
        self.placed = []
        for r, row in enumerate(self.rows):
            width = sum(key.span for key in row) * (cell_w + gap) - gap
            x = area.centerx - width // 2
            for key in row:
                w = key.span * (cell_w + gap) - gap
                self.placed.append((pygame.Rect(x, top + r * (cell_h + gap), w, cell_h), key))
                x += w + gap
        return self.placed

    def bounds(self) -> pygame.Rect | None:
        """The rectangle around the placed keys (None before `place`)."""
        if not self.placed:
            return None
        return self.placed[0][0].unionall([rect for rect, _ in self.placed[1:]])

    def action_at(self, pos: tuple[int, int]) -> A.Action | None:
        """The action of the key under `pos`, or None."""
        for rect, key in self.placed:
            if rect.collidepoint(pos):
                return key.action
        return None

    def draw(self, target: pygame.Surface, fonts: Fonts, palette: Palette, hover: tuple[int, int] | None = None) -> None:
        """Draw the placed keys (the one under `hover` highlighted; OK in the accent colour)."""
        for rect, key in self.placed:
            primary = key.action.kind == A.CONFIRM
            draw_button(target, rect, key.label, palette, fonts, primary=primary,
                        hover=hover is not None and rect.collidepoint(hover))


__all__ = ["Key", "Keypad", "keypad_for", "MIN_KEY"]
