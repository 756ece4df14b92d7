"""A large new map and a new 3D view are drawn coarse first and sharp on the next frame (issue 17: no frame over
250 ms); headless pictures are sharp at once."""

from __future__ import annotations

import pygame
import pytest

import surfaces
from game.core import actions as A
from game.ui.views.contour import COARSE_MIN_PIXELS, ContourMap
from game.ui.palette import get_palette

WAVY = "sin(2*x)*cos(3*y) + 0.2*x*y"  # not a built-in level


def _pixels(image: pygame.Surface) -> bytes:
    return pygame.image.tobytes(image, "RGB")


def test_a_coarse_first_map_sharpens_to_exactly_the_map_drawn_at_once(display):
    surface = surfaces.from_expression(WAVY)
    size = (1400, 1000)
    assert size[0] * size[1] > COARSE_MIN_PIXELS
    direct = ContourMap(surface, size, get_palette("viridis"))
    progressive = ContourMap(surface, size, get_palette("viridis"), coarse_first=True)
    assert progressive.coarse and progressive.renders == 1
    assert progressive.indices.shape == (500, 700)  # half resolution: a quarter of the work
    assert _pixels(progressive.image) != _pixels(direct.image)
    assert progressive.sharpen() and not progressive.coarse and progressive.renders == 2
    assert _pixels(progressive.image) == _pixels(direct.image)
    assert not progressive.sharpen() and progressive.renders == 2  # nothing left to sharpen


def test_small_maps_are_drawn_sharp_at_once(display):
    surface = surfaces.from_expression(WAVY)
    small = ContourMap(surface, (900, 700), get_palette("viridis"), coarse_first=True)
    assert not small.coarse and small.indices.shape == (700, 900)


def _progressive_app(make_app, *flags, size):
    app = make_app("--expr", WAVY, *flags, size=size)
    app.env.progressive = True  # what a window, the browser and --fuzz get
    app.env.release_play_view()
    app.env._play_view = None
    return app


def test_the_play_screen_sharpens_its_map_on_the_next_frame_without_input(make_app, run_frames, data_dir):
    app = _progressive_app(make_app, size=(2000, 1300))
    run_frames(app, 1)  # the frame that built the play screen leaves its drawing to the next
    assert not app.drawn
    run_frames(app, 1)
    contour = app.env.play_view().contour
    assert contour.coarse and contour.renders == 1
    run_frames(app, 1)  # no event: the scene draws again because the map is still coarse
    assert app.drawn and not contour.coarse and contour.renders == 2
    run_frames(app, 3)
    assert contour.renders == 2  # and then stays


def test_a_resize_draws_coarse_then_sharp_and_headless_pictures_are_sharp_at_once(make_app, run_frames, data_dir):
    app = _progressive_app(make_app, size=(1200, 800))
    run_frames(app, 2)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(2200, 1400), w=2200, h=1400))
    run_frames(app, 1)
    assert not app.drawn  # the frame that made the new window leaves the drawing to the next
    run_frames(app, 1)
    assert app.drawn and app.env.play_view().contour.coarse
    run_frames(app, 1)
    assert not app.env.play_view().contour.coarse
    for width in (1300, 1400, 1500):  # a storm of resizes, one a frame: every second frame still draws
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(width, 900), w=width, h=900))
        run_frames(app, 1)
        drawn = [app.drawn]
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(width + 50, 900), w=width + 50, h=900))
        run_frames(app, 1)
        assert drawn + [app.drawn] == [False, True]
    headless = make_app("--expr", WAVY, size=(2200, 1400))
    run_frames(headless, 1)
    assert not headless.env.progressive and not headless.env.play_view().contour.coarse


@pytest.mark.parametrize("progressive", [True, False])
def test_the_3d_view_shows_the_fast_picture_first_when_someone_watches(progressive, make_app, run_frames, data_dir):
    from game.ui.tools.view3d import View3DTool

    app = make_app("--expr", WAVY, size=(1600, 1000))
    app.env.progressive = progressive
    run_frames(app, 2)
    app.dispatch(A.Action(A.VIEW))
    run_frames(app, 1)
    tool = next(tool for tool in app.top.tools if isinstance(tool, View3DTool))
    assert tool.fast is progressive
    run_frames(app, 30)
    assert not tool.fast and tool.renderer.renders == (2 if progressive else 1)


def test_a_screen_left_is_freed_after_the_frame_even_with_the_cycle_collector_asleep(make_app, run_frames, data_dir):
    """A scene and its tools are a reference cycle; the 3D view's pictures in it are window-sized. Waiting for the
    collector's next full pass kept several of them alive at once (a 100 000-event fuzz peaked at 676 MB)."""
    import gc
    import weakref

    app = make_app("--expr", WAVY, "--view", "3d", size=(1600, 1000))
    app.env.progressive = True  # someone watches (a window, the browser, the fuzzer): a long session
    run_frames(app, 3)
    left = weakref.ref(app.top)
    was_on = gc.isenabled()
    gc.disable()
    try:
        app.show(app.routes.title())
        run_frames(app, 1)
        assert left() is None
    finally:
        if was_on:
            gc.enable()


def test_a_new_screen_is_built_in_one_frame_and_drawn_in_the_next_when_someone_watches(make_app, run_frames,
                                                                                       data_dir):
    for progressive in (True, False):
        app = make_app(size=(1600, 1000))
        app.env.progressive = progressive
        run_frames(app, 2)
        app.show(app.routes.play(surfaces.builtin_levels()[1]))
        run_frames(app, 1)
        assert app.drawn is not progressive  # headless pictures: drawn in the frame that built them
        run_frames(app, 1)
        assert app.drawn and app.env.play_view().contour is not None


def test_a_window_draws_coarse_first_but_not_when_it_makes_a_screenshot(display, tmp_path):
    from game.core.options import parse_args
    from game.core.storage import MemoryBackend, Store
    from game.ui.app import App
    from game.ui.startup import prepare

    flags = {"window": [], "screenshot": ["--screenshot", str(tmp_path / "a.png"), "--frames", "1"]}
    progressive = {}
    for name, extra in flags.items():
        options, replay, level = prepare(parse_args(["--expr", WAVY, *extra]))
        app = App(options, pygame.display.set_mode((1600, 1000)), store=Store(MemoryBackend()), start_level=level)
        progressive[name] = app.env.progressive
    assert progressive == {"window": True, "screenshot": False}
