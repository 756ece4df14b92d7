"""The data inset of model levels: the data with the model of the cursor and of each probe, and the error.

The data points, the model's curve for the cursor (live) and for each probe (faded), the mean squared error
written out; at the reveal the best fit and its equation. No keys."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pygame

from game.text import models as words
from game.ui.tools import PlayTool
from surfaces.models import model_of, predict

MAX_DOTS = 400  # data points drawn at most (a larger set is thinned evenly; the numbers use every row)
CURVE_SAMPLES = 96
WIDTH_SHARE = 0.36  # of the map's width
MAX_WIDTH = 360  # logical px
FADED_ALPHA = 90
READOUT = (260, 130)  # logical px right of and above the cursor that its readout plate may cover
PLATE_ALPHA = 235  # nearly opaque: the map's labels must not show through the plot


def thin(x: np.ndarray, y: np.ndarray, limit: int = MAX_DOTS) -> tuple[np.ndarray, np.ndarray]:
    """At most `limit` rows, evenly spaced in the data's own order."""
    if len(x) <= limit:
        return x, y
    keep = np.linspace(0, len(x) - 1, limit).round().astype(int)
    return x[keep], y[keep]


def plot_ranges(kind: str, x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) of the inset's plot: the data with a margin (labels in [0, 1] for the neuron)."""
    x0, x1 = float(x.min()), float(x.max())
    y0, y1 = (0.0, 1.0) if kind == "neuron" else (float(y.min()), float(y.max()))
    if kind == "neuron":
        y0, y1 = min(y0, float(y.min())), max(y1, float(y.max()))
    dx = (x1 - x0) * 0.06 or 1.0
    dy = (y1 - y0) * 0.1 or 1.0
    return x0 - dx, x1 + dx, y0 - dy, y1 + dy


class ModelInset(PlayTool):
    """Draws the inset over the map of a model surface (and, with `on_result`, over the reveal)."""

    on_result = True

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.model = model_of(scene.game.level.surface)
        self._dots: tuple[Any, pygame.Surface] | None = None

    def rect(self, layout: Any, text_width: int = 0) -> pygame.Rect | None:
        """A corner of the map clear of its rulers (bottom-left first), away from the cursor (and its readout), the
        other tools' plates (their `occupied` rect) and, where a corner allows, the probes; wide enough for the
        text (up to half the map)."""
        s = self.scene.env.scale
        box = layout.map_rect
        w = int(min(max(box.w * WIDTH_SHARE, text_width + 16 * s), MAX_WIDTH * s, box.w * 0.5))
        line = self.scene.env.fonts.measure("Ag", "small")[1]
        h = min(int(w * 0.72) + 3 * line, box.h - int(70 * s))
        left, bottom, edge = box.x + int(40 * s), box.bottom - int(40 * s), int(12 * s)
        corners = [pygame.Rect(left, bottom - h, w, h), pygame.Rect(left, box.y + edge, w, h),
                   pygame.Rect(box.right - edge - w, bottom - h, w, h), pygame.Rect(box.right - edge - w, box.y + edge, w, h)]
        plates = [r for tool in getattr(self.scene, "tools", ()) if tool is not self
                  for r in [getattr(tool, "occupied", lambda _: None)(layout)] if r is not None]
        taken = list(plates)
        cursor = self._cursor()
        if cursor is not None and layout.transform is not None:
            px, py = layout.transform.to_screen(*cursor)
            taken.append(pygame.Rect(int(px) - edge, int(py - READOUT[1] * s), int(READOUT[0] * s),
                                     int(READOUT[1] * s) + edge))
        probes = []
        if layout.transform is not None:
            for probe in self.scene.game.probes:
                px, py = layout.transform.to_screen(probe.x, probe.y)
                probes.append(pygame.Rect(int(px) - edge, int(py) - edge, 2 * edge, 2 * edge))
        for avoid in (taken + probes, taken):  # clear of the probes too where a corner allows
            for rect in corners:
                if not any(rect.colliderect(r) for r in avoid):
                    return rect
        return None  # no corner clear of the other plates and the cursor: the inset waits

    def _cursor(self) -> tuple[float, float] | None:
        game = self.scene.game
        return None if game.finished else getattr(self.scene, "cursor", None)

    def draw(self, target: pygame.Surface, layout: Any) -> None:
        model = self.model
        if model is None or layout.map_rect.w < 200 or layout.map_rect.h < 160 or intro_open(self.scene):
            return
        env = self.scene.env
        fonts, pal, s, lang = env.fonts, env.palette, env.scale, env.lang
        lines = self._lines(lang)
        rect = self.rect(layout, max((fonts.measure(text, "small")[0] for text, _ in lines), default=0))
        if rect is None:
            return
        pad = int(8 * s)
        target.blit(fonts.plate(rect.w, rect.h, (*pal.plate[:3], PLATE_ALPHA), pad), rect)
        game = self.scene.game
        y = rect.y + pad // 2
        for text, colour in lines:
            y = fonts.draw(target, text, (rect.x + pad, y), "small", colour(pal)).bottom
        plot = pygame.Rect(rect.x + pad, y + pad // 2, rect.w - 2 * pad, rect.bottom - y - pad)
        if plot.w < 40 or plot.h < 30:
            return
        ranges = plot_ranges(model.kind, model.data.x, model.data.y)
        target.blit(self._dot_layer(plot, ranges, pal, s), plot)
        clip = target.get_clip()
        target.set_clip(plot)
        for probe in game.probes:
            self._curve(target, plot, ranges, probe.x, probe.y, (*pal.probe_ring[:3], FADED_ALPHA), max(1, int(s)))
        cursor = self._cursor()
        if cursor is not None:
            self._curve(target, plot, ranges, cursor[0], cursor[1], pal.accent, max(2, int(2 * s)))
        if game.finished:
            px, py, _ = model.peak()
            self._curve(target, plot, ranges, px, py, pal.summit, max(2, int(3 * s)))
        target.set_clip(clip)

    def _lines(self, lang: str) -> list[tuple[str, Any]]:
        """The text over the plot: the cursor's (or last probe's) equation and error; at the reveal the best fit."""
        model = self.model
        game = self.scene.game
        point = self._cursor() or ((game.last.x, game.last.y) if game.last is not None else None)
        out: list[tuple[str, Any]] = []
        if point is not None:
            error = -model.value_at(*point)
            out.append((words.equation(model.kind, point[0], point[1], lang), lambda p: p.accent))
            out.append((words.mse(error if math.isfinite(error) else math.nan, lang), lambda p: p.plate_text))
        if game.finished:
            px, py, pv = model.peak()
            first, second = words.best(model.kind, px, py, -pv, lang)
            out = [(first, lambda p: p.summit), (second, lambda p: p.plate_text)]
        return out

    def _dot_layer(self, plot: pygame.Rect, ranges, pal: Any, s: float) -> pygame.Surface:
        key = (plot.size, ranges, pal.name, s)
        if self._dots is None or self._dots[0] != key:
            layer = pygame.Surface(plot.size, pygame.SRCALPHA)
            x, y = thin(self.model.data.x, self.model.data.y)
            sx, sy = _to_plot(pygame.Rect((0, 0), plot.size), ranges, x, y)
            r = max(2, int(2.5 * s))
            for px, py in zip(sx, sy):
                pygame.draw.circle(layer, pal.probe_ring, (int(px), int(py)), r)
                pygame.draw.circle(layer, pal.probe_fill, (int(px), int(py)), max(1, r - 1))
            self._dots = (key, layer)
        return self._dots[1]

    def _curve(self, target: pygame.Surface, plot: pygame.Rect, ranges, p: float, q: float, colour, width: int
               ) -> None:
        xs = np.linspace(ranges[0], ranges[1], CURVE_SAMPLES)
        ys = predict(self.model.kind, p, q, xs)
        sx, sy = _to_plot(plot, ranges, xs, ys)
        ok = np.isfinite(sy) & (np.abs(sy - plot.centery) < 4 * plot.h)
        pts = [(float(a), float(b)) for a, b, k in zip(sx, sy, ok) if k]
        if len(pts) < 2:
            return
        if len(colour) == 4:
            layer = pygame.Surface(plot.size, pygame.SRCALPHA)
            pygame.draw.lines(layer, colour, False, [(a - plot.x, b - plot.y) for a, b in pts], width)
            target.blit(layer, plot)
        else:
            pygame.draw.lines(target, colour, False, pts, width)


def intro_open(scene: Any) -> bool:
    """True while the level's intro shows over the map (the plates wait until it is read)."""
    intro = getattr(scene, "intro", None)
    return bool(getattr(intro, "shown", False)) and not scene.game.finished


def _to_plot(plot: pygame.Rect, ranges, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x0, x1, y0, y1 = ranges
    with np.errstate(all="ignore"):
        px = plot.x + (x - x0) / (x1 - x0) * plot.w
        py = plot.bottom - (y - y0) / (y1 - y0) * plot.h
    return px, py
