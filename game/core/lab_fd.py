"""The gradient lab's numbers: forward, central and complex-step gradients at the learner's absolute h, and their errors.

Relative error = |g_h − ∇f| / |∇f| (vector norms, ∇f exact); where ∇f = 0 it is the absolute error |g_h|.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from surfaces import calculus
from surfaces.calculus import METHODS

# h from 1e-1 down to 1e-14 in a 1-2-5 sequence: even on a log scale, and every step a number a learner writes
DEFAULT_H = 1e-3
NON_ANALYTIC = frozenset({"abs", "min", "max", "sign"})  # complex-step silently gives 0 through these
ERROR_FLOOR = 1e-17  # an error of exactly 0 is drawn here on the log plot ("right to the last bit")


def _steps() -> tuple[float, ...]:
    """H_STEPS built plainly: 1e-1, 5e-2, 2e-2, 1e-2, … 1e-14 (largest first)."""
    out: list[float] = []
    for k in range(1, 15):
        out.append(float(f"1e-{k}"))
        if k < 14:
            out += [float(f"5e-{k + 1}"), float(f"2e-{k + 1}")]
    return tuple(out)


H_STEPS = _steps()


class MethodResult(NamedTuple):
    """One method at one h: the numerical gradient and its error against the exact one."""

    method: str  # "forward" | "central" | "complex"
    gradient: tuple[float, float]  # nan when the method cannot be used here
    error: float  # relative (or absolute where ∇f = 0); nan when unavailable


def h_index(h: float) -> int:
    """The index in H_STEPS nearest to h on a log scale."""
    if not (h > 0 and math.isfinite(h)):
        return H_STEPS.index(DEFAULT_H)
    return int(np.argmin([abs(math.log10(s) - math.log10(h)) for s in H_STEPS]))


def complex_ok(surface: Any) -> bool:
    """True when complex-step differentiation is valid for the surface: its formula uses no abs, min, max or sign."""
    tree = getattr(surface, "tree", None)
    if tree is None:
        return False
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.op in NON_ANALYTIC:
            return False
        stack.extend(node.args)
    return True


def error(numeric: tuple[float, float], exact: tuple[float, float]) -> float:
    """|numeric − exact| / |exact| (absolute where exact is 0); nan when either is not finite."""
    gx, gy = numeric
    ex, ey = exact
    if not all(math.isfinite(v) for v in (gx, gy, ex, ey)):
        return math.nan
    diff = math.hypot(gx - ex, gy - ey)
    size = math.hypot(ex, ey)
    return diff / size if size > 0 else diff


def exact_gradient(surface: Any, x: float, y: float) -> tuple[float, float]:
    """The exact gradient (from the formula's derivative)."""
    g = surface.gradient(x, y)
    return float(g[0]), float(g[1])


def method_result(surface: Any, x: float, y: float, method: str, h: float,
                  exact: tuple[float, float], analytic: bool = True) -> MethodResult:
    """One method's gradient at absolute step h (surfaces.calculus.gradient) and its error."""
    if method == "complex" and not analytic:
        return MethodResult(method, (math.nan, math.nan), math.nan)
    with np.errstate(all="ignore"):
        g = calculus.gradient(surface, x, y, method=method, h=h)
    numeric = (float(g[0]), float(g[1]))
    return MethodResult(method, numeric, error(numeric, exact))


def lab_results(surface: Any, x: float, y: float, h: float) -> tuple[tuple[float, float], tuple[MethodResult, ...]]:
    """(exact gradient, the three methods at h)."""
    exact = exact_gradient(surface, x, y)
    analytic = complex_ok(surface)
    return exact, tuple(method_result(surface, x, y, m, h, exact, analytic) for m in METHODS)


def error_curves(surface: Any, x: float, y: float, steps: tuple[float, ...] = H_STEPS) -> dict[str, np.ndarray]:
    """Each method's error at every h in `steps` (nan where unavailable)."""
    exact = exact_gradient(surface, x, y)
    analytic = complex_ok(surface)
    return {m: np.array([method_result(surface, x, y, m, h, exact, analytic).error for h in steps]) for m in METHODS}


def best_h(errors: np.ndarray, steps: tuple[float, ...] = H_STEPS) -> float | None:
    """The h with the smallest error (the largest such h on ties: the first reached while shrinking); None if none."""
    finite = np.isfinite(errors)
    if not finite.any():
        return None
    values = np.where(finite, errors, np.inf)
    return float(steps[int(np.argmin(values))])


__all__ = ["H_STEPS", "DEFAULT_H", "ERROR_FLOOR", "MethodResult", "h_index", "complex_ok", "error", "exact_gradient",
           "method_result", "lab_results", "error_curves", "best_h"]
