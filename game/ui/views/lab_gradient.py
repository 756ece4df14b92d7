"""The gradient lab inset: exact and numerical gradients at the learner's h, their errors, and the log–log error plot."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pygame

from game.core.lab_fd import ERROR_FLOOR, H_STEPS, MethodResult
from game.text.catalog import t
from game.text.lab import fmt_sci, fmt_sig
from game.ui.fonts import Fonts
from game.ui.palette import Palette
from game.ui.views.lab_panels import PAD, PLOT_H, dashed, lines_height, plate, polyline, scaler

LOG_H = (-14.0, -1.0)  # the plot's x axis: log10 h
LOG_E = (-17.0, 1.0)  # its y axis: log10 error (an exact 0 sits at ERROR_FLOOR)


class GradientData(NamedTuple):
    """What the inset shows: all numbers, computed by the tool from game.core.lab_fd."""

    h: float
    exact: tuple[float, float]
    results: tuple[MethodResult, ...]
    curves: dict[str, np.ndarray]
    best: dict[str, float | None]


def method_colors(palette: Palette) -> dict[str, tuple[int, ...]]:
    """One colour per method (colour-blind safe: vermillion, sky blue, yellow)."""
    return {"forward": palette.bad, "central": palette.good, "complex": palette.summit}


def text_lines(data: GradientData, lang: str, key_hints: bool) -> list[tuple[str, str]]:
    """(colour name, text) of each line above the plot, and the hint below it."""
    g = lambda v: fmt_sig(v, lang)  # noqa: E731
    lines = [("title", t("lab.grad.title", lang, h=fmt_sci(data.h, lang, 1))),
             ("exact", t("lab.grad.exact", lang, gx=g(data.exact[0]), gy=g(data.exact[1])))]
    for r in data.results:
        if r.method == "complex" and math.isnan(r.error):
            lines.append((r.method, t("lab.grad.no_complex", lang)))
        else:
            lines.append((r.method, t(f"lab.grad.{r.method}", lang, gx=g(r.gradient[0]), gy=g(r.gradient[1]),
                                      error=fmt_sci(r.error, lang))))
    best = {m: fmt_sci(v, lang, 1) if v is not None else "\u2014" for m, v in data.best.items()}
    lines.append(("muted", t("lab.grad.best", lang, **best)))
    lines.append(("muted", t("lab.grad.axes", lang)))
    if key_hints:
        lines.append(("muted", t("lab.grad.hint", lang)))
    return lines


def natural_size(fonts: Fonts, data: GradientData, lang: str, scale: float, key_hints: bool) -> tuple[int, int]:
    """(w, h) of the inset with a full-height plot."""
    pad = int(PAD * scale)
    lines = text_lines(data, lang, key_hints)
    width = max(fonts.measure(text, "small")[0] for _, text in lines) + 2 * pad
    return width, lines_height(fonts, len(lines) + 1) + int(PLOT_H * scale) + 3 * pad


def draw(target: pygame.Surface, rect: pygame.Rect, fonts: Fonts, palette: Palette, data: GradientData, lang: str,
         scale: float, key_hints: bool) -> pygame.Rect:
    """Draw the inset into rect; returns the plot's rect (a click or drag there picks h, the wheel steps it)."""
    pad = int(PAD * scale)
    plate(target, rect, fonts, palette, scale)
    colors = {"title": palette.plate_text, "exact": palette.plate_text, "muted": palette.muted_text,
              **method_colors(palette)}
    lines = text_lines(data, lang, key_hints)
    hint = lines.pop() if key_hints else None
    y = rect.y + pad // 2
    for name, text in lines:
        y = fonts.draw(target, text, (rect.x + pad, y), "small", colors[name]).bottom
    line_h = lines_height(fonts, 1)
    bottom = rect.bottom - pad // 2 - line_h * (2 if hint else 1)  # the h axis's labels, then the hint
    plot = pygame.Rect(rect.x + pad, y + pad // 2, rect.w - 2 * pad, max(1, bottom - y - pad))
    _plot(target, plot, fonts, palette, data, lang, scale)
    if hint:
        fonts.draw(target, hint[1], (rect.x + pad, bottom + line_h), "small", palette.muted_text)
    return plot


def _plot(target: pygame.Surface, plot: pygame.Rect, fonts: Fonts, palette: Palette, data: GradientData, lang: str,
          scale: float) -> None:
    width = max(1, int(2 * scale))
    pygame.draw.rect(target, palette.panel_edge, plot, max(1, int(scale)))
    sx = scaler(*LOG_H, plot.right - 1, plot.left)  # h shrinks to the right, as the learner shrinks it
    sy = scaler(*LOG_E, plot.bottom - 1, plot.top)
    logs = np.log10(np.array(H_STEPS))
    clip = target.get_clip()
    target.set_clip(plot.clip(clip) if clip else plot)
    x_now = float(sx(math.log10(data.h)))
    dashed(target, palette.plate_text, (x_now, plot.top), (x_now, plot.bottom), max(1, int(scale)), 4 * scale)
    colors = method_colors(palette)
    for method, errors in data.curves.items():
        ys = np.log10(np.maximum(errors, ERROR_FLOOR))
        polyline(target, colors[method], sx(logs), sy(ys), width)
        best = data.best.get(method)
        if best is not None:
            i = H_STEPS.index(best)
            pygame.draw.circle(target, colors[method], (float(sx(logs[i])), float(sy(ys[i]))), int(5 * scale), width)
    target.set_clip(clip)
    for value, anchor, pos in ((LOG_H[1], "topleft", plot.bottomleft), (LOG_H[0], "topright", plot.bottomright)):
        fonts.draw(target, "h " + fmt_sci(10.0 ** value, lang, 1), pos, "small", palette.muted_text, anchor=anchor)


__all__ = ["GradientData", "natural_size", "draw", "text_lines", "method_colors"]
