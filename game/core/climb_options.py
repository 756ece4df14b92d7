"""The climbers' option values: --rule (a step rule, checked at once) and --race (a list of climbers)."""

from __future__ import annotations

from typing import Any

from game.core.option_values import AUTOPLAY, OptionsError
from surfaces.errors import brief

MAX_RULE_LENGTH = 2000  # surfaces.rule_parse's limit (the parser is imported only when a rule is given)

RACERS = AUTOPLAY  # gradient, newton, momentum, adam, rule
MAX_RACERS = 8


def rule(name: str, raw: str) -> str:
    """A step rule's text, compiled once so a bad rule is one line naming its line and column."""
    value = raw.strip()
    if not value:
        raise OptionsError(f"--{name}: needs a step rule, e.g. \"dx = 0.5*gx; dy = 0.5*gy\"")
    if len(value) > MAX_RULE_LENGTH:
        raise OptionsError(f"--{name}: rule is {len(value)} characters long; the limit is {MAX_RULE_LENGTH}")
    from surfaces.rule import RuleError, compile_rule  # here: main.py's start-up does not load the rule engine

    try:
        compile_rule(value)
    except RuleError as error:
        raise OptionsError(f"--{name}: {' '.join(str(error).split())}") from None
    return value


def race(name: str, raw: str) -> tuple[str, ...]:
    """Climbers separated by commas, each once: gradient, momentum, newton, adam, rule."""
    names = tuple(part.strip().lower() for part in raw.split(","))
    if len(names) > MAX_RACERS or len(raw) > 200:
        raise OptionsError(f"--{name}: at most {MAX_RACERS} climbers")
    for part in names:
        if part not in RACERS:
            raise OptionsError(f"--{name}: {brief(part)} is not one of {', '.join(RACERS)}")
    if len(set(names)) != len(names):
        raise OptionsError(f"--{name}: each climber runs once")
    return names


def check(values: dict[str, Any]) -> None:
    """The climbers' combinations: `rule` as a climber needs --rule; --race is not --autoplay."""
    if values.get("autoplay") == "rule" and not values.get("rule"):
        raise OptionsError("--autoplay rule needs a step rule: give --rule \"dx = 0.5*gx; dy = 0.5*gy\"")
    if "rule" in values.get("race", ()) and not values.get("rule"):
        raise OptionsError("--race with rule needs a step rule: give --rule \"dx = 0.5*gx; dy = 0.5*gy\"")
    if values.get("race") and (values.get("autoplay") or values.get("replay") or values.get("fuzz")):
        raise OptionsError("--race runs its own climbers: use it without --autoplay, --replay or --fuzz")


__all__ = ["MAX_RACERS", "RACERS", "check", "race", "rule"]
