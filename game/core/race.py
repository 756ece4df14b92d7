"""The optimiser race, pure: each climber plays its own copy of the level from the same start (`--race`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core import climbers, rule_climber
from game.core.autoclimb import CLIMBERS, climber_rule
from game.core.model import Game
from surfaces import Level


@dataclass
class Racer:
    """One climber's game; `stop` says why a rule's run ended (None for the built-in climbers)."""

    climber: str
    game: Game
    stop: str | None = None


def run_one(level: Level, climber: str, rule: str | None = None,
            probes: tuple[tuple[float, float], ...] = ()) -> Racer:
    """Play `level` with one climber after the given probes (the shared start), to the claim."""
    game = Game(level)
    for x, y in probes:
        game.probe(x, y)
    if climber == "rule":
        if rule is None:
            raise ValueError("the rule climber needs a step rule")
        run = rule_climber.start_run(rule)
        rule_climber.play_rule(game, run)
        return Racer(climber, game, run.stop)
    state: dict[str, Any] = {}
    for _ in range(game.budget + 2):
        move = climbers.next_move(game, climber, state)
        if move[0] == "claim":
            break
        if game.probe(move[1], move[2]) is None:
            break
    else:
        move = ("claim",)
    if not game.finished:
        game.claim(game.probe_index(move[1], move[2]) if len(move) == 3 else None)
    return Racer(climber, game)


def run_race(level: Level, racers: tuple[str, ...], rule: str | None = None,
             probes: tuple[tuple[float, float], ...] = ()) -> list[Racer]:
    """Every climber in order, each on its own game from the same start."""
    return [run_one(level, name, rule, probes) for name in racers]


def race_summary(racer: Racer) -> dict[str, Any]:
    """The climber's JSON line: the --autoplay line plus "climber" (and "stop" for a rule)."""
    data = climbers.summary(racer.game)
    data["climber"] = racer.climber
    if racer.stop is not None:
        data["stop"] = racer.stop
    return data


__all__ = ["Racer", "race_summary", "run_one", "run_race", "run_textbook"]


def run_textbook(level: Level, start: tuple[float, float] | None, gamma: float, beta: float,
                 rule: str) -> list[Racer]:
    """The in-game race: every climber of autoclimb.CLIMBERS (γ, β and the learner's rule as set), each on its own
    game from the same first probe `start` (None: the level's start or the map's middle)."""
    racers = []
    for name in CLIMBERS:
        game = Game(level)
        game.probe(*(start if start is not None else rule_climber.start_point(game)))
        run = rule_climber.start_run(climber_rule(name, gamma, beta, rule))
        rule_climber.play_rule(game, run)
        racers.append(Racer(name, game, run.stop))
    return racers
