"""The slice view's numbers: the 1D cross-section f(p + t·u) through a probe, the secant through ±h and the tangent.

Secant slope = (f(p + h·u) − f(p − h·u)) / (2h) (rise over run); tangent slope = ∇f(p)·u, the directional derivative.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

DIRECTIONS = ("x", "y", "gradient", "free")
TURN_DEGREES = 15.0  # one press of , or . turns the free direction by this much


class Secant(NamedTuple):
    """The secant through the points at t = −h and t = +h, and the tangent at t = 0."""

    h: float
    left: float  # f(p − h·u)
    right: float  # f(p + h·u)
    rise: float  # right − left
    run: float  # 2h
    ratio: float  # rise / run (nan when undefined)
    tangent: float  # ∇f(p)·u (exact)


def unit(kind: str, angle_deg: float, gradient: tuple[float, float]) -> tuple[float, float]:
    """The slice's unit direction: along x, along y, along the gradient (x when ∇f is 0 or not finite) or at
    `angle_deg` (anticlockwise from +x) for "free"."""
    if kind == "y":
        return 0.0, 1.0
    if kind == "gradient":
        gx, gy = gradient
        size = math.hypot(gx, gy)
        if size > 0 and math.isfinite(size):
            return gx / size, gy / size
        return 1.0, 0.0
    if kind == "free":
        a = math.radians(angle_deg)
        return math.cos(a), math.sin(a)
    return 1.0, 0.0


def angle_of(u: tuple[float, float]) -> float:
    """The direction's angle in degrees (anticlockwise from +x), in [0, 360)."""
    return math.degrees(math.atan2(u[1], u[0])) % 360.0


def secant(surface: Any, x: float, y: float, u: tuple[float, float], h: float) -> Secant:
    """Rise, run and ratio of the secant through p ± h·u, and the exact tangent slope ∇f(p)·u."""
    ux, uy = u
    with np.errstate(all="ignore"):
        right = float(surface.value_at(x + h * ux, y + h * uy))
        left = float(surface.value_at(x - h * ux, y - h * uy))
        g = surface.gradient(x, y)
    rise = right - left
    run = 2.0 * h
    ratio = rise / run if math.isfinite(rise) else math.nan
    tangent = float(g[0]) * ux + float(g[1]) * uy
    return Secant(h, left, right, rise, run, ratio, tangent)


def extent(domain: tuple[float, float, float, float], x: float, y: float, u: tuple[float, float]) -> tuple[float, float]:
    """(t0, t1): the part of the line p + t·u that lies on the map (t0 <= 0 <= t1 for p on the map)."""
    lo, hi = -math.inf, math.inf
    for p, d, a, b in ((x, u[0], domain[0], domain[1]), (y, u[1], domain[2], domain[3])):
        if abs(d) < 1e-15:
            continue
        t_a, t_b = (a - p) / d, (b - p) / d
        lo, hi = max(lo, min(t_a, t_b)), min(hi, max(t_a, t_b))
    return (lo, hi) if lo <= hi else (0.0, 0.0)


def _samples(surface: Any, x: float, y: float, u: tuple[float, float], samples: int) -> np.ndarray:
    t0, t1 = extent(tuple(float(v) for v in surface.domain), x, y, u)
    return np.linspace(t0, t1, samples)


def _heights(surface: Any, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        zs = np.asarray(surface.heights(xs, ys), dtype=np.float64) if xs.size else np.zeros(0)
    return np.where(np.isfinite(zs), zs, np.nan)


def curve(surface: Any, x: float, y: float, u: tuple[float, float], samples: int = 241) -> tuple[np.ndarray, np.ndarray]:
    """(t, f(p + t·u)) at `samples` points across the map (non-finite heights as nan)."""
    ts = _samples(surface, x, y, u, samples)
    return ts, _heights(surface, x + ts * u[0], y + ts * u[1])


def revealed(points_x: np.ndarray, points_y: np.ndarray, probes: list[tuple[float, float]], radius: float) -> np.ndarray:
    """Which points lie in a revealed disc (within `radius` of some probe): what play may show of the curve."""
    mask = np.zeros(np.shape(points_x), dtype=bool)
    for px, py in probes:
        mask |= np.hypot(points_x - px, points_y - py) <= radius
    return mask


def visible_curve(surface: Any, x: float, y: float, u: tuple[float, float], probes: list[tuple[float, float]],
                  radius: float | None, samples: int = 241) -> tuple[np.ndarray, np.ndarray]:
    """The curve a player may see: all of it when `radius` is None (revealed map), else only the samples within
    `radius` of a probe; the rest is nan, so no hidden height is ever handed to the view."""
    if radius is None:
        return curve(surface, x, y, u, samples)
    ts = _samples(surface, x, y, u, samples)
    xs, ys = x + ts * u[0], y + ts * u[1]
    keep = revealed(xs, ys, probes, radius)
    zs = np.full(ts.shape, np.nan)
    zs[keep] = _heights(surface, xs[keep], ys[keep])  # hidden points are never evaluated
    return ts, zs


__all__ = ["DIRECTIONS", "TURN_DEGREES", "Secant", "unit", "angle_of", "secant", "extent", "curve", "revealed",
           "visible_curve"]
