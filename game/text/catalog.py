"""Player-facing words from gettext catalogues (game/text/locale/<lang>/LC_MESSAGES/*.mo), looked up by key."""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "uphill"  # the core catalogue; each feature area may add its own file beside it (lab.mo, climbers.mo …)
SOURCE = "en"  # the language every catalogue translates from; the fallback for unknown languages and keys


def mo_path(lang: str) -> Path:
    """Where the compiled catalogue of `lang` lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a compiled catalogue, English first, the rest sorted."""
    found = sorted(p.parents[1].name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found, key=lambda lang: (lang != SOURCE, lang)))


def part_paths(lang: str) -> list[Path]:
    """The compiled catalogues of `lang`: uphill.mo first, then the feature areas' files by name."""
    core = mo_path(lang)
    return [core, *sorted(p for p in core.parent.glob("*.mo") if p != core)]


@cache
def catalogue(lang: str) -> gettext.GNUTranslations | None:
    """The parsed catalogues of `lang` as one chain (read once), or None when the language has none.

    Keys are unique across a language's files (a test checks), so the chain's order never changes a word."""
    if lang not in languages():
        return None
    chain: gettext.GNUTranslations | None = None
    for path in part_paths(lang):
        with open(path, "rb") as fp:
            part = gettext.GNUTranslations(fp)
        if chain is None:
            chain = part
        else:
            chain.add_fallback(part)
    return chain


def lookup(key: str, lang: str) -> str | None:
    """The text of `key` in exactly `lang`'s catalogue (no fallback), or None when it has none."""
    found = catalogue(lang)
    if found is None:
        return None
    text = found.gettext(key)
    return None if text == key else text


def _format(text: str, values: dict[str, object]) -> str:
    """`text` with its `{name}` placeholders filled from `values` (unchanged without values)."""
    return text.format(**values) if values else text


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string for `key` in `lang` (English if the language or the key is missing), `{name}`s filled in.

    An unknown key returns the key itself, so a typo shows on screen instead of crashing the game."""
    text = lookup(key, lang)
    if text is None:
        text = lookup(key, SOURCE) if lang != SOURCE else None
        if text is None:
            return key
    return _format(text, values)


def n(key: str, count: int, lang: str = "en", **values: object) -> str:
    """The plural form of `key` for `count` things in `lang` (ngettext), `{name}`s filled in.

    `count` is also available to the text as `{count}`; an unknown key returns the key itself."""
    values.setdefault("count", count)
    for candidate in (lang, SOURCE):
        found = catalogue(candidate)
        if found is not None:
            text = found.ngettext(key, key, count)
            if text != key:
                return _format(text, values)
    return key


__all__ = ["t", "n", "languages", "lookup", "catalogue", "LOCALE_DIR", "SOURCE"]
