"""The learner's step rule as a climber (DESIGN "Step rules"): x_{k+1} = clip(x_k + dx_k), and when it stops."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from game.core.climbers import clip, start_point
from game.core.model import Game, Probe
from surfaces.rule import StepRule, compile_rule

# why a rule's run ended (the text layer words them): the budget is spent, the step was shorter than the repeat
# distance, the rule gave a non-finite dx or dy, or the probe was refused
STOPS = ("budget", "short", "nonfinite", "refused")


@dataclass
class RuleRun:
    """One run of a rule: its own variables, the step number and, once it ended, why (one of STOPS)."""

    rule: StepRule
    registers: list[float] = field(default_factory=list)
    k: int = 0
    stop: str | None = None
    last_step: tuple[float, float] | None = None  # the (dx, dy) the rule gave last

    def __post_init__(self) -> None:
        if not self.registers:
            self.registers = self.rule.new_state()


def start_run(rule: StepRule | str) -> RuleRun:
    """A fresh run (own variables 0, k = 0); a text is compiled first (RuleError on a bad rule)."""
    return RuleRun(rule if isinstance(rule, StepRule) else compile_rule(rule))


def rule_step(run: RuleRun, probe: Probe) -> tuple[float, float]:
    """(dx, dy) of the rule at `probe` (its height, the gradient and Hessian the HUD shows); advances k."""
    gx, gy = probe.gradient
    (hxx, hxy), (_, hyy) = probe.hessian
    dx, dy = run.rule.step(run.registers, probe.x, probe.y, probe.value, gx, gy, hxx, hxy, hyy, run.k)
    run.k += 1
    run.last_step = (dx, dy)
    return dx, dy


def next_point(game: Game, run: RuleRun) -> tuple[float, float] | None:
    """Where the rule goes next from the latest probe, or None when the run ends (run.stop says why)."""
    if run.stop is not None:
        return None
    last = game.last
    if last is None:
        return start_point(game)
    if game.finished or game.probes_left == 0:
        run.stop = "budget"
        return None
    dx, dy = rule_step(run, last)
    if not (math.isfinite(dx) and math.isfinite(dy)):
        run.stop = "nonfinite"
        return None
    x, y = clip(game, last.x + dx, last.y + dy)
    if math.hypot(x - last.x, y - last.y) < game.repeat_distance:
        run.stop = "short"
        return None
    return x, y


def next_move(game: Game, run: RuleRun) -> tuple[Any, ...]:
    """("probe", x, y) or ("claim",): the rule's next action (it claims the last probe when it stops)."""
    if game.finished:
        return ("claim",)
    point = next_point(game, run)
    return ("claim",) if point is None else ("probe", *point)


def play_rule(game: Game, run: RuleRun) -> Game:
    """Play `game` on with the rule from its latest probe (or the start) to the claim. Deterministic."""
    for _ in range(game.budget + 2):
        move = next_move(game, run)
        if move[0] == "claim":
            break
        if game.probe(move[1], move[2]) is None:
            run.stop = "refused"
            break
    if not game.finished and game.probes:
        game.claim()
    return game


__all__ = ["RuleRun", "STOPS", "clip", "next_move", "next_point", "play_rule", "rule_step", "start_point",
           "start_run"]
