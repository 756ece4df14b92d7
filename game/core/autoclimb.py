"""In-game auto-climb (the Sandpit's): textbook climbers with the player's γ and β, written as step rules.

Each climber is a step rule (surfaces/rule.py), so the same runner moves them all, x_{k+1} = clip(x_k + dx_k),
and the race and the learner's own rule follow exactly the same stop rules. The core returns codes; the
text layer words them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.core.model import Game
from game.core.rule_climber import RuleRun, next_point, start_run
from surfaces.calculus import classify_hessian

CLIMBERS = ("gradient", "momentum", "newton", "adam", "rule")
GAMMAS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 5.0)  # the step factor γ, from the keys - and =
BETAS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99)  # momentum β (Adam's first moment), Shift with - and =
GAMMA, BETA = 0.2, 0.9
ADAM_BETA2, ADAM_EPS = 0.999, 1e-8
DEFAULT_RULE = "dx = 0.5*gx\ndy = 0.5*gy"
NEWTON = "det = hxx*hyy - hxy^2\ndx = -(hyy*gx - hxy*gy)/det\ndy = -(hxx*gy - hxy*gx)/det"


def climber_rule(climber: str, gamma: float, beta: float, rule: str = DEFAULT_RULE) -> str:
    """The step rule of a climber (the learner's own for "rule"); numbers written so they read back exactly."""
    g, b = repr(float(gamma)), repr(float(beta))
    if climber == "gradient":
        return f"dx = {g}*gx\ndy = {g}*gy"
    if climber == "momentum":
        return f"vx = {b}*vx + gx\nvy = {b}*vy + gy\ndx = {g}*vx\ndy = {g}*vy"
    if climber == "newton":
        return NEWTON
    if climber == "adam":
        b2, c = repr(ADAM_BETA2), repr(1 - ADAM_BETA2)
        return (f"mx = {b}*mx + (1 - {b})*gx\nmy = {b}*my + (1 - {b})*gy\n"
                f"sx = {b2}*sx + {c}*gx^2\nsy = {b2}*sy + {c}*gy^2\n"
                f"dx = {g}*(mx/(1 - {b}^(k+1)))/(sqrt(sx/(1 - {b2}^(k+1))) + {ADAM_EPS!r})\n"
                f"dy = {g}*(my/(1 - {b}^(k+1)))/(sqrt(sy/(1 - {b2}^(k+1))) + {ADAM_EPS!r})")
    if climber == "rule":
        return rule
    raise ValueError(f"unknown climber {climber!r}; known: {', '.join(CLIMBERS)}")


def _nearest(values: tuple[float, ...], value: float) -> int:
    return min(range(len(values)), key=lambda i: abs(math.log((values[i] or 1e-3) / (value or 1e-3))))


def adjust(values: tuple[float, ...], value: float, direction: int) -> float:
    """The next value of the list up (+1) or down (-1) from `value`, staying at the ends."""
    index = _nearest(values, value) + (1 if direction > 0 else -1)
    return values[max(0, min(len(values) - 1, index))]


@dataclass
class StepOutcome:
    """What one auto-climb step did: the point to probe (None: the run stopped, `stop` says why) and warnings."""

    point: tuple[float, float] | None
    stop: str | None = None
    warning: str | None = None  # "newton_not_concave": H is not negative definite, Newton jumps anyway


@dataclass
class AutoClimb:
    """The chosen climber, γ, β and the learner's rule; one run (own variables, k) until something changes."""

    climber: str = "gradient"
    gamma: float = GAMMA
    beta: float = BETA
    rule: str = DEFAULT_RULE
    run: RuleRun | None = field(default=None, repr=False)

    def reset(self) -> None:
        """Start the climber afresh (its variables 0, k = 0): after a change or a manual probe."""
        self.run = None

    def choose(self, climber: str | None = None) -> str:
        """Choose `climber`, or the next one in CLIMBERS."""
        if climber is None:
            climber = CLIMBERS[(CLIMBERS.index(self.climber) + 1) % len(CLIMBERS)]
        if climber not in CLIMBERS:
            raise ValueError(f"unknown climber {climber!r}")
        self.climber = climber
        self.reset()
        return climber

    def tune(self, name: str, direction: int) -> float:
        """γ ("gamma") or β ("beta") one notch up or down; returns the new value."""
        if name == "beta":
            self.beta = adjust(BETAS, self.beta, direction)
            value = self.beta
        else:
            self.gamma = adjust(GAMMAS, self.gamma, direction)
            value = self.gamma
        self.reset()
        return value

    def set_rule(self, text: str) -> None:
        """Use a new rule of the learner's (already checked) for the "rule" climber."""
        self.rule = text
        if self.climber == "rule":
            self.reset()

    def step(self, game: Game) -> StepOutcome:
        """Where the climber goes next from the latest probe (the start without one)."""
        if self.run is None or self.run.stop is not None:
            self.run = start_run(climber_rule(self.climber, self.gamma, self.beta, self.rule))
        warning = None
        last = game.last
        if self.climber == "newton" and last is not None and last.defined:
            (hxx, hxy), (_, hyy) = last.hessian
            if classify_hessian(hxx, hxy, hyy, tol=0.0).kind != "maximum":
                warning = "newton_not_concave"
        point = next_point(game, self.run)
        return StepOutcome(point, self.run.stop if point is None else None, warning)


__all__ = ["AutoClimb", "BETAS", "CLIMBERS", "DEFAULT_RULE", "GAMMAS", "NEWTON", "StepOutcome", "adjust",
           "climber_rule"]
