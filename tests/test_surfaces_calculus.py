"""Teaching finite differences: accuracy of each method against the exact derivatives."""

from __future__ import annotations

import math

import numpy as np
import pytest

import surfaces
from surfaces import calculus
from surfaces.calculus import EPS

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
    for bad in (0.0, -0.01, math.nan, math.inf):
        with pytest.raises(ValueError, match="step h must be a positive number"):
            calculus.gradient(s, 0, 0, h=bad)
        with pytest.raises(ValueError, match="step h must be a positive number"):
            calculus.hessian(s, 0, 0, h=bad)


# --- a learner's h is the absolute step, at every x ------------------------------------------------------------
PAPER_POINTS = [(0.3, -0.4), (1.5, 0.25), (-2.75, 2.9), (12.5, -7.1), (1e3, 1e-3)]


def paper(f, x: float, y: float, h: float) -> tuple[list[float], list[float], list[list[float]]]:
    """Forward and central differences and the Hessian with step h, as a learner computes them on paper."""
    f0 = f(x, y)
    forward = [(f(x + h, y) - f0) / h, (f(x, y + h) - f0) / h]
    central = [(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)]
    fxx = (f(x + h, y) - 2 * f0 + f(x - h, y)) / (h * h)
    fyy = (f(x, y + h) - 2 * f0 + f(x, y - h)) / (h * h)
    fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h)
    return forward, central, [[fxx, fxy], [fxy, fyy]]


def plain(x: float, y: float) -> float:
    """A learner's function in plain Python floats."""
    return math.sin(x) * math.exp(0.1 * y) + 0.3 * x * x - y ** 3


@pytest.mark.parametrize("h", [0.1, 0.01, 0.001, 0.05, 1e-6])
@pytest.mark.parametrize("x, y", PAPER_POINTS)
def test_a_learners_h_gives_the_numbers_on_paper_bit_for_bit(x, y, h):
    forward, central, hess = paper(plain, x, y, h)
    assert calculus.gradient(plain, x, y, "forward", h=h).tolist() == forward
    assert calculus.gradient(plain, x, y, "central", h=h).tolist() == central
    assert calculus.hessian(plain, x, y, h=h).tolist() == hess
    surface = surfaces.from_expression("sin(x)*exp(0.1*y) + 0.3*x*x - y^3", domain=(-1e3, 1e3, -1e3, 1e3))
    forward, central, hess = paper(surface.value_at, x, y, h)  # a Surface: the same floats through its fast path
    assert calculus.gradient(surface, x, y, "forward", h=h).tolist() == forward
    assert calculus.gradient(surface, x, y, "central", h=h).tolist() == central
    assert calculus.hessian(surface, x, y, h=h).tolist() == hess


def test_h_is_not_scaled_by_x():
    # f = x^2: the forward difference is 2x + h, the central one 2x, whatever x is (exact in binary here)
    square = lambda x, y: x * x  # noqa: E731
    for x in (1.5, 10.0, -40.0):
        assert calculus.gradient(square, x, 0.0, "forward", h=0.25)[0] == 2 * x + 0.25
        assert calculus.gradient(square, x, 0.0, "central", h=0.25)[0] == 2 * x
    cube = lambda x, y: x ** 3  # noqa: E731  central: 3x^2 + h^2, Hessian: 6x
    assert calculus.gradient(cube, 8.0, 0.0, "central", h=0.5)[0] == 3 * 64 + 0.25
    assert calculus.hessian(cube, 8.0, 0.0, h=0.5)[0, 0] == 48.0


def test_the_default_step_still_scales_with_x():
    # h=None at x = 1e6: the scaled default keeps about 8 digits; the same step unscaled keeps about 3
    square = lambda x, y: x * x  # noqa: E731
    assert calculus.gradient(square, 1e6, 0.0, "forward")[0] == pytest.approx(2e6, rel=1e-7)
    assert calculus.gradient(square, 1e6, 0.0, "forward", h=EPS ** 0.5)[0] != pytest.approx(2e6, rel=1e-4)


# --- the complex-step literature's test function (Squire & Trapp 1998; Martins, Sturdza & Alonso 2003) -----------
SQUIRE_X = 1.5
SQUIRE_TEXT = "exp(x)/sqrt(sin(x)^3 + cos(x)^3)"


def squire_numpy(x, y):
    """f(x) = e^x / sqrt(sin³x + cos³x) on floats and complex numbers (y unused)."""
    return np.exp(x) / np.sqrt(np.sin(x) ** 3 + np.cos(x) ** 3)


@pytest.fixture(scope="module")
def squire_derivatives() -> list[float]:
    """The first three derivatives at x = 1.5, from mpmath at 50 digits (independent of the code under test)."""
    import mpmath

    with mpmath.workdps(50):
        f = lambda x: mpmath.exp(x) / mpmath.sqrt(mpmath.sin(x) ** 3 + mpmath.cos(x) ** 3)  # noqa: E731
        return [float(mpmath.diff(f, mpmath.mpf(SQUIRE_X), n)) for n in (1, 2, 3)]


def squire_functions() -> list:
    """The test function as plain numpy code and as a Surface of x only."""
    return [squire_numpy, surfaces.from_expression(SQUIRE_TEXT, domain=(0.0, 2.0, -1.0, 1.0))]


def test_squire_trapp_exact_derivative_is_the_published_one(squire_derivatives):
    assert squire_derivatives[0] == pytest.approx(4.05342789389862, rel=1e-14)  # as printed in the papers


@pytest.mark.parametrize("h", [1e-1, 1e-2, 1e-3, 1e-4])
def test_forward_and_central_errors_follow_the_error_table(h, squire_derivatives):
    d1, d2, d3 = squire_derivatives
    for f in squire_functions():
        forward = calculus.gradient(f, SQUIRE_X, 0.0, "forward", h=h)[0]
        central = calculus.gradient(f, SQUIRE_X, 0.0, "central", h=h)[0]
        # leading terms: |f″|/2·h and |f‴|/6·h²
        assert abs(central - d1) / (abs(d3) / 6 * h * h) == pytest.approx(1.0, abs=0.1), h
        if h <= 1e-2:  # at h = 0.1 forward's next term, f‴/6·h², adds 11 % (checked below)
            assert abs(forward - d1) / (abs(d2) / 2 * h) == pytest.approx(1.0, abs=0.1), h
        assert (forward - d1) / (d2 / 2 * h + d3 / 6 * h * h) == pytest.approx(1.0, abs=0.01), h


def test_complex_step_is_exact_to_machine_precision(squire_derivatives):
    d1 = squire_derivatives[0]
    for f in squire_functions():
        assert abs(calculus.gradient(f, SQUIRE_X, 0.0, "complex", h=1e-20)[0] - d1) <= 1e-15 * abs(d1)
        assert abs(calculus.gradient(f, SQUIRE_X, 0.0, "complex")[0] - d1) <= 1e-15 * abs(d1)


def test_a_tiny_h_is_lost_to_cancellation_in_differences_but_not_in_the_complex_step(squire_derivatives):
    d1 = squire_derivatives[0]
    forward = calculus.gradient(squire_numpy, SQUIRE_X, 0.0, "forward", h=1e-15)[0]
    assert abs(forward - d1) / d1 > 1e-3  # the papers' figure: differences fall apart for h below about 1e-8


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
    np.testing.assert_allclose(calculus.hessian(f, 1e6, 3.0), [[2.0, 0.0], [0.0, 0.0]], atol=1e-3)


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
