"""Depth mode (heights only, the Sandpit's first mode) and the budget warning when few probes are left."""

from __future__ import annotations

import math

from game.core.model import Game

# what depth mode never shows: the arrows, the Taylor plate and check, the Hessian and the lab's slope tools
DEPTH_HIDDEN = frozenset(("arrows", "taylor", "hessian", "gradient-lab", "slice", "hessian-axes", "taylor-contours"))
HURRY_SHARE = 0.12  # warn with this share of the budget left (the Sandpit said "Hurry up!" at 22 of 25: 3 left)
HURRY_MIN = 2  # ... and never later than with this many left


def is_depth(mode: str, level_mode: str = "play") -> bool:
    """True when the run (--mode depth) or the level ("mode": "depth") plays by heights only."""
    return mode == "depth" or level_mode == "depth"


def hurry_at(budget: int) -> int:
    """How many probes left start the warning, for a budget."""
    return max(HURRY_MIN, math.ceil(HURRY_SHARE * budget - 1e-9)) if budget > HURRY_MIN else 1


def hurry(game: Game) -> int | None:
    """The probes left when they are few (the warning shows), else None; none once the game is finished."""
    left = game.probes_left
    if game.finished or left <= 0 or not game.probes or left > hurry_at(game.budget):
        return None
    return left


__all__ = ["DEPTH_HIDDEN", "HURRY_MIN", "HURRY_SHARE", "hurry", "hurry_at", "is_depth"]
