"""Surfaces without a finite maximum on their map (poles, overflow), and robust limits for the map's bands.

The rule (what a teacher can check by hand)
-------------------------------------------
A surface has **no finite maximum on its map** when either

1. its height is **+∞** somewhere on the 601 × 601 analysis grid (the optimiser's grid, edges included):
   a pole hit exactly, such as 1/(3 − x) at x = 3, or a height too large for the computer (overflow); or
2. the height **keeps rising as we zoom in on the summit**. From the summit the optimiser found, walk along
   a straight line (8 directions, those that stay on the map) to the points at distance d = h·10⁻⁵,
   h·10⁻⁶, h·10⁻⁷, h·10⁻⁸ (h = the grid's spacing on each axis: 0.01 on a 6-wide map, so d = 1e-7 .. 1e-10).
   Going inwards the height rises by Δ₁, Δ₂, Δ₃. At a real summit the rises shrink
   with every tenfold zoom: about tenfold at a kink or an edge (f ≈ top − c·d) and a hundredfold at a
   smooth top (f ≈ top − c·d²). Near a pole they never shrink: tenfold *larger* for 1/d, about equal for
   −log d. The surface is flagged when, along one line, the three rises are positive (beyond rounding:
   more than 1e-12 of the heights) and each is at least ``KEEPS_PACE`` (80 %) of the one before, or a
   point on the line is +∞. Tiny distances judge the limit, not the hill: 1/x seen from 1000 grid steps
   away also rises tenfold per zoom, yet on [0.5, 1e6] it has a maximum at x = 0.5. The optimiser stops
   within about 1e-13 of the map's size from a pole, so even the smallest distance still sees its growth.

Only the optimiser's summit is zoomed into, so a pole too weak to make a local maximum of the grid (hidden
by a much higher hill) is not seen; a cusp sharper than |x|^0.1 would be flagged. Where the *slope* overflows
before the height does (1e300·tan(x)), the optimiser stops short of the pole and the zoom sees an ordinary
slope: not flagged (its bands still span the value range).

``kind`` is "overflow" when the heights run past the largest float over a whole patch: +∞ on a zoom line
(a finite summit right next to +∞ heights), or a 2 × 2 block of +∞ on the grid; else "pole" (+∞ only
at isolated points or along lines, or growth without +∞). ``x, y`` is where it blows up: the optimiser's summit, or the +∞ grid point nearest to it.

Band limits
-----------
An ordinary surface's bands span exactly its ``value_range()`` (lowest grid height to the peak), as they
always did. For a flagged surface they span Tukey's "far out" fences of the finite grid heights, lower
quartile − 3·IQR to upper quartile + 3·IQR, kept within the lowest and highest finite height. Measured on
1/x, tan(x), 1/(x·y), 1/(3 − x), 1/r²: 6–9 of 14 bands in real use, against 2–4 for the 1st..99th
percentiles (their heavy tails squeeze the map into a few bands).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

ZOOMS = (5, 6, 7, 8)  # distances h·10^-k from the summit: 1e-7 .. 1e-10 of a 6-wide map (the limit, not the hill)
DIRECTIONS = 8       # straight lines into the summit, every 45°
KEEPS_PACE = 0.8     # a rise at least this share of the previous one "keeps pace" (a real summit's shrink ×10..×100)
RISE_TOL = 1e-12     # a rise smaller than this share of the heights is rounding, not a rise
FENCE = 3.0          # Tukey's far-out fences: quartiles ± FENCE · IQR


@dataclass(frozen=True)
class Unbounded:
    """A surface without a finite maximum on its map: ``kind`` "pole" or "overflow", and where, (x, y)."""

    kind: str
    x: float
    y: float


def _zoom_points(domain, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
    """Points (DIRECTIONS, ZOOMS) at distance h·10^-k from (x, y) along each direction (h per axis)."""
    xmin, xmax, ymin, ymax = domain
    hx, hy = (xmax - xmin) / 600.0, (ymax - ymin) / 600.0
    angles = np.arange(DIRECTIONS) * (2.0 * np.pi / DIRECTIONS)
    dist = 10.0 ** -np.array(ZOOMS, dtype=np.float64)
    cos, sin = np.cos(angles), np.sin(angles)
    cos[np.abs(cos) < 1e-12] = 0.0  # exactly along the axes: a summit on an edge keeps its rays along it
    sin[np.abs(sin) < 1e-12] = 0.0
    px = x + cos[:, None] * dist[None, :] * hx
    py = y + sin[:, None] * dist[None, :] * hy
    return px, py


def keeps_rising(surface: Any, x: float, y: float) -> tuple[bool, bool]:
    """(flagged, +inf met) for rule 2 at the summit (x, y); see the module docstring."""
    xmin, xmax, ymin, ymax = surface.domain
    px, py = _zoom_points(surface.domain, x, y)
    inside = (px >= xmin) & (px <= xmax) & (py >= ymin) & (py <= ymax)
    if not inside.any():
        return False, False
    with np.errstate(all="ignore"):
        h = np.full(px.shape, np.nan)
        h[inside] = surface.heights(px[inside], py[inside])
        if np.isposinf(h).any():
            return True, True
        rise = np.diff(h, axis=1)  # h[k+1] - h[k]: closer minus farther (nan where a point is outside/undefined)
        tol = RISE_TOL * np.maximum(np.abs(h[:, 1:]), np.abs(h[:, :-1]))
        positive = (rise > tol).all(axis=1)  # False where nan
        pace = (rise[:, 1:] >= KEEPS_PACE * rise[:, :-1]).all(axis=1)
    return bool((positive & pace).any()), False


def _patch(posinf: np.ndarray) -> bool:
    """True when +inf fills a patch of the grid (some 2 × 2 block), not just points or lines (poles)."""
    block = posinf[:-1, :-1] & posinf[1:, :-1] & posinf[:-1, 1:] & posinf[1:, 1:]
    return bool(block.any())


def fences(finite: np.ndarray) -> tuple[float, float] | None:
    """Tukey's far-out fences of the finite heights, kept within their min and max; None if there are none.

    If the fences collapse (more than half the map at one height), the 1st..99th percentiles, then min..max."""
    if finite.size == 0:
        return None
    low, high = float(finite.min()), float(finite.max())
    q1, q3 = (float(v) for v in np.percentile(finite, [25.0, 75.0]))
    iqr = q3 - q1
    lo, hi = max(low, q1 - FENCE * iqr), min(high, q3 + FENCE * iqr)
    if not hi > lo:
        lo, hi = (float(v) for v in np.percentile(finite, [1.0, 99.0]))
    if not hi > lo:
        lo, hi = low, high
    return lo, hi


def assess(surface: Any, z: np.ndarray, summit: tuple[float, float, float] | None
           ) -> tuple[Unbounded | None, tuple[float, float] | None]:
    """(record or None, robust band limits or None) from the analysis grid ``z`` (rows = y, +inf kept) and the
    optimiser's summit (x, y, value) (None when it found none). Limits are None for an ordinary surface, unless
    its lowest heights plunge far below the rest (_deep_pit)."""
    xmin, xmax, ymin, ymax = surface.domain
    record = None
    overflow = False
    if summit is not None and np.isfinite(summit[2]):
        sx, sy = float(summit[0]), float(summit[1])
        flagged, overflow = keeps_rising(surface, sx, sy)
        if flagged:
            record = (sx, sy)
    posinf = np.isposinf(z)
    if posinf.any():
        overflow = overflow or _patch(posinf)
        if record is None:
            iy, ix = np.nonzero(posinf)
            ny, nx = z.shape
            gx = xmin + ix * ((xmax - xmin) / max(nx - 1, 1))
            gy = ymin + iy * ((ymax - ymin) / max(ny - 1, 1))
            if summit is not None and np.isfinite(summit[0]) and np.isfinite(summit[1]):
                cx, cy = summit[0], summit[1]
            else:
                cx, cy = 0.5 * (xmin + xmax), 0.5 * (ymin + ymax)
            k = int(np.argmin(((gx - cx) / (xmax - xmin)) ** 2 + ((gy - cy) / (ymax - ymin)) ** 2))
            record = (float(gx[k]), float(gy[k]))
    if record is None:
        return None, _deep_pit(surface, z, summit)
    kind = "overflow" if overflow else "pole"
    return Unbounded(kind, record[0], record[1]), fences(z[np.isfinite(z)])


class _Upside:
    """A surface turned upside down (−f): a pole pointing down is a summit that keeps rising there."""

    def __init__(self, surface: Any) -> None:
        self.domain = surface.domain
        self._surface = surface

    def heights(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return -np.asarray(self._surface.heights(x, y), dtype=np.float64)


def _deep_pit(surface: Any, z: np.ndarray, summit: tuple[float, float, float] | None) -> tuple[float, float] | None:
    """Limits for an ordinary surface with a pole pointing down (−1/r², log r²): −∞ on the grid or a hole in it next to
    the lowest grid point, or the height keeps falling as we zoom into that point (rules 1 and 2 of the module
    docstring, upside down). Then the bands and the terrain's
    span run from the lower far-out fence to the summit, so the pit does not swallow the map; None otherwise
    (a Gaussian pit, however narrow, bottoms out)."""
    finite = np.isfinite(z)
    if summit is None or not np.isfinite(summit[2]) or not finite.any():
        return None
    xmin, xmax, ymin, ymax = surface.domain
    masked = np.where(finite, z, np.inf)
    iy, ix = np.unravel_index(int(np.argmin(masked)), z.shape)
    ny, nx = z.shape
    x = xmin + ix * ((xmax - xmin) / max(nx - 1, 1))
    y = ymin + iy * ((ymax - ymin) / max(ny - 1, 1))
    around = z[max(0, iy - 1):iy + 2, max(0, ix - 1):ix + 2]  # a hole next to the lowest point: it fell to −∞
    falling = bool(np.isneginf(z).any() or not np.isfinite(around).all()) or keeps_rising(
        _Upside(surface), float(x), float(y))[0]
    limits = fences(z[finite])
    if not falling or limits is None or not float(summit[2]) > limits[0]:
        return None
    return limits[0], float(summit[2])


def unbounded(surface: Any) -> Unbounded | None:
    """The surface's Unbounded record (no finite maximum on its map), or None for an ordinary one; cached."""
    return surface.unbounded()


def band_limits(surface: Any) -> tuple[float, float]:
    """(lo, hi) for the map's colour bands: value_range() for an ordinary surface, robust fences otherwise."""
    return surface.band_limits()


__all__ = ["Unbounded", "assess", "band_limits", "fences", "keeps_rising", "unbounded"]
