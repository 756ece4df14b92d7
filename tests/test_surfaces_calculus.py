"""Teaching finite differences: accuracy of each method against the exact derivatives."""

from __future__ import annotations

import math

import numpy as np
import pytest

import surfaces
from surfaces import calculus

TERRAIN = [
    "3*exp(-((x-1)^2 + y^2)) - 0.2*x",
    "sin(2.6*x)*cos(2.1*y) + 0.5*sin(3.7*x + 0.7)*sin(3.1*y)",
    "5 - 0.05*((1 - x)^2 + 10*(y - x^2)^2)",
    "atan(x*y) + sigmoid(x - 2y) + log(3 + x)",
]
POINTS = [(-1.7, 0.4), (0.3, -0.9), (1.2, 2.2), (2.9, -2.5)]
# expected worst relative error (norm-wise) per method
BOUNDS = {"forward": 1e-6, "central": 1e-8, "complex": 1e-13}


@pytest.mark.parametrize("method", ["forward", "central", "complex"])
@pytest.mark.parametrize("text", TERRAIN)
def test_gradient_methods_accuracy(method, text):
    s = surfaces.from_expression(text)
    for x, y in POINTS:
        exact = s.gradient(x, y)
        approx = calculus.gradient(s, x, y, method=method)
        assert approx.shape == (2,)
        err = np.max(np.abs(approx - exact)) / max(np.max(np.abs(exact)), 1e-3)
        assert err <= BOUNDS[method], (x, y, err)


def test_central_beats_forward_and_complex_beats_central():
    s = surfaces.from_expression(TERRAIN[0])
    errs = {}
    for m in ("forward", "central", "complex"):
        errs[m] = max(np.max(np.abs(calculus.gradient(s, x, y, m) - s.gradient(x, y))) for x, y in POINTS)
    assert errs["complex"] < errs["central"] < errs["forward"]


def test_complex_step_on_plain_python_function():
    f = lambda x, y: np.exp(x) * np.sin(y) + x ** 3 * y  # noqa: E731
    g = calculus.gradient(f, 0.7, -0.3, method="complex")
    exact = [math.exp(0.7) * math.sin(-0.3) + 3 * 0.49 * -0.3, math.exp(0.7) * math.cos(-0.3) + 0.343]
    np.testing.assert_allclose(g, exact, rtol=1e-14)


def test_explicit_step_and_errors():
    s = surfaces.from_expression("x^2 + y^3")
    coarse = calculus.gradient(s, 1.0, 1.0, method="forward", h=0.1)
    assert coarse == pytest.approx([2.1, 3.31], rel=1e-9)
    with pytest.raises(ValueError, match="unknown method"):
        calculus.gradient(s, 0, 0, method="backward")
    with pytest.raises(ValueError):
        calculus.gradient(s, 0, 0, h=0.0)


@pytest.mark.parametrize("text", TERRAIN)
def test_hessian_accuracy(text):
    s = surfaces.from_expression(text)
    for x, y in POINTS:
        exact = s.hessian(x, y)
        approx = calculus.hessian(s, x, y)
        assert approx.shape == (2, 2) and approx[0, 1] == approx[1, 0]
        err = np.max(np.abs(approx - exact)) / max(np.max(np.abs(exact)), 1e-2)
        assert err <= 1e-5, (x, y, err)


def test_step_scales_with_magnitude():
    f = lambda x, y: x ** 2  # noqa: E731
    g = calculus.gradient(f, 1e6, 0.0)
    assert g[0] == pytest.approx(2e6, rel=1e-9)


@pytest.mark.parametrize("h, kind", [
    ((-2.0, 0.5, -1.0), "maximum"), ((2.0, 0.5, 1.0), "minimum"), ((1.0, 0.0, -1.0), "saddle"),
    ((0.0, 0.0, -1.0), "degenerate"), ((1.0, 1.0, 1.0), "degenerate"), ((math.nan, 0.0, 1.0), "degenerate"),
    ((-1.0, 0.0, -1e-7), "degenerate"),  # |λ2| <= 1e-6 · max(|λ1|, |λ2|, 1)
])
def test_classify_hessian_names_the_point_by_its_eigenvalues(h, kind):
    assert calculus.classify_hessian(*h).kind == kind


def test_classify_hessian_tolerance_is_relative_to_the_scale_and_zero_tol_is_strict():
    assert calculus.classify_hessian(-1e-9, 0.0, -2e-9).kind == "degenerate"  # tiny against the default scale 1
    assert calculus.classify_hessian(-1e-9, 0.0, -2e-9, scale=1e-9).kind == "maximum"
    assert calculus.classify_hessian(-1.0, 0.0, -1e-12, tol=0.0).kind == "maximum"
    assert calculus.classify_hessian(-1.0, 0.0, 0.0, tol=0.0).kind == "degenerate"


def test_classify_hessian_eigenvalues_and_axes_diagonalise_the_matrix():
    hxx, hxy, hyy = 3.0, -1.25, -0.5
    result = calculus.classify_hessian(hxx, hxy, hyy)
    l1, l2 = result.eigenvalues
    assert l1 <= l2 and np.allclose((l1, l2), np.linalg.eigvalsh([[hxx, hxy], [hxy, hyy]]))
    for lam, (ax, ay) in zip(result.eigenvalues, result.axes):
        assert math.isclose(math.hypot(ax, ay), 1.0)
        assert np.allclose((hxx * ax + hxy * ay, hxy * ax + hyy * ay), (lam * ax, lam * ay))


def test_surface_classify_is_classify_hessian_with_the_surface_curvature_scale():
    s = surfaces.from_expression("(x^2 - y^2)*exp(-(x^2 + y^2)/6) + 0.3*x*y")
    _, hscale = s.scales()
    for x, y in [(0.0, 0.0), (0.4, -1.1)]:
        h = s.hessian(x, y)
        kind = calculus.classify_hessian(h[0, 0], h[0, 1], h[1, 1], scale=hscale).kind
        assert s.classify(x, y, tol=1e9) == kind
