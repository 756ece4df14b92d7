"""Judging a claim: global summit, local summit or not a summit, with the reason, as codes and numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from game.core.probe import Probe, Vector, finite

EDGE_FRACTION = 1e-6  # within this fraction of the domain width of a side counts as "on the edge"
EDGE_FLAT_SLOPE = 0.01  # on the edge, slope along it below 1 % of (range / diagonal) counts as flat
NEAR_PEAK_FRACTION = 0.03  # "near a local summit": within this fraction of the map diagonal of it (and its height)
EDGE_PROBE_FRACTION = 0.01  # on the edge, f is sampled this fraction of the side's length either way along it
VERDICTS = ("global", "local", "none")
# global: "summit"; local: "stationary" | "near_local" | "edge";
# none: "climb" | "edge_climb" | "stationary_other" | "undefined"
POINTS = ("maximum", "minimum", "saddle", "degenerate", "not stationary", "undefined")
REASONS = ("summit", "stationary", "near_local", "edge", "climb", "edge_climb", "stationary_other", "undefined")
# 8-point compass keys, counter-clockwise from east, 45° apart (game/text words them: compass.<key>)
COMPASS = ("east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east")


def compass(dx: float, dy: float) -> str | None:
    """The 8-point compass key (one of COMPASS) for a direction; north is +y. None for a zero or nan vector."""
    if not (math.isfinite(dx) and math.isfinite(dy)) or (dx == 0.0 and dy == 0.0):
        return None
    sector = round(math.degrees(math.atan2(dy, dx)) / 45.0) % 8
    return COMPASS[sector]


@dataclass(frozen=True)
class Verdict:
    """The result of claiming a summit, as codes and numbers (game.text.verdicts words it)."""

    kind: str  # "global" | "local" | "none"
    x: float
    y: float
    value: float  # nan where undefined
    distance_to_peak: float  # distance in the map plane from the claimed point to the true peak
    height_gap: float  # peak value - claimed value (nan where undefined)
    peak: tuple[float, float, float]
    gradient_norm: float | None  # |exact gradient| at the claim (None where undefined)
    reason: str  # one of REASONS: why the verdict is what it is
    tolerance: float  # tolerance * height range, in height units
    direction: str | None = None  # compass key (COMPASS) the gradient still points to ("none" verdicts)
    slope: float | None = None  # |gradient| the message quotes (along the edge for "edge_climb")
    kind_of_point: str | None = None  # surface.classify result, when it was asked
    local_peak: tuple[float, float, float] | None = None
    point: str = "not stationary"  # what the claimed point is: POINTS (the headless JSON's "point")


class Terrain(Protocol):
    """What judging asks of the surface."""

    def value_at(self, x: float, y: float) -> float:
        """The height (nan where undefined)."""

    def classify(self, x: float, y: float) -> str:
        """"maximum", "minimum", "saddle", "degenerate", "not stationary" or "undefined"."""

    def local_maxima(self) -> list[tuple[float, float, float]]:
        """(x, y, value) of every local maximum on the map."""


class Judge:
    """Judges claims on one map: its domain, peak, global-summit tolerance (height units) and height range."""

    def __init__(self, surface: Terrain, domain: tuple[float, float, float, float], peak: tuple[float, float, float],
                 tolerance: float, height_range: tuple[float, float]) -> None:
        self.surface = surface
        self.domain = domain
        self.diagonal = math.hypot(domain[1] - domain[0], domain[3] - domain[2])
        self.peak = peak
        self.tolerance = tolerance
        self.height_range = height_range

    def judge(self, probe: Probe) -> Verdict:
        """The verdict for claiming `probe`'s position (docs/scoring.md: global, local or none, and why)."""
        px, py, pv = self.peak
        tol = self.tolerance
        distance = math.hypot(probe.x - px, probe.y - py)
        common = dict(x=probe.x, y=probe.y, value=probe.value, distance_to_peak=distance, peak=(px, py, pv),
                      tolerance=tol)
        if not probe.defined:
            return Verdict("none", height_gap=math.nan, gradient_norm=None, reason="undefined", **common)
        gap = pv - probe.value
        gx, gy = probe.exact_gradient
        norm = math.hypot(gx, gy) if finite(gx, gy) else None
        common.update(height_gap=gap, gradient_norm=norm)
        if gap <= tol + 1e-12 * max(1.0, abs(pv)):
            return Verdict("global", reason="summit", **common)
        try:
            kind_of_point = str(self.surface.classify(probe.x, probe.y))
        except (ArithmeticError, ValueError, TypeError):
            kind_of_point = "degenerate"
        common["kind_of_point"] = kind_of_point
        if kind_of_point == "maximum":
            return Verdict("local", reason="stationary", **common)
        local = self._nearest_local_peak(probe.x, probe.y)
        if (local is not None and abs(local[2] - probe.value) <= tol
                and math.hypot(local[0] - probe.x, local[1] - probe.y) <= NEAR_PEAK_FRACTION * self.diagonal):
            return Verdict("local", reason="near_local", local_peak=local, **common)
        if norm is None:
            return Verdict("none", reason="undefined", **common)
        projected, on_edge = self._project_on_domain(probe.x, probe.y, gx, gy)
        slope = math.hypot(*projected)
        zmin, zmax = self.height_range
        average_slope = (zmax - zmin) / self.diagonal if self.diagonal > 0 else 0.0
        if on_edge and projected != (gx, gy):
            if slope <= EDGE_FLAT_SLOPE * average_slope and not self._rises_along_edge(probe):
                return Verdict("local", reason="edge", slope=slope, **common)
            return Verdict("none", reason="edge_climb", direction=compass(*projected), slope=slope, **common)
        if kind_of_point in ("saddle", "minimum", "degenerate"):
            return Verdict("none", reason="stationary_other", slope=norm, direction=compass(gx, gy), **common)
        return Verdict("none", reason="climb", direction=compass(gx, gy), slope=norm, **common)

    def _nearest_local_peak(self, x: float, y: float) -> tuple[float, float, float] | None:
        try:
            peaks = [(float(p[0]), float(p[1]), float(p[2])) for p in self.surface.local_maxima()]
        except (ArithmeticError, ValueError, TypeError, IndexError):
            return None
        if not peaks:
            return None
        return min(peaks, key=lambda p: math.hypot(p[0] - x, p[1] - y))

    def _rises_along_edge(self, probe: Probe) -> bool:
        """True when the surface is higher a short way along the edge from `probe` (a minimum along the edge
        has a flat slope there too, but is no summit)."""
        xmin, xmax, ymin, ymax = self.domain
        dx, dy = EDGE_PROBE_FRACTION * (xmax - xmin), EDGE_PROBE_FRACTION * (ymax - ymin)
        ex, ey = EDGE_FRACTION * (xmax - xmin), EDGE_FRACTION * (ymax - ymin)
        steps = []
        if probe.x <= xmin + ex or probe.x >= xmax - ex:  # a left or right side: walk along y
            steps += [(0.0, dy), (0.0, -dy)]
        if probe.y <= ymin + ey or probe.y >= ymax - ey:  # a bottom or top side: walk along x
            steps += [(dx, 0.0), (-dx, 0.0)]
        for sx, sy in steps:
            x, y = min(xmax, max(xmin, probe.x + sx)), min(ymax, max(ymin, probe.y + sy))
            try:
                value = float(self.surface.value_at(x, y))
            except (ArithmeticError, ValueError, TypeError):
                continue
            if math.isfinite(value) and value > probe.value + 1e-12 * max(1.0, abs(probe.value)):
                return True
        return False

    def _project_on_domain(self, x: float, y: float, gx: float, gy: float) -> tuple[Vector, bool]:
        """The gradient with its components pointing out of the domain removed; and whether (x, y) is on an edge."""
        xmin, xmax, ymin, ymax = self.domain
        ex, ey = EDGE_FRACTION * (xmax - xmin), EDGE_FRACTION * (ymax - ymin)
        on_edge = False
        if x <= xmin + ex or x >= xmax - ex:
            on_edge = True
            if (x <= xmin + ex and gx < 0) or (x >= xmax - ex and gx > 0):
                gx = 0.0
        if y <= ymin + ey or y >= ymax - ey:
            on_edge = True
            if (y <= ymin + ey and gy < 0) or (y >= ymax - ey and gy > 0):
                gy = 0.0
        return (gx, gy), on_edge


__all__ = ["Verdict", "Judge", "compass", "COMPASS", "VERDICTS", "REASONS"]
