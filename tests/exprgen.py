"""Hypothesis strategies for expression strings paired with an equivalent sympy expression."""

from __future__ import annotations

import sympy as sp
from hypothesis import strategies as st

SX, SY = sp.symbols("x y", real=True)

_CONSTS = ["0.5", "1.5", "2", "3", "0.25", "1.25", "0.7"]
_UNARY = {
    "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "atan": sp.atan,
    "sigmoid": lambda t: 1 / (1 + sp.exp(-t)), "abs": sp.Abs,
}


def _leaf():
    return st.one_of(
        st.just(("x", SX)),
        st.just(("y", SY)),
        st.sampled_from(_CONSTS).map(lambda c: (c, sp.Rational(c) if "." not in c else sp.Float(c, 50))),
        st.just(("pi", sp.pi)),
    )


def _extend(children):
    unary = st.tuples(st.sampled_from(sorted(_UNARY)), children).map(
        lambda t: (f"{t[0]}({t[1][0]})", _UNARY[t[0]](t[1][1])))
    neg = children.map(lambda a: (f"-({a[0]})", -a[1]))
    binop = st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children).map(_binary)
    power = st.tuples(children, st.sampled_from(["2", "3", "-1", "0.5", "1.5"])).map(
        lambda t: (f"({t[0][0]})^{t[1]}", t[0][1] ** sp.Rational(t[1])))
    general = st.tuples(children, children).map(
        lambda t: (f"({t[0][0]})**({t[1][0]})", t[0][1] ** t[1][1]))
    return st.one_of(binop, binop, unary, neg, power, general)


def _binary(t):
    op, (a, sa), (b, sb) = t
    text = f"({a}) {op} ({b})"
    if op == "+":
        return text, sa + sb
    if op == "-":
        return text, sa - sb
    if op == "*":
        return text, sa * sb
    return text, sa / sb


def expressions(max_leaves: int = 8):
    """(text, sympy expression) pairs over x, y for the derivative tests."""
    return st.recursive(_leaf(), _extend, max_leaves=max_leaves)


def smooth_expressions(max_leaves: int = 8):
    """Like ``expressions`` but restricted to +, -, *, exp, sin, cos, atan, tanh, integer powers."""
    def extend(children):
        unary = st.tuples(st.sampled_from(["exp", "sin", "cos", "atan", "tanh", "sigmoid"]), children).map(
            lambda t: (f"{t[0]}({t[1][0]})", _UNARY[t[0]](t[1][1])))
        binop = st.tuples(st.sampled_from(["+", "-", "*"]), children, children).map(_binary)
        power = st.tuples(children, st.sampled_from(["2", "3"])).map(
            lambda t: (f"({t[0][0]})^{t[1]}", t[0][1] ** sp.Rational(t[1])))
        return st.one_of(binop, binop, unary, power)
    return st.recursive(_leaf(), extend, max_leaves=max_leaves)


def points(lo: float = -2.0, hi: float = 2.0):
    """Finite evaluation points; coordinates are 0 or at least 1e-3 in size.

    Tiny non-zero coordinates (hypothesis likes 1e-300) make structurally cancelling expressions
    such as x*y*(x/y) build intermediates near 1e300: ill-conditioned for any float evaluation.
    """
    coord = st.floats(lo, hi, allow_nan=False, allow_infinity=False).filter(
        lambda v: v == 0.0 or abs(v) >= 1e-3)
    return st.tuples(coord, coord)
