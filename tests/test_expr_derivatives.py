"""Exact derivatives: random expressions and hand-made terrain against sympy + mpmath at 50 digits."""

from __future__ import annotations

import functools

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings

import surfaces
from surfaces import ExpressionError

from exprgen import SX, SY, expressions, points, smooth_expressions

GRAD_TOL = 1e-12
HESS_TOL = 1e-8
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@functools.lru_cache(maxsize=256)
def _reference(expr: sp.Expr):
    """(mpmath, numpy) functions for the gradient and (fxx, fxy, fyy) of a sympy expression."""
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ValueError("not finite")
    first = [sp.diff(expr, v) for v in (SX, SY)]
    second = [sp.diff(first[0], SX), sp.diff(first[0], SY), sp.diff(first[1], SY)]
    second = [h.replace(sp.DiracDelta, lambda *q: sp.S.Zero) for h in second]
    exact = [sp.lambdify((SX, SY), e, "mpmath") for e in first + second]
    floats = [sp.lambdify((SX, SY), e, "numpy") for e in first + second]
    return exact, floats


def exact_derivatives(expr: sp.Expr, x: float, y: float) -> tuple[list[float], list[float]]:
    """Gradient and (fxx, fxy, fyy) of a sympy expression at (x, y) with mpmath at 50 digits."""
    funcs = _reference(expr)[0]
    args = (mpmath.mpf(x), mpmath.mpf(y))
    with mpmath.workdps(50):
        values = [fn(*args) for fn in funcs]
    to_float = lambda v: float(mpmath.re(v)) if abs(mpmath.im(v)) == 0 else float("nan")  # noqa: E731
    values = [to_float(v) for v in values]
    return values[:2], values[2:]


def _normwise(approx, exact) -> float:
    return max(abs(a - b) for a, b in zip(approx, exact)) / max(map(abs, exact))


def float_conditioning(expr: sp.Expr, x: float, y: float, G, H) -> tuple[float, float]:
    """How well plain float64 evaluation of the exact derivative formulas does at (x, y).

    Where even sympy's own derivative, evaluated in float64, is off (cancellation such as
    1 - cos(x) near 0), the point is ill-conditioned for any float evaluation.
    """
    with np.errstate(all="ignore"):
        try:
            values = [float(np.real(fn(x, y))) for fn in _reference(expr)[1]]
        except (ZeroDivisionError, ValueError, TypeError, OverflowError, NameError):
            return float("inf"), float("inf")
    if not np.all(np.isfinite(values)):
        return float("inf"), float("inf")
    return _normwise(values[:2], G), _normwise(values[2:], H)


def relative_errors(s, expr, x, y, conditioned: bool = False) -> tuple[float, float] | None:
    """Norm-wise relative errors of Surface.gradient and .hessian, or None where ill-defined.

    With ``conditioned``, an error is reported as 0 at points that are ill-conditioned for float64.
    """
    g = s.gradient(x, y)
    h = s.hessian(x, y)
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(h)) and np.isfinite(s(x, y))):
        return None
    try:
        G, H = exact_derivatives(expr, x, y)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, KeyError):
        return None
    if not np.all(np.isfinite(G + H)):
        return None
    sg, sh = max(map(abs, G)), max(map(abs, H))
    if not (1e-8 < sg < 1e8 and 1e-8 < sh < 1e8):
        return None  # vanishing or huge derivatives: relative error is not meaningful
    assert h[0, 1] == h[1, 0]
    eg = _normwise(g, G)
    eh = _normwise([h[0, 0], h[0, 1], h[1, 1]], H)
    if conditioned:
        cg, ch = float_conditioning(expr, x, y, G, H)
        eg = eg if cg <= 1e-13 else 0.0
        eh = eh if ch <= 1e-10 else 0.0
    return eg, eh


def _check(pair, pt):
    text, expr = pair
    try:
        s = surfaces.from_expression(text)
    except ExpressionError:
        assume(False)
    errors = relative_errors(s, expr, *pt, conditioned=True)
    assume(errors is not None)
    eg, eh = errors
    assert eg <= GRAD_TOL, (text, pt, eg)
    assert eh <= HESS_TOL, (text, pt, eh)


@pytest.mark.slow
@SETTINGS
@given(smooth_expressions(), points())
def test_derivatives_of_smooth_random_expressions(pair, pt):
    _check(pair, pt)


@pytest.mark.slow
@SETTINGS
@given(expressions(), points())
def test_derivatives_of_random_expressions_with_all_functions(pair, pt):
    _check(pair, pt)


HAND_MADE = [
    # sums of Gaussians of varied widths
    "3*exp(-((x-1)^2 + y^2)) - 0.2*x",
    "2*exp(-((x+1)^2 + (y-0.5)^2)/0.3) + 4*exp(-((x-1.2)^2 + (y+0.7)^2)/2) - 1.5*exp(-(x^2 + (y-2)^2)/0.8)",
    "5*exp(-((x-0.3)^2 + (y+0.2)^2)/0.02) + exp(-(x^2+y^2)/5)",
    # ridges
    "5 - 0.05*((1 - x)^2 + 10*(y - x^2)^2)",
    "3*exp(-(y - sin(2x))^2/0.2) - 0.1*x^2",
    # saddles
    "x^2 - y^2",
    "x*y*exp(-(x^2+y^2)/4)",
    "3.5*exp(-((x + 1.6)^2 + y^2)/1.2) + 4.5*exp(-((x - 1.6)^2 + y^2)/1.2) - 0.15*y^2",
    # trig terrain
    "sin(2.6*x)*cos(2.1*y) + 0.5*sin(3.7*x + 0.7)*sin(3.1*y)",
    "atan(x*y) + tanh(x - y) + sigmoid(2x + y) + log(2 + cos(x*y)) + sqrt(5 + sin(x) y)",
    "cosh(x/3) - sinh(y/4) + tan(0.3*x + 0.2*y) + 2^x + (2 + x^2)^(y/3)",
]
SAMPLE = [(-2.3, 1.7), (-0.9, -0.4), (0.2, 0.6), (1.1, -1.9), (2.6, 2.1), (0.05, -0.01)]


def _sympy(text: str) -> sp.Expr:
    from sympy.parsing.sympy_parser import (
        convert_xor, implicit_multiplication_application, parse_expr, standard_transformations)
    tr = standard_transformations + (implicit_multiplication_application, convert_xor)
    local = {"x": SX, "y": SY, "sigmoid": lambda t: 1 / (1 + sp.exp(-t)), "atan": sp.atan}
    # our 1-letter names: keep x y as separate symbols in implicit products
    return parse_expr(text.replace("2x", "2*x").replace(") y", ")*y"), local_dict=local,
                      transformations=tr, evaluate=True)


@pytest.mark.slow
@pytest.mark.parametrize("text", HAND_MADE)
def test_derivatives_of_hand_made_terrain(text):
    s = surfaces.from_expression(text)
    expr = _sympy(text)
    checked = 0
    for x, y in SAMPLE:
        errors = relative_errors(s, expr, x, y)
        if errors is None:
            continue
        checked += 1
        assert errors[0] <= GRAD_TOL, (x, y, errors)
        assert errors[1] <= HESS_TOL, (x, y, errors)
    assert checked >= 4


def test_vectorised_derivatives_match_pointwise():
    s = surfaces.from_expression(HAND_MADE[1])
    xs = np.array([[-1.0, 0.5], [2.0, 0.0]])
    ys = np.array([[0.3, -0.2], [1.0, 2.5]])
    g = s.gradient(xs, ys)
    h = s.hessian(xs, ys)
    assert g.shape == (2, 2, 2) and h.shape == (2, 2, 2, 2)
    for i in range(2):
        for j in range(2):
            np.testing.assert_allclose(g[:, i, j], s.gradient(xs[i, j], ys[i, j]), rtol=1e-15)
            np.testing.assert_allclose(h[:, :, i, j], s.hessian(xs[i, j], ys[i, j]), rtol=1e-15)


def test_piecewise_derivative_conventions():
    s = surfaces.from_expression("abs(x) + min(x, y) + 2*max(x, y)")
    np.testing.assert_array_equal(s.gradient(-1.0, 2.0), [-1 + 1 + 0, 0 + 0 + 2])
    np.testing.assert_array_equal(s.gradient(1.0, -2.0), [1 + 0 + 2, 1 + 0])
    # abs'(0) = 0; at ties min takes the first argument's derivative, max too
    np.testing.assert_array_equal(s.gradient(0.0, 0.0), [0 + 1 + 2, 0.0])
    np.testing.assert_array_equal(s.hessian(0.5, 0.1), np.zeros((2, 2)))


def test_sqrt_at_zero_is_infinite_not_an_exception():
    s = surfaces.from_expression("sqrt(x^2 + y^2)")
    with np.errstate(all="raise"):
        g = s.gradient(0.0, 0.0)
    assert not np.all(np.isfinite(g))


def test_derivative_of_constant_and_linear():
    s = surfaces.from_expression("7")
    np.testing.assert_array_equal(s.gradient(1.0, 2.0), [0.0, 0.0])
    np.testing.assert_array_equal(s.hessian(1.0, 2.0), np.zeros((2, 2)))
    s = surfaces.from_expression("3x - 2y")
    np.testing.assert_array_equal(s.gradient(np.array([1.0, 2.0]), 0.0), [[3.0, 3.0], [-2.0, -2.0]])


def test_sigmoid_is_stable_for_large_arguments():
    s = surfaces.from_expression("sigmoid(x)")
    with np.errstate(all="raise"):
        v = s(np.array([-1000.0, 0.0, 1000.0]), 0.0)
    np.testing.assert_array_equal(v, [0.0, 0.5, 1.0])


@pytest.mark.parametrize("text,expr,point", [
    # found by hypothesis: log(0.25^y) lost everything for tiny y; now log(c^v) = v·log(c)
    ("-(((0.25)**(y))**((y)**(y)))", -((sp.Rational(1, 4) ** SY) ** (SY ** SY)), (1.08, 1.8e-32)),
    # found by hypothesis: 1 - tanh² cancels where tanh is close to 1; now 1/cosh²
    ("tanh(exp((x)^2))", sp.tanh(sp.exp(SX ** 2)), (1.5, 0.0)),
    ("sigmoid(3*x^2)", 1 / (1 + sp.exp(-3 * SX ** 2)), (2.5, 0.0)),
])
def test_derivative_regressions(text, expr, point):
    errors = relative_errors(surfaces.from_expression(text), expr, *point)
    assert errors is not None
    assert errors[0] <= GRAD_TOL and errors[1] <= HESS_TOL, errors
