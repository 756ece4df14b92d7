"""surfaces.unbounded / band_limits: surfaces without a finite maximum on their map, and the map's robust bands."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import surfaces
from surfaces import bounded

POLES = ["tan(x)", "1/x", "1/(x*y)", "tan(x*pi/2)", "1/(3-x)", "1/((x-0.3)^2+(y-1)^2)", "-log(x)", "x/y", "1/x^2",
         "-log(x-0.3051)", "1/(x+y-0.0037)", "1/sqrt(x-0.3051)", "-1/(x-0.3051)", "2/(x-2.9999999)", "max(1/x, 5)"]
OVERFLOWS = ["exp(exp(exp(x)))", "exp(1000*x)", "exp(x)^1000"]
ORDINARY = ["100*exp(-100*(x^2+y^2))", "100*exp(-10000*(x^2+y^2))", "x+y", "0.3*x+0.2*y", "exp(x)", "-x^2",
            "-abs(x)-abs(y)", "max(x,y)", "min(x,y)", "sqrt(9-x^2-y^2)", "x^2-y^2", "log(x)", "-1/x^2", "atan(1/x)",
            "sin(1/x)", "-sqrt(abs(x-0.1234))", "-abs(x-0.1234)^0.25", "x - sqrt(x^2-1)", "1e12 - x^2 - y^2",
            "sin(1000*x)", "x*log(abs(x))", "exp(-1/x^2)", "1/(3.5-x)", "2", "-abs(x)^0.1"]


@pytest.mark.parametrize("text", POLES)
def test_poles_are_flagged_where_they_are(text):
    s = surfaces.from_expression(text)
    record = surfaces.unbounded(s)
    assert isinstance(record, surfaces.Unbounded) and record.kind == "pole"
    xmin, xmax, ymin, ymax = s.domain
    assert xmin <= record.x <= xmax and ymin <= record.y <= ymax


def test_the_place_named_is_the_pole():
    r = surfaces.from_expression("1/((x-0.3)^2+(y-1)^2)").unbounded()
    assert (r.x, r.y) == pytest.approx((0.3, 1.0), abs=1e-6)
    assert surfaces.from_expression("1/(3-x)").unbounded().x == pytest.approx(3.0, abs=1e-6)
    assert surfaces.from_expression("tan(x)").unbounded().x == pytest.approx(math.pi / 2, abs=1e-6)


@pytest.mark.parametrize("text", OVERFLOWS)
def test_overflow_is_flagged(text):
    record = surfaces.from_expression(text).unbounded()
    assert record is not None and record.kind == "overflow"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_surfaces_are_not_flagged_and_keep_their_bands(text):
    s = surfaces.from_expression(text)
    assert surfaces.unbounded(s) is None
    if text in PITS:  # a pole pointing down: the lower fence, up to the summit
        lo, hi = surfaces.band_limits(s)
        assert s.value_range()[0] < lo < hi == s.value_range()[1]
    else:
        assert surfaces.band_limits(s) == s.value_range()  # identical: ordinary maps render exactly as before


PITS = ("-1/x^2", "log(x)")  # poles pointing down: fenced off below


def test_no_builtin_level_is_flagged():
    for level in surfaces.builtin_levels():
        assert level.surface.unbounded() is None, level.id
        assert level.surface.band_limits() == level.surface.value_range(), level.id


@pytest.mark.parametrize("code", ["PEAK-4821-B", "CLASS7C", "ZZZZO", "Q1W2E39", "MAPLE12P"])
def test_class_code_terrain_is_not_flagged(code):
    s = surfaces.from_seed(code)
    assert s.unbounded() is None and s.band_limits() == s.value_range()


def test_band_limits_are_robust_for_poles():
    s = surfaces.from_expression("1/x")
    lo, hi = s.band_limits()
    assert -10 < lo < -1 and 1 < hi < 10 and lo == pytest.approx(-hi)
    assert s.value_range()[1] > 1e10  # the value range itself is unchanged (another part of the game reads it)
    lo, hi = surfaces.from_expression("1/(3-x)").band_limits()
    assert lo == pytest.approx(1 / 6) and 1 < hi < 3  # kept within the lowest finite height
    lo, hi = surfaces.from_expression("exp(exp(exp(x)))").band_limits()
    assert math.isfinite(lo) and math.isfinite(hi) and lo < hi < 1e6


def test_the_record_is_cached_and_frozen():
    s = surfaces.from_expression("1/x")
    r = s.unbounded()
    assert s.unbounded() is r
    with pytest.raises(AttributeError):
        r.x = 0.0  # type: ignore[misc]


def test_fences_fall_back_when_most_of_the_map_is_flat():
    flat = np.concatenate([np.zeros(900), np.linspace(1, 100, 100)])
    lo, hi = bounded.fences(flat)
    assert lo == 0.0 and hi > 0.0
    assert bounded.fences(np.zeros(10)) == (0.0, 0.0)  # all one height: the map's caller widens it
    assert bounded.fences(np.array([])) is None


@pytest.mark.parametrize("text,domain", [
    ("log(-1-x^2)", (-3, 3, -3, 3)),          # defined nowhere
    ("exp(1000+x^2)", (-3, 3, -3, 3)),        # +inf everywhere
    ("1/x", (-1e-6, 1e-6, -1e-6, 1e-6)),      # a tiny map around a pole
    ("x+y", (1.0, 1.0000011, 1.0, 1.0000011)),  # a tiny ordinary map
    ("1/x", (0.5, 1e6, -1e6, 1e6)),           # a huge map without the pole: ordinary
])
def test_bad_input_never_crashes(text, domain):
    s = surfaces.from_expression(text, domain=domain)
    record = s.unbounded()
    lo, hi = s.band_limits()
    assert record is None or record.kind in ("pole", "overflow")
    assert (math.isnan(lo) and math.isnan(hi)) or lo <= hi


def test_everywhere_infinite_is_overflow_and_a_tiny_pole_map_is_a_pole():
    assert surfaces.from_expression("exp(1000+x^2)").unbounded().kind == "overflow"
    assert surfaces.from_expression("1/x", domain=(-1e-6, 1e-6, -1e-6, 1e-6)).unbounded().kind == "pole"
    assert surfaces.from_expression("1/x", domain=(0.5, 1e6, -1e6, 1e6)).unbounded() is None


def test_the_zoom_rule_on_its_own():
    """Rule 2 alone (no +inf on the grid): a pole between grid points, a summit, an edge maximum."""
    pole = surfaces.from_expression("1/((x-0.3051)^2+(y-1.0049)^2)")
    assert bounded.keeps_rising(pole, 0.3051, 1.0049 + 1e-13)[0]
    hill = surfaces.from_expression("exp(-(x^2+y^2))")
    assert not bounded.keeps_rising(hill, 0.0, 0.0)[0]
    edge = surfaces.from_expression("exp(x)")
    assert not bounded.keeps_rising(edge, 3.0, 0.5)[0]
    assert not bounded.keeps_rising(hill, 50.0, 50.0)[0]  # every point off the map


def test_analysis_cost_stays_small():
    """The check adds little to the peak analysis it shares its grid with (measured ~1 ms; the bound is loose)."""
    cost = []
    for text in ("3*exp(-((x-1)^2 + y^2)) - 0.2*x", "1/x"):
        s = surfaces.from_expression(text)
        from surfaces.optimize import find_maxima
        z, m = find_maxima(s)
        start = time.perf_counter()
        bounded.assess(s, z, tuple(m[0]))
        cost.append(time.perf_counter() - start)
    assert max(cost) < 0.1


# --- properties ------------------------------------------------------------------------------------------------
coord = st.floats(-2.5, 2.5, allow_nan=False)


@st.composite
def gaussian_sums(draw):
    """Sums of 1-4 Gaussian hills/pits of any width from 0.05 to 2, with a gentle tilt."""
    terms = []
    for _ in range(draw(st.integers(1, 4))):
        a = draw(st.floats(-5, 8).filter(lambda v: abs(v) > 0.05))
        w = draw(st.floats(0.05, 2.0))
        terms.append(f"{a:.4f}*exp(-((x-{draw(coord):.4f})^2+(y-{draw(coord):.4f})^2)/{w * w:.6f})")
    tilt = f"{draw(st.floats(-0.5, 0.5)):.3f}*x+{draw(st.floats(-0.5, 0.5)):.3f}*y"
    return " + ".join(terms) + " + " + tilt


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(gaussian_sums())
def test_gaussian_sums_are_never_flagged(text):
    s = surfaces.from_expression(text)
    assert s.unbounded() is None, text
    assert s.band_limits() == s.value_range()


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(a=coord, b=coord, c=st.floats(0.01, 100), power=st.sampled_from([1, 2, 3]), background=gaussian_sums())
def test_point_poles_are_always_flagged(a, b, c, power, background):
    s = surfaces.from_expression(f"{c!r}/((x-{a!r})^2+(y-{b!r})^2)^{power} + {background}")
    record = s.unbounded()
    assert record is not None and record.kind == "pole"
    assert math.hypot(record.x - a, record.y - b) < 1e-3


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(a=st.floats(-2.99, 2.99), c=st.floats(0.01, 100).flatmap(lambda v: st.sampled_from([v, -v])))
def test_line_poles_are_always_flagged(a, c):
    s = surfaces.from_expression(f"{c!r}/(x-{a!r})")
    record = s.unbounded()
    assert record is not None and record.kind == "pole"
    assert abs(record.x - a) < 1e-3


def test_a_few_poles_and_hills_in_the_quick_run():
    """The properties above, one example each, so the fast tier sees them fail too."""
    assert surfaces.from_expression("0.37/((x-1.234)^2+(y+0.567)^2) + 2*exp(-(x^2+y^2))").unbounded() is not None
    assert surfaces.from_expression("-3.3/(x-0.777)").unbounded() is not None
    assert surfaces.from_expression("2*exp(-((x-1)^2+y^2)/0.0025) + exp(-(x^2+(y-1)^2)) - 0.3*x").unbounded() is None


def test_grid_keeps_plus_infinity_only_when_asked():
    s = surfaces.from_expression("1/(3-x) - 1/(x+3)")  # +inf at x = 3, -inf at x = -3
    xs = np.array([-3.0, 0.0, 3.0])
    plain = s.grid(xs, np.array([0.0]), np.float64)
    kept = s.grid(xs, np.array([0.0]), np.float64, keep_inf=True)
    assert np.isnan(plain[0, 0]) and np.isnan(plain[0, 2])
    assert np.isnan(kept[0, 0]) and np.isposinf(kept[0, 2]) and kept[0, 1] == plain[0, 1]


def test_known_limit_a_slope_that_overflows_first():
    """Documented in surfaces/bounded.py: 1e300·tan(x) stops the optimiser before the pole (its slope is inf)."""
    assert surfaces.from_expression("1e300*tan(x)").unbounded() is None
    assert surfaces.from_expression("tan(x)").unbounded() is not None
