"""The Sandpit's terrain kinds: a known global peak on many seeds, exact derivatives, pinned values, class codes
that name a kind, level files that use one, and the lesson each built-in one is made for."""

from __future__ import annotations

import json
import random
import re

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import surfaces
from reference import brute_force_peak
from surfaces import calculus, terrains
from surfaces.level import level_problems
from surfaces.seeds import check_character, display_code

KINDS = terrains.KINDS
ALIGNED = ("fourier", "lattice", "rocks")  # every term crests at p*: f(p*) is the sum of the amplitudes
SX, SY = sp.symbols("x y")


def seeds(kind: str, count: int, start: int = 0) -> list[str]:
    return [terrains.PREFIX_OF[kind] + str(5000 + 37 * i) for i in range(start, start + count)]


def amplitude_sum(text: str) -> float:
    """The sum of the top-level terms' leading coefficients ("3.918*exp(…) + 0.101*cos(…) + …")."""
    depth, terms, current = 0, [], ""
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch == "+":
            terms.append(current)
            current = ""
        else:
            current += ch
    terms.append(current)
    return sum(float(re.match(r"\s*([0-9.]+)\*", term).group(1)) for term in terms)


def check_known_peak(kind: str, seed: str) -> None:
    s = terrains.terrain(kind, seed)
    text, point = terrains.construction(kind, seed)
    kx, ky, kv = terrains.known_peak(s, point)
    if kind in ALIGNED:
        assert (kx, ky) == point and kv == pytest.approx(amplitude_sum(text), abs=1e-12)
    else:  # the other hill's tail nudges the top by less than a fine step
        assert np.hypot(kx - point[0], ky - point[1]) < 0.015
    assert np.hypot(*s.gradient(kx, ky)) < 1e-9 and s.classify(kx, ky) == "maximum"
    bx, by, bv = brute_force_peak(s)  # 1201 × 1201 grid: nothing higher, the highest grid point beside it
    assert bv <= kv + 1e-12 and np.hypot(bx - kx, by - ky) < 0.01
    x, y, v = s.peak()  # the map's own search agrees
    assert np.hypot(x - kx, y - ky) < 1e-6 and v == pytest.approx(kv, abs=1e-9)
    zmin, zmax = s.value_range()
    assert -9.5 <= zmin < zmax <= 9.5
    others = [m[2] for m in s.local_maxima()[1:]] + [m[2] for m in s.edge_maxima()]
    assert not others or kv - max(others) >= 0.9 * terrains.MARGIN[kind] * (zmax - zmin)


@pytest.mark.parametrize("kind", KINDS)
def test_the_known_peak_is_the_global_peak_on_many_seeds(kind):
    for seed in seeds(kind, 6):
        check_known_peak(kind, seed)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_the_known_peak_is_the_global_peak_on_hundreds_of_seeds(kind):
    for seed in seeds(kind, 60, start=6):
        check_known_peak(kind, seed)


def reference_derivatives(text: str, x: float, y: float) -> list[float]:
    """fx, fy, fxx, fxy, fyy of the expression text by sympy, evaluated with mpmath at 40 digits."""
    expr = sp.sympify(text.replace("^", "**"), locals={"x": SX, "y": SY})
    first = [sp.diff(expr, v) for v in (SX, SY)]
    second = [sp.diff(first[0], SX), sp.diff(first[0], SY), sp.diff(first[1], SY)]
    with mpmath.workdps(40):
        return [float(sp.lambdify((SX, SY), d, "mpmath")(mpmath.mpf(x), mpmath.mpf(y))) for d in first + second]


@pytest.mark.parametrize("kind", KINDS)
def test_derivatives_are_exact(kind):
    seed = seeds(kind, 1, start=90)[0]
    s = terrains.terrain(kind, seed)
    text = terrains.construction(kind, seed)[0]
    rng = random.Random(kind)
    for _ in range(4):
        x, y = rng.uniform(-3, 3), rng.uniform(-3, 3)
        (fx, fy), h = s.gradient(x, y), s.hessian(x, y)
        ref = reference_derivatives(text, x, y)
        got = [fx, fy, h[0, 0], h[0, 1], h[1, 1]]
        scale = max(1.0, max(abs(r) for r in ref))
        assert np.allclose(got, ref, rtol=1e-10, atol=1e-10 * scale), (kind, x, y)


PINNED = {  # the expression's start and f at (0.5, -0.25): the same on every machine and in the browser
    "bowl": ("5.815 - 0.269*((x - 0.016)^2 + 0.743*(y + 0.418)^2) + 0.908*exp(", 5.746344089792),
    "lattice": ("1.000*cos(2.076*(x + 0.785) + 2.783*(y + 0.873)) + 1.000*cos(-2.783*", 1.1986078054247),
    "rocks": ("3.918*exp(-((x + 0.097)^2 + (y - 0.131)^2)/2.931) + 0.101*cos(8.961*(x + 0.097) + 1.429*", 3.5824530639420065),
    "fourier": ("0.347*cos(2.005*(x - 1.316) + 2.453*(y + 1.063))", 0.5585428973715096),
    "spire": ("3.917*exp(-(sqrt((x - 1.478)^2 + (y + 0.897)^2 + 0.0025) - 0.05)/0.365)", 1.3346061191351541),
}
PINNED_SEEDS = {"bowl": "BOWL7777", "lattice": "GRID7777", "rocks": "ROCK4821", "fourier": "WAVE1001",
                "spire": "PIKE3141"}


@pytest.mark.parametrize("kind", KINDS)
def test_pinned_terrain_text(kind):
    text = terrains.construction(kind, PINNED_SEEDS[kind])[0]
    start, value = PINNED[kind]
    assert text.startswith(start)
    assert terrains.terrain(kind, PINNED_SEEDS[kind]).value_at(0.5, -0.25) == pytest.approx(value, rel=1e-13)
    assert terrains.terrain(kind, PINNED_SEEDS[kind]) is not terrains.terrain(kind, PINNED_SEEDS[kind], name="other")


# --- class codes --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_a_class_code_names_its_kind_and_equals_the_level_seed(kind):
    body = PINNED_SEEDS[kind]
    code = display_code(body + check_character(body))
    s = surfaces.from_seed(code.lower().replace("-", " "))
    assert s.name == code and s.expression == terrains.terrain(kind, body).expression
    assert surfaces.from_seed(code).expression != surfaces.from_seed("PEAK-4821-B").expression


@pytest.mark.parametrize("kind", KINDS)
def test_new_code_of_a_kind(kind):
    code = surfaces.new_code(random.Random(3), kind=kind)
    assert code.startswith(terrains.PREFIX_OF[kind] + "-") and surfaces.normalize_code(code) == code
    assert terrains.kind_of(code.replace("-", "")) == kind
    typo = code[:5] + ("2" if code[5] != "2" else "3") + code[6:]
    with pytest.raises(ValueError, match="mistyped"):
        surfaces.from_seed(typo)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2 ** 64))
def test_plain_new_codes_never_name_a_kind(seed):
    assert terrains.kind_of(surfaces.new_code(random.Random(seed)).replace("-", "")) is None


def test_codes_without_a_kind_prefix_keep_their_hills():
    assert terrains.kind_of("PEAK4821B") is None and terrains.kind_of("ROC") is None
    assert surfaces.from_seed("PEAK-4821-B").expression.startswith("6.546*exp(")


# --- level files ---------------------------------------------------------------------------------------------------
def write(tmp_path, surface, **changes) -> str:
    raw = json.loads((terrains_level := next(surfaces.level.LEVEL_DIR.glob("14-*.json"))).read_text(encoding="utf-8"))
    assert terrains_level.name == "14-rocky-hill.json"
    raw.update(id="my-rocks", surface=surface, **changes)
    path = tmp_path / "my-rocks.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return str(path)


def test_a_level_file_may_name_a_kind_and_a_seed(tmp_path):
    for seed in ("4821", 4821):
        level = surfaces.load_level(write(tmp_path, {"kind": "rocks", "seed": seed}))
        assert level.surface.expression == surfaces.level_by_id("rocky-hill").surface.expression
        assert level.surface.domain == terrains.DOMAIN


@pytest.mark.parametrize(("surface", "changes", "needle"), [
    ({"kind": "rocks"}, {}, "surface.seed: expected 1 to 19 letters or digits"),
    ({"kind": "rocks", "seed": "48-21"}, {}, "surface.seed"),
    ({"kind": "rocks", "seed": "A" * 20}, {}, "surface.seed"),
    ({"kind": "rocks", "seed": -1}, {}, "surface.seed"),
    ({"kind": "rocks", "seed": True}, {}, "surface.seed"),
    ({"kind": "rocks", "seed": "1", "domain": [-1, 1, -1, 1]}, {}, "surface.domain: unknown key for a rocks surface"),
    ({"kind": "volcano", "seed": "1"}, {}, "unknown kind 'volcano'; use one of 'regression', 'neuron', 'exp', 'bowl', 'fourier'"),
    ({"kind": "spire", "seed": "1"}, {"start": [3.5, 0]}, "start: (3.5, 0) lies outside the domain"),
])
def test_bad_terrain_surfaces_are_named(tmp_path, surface, changes, needle):
    problems = level_problems(write(tmp_path, surface, **changes))
    assert any(needle in p for p in problems), problems


# --- the lessons of the built-in levels ------------------------------------------------------------------------------
def lattice_stationary(s) -> list[tuple[float, float]]:
    """Stationary points found by Newton's method from a grid of starts (an independent search)."""
    found = []
    for x0 in np.linspace(-2, 2, 9):
        for y0 in np.linspace(-2, 2, 9):
            p = np.array([x0, y0])
            for _ in range(40):
                p = p - np.linalg.solve(s.hessian(*p), s.gradient(*p))
                if np.abs(p).max() > 3:
                    break
            if np.abs(p).max() <= 3 and np.hypot(*s.gradient(*p)) < 1e-9:
                found.append((float(p[0]), float(p[1])))
    return found


def test_the_built_in_terrain_levels_teach_their_lessons():
    by_id = {level.id: level for level in surfaces.builtin_levels()}
    assert [by_id[i].surface.domain for i in ("bowl-bump", "rocky-hill")] == [terrains.DOMAIN] * 2
    assert len(by_id["bowl-bump"].surface.local_maxima()) == 2  # the dome's top and the bump's
    assert len(by_id["wave-field"].surface.local_maxima()) >= 4
    lattice = by_id["peak-lattice"].surface
    assert len(lattice.local_maxima()) >= 9
    x, y, _ = lattice.peak()
    assert abs(lattice.hessian(x + 0.4, y)[0, 1]) > 0.5  # turned: the waves mix x and y (fxy is not zero)
    kinds = {lattice.classify(*p, tol=1e-3) for p in (lattice.peak()[:2],)}
    kinds |= {lattice.classify(*saddle, tol=1e-3) for saddle in lattice_stationary(lattice)}
    assert {"maximum", "saddle", "minimum"} <= kinds


def test_on_the_rocks_the_gradient_points_at_a_rock_and_a_long_rise_over_run_at_the_hill():
    s = surfaces.level_by_id("rocky-hill").surface
    px, py, _ = s.peak()
    rng = np.random.default_rng(1)
    exact = long = count = 0
    for _ in range(200):
        r, a = rng.uniform(0.8, 2.0), rng.uniform(0, 2 * np.pi)
        x, y = px + r * np.cos(a), py + r * np.sin(a)
        if abs(x) > 3 or abs(y) > 3:
            continue
        uphill = np.array([px - x, py - y]) / r
        count += 1
        g, gh = s.gradient(x, y), calculus.gradient(s, x, y, "central", h=0.5)
        exact += g @ uphill < np.cos(np.pi / 4) * np.linalg.norm(g)
        long += gh @ uphill < np.cos(np.pi / 4) * np.linalg.norm(gh)
    assert exact >= 0.2 * count and long <= 0.05 * count
    assert len(s.local_maxima()) >= 30


def test_the_spire_keeps_its_slope_to_the_tip_and_its_flanks_curve_up():
    s = surfaces.level_by_id("spire").surface
    x, y, _ = s.peak()
    slope = [np.hypot(*s.gradient(x + d, y)) for d in (0.1, 0.3, 0.6)]
    assert slope[0] > slope[1] > slope[2]  # steepest next to the tip, unlike a smooth hill
    for d in (0.3, 0.6):
        assert np.linalg.eigvalsh(s.hessian(x + d, y))[1] > 0  # one direction curves up: Newton does not aim at the top
    decoy = s.local_maxima()[1]
    assert np.hypot(decoy[0] - x, decoy[1] - y) > 1.5


# --- through the command line ----------------------------------------------------------------------------------------
TERRAIN_LEVELS = {"bowl-bump": "bowl", "peak-lattice": "lattice", "rocky-hill": "rocks", "wave-field": "fourier",
                  "spire": "spire"}


@pytest.mark.parametrize("level_id", sorted(TERRAIN_LEVELS))
def test_each_terrain_level_plays_headless_with_newton(capsys, display, data_dir, level_id):
    from game import cli

    assert cli.main(["--headless", "--level", level_id, "--autoplay", "newton"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert err == "" and data["level"] == level_id and data["verdict"] in ("global", "local")
    raw = json.loads(next(surfaces.level.LEVEL_DIR.glob(f"*-{level_id}.json")).read_text(encoding="utf-8"))
    kind = TERRAIN_LEVELS[level_id]
    body = terrains.PREFIX_OF[kind] + raw["surface"]["seed"]
    kx, ky, kv = terrains.known_peak(terrains.terrain(kind, body), terrains.construction(kind, body)[1])
    assert (data["peak"]["x"], data["peak"]["y"], data["peak"]["value"]) == pytest.approx((kx, ky, kv), abs=2e-6)


def test_a_kind_code_plays_headless(capsys, display, data_dir):
    from game import cli

    assert cli.main(["--headless", "--seed", "rock 4821 f", "--autoplay", "gradient"]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "ROCK-4821-F"
