"""A long frame leaves the work that can wait (a sharp map, the lab's layers, the 3D view) to the next frames, and
what waited arrives: the settled picture is the one drawn at once (issue 17: no frame over 250 ms)."""

from __future__ import annotations

import pygame

from game.core import actions as A
from game.core.options import LAB_OVERLAYS
from game.ui.frame_budget import FrameBudget

WAVY = "sin(2*x)*cos(3*y) + 0.2*x*y"  # not a built-in level
LAB = ("--mode", "lab", "--expr", WAVY, "--probe", "0.4,-0.3", "--show=" + ",".join(LAB_OVERLAYS))


class Ticks:
    """A clock for tests: each reading is `step` seconds after the last."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_work_that_can_wait_starts_only_while_the_frame_is_under_budget():
    clock = Ticks(0.030)  # every reading 30 ms later
    budget = FrameBudget(limit_ms=100, clock=clock)
    budget.start()
    assert budget.allows() and budget.allows() and budget.allows()  # 30, 60, 90 ms
    assert not budget.deferred
    assert not budget.allows() and budget.deferred  # 120 ms: waits, and the next frame must be drawn
    assert budget.over()


def test_work_that_waited_gets_the_next_request_granted_whatever_the_time():
    budget = FrameBudget(limit_ms=100, clock=Ticks(1.0))  # every frame is over budget at once
    budget.start()
    assert not budget.allows() and budget.deferred
    budget.start()  # a frame that asks nothing (the app left its drawing to the next) keeps the grant
    budget.start()  # the next request is granted: one piece of the waiting work is done, the rest waits again
    assert budget.allows()
    assert not budget.allows() and budget.deferred
    budget.start()
    assert budget.allows() and budget.over()
    budget.start()  # nothing waited: nothing is owed
    assert not budget.allows()


def test_a_disabled_budget_always_allows():
    budget = FrameBudget(enabled=False, clock=Ticks(10.0))
    budget.start()
    assert all(budget.allows() for _ in range(5)) and not budget.deferred and not budget.over()


def frames(app, count: int) -> None:
    """Step the app (a headless app with probes to place would stop after them: this one goes on)."""
    for _ in range(count):
        app.step(1 / 60)


def _screen(app) -> bytes:
    return pygame.image.tobytes(app.screen, "RGB")


def _lab_app(make_app, budget):
    app = make_app(*LAB, "--view", "3d", size=(1700, 1100))
    app.env.progressive = budget is not None  # what a window, the browser and --fuzz get
    if budget is not None:
        app.env.budget = budget
    app.env._play_view = None  # made again with the environment's budget
    return app


def test_over_budget_frames_show_the_screen_in_pieces_and_end_with_the_picture_drawn_at_once(make_app, data_dir):
    at_once = _lab_app(make_app, None)
    frames(at_once, 120)
    expected = _screen(at_once)

    app = _lab_app(make_app, FrameBudget(clock=Ticks(0.2)))  # every frame long: only granted work is done
    frames(app, 2)
    lab = next(tool for tool in app.top.tools if type(tool).__name__ == "LabTool")
    assert app.drawn and app.env.play_view().contour.coarse  # the first picture: a coarse map, no lab layers yet
    assert lab._cache.get("taylor") is None and lab._cache.get("insets") is None
    done = []  # what has arrived after each frame, with no input (the app draws again while anything waits)
    for _ in range(12):
        frames(app, 1)
        done.append((not app.env.play_view().contour.coarse, *(name in lab._cache for name in ("insets", "taylor",
                                                                                                "trust"))))
    assert done[0] == (False, False, False, False)  # every frame is long: a piece at a time, every second frame
    assert len(set(done)) >= 4 and done[-1] == (True, True, True, True), done
    frames(app, 106)
    assert _screen(app) == expected


def test_a_frame_whose_events_used_the_budget_leaves_its_drawing_to_the_next(make_app, data_dir):
    clock = Ticks(0.0)  # frames take no time ...
    app = _lab_app(make_app, FrameBudget(clock=clock))
    frames(app, 4)
    app.dispatch(A.Action(A.PAUSE))  # something to draw
    frames(app, 1)
    assert app.drawn
    clock.step = 0.2  # ... until one takes long before its drawing
    app.dispatch(A.Action(A.PAUSE))
    frames(app, 1)
    assert not app.drawn
    frames(app, 1)  # never two in a row: the next one draws however long it is
    assert app.drawn



def test_lab_insets_and_the_slice_line_stay_on_screen_while_a_long_frame_changes_them(make_app, data_dir):
    """Holding [ or turning the slice on a slow machine: a frame whose budget is spent keeps the last insets (and
    their click targets) instead of flickering them away, and the slice line always points the slice's way (found
    by a review: it pointed east on such frames)."""
    clock = Ticks(0.0)
    app = _lab_app(make_app, FrameBudget(clock=clock))
    frames(app, 10)
    lab = next(tool for tool in app.top.tools if type(tool).__name__ == "LabTool")
    drawn_u = []
    draw_line = lab._draw_slice_line
    lab._draw_slice_line = lambda target, layout, probe, u: (drawn_u.append(u), draw_line(target, layout, probe, u))
    draw = app.draw

    def long_draw():  # each draw is over budget from its start: only what is owed gets built
        clock.step = 0.2
        try:
            draw()
        finally:
            clock.step = 0.0

    app.draw = long_draw
    counts = []
    for _ in range(6):
        app.dispatch(A.Action(A.LAB_H, dx=1))
        app.dispatch(A.Action(A.LAB_TURN, dx=1.0))
        frames(app, 1)
        counts.append(len(lab.inset_rects))
        assert lab.plot_rect is not None
        assert drawn_u[-1] == lab._unit()
    assert counts == [2] * 6
