"""Teaching finite differences: the numerical gradient and Hessian the player sees.

* forward:  ∂f/∂x ≈ (f(x+h, y) − f(x, y)) / h               truncation error ≈ |f″|/2 · h
* central:  ∂f/∂x ≈ (f(x+h, y) − f(x−h, y)) / (2h)          truncation error ≈ |f‴|/6 · h²
* complex:  ∂f/∂x ≈ Im f(x + i·h, y) / h                     no cancellation: ≈ ε at h = 1e-20
  (f must be analytic and accept complex input: abs, min, max and comparisons break it)
* Hessian:  f_xx ≈ (f(x+h) − 2f(x) + f(x−h)) / h²,
            f_xy ≈ (f(x+h, y+k) − f(x+h, y−k) − f(x−h, y+k) + f(x−h, y−k)) / (4hk)

A given ``h`` is the absolute step the learner chose, the same at every x and y: ``h=0.01`` computes
exactly (f(x + 0.01) − f(x)) / 0.01 in floating point, the numbers a learner gets on paper.  Only
``h=None`` picks a default step, per coordinate, with ε = 2⁻⁵² (float64 machine epsilon) and
s = max(1, |x|): √ε · s (forward, error ≈ 1e-8), ε^⅓ · s (central, ≈ 1e-10..1e-9), 1e-20 · s (complex),
ε^¼ · s (Hessian).  A default step is rounded so that x + h is exactly representable ((x + h) − x is
used as h), which keeps the step's own rounding out of the quotient.

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
    """The default step at coordinate v: `base` scaled by max(1, |v|), rounded so that v + h is exact."""
    h = base * max(1.0, abs(v))
    return (v + h) - v


def _chosen(h: float | None) -> float | None:
    """The learner's step as a float (None: use the default step); ValueError unless it is positive."""
    if h is None:
        return None
    step = float(h)
    if not (step > 0 and math.isfinite(step)):
        raise ValueError(f"step h must be a positive number, not {h!r}")
    return step


def _steps(h: float | None, base: float, x: float, y: float) -> tuple[float, float]:
    """(hx, hy): the learner's absolute step `h` in both coordinates, else the default step at (x, y)."""
    if h is not None:
        return h, h
    return _step(base, x), _step(base, y)


def _scalar_function(f: Callable) -> Callable[[float, float], float] | None:
    """A Surface's scalar fast path (same values as calling it, as Python floats), else None."""
    return getattr(f, "value_at", None)


def central_pair(value_at: Callable[[float, float], float], x: float, y: float,
                 base: float = DEFAULT_STEP["central"]) -> tuple[float, float] | None:
    """Central differences at the default step (`base` scaled) of a scalar float function, as two Python
    floats (what a probe shows); None when a step rounds to zero (then `gradient`'s numpy path gives inf/nan)."""
    hx, hy = _step(base, x), _step(base, y)
    if hx == 0.0 or hy == 0.0:
        return None
    return _central(value_at, x, y, hx, hy)


def _central(value_at: Callable[[float, float], float], x: float, y: float, hx: float,
             hy: float) -> tuple[float, float]:
    """Central differences of a scalar float function with steps hx and hy."""
    return ((value_at(x + hx, y) - value_at(x - hx, y)) / (2.0 * hx),
            (value_at(x, y + hy) - value_at(x, y - hy)) / (2.0 * hy))


def gradient(f: Callable, x: float, y: float, method: str = "central", h: float | None = None) -> np.ndarray:
    """Numerical gradient of f(x, y) by ``method`` ("forward" | "central" | "complex"), shape (2,).

    ``h`` is the absolute step in both coordinates; None picks the method's default step (module docstring)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    x, y = float(x), float(y)
    h = _chosen(h)
    base = DEFAULT_STEP[method]
    fast = _scalar_function(f)
    if fast is not None and method != "complex":
        hx, hy = _steps(h, base, x, y)
        if hx != 0.0 and hy != 0.0:  # (a zero step divides by zero: numpy's inf/nan below)
            if method == "forward":
                f0 = fast(x, y)
                return np.array([(fast(x + hx, y) - f0) / hx, (fast(x, y + hy) - f0) / hy])
            return np.array(_central(fast, x, y, hx, hy))
    with np.errstate(all="ignore"):
        if method == "complex":
            # no subtraction, so no rounding of the step is needed
            hx = base * max(1.0, abs(x)) if h is None else h
            hy = base * max(1.0, abs(y)) if h is None else h
            gx = np.imag(f(complex(x, hx), y)) / hx
            gy = np.imag(f(x, complex(y, hy))) / hy
        else:
            hx, hy = _steps(h, base, x, y)
            if method == "forward":
                f0 = f(x, y)
                gx = (f(x + hx, y) - f0) / hx
                gy = (f(x, y + hy) - f0) / hy
            else:
                gx = (f(x + hx, y) - f(x - hx, y)) / (2.0 * hx)
                gy = (f(x, y + hy) - f(x, y - hy)) / (2.0 * hy)
    return np.array([float(np.real(gx)), float(np.real(gy))])


def hessian(f: Callable, x: float, y: float, h: float | None = None) -> np.ndarray:
    """Numerical Hessian of f(x, y) by central second differences, symmetric (2, 2).

    ``h`` is the absolute step in both coordinates; None picks the default step ε^¼ · max(1, |x|)."""
    x, y = float(x), float(y)
    hx, hy = _steps(_chosen(h), EPS ** 0.25, x, y)
    f = _scalar_function(f) or f  # a Surface: its scalar fast path gives the same floats
    with np.errstate(all="ignore"):
        f0 = float(f(x, y))
        fxx = (float(f(x + hx, y)) - 2.0 * f0 + float(f(x - hx, y))) / hx ** 2
        fyy = (float(f(x, y + hy)) - 2.0 * f0 + float(f(x, y - hy))) / hy ** 2
        fxy = (float(f(x + hx, y + hy)) - float(f(x + hx, y - hy))
               - float(f(x - hx, y + hy)) + float(f(x - hx, y - hy))) / (4.0 * hx * hy)
    return np.array([[fxx, fxy], [fxy, fyy]])
