"""The small pieces screens share: buttons, stars, a vertical menu, background, dimming, fitting and shortening."""

from __future__ import annotations

import math
from typing import Any, Callable

import pygame

from game.core import actions as A
from game.ui.fonts import Fonts, fit_size, wrap
from game.ui.palette import Palette
from game.ui.views.glyphs import draw_star

Rect = pygame.Rect
MAX_SHRINK = 0.875  # a screen may shrink the UI scale to fit the window, but not below this share of it
ButtonSpec = tuple[str, str, bool, bool]  # (name, label, primary, enabled)


def hit(rects: dict[Any, Rect], pos: tuple[int, int]) -> Any:
    """The key of the first rect containing `pos`, or None."""
    return next((key for key, rect in rects.items() if rect.collidepoint(pos)), None)


def fit_scale(size: tuple[int, int], ui_scale: float, needed_height: float, needed_width: float = 0.0) -> float:
    """The UI scale for a screen whose content needs this many logical px: `ui_scale`, shrunk (never below 1,
    nor below MAX_SHRINK of it) so it fits a window of `size`."""
    width, height = size
    scale = ui_scale
    if needed_height > 0:
        scale = min(scale, height / needed_height)
    if needed_width > 0:
        scale = min(scale, width / needed_width)
    floor = max(1.0, ui_scale * MAX_SHRINK)  # classroom text stays large (DESIGN: ≥ 28 px at 2×)
    return max(floor, math.floor(scale * 8) / 8)


def ellipsize(fonts: Fonts, text: str, size: str | float, width: int) -> str:
    """`text`, shortened with "…" until it fits `width` px."""
    if fonts.measure(text, size)[0] <= width:
        return text
    while len(text) > 1 and fonts.measure(text + "…", size)[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_stars(target: pygame.Surface, center: tuple[float, float], stars: int, radius: float, palette: Palette,
               total: int = 3, gap: float | None = None, outline: int | None = None) -> None:
    """`total` stars in a row centred on `center`, `gap` px apart (2.4 radii unless given); the first `stars`
    filled gold, the rest hollow."""
    gap = radius * 2.4 if gap is None else gap
    width = max(1, int(radius / 7)) if outline is None else outline
    x0 = center[0] - gap * (total - 1) / 2
    for i in range(total):
        filled = i < stars
        draw_star(target, (x0 + i * gap, center[1]), radius, palette.summit if filled else palette.panel,
                  palette.arrow_outline if filled else palette.muted_text, width)


def button_label(fonts: Fonts, text: str, box: Any) -> tuple[str | float, list[str]]:
    """(size, lines) of a button's label: one line at the largest size that fits, clear of the rounded corners;
    when even the small size is too wide (a long word in a narrow button), on lines; when those do not fit the
    height either, shortened with "…". Never drawn past the button's edge."""
    rect = pygame.Rect(tuple(box))
    sizes = ("body", "label", "small")
    for room in (rect.w - max(8, rect.h // 4), rect.w - 8):  # clear of the rounded corners; else nearly to them
        size = fit_size(fonts, text, sizes, room)
        width, line_h = fonts.measure(text, size)
        if width <= room:
            return size, [text]
    lines = wrap(fonts, text, size, room)
    if len(lines) * line_h > rect.h or any(fonts.measure(line, size)[0] > room for line in lines):
        return size, [fonts.ellipsize(text, size, room)]
    return size, lines


def draw_button(target: pygame.Surface, box: Any, text: str, palette: Palette, fonts: Fonts, primary: bool = False,
                hover: bool = False, enabled: bool = True) -> None:
    """A rounded button (a touch target); the primary one in the accent colour."""
    rect = pygame.Rect(tuple(box))
    radius = max(4, rect.h // 4)
    if primary:
        fill, ink = palette.accent, palette.arrow_outline
    else:
        fill, ink = palette.button, palette.button_text
    if hover and enabled:
        fill = tuple(min(255, int(c * 1.15) + 12) for c in fill)
    if not enabled:
        fill, ink = palette.panel, palette.muted_text
    pygame.draw.rect(target, fill, rect, border_radius=radius)
    pygame.draw.rect(target, palette.panel_edge if not primary else palette.arrow_outline, rect,
                     max(1, int(fonts.scale)), border_radius=radius)
    size, lines = button_label(fonts, text, rect)
    line_h = fonts.measure(text, size)[1]
    top = rect.centery - line_h * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        fonts.draw(target, line, (rect.centerx, top + i * line_h), size, ink, "center")


def draw_buttons(target: pygame.Surface, boxes: dict[str, Any], palette: Palette, fonts: Fonts,
                 buttons: tuple[ButtonSpec, ...], hover: str | None = None) -> None:
    """The buttons of `buttons` that have a box in `boxes`."""
    for name, text, primary, enabled in buttons:
        box = boxes.get(name)
        if box is not None:
            draw_button(target, box, text, palette, fonts, primary=primary, hover=hover == name, enabled=enabled)


def draw_background(target: pygame.Surface, palette: Any) -> None:
    """Fill with the palette's background and a faint vertical gradient."""
    target.fill(palette.background)
    width, height = target.get_size()
    top = palette.panel
    steps = 12
    for i in range(steps):
        t = 1 - i / steps
        color = tuple(int(b + (c - b) * t * 0.5) for b, c in zip(palette.background, top))
        pygame.draw.rect(target, color, (0, i * height // (steps * 3), width, height // (steps * 3) + 1))


def dim(target: pygame.Surface, alpha: int = 170) -> None:
    """Darken everything drawn so far (behind an overlay): a small translucent tile blitted over the whole target
    (a window-sized shade was 33 MB a frame at 3840×2160)."""
    tile = _SHADES.get(alpha)
    if tile is None:
        tile = _SHADES[alpha] = pygame.Surface((SHADE_TILE, SHADE_TILE), pygame.SRCALPHA)
        tile.fill((0, 0, 0, alpha))
    width, height = target.get_size()
    target.blits([(tile, (x, y)) for y in range(0, height, SHADE_TILE) for x in range(0, width, SHADE_TILE)],
                 doreturn=False)


SHADE_TILE = 256  # px: the dim() tile (256 KB)
_SHADES: dict[int, pygame.Surface] = {}  # dim() tiles by alpha (a handful: each overlay has its own)


class Menu:
    """A vertical list of choices: arrows/Tab move, Enter/Space choose, the pointer hovers and clicks."""

    def __init__(self, items: list[tuple[str, Callable[[], None]]], selected: int = 0) -> None:
        self.items = items
        self.selected = max(0, min(selected, len(items) - 1))

    def rects(self, center_x: int, top: int, width: int, row_h: int, gap: int) -> list[Rect]:
        """Where each item sits (pure, so handle() and draw() agree)."""
        return [Rect(center_x - width // 2, top + i * (row_h + gap), width, row_h) for i in range(len(self.items))]

    def handle(self, action: A.Action, rects: list[Rect]) -> bool:
        """Apply a menu action; True when it was used. Choosing runs the item's callback."""
        kind = action.kind
        count = len(self.items)
        if kind == A.MOVE and action.dy:
            self.selected = (self.selected + (1 if action.dy > 0 else -1)) % count
        elif kind == A.NEXT:
            self.selected = (self.selected + 1) % count
        elif kind == A.PREV:
            self.selected = (self.selected - 1) % count
        elif kind in (A.CONFIRM, A.PROBE):
            self.items[self.selected][1]()
        elif kind in (A.POINT, A.CLICK) and action.pos is not None:
            for index, rect in enumerate(rects):
                if rect.collidepoint(action.pos):
                    self.selected = index
                    if kind == A.CLICK:
                        self.items[index][1]()
                    return True
            return False
        else:
            return False
        return True

    def draw(self, target: pygame.Surface, fonts: Fonts, rects: list[Rect], palette: Any) -> None:
        """Draw the items as buttons, the selected one highlighted."""
        for index, (rect, (label, _)) in enumerate(zip(rects, self.items)):
            draw_button(target, rect, label, palette, fonts, primary=index == self.selected)


__all__ = ["Menu", "ButtonSpec", "hit", "button_label", "fit_scale", "ellipsize", "draw_stars", "draw_button", "draw_buttons",
           "draw_background", "dim"]
