"""The player's settings (settings.json beside the progress): the language chosen in the game, remembered between runs.

Other areas may keep their own keys in the same object (a sound switch, say): `remember` changes only the keys it is
given and keeps the rest, and the validator checks only the keys it knows."""

from __future__ import annotations

from typing import Any

from game.core.option_values import is_language_code
from game.core.storage import Notice, Store
from surfaces.errors import brief

SETTINGS = "settings"  # store name of the settings file


def settings_problems(data: Any) -> list[str]:
    """What is wrong with a loaded settings object (empty when it is valid; unknown keys are left alone)."""
    if not isinstance(data, dict):
        return [f"expected an object, found {type(data).__name__}"]
    lang = data.get("lang")
    if lang is not None and not is_language_code(lang):
        return [f"'lang' must be a language code such as en or fr, found {brief(lang)}"]
    return []


def load_settings(store: Store) -> tuple[dict[str, Any], Notice | None]:
    """The saved settings ({} when there are none or they were damaged: then set aside, with a notice)."""
    return store.load(SETTINGS, settings_problems)


def saved_language(store: Store) -> tuple[str | None, Notice | None]:
    """The language the player chose last time (None: never chosen), and a notice when the file was damaged."""
    data, notice = load_settings(store)
    lang = data.get("lang")
    return (lang if isinstance(lang, str) else None), notice


def remember(store: Store, **changes: Any) -> Notice | None:
    """Save `changes` into the settings, keeping every other key; None on success, else a notice."""
    data, notice = load_settings(store)
    if notice is not None and notice.code == "unreadable":
        return notice  # never overwrite a file that could not be read
    data.update(changes)
    return store.save(SETTINGS, data)


__all__ = ["SETTINGS", "settings_problems", "load_settings", "saved_language", "remember"]
