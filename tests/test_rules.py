"""Rules a teacher can defend, end to end: stars on every built-in level, verdicts at the player's resolution."""

from __future__ import annotations

import json

import numpy as np
import pytest

import surfaces
from game import cli
from game.core.model import Game
from game.core.stationary import COARSE_STEP, FINE_STEP

LEVELS = surfaces.builtin_levels()


def on_lattice(value: float, origin: float, step: float) -> float:
    """The nearest point a player reaches from `origin` with steps of `step` (the cursor's fine step)."""
    return origin + round((value - origin) / step) * step


def stationary_point(surface: surfaces.Surface, x: float, y: float) -> tuple[float, float]:
    """Newton's method on the exact gradient: the stationary point near (x, y) (an independent reference)."""
    p = np.array([x, y], dtype=float)
    for _ in range(60):
        p = p - np.linalg.solve(surface.hessian(*p), surface.gradient(*p))
    assert np.hypot(*surface.gradient(*p)) < 1e-10
    return float(p[0]), float(p[1])


# --- stars ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_the_global_summit_within_par_earns_three_stars_on_every_level(level):
    game = Game(level)
    game.probe(*(level.start or (0.0, 0.0)))
    px, py, _ = game.peak
    game.probe(px, py)
    assert len(game.probes) <= game.par
    assert game.claim().kind == "global"
    assert game.score().stars == 3


@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_the_global_summit_beyond_par_earns_two_and_no_summit_at_most_one(level):
    game = Game(level)
    xmin, xmax, ymin, ymax = level.surface.domain
    ring = [(xmin + (xmax - xmin) * (0.1 + 0.8 * k / game.par), ymin + (ymax - ymin) * 0.1) for k in range(game.par)]
    for point in ring:
        game.probe(*point)
    px, py, _ = game.peak
    game.probe(px, py)
    assert game.claim().kind == "global" and game.score().stars == 2
    for index in range(len(ring)):  # any earlier probe that is no global summit: at most one star
        other = Game(level)
        for point in ring:
            other.probe(*point)
        verdict = other.claim(index)
        assert verdict.kind != "global" and other.score().stars <= 1
        assert other.score().stars == (1 if verdict.kind == "local" else 0)


def test_the_best_play_on_the_first_level_is_three_stars():
    game = Game(surfaces.level_by_id("rise-over-run"))
    game.probe(0, 0)  # lands on the start
    game.probe(3, 3)  # the corner the gradient points to
    verdict = game.claim()
    assert verdict.kind == "global" and verdict.point == "maximum" and game.score().stars == 3


# --- the saddle lesson --------------------------------------------------------------------------------------
def test_the_saddle_of_the_saddle_pass_is_reachable_with_the_fine_step_and_named():
    level = surfaces.level_by_id("saddle-pass")
    game = Game(level)
    sx, sy = level.start
    fine = FINE_STEP * (level.surface.domain[1] - level.surface.domain[0])
    assert fine == pytest.approx(0.015)
    tx, ty = stationary_point(level.surface, 0.0, 0.0)
    game.probe(sx, sy)
    probe = game.probe(on_lattice(tx, sx, fine), on_lattice(ty, sy, fine))
    assert game.point_of(probe) == "saddle"
    verdict = game.claim()
    assert verdict.kind == "none" and verdict.reason == "stationary_other" and verdict.point == "saddle"


def test_far_from_the_saddle_it_is_not_stationary():
    level = surfaces.level_by_id("saddle-pass")
    game = Game(level)
    tx, ty = stationary_point(level.surface, 0.0, 0.0)
    game.probe(*level.start)
    probe = game.probe(tx + 6 * COARSE_STEP * 6, ty)  # six arrow steps (0.9) east, on the slope to the big hill
    assert game.point_of(probe) == "not stationary"


# --- verdicts a teacher expects on surfaces that are not levels, through the command line ------------------
def claim_json(capsys, expr: str, *points: tuple[float, float], warning: bool = False) -> dict:
    args = ["--headless", "--expr", expr]
    for x, y in points:
        args += ["--probe", f"{x!r},{y!r}"]
    assert cli.main([*args, "--claim"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1, (out, err)
    assert (err.startswith("This surface has no highest point") and len(err.splitlines()) == 1) if warning else err == ""
    return json.loads(out)


def free_play_lattice(value: float) -> float:
    """The fine-step lattice of a typed formula's default map [-3, 3]²: the cursor starts at −1.5, steps 0.015."""
    return on_lattice(value, -1.5, FINE_STEP * 6.0)


@pytest.mark.parametrize(("expr", "guess", "verdict", "point"), [
    ("x^2 - 2*y^2 + 0.37*x - 0.23*y", (0.0, 0.0), "none", "saddle"),  # a tilted saddle at (−0.185, −0.0575)
    ("0.4*x*y - 0.1*x + 0.2*y + 1", (0.0, 0.0), "none", "saddle"),  # a rotated one at (−0.5, 0.25)
    ("x^2 + y^2 - 0.3*x", (0.0, 0.0), "none", "minimum"),
    ("exp(-((x+1.3)^2 + (y-0.4)^2)) + 2*exp(-((x-1.5)^2 + (y+1)^2))", (-1.3, 0.4), "local", "maximum"),
    ("3*exp(-((x-0.73)^2 + 2*(y+0.41)^2)/2)", (0.73, -0.41), "global", "maximum"),
])
def test_stationary_points_at_fine_step_points(capsys, display, data_dir, expr, guess, verdict, point):
    surface = surfaces.from_expression(expr)
    tx, ty = stationary_point(surface, *guess)
    data = claim_json(capsys, expr, (free_play_lattice(tx), free_play_lattice(ty)))
    assert (data["verdict"], data["point"]) == (verdict, point)
    assert data["stars"] == {"global": 3, "local": 1, "none": 0}[verdict]


@pytest.mark.parametrize(("expr", "claim", "verdict", "point"), [
    ("0.5*x - 0.3*y + 2", (3.0, -3.0), "global", "maximum"),  # a tilted plane: its top is a corner
    ("x - (y - 0.77)^2", (3.0, free_play_lattice(0.77)), "global", "maximum"),  # the top is on the edge
    ("x - (y - 0.77)^2 + 8*exp(-((x+2)^2 + (y-0.77)^2))", (3.0, free_play_lattice(0.77)), "local", "maximum"),
    ("0.5*x - 0.3*y + 2", (3.0, 0.0), "none", "not stationary"),  # on the edge, but uphill runs along it
    ("x^2 - y^2", (1.0, 1.0), "none", "not stationary"),
])
def test_edges_corners_and_slopes(capsys, display, data_dir, expr, claim, verdict, point):
    data = claim_json(capsys, expr, claim)
    assert (data["verdict"], data["point"]) == (verdict, point)


def test_one_fine_step_off_a_steep_saddle_is_still_the_saddle(capsys, display, data_dir):
    """Curvature ±400: the height tolerance alone would need the player closer than a fine step can go."""
    expr = "200*(x^2 - y^2) + 0.9*x"
    tx, ty = stationary_point(surfaces.from_expression(expr), 0.0, 0.0)
    x, y = free_play_lattice(tx), free_play_lattice(ty)
    assert abs(x - tx) > 1e-4  # not exactly on it
    data = claim_json(capsys, expr, (x, y))
    assert data["point"] == "saddle"


# --- the predict move and free play, as a player meets them --------------------------------------------------
def test_the_old_predict_exploit_no_longer_pays():
    """"P, Down, Enter" before every probe (the height just below the current one) won 35 of 92 guesses for free;
    graded by closeness, it now loses points on the built-in levels."""
    from game.core.climbers import next_move
    from game.ui.scenes.play import guess_step

    total = graded = 0
    for level in LEVELS:
        game, state = Game(level), {}
        for _ in range(game.budget):
            move = next_move(game, "gradient", state)
            if move[0] != "probe":
                break
            if game.can_predict:
                base = game.preview(move[1], move[2]).base.value
                game.predict(base - guess_step(game.height_range[1] - game.height_range[0]))
            probe = game.probe(move[1], move[2])
            if probe is not None and probe.guess_grade is not None:
                graded += 1
                total += probe.guess_points
    assert graded > 50 and total < 0


def test_the_guess_field_stays_shut_before_the_first_probe_and_with_none_left(make_app, run_frames):
    from game.core import actions as A

    app = make_app("--level", "one-hill")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PREDICT))
    assert not play.text_mode and play.message  # "probe once first"
    budget = play.game.budget
    for k in range(budget):
        app.dispatch(A.Action(A.PROBE, at=(-2.5 + 5.0 * k / budget, 0.5)))
    assert play.game.probes_left == 0
    app.dispatch(A.Action(A.PREDICT))
    assert not play.text_mode
    assert dict((name, enabled) for name, _, _, enabled in play.button_specs())["predict"] is False


def test_a_typed_formula_starts_without_a_probe_and_not_on_its_centre(make_app, run_frames):
    """Space and C on a symmetric formula gave 1850 ★★★ with one probe at the centre: the cursor now starts a
    quarter of the way in, where the player decides to begin."""
    from game.core import actions as A

    app = make_app("--expr", "3*exp(-(x^2+y^2))")
    run_frames(app, 1)
    play = app.top
    assert play.game.probes == [] and play.cursor == (-1.5, -1.5)
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    game = app.session.games[-1]
    assert game.verdict.kind == "none" and game.score().stars == 0


def test_claiming_an_earlier_probe_with_tab_and_with_a_click(make_app, run_frames):
    from game.core import actions as A

    app = make_app("--level", "one-hill")
    run_frames(app, 1)
    play = app.top
    px, py, _ = play.game.peak
    for point in ((0, 0), (px, py), (px + 0.6, py)):
        app.dispatch(A.Action(A.PROBE, at=point))
    app.dispatch(A.Action(A.NEXT))  # Tab: the probe before the latest
    assert play.claim_index == 1
    app.dispatch(A.Action(A.PREV))  # Shift+Tab: forward again, to the latest
    assert play.claim_index is None
    click = tuple(int(round(v)) for v in play.transform().to_screen(px, py))
    app.dispatch(A.Action(A.CLICK, pos=click))  # a click on a probe picks it instead of probing again
    assert play.claim_index == 1 and len(play.game.probes) == 3
    app.dispatch(A.Action(A.CLAIM))
    game = app.session.games[-1]
    assert game.verdict.kind == "global" and game.verdict.index == 1 and game.score().stars == 3


# --- surfaces without a highest point --------------------------------------------------------------------------
@pytest.mark.parametrize(("expr", "claim"), [("tan(x)", (1.0, 0.0)), ("1/x", (0.5, 1.0)), ("1/x", (-0.2, 0.0)),
                                              ("exp(exp(exp(x)))", (1.0, 0.0)), ("1/(x*y)", (0.3, 0.2)),
                                              ("tan(x*pi/2)", (0.5, 2.0))])
def test_poles_are_never_flat_and_never_a_global_summit(capsys, display, data_dir, expr, claim):
    surface = surfaces.from_expression(expr)
    slope = float(np.hypot(*surface.gradient(*claim)))
    data = claim_json(capsys, expr, claim, warning=True)
    assert slope > 0.5 and data["verdict"] == "none" and data["point"] == "not stationary"
    assert data["peak"]["value"] is None and data["stars"] == 0
    game = Game(surfaces.custom_level(surface))
    game.probe(*claim)
    verdict = game.claim()
    assert verdict.reason == "climb" and verdict.unbounded


def test_a_pole_map_still_has_steps_judged_and_a_local_summit(display):
    """On tan(x) + a hill, ρ is judged against the terrain's robust range (not 10¹⁶ of a pole), and the hill's
    top is a local summit: no global summit exists."""
    surface = surfaces.from_expression("tan(x/1.8) + 3*exp(-((x+2)^2 + (y-1)^2))")
    game = Game(surfaces.custom_level(surface))
    assert game.unbounded is not None and game.height_range[1] < 100
    game.probe(-2.6, 0.0)
    step = game.probe(-2.4, 0.3)
    assert step.step not in ("flat",) and step.rho is not None
    tx, ty = stationary_point(surface, -2.0, 1.0)
    game.probe(tx, ty)
    verdict = game.claim()
    assert verdict.kind == "local" and verdict.point == "maximum" and game.score().stars == 1
    assert 0 < game.score().points("height") <= 1000


def test_a_fixed_start_says_where_the_first_probe_went(make_app, run_frames):
    from game.core import actions as A

    app = make_app("--level", "one-hill")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PROBE, at=(1.0, 1.0)))
    assert (play.game.last.x, play.game.last.y) == tuple(play.level.start)
    assert play.cursor == tuple(play.level.start) and "marked start" in play.message


@pytest.mark.parametrize(("target", "primary"), [("peak", "next"), ("start", "retry")])
def test_after_a_failed_claim_enter_retries_with_the_fog_back(make_app, run_frames, target, primary):
    from game.core import actions as A

    app = make_app("--level", "one-hill")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PROBE))
    if target == "peak":
        app.dispatch(A.Action(A.PROBE, at=play.game.peak[:2]))
    app.dispatch(A.Action(A.CLAIM))
    result = app.top
    assert result.primary == primary
    app.dispatch(A.Action(A.CONFIRM))
    again = app.top
    assert type(again).__name__ == "PlayScene"
    assert (again.level.id == "one-hill") == (primary == "retry") and again.game.probes == []


def test_rho_beyond_ten_is_shown_as_a_bound_and_guess_notches_follow_the_map(drawn_texts):
    from game.core.layout import compute_layout
    from game.ui.fonts import Fonts
    from game.ui.hud.panel import draw_hud
    from game.ui.palette import get_palette
    from game.ui.scenes.play import guess_step
    import pygame

    game = Game(surfaces.custom_level(surfaces.from_expression("exp(2*x) + 0.001*y", domain=(-3, 3, -3, 3))))
    game.probe(-3.0, 0.0)
    probe = game.probe(0.0, 0.0)
    assert probe.rho is not None and probe.rho > 10
    screen = pygame.Surface((1280, 800))
    draw_hud(screen, compute_layout(1280, 800, 1.0, domain=game.surface.domain), game, get_palette("viridis"),
             Fonts(1.0))
    assert "\u03c1 > 10" in drawn_texts or "\u03c1 > 10.0" in drawn_texts
    assert guess_step(4.0) == 0.1 and guess_step(4.0, fine=True) == 0.01 and guess_step(400.0) == 10.0


# --- what an independent review broke, kept broken no more ----------------------------------------------------
def claimed(expr: str, *points: tuple[float, float], **level) -> tuple[Game, object]:
    game = Game(surfaces.custom_level(surfaces.from_expression(expr), **level) if not level else level["level"])
    for point in points:
        game.probe(*point)
    return game, game.claim()


@pytest.mark.parametrize(("expr", "point"), [("tan(x)", (1.56, 0.0)), ("1/x", (0.015, 0.0)),
                                              ("1/(x^2+y^2)", (0.015, 0.0)), ("1/(x*y)", (0.015, 0.015)),
                                              ("exp(exp(exp(x)))", (1.5, 0.0))])
def test_a_step_from_a_pole_is_never_a_stationary_point(expr, point):
    """Near a pole the Newton step g/λ shrinks (1/(2 tan x) for tan): the model's stationary point runs away."""
    game, verdict = claimed(expr, point)
    assert game.point_of(game.last) == "not stationary"
    assert verdict.kind == "none" and verdict.reason == "climb" and game.score().stars == 0


def test_the_edge_rule_has_the_same_arrow_step_cap_as_inside():
    expr = "-(y-1)^2 + 0.1*x + 12*exp(-((x+2)^2 + (y+2)^2))"
    edge = claimed(expr, (3.0, 1.5))[1]  # the top along the edge is 0.5 away: 33 fine steps
    inside = claimed(expr, (1.0, 1.5))[1]
    assert edge.kind == inside.kind == "none" and edge.reason == "edge_climb"
    assert claimed(expr, (3.0, 1.05))[1].kind == "local"  # within an arrow step and the tolerance


def test_the_tip_of_a_cone_is_a_summit_not_undefined():
    game, verdict = claimed("-(x^2+y^2)^0.25", (0.0, 0.0))
    assert verdict.kind == "global" and game.score().points("height") == 1000
    _, lower = claimed("-(x^2+y^2)^0.25 + 2*exp(-((x-2)^2 + (y-2)^2)*4)", (0.0, 0.0))
    assert lower.kind == "local"  # the cone's tip is a lower top here
    _, crease = claimed("-(x^2)^0.25 + y", (0.0, 0.0))  # no ∂f/∂x at x = 0, and higher to the north
    assert crease.reason == "kink" and crease.kind == "none"


def test_flat_ground_is_not_a_summit():
    _, verdict = claimed("max(0, 4 - (x^2 + y^2))", (-2.5, -2.5))
    assert verdict.kind == "none"


def test_a_needles_top_within_a_fine_step_is_the_global_summit():
    _, verdict = claimed("exp(-((x-1)^2 + y^2)/0.0001)", (1.005, 0.0))
    assert verdict.kind == "global"


def test_micro_steps_with_guesses_at_the_current_height_earn_nothing_extra():
    """Steps just above the repeat distance, each guessing 'no change': trusted steps need an arrow step and a
    guess needs a change of at least the tolerance to be graded."""
    level = surfaces.level_by_id("one-hill")
    game = Game(level)
    x, y = level.start
    game.probe(x, y)
    for _ in range(game.budget - 1):
        gx, gy = game.last.gradient
        norm = float(np.hypot(gx, gy))
        game.predict(game.last.value)
        game.probe(x := x + 0.0076 * gx / norm, y := y + 0.0076 * gy / norm)
    score = game.score()
    assert score.points("trusted") == 0 and score.points("predictions") == 0


def test_full_height_points_within_the_tolerance_of_the_peak():
    one = claimed("-x^2", (0.0, 1.5))[0].score().points("height")
    near = claimed("-x^2", (0.015, 1.5))[0].score().points("height")
    assert one == near == 1000


@pytest.mark.parametrize("expr", ["-1/(x^2+y^2)", "log(x^2+y^2)", "-1/((x-0.3)^2+(y-1)^2) + 0.1*x"])
def test_a_pit_pointing_down_does_not_inflate_the_tolerance(expr):
    """−1/r² plunges to −10⁴ at the centre: 2 % of that range made every point a global summit."""
    surface = surfaces.from_expression(expr)
    game = Game(surfaces.custom_level(surface))
    zmin, zmax = surface.value_range()
    assert game.tolerance_height < 0.02 * (zmax - zmin) / 2
    game.probe(-1.5, -1.5)
    assert game.claim().kind != "global" or game.peak[2] - game.last.value <= game.tolerance_height


def test_ordinary_levels_and_gaussian_pits_keep_their_height_range():
    """A pit that bottoms out is terrain, however deep or narrow: only a pole pointing down is fenced off."""
    texts = ("-exp(-(x^2+y^2))", "-exp(-(x^2+y^2)/0.0025)", "-exp(3*x)", "-1/(x^2+y^2+0.001)")
    for surface in [level.surface for level in LEVELS] + [surfaces.from_expression(text) for text in texts]:
        assert surface.band_limits() == surface.value_range(), surface.expression
