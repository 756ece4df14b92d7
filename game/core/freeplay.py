"""Free-play levels built from typed text: a formula f(x, y) or a class code (from flags, the URL or the entry screen)."""

from __future__ import annotations

from typing import Callable

import surfaces

TITLE_CHARS = 40  # a formula longer than this is shortened with "…" in the title


def expression_level(text: str) -> surfaces.Level:
    """The level for a typed formula; surfaces.ExpressionError (with .position) or ValueError when it is not one."""
    surface = surfaces.from_expression(text)
    title = text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"
    return surfaces.custom_level(surface, id="custom", title=title)


def code_level(text: str, title: Callable[[str], str] = str) -> surfaces.Level:
    """The level for a class code (case, spaces and dashes normalised); ValueError naming the problem.

    `title` turns the normalised code into the level's title (the caller knows the player's language)."""
    code = surfaces.normalize_code(text)
    return surfaces.custom_level(surfaces.from_seed(code), id=code, title=title(code))


__all__ = ["expression_level", "code_level", "TITLE_CHARS"]
