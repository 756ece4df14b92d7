"""The map of a surface without a finite maximum: robust bands; ordinary maps exactly as before."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import numpy as np
import pygame
import pytest

import surfaces
from game.ui.palette import get_palette
from game.ui.views.contour import ContourMap
from game.ui.views.contour_field import MAX_BANDS, UNDEFINED, field_indices, value_range
from game.ui.views.contour_levels import levels_for

pygame.init()
SIZE = (160, 120)
BANDS = 14


@pytest.mark.parametrize("level_id", ["one-hill", "needle-peak", "line-fit", "two-peaks", "rough-ground"])
def test_ordinary_maps_are_unchanged(level_id):
    """The bands of an ordinary surface still span value_range() exactly: its round levels are chosen within it
    (contour_levels), pixel-identical to rendering those levels over value_range() directly."""
    surface = surfaces.level_by_id(level_id).surface
    assert value_range(surface) == surface.value_range()
    lo, hi = surface.value_range()
    levels = levels_for(surface, lo, hi, BANDS)
    assert lo < levels.edges[0] and levels.edges[-1] < hi
    old = field_indices(surface, SIZE, lo, hi, BANDS, levels=levels).copy()
    cmap = ContourMap(surface, SIZE, get_palette("viridis"), BANDS, labels=False)
    assert cmap.levels == levels and cmap.indices is not None and np.array_equal(old, cmap.indices)


@pytest.mark.parametrize("text", ["1/x", "tan(x)", "1/(x*y)", "1/((x-0.3)^2+(y-1)^2)", "1/(3-x)", "exp(exp(exp(x)))"])
def test_pole_maps_use_many_bands_and_no_garbage(text):
    surface = surfaces.from_expression(text)
    lo, hi = value_range(surface)
    assert (lo, hi) == surface.band_limits() and hi < 1e4  # not stretched up to the pole's value
    cmap = ContourMap(surface, SIZE, get_palette("viridis"), BANDS, labels=False)
    idx = cmap.indices
    assert idx is not None and cmap.levels is not None
    defined = idx < UNDEFINED
    bands = idx[defined] & (MAX_BANDS - 1)
    assert bands.max() < cmap.levels.n  # heights beyond the limits sit in the top or bottom band
    assert len(np.unique(bands)) >= 6, np.unique(bands)  # before: one band (or two)
    assert set(np.unique(idx[~defined])) <= {UNDEFINED, UNDEFINED + 1}


def test_heights_beyond_the_limits_take_the_end_bands():
    surface = surfaces.from_expression("1/((x-0.3)^2+(y-1)^2)")
    cmap = ContourMap(surface, (121, 121), get_palette("viridis"), BANDS, labels=False, isolines=False)
    idx = cmap.indices
    assert idx is not None and cmap.levels is not None
    x, y = 0.3, 1.0  # the pole: far above the limits → the top band
    col, row = int((x + 3) / 6 * 121), int((3 - y) / 6 * 121)
    assert idx[row, col] == cmap.levels.n - 1
    assert idx[-1, -1] == 0  # the far corner is the lowest height on the map


def test_the_old_range_would_have_been_one_band():
    """Why the change: bands over value_range() put the whole 1/x map into a couple of bands."""
    surface = surfaces.from_expression("1/x")
    lo, hi = surface.value_range()
    idx = field_indices(surface, SIZE, lo, hi, BANDS, isolines=False)
    assert len(np.unique(idx[idx < UNDEFINED])) <= 2
