"""The map redraw's shortcuts give exactly what the plain operations give: the pair-table lookup, the packed
band | group table, and the remembered band levels."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import numpy as np
import pytest

import surfaces
from game.ui.views import contour
from game.ui.views.contour_field import WorkBuffers, _lines, _packed_table, _take, field_indices, value_range
from game.ui.views.contour_levels import levels_for


@pytest.mark.parametrize("shape", [(1, 1), (1, 2), (3, 5), (64, 97), (321, 640)])
@pytest.mark.parametrize("size", [1, 7, 200, 256])
def test_take_matches_numpy_take_clip(shape, size):
    rng = np.random.default_rng(size * 1000 + shape[1])
    table = rng.integers(0, 256, size, dtype=np.uint8)
    idx = rng.integers(0, 256, shape, dtype=np.uint8)
    out = np.empty(shape, dtype=np.uint8)
    _take(table, idx, out)
    assert np.array_equal(out, np.take(table, idx, mode="clip"))


def test_take_on_uint16_bins_and_odd_offsets():
    rng = np.random.default_rng(3)
    table = rng.integers(0, 16, 3000, dtype=np.uint8)
    idx = rng.integers(0, 3000, (41, 77), dtype=np.uint16)
    out = np.empty(idx.shape, dtype=np.uint8)
    _take(table, idx, out)
    assert np.array_equal(out, np.take(table, idx, mode="clip"))
    small = rng.integers(0, 256, 1001, dtype=np.uint8)[1:]  # an unaligned start
    out8 = np.empty(1000, dtype=np.uint8)
    table8 = rng.integers(0, 16, 256, dtype=np.uint8)
    _take(table8, small, out8)
    assert np.array_equal(out8, table8[small])


@pytest.mark.parametrize("isolines", [True, False])
@pytest.mark.parametrize("widths", [(1, 2), (2, 3), (1, 1)])
def test_packed_lines_equal_the_grouped_lines(isolines, widths):
    level = next(l for l in surfaces.builtin_levels() if l.id == "banana-ridge")
    lo, hi = value_range(level.surface)
    levels = levels_for(level.surface, lo, hi, 14)
    rng = np.random.default_rng(5)
    fine = np.sort(rng.integers(0, levels.bins, (330, 97)).astype(np.uint8), axis=0)
    a, b = WorkBuffers(fine.shape), WorkBuffers(fine.shape)
    groups = levels.groups()
    _take(levels.lut, fine, a.base)
    plain = _lines(a.base, *widths, isolines, a, groups).copy()
    _take(_packed_table(levels.lut, groups), fine, b.base)
    packed = _lines(b.base, *widths, isolines, b, packed=True)
    assert np.array_equal(plain, packed)


def test_remembered_levels_are_the_surface_s_own():
    by_id = {l.id: l for l in surfaces.builtin_levels()}
    for name in ("banana-ridge", "rise-over-run"):
        s = by_id[name].surface
        lo, hi = value_range(s)
        first = contour.cached_levels(s, lo, hi, 14)
        assert contour.cached_levels(s, lo, hi, 14) is first
        fresh = levels_for(s, lo, hi, 14)
        assert (first.edges, first.major, first.bins) == (fresh.edges, fresh.major, fresh.bins)
        assert np.array_equal(first.lut, fresh.lut)
    assert len(contour._LEVELS) <= contour.LEVELS_KEPT


def test_remembered_levels_never_outlive_their_surface():
    s = surfaces.from_expression("x + 2*y")
    lo, hi = value_range(s)
    contour.cached_levels(s, lo, hi, 14)
    key = next(k for k in contour._LEVELS if k[0] == id(s))
    ref = contour._LEVELS[key][0]
    del s
    gc.collect()
    assert ref() is None  # the cache holds no strong reference


def test_field_indices_unchanged_by_the_shortcuts():
    level = next(l for l in surfaces.builtin_levels() if l.id == "banana-ridge")
    lo, hi = value_range(level.surface)
    levels = levels_for(level.surface, lo, hi, 14)
    idx = field_indices(level.surface, (321, 203), lo, hi, 14, 1, 2, True, False, None, levels).copy()
    work = WorkBuffers((203, 321))
    from game.ui.views import contour_field as cf
    fine = np.empty((203, 321), dtype=np.uint8)
    xs, ys = cf.pixel_centres(level.surface.domain, (321, 203))
    t = cf._grid32(level.surface, xs, ys)
    cf._to_band_units(t, levels.z0, levels.z0 + levels.bins * levels.q, levels.bins)
    np.copyto(fine, t, casting="unsafe")
    work.base[...] = np.take(levels.lut, fine, mode="clip")
    ref = cf._lines(work.base, 1, 2, True, work, levels.groups())
    assert np.array_equal(idx, ref)
