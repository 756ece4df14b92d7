"""Scalar fast path (surfaces/scalar.py): same numbers as the vectorised numpy path, nan/inf never exceptions."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import surfaces
from surfaces import ExpressionError, calculus
from surfaces.parse import parse

from exprgen import expressions, points

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
# numpy's array loops (SIMD) and the C library may round pow/exp/cos 1 ulp apart; nested, an ulp grows
# (cos(1.5^(x^4)) at x = -2 turns it into 3e-14): far below the 3 digits shown, far above 1 ulp
REL = 1e-12


def _same(a: float, b: float) -> bool:
    a, b = float(a), float(b)
    if not (math.isfinite(a) and math.isfinite(b)):
        return not math.isfinite(a) and not math.isfinite(b)
    return a == b or abs(a - b) <= REL * max(abs(a), abs(b))


def _vectorised(s, x: float, y: float):
    """Value, gradient and Hessian through the numpy path (arrays of shape (2,) holding the point twice)."""
    xs, ys = np.array([x, x]), np.array([y, y])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return s(xs, ys)[0], s.gradient(xs, ys)[:, 0], s.hessian(xs, ys)[:, :, 0]


def _check(text: str, x: float, y: float) -> None:
    try:
        s = surfaces.from_expression(text)
    except ExpressionError:
        return
    v, g, h = _vectorised(s, x, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sv, sg, sh = s(x, y), s.gradient(x, y), s.hessian(x, y)
        fv, fg, fh = s.value_gradient_hessian(x, y)
    assert isinstance(sv, np.float64) and sg.shape == (2,) and sh.shape == (2, 2)
    assert _same(sv, v) and _same(fv, v), (text, x, y, sv, fv, v)
    for i in range(2):
        assert _same(sg[i], g[i]) and _same(fg[i], g[i]), (text, x, y, sg, fg, g)
        for j in range(2):
            assert _same(sh[i, j], h[i, j]) and _same(fh[i][j], h[i, j]), (text, x, y, sh, fh, h)


@pytest.mark.slow
@SETTINGS
@given(expressions(), points())
def test_scalar_path_matches_vectorised_on_random_expressions(pair, pt):
    _check(pair[0], *pt)


@pytest.mark.slow
@SETTINGS
@given(expressions(), st.sampled_from([(0.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (1.0, -1.0), (-2.0, -0.5)]))
def test_scalar_path_matches_vectorised_at_special_points(pair, pt):
    _check(pair[0], *pt)


@pytest.mark.parametrize("text, point", [
    ("log(x) + 1/y", (0.0, 1.0)),      # log(0): math raises ValueError, numpy gives -inf
    ("log(x) + 1/y", (1.0, 0.0)),      # 1/0: ZeroDivisionError vs inf
    ("log(x)", (-1.0, 0.0)),           # nan
    ("sqrt(x) + y", (-1.0, 0.0)),      # nan
    ("sqrt(x*x + y*y)", (0.0, 0.0)),   # value 0, gradient 0/0
    ("exp(x*y)", (30.0, 30.0)),        # OverflowError vs inf
    ("cosh(x) + sinh(y)", (800.0, -800.0)),
    ("x^y", (-8.0, 0.5)),              # math.pow domain error vs nan
    ("x^-1 + y", (0.0, 0.0)),
    ("(x + y)^1.5", (-1.0, 0.0)),
    ("sin(exp(x))", (800.0, 0.0)),     # sin(inf)
    ("tan(x) + tanh(y) + atan(x*y) + sigmoid(x - y)", (1.5707963267948966, 1000.0)),
    ("min(x, y) + max(x, y) + abs(x - y)", (1.0, 1.0)),
])
def test_non_finite_and_domain_errors_agree_without_exceptions(text, point):
    _check(text, *point)


def test_nan_and_inf_inputs():
    s = surfaces.from_expression("exp(-x^2) + y")
    for pt in ((math.nan, 0.0), (math.inf, 1.0), (0.0, -math.inf)):
        _check("exp(-x^2) + y", *pt)
        _check("sin(x) + cos(y)", *pt)
    assert math.isnan(s.value_at(math.nan, 0.0))


def test_scalar_types_take_the_fast_path_and_agree():
    s = surfaces.from_expression("3*exp(-((x-1)^2 + y^2)) - 0.2*x")
    ref = float(s(np.array([0.5]), np.array([0.25]))[0])
    for x, y in ((0.5, 0.25), (np.float64(0.5), np.float32(0.25)), (np.array(0.5), 0.25), (1, 0)):
        v = s(x, y)
        assert isinstance(v, np.float64)
        if float(x) == 0.5:
            assert v == ref
    assert s(2, 0) == s(2.0, 0.0)
    assert s(True, 0) == s(1.0, 0.0)
    # complex input (complex-step) still goes through numpy
    assert np.iscomplexobj(s(complex(0.5, 1e-20), 0.25))


def test_fused_probe_matches_separate_calls_on_builtin_levels():
    for level in surfaces.builtin_levels():
        s = level.surface
        rng = np.random.default_rng(7)
        xmin, xmax, ymin, ymax = s.domain
        for x, y in zip(rng.uniform(xmin, xmax, 20), rng.uniform(ymin, ymax, 20)):
            f, g, h = s.value_gradient_hessian(x, y)
            assert f == s(x, y)
            assert g == tuple(s.gradient(x, y))
            assert h == tuple(map(tuple, s.hessian(x, y)))
            v, vg, vh = _vectorised(s, float(x), float(y))
            assert _same(f, v) and all(_same(a, b) for a, b in zip(g, vg))
            assert all(_same(h[i][j], vh[i, j]) for i in range(2) for j in range(2))


def test_teaching_differences_use_the_same_values():
    """calculus on a Surface (scalar path) equals calculus on a plain numpy function."""
    s = surfaces.from_expression("sin(2.6*x)*cos(2.1*y) + 3.5*exp(-((x - 1)^2 + (y + 0.8)^2)/1.5)")

    def numpy_f(x, y):
        return s(np.array([x]), np.array([y]))[0]

    for x, y in ((0.3, -0.7), (2.5, 1.0), (-1e-3, 0.0)):
        for method in ("forward", "central"):
            assert np.array_equal(calculus.gradient(s, x, y, method), calculus.gradient(numpy_f, x, y, method))
        assert np.array_equal(calculus.hessian(s, x, y), calculus.hessian(numpy_f, x, y))
    log = surfaces.from_expression("log(x) + y")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = calculus.gradient(log, 0.0, 0.0)  # log(±h) and log(0): nan/inf, no exception or warning
        assert np.array_equal(g, calculus.gradient(lambda x, y: log(np.array([x]), np.array([y]))[0], 0.0, 0.0),
                              equal_nan=True)


def test_derivative_programs_are_built_lazily():
    """A typed formula's derivatives are built once at once (their size is checked: MAX_DERIVATIVE_SLOTS); the
    programs that evaluate them only when asked for. A surface made from a tree builds nothing ahead."""
    s = surfaces.from_expression("exp(-x^2 - y^2)")
    assert "grad" not in s._lazy and "scalar-grad" not in s._lazy
    s(0.1, 0.2)
    assert "scalar-grad" not in s._lazy
    s.gradient(0.1, 0.2)
    assert "scalar-grad" in s._lazy
    plain = surfaces.Surface(parse("exp(-x^2 - y^2)"), (-3, 3, -3, 3))
    plain(0.1, 0.2)
    assert "trees" not in plain._lazy
