"""compute_layout: map, panel and buttons fit the window, never overlap, and the map keeps its aspect."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.layout import PLAY_BUTTONS, Box, compute_layout


def inside(box: Box, w: int, h: int) -> bool:
    return box.x >= 0 and box.y >= 0 and box.right <= w and box.bottom <= h and box.w > 0 and box.h > 0


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.integers(320, 3840), st.integers(240, 2160), st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0]),
       st.floats(0.25, 4.0))
def test_rects_fit_and_do_not_overlap(width, height, scale, aspect):
    lay = compute_layout(width, height, scale, aspect)
    assert lay.hud_side in ("right", "bottom")
    assert inside(lay.map_rect, width, height)
    assert inside(lay.hud_rect, width, height)
    assert not lay.map_rect.overlaps(lay.hud_rect)
    assert set(lay.buttons) == set(PLAY_BUTTONS)
    boxes = list(lay.buttons.values())
    for i, b in enumerate(boxes):
        assert inside(b, width, height)
        assert lay.hud_rect.x <= b.x and b.right <= lay.hud_rect.right
        assert lay.hud_rect.y <= b.y and b.bottom <= lay.hud_rect.bottom
        assert not b.overlaps(lay.map_rect)
        assert not b.overlaps(lay.hud_content)
        for other in boxes[i + 1:]:
            assert not b.overlaps(other)
    # the map keeps the domain's aspect ratio (to a pixel)
    m = lay.map_rect
    if m.w > 4 and m.h > 4:
        assert abs(m.w - m.h * aspect) <= 1.0 + aspect


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.integers(640, 3840), st.integers(480, 2160), st.sampled_from([1.0, 2.0]))
def test_touch_buttons_are_big_enough(width, height, scale):
    lay = compute_layout(width, height, scale)
    for b in lay.buttons.values():
        assert b.h >= min(44, height * 0.05)


def test_wide_window_puts_panel_right_and_narrow_window_at_bottom():
    assert compute_layout(1280, 800, 1.0).hud_side == "right"
    assert compute_layout(1920, 1080, 2.0).hud_side == "right"
    assert compute_layout(800, 1280, 1.0).hud_side == "bottom"
    assert compute_layout(600, 900, 1.0).hud_side == "bottom"


def test_button_at_finds_buttons():
    lay = compute_layout(1280, 800, 1.0)
    for name, box in lay.buttons.items():
        assert lay.button_at(*box.center) == name
    assert lay.button_at(*lay.map_rect.center) is None
