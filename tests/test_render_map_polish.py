"""Map polish (issue 11, item 5): markers whole at edges and corners, edge summits marked, labels wholly visible
and never stacked, round band levels that keep a wide flat top (the banana crest) readable."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import math

import numpy as np
import pygame
import pytest

import surfaces
from game.core.climbers import play
from game.core.layout import compute_layout
from game.core.levels import free_play_level
from game.core.model import Game
from game.ui.palette import get_palette
from game.ui.views import glyphs
from game.ui.views.contour import ContourMap
from game.ui.views.contour_field import MAX_BANDS, field_indices, pixel_centres, value_range
from game.ui.views.contour_labels import SAME_SPACING
from game.ui.views.contour_levels import choose_levels, levels_for, uniform
from game.ui.views.markers import summits_to_mark as _summits
from game.ui.views.play_view import PlayView, ViewState

pygame.init()
PAL = get_palette("viridis")
BACKDROP = (255, 0, 255)


def draw_play(view: PlayView, screen: pygame.Surface, game: Game, state: ViewState) -> None:
    view.draw(screen, game, state, compute_layout(*screen.get_size(), view.ui_scale, domain=game.surface.domain))


# --- 1. markers whole at the map's edges and corners ----------------------------------------------------------
MARKERS = {
    "summit": (glyphs.draw_summit, PAL.summit),
    "local": (glyphs.draw_local_summit, PAL.arrow_fill),
    "flag": (glyphs.draw_flag, PAL.accent),
    "ring": (glyphs.draw_ring, PAL.accent),
    "probe": (lambda t, p, pal, s, bounds: glyphs.draw_probe(t, p, pal, s, bounds=bounds), PAL.probe_ring),
    "latest": (lambda t, p, pal, s, bounds: glyphs.draw_probe(t, p, pal, s, latest=True, bounds=bounds), PAL.accent),
}


def _count(surface: pygame.Surface, colour, rect: pygame.Rect | None = None) -> int:
    a = pygame.surfarray.array3d(surface if rect is None else surface.subsurface(rect))
    return int(np.all(a == np.asarray(colour[:3]), axis=2).sum())


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("kind", list(MARKERS))
def test_markers_at_corners_and_edges_are_drawn_whole_inside_the_map(kind, scale):
    draw, colour = MARKERS[kind]
    bounds = pygame.Rect(100, 100, 300, 200)
    centre = pygame.Surface((600, 400))
    centre.fill(BACKDROP)
    draw(centre, bounds.center, PAL, scale, bounds=bounds)
    whole = _count(centre, colour)
    assert whole > 10
    last_x, last_y = bounds.right - 1, bounds.bottom - 1
    spots = [(bounds.left, bounds.top), (last_x, bounds.top), (bounds.left, last_y), (last_x, last_y),
             (bounds.centerx, bounds.top), (bounds.centerx, last_y), (bounds.left, bounds.centery),
             (last_x, bounds.centery), (bounds.left + 3.4, bounds.top + 2.2)]
    for spot in spots:
        canvas = pygame.Surface((600, 400))
        canvas.fill(BACKDROP)
        rect = draw(canvas, spot, PAL, scale, bounds=bounds)
        assert bounds.contains(rect), (kind, spot, rect)
        assert rect == glyphs.marker_rect(kind, spot, scale, bounds), (kind, spot)
        outside = pygame.surfarray.array3d(canvas).copy()
        outside[bounds.left:bounds.right, bounds.top:bounds.bottom] = BACKDROP
        px, py = np.nonzero(np.any(outside != np.asarray(BACKDROP), axis=2))
        # nothing of the glyph is clipped off; only the pointer's dot on the exact spot may reach past the edge
        dot = max(3, round(3 * scale)) + 1
        assert np.all(np.hypot(px - spot[0], py - spot[1]) <= dot), (kind, spot)
        # the glyph's own colour shows as much as in the middle of the map (the pointer may cover a little)
        assert _count(canvas, colour, bounds) >= 0.9 * whole, (kind, spot)
        # the exact spot is marked: the glyph or its pointer's dot covers it
        x, y = int(round(spot[0])), int(round(spot[1]))
        assert tuple(canvas.get_at((x, y)))[:3] != BACKDROP, (kind, spot)


def test_markers_inside_the_map_are_not_moved():
    bounds = pygame.Rect(0, 0, 400, 400)
    for kind, (draw, _) in MARKERS.items():
        a, b = pygame.Surface((400, 400)), pygame.Surface((400, 400))
        draw(a, (200, 200), PAL, 1.0, bounds=bounds)
        draw(b, (200, 200), PAL, 1.0, bounds=None)
        assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB"), kind


def test_a_summit_in_the_corner_is_whole_in_the_reveal():
    """rise-over-run's top is the corner (3, 3): the star used to be a quarter star."""
    game = play(surfaces.level_by_id("rise-over-run"), "newton")
    view = PlayView(1.0, "viridis")
    screen = pygame.Surface((1280, 800))
    draw_play(view, screen, game, ViewState(now_ms=9000, reveal_progress=1.0))
    inner = pygame.Rect(view.transform.inner)
    x, y = view.transform.to_screen(3.0, 3.0)
    star = glyphs.marker_rect("summit", (x, y), 1.0, inner)
    assert inner.contains(star)
    assert _count(screen, PAL.summit, star) > 0.9 * _count(_star_alone(), PAL.summit)


def _star_alone() -> pygame.Surface:
    s = pygame.Surface((100, 100))
    glyphs.draw_summit(s, (50, 50), PAL, 1.0)
    return s


# --- 2. local summits on the edges are marked -----------------------------------------------------------------
def test_the_reveal_marks_edge_summits():
    surface = surfaces.from_expression("x + cos(2*y)")  # tops at (3, 0) (the peak) and the corners (3, ±3)
    found = _summits(surface)
    assert any(abs(x - 3) < 1e-9 and abs(abs(y) - 3) < 1e-9 for x, y, _ in found)
    game = Game(free_play_level(surface))
    game.probe(2.0, 0.5)
    game.claim()
    view = PlayView(1.0, "viridis")
    calls: list = []
    real = glyphs.draw_local_summit

    def spy(target, pos, *args, **kwargs):
        calls.append(pos)
        return real(target, pos, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(glyphs, "draw_local_summit", spy)
    try:
        draw_play(view, pygame.Surface((1280, 800)), game, ViewState(now_ms=9000, reveal_progress=1.0))
    finally:
        mp.undo()
    corners = {view.transform.to_screen(3.0, 3.0), view.transform.to_screen(3.0, -3.0)}
    assert corners <= {tuple(p) for p in calls}


# --- 3. labels wholly visible and never stacked ---------------------------------------------------------------
@pytest.mark.parametrize("size,scale", [((1280, 800), 1.0), ((1920, 1080), 2.0), ((960, 640), 1.0)])
def test_no_two_labels_with_the_same_text_close_together(size, scale):
    for level in surfaces.builtin_levels():
        w = min(size) - 100
        cmap = ContourMap(level.surface, (w, w), PAL, 14, scale)
        texts, rects = cmap.label_texts, cmap.label_rects
        assert len(texts) == len(rects)
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                if texts[i] == texts[j]:
                    d = math.dist(rects[i].center, rects[j].center)
                    assert d >= SAME_SPACING * scale, (level.id, texts[i], d)


def test_labels_in_play_are_wholly_clear_of_the_fog_and_off_the_markers():
    for level_id in ("tilted-hill", "two-peaks", "banana-ridge", "line-fit"):
        game = Game(surfaces.level_by_id(level_id))
        for move in play(surfaces.level_by_id(level_id), "gradient").probes[:4]:
            game.probe(move.x, move.y)
        view = PlayView(1.0, "viridis")
        screen = pygame.Surface((1280, 800))
        draw_play(view, screen, game, ViewState(now_ms=60_000))
        fog = view.fog
        alpha = pygame.surfarray.pixels_alpha(fog.image)
        ox, oy = view.transform.inner[0], view.transform.inner[1]
        for r in view.contour.visible_label_rects:
            seen = alpha[r.left - ox: r.right - ox, r.top - oy: r.bottom - oy]
            assert seen.size and int(seen.max()) == 0, (level_id, r)  # no fog at all over a shown label
        del alpha
        markers = view._marker_rects(game, ViewState(now_ms=60_000), [], pygame.Rect(view.transform.inner))
        for r in view.contour.visible_label_rects:
            assert r.collidelist(markers) < 0, level_id


def test_in_the_reveal_labels_keep_off_the_summit_signs_and_flag():
    for level_id in ("two-peaks", "rough-ground", "rise-over-run"):
        game = play(surfaces.level_by_id(level_id), "newton")
        view = PlayView(1.0, "viridis")
        draw_play(view, pygame.Surface((1280, 800)), game, ViewState(now_ms=9000, reveal_progress=1.0))
        pts = [view.transform.to_screen(p.x, p.y) for p in game.probes]
        markers = view._marker_rects(game, ViewState(now_ms=9000), pts, pygame.Rect(view.transform.inner))
        assert markers
        for r in view.contour.visible_label_rects:
            assert r.collidelist(markers) < 0, (level_id, r)


# --- 4. band levels --------------------------------------------------------------------------------------------
def _bands_where(surface, size, mask_fn, levels=None, lo=None, hi=None, n=14) -> set[int]:
    idx = field_indices(surface, size, lo, hi, n, isolines=False, levels=levels)
    xs, ys = pixel_centres(surface.domain, size)
    z = surface(xs[None, :], ys[:, None])
    return set(np.unique(idx[mask_fn(z)] & (MAX_BANDS - 1)).tolist())


def test_the_banana_crest_shows_as_several_bands():
    surface = surfaces.level_by_id("banana-ridge").surface
    cmap = ContourMap(surface, (600, 600), PAL, 14, labels=False, isolines=False)
    xs, ys = pixel_centres(surface.domain, (600, 600))
    z = surface(xs[None, :], ys[:, None])
    crest = z >= 4.6
    assert len(np.unique(cmap.indices[crest])) >= 4
    colours = pygame.surfarray.array3d(cmap.image).transpose(1, 0, 2)[crest]
    assert len(np.unique(colours, axis=0)) >= 4  # distinct band colours on the crest
    lo, hi = value_range(surface)  # before: 14 even bands over the value range left the crest in two
    assert len(_bands_where(surface, (600, 600), lambda z: z >= 4.6, None, lo, hi)) <= 2


def test_builtin_levels_get_round_even_levels_within_12_to_16_bands():
    for level in surfaces.builtin_levels():
        lo, hi = value_range(level.surface)
        levels = levels_for(level.surface, lo, hi, 14)
        assert 12 <= levels.n <= 16, level.id
        texts = [levels.text(k) for k in range(1, levels.n)]
        assert all(t is not None and len(t.lstrip("-")) <= 4 for t in texts), (level.id, texts)
        majors = [t for t, m in zip(texts, levels.major) if m]
        assert majors and all(len(t.lstrip("-")) <= 4 for t in majors), (level.id, majors)  # "1.5", "3", "4.75"
        steps = np.diff(levels.edges)
        if level.id not in ("banana-ridge", "neuron", "decay-fit"):  # evenly spaced: close isolines mean steep ground
            # (a neuron's and a decay's error have a flat crest, like the banana's: fine bands resolve it)
            assert np.allclose(steps, steps[0]), level.id
        else:
            assert steps.max() > steps.min() * 5  # coarse on the flanks, fine on the crest


def test_levels_quantise_exactly_at_the_edges():
    levels = choose_levels(2.05, 5.0, 14, np.sort(np.r_[np.full(600, 4.95), np.linspace(2.05, 5.0, 400)]))
    ramp = surfaces.from_expression("x", domain=(2.05, 5.0, 0, 1))
    idx = field_indices(ramp, (2950, 4), 0, 0, 14, isolines=False, levels=levels)
    xs, _ = pixel_centres(ramp.domain, (2950, 4))
    expect = np.searchsorted(np.asarray(levels.edges), xs.astype(np.float32), side="right")
    assert np.array_equal(idx[0] & 15, expect)


def test_uniform_levels_render_as_before():
    surface = surfaces.level_by_id("one-hill").surface
    lo, hi = value_range(surface)
    old = field_indices(surface, (160, 120), lo, hi, 14)
    new = field_indices(surface, (160, 120), lo, hi, 14, levels=uniform(lo, hi, 14))
    assert np.mean(old != new) < 0.002


@pytest.mark.parametrize("text", ["x*y", "sin(x)*cos(y)", "exp(-(x^2+y^2))", "1000*x", "-(x^4+y^4)", "tan(x)",
                                  "0.001*x*y + 2"])
def test_typed_formulas_get_12_to_16_round_bands(text):
    surface = surfaces.from_expression(text)
    lo, hi = value_range(surface)
    levels = levels_for(surface, lo, hi, 14)
    assert 12 <= levels.n <= 16
    assert all(levels.text(k) is not None for k in range(1, levels.n))
