"""The classroom's start-up checks: a teacher's level file (--level FILE.json), --export-csv, --class."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import surfaces
from game.core.classlist import load_class
from game.core.levels import level_problems
from game.core.options import Options
from game.text.errors import one_based

if TYPE_CHECKING:
    from surfaces import Level


def is_level_file(ref: str) -> bool:
    """True when --level names a file (FILE.json) rather than a built-in level's id."""
    return ref.lower().endswith(".json")


def level_file(path: str) -> "Level":
    """The teacher's level file, checked by the rules of `uphill check-level`; ValueError with one line."""
    if not os.path.isfile(path):
        raise ValueError(f"--level {path}: " + ("is a folder, not a level file" if os.path.isdir(path)
                                                 else "no such file"))
    try:
        problems = level_problems(path)
    except (OSError, ValueError) as error:
        problems = [f"{path}: {error}"]
    if problems:
        first = one_based(" ".join(str(problems[0]).split()))
        more = f" (and {len(problems) - 1} more: see `uphill check-level {path}`)" if len(problems) > 1 else ""
        raise ValueError(f"--level {first}{more}")
    return surfaces.load_level(path)


def check_class_options(options: Options, level: "Level | None" = None) -> None:
    """ValueError (one line) for flags --class cannot go with, or when no recording given to --class is usable."""
    if not options.classes:
        return
    for flag, used in (("probe", options.probes), ("claim", options.claim), ("autoplay", options.autoplay),
                       ("replay", options.replay), ("fuzz", options.fuzz), ("record", options.record)):
        if used:
            raise ValueError(f"--class and --{flag} cannot be used together: --class shows finished recordings")
    students, skipped = load_class(options.classes, level.id if level is not None else None)
    if not students:
        lines = [one_based(item.line()) for item in skipped] or ["--class: no recording (*.json) found"]
        raise ValueError("\n".join(lines[:20] + ["--class: no usable recording; nothing to show"]))


def skipped_lines(options: Options, level: "Level | None" = None) -> list[str]:
    """One English line per recording --class leaves out (broken, unfinished, of another level), for stderr."""
    if not options.classes:
        return []
    students, skipped = load_class(options.classes, level.id if level is not None else None)
    shown = level.id if level is not None else students[0].level if students else ""
    return [one_based(item.line(shown)) for item in skipped]


__all__ = ["is_level_file", "level_file", "check_class_options", "skipped_lines"]
