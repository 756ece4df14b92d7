"""The UI scale rule of classroom mode and fullscreen: from the window's height, so a teacher can predict it.

Classroom mode lays every screen out as if the window were 540 logical px tall: 1080p → 2×, 1440p → 2.625×,
2160p → 3×. Fullscreen without classroom mode as if it were 800 tall: 1080p → 1.25×, 1440p → 1.75×. Never so
large that the window is narrower than 640 logical px, rounded down to eighths, within 1..3; `--scale` wins.
"""

from __future__ import annotations

import math

# The UI scale rule (README "Teachers: classroom options"): without --scale, classroom mode lays every screen out
# as if the window were CLASSROOM_HEIGHT logical px tall (1080p → 2×, 1440p → 2.625×, 2160p → 3×), fullscreen
# without classroom as if FULLSCREEN_HEIGHT tall (1080p → 1.25×); never narrower than MIN_WIDTH, rounded
# down to SCALE_STEPS, within MIN_SCALE..MAX_SCALE. A window keeps 1× (its player chose its size).
CLASSROOM_HEIGHT = 540
FULLSCREEN_HEIGHT = 800
MIN_SCALE, MAX_SCALE = 1.0, 3.0  # also the range --scale accepts
SCALE_STEPS = 8  # scales are whole eighths: a window dragged larger does not rebuild its fonts at every pixel
MIN_WIDTH = 640  # logical px: the narrowest layout (options.MIN_WINDOW's width)


def window_scale(size: tuple[int, int], logical_height: float) -> float:
    """The scale that shows `logical_height` logical px in the window's height, at most the scale that keeps
    MIN_WIDTH, rounded down to 1/SCALE_STEPS, within MIN_SCALE..MAX_SCALE."""
    width, height = (max(1, int(v)) for v in size)
    raw = min(height / logical_height, width / MIN_WIDTH)
    return min(MAX_SCALE, max(MIN_SCALE, math.floor(raw * SCALE_STEPS + 1e-9) / SCALE_STEPS))


__all__ = ["window_scale", "CLASSROOM_HEIGHT", "FULLSCREEN_HEIGHT", "MIN_SCALE", "MAX_SCALE", "SCALE_STEPS"]
