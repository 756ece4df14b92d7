"""UI strings: every key in English and German, matching placeholders, only characters the font can draw."""

from __future__ import annotations

import re
import string

import pytest

from game.text.catalog import STRINGS, t

# the built-in font draws these; text.py composes ∇ and subscripts itself (no ★ ↑ ↓ ≈ ✓ in the font)
ALLOWED = set(string.printable) - set("\t\n\r\x0b\x0c") | set("äöüÄÖÜß·–—…∂∇ρ²−±|€°λ₁₂")


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_with_the_same_placeholders(key):
    en, de = STRINGS[key]
    assert en.strip() and de.strip()
    assert sorted(re.findall(r"{(\w+)}", en)) == sorted(re.findall(r"{(\w+)}", de))
    for text in (en, de):
        missing = set(text) - ALLOWED
        assert not missing, f"{key}: the font cannot draw {missing}"


def test_lookup_and_fallbacks():
    assert t("menu.play", "de") == "Spielen"
    assert t("menu.play", "fr") == "Play"
    assert t("levels.total", "de", stars=3, max=33) == "3 von 33 Sternen"
    assert t("no.such.key", "de") == "no.such.key"


def test_every_course_module_has_a_german_name():
    from surfaces.level import MODULES

    for module in MODULES:
        assert f"module.{module}" in STRINGS


def test_german_is_really_german():
    same = [key for key, (en, de) in STRINGS.items() if en == de and re.search(r"[a-z]{4}", en)]
    assert set(same) <= {"title.name", "entry.expr.prompt", "entry.code.prompt"}, same
