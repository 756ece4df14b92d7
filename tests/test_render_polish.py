"""Renderer polish: the Hessian block fits on Hessian levels, labels keep off arrows and markers, the reveal keeps
the map clear (verdict in the panel) and marks local summits on top of the path and the flag."""

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
from game.core.climbers import next_move, play
from game.core.layout import compute_layout
from game.core.model import Game
from game.ui.views import glyphs
from game.ui.views.contour import value_range
from game.ui.hud.flow import PRIORITY_HESSIAN, PRIORITY_MAP_LEGEND, PRIORITY_VERDICT_TEXT
from game.ui.hud.panel import draw_hud
from game.ui.palette import get_palette
from game.ui.views.play_view import PlayView, ViewState
from game.ui.fonts import Fonts
from game.text.verdicts import verdict_text
from game.text.catalog import languages

pygame.init()

SIZES = [((1920, 1080), 2.0), ((1280, 800), 1.0)]  # classroom projector, laptop

def draw_play(view, screen, game, state) -> None:
    """PlayView.draw with the play geometry the scene would pass (the scene owns the layout)."""
    from game.core.layout import compute_layout

    view.draw(screen, game, state, compute_layout(*screen.get_size(), view.ui_scale, domain=game.surface.domain))



def climbed(level_id: str, probes: int, policy: str = "gradient") -> Game:
    game = Game(surfaces.level_by_id(level_id))
    state: dict = {}
    for _ in range(probes):
        move = next_move(game, policy, state)
        if move[0] != "probe":
            break
        game.probe(float(move[1]), float(move[2]))
    return game


def hud_for(game: Game, size, scale, lang: str):
    xmin, xmax, ymin, ymax = game.surface.domain
    layout = compute_layout(size[0], size[1], scale, (xmax - xmin) / (ymax - ymin))
    fonts = Fonts(scale)
    arrows = glyphs.ArrowScale.for_surface(value_range(game.surface), game.surface.domain, scale, 600)
    return draw_hud(pygame.Surface(size), layout, game, get_palette("viridis"), fonts, None, lang, True, arrows)


@pytest.mark.parametrize("level_id", ["saddle-pass", "long-ridge", "banana-ridge"])
@pytest.mark.parametrize("lang", languages())
def test_hessian_block_is_not_dropped_on_hessian_levels(level_id, lang):
    assert "hessian" in surfaces.level_by_id(level_id).overlays
    game = climbed(level_id, 7)  # enough probes for the history log, and a guess line on top
    assert len(game.probes) >= 2 and game.probes[-1].defined
    game.predict(game.probes[-1].value + 0.5)
    for size, scale in SIZES:
        pages = hud_for(game, size, scale, lang)
        assert pages.dropped == [] and PRIORITY_HESSIAN in pages.on_page(0), (level_id, lang, size, pages)


def test_hessian_block_draws_matrix_eigenvalues_and_classification_at_classroom_size():
    game = climbed("saddle-pass", 3)
    size, scale = SIZES[0]
    with_h = pygame.Surface(size)
    without = pygame.Surface(size)
    xmin, xmax, ymin, ymax = game.surface.domain
    layout = compute_layout(*size, scale, (xmax - xmin) / (ymax - ymin))
    pal, fonts = get_palette("viridis"), Fonts(scale)
    draw_hud(with_h, layout, game, pal, fonts, None, "en", True)
    draw_hud(without, layout, game, pal, fonts, None, "en", False)
    diff = np.any(pygame.surfarray.array3d(with_h) != pygame.surfarray.array3d(without), axis=2)
    xs, ys = np.nonzero(diff)
    assert len(xs) > 0
    # matrix + eigenvalues + classification: several text lines tall, inside the panel
    assert ys.max() - ys.min() >= 3 * fonts.font("body").get_height()
    assert layout.hud_content.x <= xs.min() and xs.max() <= layout.hud_content.right


def _crowded_game() -> Game:
    expr = "3*exp(-((x-1)^2 + (y-0.5)^2)) + 1.5*exp(-((x+1.5)^2 + (y+1)^2)/0.8) - 0.1*x"
    game = Game(free_play_level(surfaces.from_expression(expr, domain=(-3, 3, -3, 3))))
    rng = np.random.default_rng(7)
    # a tight cluster on the hill's flank (long and short arrows crossing) plus a few far probes
    for x, y in rng.normal((0.2, 0.0), 0.35, size=(14, 2)):
        game.probe(float(np.clip(x, -2.9, 2.9)), float(np.clip(y, -2.9, 2.9)))
    for x, y in [(0.95, 0.5), (1.02, 0.47), (-2.5, 2.5), (2.6, -2.4)]:
        game.probe(x, y)
    return game


def _arrow_shaft_rects(view: PlayView, game: Game) -> list[pygame.Rect]:
    """Independent geometry: a 1-px step along every arrow's centre line, each point fattened by the shaft."""
    t, scale, s = view.transform, view.arrow_scale, view.ui_scale
    n = len(game.probes)
    out = []
    for i, p in enumerate(game.probes):
        gx, gy = p.gradient
        if not (math.isfinite(gx) and math.isfinite(gy) and p.grad_norm > 0):
            continue
        px, py = t.to_screen(p.x, p.y)
        dx, dy = gx * t.sx, -gy * t.sy
        d = math.hypot(dx, dy)
        ux, uy = dx / d, dy / d
        off = (9 if i == n - 1 else 6) * s
        length = scale.length(p.grad_norm)
        half = max(1, int(2 * s))
        for k in range(int(length) + 1):
            cx, cy = px + ux * (off + k), py + uy * (off + k)
            out.append(pygame.Rect(int(cx) - half, int(cy) - half, 2 * half + 1, 2 * half + 1))
    return out


@pytest.mark.parametrize("size,scale", SIZES)
def test_labels_keep_off_each_other_probe_markers_and_arrow_shafts(size, scale):
    game = _crowded_game()
    view = PlayView(scale, "viridis")
    screen = pygame.Surface(size)
    state = ViewState(now_ms=0)
    for _ in range(3):  # settle the fog fade and the arrow grow-in
        draw_play(view, screen, game, state)
        state.now_ms += 1000
    labels = view.last_label_rects
    assert len(labels) >= 5  # not vacuous: the newest labels found room
    for i, r in enumerate(labels):
        assert r.collidelist(labels[i + 1:]) < 0, r
    for p in game.probes:
        x, y = view.transform.to_screen(p.x, p.y)
        marker = pygame.Rect(0, 0, int(14 * scale), int(14 * scale))  # the dot and its ring
        marker.center = (int(round(x)), int(round(y)))
        assert marker.collidelist(labels) < 0, (p.index, marker)
    shafts = _arrow_shaft_rects(view, game)
    assert len(shafts) > 100
    for r in labels:
        hit = r.collidelist(shafts)
        assert hit < 0, (r, shafts[hit])


def test_place_label_reaches_further_before_giving_up():
    bounds = pygame.Rect(0, 0, 400, 400)
    taken = [pygame.Rect(190, 150, 20, 100), pygame.Rect(150, 190, 100, 20)]  # a cross right around the anchor
    assert glyphs.place_label((30, 14), (200, 200), 6, bounds, taken + [pygame.Rect(170, 170, 60, 60)]) is None
    spot = glyphs.place_label((30, 14), (200, 200), 6, bounds, taken + [pygame.Rect(170, 170, 60, 60)],
                              reach=(1.0, 3.0, 6.0))
    assert spot is not None and bounds.contains(spot) and spot.collidelist(taken) < 0


def test_arrow_footprint_covers_the_drawn_arrow():
    pal = get_palette("viridis")
    for direction in [(1, 0), (1, 1), (-0.3, 1), (-1, -0.2)]:
        surf = pygame.Surface((300, 300))
        surf.fill((0, 0, 0))
        glyphs.draw_arrow(surf, (150, 150), direction, 110, pal, 1.0)
        covered = np.zeros((300, 300), bool)
        for r in glyphs.arrow_footprint((150, 150), direction, 110, 1.0):
            r = r.clip(surf.get_rect())
            covered[r.left:r.right, r.top:r.bottom] = True
        drawn = np.any(pygame.surfarray.array3d(surf) != 0, axis=2)
        assert (drawn & ~covered).sum() <= 4  # antialiased fringe pixels at most


@pytest.mark.parametrize("lang", languages())
def test_reveal_keeps_the_map_clear_and_explains_the_verdict_in_the_panel(lang):
    game = play(surfaces.level_by_id("two-peaks"), "gradient")
    assert game.finished and game.verdict is not None and verdict_text(game.verdict, lang)
    for size, scale in SIZES:
        pages = hud_for(game, size, scale, lang)
        first = pages.on_page(0)
        assert pages.dropped == [] and PRIORITY_VERDICT_TEXT in first and PRIORITY_MAP_LEGEND in first, (size, pages)
        view = PlayView(scale, "viridis")
        screen = pygame.Surface(size)
        # (the axes overlay's rulers lie on the map's edges by design: this checks that no banner covers the map)
        draw_play(view, screen, game, ViewState(now_ms=9000, reveal_progress=1.0, lang=lang, hidden={"axes"}))
        assert view._static_banners == []
        m = pygame.Rect(view.transform.inner)
        # the top strip of the map (where the banner used to be) shows the map itself, away from the glyphs
        glyph_top = min(view.transform.to_screen(p.x, p.y)[1] for p in game.probes) - 80 * scale
        strip = pygame.Rect(m.x, m.y, m.w, int(min(glyph_top, m.y + 120 * scale)) - m.y)
        assert strip.h > 40
        shown = pygame.surfarray.array3d(screen.subsurface(strip))
        contour = view.contour.image.subsurface(pygame.Rect(0, 0, strip.w, strip.h))
        same = np.all(shown == pygame.surfarray.array3d(contour), axis=2)
        assert same.mean() > 0.97


def test_local_summit_triangle_is_drawn_over_the_claim_flag_and_path(monkeypatch):
    game = play(surfaces.level_by_id("two-peaks"), "gradient")
    assert game.verdict.kind == "local"
    calls: list[str] = []
    for name in ("draw_path", "draw_arrow", "draw_probe", "draw_flag", "draw_local_summit"):
        def spy(*args, _name=name, _real=getattr(glyphs, name), **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)
        monkeypatch.setattr(glyphs, name, spy)
    view = PlayView(1.0, "viridis")
    screen = pygame.Surface((1280, 800))
    draw_play(view, screen, game, ViewState(now_ms=9000, reveal_progress=1.0))
    peak = game.peak
    locals_ = [(x, y) for x, y, _ in game.surface.local_maxima() if math.hypot(x - peak[0], y - peak[1]) > 1e-6]
    assert locals_
    x, y = view.transform.to_screen(*locals_[0])
    r = 12
    fill = tuple(view.palette.arrow_fill)
    for dx, dy in [(0, -0.45 * r), (-0.45 * r, 0.3 * r), (0.45 * r, 0.3 * r)]:
        assert tuple(screen.get_at((int(round(x + dx)), int(round(y + dy))))[:3]) == fill
    last_triangle = max(i for i, c in enumerate(calls) if c == "draw_local_summit")
    first_triangle = calls.index("draw_local_summit")
    assert all(c == "draw_local_summit" for c in calls[first_triangle:last_triangle + 1])
    assert first_triangle > max(i for i, c in enumerate(calls) if c in ("draw_flag", "draw_probe", "draw_path"))
    assert tuple(screen.get_at((int(round(x)), int(round(y))))[:3]) == tuple(view.palette.arrow_outline)  # its dot


def test_after_a_guess_the_last_step_line_still_names_the_step(drawn_texts):
    """The old HUD reused one variable in two closures: after a prediction its "Last step" line showed the
    guess result instead of the step word. Each block keeps its own words: the step's word, the guess's grade on
    its own line, and the true height beside what Taylor said (only now, after the probe)."""
    from game.text.verdicts import step_label

    game = Game(surfaces.level_by_id("one-hill"))
    game.probe(0.0, 0.0)
    game.predict(-100.0)
    probe = game.probe(0.3, -0.2)
    assert probe is not None and probe.guess_grade == "off"
    fonts = Fonts(1.0)
    drawn = drawn_texts
    screen = pygame.Surface((1280, 800))
    draw_hud(screen, compute_layout(1280, 800, 1.0, domain=game.surface.domain), game, get_palette("viridis"), fonts)
    assert step_label(probe.step, "en") in drawn
    assert "Your guess −100: off, −10" in drawn
    # where the level shows Taylor, the Taylor check block says what the model said and what was measured ...
    assert any(text.startswith("T₁ predicted ") and " measured " in text for text in drawn)
    assert not any(text.startswith("true ") for text in drawn)  # ... so the guess line does not repeat it
    drawn.clear()
    draw_hud(screen, compute_layout(1280, 800, 1.0, domain=game.surface.domain), game, get_palette("viridis"), fonts,
             show_taylor=False)
    assert any(text.startswith("true ") and " said " in text for text in drawn)