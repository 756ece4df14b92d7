"""A level's title and intro in the player's language: the catalogue first, then the level file, then English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.text.catalog import lookup

FIELDS = ("title", "intro")
FREE_INTRO = "level.free.intro"  # the intro of free-play levels (class codes, own surfaces): levels without a file


def is_builtin(level: Any) -> bool:
    """True for a level loaded from surfaces/levels/ (only those have catalogue entries)."""
    from surfaces.level import LEVEL_DIR

    path = getattr(level, "path", None)
    return bool(path) and Path(path).resolve().parent == LEVEL_DIR


def level_text(level: Any, field: str, lang: str = "en") -> str:
    """`level.<id>.<field>` from `lang`'s catalogue for a built-in level, else the file's text in `lang`, else
    its English (a teacher's own file may carry several languages; the catalogue never overrides it)."""
    if field not in FIELDS:
        raise ValueError(f"text field must be 'title' or 'intro', not {field!r}")
    if is_builtin(level):
        text = lookup(f"level.{level.id}.{field}", lang)
        if text:
            return text
    texts = getattr(level, field, None)
    if field == "intro" and getattr(level, "path", None) is None:  # a free-play level: the stock intro
        text = lookup(FREE_INTRO, lang) or lookup(FREE_INTRO, "en")
        if text:
            return text
    if isinstance(texts, dict):
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")
    return str(texts or "")


__all__ = ["level_text", "is_builtin", "FIELDS"]
