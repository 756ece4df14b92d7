"""The languages a player can choose, each named in its own words (language.name of its catalogue)."""

from __future__ import annotations

from game.text.catalog import languages, lookup


def language_name(lang: str) -> str:
    """How the language calls itself ("Français"); its code when its catalogue has no name."""
    return lookup("language.name", lang) or lang


def next_language(lang: str, step: int = 1) -> str:
    """The language `step` places after `lang` in languages() (wrapping round); the first one for an unknown code."""
    found = languages()
    if lang not in found:
        return found[0]
    return found[(found.index(lang) + step) % len(found)]


__all__ = ["language_name", "next_language"]
