"""Blocks of (priority, height, draw) flowed into the panel's columns, least important dropped first; the pen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pygame

from game.core.layout import Box
from game.text.catalog import t
from game.text.numbers import fmt_number
from game.ui.fonts import Fonts, fit_size
from game.ui.palette import Palette

Draw = Callable[[int, int, int], None]  # draw(x, y, width) at the block's place
Block = tuple[int, int, Draw]  # (priority, height in px, draw)

# Block priorities (0 = always shown; when space is short the highest number goes first, later blocks first on a
# tie). The Hessian is the lesson of its levels, so it outranks the guess line, the arrow legend and the history.
PRIORITY_CORE = 0
PRIORITY_DETAIL = 1  # ∂f/∂x, ∂f/∂y, last step, score
PRIORITY_HESSIAN = 2
PRIORITY_GUESS = 3
PRIORITY_TAYLOR_CHECK = 3  # after a probe: T₁ and T₂ against the measured height (kept longest of its rank)
PRIORITY_ARROW_LEGEND = 3
PRIORITY_HISTORY = 4
PRIORITY_VERDICT_TEXT = 1  # after the claim: the verdict's explanation
PRIORITY_MAP_LEGEND = 2  # after the claim: star / triangle / flag legend
PRIORITY_SPARE = 3  # after the claim: the level's name and the note ("New best!") under the legend
STEP_COLOURS = {"trusted": "good", "jump": "good", "overshoot": "bad", "undefined": "bad", "repeat": "bad"}


@dataclass
class Pen:
    """What every block draws with: the target, palette, fonts, language, column width and line heights."""

    target: pygame.Surface
    palette: Palette
    fonts: Fonts
    lang: str
    col_w: int
    tr: Callable[[str], str] | None = None
    s: float = field(init=False)
    h_small: int = field(init=False)
    h_body: int = field(init=False)
    h_head: int = field(init=False)
    h_big: int = field(init=False)

    def __post_init__(self) -> None:
        self.s = self.fonts.scale
        self.h_small, self.h_body, self.h_head, self.h_big = (
            self.fonts.font(size).get_height() for size in ("small", "body", "heading", "big"))

    def fmt(self, value: float | None, zero: float = 0.0) -> str:
        """A number in the HUD's format and language ("0" at or below the noise floor `zero`)."""
        return fmt_number(value, self.lang, zero)

    def label(self, key: str, **values: Any) -> str:
        """The catalogue text for `key` (through the scene's lookup when it knows the key), filled in."""
        text = self.tr(key) if self.tr is not None else key
        if not text or text == key:
            text = t(key, self.lang)
        try:
            return text.format(**values) if values else text
        except (KeyError, IndexError, ValueError):
            return text

    def px(self, logical: float) -> int:
        """Logical px at the panel's scale."""
        return int(logical * self.s)

    def caption_value(self, x: int, y: int, w: int, caption: str, value: str, colour: tuple | None = None) -> None:
        """A small caption over a big numeral (shrunk to fit `w`)."""
        self.fonts.draw(self.target, caption, (x, y), "small", self.palette.muted_text)
        size = fit_size(self.fonts, value, ("big", "title", "heading"), w)
        self.fonts.draw(self.target, value, (x, y + self.h_small), size, colour or self.palette.panel_text)

    def step_colour(self, step: str, default: tuple) -> tuple:
        """The colour of a step word (good, bad, or `default`)."""
        name = STEP_COLOURS.get(step)
        return getattr(self.palette, name) if name else default


class Flow:
    """Blocks flowed into one column (side panel) or several (bottom panel)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, priority: int, height: int, draw: Draw) -> None:
        """Append a block."""
        self.blocks.append((priority, height, draw))

    def extend(self, blocks: list[Block]) -> None:
        """Append several blocks in order."""
        self.blocks.extend(blocks)

    def run(self, area: Box, columns: int, gap: int) -> list[int]:
        """Draw the blocks that fit, dropping the least important first; returns the dropped priorities."""
        blocks = list(self.blocks)
        dropped: list[int] = []
        col_w = (area.w - gap * (columns - 1)) // max(1, columns)
        while blocks:
            placed = self._place(blocks, area, columns, col_w, gap)
            if placed is not None:
                for (x, y), (_, _, draw) in zip(placed, blocks):
                    draw(x, y, col_w)
                return dropped
            worst = max(range(len(blocks)), key=lambda i: (blocks[i][0], i))
            dropped.append(blocks[worst][0])
            del blocks[worst]
        return dropped

    @staticmethod
    def _place(blocks: list[Block], area: Box, columns: int, col_w: int, gap: int) -> list[tuple[int, int]] | None:
        out = []
        col, y = 0, area.y
        for _, height, _ in blocks:
            if y + height > area.bottom and y > area.y:
                col, y = col + 1, area.y
            if col >= columns or y + height > area.bottom:
                return None
            out.append((area.x + col * (col_w + gap), y))
            y += height + gap
        return out


def step_kind(probe: Any) -> str:
    """The word to show for a probe's step: a repeated measurement says so, whatever its gain ratio."""
    return "repeat" if probe.wasted and probe.defined else probe.step
