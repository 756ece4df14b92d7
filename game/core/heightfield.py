"""The 3D view's terrain: the surface sampled on a node grid in box coordinates, and lit.

During play only the nodes where the fog is cleared (probed discs) are evaluated; every other node is the fog's
flat floor."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from game.core.camera import HEIGHT, Box

NODES = 129  # nodes along the map's longer side
FOG, TERRAIN, UNDEFINED = 0, 1, 2  # what a node shows
LIGHT = np.array([-0.55, 0.65, 0.9]) / math.sqrt(0.55 ** 2 + 0.65 ** 2 + 0.9 ** 2)  # from the map's upper left
AMBIENT = 0.32  # the darkest a lit face gets (a face turned away from the light is not black)
POLE_SPREAD = 10.0  # revealed heights this many spreads above their 99th percentile are a pole's: clipped


@dataclass(frozen=True)
class Heightfield:
    """Node grid (rows along v, columns along u) with what each node shows, its height and its light."""

    us: np.ndarray  # box u of each column
    vs: np.ndarray  # box v of each row
    kind: np.ndarray  # (rows, cols) uint8: FOG, TERRAIN or UNDEFINED
    level: np.ndarray  # (rows, cols) 0..1: height within (lo, hi) (0 where not terrain)
    light: np.ndarray  # (rows, cols) AMBIENT..1: Lambert shading of the lifted grid
    lo: float  # the heights level 0 and 1 stand for
    hi: float
    full: bool  # True: every node is terrain or undefined (after the reveal, lab mode)

    @property
    def w(self) -> np.ndarray:
        """Box heights of the nodes (0: the floor)."""
        return self.level * HEIGHT

    def thinned(self, step: int) -> "Heightfield":
        """Every `step`-th node along each side (a coarser terrain for a fast picture; the corners are kept)."""
        if step <= 1:
            return self
        cols = np.unique(np.append(np.arange(0, len(self.us), step), len(self.us) - 1))
        rows = np.unique(np.append(np.arange(0, len(self.vs), step), len(self.vs) - 1))
        pick = np.ix_(rows, cols)
        return Heightfield(self.us[cols], self.vs[rows], self.kind[pick], self.level[pick], self.light[pick],
                           self.lo, self.hi, self.full)

    def lift(self, values: Any) -> np.ndarray:
        """Heights → box w (clipped into the box; NaN → the floor)."""
        return np.nan_to_num(unit(np.asarray(values, dtype=np.float64), self.lo, self.hi), nan=0.0) * HEIGHT


def unit(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """(values − lo) / (hi − lo) clipped to 0..1, without overflow for spans up to the largest floats; NaN stays."""
    with np.errstate(all="ignore"):
        out = (values * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5)
    return np.clip(out, 0.0, 1.0)


def node_axes(box: Box, nodes: int = NODES) -> tuple[np.ndarray, np.ndarray]:
    """Box u and v of the node columns and rows (the shorter side gets proportionally fewer nodes)."""
    eu, ev = box.extent
    step = 2.0 / (nodes - 1)
    cols = max(2, int(round(2 * eu / step)) + 1)
    rows = max(2, int(round(2 * ev / step)) + 1)
    return np.linspace(-eu, eu, cols), np.linspace(-ev, ev, rows)


def revealed_mask(box: Box, us: np.ndarray, vs: np.ndarray, discs: Sequence[tuple[float, float, float]]) -> np.ndarray:
    """True at nodes inside any disc (x, y, radius in surface units)."""
    xs, ys = box.to_surface(us, vs)
    mask = np.zeros((len(vs), len(us)), dtype=bool)
    for x, y, r in discs:
        if not all(math.isfinite(v) for v in (x, y, r)) or r <= 0:
            continue
        mask |= (xs[None, :] - x) ** 2 + (ys[:, None] - y) ** 2 <= r * r
    return mask


def build(surface: Any, box: Box, discs: Sequence[tuple[float, float, float]] | None,
          limits: tuple[float, float] | None = None, nodes: int = NODES) -> Heightfield:
    """The terrain: every node (`discs` None: revealed, with `limits` as the height span) or only the nodes inside
    `discs` (the span then from those heights alone, so nothing hidden sets the scale). Never raises on NaN/inf."""
    us, vs = node_axes(box, nodes)
    xs, ys = box.to_surface(us, vs)
    shape = (len(vs), len(us))
    mask = np.ones(shape, dtype=bool) if discs is None else revealed_mask(box, us, vs, discs)
    values = np.full(shape, np.nan)
    if mask.any():
        gx, gy = np.meshgrid(xs, ys)
        values[mask] = _evaluate(surface, gx[mask], gy[mask])
    lo, hi = limits if discs is None and limits is not None else span(values[mask])
    level = unit(values, lo, hi)
    kind = np.where(mask, np.where(np.isnan(level), UNDEFINED, TERRAIN), FOG).astype(np.uint8)
    level = np.where(kind == TERRAIN, level, 0.0)
    return Heightfield(us, vs, kind, level, lambert(level * HEIGHT, us, vs), float(lo), float(hi), discs is None)


def _evaluate(surface: Any, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Heights at points; any failure of the surface reads as undefined (NaN) rather than a crash."""
    try:
        with np.errstate(all="ignore"):
            out = np.asarray(surface(x, y), dtype=np.float64)
        if out.shape != x.shape:
            out = np.broadcast_to(out, x.shape).astype(np.float64)
    except (ArithmeticError, ValueError, TypeError, OverflowError):
        return np.full(x.shape, np.nan)
    return np.where(np.isnan(out), np.nan, out)  # ±inf stays: it clips to the box's top or floor


def span(values: np.ndarray) -> tuple[float, float]:
    """(lo, hi) of finite heights, never an empty interval; a pole's spike is clipped, not allowed to flatten the
    rest. Only the heights given decide it."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    if finite.size >= 50:
        q1, q99 = (float(q) for q in np.quantile(finite, [0.01, 0.99]))
        spread = q99 - q1
        if math.isfinite(spread) and spread > 0:
            if (hi - q99) > POLE_SPREAD * spread:
                hi = q99
            if (q1 - lo) > POLE_SPREAD * spread:
                lo = q1
    if not hi * 0.5 - lo * 0.5 > 1e-12 * max(1.0, abs(lo), abs(hi)):  # flat: a level plate in the box's middle
        pad = max(0.5, 1e-6 * max(abs(lo), abs(hi)))
        lo, hi = lo - pad, hi + pad
    return lo, hi


def lambert(w: np.ndarray, us: np.ndarray, vs: np.ndarray) -> np.ndarray:
    """Per-node shading of the lifted grid: AMBIENT + (1 − AMBIENT) · max(0, n · LIGHT)."""
    if len(us) < 2 or len(vs) < 2:
        return np.ones_like(w)
    gv, gu = np.gradient(w, vs, us)
    norm = np.sqrt(gu * gu + gv * gv + 1.0)
    dot = (-gu * LIGHT[0] - gv * LIGHT[1] + LIGHT[2]) / norm
    return AMBIENT + (1.0 - AMBIENT) * np.clip(np.nan_to_num(dot, nan=1.0), 0.0, 1.0)


__all__ = ["Heightfield", "build", "span", "unit", "revealed_mask", "node_axes", "lambert", "NODES", "FOG",
           "TERRAIN", "UNDEFINED"]
