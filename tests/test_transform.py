"""ViewTransform: world ↔ screen round trips, y up, aspect kept, pixel centres."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.transform import ViewTransform

coord = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
span = st.floats(0.01, 500, allow_nan=False, allow_infinity=False)
pixels = st.integers(1, 3000)


@st.composite
def transforms(draw):
    x0, y0 = draw(coord), draw(coord)
    domain = (x0, x0 + draw(span), y0, y0 + draw(span))
    rect = (draw(st.integers(-100, 500)), draw(st.integers(-100, 500)), draw(pixels), draw(pixels))
    return ViewTransform(domain, rect)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(transforms(), st.floats(0, 1), st.floats(0, 1))
def test_world_screen_round_trip(t, fx, fy):
    xmin, xmax, ymin, ymax = t.domain
    x, y = xmin + fx * (xmax - xmin), ymin + fy * (ymax - ymin)
    px, py = t.to_screen(x, y)
    x2, y2 = t.to_world(px, py)
    assert math.isclose(x2, x, rel_tol=1e-9, abs_tol=1e-9 * (xmax - xmin + abs(xmin)))
    assert math.isclose(y2, y, rel_tol=1e-9, abs_tol=1e-9 * (ymax - ymin + abs(ymin)))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(transforms(), st.floats(-50, 3000), st.floats(-50, 3000))
def test_screen_world_round_trip_vectorised(t, px, py):
    xs, ys = t.to_world(np.array([px, px + 1.0]), np.array([py, py + 2.0]))
    back_x, back_y = t.to_screen(xs, ys)
    assert np.allclose(back_x, [px, px + 1.0], atol=1e-6)
    assert np.allclose(back_y, [py, py + 2.0], atol=1e-6)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(transforms())
def test_map_fits_rect_and_keeps_aspect(t):
    left, top, w, h = t.inner
    rl, rt, rw, rh = t.rect
    assert rl <= left and rt <= top and left + w <= rl + rw and top + h <= rt + rh
    xmin, xmax, ymin, ymax = t.domain
    aspect = (xmax - xmin) / (ymax - ymin)
    # one pixel of rounding at most
    assert abs(w - h * aspect) <= 1 + aspect or w == 1 or h == 1


def test_y_axis_points_up_and_corners_map_to_edges():
    t = ViewTransform((-3, 3, -2, 2), (10, 20, 600, 400))
    assert t.inner == (10, 20, 600, 400)
    assert t.to_screen(-3, 2) == (10.0, 20.0)  # top-left corner of the domain
    assert t.to_screen(3, -2) == (610.0, 420.0)
    x_hi, y_hi = t.to_screen(0, 1)
    x_lo, y_lo = t.to_screen(0, -1)
    assert y_hi < y_lo  # larger y is higher on screen
    assert (t.sx, t.sy) == (100.0, 100.0)


def test_the_renderer_evaluates_at_the_transform_s_pixel_centres():
    from game.ui.views.contour_field import pixel_centres

    t = ViewTransform((0, 4, 0, 2), (0, 0, 8, 4))
    xs, ys = pixel_centres(t.domain, t.size)
    wx, wy = t.to_world(np.arange(8) + 0.5, np.arange(4) + 0.5)
    assert np.allclose(xs, (np.arange(8) + 0.5) / 2) and np.allclose(xs, wx)
    assert np.allclose(ys, 2 - (np.arange(4) + 0.5) / 2) and np.allclose(ys, wy)


def test_bad_domain_raises():
    import pytest

    with pytest.raises(ValueError):
        ViewTransform((1, 1, 0, 1), (0, 0, 10, 10))
