"""Hessian axes on the map: eigen-axes at the probe, the shape word and the Newton step as a dashed arrow.

Axes are scaled by |λ| and coloured by sign; a warning says where Newton heads when H is not negative definite."""

from __future__ import annotations

import math

import pygame

from game.core.lab_shapes import HessianAxes
from game.core.transform import ViewTransform
from game.text.catalog import t
from game.text.lab import fmt_sig
from game.ui.fonts import Fonts
from game.ui.palette import Palette
from game.ui.views.lab_panels import dashed

AXIS_PX = 80  # logical half-length of the axis with the larger |λ|
MIN_AXIS_PX = 18  # a nearly flat direction still shows as a stub beyond the probe's marker


def axis_segments(info: HessianAxes, center: tuple[float, float], scale: float) -> list[tuple[tuple[float, float],
                                                                                             tuple[float, float], float]]:
    """(start, end, λ) in screen px of each eigen-axis through the probe, half-length ∝ |λ| (screen y points down)."""
    biggest = max(abs(info.eigenvalues[0]), abs(info.eigenvalues[1]))
    out = []
    for lam, (vx, vy) in zip(info.eigenvalues, info.axes):
        if not (math.isfinite(lam) and biggest > 0):
            continue
        half = max(MIN_AXIS_PX, AXIS_PX * abs(lam) / biggest) * scale
        dx, dy = vx * half, -vy * half
        out.append(((center[0] - dx, center[1] - dy), (center[0] + dx, center[1] + dy), lam))
    return out


def newton_target(info: HessianAxes, point: tuple[float, float], transform: ViewTransform) -> tuple[float, float] | None:
    """Where the Newton step lands, in screen px (None without a step)."""
    if info.newton is None:
        return None
    return transform.to_screen(point[0] + info.newton[0], point[1] + info.newton[1])


def words(info: HessianAxes, lang: str) -> list[str]:
    """The shape line and, when H is not negative definite, the warning."""
    lines = [t("lab.hess.lambdas", lang, shape=t(f"lab.hess.{info.shape}", lang), l1=fmt_sig(info.eigenvalues[0], lang, 3),
               l2=fmt_sig(info.eigenvalues[1], lang, 3))]
    if info.heads_for is not None:
        lines.append(t(f"lab.hess.warn.{info.heads_for}", lang))
    return lines


def draw(target: pygame.Surface, transform: ViewTransform, fonts: Fonts, palette: Palette, info: HessianAxes,
         point: tuple[float, float], lang: str, scale: float, avoid: list[pygame.Rect] | None = None) -> None:
    """Draw the axes, the Newton arrow and the words at the probe (clipped to the map; the words keep off `avoid`)."""
    bounds = pygame.Rect(transform.inner)
    center = transform.to_screen(*point)
    clip = target.get_clip()
    target.set_clip(bounds.clip(clip) if clip else bounds)
    width = max(2, int(3 * scale))
    for start, end, lam in axis_segments(info, center, scale):
        color = palette.good if lam < 0 else palette.bad
        pygame.draw.line(target, palette.arrow_outline, start, end, width + 2 * max(1, int(scale)))
        pygame.draw.line(target, color, start, end, width)
    goal = newton_target(info, point, transform)
    if goal is not None:
        _dashed_arrow(target, palette, center, goal, scale)
    target.set_clip(clip)
    texts = words(info, lang)
    rects = [fonts.plate_rect(text, "small", (0, 0)) for text in texts]
    block = _place(pygame.Rect(0, 0, max(r.w for r in rects), sum(r.h for r in rects)), center, bounds, avoid or [],
                   scale)
    y = block.y
    for i, (text, rect) in enumerate(zip(texts, rects)):
        color = palette.plate_text if i == 0 else palette.accent
        y = fonts.draw(target, text, (block.right - rect.w, y), "small", color, plate=palette.plate).bottom


def _place(block: pygame.Rect, center: tuple[float, float], bounds: pygame.Rect, avoid: list[pygame.Rect],
           scale: float) -> pygame.Rect:
    """The words' block at a corner of the probe that covers none of `avoid` (the cursor's Taylor plate, labels),
    else the one that covers least; inside the map."""
    gap = int(14 * scale)
    cx, cy = int(center[0]), int(center[1])
    spots = []
    for d in (gap, 4 * gap, 8 * gap):  # near the probe first, further out when labels are in the way
        for corner, point in (("bottomright", (cx - d, cy - gap)), ("bottomleft", (cx + d, cy - gap)),
                              ("topright", (cx - d, cy + gap)), ("topleft", (cx + d, cy + gap)),
                              ("midbottom", (cx, cy - d)), ("midtop", (cx, cy + d))):
            spot = block.copy()
            setattr(spot, corner, point)
            spot.clamp_ip(bounds)
            spots.append(spot)
    return min(spots, key=lambda r: sum(r.clip(a).w * r.clip(a).h for a in avoid))


def _dashed_arrow(target: pygame.Surface, palette: Palette, start: tuple[float, float], end: tuple[float, float],
                  scale: float) -> None:
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    if length < 4 * scale or not math.isfinite(length):
        return
    width = max(2, int(2 * scale))
    dashed(target, palette.arrow_outline, start, end, width + 2, 7 * scale)
    dashed(target, palette.arrow_fill, start, end, width, 7 * scale)
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    size = 11 * scale
    head = [end, (end[0] - ux * size - uy * size * 0.5, end[1] - uy * size + ux * size * 0.5),
            (end[0] - ux * size + uy * size * 0.5, end[1] - uy * size - ux * size * 0.5)]
    pygame.draw.polygon(target, palette.arrow_fill, head)
    pygame.draw.polygon(target, palette.arrow_outline, head, max(1, int(scale)))


__all__ = ["axis_segments", "newton_target", "words", "draw"]
