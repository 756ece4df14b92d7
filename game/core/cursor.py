"""The game's resolution: the cursor's lattice (origin + k·fine step, exact) and the noise floors of its numbers.

Adding 0.15 to a float again and again drifts (−3 + 0.15 + 0.15 + … gives −1.4000000000000004), and the drift
shows as float noise in coordinates and in heights ("−2.22e−16" where the true height is 0). Here a cursor
position is an integer index per axis; its coordinate is the decimal origin plus index × the decimal fine step,
in exact rational arithmetic, rounded to a float once. The same lattice point is the same float whichever way
the player got there, and it is the float nearest to the decimal the player reads.

Rounding still leaves 1e−16s behind (sin π, a sum that should cancel). Whether 2.2e−16 is a height or noise
cannot be told from the number alone, so the floors are shares of the map's own scales: the same shares below
which the rules call a height change flat (FLAT_EPS of the height span) or a slope zero (FLAT_SLOPE of the slope
scale; the same share of the curvature scale for the Hessian). At or below them a number is shown as 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from game.core.stationary import ARROW_STEPS, FINE_STEP, FLAT_EPS, FLAT_SLOPE

START_SHARE = 0.25  # without a fixed start the cursor begins a quarter of the way in: the player picks the spot
FINE_PER_WIDTH = round(1 / FINE_STEP)  # fine steps across the map's width (400)
MAX_DECIMALS = 8  # coordinates are never printed with more decimals than this


def _decimal(value: float) -> Fraction:
    """The exact value of the shortest decimal that reads back as `value` (0.1 → 1/10, not the binary 0.1)."""
    return Fraction(repr(float(value)))


class Lattice:
    """The cursor's points on a map: x = x₀ + i·h, y = y₀ + j·h with h the fine step (1/400 of the map's width),
    clamped to the map. The origin (x₀, y₀) is where the cursor starts (the level's start, or a quarter of the
    way in), so that start is a lattice point and steps from it stay round numbers."""

    def __init__(self, domain: Sequence[float], origin: tuple[float, float]) -> None:
        xmin, xmax, ymin, ymax = (float(v) for v in domain)
        self.domain = (xmin, xmax, ymin, ymax)
        self.origin = (float(origin[0]), float(origin[1]))  # where the cursor starts: a lattice point
        self._origin = (_decimal(origin[0]), _decimal(origin[1]))
        self._step = (_decimal(xmax) - _decimal(xmin)) / FINE_PER_WIDTH
        self.step = float(self._step)  # the fine step in map units
        self.decimals = _decimals(self._step, self._origin)

    def index(self, value: float, axis: int) -> int:
        """The index of the lattice point nearest to `value` on axis 0 (x) or 1 (y)."""
        if not (math.isfinite(value) and self._step > 0):
            return 0
        return round((_decimal(value) - self._origin[axis]) / self._step)

    def value(self, index: int, axis: int) -> float:
        """The coordinate of lattice point `index` on `axis`, clamped to the map."""
        lo, hi = self.domain[2 * axis], self.domain[2 * axis + 1]
        return min(max(float(self._origin[axis] + index * self._step), lo), hi)

    def snap(self, x: float, y: float) -> tuple[float, float]:
        """The cursor position nearest to (x, y): the nearest lattice point, or the map's edge where that is
        nearer (the edges are reachable even where they are not lattice points)."""
        return self._snap_axis(x, 0), self._snap_axis(y, 1)

    def _snap_axis(self, value: float, axis: int) -> float:
        lo, hi = self.domain[2 * axis], self.domain[2 * axis + 1]
        if not math.isfinite(value):
            return lo
        value = min(max(float(value), lo), hi)
        snapped = self.value(self.index(value, axis), axis)
        for edge in (lo, hi):
            if abs(value - edge) < abs(value - snapped):
                snapped = edge
        return snapped

    def move(self, x: float, y: float, dx: float, dy: float, fine: bool = False) -> tuple[float, float]:
        """(x, y) moved by (dx, dy) steps (+x right, +y up on the map): fine steps, or arrow steps of ten.

        From a point between lattice points (an edge, or where a computer player probed) the first step goes
        to the next lattice point that way, so one press always moves and never skips a lattice point."""
        size = 1 if fine else ARROW_STEPS
        out = []
        for axis, (value, d) in enumerate(((x, dx), (y, dy))):
            steps = round(d) * size
            if not steps or not (math.isfinite(value) and self._step > 0):
                out.append(self._snap_axis(value, axis))
                continue
            lo, hi = self.domain[2 * axis], self.domain[2 * axis + 1]
            place = (_decimal(min(max(value, lo), hi)) - self._origin[axis]) / self._step  # in fine steps
            k = math.floor(place) + steps if steps > 0 else math.ceil(place) + steps
            out.append(self.value(k, axis))
        return out[0], out[1]


def cursor_start(domain: Sequence[float], start: Sequence[float] | None) -> tuple[float, float]:
    """Where the cursor begins: the level's start, or a quarter of the way into the map from its lower left."""
    xmin, xmax, ymin, ymax = (float(v) for v in domain)
    if start is not None:
        return float(start[0]), float(start[1])
    return (float(_decimal(xmin) + (_decimal(xmax) - _decimal(xmin)) * Fraction(START_SHARE)),
            float(_decimal(ymin) + (_decimal(ymax) - _decimal(ymin)) * Fraction(START_SHARE)))


@dataclass(frozen=True)
class Resolution:
    """What the player can tell apart on a map: the cursor's lattice, and the floors at or below which a height
    (or a height difference), a slope and a curvature (Hessian entries, eigenvalues) are float noise, shown as 0."""

    lattice: Lattice
    zero_height: float
    zero_slope: float
    zero_curvature: float = 0.0


def resolution(surface: Any, start: Sequence[float] | None, height_range: tuple[float, float]) -> Resolution:
    """The Resolution of a level's surface (its domain and scales), with the cursor starting at `start` (None: a
    quarter of the way in) and `height_range` the terrain's (zmin, zmax)."""
    domain = tuple(float(v) for v in surface.domain)
    zmin, zmax = height_range
    zero_height = FLAT_EPS * (zmax - zmin) if math.isfinite(zmax - zmin) else 0.0
    try:
        scales = [float(v) for v in surface.scales()[:2]]
    except (ArithmeticError, ValueError, TypeError, AttributeError):  # a stand-in surface without scales
        scales = [0.0, 0.0]
    slope, curvature = (FLAT_SLOPE * v if math.isfinite(v) and v > 0 else 0.0 for v in scales)
    return Resolution(Lattice(domain, cursor_start(domain, start)), max(0.0, zero_height), slope, curvature)


def _decimals(step: Fraction, origin: tuple[Fraction, Fraction]) -> int:
    """How many decimals print every lattice point exactly: the fewest that hold the step and the origin, but
    never more than the step's own third significant digit needs (a step of 2π/400 prints 0.0157)."""
    if step <= 0:
        return 2
    cap = min(MAX_DECIMALS, max(0, 2 - math.floor(math.log10(float(step)))))
    for decimals in range(cap + 1):
        scale = 10 ** decimals
        if all((v * scale).denominator == 1 for v in (step, *origin)):
            return decimals
    return cap


__all__ = ["Lattice", "Resolution", "resolution", "cursor_start", "FINE_PER_WIDTH", "START_SHARE"]
