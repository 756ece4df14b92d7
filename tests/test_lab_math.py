"""The calculus lab's numbers against independent references (mpmath at 50 digits, sympy), on random formulas
that are not built-in levels: finite differences at the learner's h, slices, eigen-axes, Newton steps, L and Q."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import surfaces
from game.core import lab_fd, lab_shapes, lab_slice
from tests.exprgen import SX, SY, points, smooth_expressions

EPS = 2.0 ** -52
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
H_SAMPLE = st.sampled_from(lab_fd.H_STEPS)


def _mp(expr):
    """expr as an mpmath function of (x, y) that always returns an mpf (a constant too), complex input allowed."""
    raw = sp.lambdify((SX, SY), expr, modules="mpmath")

    def f(x, y):
        value = raw(x, y)
        return value if isinstance(value, (mpmath.mpf, mpmath.mpc)) else mpmath.mpmathify(complex(value) if
                                                                                      isinstance(value, complex) else float(value))
    return f


def _ok(*values) -> bool:
    """All real, finite mpmath numbers."""
    return all(isinstance(v, mpmath.mpf) and mpmath.isfinite(v) for v in values)


def _surface(text: str):
    try:
        return surfaces.from_expression(text, domain=(-3, 3, -3, 3))
    except ValueError:
        assume(False)


def _finite(*values) -> bool:
    return all(math.isfinite(float(v)) for v in values)


@SETTINGS
@given(smooth_expressions(6), points(-1.5, 1.5), H_SAMPLE)
def test_forward_and_central_are_the_paper_quotients(pair, point, h):
    """The lab's forward/central gradient is the exact quotient with the float steps x ± h, up to the rounding of
    the two heights (≤ a few ε·|f| / h): the same numbers a learner gets on paper with that h."""
    text, expr = pair
    s = _surface(text)
    f = _mp(expr)
    x, y = point
    exact, results = lab_fd.lab_results(s, x, y, h)
    with mpmath.workdps(50):
        fx, fy = _mp(sp.diff(expr, SX)), _mp(sp.diff(expr, SY))
        try:
            values = {(a, b): f(mpmath.mpf(a), mpmath.mpf(b)) for a in (x - h, x, x + h) for b in (y - h, y, y + h)}
            truth = (float(fx(mpmath.mpf(x), mpmath.mpf(y))), float(fy(mpmath.mpf(x), mpmath.mpf(y))))
        except (ZeroDivisionError, ValueError, OverflowError):
            assume(False)
        assume(_ok(*values.values()) and all(abs(v) < 1e8 for v in values.values()))
        xs, ys = {+1: x + h, -1: x - h}, {+1: y + h, -1: y - h}  # the float steps the code takes
        f0 = values[(x, y)]
        paper = {
            "forward": ((f(mpmath.mpf(xs[1]), mpmath.mpf(y)) - f0) / h, (f(mpmath.mpf(x), mpmath.mpf(ys[1])) - f0) / h),
            "central": ((f(mpmath.mpf(xs[1]), mpmath.mpf(y)) - f(mpmath.mpf(xs[-1]), mpmath.mpf(y))) / (2 * h),
                        (f(mpmath.mpf(x), mpmath.mpf(ys[1])) - f(mpmath.mpf(x), mpmath.mpf(ys[-1]))) / (2 * h)),
        }
        size = float(max(abs(v) for v in values.values()))
    assume(_finite(*truth))
    assert exact == pytest.approx(truth, rel=1e-11, abs=1e-11 * (1 + size))
    for result in results[:2]:
        # rounding of the two heights (ε·|f|) and of their arguments and constants (ε·|x|·|∇f|, e.g. a float π)
        cond = size + 8 * (1 + abs(x) + abs(y)) * (abs(truth[0]) + abs(truth[1]))
        bound = 8 * EPS * cond / h + 1e-12 * max(1.0, abs(float(paper[result.method][0])))
        for got, want in zip(result.gradient, paper[result.method]):
            assert abs(got - float(want)) <= bound, (text, result.method, h)
        want_error = float(mpmath.sqrt((paper[result.method][0] - truth[0]) ** 2 + (paper[result.method][1] - truth[1]) ** 2))
        norm = math.hypot(*truth)
        want_error = want_error / norm if norm > 0 else want_error
        assert abs(result.error - want_error) <= 2 * bound / max(norm, 1e-300) + 1e-9 * want_error


@SETTINGS
@given(smooth_expressions(6), points(-1.5, 1.5), H_SAMPLE)
def test_complex_step_is_im_f_over_h(pair, point, h):
    """Complex-step: Im f(x + i·h, y) / h, evaluated by mpmath in complex arithmetic at 50 digits."""
    text, expr = pair
    s = _surface(text)
    f = _mp(expr)
    x, y = point
    _, results = lab_fd.lab_results(s, x, y, h)
    assert lab_fd.complex_ok(s)
    with mpmath.workdps(50):
        try:
            gx = f(mpmath.mpc(x, h), mpmath.mpf(y)).imag / h
            gy = f(mpmath.mpf(x), mpmath.mpc(y, h)).imag / h
            size = abs(f(mpmath.mpf(x), mpmath.mpf(y)))
        except (ZeroDivisionError, ValueError, OverflowError, AttributeError, TypeError):
            assume(False)
    assume(_finite(gx, gy, size) and float(size) < 1e6 and abs(float(gx)) + abs(float(gy)) < 1e6)
    got = results[2].gradient
    scale = max(1.0, abs(float(gx)), abs(float(gy)), float(size))
    assert got == pytest.approx((float(gx), float(gy)), rel=1e-9, abs=1e-9 * scale)


def test_error_curves_show_the_textbook_slopes():
    """On a formula no level uses, the log-log error curve falls with slope 1 (forward) and 2 (central) while
    truncation rules, and rises again (round-off) at tiny h; the best h lies in between."""
    s = surfaces.from_expression("exp(0.7*x)*cos(1.3*y) + 0.4*x^3*y", domain=(-2, 2, -2, 2))
    curves = lab_fd.error_curves(s, 0.9, -0.4)
    hs = np.array(lab_fd.H_STEPS)
    big = (hs <= 1e-1) & (hs >= 1e-3)
    for method, slope in (("forward", 1.0), ("central", 2.0)):
        fit = np.polyfit(np.log10(hs[big]), np.log10(curves[method][big]), 1)[0]
        assert fit == pytest.approx(slope, abs=0.1)
        best = lab_fd.best_h(curves[method])
        assert 1e-12 < best < 1e-3
        assert curves[method][-1] > 100 * np.nanmin(curves[method])  # round-off rises again at 1e-14
    assert np.nanmax(curves["complex"][hs <= 1e-8]) < 1e-14  # no cancellation: stays at round-off


def test_complex_step_refused_through_abs_min_max():
    s = surfaces.from_expression("abs(x - 0.3) + y^2", domain=(-2, 2, -2, 2))
    assert not lab_fd.complex_ok(s)
    _, results = lab_fd.lab_results(s, 1.0, 0.5, 1e-3)
    assert math.isnan(results[2].error) and all(math.isnan(v) for v in results[2].gradient)
    assert math.isfinite(results[1].error)


def test_h_steps_are_a_log_scale_from_1e_1_to_1e_14():
    hs = lab_fd.H_STEPS
    assert hs[0] == 0.1 and hs[-1] == 1e-14 and list(hs) == sorted(hs, reverse=True)
    assert all(1.9 < a / b < 2.6 for a, b in zip(hs, hs[1:]))
    assert lab_fd.DEFAULT_H in hs and lab_fd.h_index(3e-3) == hs.index(2e-3) or lab_fd.h_index(3e-3) == hs.index(5e-3)
    assert lab_fd.h_index(math.nan) == hs.index(lab_fd.DEFAULT_H)


def test_error_where_the_gradient_is_zero_is_absolute():
    assert lab_fd.error((1e-6, 0.0), (0.0, 0.0)) == pytest.approx(1e-6)
    assert math.isnan(lab_fd.error((math.nan, 0.0), (1.0, 0.0)))


@SETTINGS
@given(smooth_expressions(6), points(-1.5, 1.5), st.floats(0, 359.9), st.sampled_from([1e-1, 1e-2, 1e-4]))
def test_slice_secant_and_tangent_against_mpmath(pair, point, angle, h):
    text, expr = pair
    s = _surface(text)
    x, y = point
    u = lab_slice.unit("free", angle, (0.0, 0.0))
    got = lab_slice.secant(s, x, y, u, h)
    f = _mp(expr)
    with mpmath.workdps(50):
        try:
            right = f(mpmath.mpf(x + h * u[0]), mpmath.mpf(y + h * u[1]))
            left = f(mpmath.mpf(x - h * u[0]), mpmath.mpf(y - h * u[1]))
            g = [_mp(sp.diff(expr, v))(mpmath.mpf(x), mpmath.mpf(y)) for v in (SX, SY)]
        except (ZeroDivisionError, ValueError, OverflowError):
            assume(False)
        assume(_ok(right, left, *g))
        tangent = g[0] * mpmath.mpf(u[0]) + g[1] * mpmath.mpf(u[1])
        size = max(abs(right), abs(left), 1)
    assume(float(size) < 1e8)
    assert got.run == 2 * h
    assert got.rise == pytest.approx(float(right - left), abs=8 * EPS * float(size))
    assert got.ratio == pytest.approx(float((right - left) / (2 * h)), abs=8 * EPS * float(size) / h)
    assert got.tangent == pytest.approx(float(tangent), rel=1e-10, abs=1e-10 * float(size))


def test_slice_secant_shrinks_to_the_tangent():
    s = surfaces.from_expression("sin(1.1*x + 0.4*y) + 0.3*x*y^2", domain=(-2, 2, -2, 2))
    u = lab_slice.unit("free", 35.0, (0.0, 0.0))
    gaps = [abs(lab_slice.secant(s, 0.4, -0.6, u, h).ratio - lab_slice.secant(s, 0.4, -0.6, u, h).tangent)
            for h in (1e-1, 1e-2, 1e-3)]
    assert gaps[0] > 50 * gaps[1] > 50 * 50 * gaps[2]  # central: the gap falls like h²


def test_slice_directions():
    assert lab_slice.unit("x", 0, (1, 1)) == (1.0, 0.0)
    assert lab_slice.unit("y", 0, (1, 1)) == (0.0, 1.0)
    assert lab_slice.unit("gradient", 0, (3.0, 4.0)) == pytest.approx((0.6, 0.8))
    assert lab_slice.unit("gradient", 0, (0.0, 0.0)) == (1.0, 0.0)
    assert lab_slice.unit("free", 90, (0, 0)) == pytest.approx((0.0, 1.0))
    assert lab_slice.angle_of((0.0, -1.0)) == pytest.approx(270.0)


@given(points(-2.9, 2.9), st.floats(0, 359.9))
def test_slice_extent_stays_on_the_map(point, angle):
    u = lab_slice.unit("free", angle, (0, 0))
    t0, t1 = lab_slice.extent((-3, 3, -3, 3), *point, u)
    assert t0 <= 0 <= t1
    for t in (t0, t1):
        px, py = point[0] + t * u[0], point[1] + t * u[1]
        assert -3 - 1e-9 <= px <= 3 + 1e-9 and -3 - 1e-9 <= py <= 3 + 1e-9


def test_visible_curve_shows_only_revealed_discs():
    """During play the slice's data holds heights only within the revealed discs; elsewhere nan (never computed)."""
    s = surfaces.from_expression("3*exp(-((x-1.7)^2 + (y+1.2)^2))", domain=(-3, 3, -3, 3))
    probes = [(-1.0, 0.5), (0.2, 0.5)]
    ts, zs = lab_slice.visible_curve(s, -1.0, 0.5, (1.0, 0.0), probes, 0.72)
    xs = -1.0 + ts
    near = np.minimum(np.abs(xs + 1.0), np.abs(xs - 0.2)) <= 0.72
    assert np.all(np.isfinite(zs[near])) and np.all(np.isnan(zs[~near]))
    assert np.nanmax(zs) < 0.5 * 3  # the hidden summit's height is not in the data
    _, whole = lab_slice.visible_curve(s, -1.0, 0.5, (1.0, 0.0), probes, None)
    assert np.all(np.isfinite(whole))


@SETTINGS
@given(smooth_expressions(6), points(-1.5, 1.5))
def test_eigen_axes_and_newton_step_against_mpmath(pair, point):
    text, expr = pair
    s = _surface(text)
    x, y = point
    g = s.gradient(x, y)
    H = s.hessian(x, y)
    assume(np.all(np.isfinite(g)) and np.all(np.isfinite(H)) and np.max(np.abs(H)) < 1e6)
    got = lab_shapes.hessian_axes((float(g[0]), float(g[1])), (float(H[0, 0]), float(H[0, 1]), float(H[1, 1])))
    with mpmath.workdps(50):
        args = (mpmath.mpf(x), mpmath.mpf(y))
        try:
            mh = mpmath.matrix([[_mp(sp.diff(expr, a, b))(*args) for b in (SX, SY)] for a in (SX, SY)])
            mg = mpmath.matrix([_mp(sp.diff(expr, a))(*args) for a in (SX, SY)])
            values, vectors = mpmath.eigsy(mh)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            assume(False)
        span = float(max(abs(values[0]), abs(values[1]), 1e-300))
        assert got.eigenvalues == pytest.approx((float(values[0]), float(values[1])), abs=1e-9 * max(span, 1))
        gap = abs(float(values[1] - values[0]))
        if gap > 1e-6 * max(span, 1):
            for k in range(2):  # eigenvectors up to sign
                v = (float(vectors[0, k]), float(vectors[1, k]))
                assert abs(abs(v[0] * got.axes[k][0] + v[1] * got.axes[k][1]) - 1) < 1e-6 * max(span, 1) / gap
        det = mh[0, 0] * mh[1, 1] - mh[0, 1] ** 2
        if got.newton is not None and abs(det) > 1e-6 * max(span, 1) ** 2:
            step = mpmath.lu_solve(mh, -mg)
            norm = float(mpmath.norm(step))
            cond = max(span, 1) ** 2 / float(abs(det))
            assert got.newton == pytest.approx((float(step[0]), float(step[1])), abs=1e-9 * cond * max(norm, 1))


@pytest.mark.parametrize("hessian, shape, heads", [
    ((-2.0, 0.3, -1.0), "summit", None), ((2.0, 0.3, 1.0), "bowl", "minimum"),
    ((2.0, 0.3, -1.0), "saddle", "saddle"), ((1.0, 1.0, 1.0), "flat", "nowhere")])
def test_shape_words_and_where_newton_heads(hessian, shape, heads):
    got = lab_shapes.hessian_axes((0.5, -0.2), hessian)
    assert (got.shape, got.heads_for) == (shape, heads)
    if got.newton is not None:  # H d = -g
        a, b, c = hessian
        assert a * got.newton[0] + b * got.newton[1] == pytest.approx(-0.5)
        assert b * got.newton[0] + c * got.newton[1] == pytest.approx(0.2)


@SETTINGS
@given(smooth_expressions(6), points(-1.2, 1.2), st.floats(-0.5, 0.5), st.floats(-0.5, 0.5))
def test_taylor_models_against_sympy_series(pair, point, dx, dy):
    """L and Q are the first- and second-order Taylor polynomials (sympy differentiates, mpmath evaluates)."""
    text, expr = pair
    s = _surface(text)
    x0, y0 = point
    value, g, H = s.value_gradient_hessian(x0, y0)
    assume(_finite(value, *g, *[v for row in H for v in row]))
    L, Q = lab_shapes.taylor_models(value, g, (H[0][0], H[0][1], H[1][1]), x0, y0, np.array([x0 + dx]),
                                    np.array([y0 + dy]))
    with mpmath.workdps(50):
        args = (mpmath.mpf(x0), mpmath.mpf(y0))
        d = (mpmath.mpf(x0 + dx) - args[0], mpmath.mpf(y0 + dy) - args[1])
        try:
            f0 = _mp(expr)(*args)
            grad = [_mp(sp.diff(expr, v))(*args) for v in (SX, SY)]
            hess = [[_mp(sp.diff(expr, a, b))(*args) for b in (SX, SY)] for a in (SX, SY)]
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            assume(False)
        lin = f0 + grad[0] * d[0] + grad[1] * d[1]
        quad = lin + (hess[0][0] * d[0] ** 2 + 2 * hess[0][1] * d[0] * d[1] + hess[1][1] * d[1] ** 2) / 2
        size = float(abs(f0) + abs(grad[0]) + abs(grad[1]) + sum(abs(v) for row in hess for v in row) + 1)
    assume(size < 1e8)
    assert float(L[0]) == pytest.approx(float(lin), abs=1e-10 * size)
    assert float(Q[0]) == pytest.approx(float(quad), abs=1e-10 * size)


def test_trust_mask():
    f = np.array([1.0, 2.0, np.nan, 5.0])
    q = np.array([1.01, 2.5, 1.0, np.inf])
    assert lab_shapes.trust_mask(f, q, 0.02).tolist() == [True, False, False, False]


def _trust_setup(surface, size=(900, 600)):
    from game.core.transform import ViewTransform

    transform = ViewTransform(tuple(surface.domain), (10, 20, *size))
    x0, y0 = 0.3 * surface.domain[0] + 0.7 * surface.domain[1], 0.6 * surface.domain[2] + 0.4 * surface.domain[3]
    value, g, H = surface.value_gradient_hessian(x0, y0)
    return transform, (x0, y0), float(value), (float(g[0]), float(g[1])), (float(H[0][0]), float(H[0][1]), float(H[1][1]))


def test_trust_grid_is_where_the_true_height_is_within_tolerance_of_q():
    """The lab's shading against an independent reference: f, its gradient and Hessian written out by hand, sampled
    at the centres of the 3-px cells computed here from the transform's definition."""
    from game.ui.views.lab_taylor import TRUST_STEP, trust_grid

    surface = surfaces.from_expression("sin(2*x)*cos(3*y) + 0.2*x*y", domain=(-2, 2, -1.5, 1.5))
    transform, (x0, y0), value, g, H = _trust_setup(surface)
    f = lambda x, y: np.sin(2 * x) * np.cos(3 * y) + 0.2 * x * y  # noqa: E731
    gx = 2 * np.cos(2 * x0) * np.cos(3 * y0) + 0.2 * y0
    gy = -3 * np.sin(2 * x0) * np.sin(3 * y0) + 0.2 * x0
    hxx, hxy, hyy = -4 * f(x0, y0) + 0.8 * x0 * y0, -6 * np.cos(2 * x0) * np.sin(3 * y0) + 0.2, -9 * f(x0, y0) + 1.8 * x0 * y0
    assert np.allclose([value, *g, *H], [f(x0, y0), gx, gy, hxx, hxy, hyy], atol=1e-12)
    w, h = transform.size
    nx, ny = w // TRUST_STEP, h // TRUST_STEP
    xs = -2 + (np.arange(nx) + 0.5) * (w / nx) * 4 / w
    ys = 1.5 - (np.arange(ny) + 0.5) * (h / ny) * 3 / h
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    dx, dy = X - x0, Y - y0
    q = f(x0, y0) + gx * dx + gy * dy + 0.5 * (hxx * dx * dx + 2 * hxy * dx * dy + hyy * dy * dy)
    tol = 0.05
    gap = np.abs(f(X, Y) - q) - tol
    mask = trust_grid(surface, transform, (x0, y0), value, g, H, tol)
    assert mask.shape == (nx, ny)
    clear = np.abs(gap) > 1e-9  # a sample exactly on the edge may round either way
    assert np.array_equal(mask[clear], (gap <= 0)[clear])
    assert 0.02 < mask.mean() < 0.9  # the test sees both sides of the edge


def test_a_model_levels_trust_grid_agrees_with_its_exact_sums():
    """A model level's shading uses its map's interpolated grid (fast); it must show the region the exact −MSE gives."""
    from game.ui.views.lab_taylor import trust_grid

    rng = np.random.default_rng(5)
    x = rng.uniform(-3, 3, 400)
    from surfaces.models import ModelSurface

    surface = ModelSurface("neuron", x, 1 / (1 + np.exp(-(1.3 * x - 0.4))) + rng.normal(0, 0.05, 400))
    transform, point, value, g, H = _trust_setup(surface, (1500, 1000))
    tol = 0.2 * abs(value) + 1e-3
    mask = trust_grid(surface, transform, point, value, g, H, tol)
    nx, ny = mask.shape
    w, h = transform.size
    xs, _ = transform.to_world(transform.inner[0] + (np.arange(nx) + 0.5) * w / nx, 0)
    _, ys = transform.to_world(0, transform.inner[1] + (np.arange(ny) + 0.5) * h / ny)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    exact = lab_shapes.trust_mask(surface.heights(X.ravel(), Y.ravel()).reshape(X.shape),
                                  lab_shapes.taylor_models(value, g, H, point[0], point[1], X, Y)[1], tol)
    assert 0.02 < exact.mean() < 0.98
    assert np.mean(mask == exact) > 0.995
