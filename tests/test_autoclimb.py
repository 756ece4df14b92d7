"""In-game auto-climb: the textbook climbers as step rules (core) and the play tool (A, Shift+A, O, - =, buttons)."""

from __future__ import annotations

import math

import numpy as np
import pygame
import pytest

import surfaces
from game.core import actions as A
from game.core.autoclimb import BETAS, CLIMBERS, GAMMAS, AutoClimb, adjust, climber_rule
from game.core.model import Game
from game.core.options import parse_args
from game.core.rule_climber import play_rule, start_run
from game.core.storage import MemoryBackend, Store
from game.ui.app import App
from game.ui.input import InputMapper
from game.ui.startup import prepare
from game.ui.tools.climb import ClimbTool

QUADRATIC = "-(0.6*(x-0.4)^2 + 0.3*(x-0.4)*(y+0.7) + 1.1*(y+0.7)^2)"


def _game(expr: str = QUADRATIC, start: tuple[float, float] = (2.0, 1.5)) -> Game:
    game = Game(surfaces.custom_level(surfaces.from_expression(expr, domain=(-3, 3, -3, 3))))
    game.probe(*start)
    return game


def _exact_gradient(x: float, y: float) -> tuple[float, float]:
    u, v = x - 0.4, y + 0.7
    return -(1.2 * u + 0.3 * v), -(0.3 * u + 2.2 * v)


def test_gradient_climber_is_x_plus_gamma_g() -> None:
    game = _game()
    play_rule(game, start_run(climber_rule("gradient", 0.3, 0.9)))
    for here, there in zip(game.probes, game.probes[1:]):
        gx, gy = _exact_gradient(here.x, here.y)
        assert (there.x, there.y) == pytest.approx((here.x + 0.3 * gx, here.y + 0.3 * gy), abs=1e-7)


def test_newton_climber_reaches_a_concave_quadratic_summit_in_one_step() -> None:
    game = _game()
    play_rule(game, start_run(climber_rule("newton", 0.3, 0.9)))
    assert (game.probes[1].x, game.probes[1].y) == pytest.approx((0.4, -0.7), abs=1e-6)


def test_momentum_and_adam_follow_their_textbook_formulas() -> None:
    for climber in ("momentum", "adam"):
        game = _game()
        gamma, beta = 0.05, 0.8
        play_rule(game, start_run(climber_rule(climber, gamma, beta)))
        v = m = s = np.zeros(2)
        for k, (here, there) in enumerate(zip(game.probes, game.probes[1:])):
            g = np.array(_exact_gradient(here.x, here.y))
            if climber == "momentum":
                v = beta * v + g
                step = gamma * v
            else:
                m = beta * m + (1 - beta) * g
                s = 0.999 * s + 0.001 * g * g
                step = gamma * (m / (1 - beta ** (k + 1))) / (np.sqrt(s / (1 - 0.999 ** (k + 1))) + 1e-8)
            assert np.allclose([there.x - here.x, there.y - here.y], step, atol=1e-6), (climber, k)


def test_every_climber_rule_compiles_and_the_tuning_stays_in_its_lists() -> None:
    for climber in CLIMBERS:
        start_run(climber_rule(climber, 0.1, 0.9))
    assert adjust(GAMMAS, GAMMAS[-1], 1) == GAMMAS[-1] and adjust(GAMMAS, GAMMAS[0], -1) == GAMMAS[0]
    assert adjust(BETAS, 0.9, 1) == 0.95 and adjust(BETAS, 0.0, -1) == 0.0 and adjust(BETAS, 0.0, 1) == 0.5
    climb = AutoClimb()
    assert [climb.choose() for _ in CLIMBERS] == list(CLIMBERS[1:] + CLIMBERS[:1])


def test_newton_on_a_saddle_warns_and_jumps_anyway() -> None:
    game = _game("x^2 - y^2 + 0.5*x", (1.0, 1.0))
    climb = AutoClimb(climber="newton")
    outcome = climb.step(game)
    assert outcome.warning == "newton_not_concave"
    assert outcome.point == pytest.approx((-0.25, 0.0), abs=1e-6)  # the saddle: −H⁻¹g leads there


# --- the play tool through the real app ----------------------------------------------------------------------------

def _app(*argv: str) -> App:
    options, replay, level = prepare(parse_args(["--headless", *argv]))
    screen = pygame.display.set_mode(options.size or (1280, 800))
    app = App(options, screen, store=Store(MemoryBackend()), replay=replay, start_level=level)
    app.step(1 / 60)
    return app


def _tool(app: App) -> ClimbTool:
    return next(tool for tool in app.top.tools if isinstance(tool, ClimbTool))


def test_keys_map_to_climb_actions() -> None:
    def press(key: int, mod: int = 0) -> list[A.Action]:
        return InputMapper().map(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0), (800, 600))

    assert press(pygame.K_a) == [A.Action(A.CLIMB)]
    assert press(pygame.K_a, pygame.KMOD_LSHIFT) == [A.Action(A.CLIMB, fine=True)]
    assert press(pygame.K_o) == [A.Action(A.CLIMBER)]
    assert press(pygame.K_MINUS) == [A.Action(A.TUNE_DOWN)]
    assert press(pygame.K_EQUALS, pygame.KMOD_LSHIFT) == [A.Action(A.TUNE_UP, fine=True)]


def test_a_steps_once_and_shift_a_five_times_scored_like_probes(display, data_dir) -> None:
    app = _app("--expr", QUADRATIC, "--size", "1280x800")
    game = app.top.game
    app.dispatch(A.Action(A.PROBE, at=(2.0, 1.5)))
    app.dispatch(A.Action(A.CLIMB))
    assert len(game.probes) == 2
    gx, gy = _exact_gradient(2.0, 1.5)
    assert (game.probes[1].x, game.probes[1].y) == pytest.approx((2.0 + 0.2 * gx, 1.5 + 0.2 * gy), abs=1e-7)
    app.dispatch(A.Action(A.CLIMB, fine=True))
    assert len(game.probes) == 7 and game.probes_left == game.budget - 7
    assert game.probes[-1].step != "first" and app.top.game.score().total >= 0


def test_tuning_and_choosing_change_the_next_step(display, data_dir) -> None:
    app = _app("--expr", QUADRATIC)
    tool = _tool(app)
    app.dispatch(A.Action(A.TUNE_UP))
    assert tool.climb.gamma == 0.3
    app.dispatch(A.Action(A.TUNE_DOWN, fine=True))
    assert tool.climb.beta == 0.8 and tool.climb.gamma == 0.3
    app.dispatch(A.Action(A.CLIMBER))
    assert tool.climb.climber == "momentum" and "Momentum" in app.top.message
    app.dispatch(A.Action(A.PROBE, at=(-2.0, 2.0)))
    app.dispatch(A.Action(A.CLIMB))
    game = app.top.game
    gx, gy = _exact_gradient(-2.0, 2.0)
    assert (game.probes[1].x, game.probes[1].y) == pytest.approx((-2.0 + 0.3 * gx, 2.0 + 0.3 * gy), abs=1e-7)


def test_the_climb_stops_with_a_message_when_the_step_is_too_short(display, data_dir) -> None:
    app = _app("--expr", "-(x^2 + y^2)")
    app.dispatch(A.Action(A.PROBE, at=(0.0, 0.0)))  # at the summit: the gradient step is zero
    app.dispatch(A.Action(A.CLIMB, fine=True))
    assert len(app.top.game.probes) == 1 and "repeat distance" in app.top.message


def test_newton_warning_shows_in_the_game(display, data_dir) -> None:
    app = _app("--expr", "x^2 - y^2 + 0.5*x")
    app.dispatch(A.Action(A.CLIMBER, text="newton"))
    app.dispatch(A.Action(A.PROBE, at=(1.0, 1.0)))
    app.dispatch(A.Action(A.CLIMB, fine=True))
    game = app.top.game
    assert len(game.probes) == 2 and "not negative definite" in app.top.message
    assert math.hypot(game.probes[1].x + 0.25, game.probes[1].y) < 1e-6


def test_buttons_climb_by_mouse_and_touch(display, data_dir) -> None:
    app = _app("--expr", QUADRATIC, "--size", "1280x800")
    app.dispatch(A.Action(A.PROBE, at=(2.0, 1.5)))
    app.step(1 / 60)
    folded = _tool(app).place(app.top.layout())
    assert set(folded) == {"open"}  # one button until the player opens the bar: the map stays the player's
    app.step(1 / 60)  # drawn: the tool knows where its buttons are
    app.dispatch(A.Action(A.CLICK, pos=folded["open"].center))
    assert len(app.top.game.probes) == 1 and _tool(app).expanded  # opening probes nothing
    app.step(1 / 60)
    boxes = _tool(app).place(app.top.layout())
    assert {"step", "five", "climber", "gamma-", "gamma+", "close"} <= set(boxes)
    app.dispatch(A.Action(A.CLICK, pos=boxes["step"].center))
    assert len(app.top.game.probes) == 2
    app.dispatch(A.Action(A.CLICK, pos=boxes["five"].center))
    assert len(app.top.game.probes) == 7
    app.dispatch(A.Action(A.CLICK, pos=boxes["climber"].center))
    assert _tool(app).climb.climber == "momentum"
    map_rect = pygame.Rect(tuple(app.top.layout().map_rect))
    assert all(map_rect.contains(box) for box in boxes.values())
