"""Local maxima on the map's edges and corners: tops of f along the border where uphill points off the map.

The rule (what a teacher can check by hand)
-------------------------------------------
Walk once round the border of the domain, sampling f at ``SAMPLES`` points per side (the analysis grid's
border: 601 points, 0.01 apart on a 6-wide map). A sample higher than the one before it and not lower than
the one after it is a candidate; on a side it is refined by golden-section search between its neighbours
along that side, a corner stays where it is. A candidate is an **edge maximum** when

1. along the border it is a strict top: f a tenth of a sample step either way along its side(s) is lower
   (beyond rounding), so a level edge such as the right side of f = x is not a row of tops; and
2. going into the map does not climb: f one sample step inwards (straight in, and diagonally in along the
   side) is not higher. That is "uphill points off the map" (or f is level across the edge).

A plane's top is a corner; x − (y − 0.5)² has its top on the right edge at (3, 0.5); the saddle x² − y² has
two, at (±3, 0). The global peak is included when it lies on the border (callers skip it as they wish).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

SAMPLES = 601       # samples per side, corners included (the analysis grid's border)
GOLDEN_STEPS = 60   # golden-section iterations: the bracket (two sample steps) shrinks by 0.618^60 ≈ 3e-13
ROUNDING = 1e-12    # a difference smaller than this share of the heights is rounding, not a rise or drop
SAME = 1e-3         # candidates closer than this share of the longer side are one maximum


def _loop(domain: tuple[float, float, float, float], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Border points anticlockwise from (xmin, ymin), each corner once: x, y and the side index 0..3 of each
    (bottom, right, top, left); point k·(n − 1) is the corner that starts side k."""
    xmin, xmax, ymin, ymax = domain
    t = np.linspace(0.0, 1.0, n)[:-1]
    xs = np.concatenate([xmin + t * (xmax - xmin), np.full(n - 1, xmax), xmax - t * (xmax - xmin), np.full(n - 1, xmin)])
    ys = np.concatenate([np.full(n - 1, ymin), ymin + t * (ymax - ymin), np.full(n - 1, ymax), ymax - t * (ymax - ymin)])
    side = np.repeat(np.arange(4), n - 1)
    return xs, ys, side


def _heights(surface: Any, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        z = np.asarray(surface.heights(x, y), dtype=np.float64)
    return np.where(np.isfinite(z), z, -np.inf)


ALONG = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])  # direction of travel on each side
INWARD = np.array([[0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [1.0, 0.0]])  # into the map from each side


def _golden(surface: Any, x0: np.ndarray, y0: np.ndarray, ux: np.ndarray, uy: np.ndarray, h: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Maximise f(x0 + s·u, y0 + s·u) over s in [−h, h] for every candidate at once (golden section)."""
    r = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = -h.copy(), h.copy()
    c, d = b - r * (b - a), a + r * (b - a)
    fc, fd = _heights(surface, x0 + c * ux, y0 + c * uy), _heights(surface, x0 + d * ux, y0 + d * uy)
    for _ in range(GOLDEN_STEPS):
        left = fc >= fd  # the top lies in [a, d]
        b = np.where(left, d, b)
        a = np.where(left, a, c)
        c_new = np.where(left, b - r * (b - a), d)
        d_new = np.where(left, c, a + r * (b - a))
        fx = _heights(surface, x0 + np.where(left, c_new, d_new) * ux, y0 + np.where(left, c_new, d_new) * uy)
        fc, fd = np.where(left, fx, fd), np.where(left, fc, fx)
        c, d = c_new, d_new
    s = 0.5 * (a + b)
    return x0 + s * ux, y0 + s * uy


def edge_maxima(surface: Any, n: int = SAMPLES) -> list[tuple[float, float, float]]:
    """(x, y, value) of every local maximum of f on the domain's edges and corners (the rule above), highest
    first. Pure numpy; `surface` needs ``domain`` and vectorised ``heights(x, y)``."""
    xmin, xmax, ymin, ymax = (float(v) for v in surface.domain)
    xs, ys, side = _loop((xmin, xmax, ymin, ymax), n)
    z = _heights(surface, xs, ys)
    prev, nxt = np.roll(z, 1), np.roll(z, -1)
    cand = np.nonzero(np.isfinite(z) & (z > prev) & (z >= nxt))[0]
    if len(cand) == 0:
        return []
    corner = cand % (n - 1) == 0
    k = side[cand]
    steps = np.array([xmax - xmin, ymax - ymin, xmax - xmin, ymax - ymin]) / (n - 1)
    h = steps[k]
    ux, uy = ALONG[k, 0], ALONG[k, 1]
    px, py = xs[cand].astype(np.float64), ys[cand].astype(np.float64)
    on_side = ~corner
    end = np.zeros(len(cand), dtype=bool)
    if on_side.any():
        rx, ry = _golden(surface, px[on_side], py[on_side], ux[on_side], uy[on_side], h[on_side])
        px[on_side], py[on_side] = np.clip(rx, xmin, xmax), np.clip(ry, ymin, ymax)
        # a top found at the end of its bracket is a limit (a pole beside a sample), not a maximum
        end[on_side] = np.hypot(rx - xs[cand][on_side], ry - ys[cand][on_side]) > 0.999 * h[on_side]
    v = _heights(surface, px, py)
    scale = np.maximum(1.0, np.abs(v[np.isfinite(v)]).max(initial=1.0))
    tiny = ROUNDING * scale
    # 1. a strict top along the border: lower a little way along its side both ways (at a corner: along its
    # own side, and back along the side that ends there)
    k_prev = (k - 1) % 4
    bx = np.where(corner, -ALONG[k_prev, 0], -ux)
    by = np.where(corner, -ALONG[k_prev, 1], -uy)
    bh = np.where(corner, steps[k_prev], h)
    ok = np.isfinite(v) & ~end
    for dx, dy, hh in ((ux, uy, h), (bx, by, bh)):
        qx = np.clip(px + 0.1 * hh * dx, xmin, xmax)
        qy = np.clip(py + 0.1 * hh * dy, ymin, ymax)
        ok &= _heights(surface, qx, qy) < v - tiny
    # 2. going inwards does not climb (straight in, and diagonally in along the side, both ways)
    nx, ny = INWARD[k, 0], INWARD[k, 1]
    inx = np.where(corner, nx + INWARD[k_prev, 0], nx)  # at a corner, straight in is the diagonal
    iny = np.where(corner, ny + INWARD[k_prev, 1], ny)
    hin = np.maximum(steps[k], steps[k_prev])
    for ax, ay in ((inx, iny), (inx + ux, iny + uy), (inx - ux, iny - uy)):
        qx = np.clip(px + hin * ax, xmin, xmax)
        qy = np.clip(py + hin * ay, ymin, ymax)
        ok &= _heights(surface, qx, qy) <= v + tiny
    rows = sorted(((float(a), float(b), float(c)) for a, b, c in zip(px[ok], py[ok], v[ok])), key=lambda r: -r[2])
    same = SAME * max(xmax - xmin, ymax - ymin)
    out: list[tuple[float, float, float]] = []
    for r in rows:
        if all(math.hypot(r[0] - o[0], r[1] - o[1]) > same for o in out):
            out.append(r)
    return out
