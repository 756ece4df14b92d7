"""Map glyphs: gradient arrows, the path, label placement, the Taylor preview (markers: markers.py, re-exported).

The markers (probes, rings, summit star, local-summit triangles, flag) live in markers.py; their names are
re-exported here so callers keep one module to draw the map with.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import pygame

from game.ui.palette import Palette
from game.ui.fonts import Fonts
from game.ui.views.markers import (draw_flag, draw_flat_marker, draw_local_summit, draw_pointer, draw_probe,  # noqa: F401
                                   draw_ring, draw_star, draw_summit, fit, marker_rect, probe_rect, star_points)

Point = tuple[float, float]
ARROW_REF_PX = 58  # logical px of an arrow whose |∇f| equals the legend's reference value
ARROW_MIN_PX = 18  # shorter arrows are drawn at this length, thinner, with |∇f| written next to them
ARROW_MAX_PX = 150  # logical px cap


def nice_number(x: float) -> float:
    """The nearest 1, 2 or 5 × 10^k to x (for the arrow legend's reference value)."""
    if not (x > 0 and math.isfinite(x)):
        return 1.0
    exp = math.floor(math.log10(x))
    frac = x / 10 ** exp
    nice = 1 if frac < 1.5 else 2 if frac < 3.5 else 5 if frac < 7.5 else 10
    return nice * 10 ** exp


class ArrowScale:
    """Maps |∇f| to arrow pixels: px = ref_px · sqrt(|g| / ref), clipped to [min_px, max_px]."""

    def __init__(self, ref: float, ui_scale: float = 1.0, map_px: float | None = None) -> None:
        self.ref = ref  # the legend's |∇f|
        self.scale = ui_scale
        self.ref_px = ARROW_REF_PX * ui_scale
        self.min_px = ARROW_MIN_PX * ui_scale
        self.max_px = ARROW_MAX_PX * ui_scale
        if map_px:  # never longer than a fifth of the map
            self.max_px = max(self.ref_px * 1.2, min(self.max_px, map_px * 0.2))

    @classmethod
    def for_surface(cls, value_range: tuple[float, float], domain: Sequence[float], ui_scale: float = 1.0,
                    map_px: float | None = None) -> "ArrowScale":
        """A reference gradient typical for the surface: a nice number near range / (half the domain width)."""
        lo, hi = value_range
        span = max(domain[1] - domain[0], domain[3] - domain[2])
        return cls(nice_number((hi - lo) / max(1e-12, 0.5 * span)), ui_scale, map_px)

    def length(self, norm: float) -> float:
        """Arrow length in px for a gradient magnitude (0 for nan)."""
        if not (norm > 0 and math.isfinite(norm)):
            return 0.0
        return min(self.max_px, max(self.min_px, self.ref_px * math.sqrt(norm / self.ref)))

    def is_short(self, norm: float) -> bool:
        """True when the natural length is below min_px (the arrow then carries its |∇f| as text)."""
        return not (norm > 0 and math.isfinite(norm)) or self.ref_px * math.sqrt(norm / self.ref) < self.min_px


def arrow_polygon(start: Point, direction: Point, length: float, scale: float, thin: bool = False,
                  grow: float = 0.0) -> list[Point]:
    """Seven-point arrow outline: shaft then a head proportional to the length; `grow` px fattens it all round."""
    dx, dy = direction
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    nx, ny = -uy, ux
    head_len = min(length * 0.45, max(9.0 * scale, length * 0.32))
    head_w = head_len * 0.5
    shaft_w = (2.0 if thin else 2.6 + min(1.6, length / 60.0)) * scale * 0.5
    x0, y0 = start
    bx, by = x0 + ux * (length - head_len), y0 + uy * (length - head_len)
    tx, ty = x0 + ux * length, y0 + uy * length
    if grow:
        shaft_w += grow
        head_w += grow * 1.9
        x0, y0 = x0 - ux * grow, y0 - uy * grow
        bx, by = bx - ux * grow, by - uy * grow
        tx, ty = tx + ux * grow * 2.1, ty + uy * grow * 2.1
    return [
        (x0 + nx * shaft_w, y0 + ny * shaft_w), (bx + nx * shaft_w, by + ny * shaft_w),
        (bx + nx * head_w, by + ny * head_w), (tx, ty), (bx - nx * head_w, by - ny * head_w),
        (bx - nx * shaft_w, by - ny * shaft_w), (x0 - nx * shaft_w, y0 - ny * shaft_w),
    ]


def draw_arrow(target: pygame.Surface, start: Point, direction: Point, length: float, palette: Palette,
               scale: float = 1.0, thin: bool = False) -> pygame.Rect:
    """A light arrow with a dark outline (reads on every band); returns its bounding rect."""
    if length <= 0.5:
        return pygame.Rect(int(start[0]), int(start[1]), 0, 0)
    outline = max(1.5, 1.6 * scale)
    pts = arrow_polygon(start, direction, length, scale, thin, grow=outline)
    pygame.draw.polygon(target, palette.arrow_outline, pts, 0)
    pygame.draw.aalines(target, palette.arrow_outline, True, pts)
    inner = arrow_polygon(start, direction, length, scale, thin)
    pygame.draw.polygon(target, palette.arrow_fill, inner, 0)
    outline = int(math.ceil(outline))
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return pygame.Rect(int(min(xs)) - outline, int(min(ys)) - outline, int(max(xs) - min(xs)) + 2 * outline + 1,
                       int(max(ys) - min(ys)) + 2 * outline + 1)


def arrow_footprint(start: Point, direction: Point, length: float, scale: float = 1.0, thin: bool = False
                    ) -> list[pygame.Rect]:
    """Small overlapping boxes that together cover an arrow (shaft, head and outline) without gaps.

    Label placement treats them as taken: a diagonal arrow's bounding box would block far too much room."""
    if length <= 0.5:
        return []
    dx, dy = direction
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    outline = max(1.5, 1.6 * scale)
    head_len = min(length * 0.45, max(9.0 * scale, length * 0.32))
    head_w = head_len * 0.5
    shaft_w = (2.0 if thin else 2.6 + min(1.6, length / 60.0)) * scale * 0.5
    x0, y0 = start
    out: list[pygame.Rect] = []

    def box(d: float, half: float) -> None:
        half = max(2.0, half)
        cx, cy = x0 + ux * d, y0 + uy * d
        out.append(pygame.Rect(int(math.floor(cx - half)), int(math.floor(cy - half)), int(math.ceil(2 * half)) + 1,
                               int(math.ceil(2 * half)) + 1))

    shaft_half = shaft_w + outline + 1.0
    body = max(0.0, length - head_len)
    steps = max(1, int(math.ceil(body / max(1.0, shaft_half))))
    for k in range(steps + 1):
        box(-outline + (body + outline) * k / steps, shaft_half)
    head_steps = max(1, int(math.ceil(head_len / max(1.0, shaft_half))))
    for k in range(head_steps + 1):
        f = k / head_steps
        box(body + head_len * f + outline * 2.1 * f, head_w * (1.0 - f) + outline * 1.9 + 1.0)
    return out


def draw_path(target: pygame.Surface, points: Sequence[Point], palette: Palette, scale: float = 1.0) -> None:
    """The probes joined in order: light dashes over one continuous dark under-stroke (so it is not an arrow)."""
    if len(points) < 2:
        return
    dark = max(3, int(round(4 * scale)))
    light = max(1, int(round(2 * scale)))
    dash = 12 * scale
    period = dash + 8 * scale
    pygame.draw.lines(target, palette.arrow_outline, False, points, dark)
    colour = palette.path
    line = pygame.draw.line
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        seg = math.hypot(x1 - x0, y1 - y0)
        if seg < 1:
            continue
        ux, uy = (x1 - x0) / seg, (y1 - y0) / seg
        t = 0.0
        while t < seg:
            t1 = min(seg, t + dash)
            line(target, colour, (x0 + ux * t, y0 + uy * t), (x0 + ux * t1, y0 + uy * t1), light)
            t += period


def place_label(size: tuple[int, int], anchor: Point, gap: float, bounds: pygame.Rect,
                taken: Sequence[pygame.Rect], prefer: Sequence[str] = ("ne", "nw", "se", "sw", "e", "w", "n", "s"),
                reach: Sequence[float] = (1.0,)) -> pygame.Rect | None:
    """A rect of `size` next to `anchor` inside `bounds` that overlaps none of `taken`, or None.

    `reach` lists gap multipliers tried in turn (all directions at the first, then all at the next, ...)."""
    w, h = size
    x, y = anchor
    taken = list(taken)
    for k in reach:
        g = gap * k
        spots = {
            "ne": (x + g, y - g - h), "nw": (x - g - w, y - g - h), "se": (x + g, y + g),
            "sw": (x - g - w, y + g), "e": (x + g * 1.4, y - h / 2), "w": (x - g * 1.4 - w, y - h / 2),
            "n": (x - w / 2, y - g * 1.4 - h), "s": (x - w / 2, y + g * 1.4),
        }
        for key in prefer:
            left, top = spots[key]
            rect = pygame.Rect(int(round(left)), int(round(top)), w, h)
            if bounds.contains(rect) and rect.collidelist(taken) < 0:
                return rect
    return None


def _overlap(rect: pygame.Rect, others: Sequence[pygame.Rect]) -> int:
    area = 0
    for o in others:
        c = rect.clip(o)
        area += c.w * c.h
    return area


def place_plate(size: tuple[int, int], anchor: Point, gap: float, bounds: pygame.Rect, labels: Sequence[pygame.Rect],
                taken: Sequence[pygame.Rect] = (), prefer: Sequence[str] = ("e", "w", "ne", "se", "nw", "sw", "n", "s")
                ) -> pygame.Rect:
    """A rect of `size` next to `anchor`, always inside `bounds`: free of labels and taken if possible, else free
    of labels (text stays readable; markers and arrows may hide), else the side covering the least label area."""
    both = list(labels) + list(taken)
    rect = place_label(size, anchor, gap, bounds, both, prefer)
    if rect is None and taken:
        rect = place_label(size, anchor, gap, bounds, labels, prefer)
    if rect is not None:
        return rect
    w, h = size
    x, y = anchor
    # crowded (usually a corner): slide the plate along the nearby labels' edges, nearest free spot wins
    near = [r for r in labels if abs(r.centerx - x) < 3 * w and abs(r.centery - y) < 3 * h]
    lefts = {x + gap, x - gap - w, x - w / 2, *(r.right + 2 for r in near), *(r.left - 2 - w for r in near)}
    tops = {y - h / 2, y - gap - h, y + gap, *(r.bottom + 2 for r in near), *(r.top - 2 - h for r in near)}
    free: tuple[tuple, pygame.Rect] | None = None
    for left in lefts:
        for top in tops:
            cand = pygame.Rect(int(round(left)), int(round(top)), w, h)
            cand.clamp_ip(bounds)  # always inside the map
            if cand.collidelist(labels) >= 0:
                continue
            dx = max(cand.left - x, 0, x - cand.right)
            dy = max(cand.top - y, 0, y - cand.bottom)
            score = (int(cand.inflate(4, 4).collidepoint(x, y)), dx * dx + dy * dy, cand.collidelist(taken) >= 0)
            if free is None or score < free[0]:
                free = (score, cand)
    if free is not None:
        return free[1]
    best: tuple[tuple, pygame.Rect] | None = None  # no free spot at all: cover the least label area
    for left, top in ((x + gap, y - h / 2), (x - gap - w, y - h / 2), (x - w / 2, y - gap - h), (x - w / 2, y + gap)):
        cand = pygame.Rect(int(round(left)), int(round(top)), w, h)
        cand.clamp_ip(bounds)
        score = (_overlap(cand, labels), int(cand.inflate(4, 4).collidepoint(x, y)), _overlap(cand, taken))
        if best is None or score < best[0]:
            best = (score, cand)
    assert best is not None
    return best[1]


def draw_preview(target: pygame.Surface, cursor: Point, lines: Sequence[tuple[str, float | None]],
                 current: float | None, value_range: tuple[float, float], bounds: pygame.Rect, fonts: Fonts,
                 palette: Palette, fmt: Callable[[float | None], str], taken: Sequence[pygame.Rect] = (),
                 labels: Sequence[pygame.Rect] = (), head: Sequence[str] = ()) -> pygame.Rect | None:
    """Taylor preview at the cursor: a crosshair and a plate with the `head` lines (the cursor's coordinates, the
    step d from the last probe) over "T₁ 2.41" lines beside a small vertical bar comparing the predicted height
    (filled from the current height) with the current height (tick).

    The plate goes beside the cursor, inside `bounds`, off the `labels` (probe height plates, banners) and, where
    there is room, off `taken` (markers, arrows); returns the plate rect (None: nothing to say, crosshair only).
    """
    s = fonts.scale
    cx, cy = int(cursor[0]), int(cursor[1])
    r = int(9 * s)
    pygame.draw.circle(target, palette.arrow_outline, (cx, cy), r + 1, max(2, int(3 * s)) + 1)
    pygame.draw.circle(target, palette.arrow_fill, (cx, cy), r, max(1, int(2 * s)))
    shown = [(label, value) for label, value in lines if value is not None]
    if not shown and not head:
        return None
    texts = [f"{label} {fmt(value)}" for label, value in shown]
    rendered = [fonts.render(t, "label", palette.plate_text) for t in texts]
    heads = [fonts.render(t, "label", palette.plate_text) for t in head]
    padx, pady = max(4, int(7 * s)), max(3, int(5 * s))
    bar_w = max(8, int(10 * s))
    head_h = sum(r_.get_height() for r_ in heads)
    gap = int(4 * s) if heads and rendered else 0
    text_w = max((r_.get_width() for r_ in rendered), default=0)
    line_h = max((r_.get_height() for r_ in rendered), default=0)
    bar_h = max(line_h * len(rendered), int(52 * s)) if rendered else 0
    w = max(padx * 3 + bar_w + text_w if rendered else 0, max((r_.get_width() for r_ in heads), default=0) + 2 * padx)
    h = pady * 2 + head_h + gap + bar_h
    rect = place_plate((w, h), (cx, cy), 14 * s, bounds, labels, taken)
    target.blit(fonts.plate(w, h, palette.plate, max(3, int(6 * s))), rect)
    ty = rect.y + pady
    for text, surf in zip(head, heads):  # drawn through fonts.draw, like every text (tests read what is drawn)
        fonts.draw(target, text, (rect.x + padx, ty), "label", palette.plate_text)
        ty += surf.get_height()
    if not rendered:
        return rect
    # the bar: full height = the surface's height range
    lo, hi = value_range
    bar = pygame.Rect(rect.x + padx, ty + gap, bar_w, bar_h)
    pygame.draw.rect(target, palette.muted_text, bar, 1)

    def y_of(v: float) -> int:
        t = 0.0 if hi <= lo else (v - lo) / (hi - lo)
        return int(round(bar.bottom - 1 - max(0.0, min(1.0, t)) * (bar.h - 2)))

    best = shown[-1][1]
    if current is not None and best is not None and math.isfinite(current) and math.isfinite(best):
        y0, y1 = y_of(current), y_of(best)
        top, bottom = min(y0, y1), max(y0, y1)
        colour = palette.good if best >= current else palette.bad
        pygame.draw.rect(target, colour, pygame.Rect(bar.x + 1, top, bar.w - 2, max(2, bottom - top + 1)))
        pygame.draw.line(target, palette.plate_text, (bar.x - 2, y0), (bar.right + 1, y0), max(2, int(2 * s)))
    ty = bar.y + (bar_h - line_h * len(rendered)) // 2
    for text in texts:
        fonts.draw(target, text, (bar.right + padx, ty), "label", palette.plate_text)
        ty += line_h
    return rect
