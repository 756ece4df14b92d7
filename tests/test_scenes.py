"""Scenes: a seeded monkey test per scene, a keyboard-only playthrough, and each scene's controls."""

from __future__ import annotations

import math
import random

import pygame
import pytest

from game.core import actions as A
from game.ui.scenes.entry import EntryScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.level_select import LevelSelectScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.result import ResultScene
from game.ui.scenes.title import TitleScene

SCENES = ("title", "levels", "play", "result", "pause", "help", "entry-expr", "entry-code")


def open_scene(app, name: str, run_frames) -> None:
    """Put the app into the named scene (through actions where there is one)."""
    if name == "title":
        app.show(app.routes.title())
    elif name == "levels":
        app.show(app.routes.levels())
    elif name == "play":
        app.show(app.routes.play(app.session.levels[1]))
    elif name == "result":
        app.show(app.routes.play(app.session.levels[1]))
        app.dispatch(A.Action(A.PROBE))
        app.dispatch(A.Action(A.CLAIM))
    elif name == "pause":
        app.show(app.routes.play(app.session.levels[1]))
        app.dispatch(A.Action(A.BACK))
    elif name == "help":
        app.show(app.routes.play(app.session.levels[1]))
        app.dispatch(A.Action(A.HELP))
    elif name == "entry-expr":
        app.push(app.routes.entry("expr"))
    elif name == "entry-code":
        app.push(app.routes.entry("code"))
    run_frames(app, 1)


EXPECTED = {"title": TitleScene, "levels": LevelSelectScene, "play": PlayScene, "result": ResultScene,
            "pause": PauseScene, "help": HelpScene, "entry-expr": EntryScene, "entry-code": EntryScene}


def random_action(rng: random.Random, size: tuple[int, int]) -> A.Action:
    """Any action a player could cause (no QUIT: the monkey keeps playing)."""
    kind = rng.choice([k for k in A.KINDS if k != A.QUIT] + [A.POINT, A.CLICK, A.MOVE] * 4)
    pos = (rng.randrange(-20, size[0] + 20), rng.randrange(-20, size[1] + 20))
    if kind == A.RESIZE:
        return A.Action(kind, pos=(rng.randrange(640, 1700), rng.randrange(480, 1100)))
    if kind == A.TEXT:
        return A.Action(kind, text=rng.choice(["x", "y", "2", "(", ")", "^", "-", "e", "1.5", "sin(", "ä", " "]))
    if kind == A.PROBE and rng.random() < 0.3:
        return A.Action(kind, at=(rng.uniform(-5, 5), rng.uniform(-5, 5)))
    return A.Action(kind, dx=rng.choice([-1.0, 0.0, 1.0]), dy=rng.choice([-1.0, 0.0, 1.0]), fine=rng.random() < 0.3,
                    pos=pos if kind in (A.POINT, A.CLICK) else None)


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENES)
def test_monkey_120_frames_prints_nothing(name, make_app, run_frames, capfd):
    app = make_app()
    open_scene(app, name, run_frames)
    assert isinstance(app.top, EXPECTED[name])
    rng = random.Random(f"monkey-{name}")
    visited = set()
    for _ in range(120):
        for _ in range(rng.randrange(0, 4)):
            app.dispatch(random_action(rng, app.size))
        app.step(1 / 60)
        visited.add(type(app.top).__name__)
        app.running = True  # the monkey may pick "Quit" on the title; keep going
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert visited  # the frames ran


def press(k: int, mod: int = 0, unicode: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0))


def test_keyboard_only_playthrough_of_the_first_level(make_app, run_frames):
    """Title → Enter → level 1; arrows follow the gradient arrow, Space probes, C claims → result."""
    app = make_app()
    pygame.event.clear()
    run_frames(app, 1)
    assert isinstance(app.top, TitleScene)
    press(pygame.K_RETURN)
    run_frames(app, 1)
    assert isinstance(app.top, PlayScene) and app.top.level.id == app.session.levels[0].id
    play = app.top
    press(pygame.K_SPACE)
    run_frames(app, 1)
    assert len(play.game.probes) == 1
    for _ in range(play.game.budget - 2):
        gx, gy = play.game.probes[-1].gradient
        if math.hypot(gx, gy) < 1e-3:
            break
        # step along the arrow: a few presses in x and y, in proportion to the gradient's components
        steps = 3
        for component, plus, minus in ((gx, pygame.K_RIGHT, pygame.K_LEFT), (gy, pygame.K_UP, pygame.K_DOWN)):
            share = abs(component) / max(abs(gx), abs(gy))
            for _ in range(round(steps * share)):
                press(plus if component > 0 else minus)
        run_frames(app, 1)
        press(pygame.K_SPACE)
        run_frames(app, 1)
    press(pygame.K_c)
    run_frames(app, 2)
    assert isinstance(app.top, ResultScene)
    assert app.top.game.verdict is not None
    assert app.top.game.probes[-1].value > play.game.probes[0].value  # it climbed
    assert app.session.progress.best(app.session.levels[0].id) is not None  # progress recorded


def test_click_on_the_map_probes_there_and_touch_taps_probe_once(make_app, run_frames):
    app = make_app("--level", "2")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PROBE))  # the first probe of this level is at its start
    transform = play.transform()
    px, py = (int(v) for v in transform.to_screen(0.5, 0.25))
    app.dispatch(A.Action(A.CLICK, pos=(px, py)))
    probe = play.game.probes[-1]
    assert abs(probe.x - 0.5) < 0.05 and abs(probe.y - 0.25) < 0.05
    # a finger tap: FINGERDOWN/UP plus SDL's synthesised mouse click (touch=True) → exactly one probe
    w, h = app.size
    qx, qy = (int(v) for v in transform.to_screen(-0.5, -0.5))
    for event in (pygame.event.Event(pygame.FINGERDOWN, x=qx / w, y=qy / h, dx=0, dy=0, finger_id=3, touch_id=0),
                  pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(qx, qy), button=1, touch=True),
                  pygame.event.Event(pygame.FINGERUP, x=qx / w, y=qy / h, dx=0, dy=0, finger_id=3, touch_id=0)):
        pygame.event.post(event)
    run_frames(app, 1)
    assert len(play.game.probes) == 3
    assert app.env.touch


def test_buttons_claim_predict_help_and_menu(make_app, run_frames):
    app = make_app("--level", "2")
    run_frames(app, 1)
    play = app.top
    buttons = play.buttons()
    assert set(buttons) == {"claim", "predict", "intro", "help", "menu"}
    app.dispatch(A.Action(A.CLICK, pos=buttons["help"].center))
    assert isinstance(app.top, HelpScene)
    app.dispatch(A.Action(A.CLICK, pos=(5, 5)))
    assert app.top is play
    app.dispatch(A.Action(A.CLICK, pos=buttons["menu"].center))
    assert isinstance(app.top, PauseScene)
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.CLICK, pos=buttons["claim"].center))
    assert app.top is play and "Probe" in play.message  # nothing to claim yet
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLICK, pos=buttons["predict"].center))
    assert play.text_mode
    app.dispatch(A.Action(A.CLICK, pos=buttons["claim"].center))
    assert isinstance(app.top, ResultScene)


def test_predict_by_typing_and_by_adjusting(make_app, run_frames):
    app = make_app("--level", "2")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.MOVE, dx=1))
    app.dispatch(A.Action(A.PREDICT))
    assert play.text_mode and play.guess_text == ""  # empty: never the model's own estimate
    assert not play.view_state().show_preview  # and the Taylor preview hides while the player guesses
    for ch in "1,5":  # German decimal comma accepted
        app.dispatch(A.Action(A.TEXT, text=ch))
    app.dispatch(A.Action(A.CONFIRM))
    assert play.game.guess == 1.5 and not play.text_mode
    app.dispatch(A.Action(A.PREDICT))
    app.dispatch(A.Action(A.ADJUST, dy=1))  # from an empty field the arrows start at the current height
    start = float(play.guess_text)
    assert start > play.game.probes[-1].value
    app.dispatch(A.Action(A.MOVE, dy=-1))  # Up raises too
    assert float(play.guess_text) > start
    app.dispatch(A.Action(A.BACK))  # cancel keeps the old guess
    assert play.game.guess == 1.5 and not play.text_mode
    app.dispatch(A.Action(A.PREDICT))
    app.dispatch(A.Action(A.TEXT, text="abc1e"))  # letters other than e are dropped
    assert play.guess_text == "1e"
    app.dispatch(A.Action(A.CONFIRM))
    assert play.text_mode and "1e" in play.message  # not a number: the field stays open with a message
    app.dispatch(A.Action(A.PROBE))
    assert play.game.probes[-1].guess == 1.5


def test_level_select_has_a_back_button_for_mouse_and_touch(make_app, run_frames):
    app = make_app()
    app.show(app.routes.levels())
    run_frames(app, 1)
    scene = app.top
    back = scene.back_button()
    assert not any(back.colliderect(rect) for rect in scene.rows().values())
    app.dispatch(A.Action(A.CLICK, pos=back.center))
    assert type(app.top).__name__ == "TitleScene"


def test_clicking_the_guess_field_keeps_the_guess_and_does_not_probe(make_app, run_frames):
    app = make_app("--level", "2")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.PREDICT))
    app.dispatch(A.Action(A.TEXT, text="2"))
    plate = play.guess_plate(play.layout())
    assert play.transform().contains_screen(*plate.center)  # the field lies over the map, where a click would probe
    app.dispatch(A.Action(A.POINT, pos=plate.center))  # the pointer travels to the field: it must not jump away
    assert play.guess_plate(play.layout()) == plate
    app.dispatch(A.Action(A.CLICK, pos=plate.center))
    assert len(play.game.probes) == 1 and play.game.guess == 2.0 and not play.text_mode


def test_p_then_typing_through_real_events(make_app, run_frames):
    """KEYDOWN p opens the field; its TEXTINPUT twin must not be typed; digits after it are."""
    app = make_app("--level", "2")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PROBE))
    press(pygame.K_p, unicode="p")
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="p"))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="2"))
    press(pygame.K_RETURN)
    run_frames(app, 1)
    assert play.game.guess == 2.0


def test_cursor_keys_move_and_clamp_to_the_domain(make_app, run_frames):
    app = make_app("--level", "2")
    play = app.top
    x0, y0 = play.cursor
    app.dispatch(A.Action(A.MOVE, dx=1))
    app.dispatch(A.Action(A.MOVE, dy=-1))  # screen up = surface +y
    x1, y1 = play.cursor
    assert x1 > x0 and y1 > y0
    app.dispatch(A.Action(A.MOVE, dx=1, fine=True))
    assert 0 < play.cursor[0] - x1 < (x1 - x0)
    for _ in range(200):
        app.dispatch(A.Action(A.MOVE, dx=-1, dy=1))
    xmin, _, ymin, _ = play.level.surface.domain
    assert play.cursor == (xmin, ymin)


def test_result_next_retry_levels_and_title(make_app, run_frames):
    app = make_app("--level", "2")
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    assert isinstance(app.top, ResultScene)
    run_frames(app, 120)
    assert app.top.reveal == 1.0
    app.dispatch(A.Action(A.RESTART))
    assert isinstance(app.top, PlayScene) and app.top.level.id == app.session.levels[1].id and not app.top.game.probes
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    app.dispatch(A.Action(A.NEXT))
    assert isinstance(app.top, PlayScene) and app.top.level.id == app.session.levels[2].id
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    app.dispatch(A.Action(A.LEVELS))
    assert isinstance(app.top, LevelSelectScene) and app.top.selected == 2
    app.dispatch(A.Action(A.BACK))
    assert isinstance(app.top, TitleScene)


def test_result_buttons_are_clickable(make_app, run_frames):
    app = make_app("--level", "2")
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    result = app.top
    buttons = result.buttons()
    assert set(buttons) == {"next", "retry", "levels"}
    app.dispatch(A.Action(A.CLICK, pos=buttons["levels"].center))
    assert isinstance(app.top, LevelSelectScene)


def test_last_level_and_custom_levels_have_no_next(make_app):
    app = make_app("--level", str(len(make_app().session.levels)))
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    assert app.top.next is None and "next" not in app.top.buttons()
    app.dispatch(A.Action(A.NEXT))
    assert isinstance(app.top, LevelSelectScene)
    app = make_app("--expr", "-(x^2+y^2)")
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    assert app.top.next is None
    assert app.session.progress.best("custom") is None  # custom surfaces do not enter progress


def test_pause_menu(make_app, run_frames):
    app = make_app("--level", "2")
    play = app.top
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.BACK))
    assert isinstance(app.top, PauseScene)
    app.dispatch(A.Action(A.BACK))
    assert app.top is play
    app.dispatch(A.Action(A.PAUSE))
    app.dispatch(A.Action(A.MOVE, dy=1))
    app.dispatch(A.Action(A.CONFIRM))  # "Restart level"
    assert isinstance(app.top, PlayScene) and not app.top.game.probes
    app.dispatch(A.Action(A.BACK))
    pause = app.top
    rects = pause.rects()
    app.dispatch(A.Action(A.CLICK, pos=rects[3].center))  # "Quit to title"
    assert isinstance(app.top, TitleScene)


def test_title_menu_and_shortcuts(make_app):
    app = make_app()
    title = app.top
    assert isinstance(title, TitleScene)
    app.dispatch(A.Action(A.LEVELS))
    assert isinstance(app.top, LevelSelectScene)
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.EXPR))
    assert isinstance(app.top, EntryScene) and app.top.mode == "expr"
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.CODE))
    assert isinstance(app.top, EntryScene) and app.top.mode == "code"
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.HELP))
    assert isinstance(app.top, HelpScene)
    app.dispatch(A.Action(A.HELP))
    rects = app.top.rects()
    app.dispatch(A.Action(A.CLICK, pos=rects[-1].center))  # Quit (desktop)
    assert not app.running


def test_level_select_shows_progress_and_plays_the_choice(make_app, run_frames):
    app = make_app()
    app.session.progress.record(app.session.levels[0].id, 1234, 2)
    app.show(app.routes.levels())
    select = app.top
    assert select.selected == 1  # the first level not finished yet
    app.dispatch(A.Action(A.MOVE, dy=-1))
    app.dispatch(A.Action(A.ADJUST, dy=-1))
    assert select.selected == 1
    run_frames(app, 1)
    rows = select.rows()
    assert len(rows) == select.visible()[1] >= min(10, len(app.session.levels))  # ten or more fit at 1280×800
    app.dispatch(A.Action(A.CLICK, pos=rows[3].center))
    assert isinstance(app.top, PlayScene) and app.top.level.id == app.session.levels[3].id


def test_level_select_scrolls_in_a_small_window(make_app, run_frames):
    app = make_app("--classroom", size=(1280, 720))
    app.show(app.routes.levels())
    select = app.top
    first, fit = select.visible()
    assert fit < len(app.session.levels)
    for _ in range(len(app.session.levels) - 1):
        app.dispatch(A.Action(A.MOVE, dy=1))
    assert select.selected in select.rows()
    run_frames(app, 2)


def test_entry_expression_error_then_play(make_app, run_frames):
    app = make_app()
    app.push(app.routes.entry("expr"))
    entry = app.top
    for ch in "  3*x+)":
        app.dispatch(A.Action(A.TEXT, text=ch))
    app.dispatch(A.Action(A.CONFIRM))
    assert entry.error and entry.error_at == 6  # points at ")" (after the two leading spaces)
    run_frames(app, 1)
    app.dispatch(A.Action(A.DELETE))  # the caret sits at the error: Delete removes the ")"
    assert entry.error is None
    app.dispatch(A.Action(A.ERASE))
    assert entry.text == "  3*x"
    app.dispatch(A.Action(A.TEXT, text="-y^2"))
    app.dispatch(A.Action(A.CONFIRM))
    assert isinstance(app.top, PlayScene) and app.top.level.id == "custom"


def test_entry_class_code(make_app):
    app = make_app()
    app.push(app.routes.entry("code"))
    entry = app.top
    app.dispatch(A.Action(A.TEXT, text="peak-4#821b"))  # replaces the offered code
    app.dispatch(A.Action(A.CONFIRM))
    assert entry.error and entry.error_at == 6
    for _ in range(4):
        app.dispatch(A.Action(A.MOVE, dx=-1))
    app.dispatch(A.Action(A.ERASE))
    app.dispatch(A.Action(A.CONFIRM))
    assert isinstance(app.top, PlayScene) and app.top.level.id == "PEAK-4821-B"
    assert app.top.level.title["en"] == "Class code PEAK-4821-B"


@pytest.fixture
def codes(monkeypatch):
    """surfaces.new_code gives these valid codes in turn (the real one is random)."""
    import surfaces

    offered = iter(["ZEBA-2285-C", "PEAK-4821-B", "XYZ-C"])
    monkeypatch.setattr(surfaces, "new_code", lambda: next(offered))


def test_the_code_entry_offers_a_fresh_code_keyboard_only(make_app, codes, run_frames):
    app = make_app()
    app.dispatch(A.Action(A.CODE))
    entry = app.top
    assert entry.text == "ZEBA-2285-C" and entry.selected
    run_frames(app, 1)  # draws the selection
    app.dispatch(A.Action(A.NEXT))  # Tab: another code
    assert entry.text == "PEAK-4821-B" and entry.selected
    app.dispatch(A.Action(A.CONFIRM))
    assert isinstance(app.top, PlayScene) and app.top.level.id == "PEAK-4821-B"


def test_the_code_entry_offers_a_fresh_code_mouse_only(make_app, codes):
    app = make_app()
    app.push(app.routes.entry("code"))
    entry = app.top
    buttons = entry.buttons()
    assert set(buttons) == {"back", "new", "play"}
    assert all(not a.colliderect(b) for a in buttons.values() for b in buttons.values() if a is not b)
    app.dispatch(A.Action(A.CLICK, pos=buttons["new"].center))
    assert entry.text == "PEAK-4821-B"
    app.dispatch(A.Action(A.CLICK, pos=buttons["play"].center))
    assert isinstance(app.top, PlayScene) and app.top.level.id == "PEAK-4821-B"


def test_a_selected_code_is_replaced_erased_or_kept_for_editing(make_app, codes):
    app = make_app()
    app.push(app.routes.entry("code"))
    entry = app.top
    app.dispatch(A.Action(A.ERASE))
    assert entry.text == "" and not entry.selected
    app.dispatch(A.Action(A.NEXT))
    app.dispatch(A.Action(A.MOVE, dx=-1))  # the caret goes to the start; the code stays
    assert (entry.text, entry.caret, entry.selected) == ("PEAK-4821-B", 0, False)
    app.dispatch(A.Action(A.TEXT, text="x"))
    assert entry.text == "xPEAK-4821-B"
    app.dispatch(A.Action(A.NEXT))
    app.dispatch(A.Action(A.CLICK, pos=entry.field().center))  # a click edits instead of replacing
    app.dispatch(A.Action(A.TEXT, text="9"))
    assert entry.text == "XYZ-C9" and entry.caret == len(entry.text)


@pytest.mark.parametrize("lang, words", [("en", "check character"), ("de", "Prüfzeichen")])
def test_a_mistyped_code_is_refused_inline(make_app, run_frames, lang, words):
    app = make_app("--lang", lang)
    app.push(app.routes.entry("code"))
    entry = app.top
    app.dispatch(A.Action(A.TEXT, text="PEAK-4821-Q"))
    app.dispatch(A.Action(A.CONFIRM))
    assert app.top is entry
    assert words in entry.error and "B" not in entry.error  # never names the right check character (B)
    run_frames(app, 1)


def test_the_expression_entry_starts_empty(make_app):
    app = make_app()
    app.push(app.routes.entry("expr"))
    assert app.top.text == "" and not app.top.selected and set(app.top.buttons()) == {"back", "play"}


def test_entry_empty_and_click_back(make_app):
    app = make_app()
    app.push(app.routes.entry("expr"))
    entry = app.top
    app.dispatch(A.Action(A.CONFIRM))
    assert entry.error
    app.dispatch(A.Action(A.CLICK, pos=entry.buttons()["back"].center))
    assert isinstance(app.top, TitleScene)


def test_classroom_opens_help_at_start_and_scales_up(make_app, run_frames):
    app = make_app("--classroom", size=(1920, 1080))
    assert isinstance(app.top, HelpScene)
    assert app.env.scale == 2.0 and app.env.palette.name == "projector"
    run_frames(app, 2)
    app.dispatch(A.Action(A.BACK))
    assert isinstance(app.top, TitleScene)


def test_every_scene_draws_in_german_and_small_and_large_windows(make_app, run_frames, capfd):
    for size in ((640, 480), (900, 1200), (2560, 1440)):
        app = make_app("--lang", "de", size=size)
        for name in SCENES:
            open_scene(app, name, run_frames)
            run_frames(app, 2)
    assert capfd.readouterr() == ("", "")


def test_result_puts_the_verdict_and_note_in_the_panel_not_over_the_map(make_app, run_frames):
    app = make_app("--level", "2")
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    result = app.top
    assert isinstance(result, ResultScene)
    run_frames(app, 120)
    view = app.env.play_view()
    assert view._static_banners == []  # no banner hides the top of the map
    seen: list = []
    real = view.draw

    def spy(target, game, state, layout):
        seen.append(state.extra.get("note"))
        return real(target, game, state, layout)

    view.draw = spy
    app.invalidate()  # the reveal has finished: a still result screen is drawn again only when asked
    run_frames(app, 1)
    assert seen and seen[-1] == result.note()


def test_adjusting_a_guess_past_the_largest_float_never_shows_inf(make_app, run_frames):
    app = make_app("--level", "2")
    run_frames(app, 1)
    play = app.top
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.PREDICT))
    app.dispatch(A.Action(A.TEXT, text="1.7e308"))
    app.dispatch(A.Action(A.ADJUST, dy=1))
    assert "inf" not in play.guess_text and float(play.guess_text) > 1e308


def test_home_and_end_move_the_caret_in_a_text_field(make_app):
    """After an error the caret sits at the error; Home and End reach both ends (only arrows did)."""
    import pygame

    from game.ui.input import InputMapper

    app = make_app()
    app.push(app.routes.entry("expr"))
    entry = app.top
    app.dispatch(A.Action(A.TEXT, text="sin(x"))
    app.dispatch(A.Action(A.HOME))
    app.dispatch(A.Action(A.TEXT, text="2*"))
    app.dispatch(A.Action(A.END))
    app.dispatch(A.Action(A.TEXT, text=")"))
    assert entry.text == "2*sin(x)" and entry.caret == len(entry.text)
    mapper = InputMapper()
    home = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_HOME, mod=0, unicode="", scancode=0)
    assert [a.kind for a in mapper.map(home, (1280, 800), text_mode=True)] == [A.HOME]
    mapper = InputMapper()
    assert mapper.map(home, (1280, 800), text_mode=False) == []
