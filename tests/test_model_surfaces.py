"""Model surfaces (line, neuron, exp): heights, exact derivatives and summits against independent references
(numpy least squares, mpmath) on data sets generated here; level-file kinds; the map of a large data set."""

from __future__ import annotations

import json

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surfaces import LevelError
from surfaces.level import load_level
from surfaces.models import ModelSurface

mp.mp.dps = 30


def dataset(kind: str, seed: int, n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    if kind == "line":
        x = rng.uniform(-5, 5, n)
        return x, rng.uniform(-3, 3) * x + rng.uniform(-4, 4) + rng.normal(0, rng.uniform(0.1, 2), n)
    if kind == "neuron":
        x = rng.normal(rng.uniform(-1, 1), rng.uniform(0.5, 3), n)
        w, b = rng.uniform(0.5, 3) * rng.choice([-1, 1]), rng.uniform(-1, 1)
        return x, (rng.uniform(size=n) < 1 / (1 + np.exp(-(w * x + b)))).astype(float)
    x = rng.uniform(0, rng.uniform(2, 6), n)
    return x, rng.uniform(0.5, 5) * np.exp(-rng.uniform(0.2, 1.5) * x) + rng.normal(0, 0.05, n)


def mp_loss(kind: str, x, y):
    """−mean squared error as an mpmath function of the two parameters (the reference, written from the formula)."""
    xs, ys = [mp.mpf(float(v)) for v in x], [mp.mpf(float(v)) for v in y]

    def model(p, q, xi):
        if kind == "line":
            return p * xi + q
        if kind == "neuron":
            return 1 / (1 + mp.exp(-(p * xi + q)))
        return p * mp.exp(-q * xi)

    return lambda p, q: -mp.fsum((model(p, q, a) - b) ** 2 for a, b in zip(xs, ys)) / len(xs)


@pytest.mark.parametrize("kind", ["line", "neuron", "exp"])
@pytest.mark.parametrize("seed", [3, 11, 29])
def test_height_gradient_hessian_match_mpmath(kind, seed):
    x, y = dataset(kind, seed)
    s = ModelSurface(kind, x, y)
    f = mp_loss(kind, x, y)
    rng = np.random.default_rng(seed + 100)
    xmin, xmax, ymin, ymax = s.domain
    for p, q in zip(rng.uniform(xmin, xmax, 4), rng.uniform(ymin, ymax, 4)):
        mpp, mpq = mp.mpf(float(p)), mp.mpf(float(q))
        want = f(mpp, mpq)
        assert s.value_at(p, q) == pytest.approx(float(want), rel=1e-12, abs=1e-14)
        g = [mp.diff(f, (mpp, mpq), (1, 0)), mp.diff(f, (mpp, mpq), (0, 1))]
        scale = float(max(abs(v) for v in g)) + 1e-12
        assert np.allclose(s.gradient(p, q), [float(v) for v in g], rtol=0, atol=1e-12 * scale)
        h = [[mp.diff(f, (mpp, mpq), (2, 0)), mp.diff(f, (mpp, mpq), (1, 1))],
             [mp.diff(f, (mpp, mpq), (1, 1)), mp.diff(f, (mpp, mpq), (0, 2))]]
        hs = float(max(abs(v) for row in h for v in row)) + 1e-12
        assert np.allclose(s.hessian(p, q), [[float(v) for v in r] for r in h], rtol=0, atol=1e-9 * hs)
        v, gg, hh = s.value_gradient_hessian(p, q)
        assert v == s.value_at(p, q) and np.allclose(gg, s.gradient(p, q)) and np.allclose(hh, s.hessian(p, q))


def test_vectorised_matches_scalar():
    x, y = dataset("neuron", 5)
    s = ModelSurface("neuron", x, y)
    p, q = np.meshgrid(np.linspace(*s.domain[:2], 7), np.linspace(*s.domain[2:], 5))
    z, g, h = s(p, q), s.gradient(p, q), s.hessian(p, q)
    assert z.shape == (5, 7) and g.shape == (2, 5, 7) and h.shape == (2, 2, 5, 7)
    assert z[2, 3] == pytest.approx(s.value_at(p[2, 3], q[2, 3]), rel=1e-13)
    assert np.allclose(g[:, 1, 4], s.gradient(float(p[1, 4]), float(q[1, 4])), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_line_summit_is_least_squares(seed):
    x, y = dataset("line", seed, n=int(np.random.default_rng(seed).integers(2, 300)))
    want = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    s = ModelSurface("line", x, y)
    px, py, pv = s.peak()
    xmin, xmax, ymin, ymax = s.domain
    assert xmin < want[0] < xmax and ymin < want[1] < ymax
    assert abs(px - want[0]) < 1e-9 * max(1, abs(want[0])) and abs(py - want[1]) < 1e-9 * max(1, abs(want[1]))
    assert -pv == pytest.approx(np.mean((want[0] * x + want[1] - y) ** 2), rel=1e-10)
    assert s.classify(px, py) == "maximum"


def reference_optimum(kind, x, y, s):
    """An independent optimiser: the best point of a dense numpy grid, then mpmath.findroot on the mpmath gradient."""
    f = mp_loss(kind, x, y)
    xmin, xmax, ymin, ymax = s.domain
    ps, qs = np.linspace(xmin, xmax, 301), np.linspace(ymin, ymax, 301)
    P, Q = np.meshgrid(ps, qs)
    if kind == "neuron":
        r = 1 / (1 + np.exp(-(P[..., None] * x + Q[..., None]))) - y
    else:
        r = P[..., None] * np.exp(-Q[..., None] * x) - y
    z = -np.mean(r * r, axis=-1)
    i = np.unravel_index(np.argmax(z), z.shape)
    grad = [lambda p, q: mp.diff(f, (p, q), (1, 0)), lambda p, q: mp.diff(f, (p, q), (0, 1))]
    root = mp.findroot(grad, (mp.mpf(float(P[i])), mp.mpf(float(Q[i]))))
    return float(root[0]), float(root[1])


@pytest.mark.parametrize("kind", ["neuron", "exp"])
@pytest.mark.parametrize("seed", [1, 7, 19])
def test_nonlinear_summit_matches_independent_optimiser(kind, seed):
    x, y = dataset(kind, seed)
    s = ModelSurface(kind, x, y)
    want = reference_optimum(kind, x, y, s)
    xmin, xmax, ymin, ymax = s.domain
    assert xmin < want[0] < xmax and ymin < want[1] < ymax  # the summit is inside the chosen map
    px, py, _ = s.peak()
    assert abs(px - want[0]) < 1e-6 and abs(py - want[1]) < 1e-6
    # off centre, not on the edge: at least 10 % of the map from every side
    assert min(px - xmin, xmax - px) > 0.1 * (xmax - xmin) and min(py - ymin, ymax - py) > 0.1 * (ymax - ymin)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["line", "neuron", "exp"]), st.integers(0, 10_000), st.integers(2, 60))
def test_any_data_set_gives_a_playable_surface(kind, seed, n):
    x, y = dataset(kind, seed, n)
    if np.ptp(x) == 0:
        return
    s = ModelSurface(kind, x, y)
    px, py, pv = s.peak()
    xmin, xmax, ymin, ymax = s.domain
    assert xmin <= px <= xmax and ymin <= py <= ymax and np.isfinite(pv) and pv <= 0
    z = s.grid(np.linspace(xmin, xmax, 40), np.linspace(ymin, ymax, 30), np.float64)
    assert z.shape == (30, 40) and np.nanmax(z) <= pv + 1e-9 * max(1.0, abs(pv))


def test_large_data_map_is_close_and_exact_numbers_stay_exact():
    rng = np.random.default_rng(4)
    x = rng.uniform(-2, 3, 10_000)
    t = (rng.uniform(size=x.size) < 1 / (1 + np.exp(-(2 * x - 1)))).astype(float)
    s = ModelSurface("neuron", x, t)
    xs, ys = np.linspace(*s.domain[:2], 320), np.linspace(*s.domain[2:], 200)
    z = s.grid(xs, ys, np.float64)
    exact = s(xs[None, ::40], ys[::40, None])
    lo, hi = s.band_limits()
    assert np.max(np.abs(z[::40, ::40] - exact)) < 0.01 * (hi - lo)  # well inside one of 12–16 bands
    assert s.value_at(0.5, 0.1) == pytest.approx(-np.mean((1 / (1 + np.exp(-(0.5 * x + 0.1))) - t) ** 2), rel=1e-12)


def level_file(tmp_path, surface: dict) -> str:
    raw = {"id": "test-fit", "title": {"en": "T"}, "intro": {"en": "I"}, "module": "chain rule", "surface": surface,
           "start": None, "probes": 12, "par": 8, "tolerance": 0.02, "taylor": 2, "overlays": ["arrows"]}
    path = tmp_path / "01-test-fit.json"
    path.write_text(json.dumps(raw))
    return str(path)


def test_level_kinds(tmp_path):
    x, y = dataset("neuron", 2, 30)
    level = load_level(level_file(tmp_path, {"kind": "neuron", "data": [[a, b] for a, b in zip(x, y)]}))
    assert level.surface.kind == "neuron" and level.surface.params == ("w", "b")
    x, y = dataset("exp", 2, 30)
    level = load_level(level_file(tmp_path, {"kind": "exp", "data": [[a, b] for a, b in zip(x, y)],
                                             "domain": [0, 5, 0, 2]}))
    assert level.surface.kind == "exp" and level.surface.domain == (0, 5, 0, 2)
    for surface, field in (({"kind": "neuron", "data": [[1, 0]]}, "surface.data"),
                           ({"kind": "exp", "data": [[1, 0], [1, 2]]}, "surface.data"),
                           ({"kind": "exp", "data": [[0, 1], [1, "a"]]}, "surface.data"),
                           ({"kind": "neuron", "data": [[0, 1], [1, 0]], "domain": [1, 0, 0, 1]}, "surface.domain"),
                           ({"kind": "neuron", "data": [[0, 1], [1, 0]], "expression": "x"}, "surface.expression"),
                           ({"kind": "cubic", "data": [[0, 1], [1, 0]]}, "surface.kind")):
        with pytest.raises(LevelError) as err:
            load_level(level_file(tmp_path, surface))
        assert f": {field}: " in str(err.value)


@pytest.mark.parametrize("kind", ["line", "neuron", "exp"])
def test_teaching_finite_differences_work_on_model_surfaces(kind):
    from surfaces import calculus

    x, y = dataset(kind, 12)
    s = ModelSurface(kind, x, y)
    p, q = s.peak()[0] * 0.9, s.peak()[1] * 1.1
    exact = s.gradient(p, q)
    for method, tol in (("complex", 1e-12), ("central", 1e-6)):
        got = calculus.gradient(s, p, q, method=method)
        assert np.allclose(got, exact, rtol=tol, atol=tol * (1 + np.abs(exact).max())), method
    assert np.allclose(calculus.hessian(s, p, q), s.hessian(p, q), rtol=1e-4, atol=1e-4 * np.abs(s.hessian(p, q)).max())
