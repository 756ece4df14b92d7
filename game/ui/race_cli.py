"""The headless race (`--race`: one JSON line per climber) and the note a rule's non-finite stop prints."""

from __future__ import annotations

import json
import sys

import surfaces
from game.core.options import Options
from game.core.race import race_summary, run_race
from game.text.catalog import t


def rule_notice(stop: str | None, lang: str = "en", climber: str = "rule") -> None:
    """A rule that gave a non-finite step is said on stderr (the run still claims and reports)."""
    if stop == "nonfinite":
        print(t("climb.stop.nonfinite", lang, climber=climber), file=sys.stderr)


def race_report(options: Options, level: surfaces.Level | None) -> int:
    """Run every climber of --race on the level from the same start and print one JSON line each."""
    level = level if level is not None else surfaces.builtin_levels()[0]
    for racer in run_race(level, options.race, options.rule, options.probes):
        data = race_summary(racer)
        rule_notice(racer.stop, options.lang, racer.climber)
        print(json.dumps(data, allow_nan=False), flush=True)
    return 0


__all__ = ["race_report", "rule_notice"]
