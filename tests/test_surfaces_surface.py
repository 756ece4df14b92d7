"""Surface: evaluation semantics, grid fast path, Taylor models, classification, peaks and maxima."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import surfaces
from reference import brute_force_peak

ROOT = Path(__file__).resolve().parents[1]


def test_public_api_names():
    for name in ("from_expression", "from_seed", "new_code", "builtin_levels", "load_level", "level_problems",
                 "custom_level", "ExpressionError", "LevelError", "Level", "Surface", "calculus"):
        assert hasattr(surfaces, name), name
    assert issubclass(surfaces.ExpressionError, ValueError)
    assert issubclass(surfaces.LevelError, ValueError)


def test_evaluation_semantics():
    s = surfaces.from_expression("3*exp(-((x-1)^2 + y^2)) - 0.2*x", domain=(-3, 3, -3, 3), name="demo")
    assert s.domain == (-3.0, 3.0, -3.0, 3.0) and s.name == "demo"
    v = s(1.0, 0.0)
    assert isinstance(v, np.floating) and v == pytest.approx(2.8, rel=1e-15)
    out = s(np.linspace(-1, 1, 5)[:, None], np.linspace(0, 1, 3)[None, :])
    assert out.shape == (5, 3) and out.dtype == np.float64
    assert s.gradient(1.0, 0.0).shape == (2,)
    assert s.hessian(1.0, 0.0).shape == (2, 2)


def test_constant_and_identity_surfaces_broadcast_and_copy():
    c = surfaces.from_expression("2")
    assert c(np.zeros(3), np.zeros((2, 1))).shape == (2, 3)
    ident = surfaces.from_expression("x")
    xs = np.array([1.0, 2.0])
    out = ident(xs, 0.0)
    out[0] = 99.0
    assert xs[0] == 1.0


def test_non_finite_values_without_warnings_or_exceptions():
    s = surfaces.from_expression("log(x) + 1/y + sqrt(x)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        v = s(np.array([-1.0, 0.0, 1.0]), np.array([1.0, 1.0, 0.0]))
        assert np.isnan(v[0]) and np.isinf(v[1]) and np.isinf(v[2])
        g = s.gradient(-1.0, 1.0)
        assert np.isnan(g[0])
        z = s.grid(np.linspace(-1, 1, 9), np.linspace(-1, 1, 5))
        assert np.isnan(z[0, 0]) and not np.isinf(z).any()
        assert np.isfinite(s(nan := float("nan"), 1.0)) == False  # noqa: E712
        assert nan != nan


def test_bad_domains_are_rejected():
    for bad in [(1, 0, 0, 1), (0, 1, 2, 2), (0, 1, 0), (0, float("inf"), 0, 1), ("a", 1, 0, 1)]:
        with pytest.raises(ValueError):
            surfaces.from_expression("x", domain=bad)


GRID_CASES = [
    "3*exp(-((x-1)^2 + y^2)) - 0.2*x",
    "sin(2.6*x)*cos(2.1*y) + 0.5*sin(3.7*x + 0.7)*sin(3.1*y)",
    "4*exp(-(0.15*(x - 0.6)^2 + 0.5*(x - 0.6)*(y - 0.2) + 1.2*(y - 0.2)^2))",
    "-(2*exp(-(x^2 + 3*y)/4)) + x*y + exp(x - y) + 7",
    "exp(100*x)",          # overflows float32 and the split exps: falls back to float64 cells
    "log(x*y)",
]


@pytest.mark.parametrize("text", GRID_CASES)
def test_grid_matches_exact_evaluation(text):
    s = surfaces.from_expression(text)
    xs = np.linspace(-3, 3, 97)
    ys = np.linspace(-3, 3, 61)
    exact = s(xs[None, :], ys[:, None])
    exact = np.where(np.isfinite(exact), exact, np.nan)
    for dtype, rtol in ((np.float32, 2e-5), (np.float64, 1e-12)):
        z = s.grid(xs, ys, dtype=dtype)
        if dtype == np.float32 and np.nanmax(np.abs(exact)) > 1e38:
            assert np.isnan(z[:, -1]).all()  # beyond float32: nan, never inf
            continue
        assert z.shape == (61, 97) and z.dtype == dtype
        np.testing.assert_allclose(z, exact.astype(dtype), rtol=rtol, atol=rtol * np.nanmax(np.abs(exact)))


def test_grid_of_one_variable_surfaces_has_full_shape():
    for text in ("x^2", "y", "3"):
        z = surfaces.from_expression(text).grid(np.arange(4.0), np.arange(3.0))
        assert z.shape == (3, 4)


def test_taylor_models():
    s = surfaces.from_expression("exp(x)*sin(y) + x^3")
    x0, y0 = 0.4, 0.9
    t1 = s.taylor(x0, y0, 1)
    t2 = s.taylor(x0, y0, 2)
    assert t1(x0, y0) == pytest.approx(s(x0, y0)) and t2(x0, y0) == pytest.approx(s(x0, y0))
    for h in (1e-1, 1e-2):
        e1 = abs(t1(x0 + h, y0 - h) - s(x0 + h, y0 - h))
        e2 = abs(t2(x0 + h, y0 - h) - s(x0 + h, y0 - h))
        assert e2 < e1 and e2 < 10 * h ** 3
    q = surfaces.from_expression("1 + 2x - 3y + x^2 - x*y + 4y^2")
    grid = np.linspace(-2, 2, 7)
    np.testing.assert_allclose(q.taylor(0.3, -0.7, 2)(grid, grid[::-1]), q(grid, grid[::-1]), rtol=1e-13)
    for bad in (0, 3, "2", 1.5):
        with pytest.raises(ValueError):
            s.taylor(0, 0, bad)


@pytest.mark.parametrize("text,point,expected", [
    ("-(x^2 + 2y^2)", (0, 0), "maximum"),
    ("x^2 + y^2", (0, 0), "minimum"),
    ("x^2 - y^2", (0, 0), "saddle"),
    ("x*y", (0, 0), "saddle"),
    ("x^4 + y^2", (0, 0), "degenerate"),
    ("x^3 - 3x + y^2", (1, 0), "minimum"),
    ("x^3 - 3x - y^2", (-1, 0), "maximum"),
    ("x^2 + y^2", (0.5, 0), "not stationary"),
    ("3", (0, 0), "degenerate"),
])
def test_classify(text, point, expected):
    assert surfaces.from_expression(text).classify(*point) == expected


def test_classify_tolerance_is_relative_to_the_surface_scale():
    s = surfaces.from_expression("-(x^2 + y^2)")
    assert s.classify(1e-3, 0) == "not stationary"
    assert s.classify(1e-3, 0, tol=1e-2) == "maximum"
    big = surfaces.from_expression("-1000*(x^2 + y^2)")
    assert big.classify(1e-9, 0) == "maximum"


@pytest.mark.parametrize("text,domain,expected", [
    ("4*exp(-((x - 0.8)^2 + (y + 0.5)^2)/2)", (-3, 3, -3, 3), (0.8, -0.5, 4.0)),
    # narrow spire (width 0.1) beside a broad decoy hill
    ("2*exp(-((x + 1)^2 + (y - 1)^2)/2) + 3*exp(-((x - 1.737)^2 + (y + 2.113)^2)/0.02)",
     (-3, 3, -3, 3), None),
    # a needle (sigma 0.03) lower than nothing but narrower than a coarse grid's spacing
    ("2.5*exp(-((x + 1)^2 + (y - 1)^2)/2) + 3*exp(-((x - 1.737)^2 + (y + 2.113)^2)/0.0018)",
     (-3, 3, -3, 3), None),
    # summit on an edge: constrained maximum
    ("exp(-(y - 0.5)^2) + 0.5*x", (-3, 3, -3, 3), (3.0, 0.5, 2.5)),
    # summit in a corner
    ("x + 2y", (-1, 2, -3, 1.5), (2.0, 1.5, 5.0)),
    ("-(x - 5)^2 - (y + 5)^2", (-3, 3, -3, 3), (3.0, -3.0, -8.0)),
])
def test_peak_known_locations(text, domain, expected):
    s = surfaces.from_expression(text, domain=domain)
    x, y, v = s.peak()
    if expected is None:  # the spire: its top is shifted a little by the decoy's slope
        assert (x, y) == pytest.approx((1.737, -2.113), abs=1e-3)
        assert np.max(np.abs(s.gradient(x, y))) < 1e-8
        assert s.classify(x, y) == "maximum"
    else:
        assert (x, y, v) == pytest.approx(expected, abs=1e-6)
    assert s.peak() == (x, y, v)  # cached
    assert s.value_range()[1] == v
    assert v >= brute_force_peak(s, n=1501)[2]


def test_peak_on_edge_has_nonzero_gradient():
    s = surfaces.from_expression("exp(-(y - 0.5)^2) + 0.5*x")
    x, y, _ = s.peak()
    assert s.gradient(x, y)[0] == pytest.approx(0.5)
    assert s.classify(x, y) == "not stationary"
    assert abs(s.gradient(x, y)[1]) < 1e-9


def test_many_local_maxima():
    s = surfaces.from_expression("sin(3x)*cos(3y) + 0.05*x", domain=(-3, 3, -3, 3))
    maxima = s.local_maxima()
    assert len(maxima) >= 10
    values = [m[2] for m in maxima]
    assert values == sorted(values, reverse=True)
    assert maxima[0] == s.peak()
    for x, y, v in maxima:
        assert s.classify(x, y) == "maximum"
        assert s(x, y) == pytest.approx(v, abs=1e-12)
    bx, by, bv = brute_force_peak(s, n=1501)
    assert s.peak()[2] >= bv - 1e-12
    assert s.peak()[2] == pytest.approx(bv, abs=1e-4)


def test_local_maxima_of_two_hills():
    s = surfaces.from_expression(
        "3*exp(-((x + 1.3)^2 + (y + 0.8)^2)/1.2) + 4.2*exp(-((x - 1.4)^2 + (y - 1.1)^2)/0.9)")
    maxima = s.local_maxima()
    assert len(maxima) == 2
    assert maxima[0][:2] == pytest.approx((1.4, 1.1), abs=1e-3)
    assert maxima[1][:2] == pytest.approx((-1.3, -0.8), abs=1e-3)


def test_value_range():
    s = surfaces.from_expression("x + y", domain=(0, 1, -2, 3))
    assert s.value_range() == pytest.approx((-2.0, 4.0))


def test_repr_and_expression():
    s = surfaces.from_expression("2x", name="lin")
    assert s.expression == "2*x"
    assert "2*x" in repr(s) and "lin" in repr(s)


def test_heights_and_derivatives_at_many_points_match_the_pointwise_values():
    s = surfaces.from_expression("3*exp(-((x-1)^2 + y^2)) - 0.2*x*y + sin(x)")
    x, y = np.array([0.1, -1.5, 2.0]), np.array([0.7, 0.0, -2.5])
    heights = s.heights(x, y)
    g, h = s.derivatives(x, y)
    assert heights.dtype == np.float64 and g.shape == (3, 2) and h.shape == (3, 2, 2)
    for i in range(3):
        assert heights[i] == s(x[i], y[i])
        assert np.array_equal(g[i], s.gradient(x[i], y[i])) and np.array_equal(h[i], s.hessian(x[i], y[i]))
