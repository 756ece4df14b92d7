"""Computer players: a valid JSON summary for every policy and level; gradient ascent wins the single-summit levels."""

from __future__ import annotations

import json
import math

import pytest

import surfaces
from game.core.levels import free_play_level
from game.core import climbers as autoplay
from game.core.climbers import POLICIES, next_move, play, summary
from game.core.model import Game
from game.core.options import AUTOPLAY
from game.text.verdicts import verdict_text
from test_model_support import FakeLevel, FakeSurface, linear, quadratic

LEVELS = {level.id: level for level in surfaces.builtin_levels()}
# levels with one summit (the rest have local summits on purpose: two peaks, saddle pass, bumps, needle)
SINGLE_SUMMIT = ["rise-over-run", "one-hill", "tilted-hill", "long-ridge", "banana-ridge", "taylor-trust", "line-fit",
                 "neuron", "decay-fit"]
SUMMARY_KEYS = {"level", "probes", "path", "final", "peak", "verdict", "point", "score", "stars"}


def test_policies_match_the_options_schema():
    assert POLICIES + ("rule",) == AUTOPLAY  # rule: the learner's step rule (game/core/rule_climber.py)


def test_every_single_summit_level_is_listed():
    assert set(SINGLE_SUMMIT) <= set(LEVELS)
    assert {level_id for level_id, level in LEVELS.items() if len(level.surface.local_maxima()) == 1} == set(SINGLE_SUMMIT)


@pytest.mark.parametrize("level_id", SINGLE_SUMMIT)
def test_gradient_ascent_reaches_the_global_summit_within_the_budget(level_id):
    game = play(LEVELS[level_id], "gradient")
    assert game.verdict.kind == "global", verdict_text(game.verdict)
    assert len(game.probes) <= game.budget


def test_newton_climbs_the_banana_ridge_in_far_fewer_probes_than_gradient_ascent():
    newton, gradient = play(LEVELS["banana-ridge"], "newton"), play(LEVELS["banana-ridge"], "gradient")
    assert newton.verdict.kind == gradient.verdict.kind == "global"
    assert 2 * len(newton.probes) <= len(gradient.probes)  # the level's lesson: curvature-aware steps win


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("level_id", sorted(LEVELS))
def test_every_policy_on_every_level_gives_one_valid_json_line(level_id, policy):
    game = play(LEVELS[level_id], policy)
    data = summary(game)
    line = json.dumps(data, allow_nan=False)  # raises on nan or inf
    assert "\n" not in line and json.loads(line) == data
    assert set(data) - {"fit"} == SUMMARY_KEYS and data["level"] == level_id  # "fit": model levels (issue 14)
    assert data["verdict"] in ("global", "local", "none") and game.finished
    assert 1 <= data["probes"] <= game.budget
    assert isinstance(data["score"], int) and data["score"] >= 0 and data["stars"] in (0, 1, 2, 3)
    for point in (data["final"], data["peak"]):
        assert set(point) == {"x", "y", "value"}
        assert all(v is None or (isinstance(v, float) and round(v, 6) == v) for v in point.values())
    claimed = game.probes[game.verdict.index]  # the climber claims its best probe, not always the latest
    assert claimed is game.best or game.verdict.kind == "none"
    assert data["final"]["x"] == pytest.approx(claimed.x, abs=1e-6)


def test_play_is_deterministic():
    level = LEVELS["one-hill"]
    assert summary(play(level, "adam")) == summary(play(level, "adam"))


def test_first_probe_is_the_start_or_the_centre():
    assert (play(LEVELS["one-hill"], "gradient").probes[0].x, ) == (LEVELS["one-hill"].start[0], )
    free = quadratic()  # start None: the centre of [−3, 3]²
    first = play(free, "gradient").probes[0]
    assert (first.x, first.y) == (0.0, 0.0)


@pytest.mark.parametrize("policy", POLICIES)
def test_all_policies_climb_a_quadratic(policy):
    game = play(quadratic(start=(-2.5, 2.5), probes=14), policy)
    assert game.verdict.kind == "global"


@pytest.mark.parametrize("policy", POLICIES)
def test_summit_in_a_corner_is_found_by_projected_steps(policy):
    game = play(linear(start=(0.1, 0.1), probes=10), policy)
    assert game.verdict.kind == "global"
    assert (game.last.x, game.last.y) == (1.0, 1.0)


def test_claims_at_the_best_point_when_the_budget_runs_out():
    game = play(quadratic(start=(-2.5, 2.5), probes=3), "gradient")
    assert len(game.probes) <= 3
    assert game.last.value == max(p.value for p in game.probes)


def test_undefined_heights_do_not_stop_the_climb():
    surface = FakeSurface("log(x) - x/3 - y**2", domain=(-1, 5, -2, 2), peak=(3.0, 0.0, math.log(3) - 1),
                          value_range=(math.log(1e-3) - 4, math.log(3) - 1))
    game = play(FakeLevel(surface, start=(0.5, 1.0), probes=12), "gradient")
    assert game.verdict.kind == "global"
    assert json.dumps(summary(game), allow_nan=False)


def test_summary_uses_none_for_undefined_values():
    surface = FakeSurface("log(x)", domain=(-1, 3, -1, 1), peak=(3.0, 0.0, math.log(3)),
                          value_range=(-7.0, math.log(3)))
    game = Game(FakeLevel(surface))
    game.probe(-0.5, 0)
    data = summary(game)
    assert data["final"] == {"x": -0.5, "y": 0.0, "value": None} and data["verdict"] is None
    game.claim()
    assert summary(game)["verdict"] == "none"
    json.dumps(summary(game), allow_nan=False)


def test_unknown_policy_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown autoplay policy 'sgd'"):
        play(quadratic(), "sgd")
    with pytest.raises(ValueError):
        next_move(Game(quadratic()), "sgd", {})


def test_next_move_drives_a_game_step_by_step():
    game = Game(quadratic(start=(-2.5, 2.5)))
    state: dict = {}
    moves = []
    while True:
        move = next_move(game, "newton", state)
        moves.append(move[0])
        if move[0] == "claim":
            break
        assert game.probe(move[1], move[2]) is not None
    assert moves[-1] == "claim" and moves.count("probe") == len(game.probes)
    assert game.claim().kind == "global"
    assert next_move(game, "newton", state) == ("claim",)


def test_module_constants_are_sane():
    assert 0 < autoplay.FIRST_STEP < autoplay.MAX_STEP < 1 and autoplay.MIN_STEP > 0


@pytest.mark.parametrize("text", ["log(x)", "sqrt(x)", "log(x*y)", "x*y", "x^2 + y^2"])
def test_autoplay_looks_elsewhere_when_the_centre_gives_no_way_up(text):
    """The centre is undefined (log), has no gradient (sqrt), or is a flat saddle/minimum: a player would try
    another spot instead of claiming there."""
    level = free_play_level(surfaces.from_expression(text, domain=(-3, 3, -3, 3)))
    game = play(level, "gradient")
    assert len(game.probes) > 1
    assert game.verdict.kind == "global"


def test_autoplay_still_claims_at_once_on_a_summit_at_the_centre():
    level = free_play_level(surfaces.from_expression("-(x^2 + y^2)", domain=(-3, 3, -3, 3)))
    game = play(level, "gradient")
    assert len(game.probes) == 1 and game.verdict.kind == "global"
