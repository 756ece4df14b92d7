"""Section 4, derivative accuracy: exact and central-difference derivatives against an mpmath reference."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from benchmarks.config import ACCURACY_DOMAIN, ACCURACY_SURFACES, ERROR_FLOOR, MP_DIGITS, Plan
from benchmarks.timing import random_points, summarize, time_each
from surfaces import expr as E

MpFn = Callable[[Any, Any], Any]


def _mp_ops(mp: Any) -> dict[str, Callable[..., Any]]:
    """mpmath counterparts of the expression tree's operators and functions (surfaces.functions.TABLE)."""
    return {"exp": mp.exp, "log": mp.log, "sqrt": mp.sqrt, "sin": mp.sin, "cos": mp.cos, "tan": mp.tan,
            "sinh": mp.sinh, "cosh": mp.cosh, "tanh": mp.tanh, "atan": mp.atan, "abs": mp.fabs,
            "sigmoid": lambda t: 1 / (1 + mp.exp(-t)), "min": min, "max": max, "sign": mp.sign,
            "selmin": lambda a, b, u, v: u if a <= b else v, "selmax": lambda a, b, u, v: u if a >= b else v,
            "neg": lambda a: -a, "div": lambda a, b: a / b, "pow": mp.power,
            "add": lambda *terms: mp.fsum(terms), "mul": lambda *factors: mp.fprod(factors)}


def mp_function(mp: Any, tree: E.Node) -> MpFn:
    """The mpmath function f(x, y) of an expression tree: the surface's own nodes, walked once into closures.

    Constants are the tree's float64 numbers, so the reference differs from the game only in the arithmetic.
    """
    ops = _mp_ops(mp)
    fns: dict[int, MpFn] = {}
    for node in E.postorder([tree]):
        if node.op in ("num", "pi", "e"):
            fns[id(node)] = lambda x, y, c=mp.mpf(node.value): c
        elif node.op in ("x", "y"):
            fns[id(node)] = (lambda x, y: x) if node.op == "x" else (lambda x, y: y)
        elif node.op in ops:
            args = tuple(fns[id(a)] for a in node.args)
            fns[id(node)] = lambda x, y, op=ops[node.op], args=args: op(*(a(x, y) for a in args))
        else:
            raise ValueError(f"no mpmath counterpart for the expression node {node.op!r}")
    return fns[id(tree)]


def reference_derivatives(mp: Any, f: MpFn, points: list[tuple[float, float]]) -> np.ndarray:
    """(n, 5) float64: fx, fy, fxx, fxy, fyy at each point by mpmath.diff at MP_DIGITS digits."""
    orders = ((1, 0), (0, 1), (2, 0), (1, 1), (0, 2))
    with mp.workdps(MP_DIGITS):
        rows = [[float(mp.diff(f, (mp.mpf(x), mp.mpf(y)), o)) for o in orders] for x, y in points]
    return np.array(rows, dtype=np.float64)


def relative_error(approx: np.ndarray, ref: np.ndarray) -> float:
    """Worst over points of max|approx - ref| / max(max|ref|, ERROR_FLOOR · surface scale), rows = points.

    The floor keeps points where the derivative nearly vanishes (1000× below its largest size on the surface)
    from turning harmless absolute rounding into a huge ratio; elsewhere this is the plain relative error.
    """
    scale = float(np.max(np.abs(ref))) or 1.0
    denom = np.maximum(np.max(np.abs(ref), axis=1), ERROR_FLOOR * scale)
    return float(np.max(np.max(np.abs(approx - ref), axis=1) / denom))


def _derivative_rows(surface: Any, points: list[tuple[float, float]]) -> dict[str, np.ndarray]:
    from surfaces import calculus

    def rows(fn: Callable) -> np.ndarray:
        return np.array([np.ravel(fn(x, y)) for x, y in points], dtype=np.float64)

    def hess3(fn: Callable) -> Callable:
        return lambda x, y: np.asarray(fn(x, y))[[0, 0, 1], [0, 1, 1]]

    return {"gradient": rows(surface.gradient), "hessian": rows(hess3(surface.hessian)),
            "central_gradient": rows(lambda x, y: calculus.gradient(surface, x, y, method="central")),
            "central_hessian": rows(hess3(lambda x, y: calculus.hessian(surface, x, y)))}


def accuracy_entry(mp: Any, name: str, text: str, points: list[tuple[float, float]]) -> dict:
    """Worst relative errors of one bench surface against the mpmath reference."""
    import surfaces

    surface = surfaces.from_expression(text, ACCURACY_DOMAIN, name=name)
    ref = reference_derivatives(mp, mp_function(mp, surface.tree), points)
    got = _derivative_rows(surface, points)
    errors = {key: relative_error(val, ref[:, :2] if "gradient" in key else ref[:, 2:]) for key, val in got.items()}
    return {"name": name, "expression": text, **errors}


def _accuracy_timing(points: list[tuple[float, float]]) -> dict[str, dict]:
    import surfaces
    from surfaces import calculus

    s = surfaces.from_expression(ACCURACY_SURFACES[0][1], ACCURACY_DOMAIN)
    return {"gradient": summarize(time_each(s.gradient, points), "us"),
            "hessian": summarize(time_each(s.hessian, points), "us"),
            "central_gradient": summarize(time_each(lambda x, y: calculus.gradient(s, x, y, "central"), points), "us"),
            "central_hessian": summarize(time_each(lambda x, y: calculus.hessian(s, x, y), points), "us")}


def bench_accuracy(plan: Plan) -> dict:
    """Section 4: Surface.gradient / .hessian and the teaching central differences against mpmath."""
    keys = ("gradient", "hessian", "central_gradient", "central_hessian")
    out: dict[str, Any] = {"skipped": None, "digits": MP_DIGITS, "points_per_surface": plan.points,
                           "error_floor": ERROR_FLOOR, "surfaces": [], "worst": dict.fromkeys(keys), "time_us": {}}
    try:
        import mpmath
    except ImportError:
        out["skipped"] = "mpmath not installed"
        return out
    points = random_points(ACCURACY_DOMAIN, plan.points)
    out["surfaces"] = [accuracy_entry(mpmath.mp, name, text, points) for name, text in ACCURACY_SURFACES]
    out["worst"] = {key: max(entry[key] for entry in out["surfaces"]) for key in keys}
    out["time_us"] = _accuracy_timing(random_points(ACCURACY_DOMAIN, max(plan.probe_calls // 2, 100)))
    return out
