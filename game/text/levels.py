"""A level's title and intro in the player's language: the catalogue first, then the level file, then English."""

from __future__ import annotations

from game.core.levels import is_builtin
from game.text.catalog import lookup
from surfaces import Level

FIELDS = ("title", "intro")
FREE_INTRO = "level.free.intro"  # the intro of free-play levels (class codes, own surfaces): levels without a file


def level_text(level: Level, field: str, lang: str = "en") -> str:
    """`level.<id>.<field>` from `lang`'s catalogue for a built-in level, else the file's text in `lang`, else
    its English (a teacher's own file may carry several languages; the catalogue never overrides it)."""
    if field not in FIELDS:
        raise ValueError(f"text field must be 'title' or 'intro', not {field!r}")
    if is_builtin(level):
        text = lookup(f"level.{level.id}.{field}", lang)
        if text:
            return text
    texts = level.title if field == "title" else level.intro
    if field == "intro" and level.path is None:  # a free-play level: the stock intro (a data level: its model's)
        kind = getattr(level.surface, "kind", None)
        stock = f"model.intro.{kind}" if kind in ("line", "neuron", "exp") else FREE_INTRO
        text = lookup(stock, lang) or lookup(stock, "en")
        if text:
            return text
    if isinstance(texts, dict):
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")
    return str(texts or "")


__all__ = ["level_text", "FIELDS"]
