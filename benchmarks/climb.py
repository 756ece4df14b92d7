"""Section: climbers — one step-rule step (µs), one auto-climb step with its probe (µs), one race frame (ms)."""

from __future__ import annotations

import dataclasses
from typing import Any

from benchmarks.config import FRAME_SIZE, RULE_STEP_TARGET_US, Plan
from benchmarks.scene import richest_level
from benchmarks.timing import random_points, summarize, time_each

MOMENTUM = "vx = 0.9*vx + gx\nvy = 0.9*vy + gy\ndx = 0.1*vx\ndy = 0.1*vy"
NEWTON = "det = hxx*hyy - hxy^2\ndx = -(hyy*gx - hxy*gy)/det\ndy = -(hxx*gy - hxy*gx)/det"


def _rule_steps(text: str, points: list[tuple[float, float]]) -> list[int]:
    from surfaces.rule import compile_rule

    rule = compile_rule(text)
    state = rule.new_state()
    return time_each(lambda x, y: rule.step(state, x, y, 1.0, 0.3, -0.2, -1.5, 0.2, -0.8, 3), points)


def _autoclimb_steps(level: Any, n: int) -> list[int]:
    """One A-key step: the climber's rule at the latest probe, then the probe (a fresh game per 20 steps)."""
    from game.core.autoclimb import AutoClimb
    from game.core.model import Game

    roomy = dataclasses.replace(level, probes=10 ** 6)
    samples: list[int] = []
    while len(samples) < n:
        game, climb = Game(roomy), AutoClimb(climber="momentum", gamma=0.05)
        game.probe(*game.forced_start) if game.forced_start else game.probe(0.0, 0.0)

        def step() -> None:
            outcome = climb.step(game)
            if outcome.point is not None:
                game.probe(*outcome.point)
        samples += time_each(step, [()] * 20, warmup=0)
    return samples[:n]


def _race_frames(level: Any, plan: Plan) -> list[int]:
    """A frame of the play scene while the race animates (App.step with a draw, 1280×800)."""
    import pygame

    from game.core import actions as A
    from game.core.options import parse_args
    from game.core.storage import MemoryBackend, Store
    from game.ui.app import HEADLESS_DT, App

    screen = pygame.display.set_mode(FRAME_SIZE)
    app = App(parse_args(["--headless"]), screen, store=Store(MemoryBackend()), start_level=level)
    app.dispatch(A.Action(A.PROBE, at=level.start or (0.0, 0.0)))
    app.dispatch(A.Action(A.RACE))

    def frame() -> None:
        app.invalidate()
        app.step(HEADLESS_DT)
        pygame.display.flip()

    return time_each(frame, [()] * max(10, plan.frames // 3), warmup=5)


def bench_climb(levels: list, plan: Plan) -> dict:
    """µs per rule step (momentum, Newton), µs per auto-climb step with its probe, ms per race frame."""
    level = richest_level(levels)
    points = random_points(level.surface.domain, plan.probe_calls)
    out = {
        "level": level.id,
        "rule_step_momentum": summarize(_rule_steps(MOMENTUM, points), "us"),
        "rule_step_newton": summarize(_rule_steps(NEWTON, points), "us"),
        "autoclimb_step": summarize(_autoclimb_steps(level, plan.probe_calls // 3), "us"),
        "race_frame": summarize(_race_frames(level, plan)),
        "target_us": RULE_STEP_TARGET_US,
    }
    out["ok"] = out["rule_step_newton"]["median_us"] <= RULE_STEP_TARGET_US
    return out
