"""Levels: the Level record, loading and validating ``surfaces/levels/NN-slug.json``, custom levels."""

from __future__ import annotations

import functools
import json
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import LevelError, brief
from .level_fields import (FALLBACK_LANGUAGE, FILE_PATTERN, GRADIENT_METHODS, MAX_FILE_BYTES, MODULES,  # noqa: F401
                           TEXT_LIMITS, _budget, _check_keys, _Checker, _explore, _level_id, _method, _mode, _module,
                           _overlays, _start, _surface, _texts, _tolerance_and_taylor)
from .surface import Surface

LEVEL_DIR = Path(__file__).resolve().parent / "levels"


@dataclass(frozen=True, eq=False)
class Level:
    """One level of the course (see DESIGN.md "Levels")."""

    id: str
    title: dict[str, str]
    intro: dict[str, str]
    module: str
    surface: Surface
    start: tuple[float, float] | None
    probes: int
    par: int
    tolerance: float
    taylor: int
    overlays: tuple[str, ...]
    gradient_method: str = "central"
    path: str | None = None
    explore: bool = False  # the level asks the player to spread probes widely: far jumps are not judged by ρ
    mode: str = "play"  # "depth": heights only, whatever --mode says (the Sandpit's first mode)

    def text(self, field: str, lang: str = FALLBACK_LANGUAGE) -> str:
        """The ``title`` or ``intro`` in ``lang``, falling back to English."""
        if field not in ("title", "intro"):
            raise ValueError(f"text field must be 'title' or 'intro', not {field!r}")
        texts = getattr(self, field)
        return texts.get(lang) or texts[FALLBACK_LANGUAGE]


def _validate(raw: object, name: str, path: str | None) -> tuple[Level | None, list[str]]:
    ck = _Checker(name)
    if not isinstance(raw, dict):
        ck.add("(top level)", "expected a JSON object")
        return None, ck.problems
    _check_keys(ck, raw)
    level_id = _level_id(ck, raw)
    title = _texts(ck, raw, "title") if "title" in raw else None
    intro = _texts(ck, raw, "intro") if "intro" in raw else None
    _module(ck, raw)
    surface = _surface(ck, raw["surface"], level_id or "") if "surface" in raw else None
    start = _start(ck, raw)
    probes, par = _budget(ck, raw)
    _tolerance_and_taylor(ck, raw)
    overlays = _overlays(ck, raw)
    _method(ck, raw)
    _explore(ck, raw)
    _mode(ck, raw)
    if ck.problems:
        return None, ck.problems
    level = Level(
        id=level_id, title=title, intro=intro, module=raw["module"], surface=surface,
        start=start, probes=probes, par=par, tolerance=float(raw["tolerance"]), taylor=raw["taylor"],
        overlays=overlays, gradient_method=raw.get("gradient_method", "central"), path=path,
        explore=raw.get("explore", False), mode=raw.get("mode", "play"),
    )
    return level, []


def _read_text(path: Path | str) -> str:
    """The file's text: a regular file of at most MAX_FILE_BYTES (OSError or ValueError naming the problem)."""
    info = Path(path).stat()
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file")
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES} bytes")
    return data.decode("utf-8")


def _read(path: Path | str) -> tuple[Level | None, list[str]]:
    name = str(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        reason = getattr(err, "strerror", None) or err
        return None, [f"{name}: file: cannot read ({err.__class__.__name__}: {reason})"]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [f"{name}: json: invalid JSON at line {err.lineno} column {err.colno}: {err.msg.removesuffix(' at')}"]
    except RecursionError:
        return None, [f"{name}: json: nested too deeply"]
    try:
        return _validate(raw, name, name)
    except RecursionError:  # a field nested thousands deep
        return None, [f"{name}: json: nested too deeply"]


def level_problems(path: Path | str) -> list[str]:
    """Every problem in the level file, one line each: "FILE: field: problem" (empty if valid)."""
    return _read(path)[1]


def load_level(path: Path | str) -> Level:
    """The Level in ``path``, or LevelError (message: first problem; ``.problems``: all)."""
    level, problems = _read(path)
    if problems:
        raise LevelError(problems)
    assert level is not None
    return level


def _check_builtin() -> tuple[list[Level], list[str]]:
    """(good levels in course order, problems) across the built-in level files, each read, validated and built
    once; a file with any problem (its own, a name that is not NN-slug.json, an id that is not its slug, a duplicate id) is left
    out and its problems say why."""
    problems: list[str] = []
    levels: list[Level] = []
    seen: dict[str, str] = {}
    files = sorted(LEVEL_DIR.glob("*.json"))
    for f in files:
        level, own = _read(f)
        match = FILE_PATTERN.match(f.name)
        if not match:
            own.append(f"{f}: file: name must look like NN-slug.json")
        if level is not None and match and match.group(2) != level.id:
            own.append(f"{f}: id: {level.id!r} does not match the file name slug {match.group(2)!r}")
        if level is not None and level.id in seen:
            own.append(f"{f}: id: duplicate id {level.id!r} (also in {seen[level.id]})")
        problems.extend(own)
        if level is not None and not own:
            levels.append(level)
            seen[level.id] = f.name
    if not levels:
        problems.append(f"{LEVEL_DIR}: file: no usable level files found")
    # course order: by the course module, file-name order within one (files 12+ slot in without renaming 01-11)
    levels.sort(key=lambda level: MODULES.index(level.module))
    return levels, problems


@functools.lru_cache(maxsize=None)
def _builtin() -> tuple[tuple[Level, ...], tuple[str, ...]]:
    levels, problems = _check_builtin()  # validation builds the levels: no second pass
    return tuple(levels), tuple(problems)


def builtin_problems() -> list[str]:
    """Why built-in level files were left out, one line each ("FILE: field: problem"); empty when all play."""
    return list(_builtin()[1])


def builtin_levels() -> list[Level]:
    """The usable built-in levels in curriculum order (by course module, file-name order within a module; broken
    files are left out, see builtin_problems); cached. LevelError when not one is usable."""
    levels, problems = _builtin()
    if not levels:
        raise LevelError(list(problems))
    return list(levels)


def level_by_id(level_id: str) -> Level:
    """The built-in level with this id (also accepts its 1-based number); LevelError if unknown."""
    levels = builtin_levels()
    for i, level in enumerate(levels, 1):
        if level.id == level_id or str(i) == str(level_id) or f"{i:02d}" == str(level_id):
            return level
    raise LevelError(f"unknown level {brief(level_id)}; known: {', '.join(lv.id for lv in levels)}")


def custom_level(surface: Surface, id: str = "custom", title: str | None = None, *,
                 intro: dict[str, str] | None = None, overlays: tuple[str, ...] = ()) -> Level:
    """A Level around any ``surface``: budget 12, par 8, tolerance 0.02, Taylor order 2, no start.

    The title is ``title`` (else the surface's name, else ``id``) in every language of ``intro``; the
    intro defaults to one English sentence.  ``overlays`` are the names the game may show.
    """
    texts = dict(intro) if intro else {FALLBACK_LANGUAGE: "Find the highest point of this surface."}
    name = title or surface.name or id
    return Level(
        id=id, title={lang: name for lang in texts}, intro=texts, module="the gradient", surface=surface,
        start=None, probes=12, par=8, tolerance=0.02, taylor=2, overlays=tuple(overlays),
        gradient_method="central", path=None,
    )
