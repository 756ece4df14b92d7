"""The gettext catalogues: complete, consistent, compiled, with real plurals, and every key the code uses exists."""

from __future__ import annotations

import ast
import re
import shutil
import string
from pathlib import Path

import pygame
import pytest
from babel.messages.pofile import read_po

import surfaces
from game.core import model
from game.text import catalog
from game.text.catalog import languages, n, t
from game.text.errors import PATTERNS, PHRASES
from game.text.levels import FREE_INTRO
from game.ui.fonts import _SPECIAL as COMPOSED
from tools import catalogues

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "game" / "text" / "locale"
# the built-in font draws these; fonts.py composes the rest itself (∇, subscripts, ≈ as ~; no ★ ↑ ↓ ✓ in the font)
ALLOWED = set(string.printable) - set("\t\n\r\x0b\x0c") | set("äöüÄÖÜß·–—…∂ρ²−±|€°λ") | set(COMPOSED)
PLACEHOLDER = re.compile(r"{(\w+)}")


def read(lang: str, part: str = "uphill"):
    """One parsed .po file of a language: the core catalogue, or a feature area's (`part`)."""
    with open(LOCALE / lang / "LC_MESSAGES" / f"{part}.po", "rb") as fp:
        return read_po(fp, locale=lang)


def parts(lang: str) -> list[str]:
    """The catalogue files of a language by name, core first."""
    names = sorted(p.stem for p in (LOCALE / lang / "LC_MESSAGES").glob("*.po"))
    return sorted(names, key=lambda name: name != "uphill")


def part_entries(lang: str, part: str) -> dict[str, tuple[str, ...]]:
    """{msgid: (msgstr,) or (every plural form)} of one .po file."""
    found = {}
    for message in read(lang, part):
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            found[key] = (message.string,) if isinstance(message.string, str) else tuple(message.string)
    return found


def entries(lang: str) -> dict[str, tuple[str, ...]]:
    """{msgid: (msgstr,) or (every plural form)} of all a language's .po files together."""
    found: dict[str, tuple[str, ...]] = {}
    for part in parts(lang):
        found.update(part_entries(lang, part))
    return found


PO_LANGS = sorted(p.parents[1].name for p in LOCALE.glob("*/LC_MESSAGES/uphill.po"))
ENGLISH = entries("en")
PLURALS = {key for key, forms in ENGLISH.items() if len(forms) > 1}


def test_every_po_has_its_mo_and_languages_lists_them_english_first():
    assert PO_LANGS == sorted(languages()) and languages()[0] == "en" and {"en", "de"} <= set(PO_LANGS)


@pytest.mark.parametrize("lang", PO_LANGS)
def test_each_language_has_the_same_files_and_a_key_lives_in_one_file(lang):
    assert parts(lang) == parts("en"), f"{lang}: catalogue files differ from English"
    seen: dict[str, str] = {}
    for part in parts(lang):
        for key in part_entries(lang, part):
            assert key not in seen, f"{lang}: {key} is in both {seen[key]}.po and {part}.po"
            seen[key] = part
        assert read(lang, part).plural_expr == read(lang).plural_expr, f"{lang}: {part}.po has another plural rule"


@pytest.mark.parametrize("lang", PO_LANGS)
def test_every_message_is_translated_in_every_form(lang):
    messages = entries(lang)
    missing = set(ENGLISH) - set(messages)
    assert not missing, f"{lang}: missing {sorted(missing)}"
    nplurals = read(lang).num_plurals
    for key, forms in messages.items():
        assert all(form.strip() for form in forms), f"{lang}: {key} has an empty form"
        if key in PLURALS:
            assert len(forms) == nplurals, f"{lang}: {key} needs {nplurals} plural forms"
        else:
            assert len(forms) == 1, f"{lang}: {key} is a plural only in {lang}"


@pytest.mark.parametrize("lang", PO_LANGS)
def test_placeholders_match_english(lang):
    for key, forms in entries(lang).items():
        english = {tuple(sorted(PLACEHOLDER.findall(form))) for form in ENGLISH.get(key, forms)}
        for form in forms:
            assert tuple(sorted(PLACEHOLDER.findall(form))) in english, f"{lang}: {key}: {form!r}"


def has_glyph(ch: str) -> bool:
    """True when pygame's built-in font has its own glyph for `ch` (not the missing-glyph box)."""
    pygame.font.init()
    font = pygame.font.Font(None, 30)
    return font.metrics(ch)[0] not in (None, font.metrics("\uffff")[0])


@pytest.mark.parametrize("lang", PO_LANGS)
def test_the_font_can_draw_every_string(lang):
    assert not has_glyph("\u2605") and not has_glyph("\u2248") and has_glyph("\u00bd")  # ★ ≈ are boxes, ½ is not
    for key, forms in entries(lang).items():
        for form in forms:
            missing = {ch for ch in set(form) - ALLOWED if not has_glyph(ch)}
            assert not missing, f"{lang}: {key}: the font cannot draw {missing}"


@pytest.mark.parametrize("lang", PO_LANGS)
def test_committed_mo_is_what_the_po_compiles_to(lang):
    for part in parts(lang):
        po = LOCALE / lang / "LC_MESSAGES" / f"{part}.po"
        assert not catalogues.stale(po), f"{lang}/{part}: run python tools/catalogues.py compile"


def test_a_stale_mo_is_caught(tmp_path):
    po = tmp_path / "uphill.po"
    shutil.copy(LOCALE / "de" / "LC_MESSAGES" / "uphill.po", po)
    (tmp_path / "uphill.mo").write_bytes(catalogues.compiled(po))
    assert not catalogues.stale(po)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Spielen"', 'msgstr "Los"'), encoding="utf-8")
    assert catalogues.stale(po)
    assert catalogues.main(["nonsense"]) == 2


# each language's own plural rule (gettext's Plural-Forms): French counts 0 as one ("0 mesure restante")
PLURAL_RULES = {"en": "(n != 1)", "de": "(n != 1)", "fr": "(n > 1)"}


@pytest.mark.parametrize("lang", PO_LANGS)
def test_plural_forms_really_differ(lang):
    assert lang in PLURAL_RULES, f"{lang}: add its plural rule to PLURAL_RULES (the header's Plural-Forms)"
    assert read(lang).plural_expr == PLURAL_RULES[lang]
    assert PLURALS >= {"result.probes", "levels.probes", "levels.total", "hud.probes_left"}
    for key in PLURALS:
        values = {name: 7 for name in PLACEHOLDER.findall(ENGLISH[key][0] + ENGLISH[key][1])}
        assert n(key, 1, lang, **values) != n(key, 2, lang, **values), key
        zero_is_one = PLURAL_RULES[lang] == "(n > 1)"
        assert (n(key, 0, lang, **values) == n(key, 1, lang, **values)) == zero_is_one, key
    assert n("result.probes", 1, "en", used=1, par=5) == "1 probe used, par 5"
    assert n("result.probes", 2, "en", used=2, par=5) == "2 probes used, par 5"
    assert n("result.probes", 1, "de", used=1, par=5) == "1 Messung verbraucht, Par 5"
    assert n("result.probes", 0, "fr", used=0, par=5) == "0 mesure utilisée, par 5"
    assert n("result.probes", 2, "fr", used=2, par=5) == "2 mesures utilisées, par 5"


# Keys whose text may equal the English in a language: symbols, key caps, numbers and words both languages share.
SAME_AS_ENGLISH = {
    "*": {"title.name", "key.claim", "key.predict", "key.help", "key.intro", "key.restart", "key.next", "key.levels",
          "key.expr", "key.code", "key.axes", "key.overlays", "key.page.short", "key.fullscreen", "hud.col.index",
          "hud.col.height", "hud.col.slope", "hud.col.error", "hud.page", "hud.dfdx", "hud.dfdy", "hud.rho",
          "hud.rho_above", "hud.rho_below", "hud.eigen1", "hud.eigen2", "hud.arrow_ref", "map.slope", "map.taylor1",
          "map.taylor2", "compass.unknown", "entry.expr.prompt", "storage.problem.invalid", "play.intro_last",
          "button.with_key", "key.tune", "key.rules", "key.data", "key.class_reveal", "key.class_freeze",
          "key.class_export", "key.readout", "key.sound", "key.view3d", "key.lab_h", "key.lab_turn", "key.lab_axis",
          "access.keypad.left", "access.keypad.right", "access.keypad.ok", "climb.button.five", "climb.editor.five",
          "climb.editor.erase", "climb.name.adam", "lab.slice.dir.x", "lab.slice.dir.y", "lab.slice.dir.gradient",
          "lab.slice.dir.free", "model.eq.line", "model.eq.neuron", "model.eq.exp", "model.chain.node_x",
          "model.chain.node_z", "model.chain.node_a", "model.chain.node_c", "model.chain.dz_dw", "model.chain.da_dz",
          "model.chain.dc_da", "model.chain.dc_dw", "model.chain.dc_db", "model.data.why.file"},
    "de": {"entry.code.prompt", "key.back", "play.intro_more", "class.col.name", "lab.hess.lambdas", "model.inset.mse"},
    "fr": {"button.intro", "button.menu", "hud.score", "hud.total", "hud.par", "step.long.brief", "class.col.score",
           "key.class_undo"},
}


@pytest.mark.parametrize("lang", [lang for lang in PO_LANGS if lang != "en"])
def test_every_text_is_translated_not_copied(lang):
    """A translation that still reads as the English (a forgotten entry) fails, unless the key is listed above."""
    allowed = SAME_AS_ENGLISH["*"] | SAME_AS_ENGLISH.get(lang, set())
    copied = sorted(key for key, forms in entries(lang).items() if forms == ENGLISH.get(key) and key not in allowed)
    assert not copied, f"{lang}: still the English text: {copied}"
    stale = sorted(key for key in SAME_AS_ENGLISH.get(lang, set()) if entries(lang)[key] != ENGLISH[key])
    assert not stale, f"{lang}: listed as the same as English but translated: {stale}"


# --- every key the code asks for exists --------------------------------------------------------------------------
def literal_keys() -> dict[str, set[str]]:
    """{"t": keys, "n": keys}: string literals passed first to t(), n(), catalog.t() and label() in game/."""
    found: dict[str, set[str]] = {"t": set(), "n": set()}
    for path in (ROOT / "game").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("t", "label", "lookup"):
                found["t"].add(node.args[0].value)
            elif name == "n":
                found["n"].add(node.args[0].value)
    return found


def family_keys() -> set[str]:
    """Keys the code builds with f-strings, enumerated from the codes they stand for."""
    keys = {f"step.{s}{tail}" for s in (*model.STEPS, "repeat") for tail in ("", ".brief")}
    keys |= {f"score.{k}" for k in model.SCORE_KEYS} | {f"compass.{k}" for k in model.COMPASS}
    keys |= {f"module.{m}" for m in surfaces.level.MODULES} | {f"result.title.{v}" for v in model.VERDICTS}
    keys |= {f"button.{b}" for b in ("claim", "predict", "help", "menu", "next", "retry", "levels")}
    keys |= {f"entry.{mode}.{part}" for mode in ("expr", "code") for part in ("title", "prompt", "help", "example")}
    keys |= {f"hud.{part}.{k}" for part in ("point", "shape") for k in ("maximum", "minimum", "saddle", "degenerate")}
    keys |= {f"guess.grade.{g}" for g in ("spot", "close", "off")}
    keys |= {key for _, key in PATTERNS} | {key for _, key in PHRASES}
    keys |= {f"verdict.stationary.{w}" for w in ("saddle", "minimum", "degenerate")}
    keys |= {f"level.{lv.id}.{field}" for lv in surfaces.builtin_levels() for field in ("title", "intro")}
    keys.add(FREE_INTRO)
    return keys


def test_every_key_the_code_uses_is_in_english():
    used = literal_keys()
    assert len(used["t"]) > 60 and len(used["n"]) >= 3  # the scan finds the calls
    missing = (used["t"] | used["n"] | family_keys()) - set(ENGLISH)
    assert not missing, f"not in en.po: {sorted(missing)}"
    assert used["n"] <= PLURALS, f"n() on a key without plural forms: {sorted(used['n'] - PLURALS)}"
    assert not used["t"] & PLURALS, f"t() on a plural key (use n()): {sorted(used['t'] & PLURALS)}"


# --- loading -------------------------------------------------------------------------------------------------------
def test_lookup_and_fallbacks():
    assert t("menu.play", "de") == "Spielen"
    assert t("menu.play", "fr") == "Jouer" and t("menu.play", "xx") == "Play"  # no catalogue: English
    assert n("levels.total", 33, "de", stars=3, max=33) == "3 von 33 Sternen"
    assert t("no.such.key", "de") == "no.such.key" and n("no.such.key", 2, "de") == "no.such.key"
    assert t("levels.best", "de", score=12) == "Bestwert 12"


def test_a_new_language_needs_only_its_catalogue(tmp_path, monkeypatch):
    present = languages()
    for lang in present:
        shutil.copytree(LOCALE / lang, tmp_path / lang)
    eo = tmp_path / "eo" / "LC_MESSAGES"
    eo.mkdir(parents=True)
    for part in parts("en"):
        text = (LOCALE / "en" / "LC_MESSAGES" / f"{part}.po").read_text(encoding="utf-8")
        (eo / f"{part}.po").write_text(text.replace('msgstr "Play"', 'msgstr "Ludi"')
                                       .replace("Language: en", "Language: eo"), encoding="utf-8")
        (eo / f"{part}.mo").write_bytes(catalogues.compiled(eo / f"{part}.po"))
    monkeypatch.setattr(catalog, "LOCALE_DIR", tmp_path)
    catalog.languages.cache_clear()
    catalog.catalogue.cache_clear()
    try:
        assert languages() == ("en", *sorted({*present, "eo"} - {"en"}))
        assert t("menu.play", "eo") == "Ludi" and n("result.probes", 1, "eo", used=1, par=2) == "1 probe used, par 2"
    finally:
        catalog.languages.cache_clear()
        catalog.catalogue.cache_clear()


def test_a_feature_area_file_joins_its_language(tmp_path, monkeypatch):
    for lang in ("en", "de"):
        shutil.copytree(LOCALE / lang, tmp_path / lang)
    for lang, word in (("en", "Extra"), ("de", "Zusatz")):
        po = tmp_path / lang / "LC_MESSAGES" / "zz-extra.po"
        po.write_text(f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
                      f'"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "extra.word"\nmsgstr "{word}"\n',
                      encoding="utf-8")
        po.with_suffix(".mo").write_bytes(catalogues.compiled(po))
    monkeypatch.setattr(catalog, "LOCALE_DIR", tmp_path)
    catalog.languages.cache_clear()
    catalog.catalogue.cache_clear()
    try:
        assert t("extra.word", "de") == "Zusatz" and t("extra.word", "en") == "Extra"
        assert t("menu.play", "de") == "Spielen"  # the core file still answers first
    finally:
        catalog.languages.cache_clear()
        catalog.catalogue.cache_clear()
