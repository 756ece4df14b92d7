"""The panel's block in depth mode: the height alone (no slope), so the learner estimates rise over run."""

from __future__ import annotations

from game.core.model import Probe
from game.ui.hud.flow import PRIORITY_CORE, Block, Pen

DEPTH_COLUMNS = ("slope", "error", "step")  # history columns depth mode leaves out: |∇f|, T − f, the ρ words


def height_only(pen: Pen, last: Probe, zero_height: float = 0.0) -> Block:
    """The big height numeral with its caption, and the point it was measured at (for rise over run)."""
    text = pen.fmt(last.value, zero_height) if last.defined else pen.label("hud.undefined")

    def draw(x: int, y: int, w: int) -> None:
        pen.caption_value(x, y, w, pen.label("hud.height"), text)

    return PRIORITY_CORE, pen.h_small + pen.h_big, draw


__all__ = ["DEPTH_COLUMNS", "height_only"]
