"""The optimiser race on the map (W): same start, each climber its own path by its own rule, animated, a table."""

from __future__ import annotations

import pygame
import pytest

import surfaces
from game.core import actions as A
from game.core.autoclimb import CLIMBERS
from game.core.options import parse_args
from game.core.race import run_textbook
from game.core.storage import MemoryBackend, Store
from game.ui.app import App
from game.ui.startup import prepare
from game.ui.tools.climb import ClimbTool
from game.ui.tools.race import STEP_SECONDS, RaceTool

EXPR = "2*exp(-((x-1)^2 + (y+0.5)^2)) + exp(-((x+1.5)^2 + (y-1)^2))"


def _app(*argv: str) -> App:
    options, replay, level = prepare(parse_args(["--headless", *argv]))
    screen = pygame.display.set_mode(options.size or (1280, 800))
    app = App(options, screen, store=Store(MemoryBackend()), replay=replay, start_level=level)
    app.step(1 / 60)
    return app


def _race(app: App) -> RaceTool:
    return next(tool for tool in app.top.tools if isinstance(tool, RaceTool))


def test_every_racer_starts_at_the_same_probe_and_follows_its_rule() -> None:
    level = surfaces.custom_level(surfaces.from_expression("-(x^2 + 2*y^2)", domain=(-3, 3, -3, 3)))
    racers = run_textbook(level, (2.0, -1.5), 0.2, 0.5, "dx = 0.1*gx\ndy = 0.1*gy")
    assert [r.climber for r in racers] == list(CLIMBERS)
    assert all((r.game.probes[0].x, r.game.probes[0].y) == (2.0, -1.5) for r in racers)
    by_name = {r.climber: r for r in racers}
    for name, factor in (("gradient", 0.2), ("rule", 0.1)):
        probes = by_name[name].game.probes
        for here, there in zip(probes, probes[1:]):
            assert (there.x, there.y) == pytest.approx((here.x * (1 - 2 * factor), here.y * (1 - 4 * factor)),
                                                       abs=1e-7)
    newton = by_name["newton"].game.probes
    assert (newton[1].x, newton[1].y) == pytest.approx((0.0, 0.0), abs=1e-6)  # a concave quadratic: one step
    assert all(r.game.finished for r in racers)


def test_w_runs_the_race_on_copies_and_animates_it(display, data_dir) -> None:
    app = _app("--expr", EXPR, "--mode", "lab")  # a race shows unprobed heights: the lab's, not a scored climb's
    app.dispatch(A.Action(A.PROBE, at=(-0.5, 0.5)))
    game = app.top.game
    app.dispatch(A.Action(A.RACE))
    race = _race(app)
    assert race.shown and len(game.probes) == 1 and not game.finished  # the player's game is untouched
    first = race.frame_key()
    assert [steps for _, steps, _, _ in race.rows()] == [0] * len(CLIMBERS)
    for _ in range(int(STEP_SECONDS * 60) + 2):
        app.step(1 / 60)
    assert race.frame_key() != first and all(steps <= 1 for _, steps, _, _ in race.rows())
    for _ in range(60 * 10):  # 25 probes a racer in lab mode, 0.35 s a step
        app.step(1 / 60)
    rows = race.rows()
    assert all(verdict in ("global", "local", "none") for _, _, _, verdict in rows)
    for (name, steps, height, _), racer in zip(rows, race.racers):
        assert steps == len(racer.game.probes) - 1 and height == racer.game.probes[-1].value
    app.draw()
    app.dispatch(A.Action(A.BACK))
    assert not race.shown and app.top is not None and hasattr(app.top, "game")


def test_the_race_uses_the_players_gamma_and_rule(display, data_dir) -> None:
    app = _app("--expr", "-(x^2 + y^2)", "--mode", "lab")
    app.dispatch(A.Action(A.PROBE, at=(2.0, 2.0)))
    climb = next(tool for tool in app.top.tools if isinstance(tool, ClimbTool))
    climb.climb.set_rule("dx = -0.5*x\ndy = 0")
    app.dispatch(A.Action(A.TUNE_DOWN))  # a climber key opens the bar (it starts folded)
    app.step(1 / 60)
    race = _race(app)
    boxes = climb.place(app.top.layout())
    app.dispatch(A.Action(A.CLICK, pos=boxes["race"].center))  # the bar's "Race" button
    assert race.shown
    racers = {r.climber: r for r in race.racers}
    g = racers["gradient"].game.probes
    assert (g[1].x, g[1].y) == pytest.approx((2.0 - 2 * 0.1 * 2.0, 2.0 - 2 * 0.1 * 2.0), abs=1e-7)
    r = racers["rule"].game.probes
    assert (r[1].x, r[1].y) == pytest.approx((1.0, 2.0), abs=1e-12)
    app.dispatch(A.Action(A.RACE))
    assert not race.shown


def test_race_flag_in_a_window_shows_the_same_climbers_as_its_json(capsys, display, data_dir, tmp_path) -> None:
    from game import cli
    import json

    shot = tmp_path / "race.png"
    argv = ["--headless", "--expr", EXPR, "--probe", "-0.5,0.5", "--race", "newton,rule", "--rule",
            "dx = 0.3*gx; dy = 0.3*gy", "--screenshot", str(shot)]
    assert cli.main(argv) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["climber"] for d in lines] == ["newton", "rule"] and shot.stat().st_size > 0
    app = _app(*argv[1:-2])
    app.dispatch(A.Action(A.PROBE, at=(-0.5, 0.5)))
    app.step(1 / 60)
    race = _race(app)
    assert [r.climber for r in race.racers] == ["newton", "rule"]
    for racer, line in zip(race.racers, lines):
        assert [[p.x, p.y, p.value] for p in racer.game.probes] == line["path"]
