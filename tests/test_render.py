"""Renderer: contour map colours and cache, fast vs naive equivalence, fog, arrows, labels, font sizes."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import math

import numpy as np
import pygame
import pytest

import surfaces
from game.core.levels import free_play_level
from game.core.model import Game
from game.ui import fonts as text_mod
from benchmarks.naive import render_map_naive
from game.ui.views.contour import ContourMap
from game.ui.views.contour_field import field_indices
from game.ui.views.fog import Fog
from game.ui.palette import NAMES, get_palette
from game.ui.views.play_view import PlayView, ViewState

pygame.init()

HILL = "3*exp(-((x-1)^2 + (y-0.5)^2)) + 1.5*exp(-((x+1.5)^2 + (y+1)^2)/0.8) - 0.1*x"
ALL_OVERLAYS = ("taylor", "hessian", "arrows", "path", "labels", "isolines")

def draw_play(view, screen, game, state) -> None:
    """PlayView.draw with the play geometry the scene would pass (the scene owns the layout)."""
    from game.core.layout import compute_layout

    view.draw(screen, game, state, compute_layout(*screen.get_size(), view.ui_scale, domain=game.surface.domain))



def make_game(expr: str = HILL, domain=(-3, 3, -3, 3)) -> Game:
    surface = surfaces.from_expression(expr, domain=domain)
    return Game(free_play_level(surface))


def pixels(surf: pygame.Surface) -> np.ndarray:
    """(h, w, 3) RGB copy of a surface."""
    return pygame.surfarray.array3d(surf).transpose(1, 0, 2).astype(np.int32)


def colours_present(img: np.ndarray) -> set[tuple[int, int, int]]:
    flat = img.reshape(-1, 3)
    return set(map(tuple, np.unique(flat, axis=0).tolist()))


# --- palettes --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_palettes_have_distinct_bands_and_darker_isolines(name):
    pal = get_palette(name)
    bands = pal.band_colors(14)
    assert len(bands) == 14 and len(set(bands)) == 14
    for band, iso, major in zip(bands, pal.isoline_colors(14), pal.major_colors(14)):
        assert sum(iso) < sum(band) and sum(major) < sum(iso)


def test_viridis_ends_at_its_anchor_colours():
    ramp = get_palette("viridis").band_colors(256)
    assert np.allclose(ramp[0], (68, 1, 84), atol=3) and np.allclose(ramp[-1], (253, 231, 37), atol=3)


def test_unknown_palette_raises():
    with pytest.raises(ValueError):
        get_palette("rainbow")


# --- contour map -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_palette_band_colours_appear_in_rendered_map(name):
    game = make_game()
    pal = get_palette(name)
    cmap = ContourMap(game.surface, (300, 300), pal, labels=False)
    present = colours_present(pixels(cmap.image))
    n = cmap.levels.n  # round levels: 12 to 16 bands
    bands = pal.band_colors(n)
    assert sum(band in present for band in bands) >= n - 2  # nearly every band shows up
    assert any(iso in present for iso in pal.isoline_colors(n))
    assert any(major in present for major in pal.major_colors(n))


def test_contour_cache_renders_only_on_change():
    game = make_game()
    cmap = ContourMap(game.surface, (200, 160), get_palette("viridis"))
    assert cmap.renders == 1
    for _ in range(5):
        assert cmap.update() is False
        assert cmap.update(game.surface, (200, 160), get_palette("viridis")) is False
    assert cmap.renders == 1
    assert cmap.update(map_size=(220, 160)) is True
    assert cmap.renders == 2
    assert cmap.update(palette=get_palette("cividis")) is True
    assert cmap.renders == 3
    other = surfaces.from_expression("x + y")
    assert cmap.update(surface=other) is True and cmap.renders == 4
    assert cmap.image.get_size() == (220, 160)


def test_playview_does_not_rerender_map_between_frames():
    game = make_game()
    view = PlayView(1.0, "viridis")
    screen = pygame.Surface((1024, 700))
    state = ViewState(cursor=(0.5, 0.5), now_ms=0)
    draw_play(view, screen, game, state)
    game.probe(0.0, 0.0)
    for i in range(5):
        state.now_ms += 16
        draw_play(view, screen, game, state)
    assert view.contour.renders == 1


@pytest.mark.parametrize("half", [False, True])
def test_fast_and_naive_renderers_agree(half):
    game = make_game()
    pal = get_palette("viridis")
    size = (240, 180)
    cmap = ContourMap(game.surface, size, pal, labels=False, half=half)
    fast = pixels(cmap.image)
    naive = pixels(render_map_naive(game.surface, size, pal, levels=cmap.levels))
    differ = np.any(fast != naive, axis=2).mean()
    assert differ < (0.02 if not half else 0.05), differ


def test_naive_differs_when_palette_differs():  # the equivalence test can fail
    game = make_game()
    a = pixels(ContourMap(game.surface, (120, 90), get_palette("viridis"), labels=False).image)
    b = pixels(render_map_naive(game.surface, (120, 90), get_palette("cividis")))
    assert np.any(a != b, axis=2).mean() > 0.5


def test_field_indices_quantise_and_mark_edges():
    ramp = surfaces.from_expression("x", domain=(0, 1, 0, 1))  # rises left → right
    idx = field_indices(ramp, (40, 10), 0.0, 1.0, 4, isolines=False)
    assert set(np.unique(idx)) == {0, 1, 2, 3}
    assert (np.diff(idx.astype(int), axis=1) >= 0).all()  # bands grow left → right
    lined = field_indices(ramp, (40, 10), 0.0, 1.0, 4)
    edges = (lined & 16) != 0
    assert edges.any() and edges.sum(axis=1).max() <= 3  # one pixel per band edge


def test_undefined_points_are_hatched():
    game = make_game("sqrt(x) + y")  # undefined for x < 0
    pal = get_palette("viridis")
    img = pixels(ContourMap(game.surface, (120, 80), pal, labels=False).image)
    left = colours_present(img[:, :50])
    assert tuple(pal.undefined) in left and tuple(pal.undefined_hatch) in left
    right = colours_present(img[:, 70:])
    assert tuple(pal.undefined) not in right


def test_isoline_labels_do_not_overlap_and_stay_inside():
    game = make_game()
    cmap = ContourMap(game.surface, (600, 600), get_palette("viridis"))
    rects = cmap.label_rects
    assert rects, "some isolines should be labelled"
    bounds = cmap.image.get_rect()
    for i, r in enumerate(rects):
        assert bounds.contains(r)
        assert r.collidelist(rects[i + 1:]) < 0


def _reference_label_choice(idx: np.ndarray, n: int, s: float, major: tuple[bool, ...]) -> list[tuple[int, int, int]]:
    """The straightforward label chooser (full candidate list, per-level masks) the fast one must match."""
    from game.ui.views import contour_field as C
    from game.ui.views.contour_labels import LABEL_SPACING, MAX_LABELS, SAME_SPACING

    h, w = idx.shape
    step = max(4, int(6 * s))
    coarse = idx[::step, ::step]
    on = ((coarse & C.MAJOR_BIT) != 0) & (coarse < C.UNDEFINED)
    ys, xs = np.nonzero(on)
    if len(xs) == 0:
        return []
    band = (coarse[ys, xs] & (C.MAX_BANDS - 1)).astype(np.int64)
    # the edge a major-line pixel labels: above its band where the major group changes there, below it where it
    # changes there; a band with a major edge on both sides is ambiguous and labels nothing
    g = np.cumsum([0, *major])
    up = np.array([b + 1 < n and g[b + 1] != g[b] for b in range(C.MAX_BANDS)] + [False])
    down = np.array([0 < b < n and g[b - 1] != g[b] for b in range(C.MAX_BANDS)] + [False])
    level = np.where(up[band] & ~down[band], band + 1, np.where(down[band] & ~up[band], band, 0))
    px, py = xs * step, ys * step
    margin = 30 * s
    keep = (px > margin * 1.6) & (px < w - margin * 1.6) & (py > margin) & (py < h - margin) & (level > 0)
    keep &= level < n
    px, py, level = px[keep], py[keep], level[keep]
    chosen: list[tuple[int, int, int]] = []
    for lv in np.unique(level):
        cx, cy = px[level == lv].astype(np.float64), py[level == lv].astype(np.float64)
        if chosen:
            dist = np.min([(cx - x) ** 2 + (cy - y) ** 2 for x, y, _ in chosen], axis=0)
        else:
            dist = 1e18 - ((cx - w / 2.0) ** 2 + (cy - h / 2.0) ** 2)
        mine: list[tuple[float, float]] = []  # this level's labels: another one keeps SAME_SPACING from them
        for _ in range(3):
            far = np.array([all((x - a) ** 2 + (y - b) ** 2 >= (SAME_SPACING * s) ** 2 for a, b in mine)
                            for x, y in zip(cx, cy)])
            if not far.any():
                break
            j = int(np.argmax(np.where(far, dist, -1.0)))
            if dist[j] < (LABEL_SPACING * s) ** 2 or len(chosen) >= MAX_LABELS:
                break
            chosen.append((int(cx[j]), int(cy[j]), int(lv)))
            mine.append((cx[j], cy[j]))
            dist = np.minimum(dist, (cx - cx[j]) ** 2 + (cy - cy[j]) ** 2)
    return chosen


@pytest.mark.parametrize("size,scale,bands", [((600, 600), 1.0, 10), ((960, 640), 1.0, 16), ((500, 330), 1.5, 7),
                                              ((1920, 1080), 2.0, 12), ((90, 60), 1.0, 10)])
def test_label_chooser_matches_reference(size, scale, bands):
    """The vectorised chooser (window + level table) picks the same labels as the straightforward one."""
    from game.ui.fonts import get_fonts

    for level in surfaces.builtin_levels()[:6]:
        cmap = ContourMap(level.surface, size, get_palette("viridis"), bands, scale, fonts=get_fonts(scale))
        reference = _reference_label_choice(cmap.indices, cmap.levels.n, scale, cmap.levels.major)
        assert cmap.choose_labels(cmap.indices) == reference, level.id


# --- fog -------------------------------------------------------------------------------------------------
def _near_fog(rgb: np.ndarray, pal) -> np.ndarray:
    lo = np.minimum(pal.fog_dark, pal.fog_light) - 12
    hi = np.maximum(pal.fog_dark, pal.fog_light) + 12
    return np.all((rgb >= lo) & (rgb <= hi), axis=-1)


def test_fog_covers_map_before_first_probe_and_reveal_removes_it():
    game = make_game()
    view = PlayView(1.0, "viridis")
    screen = pygame.Surface((1280, 800))
    draw_play(view, screen, game, ViewState(now_ms=0, hidden={"axes"}))  # the axes' rulers lie over the fog
    pal = view.palette
    m = pygame.Rect(view.transform.inner)
    img = pixels(screen)[m.top + 2:m.bottom - 2, m.left + 2:m.right - 2]
    assert _near_fog(img, pal).mean() > 0.99
    # map-only render differs from the fog everywhere the bands are not paper-coloured
    game.probe(1.0, 0.5)
    game.claim()
    draw_play(view, screen, game, ViewState(now_ms=1000, reveal_progress=1.0))
    after = pixels(screen)[m.top + 2:m.bottom - 2, m.left + 2:m.right - 2]
    assert _near_fog(after, pal).mean() < 0.02
    mapped = pixels(view.contour.image)[2:-2, 2:-2]
    same = np.all(after == mapped, axis=-1).mean()
    assert same > 0.8  # the map shows (markers, flag and banner cover the rest)


def test_fog_hole_fades_in_and_clears_the_map_under_it():
    pal = get_palette("viridis")
    fog = Fog((200, 150), pal, seed=3)
    alpha = pygame.surfarray.pixels_alpha(fog.image)
    assert alpha.min() == 255
    del alpha
    fog.clear(100, 75, 40, now_ms=0)
    fog.update(0)
    assert pygame.surfarray.pixels_alpha(fog.image)[100, 75] > 200  # not open yet
    fog.update(125)
    mid = int(pygame.surfarray.pixels_alpha(fog.image)[100, 75])
    assert 0 < mid < 255
    fog.update(300)
    a = pygame.surfarray.pixels_alpha(fog.image)
    assert a[100, 75] == 0 and a[100 + 20, 75] == 0  # fully legible inside
    assert a[5, 5] == 255  # still fogged far away
    assert not fog.fading
    del a
    assert fog.update(400) is False  # idle: nothing to do


def test_fog_is_deterministic_per_seed():
    pal = get_palette("viridis")
    a = pygame.surfarray.array3d(Fog((64, 48), pal, seed=7).image)
    b = pygame.surfarray.array3d(Fog((64, 48), pal, seed=7).image)
    c = pygame.surfarray.array3d(Fog((64, 48), pal, seed=8).image)
    assert (a == b).all() and not (a == c).all()
    assert a.std() > 1.0  # a texture, not a flat colour


def test_reveal_sweeps_left_to_right():
    pal = get_palette("viridis")
    fog = Fog((300, 100), pal, seed=1)
    target = pygame.Surface((300, 100))
    target.fill((0, 0, 0))
    fog.reveal(0.5)
    fog.draw(target, (0, 0))
    img = pixels(target)
    assert img[50, 5].sum() == 0  # left: clear
    assert img[50, 295].sum() > 300  # right: fog


# --- glyphs ----------------------------------------------------------------------------------------------
def test_gradient_arrow_is_drawn_at_the_probe_in_its_direction():
    game = make_game("x + 0*y")  # gradient (1, 0): the arrow points right (east)
    game.probe(0.0, 0.0)
    screen_a = pygame.Surface((1024, 700))
    screen_b = pygame.Surface((1024, 700))
    view = PlayView(1.0, "viridis")
    state = ViewState(now_ms=0, hidden=frozenset({"labels", "path", "taylor"}))
    draw_play(view, screen_a, game, state)  # the arrow starts growing now
    state.now_ms = 10_000
    draw_play(view, screen_a, game, state)
    state_no = ViewState(now_ms=10_000, hidden=frozenset({"labels", "path", "taylor", "arrows"}))
    draw_play(view, screen_b, game, state_no)
    px, py = (int(round(v)) for v in view.transform.to_screen(0.0, 0.0))
    a, b = pixels(screen_a), pixels(screen_b)
    diff = np.any(a != b, axis=2)
    ahead = diff[py - 3:py + 4, px + 15:px + 40]  # east of the probe
    behind = diff[py - 3:py + 4, px - 40:px - 15]  # west of the probe
    above = diff[py - 40:py - 15, px - 3:px + 4]
    assert ahead.mean() > 0.5
    assert behind.mean() == 0 and above.mean() == 0


def test_probe_labels_stay_inside_the_map_and_never_overlap():
    game = make_game()
    rng = np.random.default_rng(0)
    for x, y in rng.uniform(-2.9, 2.9, size=(12, 2)):
        game.probe(float(x), float(y))
    for x, y in [(-2.99, 2.99), (2.99, -2.99), (0.0, 0.0), (0.05, 0.02)]:
        game.probe(x, y)
    for size, scale, pal in [((1280, 800), 1.0, "viridis"), ((1920, 1080), 2.0, "projector")]:
        view = PlayView(scale, pal)
        screen = pygame.Surface(size)
        draw_play(view, screen, game, ViewState(cursor=(2.9, 2.9), now_ms=5000))
        m = pygame.Rect(view.transform.inner)
        rects = view.last_label_rects
        assert len(rects) >= 5
        for i, r in enumerate(rects):
            assert m.contains(r), (r, m)
            assert r.collidelist(rects[i + 1:]) < 0


def test_nabla_is_drawn_even_though_the_font_lacks_it():
    fonts = text_mod.Fonts(1.0)
    nabla = pygame.image.tobytes(fonts.render("\u2207", 24, (255, 255, 255)), "RGBA")
    tofu = pygame.image.tobytes(fonts.render("\ue000", 24, (255, 255, 255)), "RGBA")
    assert nabla != tofu


# --- fonts -----------------------------------------------------------------------------------------------
def _requested_sizes(size, scale, palette, lang="en") -> list[int]:
    seen: list[int] = []
    hook = lambda px, logical, s: seen.append(px)  # noqa: E731
    text_mod.SIZE_HOOKS.append(hook)
    try:
        game = Game(surfaces.level_by_id("saddle-pass"))
        view = PlayView(scale, palette)
        screen = pygame.Surface(size)
        for x, y in [(-2.0, -1.0), (-1.0, -0.5), (-0.2, 0.1), (0.01, 0.0)]:
            game.probe(x, y)
        game.predict(1.0)
        draw_play(view, screen, game, ViewState(cursor=(0.5, 0.5), now_ms=5000, lang=lang, message="hint"))
        game.claim()
        draw_play(view, screen, game, ViewState(now_ms=9000, reveal_progress=1.0, lang=lang))
        draw_play(view, pygame.Surface((800, 1200)), game, ViewState(now_ms=9000, reveal_progress=1.0, lang=lang))
    finally:
        text_mod.SIZE_HOOKS.remove(hook)
    return seen


def test_no_text_below_16px_at_1x():
    seen = _requested_sizes((1280, 800), 1.0, "viridis")
    assert seen and min(seen) >= 16


def test_classroom_text_at_least_28px():
    seen = _requested_sizes((1920, 1080), 2.0, "projector", "de")
    assert seen and min(seen) >= 28


def test_font_size_floor_cannot_be_bypassed():
    seen: list[int] = []
    text_mod.SIZE_HOOKS.append(lambda px, logical, s: seen.append(px))
    try:
        text_mod.Fonts(1.0).render("x", 8, (0, 0, 0))
    finally:
        text_mod.SIZE_HOOKS.clear()
    assert seen == [16]


# --- play view -------------------------------------------------------------------------------------------
def test_resize_rebuilds_map_and_recuts_fog_holes():
    game = make_game()
    game.probe(1.0, 0.5)
    game.probe(0.5, 0.5)
    view = PlayView(1.0, "viridis")
    state = ViewState(now_ms=0)
    draw_play(view, pygame.Surface((1280, 800)), game, state)
    state.now_ms = 2000
    for size in [(1024, 768), (800, 1200), (1280, 800)]:
        screen = pygame.Surface(size)
        draw_play(view, screen, game, state)
        assert view.contour.image.get_size() == view.transform.size
        px, py = (int(v) for v in view.transform.to_screen(1.0, 0.5))
        got = screen.get_at((px + 25, py + 25))[:3]
        under = view.contour.image.get_at((px + 25 - view.transform.inner[0], py + 25 - view.transform.inner[1]))[:3]
        assert got == under  # hole open at once after the rebuild


def test_hidden_overlays_and_level_overlays_are_respected():
    game = Game(surfaces.level_by_id("one-hill"))  # no taylor, no hessian on this level
    game.probe(0.3, 0.3)
    view = PlayView(1.0, "viridis")
    screen = pygame.Surface((1280, 800))
    draw_play(view, screen, game, ViewState(cursor=(1.0, 1.0), now_ms=5000))
    assert view.last_label_rects  # the probe label
    assert all(not r.collidepoint(view.transform.to_screen(1.0, 1.0)) for r in view.last_label_rects)
    draw_play(view, screen, game, ViewState(cursor=(1.0, 1.0), now_ms=5000, hidden=frozenset({"labels"})))
    # no probe label: only the cursor's own readout (its coordinates and d), beside the cursor
    cursor = view.transform.to_screen(1.0, 1.0)
    assert len(view.last_label_rects) == 1
    assert view.last_label_rects[0].inflate(60, 60).collidepoint(cursor)


def test_to_world_and_buttons():
    game = make_game()
    view = PlayView(1.0, "viridis")
    draw_play(view, pygame.Surface((1280, 800)), game, ViewState())
    cx, cy = view.transform.to_screen(0.25, -0.5)
    x, y = view.layout.transform.to_world(cx, cy)
    assert math.isclose(x, 0.25, abs_tol=1e-9) and math.isclose(y, -0.5, abs_tol=1e-9)
    assert not view.layout.transform.contains_screen(1279, 5)
    for name, box in view.layout.buttons.items():
        assert view.layout.button_at(*box.center) == name


# --- frame cache, language, reveal, preview placement ------------------------------------------------------
def _settled(view: PlayView, screen: pygame.Surface, game: Game, state: ViewState) -> None:
    """Draw until every animation (fog fade, arrow grow-in) has finished."""
    for _ in range(3):
        draw_play(view, screen, game, state)
        state.now_ms += 1000


def test_frame_cache_redraws_only_when_its_key_changes_and_matches_a_fresh_render():
    game = make_game()
    for x, y in [(-2.0, -1.5), (-1.0, -0.5), (0.0, 0.2), (0.8, 0.4)]:
        game.probe(x, y)
    view = PlayView(1.0, "viridis")
    screen = pygame.Surface((1280, 800))
    state = ViewState(cursor=(0.5, 0.5), now_ms=0)
    _settled(view, screen, game, state)
    before = view.static_redraws
    for i in range(10):  # only the cursor moves: the cached layer is blitted, the preview drawn on top
        state.cursor = (0.5 + 0.1 * i, 0.5 - 0.05 * i)
        state.now_ms += 16
        draw_play(view, screen, game, state)
    assert view.static_redraws == before
    fresh_screen = pygame.Surface((1280, 800))
    draw_play(PlayView(1.0, "viridis"), fresh_screen, game, ViewState(cursor=state.cursor, now_ms=state.now_ms))
    assert (pixels(screen) == pixels(fresh_screen)).all()  # the cache shows exactly what a full redraw shows
    game.probe(1.0, 0.5)  # a change: redrawn (and again each frame while the new hole fades in)
    state.now_ms += 16
    draw_play(view, screen, game, state)
    assert view.static_redraws == before + 1
    state.now_ms += 16
    draw_play(view, screen, game, state)
    assert view.static_redraws == before + 2  # fading: the map area again
    _settled(view, screen, game, state)
    settled = view.static_redraws
    draw_play(view, screen, game, state)
    assert view.static_redraws == settled
    fresh = PlayView(1.0, "viridis")
    draw_play(fresh, fresh_screen, game, ViewState(cursor=state.cursor, now_ms=state.now_ms))
    assert (pixels(screen) == pixels(fresh_screen)).all()  # also after map-area-only redraws
    draw_play(view, screen, game, ViewState(cursor=state.cursor, now_ms=state.now_ms, lang="de"))
    assert view.static_redraws == settled + 1


def test_isoline_labels_follow_the_language():
    surface = surfaces.from_expression("0.03*x + 0.02*y", domain=(-3, 3, -3, 3))  # labels such as 0.05
    pal = get_palette("viridis")
    en = ContourMap(surface, (900, 700), pal, lang="en")
    de = ContourMap(surface, (900, 700), pal, lang="de")
    assert en.label_texts and de.label_texts
    assert any("." in t for t in en.label_texts) and not any("," in t for t in en.label_texts)
    assert any("," in t for t in de.label_texts) and not any("." in t for t in de.label_texts)
    assert en.update(lang="de") is True and en.label_texts == de.label_texts


def _has_colour(img: np.ndarray, colour: tuple) -> bool:
    return bool(np.all(img == np.asarray(colour), axis=-1).any())


def test_reveal_draws_no_play_buttons():
    game = make_game()
    game.probe(1.0, 0.5)
    view = PlayView(1.0, "viridis")
    screen = pygame.Surface((1280, 800))
    draw_play(view, screen, game, ViewState(now_ms=5000, buttons=(("claim", "Claim summit", True, True),)))
    claim = pygame.Rect(view.layout.buttons["claim"])
    img = pixels(screen)
    assert _has_colour(img[claim.top:claim.bottom, claim.left:claim.right], view.palette.accent)
    game.claim()
    draw_play(view, screen, game, ViewState(now_ms=6000, reveal_progress=1.0))
    img = pixels(screen)
    for box in view.layout.buttons.values():
        r = pygame.Rect(box)
        area = img[r.top:r.bottom, r.left:r.right]
        assert not _has_colour(area, view.palette.accent) and not _has_colour(area, view.palette.button)


def test_taylor_preview_keeps_off_probe_labels_and_inside_the_map():
    game = make_game()
    rng = np.random.default_rng(3)
    for x, y in rng.uniform(-2.8, 2.8, size=(16, 2)):
        game.probe(float(x), float(y))
    for size, scale in [((1280, 800), 1.0), ((1920, 1080), 2.0)]:
        view = PlayView(scale, "viridis")
        screen = pygame.Surface(size)
        state = ViewState(now_ms=0)
        _settled(view, screen, game, state)
        m = pygame.Rect(view.transform.inner)
        for cx in np.linspace(-2.95, 2.95, 9):
            for cy in np.linspace(-2.95, 2.95, 9):
                state.cursor = (float(cx), float(cy))
                draw_play(view, screen, game, state)
                labels, plate = view.last_label_rects[:-1], view.last_label_rects[-1]
                assert m.contains(plate), (plate, m)
                assert plate.collidelist(labels) < 0, (state.cursor, plate)


def test_fog_reset_repaints_the_unbroken_material():
    pal = get_palette("viridis")
    fog = Fog((200, 150), pal, seed=5)
    fresh = pygame.surfarray.array3d(fog.image).copy()
    fog.clear(100, 75, 40)
    assert pygame.surfarray.pixels_alpha(fog.image)[100, 75] == 0
    fog.reset()
    assert (pygame.surfarray.array3d(fog.image) == fresh).all()
    assert pygame.surfarray.array_alpha(fog.image).min() == 255


def test_a_repeated_probe_is_called_a_repeat_not_flat():
    from game.ui.hud.flow import step_kind

    game = Game(surfaces.level_by_id("one-hill"))
    first = game.probe(0.0, 0.0)
    game.probe(0.5, 0.0)
    again = game.probe(0.5, 0.0)
    assert step_kind(first) == "first"
    assert again.wasted and step_kind(again) == "repeat"
    from game.text.verdicts import step_label

    assert step_label("repeat", "en") == "repeat (wasted probe)"
    assert step_label("repeat", "de") == "Wiederholung (verschwendet)"


@pytest.mark.parametrize("text", ["1e308*x", "1e308*x + 1e308*y", "1e307*x - 1e307*y"])
def test_huge_gradients_draw_without_overflow(text):
    level = free_play_level(surfaces.from_expression(text, domain=(-3, 3, -3, 3)))
    game = Game(level)
    game.probe(0.5, 0.5)
    game.probe(1.0, -0.5)
    target = pygame.Surface((1280, 800))
    view = PlayView()
    draw_play(view, target, game, ViewState(cursor=(0.0, 0.0), now_ms=10_000.0))
    assert view.last_label_rects is not None


def test_cursor_on_the_maps_top_right_corner_is_still_drawn():
    game = Game(surfaces.level_by_id("rise-over-run"))
    game.probe(0.0, 0.0)
    view = PlayView()
    with_cursor, without = pygame.Surface((1280, 800)), pygame.Surface((1280, 800))
    draw_play(view, without, game, ViewState(cursor=None, now_ms=10_000.0))
    xmin, xmax, ymin, ymax = game.surface.domain
    draw_play(view, with_cursor, game, ViewState(cursor=(xmax, ymax), now_ms=10_000.0))
    left, top, width, _ = view.transform.inner
    corner = pygame.Rect(left + width - 20, top, 20, 20)
    changed = sum(with_cursor.get_at((x, y)) != without.get_at((x, y))
                  for x in range(corner.left, corner.right) for y in range(corner.top, corner.bottom))
    assert changed > 10


def test_the_fog_hole_sprite_is_its_own_mirror_image_and_matches_the_direct_formula():
    """The sprite is computed on one quadrant and mirrored (a 500-px hole at 4K took 32 ms whole): every pixel is the
    formula's, evaluated here on the whole square."""
    import numpy as np

    from game.ui.views import fog as fog_mod

    for radius, progress in ((2, 1.0), (7, 0.5), (61, 1 / 6), (230, 1.0)):
        size = 2 * radius + 2
        c = (size - 1) / 2.0
        yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
        t = np.clip((np.sqrt((xx - c) ** 2 + (yy - c) ** 2) / radius - (1.0 - fog_mod.SOFT_EDGE)) / fog_mod.SOFT_EDGE,
                    0.0, 1.0)
        alpha = 1.0 - (1.0 - t * t * (3 - 2 * t)) * progress
        rim = np.clip(1.0 - np.abs(t - 0.75) / 0.25, 0.0, 1.0) * progress
        sprite = fog_mod._hole_sprite(radius, progress, (40, 50, 60))
        assert sprite.get_size() == (size, size)
        assert np.array_equal(pygame.surfarray.array_alpha(sprite), (alpha * 255 + 0.5).T.astype(np.uint8))
        assert np.array_equal(pygame.surfarray.pixels3d(sprite)[..., 1], (255 - (255 - 50) * rim).T.astype(np.uint8))
