"""The step-rule editor (J): editing by actions, examples, errors at line and column, saving, running the rule."""

from __future__ import annotations

import json

import pygame
import pytest
from hypothesis import given, settings, strategies as st

from game.core import actions as A
from game.core.options import parse_args
from game.core.rule_examples import EXAMPLES
from game.core.rule_store import RULES, RuleBook, load_rules, save_rules
from game.core.storage import MemoryBackend, Store
from game.core.text_buffer import TextBuffer
from game.ui.app import App
from game.ui.scenes.rule_editor import KEYPAD, RuleEditorScene
from game.ui.startup import prepare
from game.ui.tools.climb import ClimbTool
from surfaces.rule import compile_rule

QUADRATIC = "-(0.5*(x-0.5)^2 + (y+0.25)^2)"


@given(st.text(max_size=60), st.text(max_size=20), st.integers(0, 80))
@settings(max_examples=200, deadline=None)
def test_typing_then_erasing_gives_the_text_back(text: str, typed: str, caret: int) -> None:
    typed = "".join(ch for ch in typed if ch.isprintable() and ch != "\t")
    buffer = TextBuffer(text, caret=caret, limit=10_000)
    before, at = buffer.text, buffer.caret
    buffer.insert(typed)
    assert buffer.text == before[:at] + typed + before[at:] and buffer.caret == at + len(typed)
    for _ in typed:
        buffer.erase()
    assert (buffer.text, buffer.caret) == (before, at)


def test_caret_moves_by_lines_and_columns() -> None:
    buffer = TextBuffer("dx = 1\ndy = 22", caret=3)
    buffer.move(0, 1)
    assert buffer.row_col() == (1, 3)
    buffer.end()
    assert buffer.row_col() == (1, 7)
    buffer.move(0, -1)
    assert buffer.row_col() == (0, 6)  # the shorter line keeps the caret at its end
    buffer.home()
    assert buffer.caret == 0
    buffer.move(-1, 0)
    assert buffer.caret == 0
    limited = TextBuffer("abc", caret=3, limit=5)
    limited.insert("defgh")
    assert limited.text == "abcde"


def test_the_five_examples_compile_and_differ() -> None:
    assert [name for name, _ in EXAMPLES] == ["fixed", "gradient", "normalised", "newton", "momentum"]
    steps = set()
    for _, text in EXAMPLES:
        rule = compile_rule(text)
        steps.add(rule.step(rule.new_state(), 0.5, 0.5, 1.0, 0.3, -0.4, -2.0, 0.5, -1.0, 0))
    assert len(steps) == 5


def test_a_damaged_or_stale_rules_file_is_handled() -> None:
    store = Store(MemoryBackend({RULES: "{not json"}))
    book, notice = load_rules(store)
    assert book == RuleBook() and notice is not None and notice.code == "set_aside"
    store = Store(MemoryBackend({RULES: json.dumps({"draft": "", "rule": "dx = gz"})}))
    book, notice = load_rules(store)
    assert notice is None and book.rule == "" and book.draft == "dx = gz"  # kept to edit, not to run
    store = Store(MemoryBackend({RULES: json.dumps({"rule": 5})}))
    assert load_rules(store)[1] is not None
    assert save_rules(store, RuleBook("dx = 1", "dx = 1; dy = 0")) is None
    assert load_rules(store)[0] == RuleBook("dx = 1", "dx = 1; dy = 0")


def _app(*argv: str, store: Store | None = None) -> App:
    options, replay, level = prepare(parse_args(["--headless", *argv]))
    screen = pygame.display.set_mode(options.size or (1280, 800))
    app = App(options, screen, store=store or Store(MemoryBackend()), replay=replay, start_level=level)
    app.step(1 / 60)
    return app


def _type(app: App, text: str) -> None:
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            app.dispatch(A.Action(A.CONFIRM))
        app.dispatch(A.Action(A.TEXT, text=line))


def _editor(app: App) -> RuleEditorScene:
    app.dispatch(A.Action(A.RULES))
    assert isinstance(app.top, RuleEditorScene)
    return app.top


def _clear(app: App, editor: RuleEditorScene) -> None:
    editor.buffer.caret = len(editor.buffer.text)
    for _ in range(len(editor.buffer.text)):
        app.dispatch(A.Action(A.ERASE))


def test_typing_a_rule_shows_errors_at_line_and_column(display, data_dir) -> None:
    app = _app("--expr", QUADRATIC)
    editor = _editor(app)
    _clear(app, editor)
    _type(app, "dx = 0.5*gx\ndy = 0.5*gz")
    assert (editor.error.line, editor.error.column) == (2, 10)
    assert editor.error_words().startswith("Line 2, column 10: unknown name 'gz'")
    app.dispatch(A.Action(A.ERASE))
    app.dispatch(A.Action(A.TEXT, text="y"))
    assert editor.error is None
    app.dispatch(A.Action(A.NEXT))
    assert editor.buffer.text == EXAMPLES[0][1]
    app.dispatch(A.Action(A.PREV))
    assert editor.buffer.text == EXAMPLES[-1][1]
    app.draw()  # the editor draws (errors, keypad or not) without trouble


def test_closing_saves_the_rule_and_a_climbs_with_it(display, data_dir) -> None:
    store = Store(MemoryBackend())
    app = _app("--expr", QUADRATIC, store=store)
    app.dispatch(A.Action(A.PROBE, at=(2.0, 2.0)))
    editor = _editor(app)
    _clear(app, editor)
    _type(app, "dx = 0.25*gx + 0.01*k\ndy = 0.25*gy")
    app.dispatch(A.Action(A.CLICK, pos=editor.buttons()["five"].center))
    assert not isinstance(app.top, RuleEditorScene)
    game = app.top.game
    assert len(game.probes) == 6
    for k, (here, there) in enumerate(zip(game.probes, game.probes[1:])):
        gx, gy = -(here.x - 0.5), -2 * (here.y + 0.25)
        assert (there.x, there.y) == pytest.approx((here.x + 0.25 * gx + 0.01 * k, here.y + 0.25 * gy), abs=1e-7)
    saved = json.loads(store.backend.read(RULES))
    assert saved["rule"] == "dx = 0.25*gx + 0.01*k\ndy = 0.25*gy" == saved["draft"]
    fresh = _app("--expr", QUADRATIC, store=store)  # a new climb: "your rule" is the saved one
    tool = next(t for t in fresh.top.tools if isinstance(t, ClimbTool))
    assert tool.climb.rule == saved["rule"]


def test_a_rule_with_a_mistake_is_kept_as_a_draft_only(display, data_dir) -> None:
    store = Store(MemoryBackend())
    app = _app("--expr", QUADRATIC, store=store)
    editor = _editor(app)
    _clear(app, editor)
    _type(app, "dx = (gx")
    app.dispatch(A.Action(A.CLICK, pos=editor.buttons()["step"].center))  # disabled: nothing runs
    app.dispatch(A.Action(A.BACK))
    assert not isinstance(app.top, RuleEditorScene) and app.top.game.probes == []
    assert json.loads(store.backend.read(RULES)) == {"version": 1, "draft": "dx = (gx", "rule": ""}


def test_the_keypad_types_through_actions(display, data_dir) -> None:
    app = _app("--expr", QUADRATIC)
    app.env.touch = True
    editor = _editor(app)
    _clear(app, editor)
    boxes = editor.buttons()
    for token in ("dx", "=", "gx", "\n", "dy", "=", "gy", "gy", "\b"):
        app.dispatch(A.Action(A.CLICK, pos=boxes[f"key.{KEYPAD.index(token)}"].center))
    assert editor.buffer.text == "dx=gx\ndy=gyg" and editor.error is not None  # Erase takes one character
    assert all(pygame.Rect((0, 0), app.size).contains(box) for box in boxes.values())


@pytest.mark.parametrize("text, english, german", [
    ("dx = gz; dy = 0", "Line 1, column 6: unknown name 'gz'", "Zeile 1, Spalte 6: unbekannter Name 'gz'"),
    ("x = 1; dx = 0; dy = 0", "Line 1, column 1: x is an input", "Zeile 1, Spalte 1: x ist eine Eingabe"),
    ("dx = 0", "Line 1, column 7: the rule must set dy", "Zeile 1, Spalte 7: die Regel muss dy setzen"),
    ("dx = 0; d_y = 0", "Line 1, column 10: unexpected character '_'", "Zeile 1, Spalte 10: unerwartetes Zeichen '_'"),
])
def test_errors_are_worded_in_the_players_language(text, english, german, display, data_dir) -> None:
    for lang, words in (("en", english), ("de", german)):
        app = _app("--expr", QUADRATIC, "--lang", lang)
        editor = _editor(app)
        editor.buffer.set(text)
        editor._check()
        assert editor.error_words().startswith(words)
