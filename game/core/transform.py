"""One explicit map between surface coordinates (x, y; y up) and screen pixels (y down)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Domain = tuple[float, float, float, float]
RectLike = tuple[int, int, int, int]


def to_map_resolution(value: float, span: float) -> float:
    """A coordinate rounded to 1/1000 of its map's `span` (at least two decimals), so an optimiser's 1.2e-12 next
    to a pole reads as 0 wherever it is shown."""
    if not (math.isfinite(value) and math.isfinite(span) and span > 0):
        return value
    decimals = max(2, 3 - math.floor(math.log10(span)))
    return round(value, decimals) + 0.0  # + 0.0: never "-0"


@dataclass(frozen=True)
class ViewTransform:
    """Maps the surface domain onto the largest centred, aspect-correct pixel rect inside ``rect``.

    Pixel column ``i`` covers screen x in [left + i, left + i + 1); its centre (i + 0.5) is the world
    point the renderer evaluates there.  Screen y grows downwards, world y grows upwards.
    """

    domain: Domain
    rect: RectLike
    inner: RectLike = field(init=False)  # (left, top, width, height) of the drawn map, integer pixels
    sx: float = field(init=False)  # pixels per world unit along x
    sy: float = field(init=False)  # pixels per world unit along y

    def __post_init__(self) -> None:
        xmin, xmax, ymin, ymax = (float(v) for v in self.domain)
        if not (xmax > xmin and ymax > ymin):
            raise ValueError(f"bad domain {self.domain!r}: need xmin < xmax and ymin < ymax")
        left, top, width, height = (int(v) for v in self.rect)
        width, height = max(width, 1), max(height, 1)
        dw, dh = xmax - xmin, ymax - ymin
        scale = min(width / dw, height / dh)
        w = max(1, min(width, int(round(dw * scale))))
        h = max(1, min(height, int(round(dh * scale))))
        inner = (left + (width - w) // 2, top + (height - h) // 2, w, h)
        object.__setattr__(self, "domain", (xmin, xmax, ymin, ymax))
        object.__setattr__(self, "rect", (left, top, width, height))
        object.__setattr__(self, "inner", inner)
        object.__setattr__(self, "sx", w / dw)
        object.__setattr__(self, "sy", h / dh)

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the drawn map in pixels."""
        return self.inner[2], self.inner[3]

    def to_screen(self, x: Any, y: Any) -> tuple[Any, Any]:
        """World (x, y) → screen (px, py) floats; scalars or numpy arrays (broadcast)."""
        xmin, _, _, ymax = self.domain
        left, top = self.inner[0], self.inner[1]
        px = left + (np.asarray(x, dtype=np.float64) - xmin) * self.sx
        py = top + (ymax - np.asarray(y, dtype=np.float64)) * self.sy
        if np.ndim(px) == 0 and np.ndim(py) == 0:
            return float(px), float(py)
        return px, py

    def to_world(self, px: Any, py: Any) -> tuple[Any, Any]:
        """Screen (px, py) → world (x, y) floats; scalars or numpy arrays (broadcast)."""
        xmin, _, _, ymax = self.domain
        left, top = self.inner[0], self.inner[1]
        x = xmin + (np.asarray(px, dtype=np.float64) - left) / self.sx
        y = ymax - (np.asarray(py, dtype=np.float64) - top) / self.sy
        if np.ndim(x) == 0 and np.ndim(y) == 0:
            return float(x), float(y)
        return x, y

    def contains_screen(self, px: float, py: float) -> bool:
        """True when the screen point lies on the drawn map."""
        left, top, w, h = self.inner
        return left <= px < left + w and top <= py < top + h
