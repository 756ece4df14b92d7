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
    """The level as lab mode plays it: the same surface, start and tolerance, with LAB_PROBES probes."""
    return dataclasses.replace(level, probes=LAB_PROBES, par=LAB_PROBES)


__all__ = ["LAB", "LAB_PROBES", "is_lab", "reveals_map", "lab_level"]
