"""What the game saves: the player's progress (best score and stars per level), with its validator."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from surfaces.errors import brief


FORMAT_VERSION = 1  # "version" written into the progress file
LEVEL_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_STARS = 3
PROGRESS = "progress"  # store name of the progress file


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass
class LevelRecord:
    """The best result on one level."""

    best: int = 0  # best total score
    stars: int = 0  # most stars (0..3)


@dataclass
class Progress:
    """Best score and stars per level id, and levels unlocked explicitly (e.g. by a teacher)."""

    levels: dict[str, LevelRecord] = field(default_factory=dict)
    unlocked: set[str] = field(default_factory=set)

    def record(self, level_id: str, score: int, stars: int) -> bool:
        """Remember a finished play; keeps the best score and the most stars. True when either improved."""
        old = self.levels.get(level_id, LevelRecord(-1, -1))
        new = LevelRecord(max(old.best, int(score), 0), max(old.stars, min(MAX_STARS, max(0, int(stars)))))
        self.levels[level_id] = new
        return new.best > old.best or new.stars > old.stars

    def best(self, level_id: str) -> LevelRecord | None:
        """The record of a level, or None if it was never finished."""
        return self.levels.get(level_id)

    def total_stars(self) -> int:
        """Stars over all levels."""
        return sum(record.stars for record in self.levels.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "version": FORMAT_VERSION,
            "levels": {key: {"best": rec.best, "stars": rec.stars} for key, rec in sorted(self.levels.items())},
            "unlocked": sorted(self.unlocked),
        }

    @staticmethod
    def problems(data: Any) -> list[str]:
        """What is wrong with a loaded progress dict (empty when it is valid)."""
        if not isinstance(data, dict):
            return [f"expected an object, found {type(data).__name__}"]
        problems = []
        levels = data.get("levels", {})
        if not isinstance(levels, dict):
            problems.append(f"'levels' must be an object, found {type(levels).__name__}")
            levels = {}
        for key, record in levels.items():
            if not LEVEL_ID_PATTERN.fullmatch(key):
                problems.append(f"'levels': {brief(key)} is not a level id")
            elif not isinstance(record, dict):
                problems.append(f"'levels.{key}' must be an object")
            else:
                best, stars = record.get("best"), record.get("stars")
                if not _is_int(best) or best < 0:
                    problems.append(f"'levels.{key}.best' must be a whole number >= 0, found {brief(best)}")
                if not _is_int(stars) or not 0 <= stars <= MAX_STARS:
                    problems.append(f"'levels.{key}.stars' must be 0..{MAX_STARS}, found {brief(stars)}")
        unlocked = data.get("unlocked", [])
        if not isinstance(unlocked, list) or not all(isinstance(i, str) and LEVEL_ID_PATTERN.fullmatch(i)
                                                     for i in unlocked):
            problems.append("'unlocked' must be a list of level ids")
        return problems

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Progress:
        """Build from a dict that passed `problems` (an empty dict gives the defaults)."""
        levels = {key: LevelRecord(int(rec["best"]), int(rec["stars"])) for key, rec in data.get("levels", {}).items()}
        return cls(levels, set(data.get("unlocked", [])))


VALIDATORS: dict[str, Callable[[Any], list[str]]] = {PROGRESS: Progress.problems}


__all__ = ["LevelRecord", "Progress", "VALIDATORS", "PROGRESS"]
