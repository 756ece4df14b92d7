"""Lab mode's rules (--mode lab): the map revealed, unlimited probes, every lab overlay available, no claim, no score."""

from __future__ import annotations

import dataclasses
from typing import Any

LAB = "lab"
LAB_PROBES = 999  # "unlimited": more probes than a demonstration ever places


def is_lab(options: Any) -> bool:
    """True in lab mode."""
    return getattr(options, "mode", "play") == LAB


def reveals_map(options: Any) -> bool:
    """True when the play map shows without fog: lab mode, or --reveal (a figure for a slide)."""
    return is_lab(options) or bool(getattr(options, "reveal", False))


def lab_level(level: Any) -> Any:
    """The level as lab mode plays it: the same surface and tolerance, LAB_PROBES probes, no fixed first probe, and
    its mode "lab" (the panel says so instead of a budget and a score)."""
    return dataclasses.replace(level, probes=LAB_PROBES, start=None, mode=LAB)


def level_for(options: Any, level: Any) -> Any:
    """The level a run plays: lab mode's (lab_level); with --reveal (a figure) the first probe goes where the script
    says instead of the level's fixed start; else the level unchanged (None stays None)."""
    if level is None:
        return None
    if is_lab(options):
        return lab_level(level)
    if getattr(options, "reveal", False) and level.start is not None:
        return dataclasses.replace(level, start=None)
    return level


def lab_summary(options: Any, data: dict) -> dict:
    """A scripted run's JSON line: in lab mode score and stars are null and "mode" says "lab" (nothing was scored)."""
    if not is_lab(options):
        return data
    return {**data, "score": None, "stars": None, "mode": LAB}


__all__ = ["LAB", "LAB_PROBES", "is_lab", "reveals_map", "lab_level", "level_for", "lab_summary"]
