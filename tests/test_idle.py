"""No work when nothing changes: the loop draws and flips only after input, a resize, a scene or banner change, or
while a scene's clock moves the picture (fog fade, arrow grow-in, reveal sweep, caret blink, message timeout).

Counts only, no timings. The strongest check is `assert_still`: whenever a frame was skipped, drawing it anyway
must give exactly the picture already on screen (so skipping never hides a change)."""

from __future__ import annotations

import asyncio
import random

import pygame
import pytest

import game.ui.app as app_module
import game.ui.loop as loop_module
from game.core import actions as A
from game.core.options import parse_args
from game.ui.app import BANNER_SECONDS, run
from game.ui.scenes.base import Scene
from game.ui.scenes.entry import EntryScene
from game.ui.scenes.play import MESSAGE_SECONDS, PlayScene
from game.ui.scenes.result import SWEEP_SECONDS, ResultScene
from test_scenes import SCENES, open_scene, random_action

DT = 1 / 60
SETTLE = 90  # frames: longer than any start-up animation (fog fade 250 ms, arrows 220 ms)


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def assert_still(app) -> None:
    """The last step drew nothing: drawing now must not change a pixel."""
    assert not app.drawn
    before = pixels(app.screen)
    app.draw()
    assert pixels(app.screen) == before, f"a skipped frame of {type(app.top).__name__} would have looked different"


def steps(app, frames: int, check: int = 0) -> list[bool]:
    """Step `frames` frames; which of them drew. With `check` = n, every n-th frame, if skipped, is checked with
    assert_still."""
    drawn = []
    for frame in range(frames):
        app.step(DT)
        drawn.append(app.drawn)
        if check and frame % check == 0 and not app.drawn:
            assert_still(app)
    return drawn


@pytest.fixture
def play(make_app):
    """An app on level 2's play scene, settled (nothing left to draw)."""
    app = make_app("--level", "2")
    pygame.event.clear()
    steps(app, SETTLE)
    assert isinstance(app.top, PlayScene)
    return app


def test_an_idle_play_screen_draws_nothing(play):
    assert not any(steps(play, 300, check=10))


@pytest.mark.parametrize("name", ["title", "levels", "help", "pause"])
def test_idle_menus_draw_nothing(name, make_app):
    app = make_app()
    pygame.event.clear()
    if name == "levels":
        app.show(app.routes.levels())
    elif name in ("help", "pause"):
        app.show(app.routes.play(app.session.levels[1]))
        app.dispatch(A.Action(A.HELP if name == "help" else A.PAUSE))
    first = steps(app, SETTLE)
    assert first[0] and not any(first[-30:])
    assert not any(steps(app, 60, check=1))


@pytest.mark.parametrize("action", [
    A.Action(A.MOVE, dx=1.0), A.Action(A.POINT, pos=(400, 300)), A.Action(A.POINT, pos=(1200, 760)),
    A.Action(A.HELP), A.Action(A.RESIZE, pos=(1100, 700))])
def test_any_action_draws_the_next_frame(play, action):
    play.dispatch(action)
    assert steps(play, 1) == [True]
    assert not any(steps(play, SETTLE)[-30:])


@pytest.mark.parametrize("event", [
    pygame.event.Event(pygame.MOUSEMOTION, pos=(500, 300), rel=(1, 0), buttons=(0, 0, 0)),
    pygame.event.Event(pygame.WINDOWEXPOSED),  # the system lost the window's pixels: show them again
    pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT, mod=0, unicode="", scancode=0)])
def test_any_event_draws_the_next_frame(play, event):
    pygame.event.post(event)
    assert steps(play, 1) == [True]


def test_moving_the_mouse_moves_the_cursor_on_screen(play):
    before = pixels(play.screen)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(300, 300), rel=(5, 5), buttons=(0, 0, 0)))
    assert steps(play, 1) == [True]
    assert pixels(play.screen) != before


def test_a_probe_animates_every_frame_then_stops(play):
    play.dispatch(A.Action(A.PROBE))
    drawn = steps(play, SETTLE, check=1)
    moving = drawn.index(False)  # the fog hole opens and the arrow grows for about 15 frames, every one drawn
    assert moving >= 10 and all(drawn[:moving])
    assert not any(drawn[moving + 2:])  # then still (the frame after the last one may confirm the settled state)


def test_the_reveal_sweep_draws_every_frame_then_stops(play):
    play.dispatch(A.Action(A.PROBE))
    steps(play, SETTLE)
    play.dispatch(A.Action(A.CLAIM))
    assert isinstance(play.top, ResultScene)
    sweep = int(SWEEP_SECONDS * 60)
    drawn = steps(play, sweep + 60, check=1)
    assert all(drawn[:sweep - 1])
    assert not any(drawn[sweep + 2:])


def test_the_result_after_a_quick_claim_goes_still(play):
    """Probe and claim in one frame: the map's clock stops at the claim, mid fog-fade; after the sweep, still."""
    play.dispatch(A.Action(A.PROBE))
    play.dispatch(A.Action(A.CLAIM))
    steps(play, int(SWEEP_SECONDS * 60) + 5)
    assert not any(steps(play, 60, check=1))


def test_a_message_redraws_when_it_times_out(play):
    play.dispatch(A.Action(A.CLAIM))  # nothing to claim yet: "probe first" shows for a few seconds
    assert play.top.message_left > 0
    frames = int(MESSAGE_SECONDS * 60) + 30
    drawn = steps(play, frames, check=5)
    assert drawn[0] and sum(drawn) <= 3  # the message appears, and disappears once (no frames in between)
    assert any(drawn[int(MESSAGE_SECONDS * 60) - 5:])


def test_a_banner_redraws_when_it_times_out(play):
    play.banner("a test banner")
    frames = int(BANNER_SECONDS * 60) + 30
    drawn = steps(play, frames, check=20)
    assert drawn[0] and sum(drawn) == 2 and any(drawn[int(BANNER_SECONDS * 60) - 5:])


def test_the_entry_caret_blinks(make_app):
    app = make_app()
    pygame.event.clear()
    app.push(EntryScene(app.ctx, "expr", "x^2"))
    steps(app, 15)  # to the middle of the first phase of the blink
    shots = []
    for _ in range(4):
        steps(app, 30, check=1)  # half a second: one phase of the blink
        shots.append(pixels(app.screen))
    assert shots[0] != shots[1] and shots[0] == shots[2] and shots[1] == shots[3]
    drawn = steps(app, 120)
    assert 3 <= sum(drawn) <= 5  # two changes a second, nothing in between


def test_the_guess_field_caret_blinks(play):
    play.dispatch(A.Action(A.PROBE))
    steps(play, SETTLE)
    play.dispatch(A.Action(A.PREDICT))
    assert play.top.guess_text is not None
    steps(play, 2)
    drawn = steps(play, 120, check=1)
    assert 3 <= sum(drawn) <= 5


def test_a_scene_that_does_not_say_is_drawn_every_frame(play):
    """The safe default: a scene without its own frame_key is redrawn every frame (never frozen)."""

    class Ticker(Scene):
        opaque = False

        def __init__(self, ctx):
            super().__init__(ctx)
            self.draws = 0

        def draw(self, target):
            self.draws += 1

    ticker = Ticker(play.ctx)
    play.push(ticker)
    assert all(steps(play, 30)) and ticker.draws == 30


@pytest.mark.parametrize("name", SCENES)
def test_a_monkey_never_sees_a_skipped_frame_that_should_have_changed(name, make_app, run_frames):
    """Random actions now and then, idle frames between them: every frame the loop skipped, drawn anyway, is the
    picture already on screen, in every scene and whatever the scene turned into."""
    app = make_app()
    pygame.event.clear()
    open_scene(app, name, run_frames)
    rng = random.Random(f"idle-{name}")
    skipped = 0
    for _ in range(90):
        if rng.random() < 0.15:
            app.dispatch(random_action(rng, app.size))
        app.step(DT)
        app.running = True  # the monkey may pick "Quit" on the title; keep going
        if not app.drawn:
            skipped += 1
            assert_still(app)
    assert skipped  # the idle frames between the actions were skipped


def test_the_headless_loop_flips_only_when_something_changed(monkeypatch, display, data_dir):
    flips = []
    real_flip = pygame.display.flip
    monkeypatch.setattr(loop_module.pygame.display, "flip", lambda: (flips.append(1), real_flip())[1])
    assert asyncio.run(run(parse_args(["--headless", "--frames", "240", "--level", "2"]))) == 0
    assert 1 <= len(flips) <= 30  # the first frames; then nothing


def test_the_browser_loop_yields_every_frame_but_skips_flips(monkeypatch, display, data_dir):
    sleeps, flips = [], []
    real_sleep, real_flip = asyncio.sleep, pygame.display.flip

    async def counting_sleep(delay, *args):
        sleeps.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(loop_module.asyncio, "sleep", counting_sleep)
    monkeypatch.setattr(loop_module.pygame.display, "flip", lambda: (flips.append(1), real_flip())[1])
    monkeypatch.setattr(app_module, "in_browser", lambda: True)
    assert asyncio.run(run(parse_args(["--frames", "120", "--level", "2"]))) == 0
    assert sleeps == [0] * 120
    assert 1 <= len(flips) <= 30


def test_a_claim_right_after_a_probe_lets_the_map_finish_its_animation(make_app, run_frames):
    """The result screen's map clock stopped at the claim: a fog hole opened 1 frame before stayed half open."""
    from game.core import actions as A

    app = make_app("--level", "one-hill")
    run_frames(app, 1)
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    run_frames(app, 240)
    view = app.env.play_view()
    assert type(app.top).__name__ == "ResultScene"
    assert not view.animating and not view.fog.fading
