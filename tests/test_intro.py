"""The level's intro (issue 11, item 1): whole at every size, re-opened by I or its button, never drawn over."""

from __future__ import annotations

import pygame
import pytest

import surfaces
from game.core import actions as A
from game.core.climbers import next_move
from game.text.catalog import languages, t
from game.text.levels import level_text
from game.ui.input import InputMapper
from game.ui.scenes.help import HelpScene
from game.ui.scenes.pause import PauseScene
from game.ui.views import glyphs

LEVELS = surfaces.builtin_levels()
# (window, flags): the sizes a class meets; classroom is 2×, and scale 3 is the largest UI scale
CONFIGS = {"1280x800": ((1280, 800), ()), "700x900": ((700, 900), ()),
           "classroom": ((1920, 1080), ("--classroom",)), "scale3": ((1920, 1080), ("--scale", "3"))}


def start(make_app, run_frames, level: str, lang: str = "en", size=(1280, 800), flags=()):
    app = make_app("--level", level, "--lang", lang, *flags, size=size)
    if isinstance(app.top, HelpScene):  # classroom mode opens the help first
        app.dispatch(A.Action(A.BACK))
    run_frames(app, 2)
    return app


def climb(app, run_frames, probes: int) -> None:
    state: dict = {}
    for _ in range(probes):
        move = next_move(app.top.game, "gradient", state)
        if move[0] != "probe":
            break
        app.dispatch(A.Action(A.PROBE, at=(float(move[1]), float(move[2]))))
        run_frames(app, 1)


def test_the_i_key_asks_for_the_intro():
    mapper = InputMapper()
    event = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_i, mod=0, unicode="i")
    assert [a.kind for a in mapper.map(event, (800, 600))] == [A.INTRO]
    assert A.Action.from_json(A.Action(A.INTRO).to_json()).kind == A.INTRO  # recordings keep it


def test_key_button_esc_and_probe_reopen_and_dismiss_the_intro(make_app, run_frames):
    app = start(make_app, run_frames, "one-hill")
    play = app.top
    assert play.view_state().intro == level_text(play.level, "intro", "en")
    app.dispatch(A.Action(A.BACK))  # the intro that opened by itself: Esc still pauses
    assert isinstance(app.top, PauseScene)
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.PROBE))
    assert play.view_state().intro is None and len(play.game.probes) == 1  # the first probe puts it away
    app.dispatch(A.Action(A.INTRO))
    run_frames(app, 2)
    assert play.view_state().intro and play.intro.reopened
    run_frames(app, 120)  # it stays: no timer takes it away
    assert play.view_state().intro
    app.dispatch(A.Action(A.BACK))  # Esc closes a re-opened intro, and does not pause
    assert app.top is play and play.view_state().intro is None
    button = play.buttons()["intro"]
    app.dispatch(A.Action(A.CLICK, pos=button.center))  # the button opens it
    run_frames(app, 1)
    rect = play.intro_rect()
    assert rect is not None and play.transform().contains_screen(*rect.center)
    app.dispatch(A.Action(A.CLICK, pos=rect.center))  # a click on it closes it (one page) and never probes
    assert play.view_state().intro is None and len(play.game.probes) == 1
    app.dispatch(A.Action(A.CLICK, pos=button.center))
    app.dispatch(A.Action(A.CLICK, pos=button.center))  # the button again closes it
    assert play.view_state().intro is None
    app.dispatch(A.Action(A.INTRO))
    app.dispatch(A.Action(A.INTRO))  # the key again closes it
    assert play.view_state().intro is None
    app.dispatch(A.Action(A.INTRO))
    app.dispatch(A.Action(A.PROBE, at=(0.5, 0.5)))  # a probe closes it and is a probe as always
    assert play.view_state().intro is None and len(play.game.probes) == 2
    assert play.game.probes_left == play.level.probes - 2  # the intro cost nothing
    app.dispatch(A.Action(A.INTRO))
    app.dispatch(A.Action(A.PREDICT))  # the guess field would sit over it: the intro makes way
    assert play.text_mode and play.view_state().intro is None


def test_the_intro_shown_by_itself_closes_with_the_key_and_stays_away(make_app, run_frames):
    app = start(make_app, run_frames, "saddle-pass")
    play = app.top
    app.dispatch(A.Action(A.INTRO))
    run_frames(app, 30)
    assert play.view_state().intro is None and not play.game.probes


def test_a_long_intro_pages_and_every_page_is_drawn(make_app, run_frames, drawn_texts):
    app = start(make_app, run_frames, "taylor-trust", "de", (1920, 1080), ("--scale", "3"))
    play = app.top
    pages = play.intro_pages()
    assert pages >= 2  # the smallest allowed type (48 px at 3×) does not fit the whole intro in 45 % of the map
    plan = app.env.play_view().plan_intro(play.intro_text(), tuple(play.layout().map_rect))
    seen: list[str] = []
    for page in range(pages):
        drawn_texts.clear()
        app.invalidate()  # (the loop draws only on change: this frame must be drawn to be read)
        run_frames(app, 1)
        assert play.intro.page == page and play.view_state().intro
        lines = list(plan.pages[page])
        assert all(line in drawn_texts for line in lines)
        note = t("play.intro_more" if page + 1 < pages else "play.intro_last", "de", page=page + 1, pages=pages)
        assert note in drawn_texts
        seen += lines
        if page % 2:
            app.dispatch(A.Action(A.INTRO))
        else:
            app.dispatch(A.Action(A.CLICK, pos=play.intro_rect().center))
    assert " ".join(seen).split() == play.intro_text().split()
    assert play.view_state().intro is None and not play.game.probes  # after the last page it closed; no probe
    app.dispatch(A.Action(A.INTRO))
    assert play.intro.page == 0 and play.view_state().intro  # it opens again at its first page


def _check_intro(app, view, where: str) -> None:
    """The intro is whole (every word on a page, no "…", lines within the banner), inside the map, with its type
    at least the smallest allowed, and nothing drawn over it (drawing it again over the frame changes no pixel)."""
    play = app.top
    text = play.intro_text()
    layout = play.layout()
    map_rect = pygame.Rect(layout.map_rect)
    plan = view.plan_intro(text, tuple(map_rect))
    rect = view.intro_rect
    assert rect is not None, where
    assert " ".join(line for page in plan.pages for line in page).split() == text.split(), where
    assert not any("\u2026" in line for page in plan.pages for line in page), where
    assert map_rect.contains(rect), where
    inner = rect.w - 2 * plan.pad
    assert all(view.fonts.measure(line, plan.size)[0] <= inner for page in plan.pages for line in page), where
    assert max(len(page) for page in plan.pages) * plan.line_h + plan.footer_h + 2 * plan.pad <= rect.h, where
    floor = max(16 * app.env.scale, 28 if app.options.classroom else 16)
    assert view.fonts.px(plan.size) >= floor, where
    frame = app.screen.copy()
    again = frame.copy()
    view._draw_intro(again, plan, rect, play.intro.page, play.env.lang)
    assert pygame.image.tobytes(frame.subsurface(rect), "RGB") == pygame.image.tobytes(again.subsurface(rect), "RGB"), \
        f"{where}: something is drawn over the intro"


# the whole-game renders of every level take 2-6 s a configuration: the quick tier renders two (the default window,
# classroom mode in German), the slow tier all; test_every_intro_fits_... checks every one's geometry quickly
RENDERED = [("1280x800", "en"), ("classroom", "de")]
CASES = [pytest.param(config, lang, marks=() if (config, lang) in RENDERED else pytest.mark.slow)
         for config in CONFIGS for lang in languages()]


@pytest.mark.parametrize("config, lang", CASES)
def test_every_intro_is_whole_and_nothing_is_drawn_over_it(config, lang, make_app, run_frames):
    """Every built-in level, before the first probe (the start ring stays visible beside it) and re-opened after
    three probes with the cursor and its Taylor plate pushed under it and a message on the map."""
    size, flags = CONFIGS[config]
    app = start(make_app, run_frames, LEVELS[0].id, lang, size, flags)
    for level in LEVELS:
        app.show(app.routes.play(level))
        play = app.top
        view = app.env.play_view()
        run_frames(app, 2)
        rect = play.intro_rect()
        where = f"{level.id} {lang} {config}"
        assert rect is not None, where
        app.dispatch(A.Action(A.POINT, pos=rect.center))  # the cursor under the intro
        app.dispatch(A.Action(A.CLAIM))  # "probe first": a message on the map beside the intro
        run_frames(app, 2)
        _check_intro(app, view, where + " start")
        assert play.message and not any(b.colliderect(rect) for b in view._static_banners if b != rect), where
        if play.game.forced_start is not None:
            ring = glyphs.marker_rect("ring", play.transform().to_screen(*play.game.forced_start), app.env.scale,
                                      pygame.Rect(play.layout().map_rect))
            assert not ring.colliderect(rect), f"{where}: the start ring is under the intro"
        climb(app, run_frames, 3)
        app.dispatch(A.Action(A.INTRO))
        run_frames(app, 2)
        rect = play.intro_rect()
        app.dispatch(A.Action(A.POINT, pos=(rect.centerx, rect.bottom - 4)))
        run_frames(app, 2)
        for page in range(play.intro_pages()):
            _check_intro(app, view, f"{where} re-opened, page {page + 1}")
            app.dispatch(A.Action(A.INTRO))
            run_frames(app, 1)
        assert play.view_state().intro is None and len(play.game.probes) == 3, where


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("lang", languages())
def test_every_intro_fits_its_map_in_pages_clear_of_the_start(config, lang, display):
    """The geometry of every intro at every configuration, without running the game: every word on a page at a
    size no smaller than allowed, every line within the banner, the banner inside the map, the start ring clear."""
    from game.core.layout import compute_layout
    from game.core.options import parse_args
    from game.ui.views.play_view import PlayView

    size, flags = CONFIGS[config]
    scale = parse_args(list(flags)).effective_scale()
    view = PlayView(scale)
    for level in LEVELS:
        layout = compute_layout(*size, scale, domain=level.surface.domain)
        map_rect = pygame.Rect(layout.map_rect)
        text = level_text(level, "intro", lang)
        plan = view.plan_intro(text, map_rect)
        where = f"{level.id} {lang} {config}"
        assert " ".join(line for page in plan.pages for line in page).split() == text.split(), where
        assert view.fonts.px(plan.size) >= max(16 * scale, 28 if "--classroom" in flags else 16), where
        assert all(view.fonts.measure(line, plan.size)[0] <= plan.w - 2 * plan.pad for page in plan.pages
                   for line in page), where
        assert len(plan.pages) == 1 or plan.size == "small", where  # pages only at the smallest allowed type
        rings = []
        if level.start is not None:
            from game.core.transform import ViewTransform

            at = ViewTransform(level.surface.domain, tuple(layout.map_rect)).to_screen(*level.start)
            rings = [glyphs.marker_rect("ring", at, scale, map_rect)]
        rect = view.place_intro(plan, map_rect, rings, [])
        assert map_rect.contains(rect) and rect.h >= plan.h, where
        assert not any(rect.colliderect(ring) for ring in rings), f"{where}: the start ring is under the intro"


@pytest.mark.parametrize("config, lang", [pytest.param(c, lang, marks=() if (c, lang) in (
    ("1280x800", "de"), ("scale3", "de")) else pytest.mark.slow) for c in CONFIGS for lang in languages()])
def test_level_select_shows_each_intro_whole_or_says_where_it_is(config, lang, make_app, run_frames, monkeypatch):
    """The details beside the level list: the whole intro above the key hint, or (no room) a line that the intro
    opens with the level. Never the first nine lines only, never under the hint."""
    from game.ui.fonts import Fonts

    size, flags = CONFIGS[config]
    app = start(make_app, run_frames, LEVELS[0].id, lang, size, flags)
    app.show(app.routes.levels())
    drawn: list[tuple[str, pygame.Rect]] = []
    real = Fonts.draw

    def spy(self, target, text, *args, **kwargs):
        rect = real(self, target, text, *args, **kwargs)
        drawn.append((text, rect))
        return rect

    monkeypatch.setattr(Fonts, "draw", spy)
    scene = app.top
    note = t("levels.intro_in_play", lang)
    for index, level in enumerate(scene.session.levels):
        scene.selected = index
        drawn.clear()
        app.invalidate()  # set directly, not through an action: ask for the frame
        run_frames(app, 1)
        texts = [text for text, _ in drawn]
        hint = next(rect for text, rect in drawn if text == t("levels.hint", lang))
        words = " ".join(texts).split()

        def whole(text: str) -> bool:
            part = text.split()
            return any(words[i:i + len(part)] == part for i in range(len(words)))

        if size[0] >= 1280:  # the details column is there (narrow windows show the list only)
            assert whole(level_text(level, "intro", lang)) or whole(note), f"{level.id} {lang} {config}"
        assert not any(rect.colliderect(hint) for text, rect in drawn if text != t("levels.hint", lang)), \
            f"{level.id} {lang} {config}: drawn over the key hint"


@pytest.mark.parametrize("size, scale", [((1024, 768), 1.0), ((1280, 800), 1.0), ((700, 900), 1.0), ((640, 960), 1.0),
                                         ((1920, 1080), 2.0), ((1920, 1080), 3.0)])
def test_the_intro_button_has_room_for_its_label(size, scale, display):
    """The Intro button shares a row (beside Claim on the side panel, beside Predict in the bottom panel's column):
    every label fits its button in every language: on one line, or (a longer language in a narrow button) on
    lines within the button, never shortened."""
    from game.core.layout import PLAY_BUTTONS, compute_layout
    from game.ui.fonts import get_fonts
    from game.ui.widgets import button_label

    layout = compute_layout(*size, scale)
    assert "intro" in PLAY_BUTTONS and set(layout.buttons) == set(PLAY_BUTTONS)
    fonts = get_fonts(scale)
    for lang in languages():
        for name, box in layout.buttons.items():
            text = t(f"button.{name}", lang)
            label, lines = button_label(fonts, text, box)
            assert " ".join(lines) == text, (name, lang, size, scale, lines)
            assert all(fonts.measure(line, label)[0] <= box.w - 8 for line in lines), (name, lang, size, scale)
            assert len(lines) * fonts.measure(text, label)[1] <= box.h, (name, lang, size, scale)
    boxes = list(layout.buttons.values())
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
