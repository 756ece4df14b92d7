"""The Hessian at a probe (eigen-axes, shape, the Newton step) and the Taylor models L and Q around it.

L(p + d) = f + ∇f·d;  Q(p + d) = L + ½ dᵀHd;  Newton step d = −H⁻¹∇f (to Q's stationary point).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from surfaces.calculus import classify_hessian

SHAPES = ("summit", "bowl", "saddle", "flat")  # both λ < 0, both > 0, mixed signs, a zero eigenvalue
SHAPE_OF_KIND = {"maximum": "summit", "minimum": "bowl", "saddle": "saddle", "degenerate": "flat"}
# where Newton would head: None while H is negative definite (towards a summit, as a climber wants)
HEADS_FOR = {"summit": None, "bowl": "minimum", "saddle": "saddle", "flat": "nowhere"}


class HessianAxes(NamedTuple):
    """What the Hessian at a probe says, in codes and numbers (game/text words them)."""

    eigenvalues: tuple[float, float]  # λ1 <= λ2
    axes: tuple[tuple[float, float], tuple[float, float]]  # unit eigenvectors of λ1 and λ2
    shape: str  # one of SHAPES
    newton: tuple[float, float] | None  # the Newton step d = −H⁻¹∇f (None when H is singular or not finite)
    heads_for: str | None  # None (a summit), "minimum", "saddle" or "nowhere" (H singular)


def newton_step(gradient: tuple[float, float], hessian: tuple[float, float, float]) -> tuple[float, float] | None:
    """d solving H d = −g for H = [[a, b], [b, c]] (Cramer's rule); None when det H is 0 or anything is not finite."""
    gx, gy = gradient
    a, b, c = hessian
    det = a * c - b * b
    if not (det != 0 and math.isfinite(det) and math.isfinite(gx) and math.isfinite(gy)):
        return None
    dx = -(c * gx - b * gy) / det
    dy = -(a * gy - b * gx) / det
    return (dx, dy) if math.isfinite(dx) and math.isfinite(dy) else None


def hessian_axes(gradient: tuple[float, float], hessian: tuple[float, float, float], scale: float = 1.0) -> HessianAxes:
    """Eigen-axes, shape and Newton step at a point with this gradient and Hessian (hxx, hxy, hyy); `scale` is the
    surface's curvature scale, below which an eigenvalue counts as zero (classify_hessian)."""
    kind = classify_hessian(*hessian, scale=scale)
    shape = SHAPE_OF_KIND[kind.kind]
    step = None if shape == "flat" else newton_step(gradient, hessian)
    return HessianAxes(kind.eigenvalues, kind.axes, shape, step, HEADS_FOR[shape] if step is not None else "nowhere")


def taylor_models(value: float, gradient: tuple[float, float], hessian: tuple[float, float, float], x0: float,
                  y0: float, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(L, Q) at the points (xs, ys), expanded at (x0, y0)."""
    dx, dy = np.asarray(xs, dtype=np.float64) - x0, np.asarray(ys, dtype=np.float64) - y0
    a, b, c = hessian
    linear = value + gradient[0] * dx + gradient[1] * dy
    return linear, linear + 0.5 * (a * dx * dx + 2.0 * b * dx * dy + c * dy * dy)


def trust_mask(heights: np.ndarray, quadratic: np.ndarray, tolerance: float) -> np.ndarray:
    """Where |f − Q| <= tolerance ("where you can trust Taylor"); False where either is not finite."""
    with np.errstate(all="ignore"):
        return np.isfinite(heights) & np.isfinite(quadratic) & (np.abs(heights - quadratic) <= tolerance)


__all__ = ["SHAPES", "HessianAxes", "newton_step", "hessian_axes", "taylor_models", "trust_mask"]
