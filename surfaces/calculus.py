"""Teaching finite differences: the numerical gradient and Hessian the player sees.

With ε = 2⁻⁵² (float64 machine epsilon) and s = max(1, |x|) (per coordinate):

* forward:  ∂f/∂x ≈ (f(x+h, y) − f(x, y)) / h,            h = √ε · s   (error O(h) ≈ 1e-8)
* central:  ∂f/∂x ≈ (f(x+h, y) − f(x−h, y)) / (2h),       h = ε^⅓ · s  (error O(h²) ≈ 1e-10..1e-9)
* complex:  ∂f/∂x ≈ Im f(x + i·h, y) / h,                  h = 1e-20 · s (no cancellation, ≈ 1e-15;
  f must be analytic and accept complex input: abs, min, max and comparisons break it)
* Hessian:  f_xx ≈ (f(x+h) − 2f(x) + f(x−h)) / h²,
            f_xy ≈ (f(x+h, y+k) − f(x+h, y−k) − f(x−h, y+k) + f(x−h, y−k)) / (4hk),  h = ε^¼ · s

The step is rounded so that x + h is exactly representable ((x + h) − x is used as h).

``classify_hessian`` is the one place that names a stationary point from its Hessian.
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import numpy as np

EPS = float(np.finfo(np.float64).eps)
METHODS = ("forward", "central", "complex")
DEFAULT_STEP = {"forward": EPS ** 0.5, "central": EPS ** (1.0 / 3.0), "complex": 1e-20}


HESSIAN_KINDS = ("maximum", "minimum", "saddle", "degenerate")
EIG_TOL = 1e-6  # an eigenvalue λ counts as zero when |λ| <= EIG_TOL · max(|λ1|, |λ2|, scale)


class HessianClass(NamedTuple):
    """What a symmetric 2×2 Hessian says about its point."""

    kind: str  # one of HESSIAN_KINDS
    eigenvalues: tuple[float, float]  # λ1 <= λ2 (nan when an entry is not finite)
    axes: tuple[tuple[float, float], tuple[float, float]]  # unit principal directions of λ1 and λ2


def classify_hessian(hxx: float, hxy: float, hyy: float, scale: float = 1.0, tol: float = EIG_TOL) -> HessianClass:
    """Kind, eigenvalues and principal axes of [[hxx, hxy], [hxy, hyy]] under the one tolerance rule.

    An eigenvalue λ counts as zero when |λ| <= tol · max(|λ1|, |λ2|, scale); ``scale`` is the problem's
    curvature scale (a Surface uses R/L², R its value range, L its longer side; 1 when none is known) so
    a Hessian that is tiny for its surface is "degenerate".  Any zero eigenvalue gives "degenerate",
    both negative "maximum", both positive "minimum", else "saddle".  ``tol=0`` asks for strict
    definiteness.  Non-finite entries give "degenerate" with nan eigenvalues.
    """
    if not (math.isfinite(hxx) and math.isfinite(hxy) and math.isfinite(hyy)):
        return HessianClass("degenerate", (math.nan, math.nan), ((math.nan, math.nan), (math.nan, math.nan)))
    mean = 0.5 * (hxx + hyy)
    radius = math.hypot(0.5 * (hxx - hyy), hxy)
    l1, l2 = mean - radius, mean + radius
    angle = 0.5 * math.atan2(2.0 * hxy, hxx - hyy)  # direction of λ2's axis
    axes = ((-math.sin(angle), math.cos(angle)), (math.cos(angle), math.sin(angle)))
    zero = tol * max(abs(l1), abs(l2), scale)
    if abs(l1) <= zero or abs(l2) <= zero:
        kind = "degenerate"
    elif l2 < 0:
        kind = "maximum"
    elif l1 > 0:
        kind = "minimum"
    else:
        kind = "saddle"
    return HessianClass(kind, (l1, l2), axes)


def _step(base: float, v: float) -> float:
    h = base * max(1.0, abs(v))
    return (v + h) - v


def _scalar_function(f: Callable) -> Callable[[float, float], float] | None:
    """A Surface's scalar fast path (same values as calling it, as Python floats), else None."""
    return getattr(f, "value_at", None)


def central_pair(value_at: Callable[[float, float], float], x: float, y: float,
                 base: float = DEFAULT_STEP["central"]) -> tuple[float, float] | None:
    """Central differences of a scalar float function as two Python floats (what a probe shows);
    None when a step rounds to zero (then use `gradient`, whose numpy path gives inf/nan)."""
    hx, hy = _step(base, x), _step(base, y)
    if hx == 0.0 or hy == 0.0:
        return None
    return ((value_at(x + hx, y) - value_at(x - hx, y)) / (2.0 * hx),
            (value_at(x, y + hy) - value_at(x, y - hy)) / (2.0 * hy))


def gradient(f: Callable, x: float, y: float, method: str = "central", h: float | None = None) -> np.ndarray:
    """Numerical gradient of f(x, y) by ``method`` ("forward" | "central" | "complex"), shape (2,)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    x, y = float(x), float(y)
    base = DEFAULT_STEP[method] if h is None else float(h)
    if not base > 0:
        raise ValueError("step h must be positive")
    fast = _scalar_function(f)
    if fast is not None and method != "complex":
        hx, hy = _step(base, x), _step(base, y)
        if hx != 0.0 and hy != 0.0:  # (a zero step divides by zero: numpy's inf/nan below)
            if method == "forward":
                f0 = fast(x, y)
                return np.array([(fast(x + hx, y) - f0) / hx, (fast(x, y + hy) - f0) / hy])
            return np.array(central_pair(fast, x, y, base))
    with np.errstate(all="ignore"):
        if method == "complex":
            hx = base * max(1.0, abs(x))
            hy = base * max(1.0, abs(y))
            gx = np.imag(f(complex(x, hx), y)) / hx
            gy = np.imag(f(x, complex(y, hy))) / hy
        else:
            hx, hy = _step(base, x), _step(base, y)
            if method == "forward":
                f0 = f(x, y)
                gx = (f(x + hx, y) - f0) / hx
                gy = (f(x, y + hy) - f0) / hy
            else:
                gx = (f(x + hx, y) - f(x - hx, y)) / (2.0 * hx)
                gy = (f(x, y + hy) - f(x, y - hy)) / (2.0 * hy)
    return np.array([float(np.real(gx)), float(np.real(gy))])


def hessian(f: Callable, x: float, y: float, h: float | None = None) -> np.ndarray:
    """Numerical Hessian of f(x, y) by central second differences, symmetric (2, 2)."""
    x, y = float(x), float(y)
    base = EPS ** 0.25 if h is None else float(h)
    if not base > 0:
        raise ValueError("step h must be positive")
    hx, hy = _step(base, x), _step(base, y)
    f = _scalar_function(f) or f  # a Surface: its scalar fast path gives the same floats
    with np.errstate(all="ignore"):
        f0 = float(f(x, y))
        fxx = (float(f(x + hx, y)) - 2.0 * f0 + float(f(x - hx, y))) / hx ** 2
        fyy = (float(f(x, y + hy)) - 2.0 * f0 + float(f(x, y - hy))) / hy ** 2
        fxy = (float(f(x + hx, y + hy)) - float(f(x + hx, y - hy))
               - float(f(x - hx, y + hy)) + float(f(x - hx, y - hy))) / (4.0 * hx * hy)
    return np.array([[fxx, fxy], [fxy, fyy]])
