"""The pure rules model of Uphill: probes, Taylor previews, gain ratios, predictions, verdicts and the score."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from surfaces import Level, calculus  # calculus: the teaching finite differences the player sees

# --- rules constants (docs/scoring.md explains each one) -------------------------------------------------
TRUST_LOW = 0.75  # a trusted step has TRUST_LOW <= rho <= TRUST_HIGH (and a positive gain)
TRUST_HIGH = 1.25
FLAT_EPS = 1e-9  # |predicted change| <= FLAT_EPS * max(1, height range): rho undefined, step "flat"
REPEAT_FRACTION = 0.005  # a probe closer than this fraction of the map diagonal to an earlier one is wasted
EDGE_FRACTION = 1e-6  # within this fraction of the domain width of a side counts as "on the edge"
EDGE_FLAT_SLOPE = 0.01  # on the edge, slope along it below 1 % of (range / diagonal) counts as flat
NEAR_PEAK_FRACTION = 0.03  # "near a local summit": within this fraction of the map diagonal of it (and its height)
EDGE_PROBE_FRACTION = 0.01  # on the edge, f is sampled this fraction of the side's length either way along it

POINTS_HEIGHT = 1000  # for climbing the whole way from the first probe to the peak's height
POINTS_PER_PROBE_SAVED = 50  # per probe left unused below par (global summit only)
POINTS_PER_TRUSTED = 20  # per trusted step
POINTS_PER_PREDICTION = 30  # per prediction that beat the Taylor estimate
POINTS_PER_OVERSHOOT = -25  # per overshoot
POINTS_PER_WASTED = -15  # per wasted probe (a repeat, or undefined height)
POINTS_GLOBAL = 500  # summit bonus for the global verdict
POINTS_LOCAL = 150  # summit bonus for the local verdict
STAR_THRESHOLDS = (800, 1400, 1700)  # totals for 1, 2 and 3 stars; without a global summit at most 1 star

STEPS = ("first", "trusted", "overshoot", "short", "long", "flat", "downhill", "undefined")
VERDICTS = ("global", "local", "none")
# global: "summit"; local: "stationary" | "near_local" | "edge";
# none: "climb" | "edge_climb" | "stationary_other" | "undefined"
REASONS = ("summit", "stationary", "near_local", "edge", "climb", "edge_climb", "stationary_other", "undefined")
SCORE_KEYS = ("height", "probes_saved", "trusted", "predictions", "overshoots", "wasted", "summit")

# 8-point compass keys, counter-clockwise from east, 45° apart (game/text words them: compass.<key>)
COMPASS = ("east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east")

Vector = tuple[float, float]
Matrix = tuple[tuple[float, float], tuple[float, float]]
_NAN_VECTOR: Vector = (math.nan, math.nan)
_NAN_MATRIX: Matrix = ((math.nan, math.nan), (math.nan, math.nan))


def compass(dx: float, dy: float) -> str | None:
    """The 8-point compass key (one of COMPASS) for a direction; north is +y. None for a zero or nan vector."""
    if not (math.isfinite(dx) and math.isfinite(dy)) or (dx == 0.0 and dy == 0.0):
        return None
    sector = round(math.degrees(math.atan2(dy, dx)) / 45.0) % 8
    return COMPASS[sector]


def _finite(*values: float) -> bool:
    isfinite = math.isfinite
    for v in values:
        if not isfinite(v):
            return False
    return True


@dataclass(frozen=True, slots=True)
class Probe:
    """One measurement. Where `defined` is False the value, gradients and Hessian are nan: check `defined`."""

    x: float
    y: float
    value: float
    gradient: Vector  # what the player sees: the numerical gradient (level.gradient_method)
    exact_gradient: Vector
    hessian: Matrix
    grad_norm: float  # |gradient| of the shown gradient (nan where undefined)
    predicted1: float | None  # 1st-order Taylor prediction from the previous probe (None for the first)
    predicted2: float | None  # 2nd-order prediction (None when the level has taylor=1)
    rho: float | None  # gain ratio (None when there is no previous probe or the step is flat)
    step: str  # one of STEPS
    guess: float | None  # the player's prediction for this probe
    guess_won: bool | None  # guess beat the Taylor estimate (None: no guess, or nothing to compare with)
    defined: bool  # False where the height is non-finite ("undefined here")
    index: int = 0  # 0-based position in game.probes
    gain: float | None = None  # value - previous probe's value (None for the first or undefined)
    wasted: bool = False  # a repeat of an earlier probe, or a probe where the height is undefined

    @property
    def gradient_defined(self) -> bool:
        """True when the shown gradient is finite (it can be nan even where the height is defined)."""
        return _finite(*self.gradient)


@dataclass(frozen=True, slots=True)
class Preview:
    """Taylor prediction at the cursor from the last probe with a defined height and gradient."""

    x: float
    y: float
    order1: float | None
    order2: float | None  # None when the level has taylor=1
    base: Probe | None  # the probe the prediction is taken from (None before the first probe)

    @property
    def best(self) -> float | None:
        """The highest-order prediction the level allows."""
        return self.order2 if self.order2 is not None else self.order1


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


@dataclass(frozen=True)
class Score:
    """The score: its terms in a fixed order (SCORE_KEYS), the total (>= 0) and the stars (0..3)."""

    items: list[tuple[str, int]]
    total: int
    stars: int
    counts: dict[str, float] = field(default_factory=dict)  # the raw numbers behind the terms

    def points(self, key: str) -> int:
        """Points of one term (0 for an unknown key)."""
        return dict(self.items).get(key, 0)


def stars_for(total: int, verdict_kind: str | None) -> int:
    """Stars for a finished game: thresholds STAR_THRESHOLDS; at most 1 star without the global summit."""
    if verdict_kind is None:
        return 0
    stars = sum(1 for threshold in STAR_THRESHOLDS if total >= threshold)
    return stars if verdict_kind == "global" else min(stars, 1)


class Game:
    """One play of one level: the state and the rules. Deterministic; no pygame, no pixels, no clock."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self.surface = level.surface  # the one interface: value_at, value_gradient_hessian, classify, peak, …
        self.reset()

    # --- state ---------------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the start of the level ("Reset All")."""
        self.probes: list[Probe] = []
        self._guess: float | None = None
        self._verdict: Verdict | None = None
        self._base: Probe | None = None  # last probe with a defined value and exact gradient
        self._best: Probe | None = None
        self._first: Probe | None = None  # first probe with a defined value
        self._counts = {"trusted": 0, "predictions": 0, "overshoots": 0, "wasted": 0}
        domain = tuple(float(v) for v in self.surface.domain)
        self._domain = domain
        self._diagonal = math.hypot(domain[1] - domain[0], domain[3] - domain[2])
        self._range: tuple[float, float] | None = None
        self._peak: tuple[float, float, float] | None = None

    @property
    def budget(self) -> int:
        """Probes allowed on this level."""
        return int(self.level.probes)

    @property
    def par(self) -> int:
        """Probes a good climber needs."""
        return int(self.level.par)

    @property
    def probes_left(self) -> int:
        """Probes still to spend."""
        return max(0, self.budget - len(self.probes))

    @property
    def taylor_order(self) -> int:
        """Highest Taylor order the level allows (1 or 2)."""
        return 2 if int(self.level.taylor) >= 2 else 1

    @property
    def finished(self) -> bool:
        """True once a summit has been claimed."""
        return self._verdict is not None

    @property
    def verdict(self) -> Verdict | None:
        """The verdict after claim(), else None."""
        return self._verdict

    @property
    def guess(self) -> float | None:
        """The player's height guess for the next probe, or None."""
        return self._guess

    @property
    def last(self) -> Probe | None:
        """The most recent probe."""
        return self.probes[-1] if self.probes else None

    @property
    def best(self) -> Probe | None:
        """The highest probe with a defined height."""
        return self._best

    @property
    def forced_start(self) -> tuple[float, float] | None:
        """Where the next probe will land regardless of the cursor: the level's start, before the first probe."""
        start = self.level.start
        if self.probes or start is None:
            return None
        return float(start[0]), float(start[1])

    @property
    def height_range(self) -> tuple[float, float]:
        """(zmin, zmax) of the surface on its domain (cached)."""
        if self._range is None:
            zmin, zmax = (float(v) for v in self.surface.value_range())
            self._range = (zmin, zmax) if _finite(zmin, zmax) and zmin <= zmax else (0.0, 0.0)  # nowhere defined
        return self._range

    @property
    def peak(self) -> tuple[float, float, float]:
        """(x, y, value) of the global maximum (cached)."""
        if self._peak is None:
            px, py, pv = (float(v) for v in self.surface.peak())
            self._peak = (px, py, pv)
        return self._peak

    @property
    def tolerance_height(self) -> float:
        """The global-summit tolerance in height units: level.tolerance * (zmax - zmin)."""
        zmin, zmax = self.height_range
        return float(self.level.tolerance) * max(0.0, zmax - zmin)

    def in_domain(self, x: float, y: float) -> bool:
        """True when (x, y) is finite and inside the level's domain (edges included)."""
        xmin, xmax, ymin, ymax = self._domain
        return _finite(x, y) and xmin <= x <= xmax and ymin <= y <= ymax

    # --- evaluation ----------------------------------------------------------------------------------------
    def _evaluate(self, x: float, y: float) -> tuple[float, Vector, Vector, Matrix]:
        """(value, shown gradient, exact gradient, Hessian); all nan where the height is undefined."""
        try:
            value, exact, hessian = self.surface.value_gradient_hessian(x, y)
        except (ArithmeticError, ValueError, TypeError):
            value = math.nan
        if not math.isfinite(value):
            return math.nan, _NAN_VECTOR, _NAN_VECTOR, _NAN_MATRIX
        return value, self._shown_gradient(x, y, exact), exact, hessian

    def _shown_gradient(self, x: float, y: float, exact: Vector) -> Vector:
        """The gradient the player sees: the level's teaching method (central differences unless it says so)."""
        method = self.level.gradient_method
        if method == "exact":
            return exact
        if method == "central":
            pair = calculus.central_pair(self.surface.value_at, x, y)  # same floats as calculus.gradient
            if pair is not None:
                return pair
        try:
            g = calculus.gradient(self.surface, x, y, method=method)
            return (float(g[0]), float(g[1]))
        except (ArithmeticError, ValueError, TypeError):
            return _NAN_VECTOR

    def _taylor(self, base: Probe | None, x: float, y: float) -> tuple[float | None, float | None]:
        if base is None:
            return None, None
        dx, dy = x - base.x, y - base.y
        gx, gy = base.exact_gradient
        order1 = base.value + gx * dx + gy * dy
        if not math.isfinite(order1):
            return None, None
        if self.taylor_order < 2:
            return order1, None
        (hxx, hxy), (_, hyy) = base.hessian
        order2 = order1 + 0.5 * (hxx * dx * dx + 2.0 * hxy * dx * dy + hyy * dy * dy)
        return order1, (order2 if math.isfinite(order2) else None)

    # --- actions -------------------------------------------------------------------------------------------
    def preview(self, x: float, y: float) -> Preview:
        """Taylor prediction of the height at (x, y) from the last probe (order 2 only where the level allows)."""
        order1, order2 = self._taylor(self._base, float(x), float(y)) if _finite(x, y) else (None, None)
        return Preview(float(x), float(y), order1, order2, self._base)

    def predict(self, value: float | None) -> None:
        """Set (or with None, clear) the player's height guess for the next probe. Non-finite guesses clear it."""
        if self.finished:
            return
        try:
            guess = None if value is None else float(value)
        except (TypeError, ValueError):
            guess = None
        self._guess = guess if guess is not None and math.isfinite(guess) else None

    def probe(self, x: float, y: float) -> Probe | None:
        """Spend one probe at (x, y); the first goes to the level's start if it has one.

        Returns None (and changes nothing) when the game is finished, the budget is spent, or the point is
        outside the domain.
        """
        point = self._placement(x, y)
        if point is None:
            return None
        x, y = point
        value, shown, exact, hessian = self._evaluate(x, y)
        defined = math.isfinite(value)
        predicted1, predicted2 = self._taylor(self._base, x, y)
        step, rho, gain = self._step_kind(value, predicted1)
        guess = self._guess
        guess_won: bool | None = None
        target = predicted2 if predicted2 is not None else predicted1
        if guess is not None and defined and target is not None:
            guess_won = abs(guess - value) < abs(target - value)
        wasted = not defined or self.is_repeat(x, y)
        sx, sy = shown
        grad_norm = math.hypot(sx, sy) if math.isfinite(sx) and math.isfinite(sy) else math.nan
        probe = Probe(x, y, value, shown, exact, hessian, grad_norm, predicted1, predicted2, rho, step, guess,
                      guess_won, defined, len(self.probes), gain, wasted)
        self._record(probe)
        return probe

    def _placement(self, x: float, y: float) -> tuple[float, float] | None:
        """Where a probe asked for at (x, y) lands, or None when it may not be spent (finished, no probes left,
        outside the map). The first probe of a level with a start goes to the start."""
        if self._verdict is not None or len(self.probes) >= self.budget:
            return None
        forced = self.forced_start
        if forced is not None:
            x, y = forced
        try:
            x, y = float(x), float(y)
        except (TypeError, ValueError):
            return None
        xmin, xmax, ymin, ymax = self._domain  # in_domain, inlined: probes are the hot path
        if not (xmin <= x <= xmax and ymin <= y <= ymax) or not (math.isfinite(x) and math.isfinite(y)):
            return None
        return x, y

    def _step_kind(self, value: float, predicted1: float | None) -> tuple[str, float | None, float | None]:
        """(step kind, ρ, gain) of a probe with this height, judged against the last usable probe."""
        base = self._base
        if not math.isfinite(value):
            return "undefined", None, None
        if base is None:
            return "first", None, None
        gain = value - base.value
        change = (predicted1 - base.value) if predicted1 is not None else math.nan
        zmin, zmax = self.height_range
        if not math.isfinite(change) or abs(change) <= FLAT_EPS * max(1.0, zmax - zmin):
            return "flat", None, gain
        rho = gain / change
        if change < 0:
            return "downhill", rho, gain
        if rho < 0:
            return "overshoot", rho, gain
        if rho < TRUST_LOW:
            return "long", rho, gain
        return ("trusted" if rho <= TRUST_HIGH else "short"), rho, gain

    def _record(self, probe: Probe) -> None:
        """Append the probe and update the counters, the best and the Taylor base."""
        self.probes.append(probe)
        self._guess = None
        counts = self._counts
        counts["trusted"] += probe.step == "trusted"
        counts["overshoots"] += probe.step == "overshoot"
        counts["predictions"] += probe.guess_won is True
        counts["wasted"] += probe.wasted
        if probe.defined:
            if self._first is None:
                self._first = probe
            if self._best is None or probe.value > self._best.value:
                self._best = probe
            if _finite(*probe.exact_gradient):
                self._base = probe

    def is_repeat(self, x: float, y: float) -> bool:
        """True when (x, y) is closer than REPEAT_FRACTION of the map diagonal to an earlier probe (a wasted one)."""
        limit = REPEAT_FRACTION * self._diagonal
        hypot = math.hypot
        for p in self.probes:
            if hypot(p.x - x, p.y - y) < limit:
                return True
        return False

    def claim(self) -> Verdict | None:
        """Claim the last probe's position as the summit and end the game.

        Returns the verdict; None (and nothing changes) before the first probe. Claiming again returns the
        same verdict.
        """
        if self._verdict is not None:
            return self._verdict
        if not self.probes:
            return None
        self._verdict = self._judge(self.probes[-1])
        self._guess = None
        return self._verdict

    def _judge(self, probe: Probe) -> Verdict:
        px, py, pv = self.peak
        tol = self.tolerance_height
        distance = math.hypot(probe.x - px, probe.y - py)
        common = dict(x=probe.x, y=probe.y, value=probe.value, distance_to_peak=distance, peak=(px, py, pv),
                      tolerance=tol)
        if not probe.defined:
            return Verdict("none", height_gap=math.nan, gradient_norm=None, reason="undefined", **common)
        gap = pv - probe.value
        gx, gy = probe.exact_gradient
        norm = math.hypot(gx, gy) if _finite(gx, gy) else None
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
                and math.hypot(local[0] - probe.x, local[1] - probe.y) <= NEAR_PEAK_FRACTION * self._diagonal):
            return Verdict("local", reason="near_local", local_peak=local, **common)
        if norm is None:
            return Verdict("none", reason="undefined", **common)
        projected, on_edge = self._project_on_domain(probe.x, probe.y, gx, gy)
        slope = math.hypot(*projected)
        zmin, zmax = self.height_range
        average_slope = (zmax - zmin) / self._diagonal if self._diagonal > 0 else 0.0
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
        xmin, xmax, ymin, ymax = self._domain
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
        xmin, xmax, ymin, ymax = self._domain
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

    # --- score ---------------------------------------------------------------------------------------------
    def height_fraction(self) -> float:
        """Share of the climb from the first defined probe to the peak's height reached by the best probe (0..1)."""
        if self._first is None or self._best is None:
            return 0.0
        start, best = self._first.value, self._best.value
        peak_value = self.peak[2]
        zmin, zmax = self.height_range
        climb = peak_value - start
        if not _finite(climb, best):
            return 0.0
        if climb <= FLAT_EPS * max(1.0, zmax - zmin):
            return 1.0
        return min(1.0, max(0.0, (best - start) / climb))

    def score(self) -> Score:
        """The running score; final after claim(). docs/scoring.md gives the formula."""
        verdict = self._verdict.kind if self._verdict is not None else None
        counts = self._counts
        fraction = self.height_fraction()
        saved = max(0, self.par - len(self.probes)) if verdict == "global" else 0
        summit = POINTS_GLOBAL if verdict == "global" else POINTS_LOCAL if verdict == "local" else 0
        items = [
            ("height", int(round(POINTS_HEIGHT * fraction))),
            ("probes_saved", POINTS_PER_PROBE_SAVED * saved),
            ("trusted", POINTS_PER_TRUSTED * counts["trusted"]),
            ("predictions", POINTS_PER_PREDICTION * counts["predictions"]),
            ("overshoots", POINTS_PER_OVERSHOOT * counts["overshoots"]),
            ("wasted", POINTS_PER_WASTED * counts["wasted"]),
            ("summit", summit),
        ]
        total = max(0, sum(points for _, points in items))
        detail = dict(counts, height_fraction=fraction, probes_saved=saved, probes_used=len(self.probes))
        return Score(items, total, stars_for(total, verdict), detail)


__all__ = ["Game", "Probe", "Preview", "Verdict", "Score", "STEPS", "VERDICTS", "REASONS", "SCORE_KEYS", "COMPASS",
           "stars_for", "compass", "TRUST_LOW", "TRUST_HIGH", "STAR_THRESHOLDS"]
