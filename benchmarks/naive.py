"""The naive baseline renderer the benchmark and the renderer tests compare the game's contour map with."""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from game.ui.palette import DEFAULT_BANDS, Palette
from game.ui.views.contour_field import (HATCH, MAJOR_BIT, MAJOR_EVERY, MINOR_BIT, UNDEFINED, pixel_centres,
                                         palette_colors, value_range)


def render_map_naive(surface: Any, size: tuple[int, int], palette: Palette, bands: int = DEFAULT_BANDS,
                     levels: Any = None) -> pygame.Surface:
    """Reference renderer: float64 meshgrid evaluation, temporaries, an RGB fancy-index LUT, a 24-bit surface.

    Same band / isoline rules as ContourMap (1-px minor isolines, 2-px major ones, no labels); with `levels`
    (contour_levels.BandLevels) its edges and major edges, found by searchsorted, instead of even bands.
    """
    w, h = size
    n = bands if levels is None else levels.n
    xs, ys = pixel_centres(surface.domain, size)
    X, Y = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        Z = np.asarray(surface(X, Y), dtype=np.float64) * np.ones_like(X)
    lo, hi = value_range(surface)
    nan = np.isnan(Z)
    t = (np.where(nan, lo, Z) - lo) / (hi - lo)
    band = np.clip(np.floor(t * n), 0, n - 1).astype(np.int64)
    if levels is not None:
        band = np.searchsorted(np.asarray(levels.edges), np.where(nan, lo, Z), side="right").astype(np.int64)
    idx = band.copy()
    edge = np.zeros_like(nan)
    edge[:, :-1] |= band[:, :-1] != band[:, 1:]
    edge[:-1, :] |= band[:-1, :] != band[1:, :]
    idx[edge] = band[edge] + MINOR_BIT
    group = band // MAJOR_EVERY if levels is None else np.cumsum([0, *levels.major])[band]
    major = np.zeros_like(nan)
    r = group[:, :-1] != group[:, 1:]
    d = group[:-1, :] != group[1:, :]
    major[:, :-1] |= r
    major[:, 1:] |= r
    major[:-1, :] |= d
    major[1:, :] |= d
    idx[major] = band[major] + MAJOR_BIT
    hatch = ((np.arange(h)[:, None] + np.arange(w)[None, :]) // HATCH) % 2
    idx[nan] = (UNDEFINED + hatch)[nan]
    lut = np.array(palette_colors(palette, n), dtype=np.uint8)
    rgb = lut[idx]  # (h, w, 3) fancy indexing
    return pygame.surfarray.make_surface(rgb.transpose(1, 0, 2))
