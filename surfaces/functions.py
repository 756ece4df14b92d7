"""The function table of the expression language: every function's arity, numeric kernels and derivative.

Parser, constant folding, the numpy register program, the scalar (``math``) path and symbolic
differentiation all read this one table, so adding a function means adding one ``Function`` here.

Derivative rules are written against the expression constructors passed in as ``E`` (the module
``surfaces.expr``): this module sits below expr.py and imports nothing from the package.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np


@dataclass(frozen=True)
class Function:
    """One function: ``numpy`` works on arrays (and complex input), ``scalar`` on one Python float each.

    ``libm`` marks a ``scalar`` that is a C library routine: scalar.py checks at import that it agrees
    bit for bit with ``numpy`` and otherwise calls ``numpy`` instead.  ``derivative(E, args, node, d)``
    builds d node from the argument trees ``args`` and their derivatives ``d``.
    """

    name: str
    arity: int
    numpy: Callable
    scalar: Callable
    derivative: Callable[[Any, tuple, Any, list], Any]
    libm: bool = False
    public: bool = True


def sigmoid(t):
    """Logistic function 1/(1+exp(-t)), evaluated without overflow for large |t| (complex: plain formula)."""
    if np.iscomplexobj(t):  # complex-step differentiation: comparisons are undefined, no overflow guard
        return 1.0 / (1.0 + np.exp(-t))
    e = np.exp(-np.abs(t))
    return np.where(t >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_float(t: float) -> float:
    """``sigmoid`` on one float, with the same formula (so the same rounding)."""
    e = math.exp(-abs(t))
    return 1.0 / (1.0 + e) if t >= 0 else e / (1.0 + e)


def sign_float(t: float) -> float:
    """np.sign on floats: 1, -1, 0.0 for ±0, nan for nan."""
    return 1.0 if t > 0 else -1.0 if t < 0 else t if t != t else 0.0


def minimum_float(a: float, b: float) -> float:
    """np.minimum on floats (nan propagates; ties return the second argument, like numpy)."""
    return a if a < b or a != a else b


def maximum_float(a: float, b: float) -> float:
    """np.maximum on floats (nan propagates; ties return the second argument, like numpy)."""
    return a if a > b or a != a else b


def _selmin(a, b, u, v):
    return np.where(a <= b, u, v)


def _selmax(a, b, u, v):
    return np.where(a >= b, u, v)


def _selmin_float(a: float, b: float, u: float, v: float) -> float:
    return u if a <= b else v


def _selmax_float(a: float, b: float, u: float, v: float) -> float:
    return u if a >= b else v


def _unary(name: str, ufunc: Callable, libm: Callable, rule: Callable) -> Function:
    return Function(name, 1, ufunc, libm, lambda E, a, n, d: rule(E, a[0], n, d[0]), libm=True)


def _square(E, u):
    return E.power(u, E.num(2.0))


# Non-smooth functions use piecewise derivatives: d abs(u) = sign(u)·du (0 at u = 0); d min(u, v) = du
# where u <= v else dv; d max(u, v) = du where u >= v else dv (ties take the first argument).
_TABLE: tuple[Function, ...] = (
    _unary("exp", np.exp, math.exp, lambda E, u, n, du: E.mul(n, du)),
    _unary("log", np.log, math.log, lambda E, u, n, du: E.div(du, u)),
    _unary("sqrt", np.sqrt, math.sqrt, lambda E, u, n, du: E.div(du, E.mul(E.num(2.0), n))),
    _unary("sin", np.sin, math.sin, lambda E, u, n, du: E.mul(E.call("cos", u), du)),
    _unary("cos", np.cos, math.cos, lambda E, u, n, du: E.neg(E.mul(E.call("sin", u), du))),
    _unary("tan", np.tan, math.tan, lambda E, u, n, du: E.mul(E.add(E.ONE, _square(E, n)), du)),
    _unary("sinh", np.sinh, math.sinh, lambda E, u, n, du: E.mul(E.call("cosh", u), du)),
    _unary("cosh", np.cosh, math.cosh, lambda E, u, n, du: E.mul(E.call("sinh", u), du)),
    # 1/cosh² rather than 1 - tanh², which cancels badly where tanh is close to ±1
    _unary("tanh", np.tanh, math.tanh, lambda E, u, n, du: E.div(du, _square(E, E.call("cosh", u)))),
    _unary("atan", np.arctan, math.atan, lambda E, u, n, du: E.div(du, E.add(E.ONE, _square(E, u)))),
    # σ(u)·σ(−u) rather than σ(1 − σ), which cancels where σ is close to 1
    Function("sigmoid", 1, sigmoid, sigmoid_float,
             lambda E, a, n, d: E.mul(n, E.call("sigmoid", E.neg(a[0])), d[0])),
    Function("abs", 1, np.abs, abs, lambda E, a, n, d: E.mul(E.call("sign", a[0]), d[0])),
    Function("min", 2, np.minimum, minimum_float, lambda E, a, n, d: E.call("selmin", a[0], a[1], d[0], d[1])),
    Function("max", 2, np.maximum, maximum_float, lambda E, a, n, d: E.call("selmax", a[0], a[1], d[0], d[1])),
    # produced by differentiation only (the parser does not accept them)
    Function("sign", 1, np.sign, sign_float, lambda E, a, n, d: E.ZERO, public=False),
    Function("selmin", 4, _selmin, _selmin_float,
             lambda E, a, n, d: E.call("selmin", a[0], a[1], d[2], d[3]), public=False),
    Function("selmax", 4, _selmax, _selmax_float,
             lambda E, a, n, d: E.call("selmax", a[0], a[1], d[2], d[3]), public=False),
)

TABLE: dict[str, Function] = {f.name: f for f in _TABLE}
PUBLIC: dict[str, int] = {f.name: f.arity for f in _TABLE if f.public}  # what the parser accepts
FUNCTION_NAMES: tuple[str, ...] = tuple(PUBLIC)
