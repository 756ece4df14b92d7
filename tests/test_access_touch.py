"""Touch for everything: finger events only (FINGERDOWN/FINGERUP) take a player from the title to the result on a
level, a class code and a formula, through the guess keypad, help and the intro; tap targets are ≥ 44 px."""

from __future__ import annotations

import pygame
import pytest

import surfaces
from game.core import actions as A
from game.text.catalog import t
from game.ui.keypad import MIN_KEY, Key, Keypad, keypad_for
from game.ui.scenes.entry import EntryScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.result import ResultScene
from game.ui.scenes.title import TitleScene
from game.ui.tools.keys import KeypadTool


def tap(app, pos) -> None:
    """One finger down and up at pixel `pos` (SDL's touch coordinates are 0–1), then a frame."""
    w, h = app.size
    for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        app.handle_event(pygame.event.Event(kind, x=pos[0] / w, y=pos[1] / h, dx=0.0, dy=0.0, finger_id=1,
                                            touch_id=1, pressure=1.0))
    app.step(1 / 60)


def tap_key(app, keypad: Keypad, label: str) -> None:
    rect = next(rect for rect, key in keypad.placed if key.label == label)
    tap(app, rect.center)


def tap_menu(app, key: str) -> None:
    title = app.top
    assert isinstance(title, TitleScene)
    labels = [label for label, _ in title.menu.items]
    index = next(i for i, label in enumerate(labels) if label.startswith(t(key, app.env.lang)[:4]))
    tap(app, title.rects()[index].center)


def map_point(scene: PlayScene, fx: float, fy: float) -> tuple[int, int]:
    box = pygame.Rect(tuple(scene.layout().map_rect))
    return int(box.x + fx * box.w), int(box.y + fy * box.h)


def probe_by_tap(app, fx: float, fy: float) -> None:
    scene = app.top
    before = len(scene.game.probes)
    for _ in range(4):  # the first taps may close the level's intro (a tap on it never probes)
        tap(app, map_point(scene, fx, fy))
        if len(scene.game.probes) > before:
            return
    raise AssertionError("no probe by tapping the map")


def guess_and_claim(app) -> None:
    """Probe, open the guess by its button, type and step it on the keypad, probe again, claim."""
    scene = app.top
    assert isinstance(scene, PlayScene)
    tap(app, scene.buttons()["help"].center)  # help by touch, closed by a tap
    assert isinstance(app.top, HelpScene)
    tap(app, (5, 5))
    assert app.top is scene
    probe_by_tap(app, 0.3, 0.6)  # the first probe puts the level's intro away
    assert not scene.intro.shown
    tap(app, scene.buttons()["intro"].center)  # the intro again by touch; Predict then opens over it
    assert scene.intro.shown
    tap(app, scene.buttons()["predict"].center)
    assert scene.guess_text is not None
    tool = next(tool for tool in scene.tools if isinstance(tool, KeypadTool))
    assert tool.shown and tool.keypad.placed
    scale = app.env.scale
    assert all(min(rect.w, rect.h) >= MIN_KEY * scale for rect, _ in tool.keypad.placed)
    for label in ("\u2212", "1", ".", "5"):
        tap_key(app, tool.keypad, label)
    assert scene.guess_text == "-1.5"
    tap_key(app, tool.keypad, t("access.keypad.up", app.env.lang))  # adjust: one step up
    stepped = float(scene.guess_text)
    assert stepped > -1.5
    tap_key(app, tool.keypad, t("access.keypad.ok", app.env.lang))
    assert scene.guess_text is None and scene.game.guess == pytest.approx(stepped)
    probe_by_tap(app, 0.55, 0.45)
    tap(app, scene.buttons()["claim"].center)
    assert isinstance(app.top, ResultScene)


def test_touch_only_level_to_result(make_app):
    app = make_app(size=(1280, 800))
    app.step(1 / 60)
    tap_menu(app, "menu.levels")
    assert app.env.touch
    level_select = app.top
    rows = level_select.rows()
    tap(app, rows[min(rows)].center)  # pick a level, then tap it again to play
    if not isinstance(app.top, PlayScene):
        tap(app, level_select.rows()[min(level_select.rows())].center)
    guess_and_claim(app)


def test_touch_only_class_code_to_result(make_app):
    app = make_app(size=(1280, 800))
    app.step(1 / 60)
    tap_menu(app, "menu.code")
    entry = app.top
    assert isinstance(entry, EntryScene) and entry.keys_shown
    code = surfaces.new_code()
    for ch in code:
        tap_key(app, entry.keypad, ch)
    assert entry.text == code
    tap_key(app, entry.keypad, t("access.keypad.ok", "en"))
    assert isinstance(app.top, PlayScene)
    guess_and_claim(app)


def test_touch_only_formula_to_result(make_app):
    app = make_app(size=(640, 480))
    app.step(1 / 60)
    tap_menu(app, "menu.expr")
    entry = app.top
    assert isinstance(entry, EntryScene) and entry.keys_shown
    for label in ("3", "*", "exp", "-", "x", "^", "2", ")", "-", "y"):
        tap_key(app, entry.keypad, label)
    tap_key(app, entry.keypad, t("access.keypad.left", "en"))
    tap_key(app, entry.keypad, t("access.keypad.erase", "en"))  # caret moved left: "-" before y goes
    assert entry.text == "3*exp(-x^2)y"
    tap_key(app, entry.keypad, t("access.keypad.ok", "en"))
    scene = app.top
    assert isinstance(scene, PlayScene)
    assert scene.level.surface(0.0, 1.0) == pytest.approx(3.0)  # implicit product: 3·e^0·1
    guess_and_claim(app)


def test_keys_are_tap_targets_at_every_scale():
    for kind in ("code", "expr", "number"):
        pad = keypad_for(kind, "de")
        for scale in (1.0, 1.5, 2.0):
            placed = pad.place(pygame.Rect(0, 0, int(300 * scale), int(100 * scale)), scale)  # a cramped area
            assert all(min(rect.w, rect.h) >= MIN_KEY * scale for rect, _ in placed)
            rects = [rect for rect, _ in placed]
            assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_a_keypad_is_generic_and_driven_by_actions():
    """Another field (a step-rule editor) builds its own keys and feeds the taps to its handle()."""
    pad = Keypad(((Key("dx", A.Action(A.TEXT, text="dx")), Key("=", A.Action(A.TEXT, text="="))),
                  (Key("Enter", A.Action(A.TEXT, text="\n"), span=2),)))
    placed = pad.place(pygame.Rect(0, 0, 200, 200), 1.0)
    assert [key.label for _, key in placed] == ["dx", "=", "Enter"]
    assert pad.action_at(placed[0][0].center) == A.Action(A.TEXT, text="dx")
    assert pad.action_at((-5, -5)) is None
    with pytest.raises(ValueError):
        keypad_for("nonsense")


def test_keyboard_can_show_and_hide_the_keypad(make_app):
    app = make_app()
    app.push(app.routes.entry("expr"))
    entry = app.top
    assert not entry.keys_shown
    app.dispatch(A.Action(A.KEYPAD))
    assert entry.keys_shown
    app.dispatch(A.Action(A.CLICK, pos=entry.buttons()["keys"].center))
    assert not entry.keys_shown


def test_every_command_key_without_a_button_is_a_tap_away(make_app):
    """The "Keys" sheet: restart, axes, readout and sound (and every area's keys) by finger."""
    from game.ui.input import KEYS
    from game.ui.tools.commands import HAS_BUTTON, CommandsTool, commands

    listed = {kind for kind, *_ in commands("en")}
    assert listed == set(KEYS.values()) - HAS_BUTTON and {A.RESTART, A.AXES, A.READOUT, A.SOUND} <= listed
    assert all(does != kind for kind, _, does, _ in commands("de"))  # each is described by its help row
    pairs = {(kind, dx) for kind, _, _, dx in commands("en") if dx}
    assert {(A.LAB_H, -1.0), (A.LAB_H, 1.0)} <= pairs  # [ and ] are a button each
    app = make_app("--level", "one-hill", size=(640, 480))
    app.step(1 / 60)
    probe_by_tap(app, 0.4, 0.4)
    scene = app.top
    tool = next(tool for tool in scene.tools if isinstance(tool, CommandsTool))
    tap(app, tool.toggle_rect(scene.layout()).center)
    assert tool.open
    probes = len(scene.game.probes)
    sheet = tool.sheet(scene.layout())
    assert all(rect.h >= 44 for rect, *_ in sheet)
    axes = next(rect for rect, kind, *_ in sheet if kind == A.AXES)
    hidden = "axes" in app.env.hidden
    tap(app, axes.center)
    assert ("axes" in app.env.hidden) != hidden and not tool.open and len(scene.game.probes) == probes

    def find(kind: str) -> pygame.Rect:
        """Open the sheet and turn its pages (by taps) until the button for `kind` shows."""
        tap(app, tool.toggle_rect(scene.layout()).center)
        for _ in range(10):
            sheet = {name: rect for rect, name, *_ in tool.sheet(scene.layout())}
            if kind in sheet:
                return sheet[kind]
            tap(app, sheet["more"].center)
        raise AssertionError(f"{kind} is on no page")

    tap(app, find(A.READOUT).center)
    from game.ui.tools.readout import ReadoutTool
    assert next(t for t in scene.tools if isinstance(t, ReadoutTool)).access.readout
    tap(app, find(A.RESTART).center)
    assert isinstance(app.top, PlayScene) and app.top is not scene and not app.top.game.probes


def open_editor_from_the_keys_sheet(app, scene, keys):
    """Open the Keys sheet by tapping, turn its pages until the editor's key (J) shows, tap it; the editor."""
    tap(app, keys.toggle_rect(scene.layout()).center)
    for _ in range(10):
        sheet = {kind: rect for rect, kind, *_ in keys.sheet(scene.layout())}
        if A.RULES in sheet:
            break
        tap(app, sheet["more"].center)
    tap(app, sheet[A.RULES].center)
    return app.top


def test_touch_only_step_rule_to_result(make_app):
    """Probe, unfold the climbers' bar, open the step-rule editor from the "Keys" sheet (J), pick the gradient-ascent
    example, type a change on its keypad, run it by its Climb and ×5 buttons, then claim: every step by finger."""
    from game.core.rule_examples import EXAMPLES
    from game.ui.scenes.rule_editor import KEYPAD, RuleEditorScene
    from game.ui.tools.climb import ClimbTool
    from game.ui.tools.commands import CommandsTool

    app = make_app("--level", "one-hill", size=(1280, 800))
    app.step(1 / 60)
    probe_by_tap(app, 0.3, 0.3)  # the first taps put the level's intro away
    probe_by_tap(app, 0.42, 0.45)  # on the hill's flank, where a step is long enough to take
    scene = app.top
    assert isinstance(scene, PlayScene) and app.env.touch
    climb = next(tool for tool in scene.tools if isinstance(tool, ClimbTool))
    assert not climb.expanded
    tap(app, climb.place(scene.layout())["open"].center)  # the folded bar: one "Climbers" button
    assert climb.expanded and "step" in climb.place(scene.layout())
    probes = len(scene.game.probes)
    tap(app, climb.place(scene.layout())["step"].center)  # the bar's own Climb button: one gradient step
    assert len(scene.game.probes) == probes + 1 and climb.climb.climber == "gradient"

    keys = next(tool for tool in scene.tools if isinstance(tool, CommandsTool))
    editor = open_editor_from_the_keys_sheet(app, scene, keys)
    assert isinstance(editor, RuleEditorScene) and editor.keypad

    gradient = next(i for i, (name, _) in enumerate(EXAMPLES) if name == "gradient")
    buttons = editor.buttons()
    if f"example.{gradient}" in buttons:
        tap(app, buttons[f"example.{gradient}"].center)
    else:  # a short window: one button cycles through the examples
        for _ in range(len(EXAMPLES)):
            if editor.example == gradient:
                break
            tap(app, editor.buttons()["example"].center)
    assert editor.buffer.text == EXAMPLES[gradient][1] and editor.error is None
    # on the keypad: a new last line "dx=0" (the rule now climbs along y only)
    key = {token: f"key.{i}" for i, token in enumerate(KEYPAD)}
    box = editor.editor_box()
    tap(app, (box.right - 6, box.bottom - 6))  # a tap past the text puts the caret at its end
    assert editor.buffer.caret == len(editor.buffer.text)
    for token in ("\n", "dx", "=", "0"):
        tap(app, editor.buttons()[key[token]].center)
    assert editor.buffer.text == EXAMPLES[gradient][1] + "\ndx=0" and editor.error is None

    probes = len(scene.game.probes)
    tap(app, editor.buttons()["step"].center)  # Climb: the editor closes and the rule takes one step
    assert app.top is scene and climb.climb.climber == "rule"
    assert len(scene.game.probes) == probes + 1
    before, after = scene.game.probes[-2], scene.game.probes[-1]
    assert after.x == pytest.approx(before.x)  # dx = 0: the player's rule ran, not the built-in gradient climber
    assert after.y != pytest.approx(before.y)

    editor = open_editor_from_the_keys_sheet(app, scene, keys)  # the editor again, then ×5
    assert isinstance(editor, RuleEditorScene) and editor.buffer.text.endswith("dx=0")
    probes = len(scene.game.probes)
    tap(app, editor.buttons()["five"].center)
    assert app.top is scene and len(scene.game.probes) > probes
    assert all(p.x == pytest.approx(scene.game.probes[probes - 1].x) for p in scene.game.probes[probes:])

    if not isinstance(app.top, ResultScene):
        tap(app, scene.buttons()["claim"].center)
    result = app.top
    assert isinstance(result, ResultScene)
    assert result.verdict
