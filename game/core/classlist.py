"""A class's recordings read together: each student's finished climb (name, path, verdict, score) on one level.

A recording (game.core.record) keeps the summary of its last finished game under "result"; that is what the
class overlay shows. A broken file, one without a finished game, or one of another level is named and skipped."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

from game.core import options as opts
from game.core.record import FORMAT, VERSION, ReplayError, _read_json

MAX_FILES = 200  # a folder with more recordings than a class has is read only up to this many
MAX_NAME = 40  # a player name longer than this is cut
MAX_PATH = opts.MAX_PROBES  # no game has more probes than a level allows; a longer path is not a game
VERDICTS = ("global", "local", "none")


@dataclass(frozen=True)
class Student:
    """One student's finished climb, as recorded."""

    name: str  # the recording's "player", else the file's name without .json
    file: str
    level: str  # the level's id (a built-in id, a class code, "custom", or a teacher's file's id)
    path: tuple[tuple[float, float, float | None], ...]  # every probe in order: x, y, height (None: undefined)
    verdict: str | None  # one of VERDICTS
    score: int
    stars: int
    options: opts.Options  # how the recording started (its level file, class code or formula)


@dataclass(frozen=True)
class Skipped:
    """A file left out: `code` is "broken" (with the English reason in `detail`), "unfinished" or "foreign"
    (`detail`: the level it is of)."""

    file: str
    code: str
    detail: str = ""

    def line(self, level: str = "") -> str:
        """The English line for the terminal."""
        if self.code == "foreign":
            return f"{self.file}: a recording of level '{self.detail}', not '{level}'; skipped"
        if self.code == "unfinished":
            return f"{self.file}: no finished game in this recording; skipped"
        return f"{self.detail}; skipped"


def expand(paths: tuple[str, ...] | list[str]) -> list[str]:
    """The recording files named: a file as given, a folder's *.json files in name order (not its subfolders)."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            try:
                names = sorted(name for name in os.listdir(path) if name.lower().endswith(".json"))
            except OSError:
                names = []
            files += [os.path.join(path, name) for name in names if os.path.isfile(os.path.join(path, name))]
        else:
            files.append(path)
    return files[:MAX_FILES]


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"not a finite number: {str(value)[:30]}")
    return float(value)


def _path(points: Any) -> tuple[tuple[float, float, float | None], ...]:
    if not isinstance(points, list) or not 0 < len(points) <= MAX_PATH:
        raise ValueError('"result": "path" must be a list of 1 to {} probes'.format(MAX_PATH))
    out = []
    for point in points:
        if not isinstance(point, list) or len(point) != 3:
            raise ValueError('"result": "path" must hold [x, y, f] triples')
        out.append((_number(point[0]), _number(point[1]), None if point[2] is None else _number(point[2])))
    return tuple(out)


def _name(data: dict[str, Any], file: str) -> str:
    name = data.get("player")
    if not isinstance(name, str) or not "".join(ch for ch in name if ch.isprintable()).strip():
        name = os.path.splitext(os.path.basename(file))[0]
    name = " ".join("".join(ch for ch in name if ch.isprintable()).split())
    return name if len(name) <= MAX_NAME else name[:MAX_NAME - 1] + "…"


def read_student(file: str) -> Student | Skipped:
    """One recording as a Student, or the reason it is skipped."""
    try:
        data = _read_json(file)
    except ReplayError as error:
        return Skipped(file, "broken", str(error))
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError("not an Uphill recording")
        options, problems = opts.parse_query(data.get("options") if isinstance(data.get("options"), str) else "")
        result = data.get("result")
        if result is None:
            return Skipped(file, "unfinished")
        if not isinstance(result, dict) or not isinstance(result.get("level"), str):
            raise ValueError('"result" must be a game summary with its "level"')
        verdict = result.get("verdict")
        score, stars = result.get("score"), result.get("stars")
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f'"result": unknown verdict {str(verdict)[:20]}')
        if not all(type(v) is int and 0 <= v <= 1_000_000 for v in (score, stars)):
            raise ValueError('"result": "score" and "stars" must be whole numbers')
        return Student(_name(data, file), file, result["level"][:80], _path(result.get("path")), verdict, score,
                       stars, options)
    except ValueError as error:
        return Skipped(file, "broken", f"{file}: {error}")


def load_class(paths: tuple[str, ...] | list[str], level: str | None = None) -> tuple[list[Student], list[Skipped]]:
    """Every usable recording of one level and every file left out. The level is `level`, else the first
    usable recording's; recordings of another level are "foreign"."""
    students: list[Student] = []
    skipped: list[Skipped] = []
    for file in expand(paths):
        found = read_student(file)
        if isinstance(found, Skipped):
            skipped.append(found)
            continue
        level = found.level if level is None else level
        if found.level != level:
            skipped.append(Skipped(file, "foreign", found.level))
        else:
            students.append(found)
    return students, skipped


__all__ = ["Student", "Skipped", "expand", "read_student", "load_class", "MAX_FILES"]
