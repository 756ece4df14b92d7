"""Blocks of (priority, height, draw) flowed into the panel's columns, on pages when they do not all fit; the pen.

When every block fits, one page shows them all. Otherwise the blocks go on pages (the panel puts the title and a
"1/2 (V) ▶" control at the top of every page; V, Page Down or a click turns it): page 1 takes the most important
blocks that fit (lowest priority number first, then reading order), page 2 the most important of the rest, and so
on; each page keeps reading order. Nothing is dropped
unless one block alone is taller than a page (no built-in block is, at any supported size: tests/test_classroom).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pygame

from game.core.layout import Box
from game.text.catalog import t
from game.text.numbers import fmt_number
from game.ui.fonts import Fonts, fit_size, wrap
from game.ui.palette import Palette

Draw = Callable[[int, int, int], None]  # draw(x, y, width) at the block's place
Block = tuple[int, int, Draw]  # (priority, height in px, draw)

# Block priorities (0 = core: on the first page; when the blocks need pages, the lowest numbers fill page 1 first,
# earlier blocks first on a tie). The Hessian is the lesson of its levels, so it outranks the guess line, the arrow
# legend and the history.
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
    page_h: int | None = None  # the height of one page of the panel (blocks taller than this keep within it)
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

    def fitted(self, text: str, sizes: tuple, width: int) -> tuple[float | str, list[str]]:
        """(size, lines): one line at the largest of `sizes` that fits `width`; else wrapped at the first size
        (never cut; a word longer than the width stays whole on its own line)."""
        size = fit_size(self.fonts, text, sizes, width)
        if self.fonts.measure(text, size)[0] <= width:
            return size, [text]
        return sizes[0], wrap(self.fonts, text, sizes[0], width)

    def step_colour(self, step: str, default: tuple) -> tuple:
        """The colour of a step word (good, bad, or `default`)."""
        name = STEP_COLOURS.get(step)
        return getattr(self.palette, name) if name else default


@dataclass
class Pages:
    """What `Flow.run` drew: which page of how many, where each block went and where the page control is."""

    page: int = 0  # the page drawn, 0-based
    count: int = 1  # pages the blocks need (1: all of them fit)
    blocks: int = 0  # how many blocks the flow had
    priorities: list[int] = field(default_factory=list)  # each block's priority, by index
    pages: list[list[int]] = field(default_factory=list)  # block indices (flow order) on each page
    boxes: list[tuple[int, Box]] = field(default_factory=list)  # (block index, its box) of the blocks drawn
    dropped: list[int] = field(default_factory=list)  # priorities of blocks taller than a whole page
    control: Box | None = None  # the page control ("1/2 (V) ▶"), when count > 1

    def on_page(self, number: int = 0) -> list[int]:
        """The priorities of the blocks on page `number` (0: the first)."""
        return [self.priorities[i] for i in self.pages[number]] if number < len(self.pages) else []


class Flow:
    """Blocks flowed into one column (side panel) or several (bottom panel), paged when they do not all fit."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, priority: int, height: int, draw: Draw) -> None:
        """Append a block."""
        self.blocks.append((priority, height, draw))

    def extend(self, blocks: list[Block]) -> None:
        """Append several blocks in order."""
        self.blocks.extend(blocks)

    def fits(self, area: Box, columns: int, gap: int) -> bool:
        """True when every block fits on one page of `area`."""
        col_w = (area.w - gap * (columns - 1)) // max(1, columns)
        return self._place(self.blocks, area, columns, col_w, gap) is not None

    def run(self, area: Box, columns: int, gap: int, page: int = 0) -> Pages:
        """Draw page `page` (clamped to the last) of the blocks: all of them when they fit, else their pages."""
        col_w = (area.w - gap * (columns - 1)) // max(1, columns)
        result = Pages(blocks=len(self.blocks), priorities=[block[0] for block in self.blocks])
        if self.fits(area, columns, gap):
            result.pages = [list(range(len(self.blocks)))]
        else:
            result.pages, result.dropped = self.paginate(area, columns, col_w, gap)
        result.count = max(1, len(result.pages))
        result.page = min(max(0, page), result.count - 1)
        shown = result.pages[result.page] if result.pages else []
        placed = self._place([self.blocks[i] for i in shown], area, columns, col_w, gap) or []
        for index, (x, y) in zip(shown, placed):
            box = Box(x, y, col_w, self.blocks[index][1])
            result.boxes.append((index, box))
            self._draw(self.blocks[index], box)
        return result

    def paginate(self, area: Box, columns: int, col_w: int, gap: int) -> tuple[list[list[int]], list[int]]:
        """Pages of block indices (each in reading order): every page takes the most important blocks left that
        fit with it (a core block that does not fit ends the page, so the core stays in order and first); a block
        too tall for an empty page is dropped (its priority is returned)."""
        left = sorted(range(len(self.blocks)), key=lambda i: (self.blocks[i][0], i))
        pages: list[list[int]] = []
        dropped: list[int] = []
        while left:
            page: list[int] = []
            for index in left:
                trial = sorted(page + [index])
                if self._place([self.blocks[i] for i in trial], area, columns, col_w, gap) is not None:
                    page = trial
                elif page and self.blocks[index][0] == PRIORITY_CORE:
                    break  # core blocks keep their order: a later block never takes the place of one
            if not page:  # the most important block left does not fit even alone
                dropped.append(self.blocks[left[0]][0])
                left = left[1:]
                continue
            pages.append(page)
            left = [i for i in left if i not in page]
        return pages, dropped

    @staticmethod
    def _draw(block: Block, box: Box) -> None:
        """Draw one block at its box (one place, so tests can see which block draws what)."""
        block[2](box.x, box.y, box.w)

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
