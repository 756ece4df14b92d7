"""Honest labels (issue 11, item 4): the arrow legend states its √ scale, counts use plural forms, and every
position a person reads counts characters from 1 (surfaces keeps its 0-based .position)."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

import surfaces
from game import cli
from game.core import actions as A
from game.core.layout import compute_layout
from game.core.model import Game
from game.text.catalog import n
from game.text.errors import error_text, one_based
from game.ui.fonts import Fonts
from game.ui.hud.panel import draw_hud
from game.ui.palette import get_palette
from game.ui.scenes.result import ResultScene
from game.ui.startup import StartupError, expression_level
from game.ui.views.glyphs import ArrowScale
from game.ui.hud.play import LEGEND_RATIO

LOCALE = Path(__file__).resolve().parents[1] / "game" / "text" / "locale"


# --- the arrow legend --------------------------------------------------------------------------------------
def test_the_legend_shows_two_arrows_whose_lengths_follow_the_square_root(drawn_texts, monkeypatch):
    game = Game(surfaces.level_by_id("one-hill"))
    game.probe(*game.level.start)
    scale = ArrowScale.for_surface(game.surface.value_range(), game.surface.domain, 1.0, 700)
    lengths: list[float] = []
    from game.ui.hud import play as hud_play

    real = hud_play.draw_arrow
    monkeypatch.setattr(hud_play, "draw_arrow", lambda *a, **k: (lengths.append(a[3]), real(*a, **k))[1])
    screen = pygame.Surface((1280, 800))
    draw_hud(screen, compute_layout(1280, 800, 1.0, domain=game.surface.domain), game, get_palette("viridis"),
             Fonts(1.0), arrow_scale=scale)
    assert "Arrow length grows like \u221a|\u2207f|" in drawn_texts
    small, ref = scale.ref / LEGEND_RATIO, scale.ref
    from game.text.numbers import fmt_number

    assert f"= |\u2207f| {fmt_number(small)}" in drawn_texts and f"= |\u2207f| {fmt_number(ref)}" in drawn_texts
    assert len(lengths) == 2 and lengths[1] == pytest.approx(2 * lengths[0])  # 4× the slope, 2× the length
    assert lengths[1] == pytest.approx(scale.length(ref)) and lengths[0] == pytest.approx(scale.length(small))


# --- plurals -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,one,many", [("en", "1 probe used, par 4", "2 probes used, par 4"),
                                           ("de", "1 Messung verbraucht, Par 4", "2 Messungen verbraucht, Par 4")])
def test_counts_use_plural_forms(lang, one, many):
    assert n("result.probes", 1, lang, used=1, par=4) == one
    assert n("result.probes", 2, lang, used=2, par=4) == many
    assert n("levels.probes", 1, lang, probes=1, par=1).startswith("1 ")
    assert "probes" not in n("levels.probes", 1, "en", probes=1, par=1)
    assert n("hud.probes_left", 1, "en") == "Probe left" and n("hud.probes_left", 0, "en") == "Probes left"


def test_one_probe_used_reads_singular_on_the_result_screen(make_app, run_frames, drawn_texts):
    app = make_app("--level", "rise-over-run")
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    assert isinstance(app.top, ResultScene)
    run_frames(app, 3)
    text = " | ".join(drawn_texts)
    assert "1 probe used" in text and "1 probes" not in text


def _entries(lang: str) -> list[tuple[str, bool, list[str]]]:
    """(msgid, plural?, msgstrs) of a catalogue, read straight from its .po file."""
    out, key, plural, strs = [], None, False, []
    lines = [line for po in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.po"))
             for line in po.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line.startswith("msgid "):
            if key:
                out.append((key, plural, strs))
            key, plural, strs = line[7:-1], False, []
        elif line.startswith("msgid_plural"):
            plural = True
        elif line.startswith("msgstr"):
            strs.append(line.split(" ", 1)[1][1:-1])
    if key:
        out.append((key, plural, strs))
    return out


# messages whose number is never 1: error limits (more than 1000 nodes, 500 characters, 2+ arguments)
NEVER_ONE = {"error.takes_many", "error.too_long", "error.too_large", "error.too_costly", "error.code_long",
             "error.code_short", "error.nested"}


def test_every_count_a_player_reads_comes_from_a_plural_entry():
    count = re.compile(r"\{(\w+)\} (probes?|steps?|stars?|levels?|points?|characters?|arguments?|nodes?|terms?|"
                       r"Messungen|Schritte|Sterne|Level|Punkte|Zeichen|Argumente|weitere|"
                       r"mesures?|étoiles?|niveaux?|caractères?|arguments?|nœuds|termes|autres)\b")
    for lang in sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / "uphill.po").exists()):
        for key, plural, strs in _entries(lang):
            if plural or key in NEVER_ONE:
                continue
            for text in strs:
                assert not count.search(text), f"{lang} {key}: a count without a plural form: {text!r}"


# --- positions counted from 1 ------------------------------------------------------------------------------
def test_surfaces_counts_from_0_and_people_read_from_1():
    with pytest.raises(surfaces.ExpressionError) as info:
        surfaces.from_expression("x+*2")
    assert info.value.position == 2  # the library: 0-based, as DESIGN says
    assert "at position 2" in str(info.value)
    assert "at position 3" in one_based(str(info.value))  # the third character, for a person
    assert one_based("expected ')' at position 29 (to close exp( at position 2), found the end") == \
        "expected ')' at position 30 (to close exp( at position 3), found the end"
    assert one_based("unmatched ')' at position 4", offset=2) == "unmatched ')' at position 7"
    assert one_based("no position here: line 3 column 4") == "no position here: line 3 column 4"


def test_the_command_line_and_the_web_banner_say_the_1_based_position():
    with pytest.raises(StartupError) as info:
        expression_level("x+*2")
    assert "at position 3" in str(info.value)
    assert "position 3" in info.value.words("de").lower()
    assert "at position 3" in info.value.words("en")


def test_the_expression_entry_says_the_position_in_the_text_as_typed(make_app):
    for lang, words in (("en", "at position 7"), ("de", "an Position 7")):
        app = make_app("--lang", lang)
        app.push(app.routes.entry("expr"))
        entry = app.top
        for ch in "  3*x+)":  # the ")" is the seventh character typed
            app.dispatch(A.Action(A.TEXT, text=ch))
        app.dispatch(A.Action(A.CONFIRM))
        assert words.lower() in entry.error.lower(), entry.error
        assert entry.error_at == 6  # the caret index still counts from 0


def test_check_level_names_1_based_positions(tmp_path, capsys, display):
    source = Path(surfaces.__file__).parent / "levels" / "02-one-hill.json"
    text = source.read_text(encoding="utf-8")
    bad = re.sub(r'"expression": "[^"]*"', '"expression": "3*exp(-(x^2 + y^2)"', text, count=1)
    path = tmp_path / "02-bad.json"
    path.write_text(bad, encoding="utf-8")
    assert cli.main(["check-level", str(path)]) == 2
    err = capsys.readouterr().err
    assert "at position 19 (to close exp( at position 3)" in err, err


def test_error_text_translates_without_shifting_again():
    message = one_based("expected ')' at position 3, found the end")
    assert error_text(message, "en") == "expected ')' at position 4, found the end"
    assert "Position 4" in error_text(message, "de")
