"""The rules model on hand-built surfaces with hand-computed numbers: probes, ρ, steps, predictions, verdicts, score."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import surfaces
from game.core.levels import free_play_level
from game.core import model
from game.core.model import Game, stars_for
from test_model_support import FakeLevel, FakeSurface, linear, quadratic, two_hills


def points(game: Game) -> dict[str, int]:
    return dict(game.score().items)


# --- probes, Taylor and the gain ratio ----------------------------------------------------------------------
def test_first_probe_reports_value_gradients_and_hessian():
    game = Game(quadratic(start=(0.0, 1.0)))
    probe = game.probe(0.0, 1.0)
    assert (probe.x, probe.y, probe.value) == (0.0, 1.0, 0.0)
    assert probe.exact_gradient == (2.0, -4.0)
    assert probe.gradient == pytest.approx((2.0, -4.0), abs=1e-7)  # central differences, what the player sees
    assert probe.hessian == ((-2.0, 0.0), (0.0, -4.0))
    assert probe.grad_norm == pytest.approx(math.sqrt(20), abs=1e-7)
    assert probe.step == "first" and probe.rho is None and probe.predicted1 is None and probe.predicted2 is None
    assert probe.defined and probe.gradient_defined and not probe.wasted
    assert game.probes_left == 9


def test_first_probe_goes_to_the_level_start():
    game = Game(quadratic(start=(0.0, 1.0)))
    assert game.forced_start == (0.0, 1.0)
    probe = game.probe(2.5, -2.5)
    assert (probe.x, probe.y) == (0.0, 1.0)
    assert game.forced_start is None
    assert (game.probe(2.5, -2.5).x, game.last.y) == (2.5, -2.5)


def test_free_start_uses_the_players_point():
    game = Game(quadratic())
    assert game.forced_start is None
    assert (game.probe(-1.0, 2.0).x, game.last.y) == (-1.0, 2.0)


def test_preview_is_the_taylor_polynomial_of_the_last_probe():
    game = Game(quadratic(start=(0.0, 1.0)))
    empty = game.preview(0.5, 0.5)
    assert empty.order1 is None and empty.order2 is None and empty.base is None
    game.probe(0, 1)
    preview = game.preview(0.5, 0.5)
    # f0 = 0, g = (2, −4), d = (0.5, −0.5): order 1 = 1 + 2 = 3; ½ dᵀHd = ½(−2·0.25 − 4·0.25) = −0.75
    assert preview.order1 == pytest.approx(3.0)
    assert preview.order2 == pytest.approx(2.25)
    assert preview.best == pytest.approx(2.25)
    assert preview.base is game.last


def test_preview_has_no_second_order_on_taylor_1_levels():
    game = Game(quadratic(start=(0.0, 1.0), taylor=1))
    game.probe(0, 1)
    preview = game.preview(0.5, 0.5)
    assert preview.order1 == pytest.approx(3.0) and preview.order2 is None and preview.best == pytest.approx(3.0)


def test_gain_ratio_on_a_quadratic_is_exactly_known():
    game = Game(quadratic(start=(0.0, 1.0), taylor=1))
    game.probe(0, 1)
    probe = game.probe(0.5, 0.5)
    # f = 3 − 0.25 − 0.5 = 2.25; L − f_prev = 3  =>  ρ = 0.75, the lower edge of "trusted"
    assert probe.value == pytest.approx(2.25)
    assert probe.predicted1 == pytest.approx(3.0) and probe.predicted2 is None
    assert probe.rho == pytest.approx(0.75) and probe.step == "trusted"
    assert probe.gain == pytest.approx(2.25)


def test_gain_ratio_is_judged_against_the_model_the_level_teaches():
    """On a T₂ level ρ compares the gain with T₂: on a quadratic T₂ is exact, so a Newton step is trusted (ρ = 1)."""
    game = Game(quadratic(start=(0.0, 1.0)))  # taylor = 2
    game.probe(0, 1)
    newton = game.probe(1.0, 0.0)  # −H⁻¹∇f from (0, 1): (2/2, −4/4) → lands on the top exactly
    assert newton.predicted1 == pytest.approx(6.0) and newton.predicted2 == pytest.approx(3.0)
    assert newton.rho == pytest.approx(1.0) and newton.step == "trusted"


@pytest.mark.parametrize(
    ("target", "rho", "step"),
    [
        ((0.2, -1.1), -0.06 / 8.8, "overshoot"),  # d = (0.2, −2.1), |d| 2.11: g·d = 8.8, f = −0.06: ρ < 0
        ((1.2, -0.6), 2.24 / 8.8, "long"),  # g·d = 2.4 + 6.4 = 8.8, f = 3 − 0.04 − 0.72 = 2.24
        ((3.0, -2.0), -0.5, "overshoot"),  # |d| = 4.24: far, but this level does not ask for exploring
        ((0.25, 0.75), 1 - 0.5 * 0.375 / 1.5, "trusted"),  # ρ = 1 + ½dᵀHd / g·d = 1 − 0.1875/1.5 = 0.875
        ((-1.0, 1.5), 5.5 / 4, "downhill"),  # g·d = −2 − 2 = −4, f = −5.5: a step against the gradient
        ((0.2, 1.1), None, "flat"),  # d ⟂ g: the tangent plane predicts no change
    ],
)
def test_step_kinds_on_the_quadratic(target, rho, step):
    game = Game(quadratic(start=(0.0, 1.0), taylor=1))
    game.probe(0, 1)
    probe = game.probe(*target)
    assert probe.step == step
    assert probe.rho == (None if rho is None else pytest.approx(rho))


def test_short_step_where_the_surface_bends_up():
    surface = FakeSurface("x**2 + y", peak=(3.0, 3.0, 12.0), value_range=(-3.0, 12.0))
    game = Game(FakeLevel(surface, start=(1.0, 0.0), taylor=1))
    game.probe(1, 0)
    probe = game.probe(2, 0)  # gain 3, tangent plane promised 2
    assert probe.rho == pytest.approx(1.5) and probe.step == "short"


def test_a_step_that_gains_where_the_model_foresaw_a_drop_is_a_jump_not_downhill():
    surface = FakeSurface("x**2 + y", peak=(3.0, 3.0, 12.0), value_range=(-3.0, 12.0))
    game = Game(FakeLevel(surface, start=(1.0, 0.0), taylor=1))
    game.probe(1, 0)
    probe = game.probe(-1.5, 0.5)  # g·d = 2·(−2.5) + 0.5 = −4.5 (a drop foreseen), f = 2.75: gain 1.75
    assert probe.step == "jump" and probe.gain == pytest.approx(1.75)
    assert game.score().points("overshoots") == 0 and game.score().points("trusted") == 0


def test_far_jumps_are_explore_only_on_levels_that_ask_for_exploring():
    for explore, step in ((True, "explore"), (False, "overshoot")):
        game = Game(quadratic(start=(0.0, 1.0), taylor=1, explore=explore))
        game.probe(0, 1)
        assert game.probe(3.0, -2.0).step == step  # |d| = 4.24, beyond a quarter of the diagonal (2.12)
        assert game.score().points("overshoots") == (0 if explore else -25)


def test_a_far_exploring_probe_that_comes_true_is_still_trusted():
    game = Game(linear(explore=True))  # a plane: T₁ is exact at any distance
    game.probe(0.0, 0.0)
    assert game.probe(1.0, 1.0).step == "trusted"  # |d| = 1.41, beyond a quarter of the diagonal


def test_gain_ratio_is_one_on_a_linear_surface():
    game = Game(linear())
    game.probe(0.1, 0.1)
    probe = game.probe(0.6, 0.3)
    assert probe.rho == pytest.approx(1.0, abs=1e-12) and probe.step == "trusted"


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=2, max_size=8))
def test_property_gain_ratio_is_one_wherever_the_plane_predicts_a_change(points_):
    game = Game(linear(probes=20))
    for x, y in points_:
        probe = game.probe(x, y)
        if probe.rho is not None:
            assert probe.rho == pytest.approx(1.0, abs=1e-6)
            assert probe.step in ("trusted", "downhill")
        else:
            assert probe.step in ("first", "flat", "repeat")


# --- predictions ---------------------------------------------------------------------------------------------
def test_a_guess_is_graded_by_its_error_against_the_height_change():
    game = Game(quadratic(start=(0.0, 1.0)))
    game.probe(0, 1)  # f = 0
    game.predict(2.3)  # the truth at (0.5, 0.5) is 2.25: the change is 2.25, the error 0.05 ≤ 10 % of it
    assert game.guess == 2.3
    probe = game.probe(0.5, 0.5)
    assert probe.guess == 2.3 and probe.guess_grade == "spot" and probe.guess_points == 30
    assert game.guess is None  # cleared by the probe
    game.predict(2.25 + 0.5)  # at (1, 0) the truth is 3: change 0.75, error 0.25 = 33 % of it: off
    probe = game.probe(1.0, 0.0)
    assert probe.guess_grade == "off" and probe.guess_points == -10
    assert points(game)["predictions"] == 20


@pytest.mark.parametrize(("guess", "grade", "earned"), [(1.25, "close", 10), (1.375, "off", -10),
                                                       (0.9375, "spot", 30), (0.875, "close", 10)])
def test_guess_grades_at_their_borders(guess, grade, earned):
    game = Game(linear())  # f = 2x + y
    game.probe(0.0, 0.0)
    game.predict(guess)
    probe = game.probe(0.5, 0.0)  # the truth: 1, a change of 1 from 0
    assert (probe.guess_grade, probe.guess_points) == (grade, earned)


def test_a_guess_can_not_be_made_before_the_first_probe_or_without_probes_left():
    game = Game(quadratic(start=(0.0, 1.0), probes=2))
    assert not game.can_predict
    game.predict(0.0)  # nothing to predict from yet
    assert game.guess is None
    game.probe(0, 1)
    assert game.can_predict
    game.probe(0.5, 0.5)
    assert game.probes_left == 0 and not game.can_predict
    game.predict(1.0)
    assert game.guess is None


def test_a_repeated_probe_earns_nothing_for_its_guess_or_its_step():
    game = Game(quadratic(start=(0.0, 1.0)))
    game.probe(0, 1)
    game.predict(0.0)
    repeat = game.probe(0.0, 1.0)
    assert repeat.step == "repeat" and repeat.wasted and repeat.guess_points == 0 and repeat.rho is None
    assert points(game) == {"height": 1000 * 0, "probes_saved": 0, "trusted": 0, "predictions": 0,
                            "overshoots": 0, "wasted": -15, "summit": 0}


def test_non_finite_and_cleared_guesses():
    game = Game(quadratic())
    game.predict(float("nan"))
    assert game.guess is None
    game.predict(1.5)
    game.predict(None)
    assert game.guess is None


# --- undefined heights --------------------------------------------------------------------------------------
def log_level(**level) -> FakeLevel:
    surface = FakeSurface("log(x)", domain=(-1, 3, -1, 1), peak=(3.0, 0.0, math.log(3)),
                          value_range=(math.log(1e-3), math.log(3)))
    return FakeLevel(surface, **level)


def test_probe_where_the_height_is_undefined_spends_the_probe_without_nan_in_the_score():
    game = Game(log_level())
    probe = game.probe(-0.5, 0.0)
    assert probe is not None and not probe.defined and math.isnan(probe.value)
    assert probe.step == "undefined" and probe.wasted and probe.rho is None
    assert game.probes_left == 9
    score = game.score()
    assert isinstance(score.total, int) and score.total == 0
    assert game.preview(1.0, 0.0).order1 is None  # no defined probe to take a Taylor model from
    nxt = game.probe(1.0, 0.0)
    assert nxt.step == "first" and nxt.value == 0.0  # the first defined probe starts the climb
    after = game.probe(-0.25, 0.0)
    assert after.step == "undefined" and after.rho is None
    assert game.preview(2.0, 0.0).order1 == pytest.approx(1.0)  # Taylor from (1, 0): 0 + 1·1


def test_claim_on_an_undefined_point():
    game = Game(log_level())
    game.probe(-0.5, 0.0)
    verdict = game.claim()
    assert verdict.kind == "none" and verdict.reason == "undefined" and verdict.gradient_norm is None
    assert game.score().total == 0 and game.score().stars == 0


# --- budget, domain, claim ------------------------------------------------------------------------------------
def test_budget_exhaustion():
    game = Game(quadratic(probes=3))
    assert [game.probe(x, 0) is not None for x in (-2, -1, 0, 0.5)] == [True, True, True, False]
    assert game.probes_left == 0 and len(game.probes) == 3
    assert game.claim().kind in model.VERDICTS


def test_probe_outside_the_domain_is_refused_for_free():
    game = Game(quadratic())
    assert game.probe(3.5, 0) is None and game.probe(float("nan"), 0) is None
    assert game.probes_left == 10 and not game.in_domain(0, -3.01) and game.in_domain(3, -3)


def test_claim_needs_a_probe_and_ends_the_game():
    game = Game(quadratic())
    assert game.claim() is None and not game.finished
    game.probe(1, 0)
    verdict = game.claim()
    assert game.finished and game.verdict is verdict and game.claim() is verdict
    assert game.probe(0, 0) is None
    game.predict(1.0)
    assert game.guess is None


def test_reset():
    game = Game(quadratic())
    game.probe(1, 0)
    game.claim()
    game.reset()
    assert game.probes == [] and not game.finished and game.score().total == 0


# --- verdicts -----------------------------------------------------------------------------------------------
def test_global_verdict_within_tolerance_of_the_range():
    game = Game(quadratic())
    game.probe(1.5, 0.2)  # f = 3 − 0.25 − 0.08 = 2.67; tolerance 0.02 · (3 − (−31)) = 0.68
    verdict = game.claim()
    assert verdict.kind == "global" and verdict.tolerance == pytest.approx(0.68)
    assert verdict.height_gap == pytest.approx(0.33)
    assert verdict.distance_to_peak == pytest.approx(math.hypot(0.5, 0.2))
    assert verdict.peak == pytest.approx((1.0, 0.0, 3.0))  # tests/test_text_verdicts.py: the sentence


def test_not_a_summit_says_where_the_gradient_points():
    game = Game(quadratic())
    game.probe(2.0, 0.0)  # f = 2, gap 1 > 0.68; ∇f = (−2, 0): west
    verdict = game.claim()
    assert verdict.kind == "none" and verdict.reason == "climb" and verdict.direction == "west"
    assert verdict.slope == pytest.approx(2.0) and verdict.height_gap == pytest.approx(1.0)


def test_local_summit_near_a_lower_peak():
    game = Game(two_hills())
    game.probe(-1.45, 0.02)  # the lower top is ½ gᵢ²/|λᵢ| ≤ 0.0025 above: within the tolerance 0.04
    verdict = game.claim()
    assert verdict.kind == "local" and verdict.reason == "stationary" and verdict.point == "maximum"
    assert verdict.gradient_norm > 0 and verdict.peak[:2] == pytest.approx((1.5, 0.0))


def test_a_local_summit_and_a_saddle_use_the_same_standard():
    """Both sides of a symmetric saddle-and-hill: the same gradient and |curvature| give both or neither."""
    hill = FakeSurface("-(x**2 + y**2)", peak=(0.0, 0.0, 0.0), value_range=(-18.0, 0.0), maxima=[])
    saddle = FakeSurface("x**2 - y**2", peak=(3.0, 0.0, 9.0), value_range=(-9.0, 9.0), maxima=[])
    for offset, stationary in ((0.15, True), (0.16, False)):  # within one arrow step (0.15): r² ≤ 0.36 holds
        kinds = []
        for surface in (hill, saddle):
            game = Game(FakeLevel(surface, tolerance=0.02))
            game.probe(offset, 0.0)
            kinds.append(game.point_of(game.last))
        assert kinds == (["maximum", "saddle"] if stationary else ["not stationary", "not stationary"])


def test_local_summit_at_an_exact_stationary_maximum():
    surface = FakeSurface("-(x+1)**2 - y**2", peak=(3.0, 3.0, 5.0), value_range=(-25.0, 5.0), maxima=[],
                          kind="maximum")
    game = Game(FakeLevel(surface))
    game.probe(-1.0, 0.0)
    verdict = game.claim()
    assert verdict.kind == "local" and verdict.reason == "stationary"
    assert verdict.gradient_norm == 0.0


def test_saddle_is_not_a_summit():
    surface = FakeSurface("x**2 - y**2", peak=(3.0, 0.0, 9.0), value_range=(-9.0, 9.0), maxima=[], kind="saddle")
    game = Game(FakeLevel(surface))
    game.probe(0.0, 0.0)
    verdict = game.claim()
    assert verdict.kind == "none" and verdict.reason == "stationary_other"
    assert verdict.point == "saddle"


def test_a_saddle_is_reachable_with_the_fine_step_even_where_it_is_steep():
    """A steep saddle (curvature ±200): the height rule is strict there, but one fine step (6/400) away is enough."""
    surface = FakeSurface("100*(x**2 - y**2)", peak=(3.0, 0.0, 900.0), value_range=(-900.0, 900.0), maxima=[])
    game = Game(FakeLevel(surface, tolerance=0.0001))  # 0.18 height units
    game.probe(0.015, 0.0)  # rise ½·3²/200 = 0.0225 ≤ 0.18, Newton step 0.015 = the fine step
    game.probe(0.04, 0.0)  # Newton step 0.04 > 0.015, rise 0.16 ≤ 0.18: still stationary by height
    game.probe(0.05, 0.0)  # Newton step 0.05, rise 0.25: neither
    assert [game.point_of(p) for p in game.probes] == ["saddle", "saddle", "not stationary"]


def test_summit_on_the_edge_of_a_pure_slope_is_global():
    game = Game(linear())
    game.probe(1.0, 0.99)  # f = 2.99, tolerance 0.02·3 = 0.06
    assert game.claim().kind == "global"


def test_edge_point_with_uphill_along_the_edge():
    game = Game(linear())
    game.probe(1.0, 0.0)  # ∇f = (2, 1) points off the map; along the edge x = 1 it still points north
    verdict = game.claim()
    assert verdict.kind == "none" and verdict.reason == "edge_climb" and verdict.direction == "north"
    assert verdict.slope == pytest.approx(1.0)


def test_constrained_local_summit_on_the_edge():
    text = "x + exp(-((y-0.2)/0.1)**2) + 2*exp(-((y-0.8)/0.1)**2)"
    surface = FakeSurface(text, domain=(0, 1, 0, 1), peak=(1.0, 0.8, 3.0), value_range=(0.0, 3.0))
    game = Game(FakeLevel(surface))
    game.probe(1.0, 0.2)
    verdict = game.claim()
    assert verdict.kind == "local" and verdict.reason == "edge"


@pytest.mark.parametrize(("dx", "dy", "word"), [(1, 0, "east"), (1, 1, "north-east"), (0, 2, "north"),
                                                (-1, 1, "north-west"), (-1, 0, "west"), (-1, -1, "south-west"),
                                                (0, -1, "south"), (1, -1, "south-east"), (1, 0.3, "east")])
def test_compass(dx, dy, word):
    assert model.compass(dx, dy) == word
    assert model.compass(0, 0) is None and model.compass(float("nan"), 1) is None


# --- score ------------------------------------------------------------------------------------------------
def test_each_score_term_by_hand():
    game = Game(quadratic(start=(0.0, 1.0)))  # par 5
    steps = [game.probe(*p).step for p in [(0, 1), (0.5, 0.5), (0.5, -1.5), (1, 0)]]
    # ρ against T₂, which is exact on a quadratic: ρ = 1 for every step that is not a descent
    # (0.5, 0.5) from (0, 1): trusted. (0.5, −1.5) from (0.5, 0.5): T₂ = 2.25 + 4 − 8 = −1.75 < 2.25: downhill
    # (1, 0) from (0.5, −1.5): T₂ exact, gain 3 − (−1.75) = 4.75 > 0: trusted
    assert steps == ["first", "trusted", "downhill", "trusted"]
    running = points(game)
    assert running == {"height": 1000, "probes_saved": 0, "trusted": 40, "predictions": 0, "overshoots": 0,
                       "wasted": 0, "summit": 0}
    assert game.score().stars == 0  # stars only after the claim
    assert game.claim().kind == "global"
    final = game.score()
    assert dict(final.items) == {"height": 1000, "probes_saved": 50, "trusted": 40, "predictions": 0,
                                 "overshoots": 0, "wasted": 0, "summit": 500}
    assert final.total == 1590 and final.stars == 3  # the global summit within par
    assert [key for key, _ in final.items] == list(model.SCORE_KEYS)


def test_height_term_is_the_fraction_climbed_from_the_first_probe():
    game = Game(quadratic(start=(0.0, 1.0)))
    game.probe(0, 1)  # 0
    game.probe(0.5, 0.5)  # 2.25 of the 3 to climb
    game.probe(-2, 0)  # −6: lower, the best still counts
    assert points(game)["height"] == 750
    assert game.height_fraction() == pytest.approx(0.75)


def test_wasted_probes_are_repeats_and_undefined_heights():
    game = Game(quadratic(start=(0.0, 1.0)))
    game.probe(0, 1)
    repeat = game.probe(0.007, 1.0)  # within half a fine step (½ · 6/400 = 0.0075) of the first
    fine = game.probe(0.015, 1.0)  # one fine step from the first: a fresh measurement
    assert repeat.wasted and repeat.step == "repeat" and not fine.wasted
    assert points(game)["wasted"] == -15


def test_local_verdict_bonus_and_star_cap():
    game = Game(two_hills(start=(-1.5, 0.0), par=5))
    game.probe(-1.5, 0.0)
    game.claim()
    score = game.score()
    assert points(game)["summit"] == 150 and points(game)["probes_saved"] == 0
    assert points(game)["height"] == 0  # the climb is measured from the first probe, which was already here
    assert score.total == 150 and score.stars == 1  # a local summit: one star, whatever the points


def test_total_is_never_negative():
    game = Game(quadratic(start=(0.0, 1.0), probes=20))
    for _ in range(5):
        game.probe(0, 1)
    assert points(game)["wasted"] == -60 and game.score().total == 0


@pytest.mark.parametrize(("kind", "used", "par", "stars"), [
    (None, 3, 5, 0), ("global", 5, 5, 3), ("global", 1, 5, 3), ("global", 6, 5, 2), ("local", 2, 5, 1),
    ("local", 9, 5, 1), ("none", 2, 5, 0),
])
def test_stars_say_what_was_found(kind, used, par, stars):
    assert stars_for(kind, used, par) == stars


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(
    which=st.sampled_from(["quadratic", "two_hills", "log"]),
    moves=st.lists(st.tuples(st.floats(-4, 4), st.floats(-4, 4), st.one_of(st.none(), st.floats(-50, 50))),
                   max_size=14),
    claim=st.booleans(),
)
def test_property_score_is_a_finite_int_for_any_probe_sequence(which, moves, claim):
    level = {"quadratic": quadratic, "two_hills": two_hills, "log": log_level}[which]()
    game = Game(level)
    for x, y, guess in moves:
        game.predict(guess)
        probe = game.probe(x, y)
        if probe is not None:
            assert probe.step in model.STEPS
            for value in (probe.rho, probe.predicted1, probe.predicted2):
                assert value is None or math.isfinite(value)
    if claim:
        verdict = game.claim()
        if verdict is not None:
            assert verdict.kind in model.VERDICTS and verdict.reason in model.REASONS
            assert all(isinstance(v, float) for v in (verdict.value, verdict.tolerance, verdict.height_gap))
    score = game.score()
    assert isinstance(score.total, int) and score.total >= 0 and 0 <= score.stars <= 3
    assert all(isinstance(p, int) for _, p in score.items)
    assert len(game.probes) <= game.budget


# --- the rules of the module itself ------------------------------------------------------------------------
def test_shown_central_gradient_is_exactly_the_teaching_finite_difference():
    """Game's inlined central difference gives the same floats as surfaces.calculus.gradient(method="central")."""
    import dataclasses
    import random

    import surfaces
    from surfaces import calculus

    rng = random.Random(7)
    for level in surfaces.builtin_levels():
        level = dataclasses.replace(level, probes=10 ** 6, gradient_method="central")
        game = Game(level)
        xmin, xmax, ymin, ymax = level.surface.domain
        pts = [(rng.uniform(xmin, xmax), rng.uniform(ymin, ymax)) for _ in range(25)]
        pts += [(xmin, ymin), (xmax, ymax), (min(max(1.0, xmin), xmax), min(max(-1.0, ymin), ymax))]
        for x, y in pts:
            probe = game.probe(x, y)
            if probe is None or not probe.defined:
                continue
            expected = tuple(float(v) for v in calculus.gradient(level.surface, probe.x, probe.y, method="central"))
            assert repr(probe.gradient) == repr(expected), (level.id, probe.x, probe.y)


def test_modules_have_docstrings_and_typed_public_functions():
    import inspect

    from game.core import climbers as autoplay, storage
    from game.text import numbers as numfmt

    for module in (model, autoplay, storage, numfmt):
        assert module.__doc__ and "\n" not in module.__doc__.strip()
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                assert "return" in obj.__annotations__, f"{module.__name__}.{name} lacks a return type"


def test_a_steep_slope_above_a_nearby_lower_summit_is_not_a_local_summit():
    game = Game(surfaces.level_by_id("rough-ground"))
    game.probe(0.75, 0.6)
    verdict = game.claim()
    assert verdict.gradient_norm > 1.0
    assert verdict.kind == "none" and verdict.reason == "climb"


def test_a_minimum_along_the_edge_is_not_an_edge_summit():
    level = free_play_level(surfaces.from_expression("x + y^2", domain=(-3, 3, -3, 3)))
    game = Game(level)
    game.probe(3.0, 0.0)  # uphill points off the map, the slope along the edge is zero, but f rises along it
    verdict = game.claim()
    assert verdict.kind == "none"


def test_an_edge_summit_is_still_a_local_summit():
    level = free_play_level(surfaces.from_expression("x - y^2 + 12*exp(-((x+2)^2 + (y-2)^2))",
                                                           domain=(-3, 3, -3, 3)))
    game = Game(level)
    game.probe(3.0, 0.0)  # highest along the right edge, but the bump at (-2, 2) is higher
    verdict = game.claim()
    assert verdict.kind == "local" and verdict.reason == "edge"


def test_a_flat_topped_local_summit_counts_where_the_hessian_cannot_tell():
    """−((x+1)⁴ + y⁴) has a zero Hessian at its top: the game looks around it instead."""
    text = "-((x+1)**4 + y**4) + 3*exp(-10*((x-2)**2 + (y-2)**2))"
    surface = FakeSurface(text, peak=(2.0, 2.0, 3.0), value_range=(-300.0, 3.0), maxima=[])
    game = Game(FakeLevel(surface, tolerance=0.001))  # 0.3 height units: the peak 3 is out of reach
    game.probe(-1.0, 0.0)
    verdict = game.claim()
    assert verdict.point == "degenerate" and verdict.kind == "local" and verdict.reason == "stationary"


def test_claiming_an_earlier_probe():
    game = Game(quadratic(start=(0.0, 1.0)))
    game.probe(0, 1)
    game.probe(1, 0)  # the top
    game.probe(2, 0)  # past it
    assert game.claim(7) is None and game.claim(-1) is None and not game.finished  # no such probe
    verdict = game.claim(1)
    assert verdict.kind == "global" and (verdict.x, verdict.y) == (1.0, 0.0) and verdict.index == 1
    assert game.score().points("wasted") == 0  # no repeat needed to claim the best point


def test_the_height_tolerance_counts_only_within_one_arrow_step():
    """A wide, shallow top: the model's top is only 0.05 higher, but 0.5 away — more than one arrow step."""
    surface = FakeSurface("-0.2*(x**2 + y**2)", peak=(0.0, 0.0, 0.0), value_range=(-3.6, 0.0), maxima=[])
    game = Game(FakeLevel(surface, tolerance=0.1))  # 0.36 height units
    game.probe(0.5, 0.0)  # rise ½·0.2²/0.4 = 0.05 ≤ 0.36, Newton step 0.5 > 0.15
    game.probe(0.15, 0.0)  # Newton step 0.15: one arrow step
    assert [game.point_of(p) for p in game.probes] == ["not stationary", "maximum"]
