"""The teacher's keys in play: undo keeps the model consistent, reveal now ends the climb without a score, the
freeze marks A–D and reveals the exact answers, S exports, and the keys map (X, U, Ctrl+Z, F, Q, S, a dropped file)."""

from __future__ import annotations

import csv
import io
import math

import pygame
import pytest
from hypothesis import given, settings, strategies as st

from game.core import actions as A
from game.core import levels
from game.core.export import csv_text
from game.core.freeze import Freeze, answers, highest
from game.core.model import Game
from game.core.undo import undo_last
from game.ui.input import InputMapper

EXPR = "2*exp(-((x-0.5)^2 + (y+0.3)^2)) + 0.4*cos(x)*sin(y)"


def level():
    return levels.expression_level(EXPR, (-2, 2, -2, 2))


def state(game: Game) -> tuple:
    """Everything the rules hold that a player or the verdict can see."""
    return ([(p.x, p.y, p.value, p.step, p.rho, p.guess, p.guess_grade, p.guess_points, p.wasted) for p in game.probes],
            game.probes_left, game.score(), game.best and (game.best.x, game.best.y), game.can_predict, game.guess)


points = st.tuples(st.floats(-2, 2), st.floats(-2, 2))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(points, st.none() | st.floats(-3, 3)), min_size=1, max_size=8))
def test_undo_equals_a_game_that_never_made_the_last_probe(plays):
    lv = level()
    game, fresh = Game(lv), Game(lv)
    for index, ((x, y), guess) in enumerate(plays):
        game.predict(guess)
        game.probe(x, y)
        if index < len(plays) - 1:
            fresh.predict(guess)
            fresh.probe(x, y)
    game.predict(1.0)  # a guess typed for the next probe goes with the undo
    assert undo_last(game)
    assert state(game) == state(fresh)
    assert game.claim() == fresh.claim() or (game.claim() is None and fresh.claim() is None)


def test_undo_refuses_without_probes_and_after_a_claim():
    game = Game(level())
    assert not undo_last(game)
    game.probe(0.0, 0.0)
    game.claim()
    assert not undo_last(game) and len(game.probes) == 1 and game.finished


def test_freeze_marks_at_most_four_and_a_second_click_takes_one_away():
    freeze = Freeze()
    assert not freeze.reveal()
    for i in range(4):
        assert freeze.mark(i * 0.5, 0.0, 0.1) == "added"
    assert freeze.mark(1.9, 1.9, 0.1) == "full"
    assert freeze.mark(0.52, 0.01, 0.1) == "removed" and len(freeze.points) == 3
    assert freeze.reveal() and freeze.mark(1.0, 1.0, 0.1) == "revealed"
    freeze.next_question()
    assert not freeze.revealed and freeze.question_code == "gradient"


def test_freeze_answers_are_the_exact_heights_gradients_and_taylor_from_the_latest_probe():
    import sympy

    x, y = sympy.symbols("x y")
    f = 2 * sympy.exp(-((x - sympy.Rational(1, 2)) ** 2 + (y + sympy.Rational(3, 10)) ** 2)) \
        + sympy.Rational(2, 5) * sympy.cos(x) * sympy.sin(y)
    ref = [sympy.lambdify((x, y), e, "mpmath") for e in (f, sympy.diff(f, x), sympy.diff(f, y))]
    game = Game(level())
    game.probe(-1.0, 1.0)
    game.probe(-0.5, 0.5)
    marks = [(0.5, -0.3), (1.5, 1.5), (-1.8, -1.2)]
    found = answers(game, marks)
    bx, by = -0.5, 0.5
    for a, (px, py) in zip(found, marks):
        assert a.value == pytest.approx(float(ref[0](px, py)), rel=1e-13)
        assert a.gradient == pytest.approx((float(ref[1](px, py)), float(ref[2](px, py))), rel=1e-11, abs=1e-13)
        t1 = float(ref[0](bx, by)) + float(ref[1](bx, by)) * (px - bx) + float(ref[2](bx, by)) * (py - by)
        assert a.order1 == pytest.approx(t1, rel=1e-12)
    assert highest(found) == max(range(3), key=lambda i: float(ref[0](*marks[i])))
    assert answers(Game(level()), marks)[0].order1 is None  # no probe yet: nothing to predict from


def key(k, mod=0, unicode=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def test_teacher_keys_map_to_their_actions():
    mapper = InputMapper()
    table = {pygame.K_x: A.REVEAL, pygame.K_u: A.UNDO, pygame.K_f: A.FREEZE, pygame.K_q: A.QUESTION,
             pygame.K_s: A.EXPORT}
    for k, kind in table.items():
        assert [a.kind for a in InputMapper().map(key(k), (800, 600))] == [kind]
    assert [a.kind for a in mapper.map(key(pygame.K_z, pygame.KMOD_LCTRL), (800, 600))] == [A.UNDO]
    assert InputMapper().map(key(pygame.K_r, pygame.KMOD_LCTRL), (800, 600)) == []  # others stay the system's
    assert InputMapper().map(key(pygame.K_x), (800, 600), text_mode=True) == []  # typing, not commanding
    drop = mapper.map(pygame.event.Event(pygame.DROPFILE, file="/tmp/a.json"), (800, 600))
    assert drop == [A.Action(A.DROP, text="/tmp/a.json")]


@pytest.fixture
def play(make_app, run_frames):
    app = make_app("--level", "two-peaks", "--classroom")
    run_frames(app, 2)
    app.dispatch(A.Action(A.BACK))  # the classroom's help
    run_frames(app, 2)

    def do(kind, **fields):
        app.dispatch(A.Action(kind, **fields))
        run_frames(app, 2)

    return app, do


def test_undo_key_takes_back_a_probe_in_play(play):
    app, do = play
    scene = app.top
    for at in [(-2.4, -2.2), (-1.6, -1.2), (-1.2, -0.6)]:
        do(A.PROBE, at=at)
    left = scene.game.probes_left
    do(A.UNDO)
    assert len(scene.game.probes) == 2 and scene.game.probes_left == left + 1 and len(scene.probe_times) == 2
    fresh = Game(scene.level)
    for at in [(-2.4, -2.2), (-1.6, -1.2)]:
        fresh.probe(*at)
    assert scene.game.score() == fresh.score()


def test_reveal_now_ends_the_climb_without_a_score(play, drawn_texts):
    app, do = play
    scene = app.top
    do(A.PROBE, at=(-2.4, -2.2))
    do(A.REVEAL)
    for kind, fields in ((A.PROBE, {"at": (1.0, 1.0)}), (A.CLAIM, {}), (A.UNDO, {}), (A.FREEZE, {}),
                         (A.CLICK, {"pos": (300, 300)})):
        do(kind, **fields)
    assert len(scene.game.probes) == 1 and not scene.game.finished and app.session.games == []
    assert app.top is scene and "Map revealed" in drawn_texts
    do(A.RESTART)
    assert app.top is not scene and app.top.game.probes == []


def test_freeze_in_play_marks_reveals_and_leaves(play, drawn_texts):
    app, do = play
    scene = app.top
    do(A.PROBE, at=(-2.4, -2.2))
    do(A.FREEZE)
    tool = next(t for t in scene.tools if getattr(t, "freeze", None) is not None)
    scene.cursor = (0.0, 0.0)
    do(A.PROBE)  # Space marks, it does not probe
    sx, sy = scene.transform().to_screen(1.5, 1.0)
    do(A.CLICK, pos=(int(sx), int(sy)))
    assert len(scene.game.probes) == 1 and len(tool.freeze.freeze.points) == 2
    assert scene.view_state().show_preview is False  # the class predicts T₁ itself
    do(A.QUESTION)
    do(A.QUESTION)
    do(A.CONFIRM)
    assert tool.freeze.freeze.revealed
    assert any(text.startswith("What will T") for text in drawn_texts)
    assert any(text.startswith("A: height") for text in drawn_texts)
    do(A.BACK)
    assert tool.freeze is None and app.top is scene  # Esc leaves the freeze, not the game


def test_s_exports_the_csv_and_the_png_of_the_screen(play, tmp_path, monkeypatch):
    app, do = play
    monkeypatch.chdir(tmp_path)
    do(A.PROBE, at=(-2.4, -2.2))
    do(A.EXPORT)  # headless: no window, no files
    assert not list(tmp_path.iterdir()) and any("Without a window" in text for text, _ in app.banners)
    app.env.headless = False  # as in a window
    do(A.PROBE, at=(-1.6, -1.2))
    do(A.EXPORT)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 2 and files[0].endswith(".csv") and files[1] == files[0][:-4] + ".png"
    assert (tmp_path / files[0]).read_bytes().decode("utf-8") == csv_text(app.top.game)
    assert pygame.image.load(str(tmp_path / files[1])).get_size() == app.size
    assert any("Saved" in text for text, _ in app.banners)
    do(A.CLAIM)
    for p in tmp_path.iterdir():
        p.unlink()
    do(A.EXPORT)  # on the result screen too
    assert len(list(tmp_path.iterdir())) == 2


def test_the_legend_shows_in_classroom_mode_only_and_a_click_folds_it(drawn_texts, play, make_app, run_frames):
    app, do = play
    assert "X  reveal the map" in drawn_texts
    tool = next(t for t in app.top.tools if hasattr(t, "legend_rect"))
    do(A.CLICK, pos=tool.legend_rect.center)
    assert not tool.legend_open and len(app.top.game.probes) == 0  # the click folded it; it did not probe
    drawn_texts.clear()
    plain = make_app("--level", "two-peaks")
    run_frames(plain, 3)
    assert "X  reveal the map" not in drawn_texts
