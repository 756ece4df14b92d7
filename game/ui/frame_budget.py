"""A frame's time budget: drawing that can wait (a sharp map, lab layers, the 3D view) waits when a frame is long.

A window's frame that must build a screen from nothing (a new size near 4K: map, fog, panel, then the lab's layers
and the 3D view) took up to 250 ms when all of it was done at once. Work that a frame can leave out without showing
anything wrong asks `allows()` before it starts; once the frame has used FRAME_BUDGET_MS it waits for the next frame
(which the app then draws), so such a screen appears over two or three short frames instead of one long one.
Only when someone watches (a window, the browser, the fuzzer): headless pictures are drawn whole in one frame.
"""

from __future__ import annotations

import time
from typing import Callable

FRAME_BUDGET_MS = 100.0  # work that can wait starts only while the frame has used less than this


class FrameBudget:
    """The time one frame has used; `allows()` says whether work that can wait may start now."""

    def __init__(self, enabled: bool = True, limit_ms: float = FRAME_BUDGET_MS,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.enabled = enabled
        self.limit_ms = float(limit_ms)
        self._clock = clock
        self._start = clock()
        self.deferred = False  # something waited this frame: the next frame must be drawn
        self._owed = False  # work waited: the next request is granted whatever the time (see start)

    def start(self) -> None:
        """A new frame begins. If the last one left work for later, the next `allows()` is True whatever the time,
        so waiting work is always done, a piece a drawn frame at least, even on a machine where every frame is long."""
        self._start = self._clock()
        self._owed = self._owed or self.deferred
        self.deferred = False

    def spent_ms(self) -> float:
        """Milliseconds since the frame began."""
        return (self._clock() - self._start) * 1000.0

    def over(self) -> bool:
        """True when the frame has used its budget (and it counts)."""
        return self.enabled and self.spent_ms() >= self.limit_ms

    def allows(self) -> bool:
        """True when work that can wait may start now; False (and `deferred` is set) when the frame is over budget."""
        if not self.over():
            return True
        if self._owed:
            self._owed = False
            return True
        self.deferred = True
        return False


ALWAYS = FrameBudget(enabled=False)  # for views drawn without a frame loop (tests, headless pictures)

__all__ = ["FRAME_BUDGET_MS", "FrameBudget", "ALWAYS"]
