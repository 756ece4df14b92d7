"""The pure rules model of Uphill: one Game — probes, Taylor previews, gain ratios, predictions, the claim."""

from __future__ import annotations

import math

from game.core.cursor import Resolution, resolution
from game.core.probe import NAN_MATRIX, NAN_VECTOR, STEPS, Matrix, Preview, Probe, Vector, finite
from game.core.score import SCORE_KEYS, Score, grade_prediction, score_for, stars_for
from game.core.stationary import COARSE_STEP, FINE_STEP, FLAT_EPS, POINT_KINDS
from game.core.transform import to_map_resolution
from game.core.verdict import COMPASS, REASONS, VERDICTS, Judge, Standard, Verdict, compass
from surfaces import Level, Unbounded, calculus  # calculus: the teaching finite differences the player sees

# --- rules constants (docs/scoring.md explains each one) -------------------------------------------------
TRUST_LOW = 0.75  # a trusted step has TRUST_LOW <= rho <= TRUST_HIGH (and a positive gain)
TRUST_HIGH = 1.25
REPEAT_SHARE = 0.5  # a probe closer than this share of the fine step to an earlier one repeats it (wasted)
REACH_FRACTION = 0.25  # a step longer than this fraction of the map diagonal is a far jump (see _step_kind)
_UNKNOWN = object()


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
        self._counts = {"trusted": 0, "guess_points": 0, "overshoots": 0, "wasted": 0}
        domain = tuple(float(v) for v in self.surface.domain)
        self._domain = domain
        self._diagonal = math.hypot(domain[1] - domain[0], domain[3] - domain[2])
        self._range: tuple[float, float] | None = None
        self._peak: tuple[float, float, float] | None = None
        self._judge: Judge | None = None
        self._unbounded: object = _UNKNOWN
        self._resolution: Resolution | None = None

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
    def unbounded(self) -> Unbounded | None:
        """Where the surface grows without bound on its map (a pole or overflow: no highest point), or None."""
        if self._unbounded is _UNKNOWN:
            check = getattr(self.surface, "unbounded", None)  # stand-in surfaces in tests may lack it
            try:
                self._unbounded = check() if check is not None else None
            except (ArithmeticError, ValueError, TypeError):
                self._unbounded = None
        return self._unbounded  # type: ignore[return-value]

    @property
    def height_range(self) -> tuple[float, float]:
        """(zmin, zmax) of the surface on its domain (cached). Where it has no highest point, the robust limits
        its map's bands use (surfaces.band_limits), so the rules measure the terrain, not the pole."""
        if self._range is None:
            limits = self.surface.band_limits() if hasattr(self.surface, "band_limits") else self.surface.value_range()
            zmin, zmax = (float(v) for v in limits)
            self._range = (zmin, zmax) if finite(zmin, zmax) and zmin <= zmax else (0.0, 0.0)  # nowhere defined
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

    @property
    def resolution(self) -> Resolution:
        """The cursor's lattice and the noise floors below which numbers show as 0 (game.core.cursor)."""
        if self._resolution is None:
            self._resolution = resolution(self.surface, self.level.start, self.height_range)
        return self._resolution

    @property
    def fine_step(self) -> float:
        """The cursor's fine step in map units (Shift + arrow): the game's resolution."""
        return FINE_STEP * (self._domain[1] - self._domain[0])

    @property
    def repeat_distance(self) -> float:
        """A probe closer than this to an earlier one repeats a measurement (half a fine step)."""
        return REPEAT_SHARE * self.fine_step

    @property
    def judge(self) -> Judge:
        """The one judge of this map: claims, and what kind of point a probe is (cached)."""
        if self._judge is None:
            try:
                slope_scale, curvature = (float(v) for v in self.surface.scales())
            except (ArithmeticError, ValueError, TypeError, AttributeError):  # a stand-in surface without scales
                slope_scale, curvature = 1.0, 1.0
            where = self.unbounded
            xmin, xmax, ymin, ymax = self._domain
            peak = self.peak if where is None else (to_map_resolution(float(where.x), xmax - xmin),
                                                    to_map_resolution(float(where.y), ymax - ymin), math.nan)
            standard = Standard(self._domain, peak, self.tolerance_height, self.fine_step,
                                curvature if math.isfinite(curvature) and curvature > 0 else 1.0,
                                slope_scale if math.isfinite(slope_scale) and slope_scale > 0 else 1.0,
                                unbounded=self.unbounded is not None)
            self._judge = Judge(self.surface, standard)
        return self._judge

    def point_of(self, probe: Probe) -> str:
        """What the probe's point is at the game's resolution (one of POINT_KINDS; the map's edges aside): the
        Hessian's shape where the probe is at a stationary point, else "not stationary"."""
        return self.judge.point(probe)

    @property
    def can_predict(self) -> bool:
        """True when a height guess can be made: a probe to predict from, a probe left, and the game not over."""
        return self._base is not None and self.probes_left > 0 and not self.finished

    def in_domain(self, x: float, y: float) -> bool:
        """True when (x, y) is finite and inside the level's domain (edges included)."""
        xmin, xmax, ymin, ymax = self._domain
        return finite(x, y) and xmin <= x <= xmax and ymin <= y <= ymax

    # --- evaluation ----------------------------------------------------------------------------------------
    def _evaluate(self, x: float, y: float) -> tuple[float, Vector, Vector, Matrix]:
        """(value, shown gradient, exact gradient, Hessian); all nan where the height is undefined."""
        try:
            value, exact, hessian = self.surface.value_gradient_hessian(x, y)
        except (ArithmeticError, ValueError, TypeError):
            value = math.nan
        if not math.isfinite(value):
            return math.nan, NAN_VECTOR, NAN_VECTOR, NAN_MATRIX
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
            return NAN_VECTOR

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
        order1, order2 = self._taylor(self._base, float(x), float(y)) if finite(x, y) else (None, None)
        return Preview(float(x), float(y), order1, order2, self._base)

    def predict(self, value: float | None) -> None:
        """Set (or with None, clear) the player's height guess for the next probe. Non-finite guesses clear it,
        and no guess is kept while one cannot be made (can_predict)."""
        try:
            guess = None if value is None else float(value)
        except (TypeError, ValueError):
            guess = None
        ok = guess is not None and math.isfinite(guess) and self.can_predict
        self._guess = guess if ok else None

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
        repeat = self.is_repeat(x, y)
        base = self._base
        stride = math.hypot(x - base.x, y - base.y) if base is not None else 0.0
        step, rho, gain = self._step_kind(stride, value, predicted2 if predicted2 is not None else predicted1)
        if repeat and defined:
            step, rho = "repeat", None
        guess = self._guess
        base_value = base.value if base is not None and predicted1 is not None else None
        grade, points = grade_prediction(guess, value, base_value, self.tolerance_height) if not repeat else (None, 0)
        sx, sy = shown
        grad_norm = math.hypot(sx, sy) if math.isfinite(sx) and math.isfinite(sy) else math.nan
        probe = Probe(x, y, value, shown, exact, hessian, grad_norm, predicted1, predicted2, rho, step, guess,
                      grade, defined, len(self.probes), gain, repeat or not defined, points)
        self._record(probe, stride >= COARSE_STEP * (self._domain[1] - self._domain[0]))
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

    def _step_kind(self, stride: float, value: float,
                   predicted: float | None) -> tuple[str, float | None, float | None]:
        """(step kind, ρ, gain) of a probe with this height, judged against the model the level teaches (T₂ where
        the level shows it, else T₁) from the last usable probe."""
        base = self._base
        if not math.isfinite(value):
            return "undefined", None, None
        if base is None:
            return "first", None, None
        gain = value - base.value
        change = (predicted - base.value) if predicted is not None else math.nan
        zmin, zmax = self.height_range
        if not math.isfinite(change) or abs(change) <= FLAT_EPS * max(1.0, zmax - zmin):
            return "flat", None, gain
        rho = gain / change
        if change < 0:  # the model foresaw a descent: not judged; gaining all the same is a lucky jump
            return ("jump" if gain > 0 else "downhill"), rho, gain
        if TRUST_LOW <= rho <= TRUST_HIGH:
            return "trusted", rho, gain
        if getattr(self.level, "explore", False) and stride > REACH_FRACTION * self._diagonal:
            return "explore", rho, gain  # a level that asks for wide probes: far beyond the model's reach
        if rho < 0:
            return "overshoot", rho, gain
        return ("long" if rho < TRUST_LOW else "short"), rho, gain

    def _record(self, probe: Probe, full_stride: bool) -> None:
        """Append the probe and update the counters, the best and the Taylor base. A trusted step earns its
        points when it is at least one arrow step long (`full_stride`): a model is trivially right up close."""
        self.probes.append(probe)
        self._guess = None
        counts = self._counts
        counts["trusted"] += probe.step == "trusted" and full_stride
        counts["overshoots"] += probe.step == "overshoot"
        counts["guess_points"] += probe.guess_points
        counts["wasted"] += probe.wasted
        if probe.defined:
            if self._first is None:
                self._first = probe
            if self._best is None or probe.value > self._best.value:
                self._best = probe
            if finite(*probe.exact_gradient):
                self._base = probe

    def is_repeat(self, x: float, y: float) -> bool:
        """True when (x, y) is closer than repeat_distance (half a fine step) to an earlier probe (a wasted one)."""
        limit = self.repeat_distance
        hypot = math.hypot
        for p in self.probes:
            if hypot(p.x - x, p.y - y) < limit:
                return True
        return False

    def probe_index(self, x: float, y: float) -> int | None:
        """The index of the latest probe exactly at (x, y), or None."""
        for index in range(len(self.probes) - 1, -1, -1):
            if (self.probes[index].x, self.probes[index].y) == (x, y):
                return index
        return None

    def claim(self, index: int | None = None) -> Verdict | None:
        """Claim the position of probe `index` (default: the last probe) as the summit and end the game.

        Returns the verdict; None (and nothing changes) before the first probe or for an index that is no probe.
        Claiming again returns the same verdict.
        """
        if self._verdict is not None:
            return self._verdict
        if not self.probes:
            return None
        if index is None:
            index = len(self.probes) - 1
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.probes):
            return None
        self._verdict = self.judge.judge(self.probes[index])
        self._guess = None
        return self._verdict

    # --- score ---------------------------------------------------------------------------------------------
    def height_fraction(self) -> float:
        """Share of the climb from the first defined probe to the peak's height reached by the best probe (0..1)."""
        if self._first is None or self._best is None:
            return 0.0
        if self._verdict is not None and self._verdict.reason == "undefined":
            return 0.0  # no height is awarded for claiming a point where the surface has none
        start, best = self._first.value, self._best.value
        zmin, zmax = self.height_range
        if self.unbounded is not None:  # no peak: the share of the terrain's span climbed from the first probe
            return min(1.0, max(0.0, (best - start) / (zmax - zmin))) if zmax > zmin else 0.0
        if self.peak[2] - best <= self.tolerance_height:
            return 1.0  # the best probe is at the summit's height, within the level's tolerance
        climb = self.peak[2] - start
        if not finite(climb, best):
            return 0.0
        if climb <= FLAT_EPS * max(1.0, zmax - zmin):
            return 1.0
        return min(1.0, max(0.0, (best - start) / climb))

    def score(self) -> Score:
        """The running score; final after claim(). docs/scoring.md gives the formula."""
        verdict = self._verdict.kind if self._verdict is not None else None
        return score_for(self._counts, self.height_fraction(), verdict, self.par, len(self.probes))


__all__ = ["Game", "Probe", "Preview", "Verdict", "Score", "STEPS", "VERDICTS", "REASONS", "SCORE_KEYS", "COMPASS",
           "POINT_KINDS", "stars_for", "compass", "TRUST_LOW", "TRUST_HIGH"]
