"""The game's own rules for levels, on top of the surfaces level format: its languages, its overlays, free play."""

from __future__ import annotations

import os

import surfaces
from game.core.options import LANGUAGES, OVERLAYS
from surfaces import Level, LevelError, Surface

FREE_PLAY_INTRO = {
    "en": "Free climb: probe, read the gradient arrow and find the highest point of this surface.",
    "de": "Freies Klettern: Miss, lies den Gradientenpfeil und finde den höchsten Punkt dieser Fläche.",
}


def free_play_level(surface: Surface, id: str = "custom", title: str | None = None) -> Level:
    """The free-play Level around a typed expression or class code (--expr / --seed): every overlay allowed."""
    return surfaces.custom_level(surface, id=id, title=title, intro=FREE_PLAY_INTRO, overlays=OVERLAYS)


def game_problems(level: Level, name: str) -> list[str]:
    """What a well-formed level lacks for this game, as "NAME: field: problem": a text in every UI language,
    only overlays the game has."""
    problems = [f"{name}: {field}.{lang}: missing or empty text"
                for field in ("title", "intro") for lang in LANGUAGES if not getattr(level, field).get(lang)]
    problems += [f"{name}: overlays: unknown overlay {o!r}; known: {', '.join(OVERLAYS)}"
                 for o in level.overlays if o not in OVERLAYS]
    return problems


def level_problems(path: str | os.PathLike[str]) -> list[str]:
    """Every problem in a level file for this game, one line each ("FILE: field: problem"; empty if valid)."""
    try:
        level = surfaces.load_level(path)
    except LevelError as error:
        return list(error.problems)
    return game_problems(level, str(path))


__all__ = ["FREE_PLAY_INTRO", "free_play_level", "game_problems", "level_problems"]
