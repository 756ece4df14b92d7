"""Bounded memory (issue 17, "Bounded memory"): every cache is bounded by count and bytes, window-sized buffers
exist for the current window only, and the play view's layers are let go while no screen shows the map."""

from __future__ import annotations

import gc
import random

import numpy as np
import pygame
import pytest

import surfaces
from game.core import actions as A
from game.ui import fonts, memory
from game.ui.views import fog
from surfaces import grid

MB = 2 ** 20


def _surfaces_alive() -> list[pygame.Surface]:
    """Every pygame.Surface reachable from a gc-tracked object, one level through untracked dicts, lists and
    tuples too (a dict holding only Surfaces is not tracked by gc)."""
    found: dict[int, pygame.Surface] = {}
    seen: set[int] = set()
    for holder in gc.get_objects():
        stack = [holder]
        while stack:
            obj = stack.pop()
            for ref in gc.get_referents(obj):
                if isinstance(ref, pygame.Surface):
                    found[id(ref)] = ref
                elif isinstance(ref, (dict, list, tuple)) and not gc.is_tracked(ref) and id(ref) not in seen:
                    seen.add(id(ref))
                    stack.append(ref)
    return list(found.values())


def _big(minimum: int = MB) -> list[pygame.Surface]:
    out = []
    for surf in _surfaces_alive():
        try:
            if surf.get_width() * surf.get_height() * surf.get_bytesize() >= minimum:
                out.append(surf)
        except pygame.error:  # a surface whose display went away
            continue
    return out


def test_rendered_text_is_kept_by_count_and_bytes_least_recently_used_first(display):
    f = fonts.Fonts(1.0)
    keep = f.render("kept: used every time", "body", (255, 255, 255))
    limit = fonts.CACHE_BYTES
    for i in range(400):  # long typed lines at a large size: far more bytes than the limit
        f.render(f"{i} " + "x*y+sin(x)*" * 12, "huge", (255, 255, 255))
        assert f.render("kept: used every time", "body", (255, 255, 255)) is keep  # recently used stays
        assert len(f._rendered) <= fonts.CACHE_LIMIT
    held = sum(s.get_width() * s.get_height() * s.get_bytesize() for s in f._rendered.values())
    assert held == f._bytes["rendered"] <= limit
    for i in range(200):
        f.plate(3840, 60 + i, (0, 0, 0, 128), 8)  # window-wide banners' plates
    assert len(f._plates) <= fonts.PLATES_KEPT and f._bytes["plates"] <= fonts.PLATES_BYTES
    assert f.cached_bytes() == f._bytes["rendered"] + f._bytes["plates"]


def test_a_cache_smaller_than_one_frame_s_text_is_not_what_we_have(display, make_app, run_frames):
    """An 8 MB cap made help over level select at 3482×511 render all its ~200 strings again every frame."""
    app = make_app(size=(3482, 511))
    app.show(app.routes.levels())
    app.push(app.routes.help())
    run_frames(app, 2)
    calls = []
    real = fonts.Fonts._plain

    def spy(self, *args):
        calls.append(args)
        return real(self, *args)

    fonts.Fonts._plain = spy
    try:
        app.invalidate()
        run_frames(app, 1)
    finally:
        fonts.Fonts._plain = real
    assert calls == []


def test_grid_pools_stay_within_their_byte_budget():
    shapes = [surfaces.from_expression(f"sin(x*{k}) + cos(y) * x * y + exp(-x^2-y^2)") for k in range(1, 5)]
    xs, ys = np.linspace(-3, 3, 3840), np.linspace(-3, 3, 1080)
    for surface in shapes:
        surface.grid(xs, ys)  # a 4K map at half resolution: each buffer is 16 MB
        assert grid.pooled_bytes() <= grid.POOL_BYTES
    small = shapes[0].grid(xs[:300], ys[:200])
    assert grid.pooled_bytes() <= grid.POOL_BYTES
    assert np.array_equal(small, shapes[0].grid(xs[:300], ys[:200]))  # a freed pool only costs speed


def test_leaving_the_map_frees_the_play_view_s_window_sized_layers(make_app, run_frames):
    app = make_app("--level", "one-hill", size=(1600, 1000))
    app.dispatch(A.Action(A.PROBE))
    run_frames(app, 3)
    view = app.env.play_view()
    assert view.contour is not None and view.fog is not None and fog._MATERIALS
    app.show(app.routes.title())
    run_frames(app, 2)
    assert view.contour is None and view.fog is None and view._static is None and not fog._MATERIALS
    app.show(app.routes.play(app.session.levels[0]))  # and back: built again
    run_frames(app, 2)
    assert app.env.play_view().contour is not None


def test_many_resizes_leave_one_size_of_each_buffer(make_app, run_frames):
    """Resizes through many sizes in play and at the title: the caches hold the current size only."""
    rng = random.Random(5)
    app = make_app("--level", "two-peaks", size=(800, 600))
    run_frames(app, 2)
    for i in range(24):
        if i == 12:
            app.show(app.routes.title())
        size = (rng.randint(700, 2600), rng.randint(500, 1500))
        app.dispatch(A.Action(A.RESIZE, pos=size))
        run_frames(app, 2)
        assert len(fog._MATERIALS) <= fog.MATERIALS_KEPT == 1
        assert all(key[0] == app.env.play_view().fog.size for key in fog._MATERIALS) if i < 12 else not fog._MATERIALS
        assert grid.pooled_bytes() <= grid.POOL_BYTES
        assert all(f.cached_bytes() <= (fonts.CACHE_BYTES + fonts.PLATES_BYTES) * max(1.0, f.scale) ** 2
                   for f in fonts._DEFAULT.values())
    gc.collect()
    window = app.size[0] * app.size[1] * 4
    # the screen and the title's backdrop image; nothing of the sizes before
    big = [s for s in _big(window // 4) if s.get_size() != app.size]
    assert big == [], [s.get_size() for s in big]


@pytest.mark.parametrize("seed", [11])
def test_a_fuzz_of_a_few_thousand_events_leaves_few_large_surfaces(seed, make_app):
    """Random input through every scene, with window sizes up to 3840×2160: afterwards only the current screen's
    layers are alive (the screen, the map's frame layer, map image, fog and its texture, a backdrop)."""
    app = make_app("--fuzz", "1500", "--fuzz-seed", str(seed))
    from game.ui.loop import _fuzzed_step

    while app.running:
        _fuzzed_step(app, app.fuzzer, 1 / 60)
    assert app.fuzzer.exceptions == 0
    gc.collect()
    # the font caches are shared by every app of the process and bounded by their own count and bytes (tested
    # above): plates earlier tests drew (a lab inset's, say) are theirs, not layers this run left behind
    cached = {id(surf) for f in fonts._DEFAULT.values() for surf in f._plates.values()}
    assert all(f.cached_bytes() <= (fonts.PLATES_BYTES + fonts.CACHE_BYTES * f.scale) * max(1.0, f.scale)
               for f in fonts._DEFAULT.values())
    big = [s for s in _big() if id(s) not in cached]
    assert len(big) <= 8, sorted(s.get_size() for s in big)
    area = app.size[0] * app.size[1]
    assert all(s.get_width() * s.get_height() <= area for s in big), (app.size, [s.get_size() for s in big])
    assert grid.pooled_bytes() <= grid.POOL_BYTES
    assert len(fog._MATERIALS) <= 1


def test_trim_gives_memory_back_on_glibc_and_does_nothing_elsewhere(monkeypatch):
    import os
    import sys

    try:
        glibc = sys.platform.startswith("linux") and bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (ValueError, OSError):
        glibc = False
    assert memory.trim() is glibc
    monkeypatch.setattr(memory, "_LIBC", [])
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert memory.trim() is False
