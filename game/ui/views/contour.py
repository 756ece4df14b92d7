"""The contour map: filled height bands, isolines and height labels, rendered once into a cached image.

ContourMap turns the surface into 8-bit palette indices (contour_field), copies them into an 8-bit palette
surface, blits that into a display-format image and labels the major isolines (contour_labels).
"""

from __future__ import annotations

import math
import weakref
from typing import Any, Callable

import numpy as np
import pygame

from game.text.catalog import t as text_of
from game.text.numbers import MINUS, fmt_number
from game.ui.fonts import Fonts, get_fonts
from game.ui.palette import DEFAULT_BANDS, Palette
from game.ui.views.contour_field import MAX_BANDS, WorkBuffers, field_indices, palette_colors, value_range
from game.ui.views.contour_labels import SAME_SPACING, choose_labels
from game.ui.views.contour_levels import BandLevels, levels_for

__all__ = ["ContourMap", "value_range"]

KEEP_WORK_PIXELS = 1920 * 1080  # larger maps free their work buffers after each render (~5 bytes a pixel)
RENDER_MAX_PIXELS = 2 * 1920 * 1080  # larger maps are rendered at 1/k size (k whole) and scaled up (nearest)
COARSE_MIN_PIXELS = 1_000_000  # with coarse_first, a new map larger than this is drawn at half resolution first


def render_factor(size: tuple[int, int]) -> int:
    """The whole factor k by which a map of `size` is rendered smaller: 1 up to RENDER_MAX_PIXELS (every
    ordinary window), 2 for 3840×2160 (rendered at 1920×1080: a first frame at 4K stays well under 250 ms)."""
    w, h = size
    return max(1, math.ceil(math.sqrt(w * h / RENDER_MAX_PIXELS) - 1e-9))


_LEVELS: dict[tuple, tuple[Any, BandLevels]] = {}  # (id(surface), lo, hi, bands) → (weakref to it, its levels)
LEVELS_KEPT = 8  # surfaces whose band levels are kept (a few kB each): switching back does not sample again


def cached_levels(surface: Any, lo: float, hi: float, bands: int) -> BandLevels:
    """levels_for(surface, lo, hi, bands), remembered for the last LEVELS_KEPT surfaces (a surface's heights
    never change; the entry is checked against a weak reference, so a reused id never matches)."""
    key = (id(surface), lo, hi, bands)
    hit = _LEVELS.pop(key, None)
    if hit is not None and hit[0]() is surface:
        _LEVELS[key] = hit  # most recently used last
        return hit[1]
    levels = levels_for(surface, lo, hi, bands)
    try:
        ref = weakref.ref(surface)
    except TypeError:  # not weakly referable: not kept
        return levels
    while len(_LEVELS) >= LEVELS_KEPT:
        _LEVELS.pop(next(iter(_LEVELS)))
    _LEVELS[key] = (ref, levels)
    return levels


_EMPTY = pygame.Surface((1, 1))  # a placeholder image while the one of a new size is made


class ContourMap:
    """Cached contour-map image of a surface at a pixel size; `update()` re-renders only on a key change."""

    def __init__(self, surface: Any, map_size: tuple[int, int], palette: Palette, bands: int = DEFAULT_BANDS,
                 ui_scale: float = 1.0, isolines: bool = True, labels: bool = True, half: bool | None = None,
                 fonts: Fonts | None = None, lang: str = "en", coarse_first: bool = False) -> None:
        self.surface = surface
        self.size = (max(1, int(map_size[0])), max(1, int(map_size[1])))
        self.palette = palette
        self.bands = max(2, min(int(bands), MAX_BANDS))
        self.ui_scale = float(ui_scale)
        self.isolines = isolines
        self.labels = labels
        self.half = half
        self.lang = lang  # the isoline labels' number format (decimal comma in German)
        self.fonts = fonts or get_fonts(self.ui_scale)
        self.renders = 0  # how often the image was (re)built: the cache test reads it
        self.indices: np.ndarray | None = None  # (h, w) uint8 palette indices of the last render (at 1/k size
        # on maps rendered smaller, see render_factor)
        self.levels: BandLevels | None = None  # the band edges of the last render (contour_levels)
        self.label_rects: list[pygame.Rect] = []
        self.visible_label_rects: list[pygame.Rect] = []  # screen rects left by the last hide_labels
        self.label_texts: list[str] = []  # the isoline height labels drawn (number format follows lang)
        self.image: pygame.Surface = _EMPTY  # made in the display's format by the first render
        self._key: tuple | None = None
        self._indexed: pygame.Surface | None = None
        self._work: WorkBuffers | None = None
        self._levels_key: tuple | None = None
        self.coarse = False  # the image is the half-resolution first draw: sharpen() replaces it
        self.update(coarse_first=coarse_first)

    def key(self) -> tuple:
        """What the image depends on."""
        return (id(self.surface), self.size, self.palette.name, self.bands, self.isolines, self.labels, self.half,
                self.ui_scale, self.lang if self.labels and self.isolines else None)

    def update(self, surface: Any = None, map_size: tuple[int, int] | None = None, palette: Palette | None = None,
               isolines: bool | None = None, labels: bool | None = None, lang: str | None = None,
               coarse_first: bool = False) -> bool:
        """Apply changes; re-render only if the key changed. Returns True when it re-rendered.

        With `coarse_first` a map over COARSE_MIN_PIXELS is rendered at half resolution (a quarter of the work)
        and `coarse` is set: a window's first frame at a new size stays short, and sharpen() on a later frame
        draws the real map."""
        if surface is not None:
            self.surface = surface
        if map_size is not None:
            self.size = (max(1, int(map_size[0])), max(1, int(map_size[1])))
        if palette is not None:
            self.palette = palette
        if isolines is not None:
            self.isolines = isolines
        if labels is not None:
            self.labels = labels
        if lang is not None:
            self.lang = lang
        key = self.key()
        if key == self._key:
            return False
        coarse = coarse_first and self.size[0] * self.size[1] > COARSE_MIN_PIXELS
        self._render(2 * render_factor(self.size) if coarse else None)
        self.coarse = coarse
        self._key = key
        return True

    def sharpen(self) -> bool:
        """Replace a coarse first draw by the map at its full resolution; True when it did."""
        if not self.coarse:
            return False
        self._render()
        self.coarse = False
        return True

    def _render(self, factor: int | None = None) -> None:
        w, h = self.size
        k = factor or render_factor(self.size)
        rw, rh = -(-w // k), -(-h // k)  # the size rendered (the map's own below RENDER_MAX_PIXELS)
        lo, hi = value_range(self.surface)
        pal = self.palette
        s = self.ui_scale
        minor_w = max(1, int(round(pal.isoline_width * min(s, 2.0) / 1.0))) if pal.isoline_width > 1 else 1
        major_w = max(2, int(round(pal.major_width * (1.0 if s < 1.5 else 1.34))))
        if k > 1:  # line widths in rendered pixels (never thinner than one: k px on screen)
            minor_w, major_w = max(1, int(round(minor_w / k))), max(1, int(round(major_w / k)))
        if self._work is None or self._work.shape != (rh, rw):  # new size: new buffers (the old ones freed first)
            self._work = self.indices = None
            self._work = WorkBuffers((rh, rw))
        levels = self.levels
        if levels is None or self._levels_key != (id(self.surface), lo, hi, self.bands):
            levels = self.levels = cached_levels(self.surface, lo, hi, self.bands)
            self._levels_key = (id(self.surface), lo, hi, self.bands)
        idx = field_indices(self.surface, (rw, rh), lo, hi, self.bands, minor_w, major_w, self.isolines,
                            self.half, self._work, levels)
        self.indices = idx
        colors = palette_colors(pal, levels.n)
        small = None
        if k > 1:  # the rendered indices in a small 8-bit surface, scaled up into the map-sized one below
            small = pygame.Surface((rw, rh), 0, 8)
            small.set_palette(colors)
            pixels = pygame.surfarray.pixels2d(small)
            pixels[...] = idx.T
            del pixels
        indexed = self._indexed
        if indexed is None or indexed.get_size() != (w, h):
            self._indexed = indexed = None
            indexed = self._indexed = pygame.Surface((w, h), 0, 8)
        indexed.set_palette(colors)
        if small is not None:
            pygame.transform.scale(small, (w, h), indexed)
            del small
        else:
            pixels = pygame.surfarray.pixels2d(indexed)  # (w, h) view; idx.T has the same memory order
            pixels[...] = idx.T
            del pixels  # unlock before blitting
        image = self.image
        if image.get_size() != (w, h) or image.get_bitsize() < 24:
            self.image = image = _EMPTY  # the old size's image is freed before the new one is made
            screen = pygame.display.get_surface() if pygame.display.get_init() else None
            # made in the display's format (no conversion pass; as .convert() gave)
            image = pygame.Surface((w, h), 0, screen) if screen is not None else pygame.Surface((w, h))
        image.blit(indexed, (0, 0))
        self.label_rects = []
        self.label_texts = []
        if self.labels and self.isolines:
            self._draw_labels(image, idx, lo, hi)
        self.image = image
        self.renders += 1
        if rw * rh > KEEP_WORK_PIXELS:  # a re-render at this size is rare; the buffers are ~5 bytes a pixel
            self.release()

    def release(self) -> None:
        """Free the work buffers, kept only to make a re-render at the same size cheaper (`indices`, their
        output, stays)."""
        self._work = None

    def hide_labels(self, target: pygame.Surface, offset: tuple[int, int], rects: list[pygame.Rect],
                    shown: Callable[[pygame.Rect], bool] | None = None) -> None:
        """Where the image was blitted at `offset`, paint the unlabelled map over each isoline label that touches
        one of `rects` (screen coordinates), or that `shown` says would not be wholly seen (half under the fog);
        the rest stay in `visible_label_rects` (screen coordinates)."""
        ox, oy = offset
        self.visible_label_rects = []
        for r in self.label_rects:
            screen = r.move(ox, oy)
            if self._indexed is not None and (screen.collidelist(rects) >= 0 or (shown is not None and not shown(screen))):
                target.blit(self._indexed, screen, r)
            else:
                self.visible_label_rects.append(screen)

    def label_text(self, level: int) -> str:
        """Edge `level`'s height as its label reads: the round value exactly ("4.75", German "4,75"), else
        fmt_number's 3 significant digits."""
        assert self.levels is not None
        text = self.levels.text(level)
        if text is None:
            return fmt_number(self.levels.value(level), self.lang)
        text = text.replace("-", MINUS)
        decimal = text_of("format.decimal", self.lang)
        return text if decimal == "." else text.replace(".", decimal)

    def _draw_labels(self, image: pygame.Surface, idx: np.ndarray, lo: float, hi: float) -> None:
        """Label a few points of each major isoline with its height: spread out, inside the map, no overlaps, the
        same height never twice within SAME_SPACING."""
        pal = self.palette
        same = (SAME_SPACING * self.ui_scale) ** 2
        for x0, y0, lv in self.choose_labels(idx):
            text = self.label_text(lv)
            rect = self.fonts.plate_rect(text, "small", (x0, y0), "center")
            rect.clamp_ip(image.get_rect())
            if any(rect.colliderect(r.inflate(8, 8)) for r in self.label_rects):
                continue
            if any(t == text and (r.centerx - rect.centerx) ** 2 + (r.centery - rect.centery) ** 2 < same
                   for r, t in zip(self.label_rects, self.label_texts)):
                continue
            self.fonts.draw(image, text, rect.center, "small", pal.contour_text, "center", pal.contour_plate)
            self.label_rects.append(rect)
            self.label_texts.append(text)

    def choose_labels(self, idx: np.ndarray) -> list[tuple[int, int, int]]:
        """Label spots (x, y, level) on the major isolines of palette indices idx (see contour_labels), in map
        pixels also when idx was rendered smaller (render_factor)."""
        n = self.levels.n if self.levels is not None else self.bands
        groups = self.levels.groups() if self.levels is not None else None
        w, h = self.size
        ih, iw = idx.shape
        if (iw, ih) == (w, h):
            return choose_labels(idx, n, self.ui_scale, groups)
        fx, fy = w / iw, h / ih
        spots = choose_labels(idx, n, self.ui_scale / max(fx, fy), groups)
        return [(min(w - 1, int((x + 0.5) * fx)), min(h - 1, int((y + 0.5) * fy)), lv) for x, y, lv in spots]
