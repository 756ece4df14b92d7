"""Judging a claim: global summit, local summit or not a summit, with the reason, as codes and numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from game.core.probe import Probe, Vector, finite
from game.core.stationary import POINT_KINDS, Nearby, at_stationary, converges, nearby, point_kind

EDGE_FRACTION = 1e-6  # within this fraction of the domain width of a side counts as "on the edge"
EDGE_PROBE_FRACTION = 0.01  # on the edge, f is sampled this fraction of the side's length either way along it
VERDICTS = ("global", "local", "none")
SHAPES = ("maximum", "minimum", "saddle", "degenerate")  # the kinds of stationary point
# global: "summit"; local: "stationary" | "edge";
# none: "climb" | "edge_climb" | "stationary_other" | "kink" (no gradient) | "undefined" (no height)
REASONS = ("summit", "stationary", "edge", "climb", "edge_climb", "stationary_other", "kink", "undefined")
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
    height_gap: float  # peak value - claimed value (nan where undefined or where the map has no highest point)
    peak: tuple[float, float, float]
    gradient_norm: float | None  # |exact gradient| at the claim (None where undefined)
    reason: str  # one of REASONS: why the verdict is what it is
    tolerance: float  # the level's tolerance in height units
    direction: str | None = None  # compass key (COMPASS) the gradient still points to ("none" verdicts)
    slope: float | None = None  # |gradient| the message quotes (along the edge for "edge_climb")
    point: str = "not stationary"  # what the claimed point is (POINT_KINDS); a top on the map's edge is a "maximum"
    unbounded: bool = False  # the map has no highest point (a pole or overflow): no global summit exists
    index: int = -1  # which probe was claimed (0-based)


class Terrain(Protocol):
    """What judging asks of the surface."""

    def value_at(self, x: float, y: float) -> float:
        """The height (nan where undefined)."""

    def value_gradient_hessian(self, x: float, y: float) -> tuple[float, Vector, tuple[Vector, Vector]]:
        """The height, the exact gradient and the exact Hessian (nan where undefined)."""


@dataclass(frozen=True)
class Standard:
    """The numbers every verdict on one map is measured with (docs/scoring.md)."""

    domain: tuple[float, float, float, float]
    peak: tuple[float, float, float]
    tolerance: float  # height units: the global summit's, and the "at a stationary point" rule's
    fine_step: float  # the cursor's fine step: every verdict is reachable at this resolution
    curvature: float  # the surface's curvature scale (classify_hessian's zero rule)
    slope_scale: float
    unbounded: bool = False


class Judge:
    """Judges claims on one map by one Standard."""

    def __init__(self, surface: Terrain, standard: Standard) -> None:
        self.surface = surface
        self.standard = standard

    def nearby(self, probe: Probe) -> Nearby | None:
        """What the quadratic model at the probe says about its stationary point (None where undefined)."""
        if not probe.defined:
            return None
        return nearby(probe.exact_gradient, probe.hessian, self.standard.curvature, self.standard.slope_scale)

    def point(self, probe: Probe) -> str:
        """What the probe's point is at the game's resolution (POINT_KINDS), ignoring the map's edges."""
        return self._stationary(probe)[0]

    def _stationary(self, probe: Probe) -> tuple[str, tuple[float, float] | None]:
        """(what the point is, where the model's stationary point lies when the probe is at one). A stationary
        point only counts when it is real: one more Newton step from it is shorter (`converges`)."""
        st = self.standard
        near = self.nearby(probe)
        kind = point_kind(near, probe.defined, st.fine_step, st.tolerance)
        if near is None or kind not in SHAPES:
            return kind, None
        tx, ty = probe.x + near.step[0], probe.y + near.step[1]
        xmin, xmax, ymin, ymax = st.domain
        size = max(xmax - xmin, ymax - ymin)
        if not (xmin <= tx <= xmax and ymin <= ty <= ymax):
            return "not stationary", None  # the model's stationary point is off the map
        try:
            value, gradient, hessian = self.surface.value_gradient_hessian(tx, ty)
        except (ArithmeticError, ValueError, TypeError):
            value = math.nan
        there = nearby(gradient, hessian, st.curvature, st.slope_scale) if math.isfinite(value) else None
        if not converges(near, there, size):
            return "not stationary", None  # a pole: the model's stationary point runs away from the player
        return kind, (tx, ty)

    def judge(self, probe: Probe) -> Verdict:
        """The verdict for claiming `probe`'s position (docs/scoring.md: global, local or none, and why)."""
        st = self.standard
        px, py, pv = st.peak
        common = dict(x=probe.x, y=probe.y, value=probe.value, distance_to_peak=math.hypot(probe.x - px, probe.y - py),
                      peak=st.peak, tolerance=st.tolerance, unbounded=st.unbounded, index=probe.index)
        if not probe.defined:
            return Verdict("none", height_gap=math.nan, gradient_norm=None, reason="undefined", point="undefined",
                           **common)
        gx, gy = probe.exact_gradient
        norm = math.hypot(gx, gy) if finite(gx, gy) else None
        gap = math.nan if st.unbounded else pv - probe.value
        common.update(height_gap=gap, gradient_norm=norm)
        summit = not st.unbounded and gap <= st.tolerance + 1e-12 * max(1.0, abs(pv))
        if norm is None:  # a height but no gradient: a crease or the tip of a cone
            if summit:
                return Verdict("global", reason="summit", point="degenerate", **common)
            if self._highest_around(probe):
                return Verdict("local", reason="stationary", point="degenerate", **common)
            return Verdict("none", reason="kink", point="degenerate", **common)
        projected, on_edge = self._project_on_domain(probe.x, probe.y, gx, gy)
        edge = on_edge and projected != (gx, gy)
        if edge:
            top = self._edge_top(probe, projected)
            point = "maximum" if top else "not stationary"
        else:
            top = False
            point = self._stationary(probe)[0]
        if summit or (not st.unbounded and math.hypot(probe.x - px, probe.y - py) <= st.fine_step):
            return Verdict("global", reason="summit", point=point, **common)  # (a needle's top: within a step)
        if edge:
            if top:
                return Verdict("local", reason="edge", point=point, **common)
            slope = math.hypot(*projected)
            return Verdict("none", reason="edge_climb", direction=compass(*projected), slope=slope, point=point,
                           **common)
        if point == "maximum" or (point == "degenerate" and self._highest_around(probe)) or self._at_local_peak(probe):
            return Verdict("local", reason="stationary", point=point, **common)
        if point in SHAPES:
            return Verdict("none", reason="stationary_other", slope=norm, direction=compass(gx, gy), point=point,
                           **common)
        return Verdict("none", reason="climb", direction=compass(gx, gy), slope=norm, point=point, **common)

    def _edge_top(self, probe: Probe, projected: Vector) -> bool:
        """True at a top of the map's edge: the same rule as inside (at_stationary), in one dimension along the
        edge (at a corner where uphill points off the map both ways, there is no way along), and the edge is no
        higher a little way along."""
        st = self.standard
        xmin, xmax, ymin, ymax = st.domain
        ex, ey = EDGE_FRACTION * (xmax - xmin), EDGE_FRACTION * (ymax - ymin)
        on_side = probe.x <= xmin + ex or probe.x >= xmax - ex
        on_end = probe.y <= ymin + ey or probe.y >= ymax - ey
        (hxx, _), (_, hyy) = probe.hessian
        if on_side and on_end and projected == (0.0, 0.0):
            return not self._rises_along_edge(probe)  # a corner with uphill off the map both ways
        along_y = projected[0] == 0.0 if on_side and on_end else on_side
        slope, bend = (abs(projected[1]), hyy) if along_y else (abs(projected[0]), hxx)
        if not math.isfinite(bend) or bend > 0.0:
            return False  # along the edge it curves up: a minimum there, or on the way to one
        if bend == 0.0:
            if slope > 0.0:
                return False  # a straight edge that still slopes
        else:
            along = Nearby("maximum", slope / -bend, 0.5 * slope * slope / -bend)
            if not at_stationary(along, st.fine_step, st.tolerance):
                return False
        return not self._rises_along_edge(probe)

    def _at_local_peak(self, probe: Probe) -> bool:
        """True within one fine step of one of the surface's own local maxima (a top narrower than the step)."""
        try:
            peaks = list(self.surface.local_maxima())[1 if self.standard.unbounded else 0:]  # [0]: at a pole
        except (AttributeError, ArithmeticError, ValueError, TypeError):
            return False
        return any(math.hypot(float(p[0]) - probe.x, float(p[1]) - probe.y) <= self.standard.fine_step for p in peaks)

    def _highest_around(self, probe: Probe) -> bool:
        """Where the Hessian cannot tell (a direction without curvature, or no derivatives at a crease): True when
        nothing on a ring of two fine steps around the probe is higher and something is lower (the flat top of
        −(x⁴ + y⁴) or the tip of a cone; not a monkey saddle, and not flat ground)."""
        radius = 2.0 * self.standard.fine_step
        ring = [(radius * math.cos(k * math.pi / 4.0), radius * math.sin(k * math.pi / 4.0)) for k in range(8)]
        values = self._heights_around(probe, ring)
        margin = 1e-12 * max(1.0, abs(probe.value))
        return all(v <= probe.value + margin for v in values) and any(v < probe.value - margin for v in values)

    def _rises_along_edge(self, probe: Probe) -> bool:
        """True when the surface is higher a short way along the edge from `probe` (a minimum along the edge
        has a flat slope there too, but is no summit)."""
        xmin, xmax, ymin, ymax = self.standard.domain
        dx, dy = EDGE_PROBE_FRACTION * (xmax - xmin), EDGE_PROBE_FRACTION * (ymax - ymin)
        ex, ey = EDGE_FRACTION * (xmax - xmin), EDGE_FRACTION * (ymax - ymin)
        steps = []
        if probe.x <= xmin + ex or probe.x >= xmax - ex:  # a left or right side: walk along y
            steps += [(0.0, dy), (0.0, -dy)]
        if probe.y <= ymin + ey or probe.y >= ymax - ey:  # a bottom or top side: walk along x
            steps += [(dx, 0.0), (-dx, 0.0)]
        return any(v > probe.value + self.standard.tolerance for v in self._heights_around(probe, steps))

    def _heights_around(self, probe: Probe, offsets: list[tuple[float, float]]) -> list[float]:
        """The finite heights at the probe plus each offset, clamped to the map (undefined points left out)."""
        xmin, xmax, ymin, ymax = self.standard.domain
        values = []
        for sx, sy in offsets:
            x, y = min(xmax, max(xmin, probe.x + sx)), min(ymax, max(ymin, probe.y + sy))
            try:
                value = float(self.surface.value_at(x, y))
            except (ArithmeticError, ValueError, TypeError):
                continue
            if math.isfinite(value):
                values.append(value)
        return values

    def _project_on_domain(self, x: float, y: float, gx: float, gy: float) -> tuple[Vector, bool]:
        """The gradient with its components pointing out of the domain removed; and whether (x, y) is on an edge."""
        xmin, xmax, ymin, ymax = self.standard.domain
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


__all__ = ["Verdict", "Judge", "Standard", "compass", "COMPASS", "VERDICTS", "REASONS", "POINT_KINDS", "SHAPES"]
