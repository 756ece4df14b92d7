"""Taylor contours on the map: isolines of L (dashed) and Q (solid) around the probe, and the region to trust.

The isolines use the map's own levels; after the reveal, where |f − Q| is within the level's tolerance is shaded."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pygame

from game.core.lab_shapes import taylor_models, trust_mask
from game.core.transform import ViewTransform

TRUST_ALPHA = 110  # the shading's opacity (white over the map's bands)
TRUST_STEP = 3  # screen px per sample of the shading (scaled up smoothly)


def isoline_mask(values: np.ndarray, edges: Sequence[float]) -> np.ndarray:
    """True on pixels where the band (between the sorted `edges`) changes to the right or below: 1 px isolines."""
    band = np.searchsorted(np.asarray(edges, dtype=np.float64), values)
    band = np.where(np.isfinite(values), band, -1)
    mask = np.zeros(values.shape, dtype=bool)
    mask[:, :-1] |= band[:, 1:] != band[:, :-1]
    mask[:-1, :] |= band[1:, :] != band[:-1, :]
    return mask


def model_layer(transform: ViewTransform, point: tuple[float, float], value: float, gradient: tuple[float, float],
                hessian: tuple[float, float, float], edges: Sequence[float], radius: int,
                colors: tuple[Sequence[int], Sequence[int]], scale: float) -> tuple[pygame.Surface, tuple[int, int]]:
    """An SRCALPHA layer with L's isolines (dashed, colors[0]) and Q's (colors[1]) in a disc of `radius` px around
    the probe, and where its top-left goes on screen."""
    cx, cy = transform.to_screen(*point)
    left, top = int(cx) - radius, int(cy) - radius
    size = 2 * radius + 1
    px = np.arange(size, dtype=np.float64) + left
    py = np.arange(size, dtype=np.float64) + top
    wx, wy = transform.to_world(px[:, None], py[None, :])  # indexed [x, y], as surfarray is
    linear, quadratic = taylor_models(value, gradient, hessian, point[0], point[1], wx, wy)
    disc = (px[:, None] - cx) ** 2 + (py[None, :] - cy) ** 2 <= radius ** 2
    dash = ((np.arange(size)[:, None] + np.arange(size)[None, :]) // max(3, int(5 * scale))) % 2 == 0
    lmask = isoline_mask(linear, edges) & disc & dash
    qmask = isoline_mask(quadratic, edges) & disc
    thick = max(1, int(round(scale)))
    for _ in range(thick - 1):  # thicken the lines at larger scales
        qmask[1:, :] |= qmask[:-1, :]
        qmask[:, 1:] |= qmask[:, :-1]
        lmask[1:, :] |= lmask[:-1, :]
        lmask[:, 1:] |= lmask[:, :-1]
    layer = pygame.Surface((size, size), pygame.SRCALPHA)
    rgb = pygame.surfarray.pixels3d(layer)
    alpha = pygame.surfarray.pixels_alpha(layer)
    rgb[lmask] = colors[0][:3]
    rgb[qmask] = colors[1][:3]
    alpha[lmask | qmask] = 255
    del rgb, alpha
    return layer, (left, top)


def trust_grid(surface: Any, transform: ViewTransform, point: tuple[float, float], value: float,
               gradient: tuple[float, float], hessian: tuple[float, float, float], tolerance: float) -> np.ndarray:
    """Where |f − Q| <= tolerance at the centres of TRUST_STEP-px cells over the map, indexed [x, y]. The heights
    come from the surface's grid, as the map's do (a model level's map is interpolated from a coarser grid: its
    exact sums at every sample took 120 ms at 3000×1800)."""
    w, h = transform.size
    left, top = transform.inner[0], transform.inner[1]
    nx, ny = max(2, w // TRUST_STEP), max(2, h // TRUST_STEP)
    xs, _ = transform.to_world(left + (np.arange(nx) + 0.5) * w / nx, top)
    _, ys = transform.to_world(left, top + (np.arange(ny) + 0.5) * h / ny)
    with np.errstate(all="ignore"):
        heights = np.asarray(surface.grid(xs, ys, dtype=np.float64), dtype=np.float64).T
    wx, wy = np.broadcast_arrays(xs[:, None], ys[None, :])
    _, quadratic = taylor_models(value, gradient, hessian, point[0], point[1], wx, wy)
    return trust_mask(heights, quadratic, tolerance)


def trust_layer(surface: Any, transform: ViewTransform, point: tuple[float, float], value: float,
                gradient: tuple[float, float], hessian: tuple[float, float, float], tolerance: float,
                color: Sequence[int]) -> pygame.Surface:
    """The map-sized shading of |f − Q| <= tolerance (trust_grid, scaled up smoothly)."""
    mask = trust_grid(surface, transform, point, value, gradient, hessian, tolerance)
    small = pygame.Surface(mask.shape, pygame.SRCALPHA)
    rgb = pygame.surfarray.pixels3d(small)
    alpha = pygame.surfarray.pixels_alpha(small)
    rgb[...] = color[:3]
    alpha[...] = np.where(mask, TRUST_ALPHA, 0).astype(np.uint8)
    del rgb, alpha
    return pygame.transform.smoothscale(small, transform.size)


__all__ = ["isoline_mask", "model_layer", "trust_grid", "trust_layer"]
