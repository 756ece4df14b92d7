"""Where the lab's insets go on the map (away from the selected probe, never over the HUD) and their small plots."""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pygame

from game.ui.fonts import Fonts
from game.ui.palette import Palette

PAD = 10  # logical px inside and around an inset
PLOT_H = 150  # logical height of an inset's plot (it shrinks when the insets do not fit)
MIN_PLOT_H = 70
SIDE_SHARE = 0.5  # insets stand in a column beside the probe when this share of the map's width holds them


def place_insets(map_rect: pygame.Rect, probe: tuple[float, float] | None, sizes: Sequence[tuple[int, int]],
                 scale: float) -> list[pygame.Rect]:
    """Rects for insets of natural `sizes` (w, h with a PLOT_H plot) on the map: a column on the side away from
    the probe when they are narrow enough, else full-width rows in the half away from it. Heights shrink (the
    plot gives way, down to MIN_PLOT_H) so that every inset fits on the map."""
    pad = int(PAD * scale)
    if not sizes:
        return []
    px, py = probe if probe is not None else (map_rect.left, map_rect.top)
    widest = max(w for w, _ in sizes)
    side = widest <= SIDE_SHARE * map_rect.w
    width = min(widest, map_rect.w - 2 * pad) if side else map_rect.w - 2 * pad
    room = map_rect.h - pad * (len(sizes) + 1)
    total = sum(h for _, h in sizes)
    spare = int((PLOT_H - MIN_PLOT_H) * scale) * len(sizes)
    cut = min(max(0, total - room), spare) / len(sizes)
    heights = [max(1, int(h - cut)) for _, h in sizes]
    x = (map_rect.right - pad - width if px < map_rect.centerx else map_rect.left + pad) if side else map_rect.left + pad
    top = (side or py >= map_rect.centery)
    y = map_rect.top + pad if top else map_rect.bottom - pad - sum(heights) - pad * (len(heights) - 1)
    rects = []
    for h in heights:
        rects.append(pygame.Rect(x, max(map_rect.top, y), width, min(h, map_rect.h)))
        y += h + pad
    return rects


def plate(target: pygame.Surface, rect: pygame.Rect, fonts: Fonts, palette: Palette, scale: float) -> None:
    """The inset's background: the map's translucent label plate with a thin edge."""
    radius = int(8 * scale)
    target.blit(fonts.plate(rect.w, rect.h, palette.plate, radius), rect)
    pygame.draw.rect(target, palette.panel_edge, rect, max(1, int(scale)), border_radius=radius)


def lines_height(fonts: Fonts, count: int, size: str = "small") -> int:
    """Height of `count` text lines."""
    return count * fonts.measure("Ag", size)[1]


def polyline(target: pygame.Surface, color: Sequence[int], xs: np.ndarray, ys: np.ndarray, width: int) -> None:
    """A line through the finite points, broken where a value is nan (a hidden or undefined stretch)."""
    ok = np.isfinite(xs) & np.isfinite(ys)
    run: list[tuple[float, float]] = []
    for good, x, y in zip(ok, xs, ys):
        if good:
            run.append((float(x), float(y)))
            continue
        _flush(target, color, run, width)
        run = []
    _flush(target, color, run, width)


def _flush(target: pygame.Surface, color: Sequence[int], run: list[tuple[float, float]], width: int) -> None:
    if len(run) >= 2:
        pygame.draw.lines(target, color, False, run, width)
    elif len(run) == 1:
        pygame.draw.circle(target, color, run[0], max(1, width))


MAX_DASHES = 2000  # more than any screen shows (a 4K diagonal is 630 dashes of 7 px)


def _visible_span(start: tuple[float, float], ux: float, uy: float, length: float,
                  box: pygame.Rect) -> tuple[float, float]:
    """The part [t0, t1] of the ray start + t·u, 0 ≤ t ≤ length, inside `box` (Liang–Barsky; t0 > t1: none)."""
    t0, t1 = 0.0, length
    for p, q in ((-ux, start[0] - box.left), (ux, box.right - start[0]), (-uy, start[1] - box.top),
                 (uy, box.bottom - start[1])):
        if p == 0.0:
            if q < 0:
                return 1.0, 0.0
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    return t0, t1


def dashed(target: pygame.Surface, color: Sequence[int], start: tuple[float, float], end: tuple[float, float],
           width: int, dash: float) -> None:
    """A dashed segment from start to end. Only the dashes inside the target's clip are drawn (a near-singular
    Hessian's Newton step ran millions of pixels off the map: 458 000 dashes, 0.9 s a frame)."""
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    if length < 1 or not math.isfinite(length) or dash <= 0:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    t0, t1 = _visible_span(start, ux, uy, length, target.get_clip().inflate(2 * width + 2, 2 * width + 2))
    if not t0 < t1:
        return
    period = 2 * dash
    first = math.floor(t0 / period) * period  # the dashes keep their places along the whole segment
    x0, y0 = start[0] + ux * first, start[1] + uy * first
    # counted, not stepped: at 1e17 px from the start a float step no longer moves (and the span is on screen)
    for i in range(min(MAX_DASHES, math.ceil((t1 - first) / period) + 1)):
        a = i * period
        b = min(length - first, a + dash)
        if b > a:
            pygame.draw.line(target, color, (x0 + ux * a, y0 + uy * a), (x0 + ux * b, y0 + uy * b), width)


def scaler(lo: float, hi: float, a: float, b: float):
    """Map [lo, hi] onto pixels [a, b] (b may be < a, for a y axis)."""
    span = hi - lo if hi > lo else 1.0
    return lambda v: a + (np.asarray(v, dtype=np.float64) - lo) / span * (b - a)


__all__ = ["PAD", "PLOT_H", "MIN_PLOT_H", "place_insets", "plate", "lines_height", "polyline", "dashed", "scaler"]
