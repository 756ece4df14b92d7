"""The slice inset: the cross-section f(p + t·u), the secant through ±h (rise, run, ratio) and the tangent ∇f·u.

During play the curve holds only revealed heights (game.core.lab_slice.visible_curve); its plot's height range
comes from those alone, so neither the curve nor the axis gives a hidden summit away."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pygame

from game.core.lab_slice import Secant
from game.text.catalog import t
from game.text.lab import fmt_sig
from game.text.numbers import fmt_fixed
from game.ui.fonts import Fonts
from game.ui.palette import Palette
from game.ui.views.lab_panels import PAD, PLOT_H, dashed, lines_height, plate, polyline, scaler


class SliceData(NamedTuple):
    """What the inset shows (from game.core.lab_slice)."""

    point: tuple[float, float]  # the probe p
    value: float  # f(p)
    kind: str  # x | y | gradient | free
    angle: float  # degrees, for "free"
    u: tuple[float, float]
    ts: np.ndarray
    zs: np.ndarray  # nan where hidden (during play) or undefined
    secant: Secant
    revealed: bool


def text_lines(data: SliceData, lang: str, key_hints: bool) -> list[tuple[str, str]]:
    """(colour name, text) of each line above the plot."""
    direction = t(f"lab.slice.dir.{data.kind}", lang, angle=fmt_fixed(data.angle, 0, lang))
    s = data.secant
    lines = [("title", t("lab.slice.title", lang, direction=direction, x=fmt_fixed(data.point[0], 3, lang),
                         y=fmt_fixed(data.point[1], 3, lang))),
             ("secant", t("lab.slice.secant", lang, rise=fmt_sig(s.rise, lang), run=fmt_sig(s.run, lang),
                          ratio=fmt_sig(s.ratio, lang))),
             ("tangent", t("lab.slice.tangent", lang, slope=fmt_sig(s.tangent, lang)))]
    if not data.revealed:
        lines.append(("muted", t("lab.slice.hidden", lang)))
    if key_hints:
        lines.append(("muted", t("lab.slice.hint", lang)))
    return lines


def natural_size(fonts: Fonts, data: SliceData, lang: str, scale: float, key_hints: bool) -> tuple[int, int]:
    pad = int(PAD * scale)
    lines = text_lines(data, lang, key_hints)
    width = max(fonts.measure(text, "small")[0] for _, text in lines) + 2 * pad
    return width, lines_height(fonts, len(lines)) + int(PLOT_H * scale) + 3 * pad


def y_range(data: SliceData) -> tuple[float, float]:
    """The plot's height range: the shown heights, the secant's two points and f(p) (never a hidden height)."""
    s = data.secant
    values = np.concatenate([data.zs[np.isfinite(data.zs)], [v for v in (data.value, s.left, s.right) if math.isfinite(v)]])
    if values.size == 0:
        return -1.0, 1.0
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo if hi > lo else max(abs(hi), 1.0) * 0.1
    return lo - 0.12 * span, hi + 0.12 * span


def draw(target: pygame.Surface, rect: pygame.Rect, fonts: Fonts, palette: Palette, data: SliceData, lang: str,
         scale: float, key_hints: bool) -> None:
    pad = int(PAD * scale)
    plate(target, rect, fonts, palette, scale)
    colors = {"title": palette.plate_text, "secant": palette.good, "tangent": palette.accent, "muted": palette.muted_text}
    y = rect.y + pad // 2
    for name, text in text_lines(data, lang, key_hints):
        y = fonts.draw(target, text, (rect.x + pad, y), "small", colors[name]).bottom
    plot = pygame.Rect(rect.x + pad, y + pad // 2, rect.w - 2 * pad, max(1, rect.bottom - y - pad - pad // 2))
    pygame.draw.rect(target, palette.panel_edge, plot, max(1, int(scale)))
    if data.ts.size < 2:
        return
    sx = scaler(float(data.ts[0]), float(data.ts[-1]), plot.left, plot.right - 1)
    sy = scaler(*y_range(data), plot.bottom - 1, plot.top)
    width = max(1, int(2 * scale))
    clip = target.get_clip()
    target.set_clip(plot.clip(clip) if clip else plot)
    polyline(target, palette.plate_text, sx(data.ts), sy(data.zs), width)
    s = data.secant
    t0, t1 = float(data.ts[0]), float(data.ts[-1])
    tangent = [(float(sx(v)), float(sy(data.value + s.tangent * v))) for v in (t0, t1)]
    pygame.draw.line(target, palette.accent, tangent[0], tangent[1], width)
    if math.isfinite(s.ratio):
        reach = max(3 * s.h, 0.15 * (t1 - t0))  # the secant's line, drawn a little beyond its two points
        mid = 0.5 * (s.left + s.right)
        ends = [(float(sx(v)), float(sy(mid + s.ratio * v))) for v in (-reach, reach)]
        dashed(target, palette.good, ends[0], ends[1], width, 5 * scale)
        for v, z in ((-s.h, s.left), (s.h, s.right)):
            pygame.draw.circle(target, palette.good, (float(sx(v)), float(sy(z))), int(4 * scale))
    pygame.draw.circle(target, palette.plate_text, (float(sx(0.0)), float(sy(data.value))), int(4 * scale), width)
    target.set_clip(clip)


__all__ = ["SliceData", "text_lines", "natural_size", "y_range", "draw"]
