"""`--autoplay rule --rule` and `--race` through the real command line, checked against the rule recomputed by hand."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import surfaces
from game import cli
from game.core import rule_climber
from game.core.model import Game
from game.core.options import OptionsError, parse_args, parse_query
from game.core.race import race_summary, run_race


def _lines(capsys) -> list[dict]:
    out = capsys.readouterr().out.strip().splitlines()
    return [json.loads(line) for line in out]


def _run(capsys, *argv: str) -> list[dict]:
    assert cli.main(["--headless", *argv]) == 0
    return _lines(capsys)


def _quadratic(a: float, b: float, cx: float, cy: float) -> str:
    return f"-{a!r}*(x-({cx!r}))^2 - {b!r}*(y-({cy!r}))^2"


def test_gradient_rule_follows_its_closed_form(capsys, display, data_dir) -> None:
    a, b, cx, cy, gamma = 0.7, 1.3, 0.4, -0.9, 0.15  # a quadratic that is no built-in level
    x0, y0 = 2.5, 1.75
    data = _run(capsys, "--expr", _quadratic(a, b, cx, cy), "--probe", f"{x0},{y0}", "--autoplay", "rule",
                "--rule", f"dx = {gamma}*gx; dy = {gamma}*gy")[-1]
    path = np.array(data["path"], dtype=float)
    k = np.arange(len(path))
    # x_k − c = (1 − 2aγ)^k (x_0 − c): gradient ascent on a quadratic is a geometric sequence
    assert np.allclose(path[:, 0], cx + (1 - 2 * a * gamma) ** k * (x0 - cx), rtol=0, atol=1e-7)
    assert np.allclose(path[:, 1], cy + (1 - 2 * b * gamma) ** k * (y0 - cy), rtol=0, atol=1e-7)
    assert data["probes"] == 12 and data["stop"] == "budget"  # a custom level has 12 probes


def test_newton_rule_reaches_the_summit_of_a_concave_quadratic_in_one_step(capsys, display, data_dir) -> None:
    expr = "-(1.5*(x-0.3)^2 + 0.8*(x-0.3)*(y+1.1) + 2.2*(y+1.1)^2) + 4"
    rule = "det = hxx*hyy - hxy^2\ndx = -(hyy*gx - hxy*gy)/det\ndy = -(hxx*gy - hxy*gx)/det"
    data = _run(capsys, "--expr", expr, "--probe", "-2,2", "--autoplay", "rule", "--rule", rule)[-1]
    x1, y1, f1 = data["path"][1]
    assert (x1, y1) == pytest.approx((0.3, -1.1), abs=1e-6)
    assert f1 == pytest.approx(4.0, abs=1e-9)
    assert data["verdict"] == "global" and data["stop"] == "short"  # the next Newton step is zero
    assert data["probes"] == 2


def _reference_gradient(expr_a: float, x: float, y: float) -> tuple[float, float]:
    """∇ of f = sin(a x) + cos(y) - 0.1 (x² + y²), by hand."""
    return expr_a * math.cos(expr_a * x) - 0.2 * x, -math.sin(y) - 0.2 * y


@given(st.floats(0.3, 1.7), st.floats(-0.6, 0.6), st.floats(-0.6, 0.6), st.floats(0.05, 2.0),
       st.floats(-2.5, 2.5), st.floats(-2.5, 2.5))
@settings(max_examples=40, deadline=None)
def test_every_step_is_clip_of_x_plus_dx(a: float, p: float, q: float, beta: float, x0: float, y0: float) -> None:
    surface = surfaces.from_expression(f"sin({a!r}*x) + cos(y) - 0.1*(x^2 + y^2)", domain=(-3, 3, -3, 3))
    game = Game(surfaces.custom_level(surface))
    game.probe(x0, y0)
    text = f"vx = {beta!r}*vx + gx\nvy = {beta!r}*vy + gy\ndx = {p!r}*vx + 0.01*k\ndy = {q!r}*vy"
    run = rule_climber.start_run(text)
    rule_climber.play_rule(game, run)
    vx = vy = 0.0
    probes = game.probes
    for k, (here, there) in enumerate(zip(probes, probes[1:])):
        gx, gy = _reference_gradient(a, here.x, here.y)
        vx, vy = beta * vx + gx, beta * vy + gy
        dx, dy = p * vx + 0.01 * k, q * vy
        assert there.x == pytest.approx(min(max(here.x + dx, -3), 3), abs=1e-6)
        assert there.y == pytest.approx(min(max(here.y + dy, -3), 3), abs=1e-6)
        assert math.hypot(there.x - here.x, there.y - here.y) >= game.repeat_distance
    assert game.finished and game.verdict.index == len(probes) - 1  # the last probe is claimed
    assert run.stop in ("budget", "short")
    if run.stop == "short":
        assert len(probes) < game.budget


def test_steps_are_clipped_to_the_map(capsys, display, data_dir) -> None:
    data = _run(capsys, "--expr", "x + y", "--probe", "0,0", "--autoplay", "rule", "--rule", "dx = 5; dy = -1")[-1]
    assert data["path"][1][:2] == [3.0, -1.0]
    assert data["path"][2][:2] == [3.0, -2.0]
    assert data["path"][3][:2] == [3.0, -3.0]
    assert data["probes"] == 4 and data["stop"] == "short"  # at the corner a clipped step has length 0


def test_a_non_finite_step_stops_with_a_message(capsys, display, data_dir) -> None:
    assert cli.main(["--headless", "--expr", "x*y", "--probe", "1,1", "--autoplay", "rule",
                     "--rule", "dx = log(-1); dy = 0"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out.strip().splitlines()[-1])
    assert data["stop"] == "nonfinite" and data["probes"] == 1 and data["verdict"] is not None
    assert "not a finite number" in captured.err and "Traceback" not in captured.err


def test_race_prints_one_line_per_climber_from_the_same_start(capsys, display, data_dir) -> None:
    expr = "2*exp(-((x-1)^2 + (y+0.5)^2)) + exp(-((x+1.5)^2 + (y-1)^2))"
    lines = _run(capsys, "--expr", expr, "--probe", "-0.5,0.5", "--race", "gradient,momentum,newton,adam,rule",
                 "--rule", "dx = 0.5*gx; dy = 0.5*gy")
    assert [d["climber"] for d in lines] == ["gradient", "momentum", "newton", "adam", "rule"]
    assert all(d["path"][0][:2] == [-0.5, 0.5] for d in lines)
    for d in lines:
        assert set(d) >= {"level", "probes", "path", "final", "peak", "verdict", "point", "score", "stars"}
    alone = _run(capsys, "--expr", expr, "--probe", "-0.5,0.5", "--autoplay", "gradient")[-1]
    assert {k: v for k, v in lines[0].items() if k != "climber"} == alone


def test_race_in_core_matches_the_cli_rule_run() -> None:
    level = surfaces.custom_level(surfaces.from_expression("-(x-0.5)^2 - (y-0.25)^2", domain=(-2, 2, -2, 2)))
    racers = run_race(level, ("rule", "newton"), "dx = 0.3*gx; dy = 0.3*gy", ((1.5, -1.5),))
    line = race_summary(racers[0])
    assert line["climber"] == "rule" and line["stop"] in ("budget", "short")
    assert racers[1].stop is None and "stop" not in race_summary(racers[1])


@pytest.mark.parametrize("argv, words", [
    (["--autoplay", "rule"], "needs a step rule"),
    (["--race", "gradient,rule"], "needs a step rule"),
    (["--race", "gradient,sgd"], "not one of"),
    (["--race", "gradient,gradient"], "once"),
    (["--rule", "dx = gz; dy = 0"], "line 1, column 6"),
    (["--rule", "x = 1\ndx = 0; dy = 0"], "line 1, column 1"),
    (["--rule", "a=1;" * 1000], "limit"),
    (["--race", "gradient", "--autoplay", "newton"], "without --autoplay"),
])
def test_bad_climber_flags_are_one_line(argv: list[str], words: str) -> None:
    with pytest.raises(OptionsError, match=words):
        parse_args(argv)


def test_bad_rule_on_the_cli_exits_2_with_one_line(capsys) -> None:
    assert cli.main(["--headless", "--autoplay", "rule", "--rule", "dx = 1\ndy = __class__"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "line 2, column 6" in err and "Traceback" not in err


def test_rule_and_race_come_from_the_url_too() -> None:
    options, problems = parse_query("?rule=dx%20%3D%200.5*gx%3B%20dy%20%3D%200.5*gy&race=gradient,rule")
    assert problems == [] and options.rule == "dx = 0.5*gx; dy = 0.5*gy" and options.race == ("gradient", "rule")
    options, problems = parse_query("?rule=dx%20%3D%20gz")
    assert options.rule is None and any("line 1" in p for p in problems)


def test_the_option_knows_the_parsers_length_limit() -> None:
    from game.core import climb_options
    from surfaces import rule_parse

    assert climb_options.MAX_RULE_LENGTH == rule_parse.MAX_RULE_LENGTH
