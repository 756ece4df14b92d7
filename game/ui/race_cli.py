"""The headless race (`--race`: one JSON line per climber) and the note a rule's non-finite stop gets on stderr."""

from __future__ import annotations

import json

import surfaces
from game.core.options import Options
from game.core.race import race_summary, run_race
from game.text.catalog import t

RACE_FRAMES = 420  # headless frames for `--race --screenshot`: every racer's path is drawn by then (7 s)


def rule_note(stop: str | None, lang: str = "en", climber: str = "rule") -> str | None:
    """What to say on stderr when a rule gave a non-finite step (the run still claims and reports), else None."""
    return t("climb.stop.nonfinite", lang, climber=climber) if stop == "nonfinite" else None


def race_lines(options: Options, level: surfaces.Level | None) -> list[tuple[str | None, str]]:
    """Every climber of --race on the level from the same start: (note for stderr or None, JSON line) each."""
    level = level if level is not None else surfaces.builtin_levels()[0]
    return [(rule_note(racer.stop, options.lang, racer.climber), json.dumps(race_summary(racer), allow_nan=False))
            for racer in run_race(level, options.race, options.rule, options.probes)]


__all__ = ["RACE_FRAMES", "race_lines", "rule_note"]
