"""Readable from the back row (issue 11, item 3): the UI scale rule of classroom mode and fullscreen, and a panel
that pages instead of dropping blocks: every block drawn whole on some page, nothing overlapping, no text cut,
no text under 28 px in classroom mode at 1920×1080 (16 px at 1×)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest

import surfaces
from game.core import actions as A
from game.core.climbers import next_move, play
from game.core.layout import compute_layout
from game.core.model import Game
from game.core.options import Options, parse_args, window_scale
from game.text.catalog import languages, t
from game.ui import fonts as fonts_mod
from game.ui.fonts import Fonts
from game.ui.hud.flow import Flow
from game.ui.hud.panel import draw_hud
from game.ui.palette import get_palette
from game.ui.views import glyphs
from game.ui.views.contour import value_range

pygame.init()

# (window, UI scale, smallest text in px): the projector at the classroom rule's scale, --scale 3 on the same
# projector, a 1440p and a 4K projector in classroom mode, the laptop, and a tall window (bottom panel)
CONFIGS = [
    ((1920, 1080), Options(classroom=True).effective_scale((1920, 1080)), 28),
    ((1920, 1080), 3.0, 28),
    ((2560, 1440), Options(classroom=True).effective_scale((2560, 1440)), 28),
    ((3840, 2160), Options(classroom=True).effective_scale((3840, 2160)), 28),
    ((1280, 800), 1.0, 16),
    ((900, 1100), 1.0, 16),
]
HESSIAN_LEVELS = ["saddle-pass", "long-ridge", "banana-ridge"]


# --- the scale rule ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size,expected", [
    ((1920, 1080), 2.0), ((2560, 1440), 2.625), ((3840, 2160), 3.0), ((1280, 720), 1.25), ((1280, 800), 1.375),
    ((1024, 768), 1.375), ((800, 600), 1.0), ((640, 480), 1.0), ((1920, 972), 1.75), ((1080, 1920), 1.625)])
def test_classroom_scale_is_the_window_height_over_540(size, expected):
    assert Options(classroom=True).effective_scale(size) == expected
    assert Options(classroom=True).effective_scale(size, fullscreen=True) == expected


@pytest.mark.parametrize("size,expected", [
    ((1920, 1080), 1.25), ((2560, 1440), 1.75), ((3840, 2160), 2.625), ((1280, 800), 1.0), ((1366, 768), 1.0)])
def test_fullscreen_scale_is_the_window_height_over_800(size, expected):
    assert Options().effective_scale(size, fullscreen=True) == expected
    assert Options().effective_scale(size) == 1.0  # a window keeps 1×: its player chose its size


def test_an_explicit_scale_always_wins():
    for flags in (["--scale", "1"], ["--scale", "1", "--classroom"], ["--classroom", "--scale", "2.5"]):
        options = parse_args(flags)
        for size in ((1280, 800), (1920, 1080), (3840, 2160)):
            for fullscreen in (False, True):
                assert options.effective_scale(size, fullscreen) == float(flags[flags.index("--scale") + 1])


def test_window_scale_is_whole_eighths_within_1_and_3():
    from game.core import options, scale as scale_rule
    assert scale_rule.MIN_WIDTH == options.MIN_WINDOW[0]
    for height in range(200, 4000, 7):
        scale = window_scale((10_000, height), 540)
        assert 1.0 <= scale <= 3.0 and scale * 8 == int(scale * 8)
        assert scale == 1.0 or scale == 3.0 or scale <= height / 540 < scale + 0.125


def test_classroom_app_rescales_on_resize_and_keeps_an_explicit_scale(make_app, run_frames):
    app = make_app("--classroom", size=(1920, 1080))
    assert app.env.scale == 2.0 and app.env.fonts.scale == 2.0
    app.show(app.routes.play(surfaces.level_by_id("saddle-pass")))
    run_frames(app, 2)
    assert app.env.play_view().ui_scale == 2.0
    app.resize((2560, 1440))
    run_frames(app, 2)
    assert app.env.scale == 2.625 and app.env.fonts.scale == 2.625 and app.env.play_view().ui_scale == 2.625
    assert app.top.layout().ui_scale == 2.625
    app.resize((1280, 800))
    assert app.env.scale == 1.375
    fixed = make_app("--classroom", "--scale", "1.5", size=(1920, 1080))
    fixed.resize((2560, 1440))
    assert fixed.env.scale == 1.5


def test_fullscreen_picks_its_scale_and_a_window_keeps_one(make_app):
    assert make_app("--fullscreen", size=(1920, 1080)).env.scale == 1.25
    assert make_app(size=(1920, 1080)).env.scale == 1.0


# --- the panel: pages instead of dropped blocks --------------------------------------------------------------
def climbed(level_id: str, probes: int) -> Game:
    game = Game(surfaces.level_by_id(level_id))
    state: dict = {}
    for _ in range(probes):
        move = next_move(game, "gradient", state)
        if move[0] != "probe":
            break
        game.probe(float(move[1]), float(move[2]))
    return game


def busy_game(level_id: str) -> Game:
    """Probes (so the history fills), a graded guess and a pending one, the Hessian at the last probe."""
    game = climbed(level_id, 4)
    game.predict(game.probes[-1].value + 0.3)
    state: dict = {}
    move = next_move(game, "gradient", state)
    game.probe(float(move[1]), float(move[2]))
    game.predict(game.probes[-1].value - 0.2)
    assert len(game.probes) >= 5 and game.probes[-1].defined and game.guess is not None
    return game


class PanelSpy:
    """Every text the panel draws (text, ink rect, px) with the box of the block drawing it (None: outside a block)."""

    def __init__(self, monkeypatch) -> None:
        self.block: object = None
        self.texts: list[tuple[str, pygame.Rect, object]] = []
        self.sizes: list[int] = []
        real_draw, real_block = Fonts.draw, Flow._draw
        spy = self

        def draw(fonts, target, text, pos, size, color, anchor="topleft", plate=None):
            rect = real_draw(fonts, target, text, pos, size, color, anchor, plate)
            if plate is None:  # the ink, not the line's box (a rendered line has room under its descenders)
                ink = fonts.render(text, size, color).get_bounding_rect().move(rect.topleft)
            else:
                ink = rect
            spy.texts.append((text, ink, spy.block))
            return rect

        def block(blk, box):
            spy.block = box
            try:
                real_block(blk, box)
            finally:
                spy.block = None

        monkeypatch.setattr(Fonts, "draw", draw)
        monkeypatch.setattr(Flow, "_draw", staticmethod(block))
        hook = lambda px, logical, s: spy.sizes.append(px)  # noqa: E731
        fonts_mod.SIZE_HOOKS.append(hook)
        self._hook = hook

    def close(self) -> None:
        fonts_mod.SIZE_HOOKS.remove(self._hook)

    def reset(self) -> None:
        self.texts, self.sizes = [], []


def every_page(spy: PanelSpy, game: Game, size, scale, lang, claim_index=None):
    """Draw each page of the panel; yield (pages, texts drawn) per page."""
    layout = compute_layout(*size, scale, domain=game.surface.domain)
    fonts = Fonts(scale)
    arrows = glyphs.ArrowScale.for_surface(value_range(game.surface), game.surface.domain, scale, 600)
    page, seen = 0, 0
    while True:
        spy.reset()
        target = pygame.Surface(size)
        pages = draw_hud(target, layout, game, get_palette("projector"), fonts, None, lang, True, arrows,
                         claim_index=claim_index, page=page)
        yield layout, pages, list(spy.texts), list(spy.sizes)
        seen += 1
        page += 1
        if page >= pages.count:
            break
    assert seen == pages.count


def check_panel(spy: PanelSpy, game: Game, size, scale, min_px, lang, claim_index=None) -> int:
    shown: set[int] = set()
    count = 0
    for layout, pages, texts, sizes in every_page(spy, game, size, scale, lang, claim_index):
        where = (size, scale, lang, pages.page)
        count = pages.count
        assert pages.dropped == [], where
        area = pygame.Rect(layout.hud_content)
        boxes = [pygame.Rect(tuple(box)) for _, box in pages.boxes]
        if pages.control is not None:
            boxes.append(pygame.Rect(tuple(pages.control)))
        for i, box in enumerate(boxes):  # every block (and the page control) inside the panel, none overlapping
            assert area.contains(box), (where, box, area)
            assert box.collidelist(boxes[i + 1:]) < 0, (where, box)
            assert box.collidelist([pygame.Rect(tuple(b)) for b in layout.buttons.values()]) < 0, where
        shown.update(index for index, _ in pages.boxes)
        slack = int(10 * scale) // 2  # half the gap between blocks: ink may reach into it, never past it
        for text, rect, block in texts:  # drawn whole: inside its block; nothing cut short
            assert "\u2026" not in text, (where, text)
            if block is not None:
                assert pygame.Rect(tuple(block)).inflate(0, 2 * slack).contains(rect), (where, text, rect, block)
            else:
                assert area.contains(rect) or rect.collidelist(
                    [pygame.Rect(tuple(b)) for b in layout.buttons.values()]) >= 0, (where, text, rect)
        rects = [rect for _, rect, _ in texts]
        for i, rect in enumerate(rects):  # no two texts on top of each other
            hit = rect.collidelist(rects[i + 1:])
            assert hit < 0, (where, texts[i][0], texts[i + 1 + hit][0])
        assert sizes and min(sizes) >= min_px, (where, min(sizes))
    assert shown == set(range(pages.blocks)), (size, scale, lang, shown)  # every block on some page
    return count


@pytest.fixture
def spy(monkeypatch):
    watcher = PanelSpy(monkeypatch)
    yield watcher
    watcher.close()


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("level_id", HESSIAN_LEVELS + ["one-hill"])
def test_play_panel_shows_every_block_on_some_page_whole_and_apart(spy, level_id, lang):
    game = busy_game(level_id)
    for size, scale, min_px in CONFIGS:
        check_panel(spy, game, size, scale, min_px, lang, claim_index=1)


@pytest.mark.parametrize("lang", languages())
def test_a_graded_guess_and_the_first_probe_fit_too(spy, lang):
    graded = climbed("saddle-pass", 3)
    graded.predict(-100.25)
    graded.probe(graded.probes[-1].x + 0.1, graded.probes[-1].y)
    assert graded.probes[-1].guess_grade == "off" and graded.guess is None
    fresh = Game(surfaces.level_by_id("banana-ridge"))
    for game in (graded, fresh):
        for size, scale, min_px in CONFIGS:
            check_panel(spy, game, size, scale, min_px, lang)


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("level_id", ["two-peaks", "saddle-pass", "banana-ridge"])
def test_result_panel_shows_every_block_on_some_page_whole_and_apart(spy, level_id, lang):
    game = play(surfaces.level_by_id(level_id), "gradient")
    assert game.finished
    for size, scale, min_px in CONFIGS:
        check_panel(spy, game, size, scale, min_px, lang)


def test_the_laptop_panel_needs_no_pages_and_the_hessian_is_on_the_projectors_first_page(spy):
    for level_id in HESSIAN_LEVELS:
        game = busy_game(level_id)
        assert check_panel(spy, game, (1280, 800), 1.0, 16, "en", claim_index=1) == 1
        for lang in languages():
            first = next(every_page(spy, game, (1920, 1080), 2.0, lang, claim_index=1))[1]
            drawn = set(first.pages[0])
            assert any(text.startswith(t("hud.hessian", lang)) for text, _, _ in spy.texts), (level_id, lang)
            assert len(drawn) >= 6, (level_id, lang, first.pages)


def test_v_page_down_and_a_click_turn_the_page_in_play_and_after_the_claim(make_app, run_frames):
    app = make_app("--classroom", "--level", "saddle-pass", size=(1920, 1080))
    app.show(app.routes.play(surfaces.level_by_id("saddle-pass")))
    scene = app.top
    state: dict = {}
    for _ in range(5):
        move = next_move(scene.game, "gradient", state)
        app.dispatch(A.Action(A.PROBE, at=(float(move[1]), float(move[2]))))
    scene.game.predict(1.0)
    run_frames(app, 2)
    pages = app.env.play_view().hud_pages
    assert pages is not None and pages.count >= 2 and pages.page == 0 and pages.control is not None

    def key(code, mod=0):
        app.handle_event(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=""))
        app.handle_event(pygame.event.Event(pygame.KEYUP, key=code, mod=mod))
        run_frames(app, 1)
        return app.env.play_view().hud_pages.page

    assert key(pygame.K_v) == 1
    assert key(pygame.K_PAGEUP) == 0
    assert key(pygame.K_PAGEDOWN) == 1
    assert key(pygame.K_v, pygame.KMOD_LSHIFT) == 0
    app.dispatch(A.Action(A.CLICK, pos=pygame.Rect(tuple(pages.control)).center))
    run_frames(app, 1)
    assert app.env.play_view().hud_pages.page == 1
    app.env.rescale(3.0)  # --scale 3 on the same projector: the result pages too
    app.dispatch(A.Action(A.CLAIM))
    run_frames(app, 2)
    result = app.top
    pages = app.env.play_view().hud_pages
    assert result is not scene and pages.count >= 2 and pages.page == 0
    app.dispatch(A.Action(A.PAGE))
    run_frames(app, 1)
    assert app.env.play_view().hud_pages.page == 1


def test_the_help_lists_the_page_key(make_app, run_frames, drawn_texts):
    app = make_app("--classroom", size=(1920, 1080))
    run_frames(app, 1)
    for _ in range(len(app.top.plan().pages) - 1):  # the help pages by section: the key is on one of them
        app.dispatch(A.Action(A.PAGE))
        run_frames(app, 1)
    assert "V / Page Down" in drawn_texts


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("flags,size,min_px", [(("--classroom",), (1920, 1080), 28), ((), (1280, 800), 16)])
def test_every_scene_keeps_its_text_large_and_whole(make_app, run_frames, monkeypatch, lang, flags, size, min_px):
    from test_scenes import SCENES, open_scene

    sizes: list[int] = []
    texts: list[str] = []
    real = Fonts.draw

    def spy(self, target, text, *args, **kwargs):
        texts.append(text)
        return real(self, target, text, *args, **kwargs)

    monkeypatch.setattr(Fonts, "draw", spy)
    hook = lambda px, logical, s: sizes.append(px)  # noqa: E731
    app = make_app("--lang", lang, *flags, size=size)
    fonts_mod.SIZE_HOOKS.append(hook)
    try:
        for name in SCENES:
            sizes.clear()
            texts.clear()
            open_scene(app, name, run_frames)
            run_frames(app, 3)
            assert sizes and min(sizes) >= min_px, (name, min(sizes))
            written = {t("key.overlays", lang)}  # a label whose own words hold "…" ("1 … 0"), not a cut text
            assert not [text for text in texts if "\u2026" in text and text not in written], name
    finally:
        fonts_mod.SIZE_HOOKS.remove(hook)
