"""The game's own rules for levels, on top of the surfaces level format: its languages, its overlays, free play."""

from __future__ import annotations

import os

import functools
import json
import math
from pathlib import Path

import surfaces
from typing import Callable, Sequence

from game.core.options import DEFAULT_DOMAIN, OVERLAYS
from surfaces import Level, LevelError, Surface
from surfaces.errors import brief
from surfaces.level import LEVEL_DIR, builtin_problems
from surfaces.level_fields import MAX_FILE_BYTES

TITLE_CHARS = 40  # a formula longer than this is shortened with "…" in its level's title


def free_play_level(surface: Surface, id: str = "custom", title: str | None = None) -> Level:
    """The free-play Level around a typed expression or class code (--expr / --seed): every overlay allowed.

    It has no file (path None): game.text gives it the stock free-play intro in the player's language."""
    return surfaces.custom_level(surface, id=id, title=title, overlays=OVERLAYS)


UNDEFINED_EVERYWHERE = "the formula has no value anywhere on the map"


def defined_somewhere(surface: Surface) -> bool:
    """True when the surface has a finite height at some point of its map (there is something to climb)."""
    return all(math.isfinite(v) for v in surface.value_range())


def expression_level(text: str, domain: Sequence[float] | None = None) -> Level:
    """The level for a typed formula on `domain` (xmin, xmax, ymin, ymax; None: DEFAULT_DOMAIN).

    surfaces.ExpressionError (with .position) when it does not parse; ValueError when the domain is bad or the
    formula has no value anywhere on that map (UNDEFINED_EVERYWHERE)."""
    title = text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"
    surface = surfaces.from_expression(text, domain=DEFAULT_DOMAIN if domain is None else tuple(domain))
    if not defined_somewhere(surface):
        raise ValueError(UNDEFINED_EVERYWHERE)
    return free_play_level(surface, id="custom", title=title)


def code_level(text: str, title: Callable[[str], str] = str) -> Level:
    """The level for a class code (case, spaces and dashes normalised); ValueError naming the problem.

    `title` turns the normalised code into the level's title (the caller knows the player's language)."""
    code = surfaces.normalize_code(text)
    return free_play_level(surfaces.from_seed(code), id=code, title=title(code))


def is_builtin(level: Level) -> bool:
    """True for a level loaded from the built-in folder (surfaces/levels/): its progress is saved and the
    catalogues word it. A teacher's file with the same id is not built in."""
    return level.path is not None and _in_builtin_folder(str(level.path))


@functools.lru_cache(maxsize=64)
def _in_builtin_folder(path: str) -> bool:
    """Whether a level file sits in the built-in folder (resolved once per path: screens ask every frame)."""
    return Path(path).resolve().parent == LEVEL_DIR


def game_problems(level: Level, name: str) -> list[str]:
    """What a well-formed level lacks for this game, as "NAME: field: problem": only overlays the game has.
    (English texts are required by the level format; other languages come from the file or the catalogues.)"""
    problems = _overlay_problems(level.overlays, name)
    if not defined_somewhere(level.surface):
        problems.append(f"{name}: surface: {UNDEFINED_EVERYWHERE}")
    return problems


def _unknown_overlays(path: str | os.PathLike[str]) -> list[str]:
    """Overlay names the game does not know, read from a file whose other fields failed (so both are reported)."""
    try:
        file = Path(path)
        if not file.is_file() or file.stat().st_size > MAX_FILE_BYTES:
            return []
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    names = raw.get("overlays") if isinstance(raw, dict) else None
    if not isinstance(names, list):
        return []
    return _overlay_problems([o for o in names if isinstance(o, str) and o.islower() and o.isalpha()], str(path))


def _overlay_problems(names: list[str] | tuple[str, ...], where: str) -> list[str]:
    """One line per overlay name the game does not know."""
    return [f"{where}: overlays: unknown overlay {brief(o)}; known: {', '.join(OVERLAYS)}"
            for o in names if o not in OVERLAYS]


def level_problems(path: str | os.PathLike[str]) -> list[str]:
    """Every problem in a level file for this game, one line each ("FILE: field: problem"; empty if valid).
    A file in the built-in folder must also fit there: an NN-slug.json name matching its id, no duplicate id."""
    try:
        level = surfaces.load_level(path)
    except LevelError as error:  # the format's problems, and the overlay names the game does not know
        return list(error.problems) + _unknown_overlays(path)
    problems = game_problems(level, str(path))
    if Path(path).resolve().parent == LEVEL_DIR:
        here = str(LEVEL_DIR / Path(path).name)
        problems += [str(path) + problem[len(here):] for problem in builtin_problems() if problem.startswith(here + ":")]
    return problems


__all__ = ["is_builtin", "free_play_level", "expression_level", "code_level", "game_problems", "level_problems", "TITLE_CHARS"]
