"""UI strings: English and German catalogues that really differ, every course module named, level texts in sync."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import surfaces
from game.text.catalog import languages, lookup, t
from game.text.levels import level_text
from test_text_catalogues import ENGLISH, entries

GERMAN = entries("de")


def test_every_course_module_has_a_german_name():
    from surfaces.level import MODULES

    for module in MODULES:
        assert f"module.{module}" in ENGLISH and GERMAN[f"module.{module}"][0] != module or module == "chain rule"
        assert t(f"module.{module}", "de") != f"module.{module}"


def test_every_course_module_and_level_has_a_name_in_every_language():
    from surfaces.level import MODULES

    for lang in languages():
        for module in MODULES:
            assert lookup(f"module.{module}", lang), (lang, module)
        for level in surfaces.builtin_levels():
            assert lookup(f"level.{level.id}.title", lang) and lookup(f"level.{level.id}.intro", lang), (lang, level.id)


def test_german_is_really_german():
    words = lambda text: re.search(r"[a-z]{4}", PLACEHOLDER.sub("", text))  # noqa: E731
    same = [key for key, forms in ENGLISH.items() if GERMAN[key] == forms and words(forms[0])]
    formulas = {"model.eq.neuron", "model.chain.node_a"}  # "sigmoid" is the expression language's name in any language
    assert set(same) <= {"title.name", "entry.expr.prompt", "entry.code.prompt"} | formulas, same


PLACEHOLDER = re.compile(r"{\w+}")


@pytest.mark.parametrize("level", surfaces.builtin_levels(), ids=lambda lv: lv.id)
def test_built_in_level_texts_come_from_the_catalogues(level):
    raw = json.loads(Path(level.path).read_text(encoding="utf-8"))
    for field in ("title", "intro"):
        assert lookup(f"level.{level.id}.{field}", "en") == raw[field]["en"]  # en.po stays the file's English
        assert level_text(level, field, "xx") == raw[field]["en"]
        for lang in languages():
            assert level_text(level, field, lang) == lookup(f"level.{level.id}.{field}", lang), lang
            if lang in raw[field]:  # no drift while the files still carry it
                assert level_text(level, field, lang) == raw[field][lang], lang


def test_a_teachers_own_level_is_never_overridden_by_the_catalogue():
    builtin = surfaces.level_by_id("one-hill")
    custom = surfaces.custom_level(builtin.surface, id="one-hill", title="Mein Hügel")
    assert level_text(custom, "title", "de") == "Mein Hügel" and level_text(custom, "title", "en") == "Mein Hügel"
    with pytest.raises(ValueError):
        level_text(builtin, "module", "en")


def test_free_play_levels_take_their_intro_from_the_catalogue():
    from game.core.levels import free_play_level

    level = free_play_level(surfaces.level_by_id("one-hill").surface, id="PEAK-4821-B")
    assert level.path is None
    assert level_text(level, "intro", "en") == lookup("level.free.intro", "en")
    assert level_text(level, "intro", "de") == lookup("level.free.intro", "de") != lookup("level.free.intro", "en")
    assert level_text(level, "intro", "xx") == lookup("level.free.intro", "en")
