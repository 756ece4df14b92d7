"""Coordinates on the map: the axes overlay (key G: rulers, ticks, x = 0, y = 0) and the cursor's (x, y), d, |d|.

A learner reads any point's coordinates off the rulers and the cursor's plate, so T₁ = f + ∇f·d and rise over
run can be checked by hand. The rulers lie over the fog: coordinates are the map's frame, not the terrain."""

from __future__ import annotations

import math
from typing import Callable

import pygame

from game.core.model import Game, Probe
from game.core.transform import ViewTransform
from game.text import catalog
from game.text.numbers import fmt_number, fmt_point
from game.ui.fonts import Fonts
from game.ui.palette import Palette

TARGET_LABELS = 6  # about this many labelled ticks across the map's width
STRIP_ALPHA = 150  # the rulers' translucency: the map still shows through
DASH = 6  # logical px: the zero lines alternate dark and light dashes this long (visible on fog and bands)


def tick_step(span: float, count: int = TARGET_LABELS) -> tuple[float, float]:
    """(labelled step, minor step): a 1, 2 or 5 × 10^k step giving about `count` labels over `span`, and the
    minor ticks between (fifths of a 1 or 5 step, quarters of a 2 step)."""
    if not (span > 0 and math.isfinite(span)):
        return 1.0, 0.2
    raw = span / max(1, count)
    exp = math.floor(math.log10(raw))
    frac = raw / 10 ** exp
    nice = 1 if frac < 1.5 else 2 if frac < 3.5 else 5 if frac < 7.5 else 10
    major = nice * 10.0 ** exp
    return major, major / (4 if nice == 2 else 5)


def tick_decimals(step: float) -> int:
    """Decimals that print every multiple of `step` exactly (1 → 0, 0.5 → 1, 0.25 → 2, 20 → 0)."""
    for decimals in range(0, 12):
        scaled = step * 10 ** decimals
        if abs(scaled - round(scaled)) <= 1e-9 * max(1.0, scaled):
            return decimals
    return 12


def ticks(lo: float, hi: float, step: float) -> list[tuple[int, float]]:
    """(k, k·step) for every multiple of `step` in [lo, hi] (k·step computed once, never accumulated)."""
    if not (step > 0 and math.isfinite(lo) and math.isfinite(hi)) or (hi - lo) / step > 10_000:
        return []
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return [(k, k * step) for k in range(first, last + 1)]


def _rulers(transform: ViewTransform, fonts: Fonts, fmt: Callable[[float, int], str]
            ) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect, float, float, int]:
    """(bottom ruler, left ruler, corner, labelled step, minor step, label decimals) for this map and scale."""
    s = fonts.scale
    left, top, w, h = transform.inner
    xmin, xmax, ymin, ymax = transform.domain
    major, minor = tick_step(max(xmax - xmin, ymax - ymin))
    decimals = tick_decimals(major)
    strip = fonts.font("small").get_height() + max(3, int(6 * s)) + max(2, int(3 * s))
    label_w = max(fonts.measure(fmt(v, decimals), "small")[0]
                  for v in (*(v for _, v in ticks(ymin, ymax, major)), ymin, ymax))
    side_w = max(strip, label_w + max(3, int(6 * s)) + int(6 * s))
    bottom = pygame.Rect(left + side_w, top + h - strip, w - side_w, strip)
    side = pygame.Rect(left, top, side_w, h - strip)
    corner = pygame.Rect(left, bottom.y, side_w, strip)
    return bottom, side, corner, major, minor, decimals


def ruler_rects(transform: ViewTransform, fonts: Fonts, fmt: Callable[[float, int], str]) -> list[pygame.Rect]:
    """Where draw_axes puts its rulers (the map's isoline labels under them are hidden)."""
    return list(_rulers(transform, fonts, fmt)[:3])


def draw_axes(target: pygame.Surface, transform: ViewTransform, fonts: Fonts, palette: Palette,
              fmt: Callable[[float, int], str], names: tuple[str, str] = ("x", "y")) -> list[pygame.Rect]:
    """Draw the rulers and zero lines inside the map; returns the rulers' rects (labels and markers may go over
    them). `fmt(value, decimals)` writes a tick label; `names` are the axes' symbols (a model's parameters)."""
    s = fonts.scale
    left, top, w, h = transform.inner
    xmin, xmax, ymin, ymax = transform.domain
    bounds = pygame.Rect(left, top, w, h)
    bottom, side, corner, major, minor, decimals = _rulers(transform, fonts, fmt)
    tick_major, tick_minor = max(3, int(6 * s)), max(2, int(3 * s))
    light = palette.plate_text
    colour = (*palette.plate[:3], STRIP_ALPHA)

    _zero_lines(target, transform, bounds, palette, s)

    for rect in (bottom, side, corner):
        target.blit(fonts.plate(rect.w, rect.h, colour, 0), rect)
    name_x = fonts.draw(target, names[0], (bottom.right - int(5 * s), bottom.bottom - int(2 * s)), "small", light,
                        "bottomright")
    name_y = fonts.draw(target, names[1], (side.x + int(5 * s), side.y + int(3 * s)), "small", light, "topleft")
    width = max(1, int(round(s)))

    placed: list[pygame.Rect] = [name_x.inflate(int(8 * s), 0)]
    for k, value in ticks(xmin, xmax, minor):
        px, _ = transform.to_screen(value, ymin)
        px = min(max(int(round(px)), bounds.left), bounds.right - 1)
        if px < bottom.left:
            continue
        is_major = abs(value / major - round(value / major)) < 1e-6
        length = tick_major if is_major else tick_minor
        pygame.draw.line(target, light, (px, bottom.top), (px, bottom.top + length), width)
        if is_major:
            rect = fonts.plate_rect(fmt(value, decimals), "small", (px, bottom.bottom - int(1 * s)), "midbottom",
                                    plate=False)
            if bottom.contains(rect) and rect.inflate(int(8 * s), 0).collidelist(placed) < 0:
                fonts.draw(target, fmt(value, decimals), rect.topleft, "small", light)
                placed.append(rect)
    placed = [name_y.inflate(0, int(6 * s))]
    for k, value in ticks(ymin, ymax, minor):
        _, py = transform.to_screen(xmin, value)
        py = min(max(int(round(py)), bounds.top), bounds.bottom - 1)
        if py > side.bottom:
            continue
        is_major = abs(value / major - round(value / major)) < 1e-6
        length = tick_major if is_major else tick_minor
        pygame.draw.line(target, light, (side.right - 1, py), (side.right - 1 - length, py), width)
        if is_major:
            rect = fonts.plate_rect(fmt(value, decimals), "small", (side.right - tick_major - int(3 * s), py),
                                    "midright", plate=False)
            if side.contains(rect) and rect.inflate(0, int(4 * s)).collidelist(placed) < 0:
                fonts.draw(target, fmt(value, decimals), rect.topleft, "small", light)
                placed.append(rect)
    return [bottom, side, corner]


def _zero_lines(target: pygame.Surface, transform: ViewTransform, bounds: pygame.Rect, palette: Palette,
                s: float) -> None:
    """x = 0 and y = 0 as thin dashed lines (dark and light in turn) where they lie inside the map."""
    xmin, xmax, ymin, ymax = transform.domain
    dash = max(3, int(DASH * s))
    width = max(1, int(round(s)))
    if xmin < 0 < xmax:
        px = int(round(transform.to_screen(0.0, ymin)[0]))
        for i, y in enumerate(range(bounds.top, bounds.bottom, dash)):
            ink = palette.arrow_outline if i % 2 else palette.arrow_fill
            pygame.draw.line(target, ink, (px, y), (px, min(bounds.bottom - 1, y + dash - 1)), width)
    if ymin < 0 < ymax:
        py = int(round(transform.to_screen(xmin, 0.0)[1]))
        for i, x in enumerate(range(bounds.left, bounds.right, dash)):
            ink = palette.arrow_outline if i % 2 else palette.arrow_fill
            pygame.draw.line(target, ink, (x, py), (min(bounds.right - 1, x + dash - 1), py), width)


def cursor_lines(game: Game, x: float, y: float, base: Probe | None, lang: str) -> list[str]:
    """The cursor's readout: its coordinates, and the step d = (Δx, Δy) from the probe the Taylor preview starts
    from, with its length |d| (so T₁ = f + ∇f·d can be checked by hand)."""
    decimals = game.resolution.lattice.decimals
    names = getattr(game.surface, "params", None)  # a model level's map is over its parameters (m, c), (w, b)…
    point = fmt_point(x, y, decimals, lang)
    out = [catalog.t("model.cursor", lang, p=names[0], q=names[1], point=point) if names
           else catalog.t("map.cursor", lang, point=point)]
    if base is not None:
        dx, dy = _difference(x, base.x, decimals), _difference(y, base.y, decimals)
        out.append(catalog.t("map.step", lang, d=fmt_point(dx, dy, decimals, lang),
                             length=fmt_number(math.hypot(dx, dy), lang, 0.5 * 10.0 ** -decimals)))
    return out


def _difference(a: float, b: float, decimals: int) -> float:
    """a − b at the lattice's decimals: both are lattice points, so the difference is one too (0.15, not
    0.15000000000000002)."""
    return round(round(a, decimals) - round(b, decimals), decimals) + 0.0


__all__ = ["cursor_lines", "draw_axes", "ruler_rects", "tick_step", "tick_decimals", "ticks"]
