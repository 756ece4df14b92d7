"""Coordinates and the Taylor check (issue 11, item 2): the cursor lattice, no float noise on screen, zero printing,
the cursor's readout, the Taylor check after a probe, the probe table's points and the axes overlay."""

from __future__ import annotations

import math
import random
import re

import pygame
import pytest

import surfaces
from game.core import actions as A
from game.core.cursor import Lattice, cursor_start
from game.core.layout import compute_layout
from game.core.levels import free_play_level
from game.core.model import Game
from game.core.options import OVERLAYS
from game.text.numbers import fmt_fixed, fmt_number, fmt_point, fmt_signed
from game.ui.fonts import Fonts
from game.ui.hud.panel import draw_hud
from game.ui.input import InputMapper
from game.ui.palette import get_palette
from game.ui.views import axes
from game.ui.views.axes import cursor_lines
from game.ui.views.play_view import PlayView, ViewState

NOISE = re.compile(r"\d{7,}|e\u2212(1\d|[2-9]\d)\b|e-\d")  # 1.4000000000000004, 9.99999999, 2.22e−16


def draw_play(view: PlayView, screen: pygame.Surface, game: Game, state: ViewState) -> None:
    view.draw(screen, game, state, compute_layout(*screen.get_size(), view.ui_scale, domain=game.surface.domain))


def expression_game(text: str) -> Game:
    return Game(free_play_level(surfaces.from_expression(text, domain=(-3, 3, -3, 3))))


# --- the lattice -------------------------------------------------------------------------------------------
def test_lattice_points_are_exact_decimals_whichever_way_the_cursor_went():
    lattice = Lattice((-3, 3, -3, 3), (-2.0, -1.5))
    point = lattice.origin
    for _ in range(4):  # the old cursor added 0.15 four times: −1.4000000000000004
        point = lattice.move(*point, 1, 0)
    assert point == (-1.4, -1.5)
    rng = random.Random(11)
    for _ in range(2000):
        point = lattice.move(*point, rng.choice((-1, 0, 1)), rng.choice((-1, 0, 1)), rng.random() < 0.5)
        for value in point:  # the float nearest the decimal: its shortest repr has at most 3 decimals
            assert value == round(value, lattice.decimals)
            assert len(repr(value).split(".")[-1]) <= lattice.decimals


def test_lattice_reaches_the_edges_and_snaps_clicks():
    lattice = Lattice((-3, 3, -3, 3), (0.0, 1.0))  # from y = 1 the fine steps of 0.015 miss y = 3
    point = lattice.origin
    for _ in range(20):
        point = lattice.move(*point, 0, 1)
    assert point == (0.0, 3.0)  # pushed past the last lattice point: the edge itself
    assert lattice.move(*point, 0, -1, fine=True) == (0.0, 2.995)  # the next lattice point inside
    assert lattice.snap(0.0073, 2.9999) == (0.0, 3.0)
    assert lattice.snap(0.0076, 1.0231) == (0.015, 1.03)
    assert lattice.snap(-99.0, math.nan) == (-3.0, -3.0)
    assert Lattice((-1, 2.5, -1, 3), (-0.6, 2.6)).decimals == 5  # a step of 0.00875 prints exactly
    assert Lattice((-2, 2, -1, 3), (-1.6, 2.4)).decimals == 2  # a step of 0.01
    assert cursor_start((-3, 3, -3, 3), None) == (-1.5, -1.5)


@pytest.mark.parametrize("level", ["rise-over-run", "long-ridge", "line-fit"])
def test_no_float_noise_is_ever_drawn_while_the_cursor_wanders(make_app, run_frames, drawn_texts, level):
    app = make_app("--level", level)
    run_frames(app, 1)
    play = app.top
    rng = random.Random(7)
    for batch in range(12):
        for _ in range(25):
            app.dispatch(A.Action(A.MOVE, dx=rng.choice((-1.0, 0.0, 1.0)), dy=rng.choice((-1.0, 0.0, 1.0)),
                                  fine=rng.random() < 0.6))
        if batch % 3 == 1:
            app.dispatch(A.Action(A.PROBE))
        drawn_texts.clear()
        run_frames(app, 1)
        noisy = [text for text in drawn_texts if NOISE.search(text)]
        assert not noisy, noisy
        decimals = play.game.resolution.lattice.decimals
        assert all(v == round(v, decimals) for v in play.cursor)
        names = getattr(play.game.surface, "params", ("x", "y"))  # a model level names its parameters (m, c)
        assert any(text.startswith(f"({names[0]}, {names[1]}) = (") for text in drawn_texts)
        if play.game.probes:
            assert any(text.startswith("d = (") and "|d| = " in text for text in drawn_texts)


def test_four_arrow_steps_from_minus_two_read_minus_1_400(make_app, run_frames, drawn_texts):
    app = make_app("--level", "rise-over-run")  # starts at (−2, −1.5)
    for _ in range(4):
        app.dispatch(A.Action(A.MOVE, dx=1.0))
    assert app.top.cursor == (-1.4, -1.5)
    run_frames(app, 1)
    assert "(x, y) = (\u22121.400, \u22121.500)" in drawn_texts


def test_a_click_lands_on_the_lattice(make_app, run_frames):
    app = make_app("--level", "one-hill")
    run_frames(app, 1)
    play = app.top
    transform = play.transform()
    app.dispatch(A.Action(A.POINT, pos=(int(transform.inner[0] + 333), int(transform.inner[1] + 211))))
    decimals = play.game.resolution.lattice.decimals
    assert all(v == round(v, decimals) for v in play.cursor)


# --- zero --------------------------------------------------------------------------------------------------
def test_numbers_within_rounding_of_zero_print_as_0():
    assert fmt_number(-2.220446049250313e-16, "en", zero=1e-9) == "0"
    assert fmt_number(2e-9, "en", zero=2e-9) == "0"
    assert fmt_number(3e-9, "en", zero=2e-9) == "3.00e\u22129"  # above the floor: every digit is real
    assert fmt_number(-2.220446049250313e-16) == "\u22122.22e\u221216"  # no floor given: the number alone
    assert fmt_number(1e-14, "en", zero=1e-23) == "1.00e\u221214"  # a tiny map keeps its tiny heights
    assert fmt_signed(1e-17, "en", 1e-9) == "0" and fmt_signed(0.01) == "+0.0100" and fmt_signed(-0.27) == "\u22120.270"
    assert fmt_fixed(-1.4000000000000004, 3) == "\u22121.400" and fmt_fixed(-0.0004, 3) == "0"
    assert fmt_point(0.15, -0.075, 3, "de") == "(0,150; \u22120,075)"


def test_the_noise_floors_are_the_rules_own_flat_shares():
    game = expression_game("sin(pi*x)")  # heights −1 … 1: span 2
    assert game.resolution.zero_height == pytest.approx(2e-9)
    scale = game.surface.scales()[0]
    assert game.resolution.zero_slope == pytest.approx(1e-9 * scale)
    tiny = expression_game("1e-14*x")  # a map of tiny heights: its floor is tiny too
    assert 0 < tiny.resolution.zero_height < 1e-20


def test_a_height_that_is_only_rounding_noise_shows_as_0(drawn_texts):
    game = expression_game("sin(pi*x)")
    game.probe(0.5, 0.0)
    probe = game.probe(1.0, 0.0)
    assert probe is not None and probe.value != 0.0 and abs(probe.value) < 1e-15  # sin(π) in floats
    screen = pygame.Surface((1280, 800))
    view = PlayView(1.0, "viridis")
    draw_play(view, screen, game, ViewState(cursor=(1.0, 0.0), now_ms=5000))
    noisy = [text for text in drawn_texts if NOISE.search(text)]
    assert not noisy, noisy
    assert "0" in drawn_texts  # the big height numeral (and the probe's label)


# --- the cursor's readout and the Taylor check -------------------------------------------------------------
def test_the_cursor_readout_gives_the_point_the_step_and_its_length():
    game = Game(surfaces.level_by_id("long-ridge"))
    start = game.level.start
    base = game.probe(*start)
    x, y = start[0] + 0.15, start[1] - 0.075
    point, step = cursor_lines(game, x, y, base, "en")
    assert point == f"(x, y) = ({fmt_fixed(x, 3)}, {fmt_fixed(y, 3)})"
    assert step == "d = (0.150, \u22120.075), |d| = 0.168"
    assert cursor_lines(game, x, y, base, "de")[1] == "d = (0,150; \u22120,075); |d| = 0,168"
    assert cursor_lines(game, x, y, None, "en") == [point]  # before a probe: only where the cursor is


def _hud(game: Game, show_taylor: bool = True, size=(1280, 800), scale=1.0) -> None:
    screen = pygame.Surface(size)
    draw_hud(screen, compute_layout(*size, scale, domain=game.surface.domain), game, get_palette("viridis"),
             Fonts(scale), show_taylor=show_taylor)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_taylor_check_shows_the_probes_own_predictions_and_height(drawn_texts, lang):
    game = Game(surfaces.level_by_id("taylor-trust"))  # taylor = 2
    game.probe(*game.level.start)
    probe = game.probe(game.level.start[0] + 0.45, game.level.start[1] - 0.3)
    assert probe.predicted1 is not None and probe.predicted2 is not None
    screen = pygame.Surface((1280, 800))
    draw_hud(screen, compute_layout(1280, 800, 1.0, domain=game.surface.domain), game, get_palette("viridis"),
             Fonts(1.0), lang=lang)
    zero = game.resolution.zero_height
    f = lambda v: fmt_number(v, lang, zero)  # noqa: E731
    g = lambda v: fmt_signed(v, lang, zero)  # noqa: E731
    if lang == "en":
        said = f"T\u2081 predicted {f(probe.predicted1)} \u00b7 T\u2082 predicted {f(probe.predicted2)} \u00b7 measured {f(probe.value)}"
        error = f"error T\u2081 {g(probe.predicted1 - probe.value)} \u00b7 T\u2082 {g(probe.predicted2 - probe.value)}"
        title = "Taylor check at probe 2"
    else:
        said = f"T\u2081 sagte {f(probe.predicted1)} \u00b7 T\u2082 sagte {f(probe.predicted2)} \u00b7 gemessen {f(probe.value)}"
        error = f"Fehler T\u2081 {g(probe.predicted1 - probe.value)} \u00b7 T\u2082 {g(probe.predicted2 - probe.value)}"
        title = "Taylor-Kontrolle bei Messung 2"
    joined = " \u00b7 ".join(drawn_texts)  # split over lines when the column is narrow
    assert title in drawn_texts
    assert said in drawn_texts or all(part in drawn_texts for part in said.split(" \u00b7 "))
    assert error in drawn_texts or all(part in joined for part in error.split(" \u00b7 "))


def test_the_taylor_check_on_a_first_order_level_and_where_taylor_is_hidden(drawn_texts):
    game = Game(surfaces.level_by_id("two-peaks"))  # taylor = 1
    game.probe(*game.level.start)
    probe = game.probe(game.level.start[0] + 0.6, game.level.start[1] + 0.3)
    assert probe.predicted2 is None
    _hud(game)
    zero = game.resolution.zero_height
    assert (f"T\u2081 predicted {fmt_number(probe.predicted1, 'en', zero)} \u00b7 measured "
            f"{fmt_number(probe.value, 'en', zero)}") in drawn_texts
    assert f"error T\u2081 {fmt_signed(probe.predicted1 - probe.value, 'en', zero)}" in drawn_texts
    drawn_texts.clear()
    _hud(game, show_taylor=False)  # a level (or --hide) without Taylor: no check, no error column
    assert not any("predicted" in text for text in drawn_texts)
    assert not any(text.startswith("T\u2081 \u2212 f") for text in drawn_texts)


def test_the_taylor_check_reads_well_in_classroom_mode(drawn_texts):
    """On the projector the panel may page (V): the check is whole on one of its pages."""
    game = Game(surfaces.level_by_id("two-peaks"))
    game.probe(*game.level.start)
    game.probe(game.level.start[0] + 0.6, game.level.start[1] + 0.3)
    layout = compute_layout(1920, 1080, 2.0, domain=game.surface.domain)
    count = draw_hud(pygame.Surface((1920, 1080)), layout, game, get_palette("viridis"), Fonts(2.0)).count
    for page in range(1, count):
        draw_hud(pygame.Surface((1920, 1080)), layout, game, get_palette("viridis"), Fonts(2.0), page=page)
    assert "Taylor check at probe 2" in drawn_texts
    assert any(text.startswith("measured ") or " measured " in text for text in drawn_texts)


def test_the_probe_table_names_its_columns_and_gives_each_probes_point(drawn_texts):
    game = Game(surfaces.level_by_id("taylor-trust"))
    start = game.level.start
    points = [tuple(start), (start[0] + 0.3, start[1]), (start[0] + 0.6, start[1] - 0.15)]
    probes = [game.probe(*p) for p in points]
    _hud(game)
    for header in ("#", "(x, y)", "f", "|\u2207f|", "T\u2082 \u2212 f", "step was"):
        assert header in drawn_texts, header
    assert "Recent probes" in drawn_texts
    assert not any(text.startswith("Recent probes:") for text in drawn_texts)
    decimals = game.resolution.lattice.decimals
    for p in probes:
        assert fmt_point(p.x, p.y, decimals, "en") in drawn_texts
    last = probes[-1]
    assert fmt_signed(last.predicted2 - last.value, "en", game.resolution.zero_height) in drawn_texts


# --- the axes overlay --------------------------------------------------------------------------------------
def test_axes_is_an_overlay_every_built_in_level_allows():
    assert "axes" in OVERLAYS
    for level in surfaces.builtin_levels():
        assert "axes" in level.overlays, level.id


def test_axis_ticks_are_round_numbers():
    assert axes.tick_step(6.0) == (1.0, 0.2)
    assert axes.tick_step(4.0)[0] == 0.5 and axes.tick_decimals(0.5) == 1
    assert axes.tick_step(3.5)[0] == 0.5
    assert axes.tick_step(600.0)[0] == 100.0 and axes.tick_decimals(100.0) == 0
    assert [v for _, v in axes.ticks(-3.0, 3.0, 1.0)] == [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
    assert [round(v, 6) for _, v in axes.ticks(-1.0, 2.5, 0.5)][:3] == [-1.0, -0.5, 0.0]


def test_g_toggles_the_axes_and_the_map_shows_or_hides_them(make_app, run_frames, drawn_texts):
    down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_g, mod=0, unicode="g")
    assert InputMapper().map(down, (1280, 800)) == [A.Action(A.AXES)]
    assert A.Action.from_json(A.Action(A.AXES).to_json()) == A.Action(A.AXES)  # recordings keep it
    app = make_app("--level", "one-hill")
    run_frames(app, 1)
    assert "x" in drawn_texts and "y" in drawn_texts and "\u22121" in drawn_texts  # axis names and a tick
    app.dispatch(A.Action(A.AXES))
    assert "axes" in app.env.hidden
    drawn_texts.clear()
    run_frames(app, 1)
    assert "x" not in drawn_texts and "y" not in drawn_texts
    app.dispatch(A.Action(A.AXES))
    assert "axes" not in app.env.hidden
    hidden = make_app("--level", "one-hill", "--hide", "axes")
    assert "axes" in hidden.env.hidden


def test_the_axes_lie_on_the_edges_and_leave_the_middle_of_the_map_alone():
    game = expression_game("3*exp(-(x^2+y^2))")
    screens = []
    for hidden in (frozenset({"axes"}), frozenset()):
        view = PlayView(1.0, "viridis")
        screen = pygame.Surface((1280, 800))
        draw_play(view, screen, game, ViewState(now_ms=0, hidden=hidden))
        screens.append(pygame.surfarray.array3d(screen))
    changed = (screens[0] != screens[1]).any(axis=2)
    left, top, w, h = view.transform.inner
    rulers = axes.ruler_rects(view.transform, view.fonts, lambda v, d: fmt_fixed(v, d))
    assert changed[left:left + w, top:top + h].any()
    inside = changed.copy()
    for rect in rulers:
        inside[rect.left:rect.right, rect.top:rect.bottom] = False
    zx, zy = (int(round(v)) for v in view.transform.to_screen(0.0, 0.0))
    inside[zx - 1:zx + 2, :] = False  # the dashed lines x = 0 and y = 0
    inside[:, zy - 1:zy + 2] = False
    assert not inside.any()
    assert max(r.h for r in rulers[:1]) < 0.06 * h and rulers[1].w < 0.08 * w  # light: thin rulers


def test_the_help_screen_lists_the_axes_key(make_app, run_frames, drawn_texts):
    app = make_app("--level", "one-hill")
    app.dispatch(A.Action(A.HELP))
    run_frames(app, 1)
    assert "G" in drawn_texts and any("axes" in text for text in drawn_texts)
