"""The score: its terms, the total and the stars, from what a game counted (docs/scoring.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

POINTS_HEIGHT = 1000  # for climbing the whole way from the first probe to the peak's height
POINTS_PER_PROBE_SAVED = 50  # per probe left unused below par (global summit only)
POINTS_PER_TRUSTED = 20  # per trusted step
POINTS_PER_OVERSHOOT = -25  # per overshoot
POINTS_PER_WASTED = -15  # per wasted probe (a repeat, or undefined height)
POINTS_GLOBAL = 500  # summit bonus for the global verdict
POINTS_LOCAL = 150  # summit bonus for the local verdict
# a height guess, graded by its error against the height change it had to predict (docs/scoring.md)
GUESS_GRADES = (("spot", 0.1, 30), ("close", 0.3, 10))  # (grade, largest error as a share of the change, points)
GUESS_MISS = ("off", -10)
SCORE_KEYS = ("height", "probes_saved", "trusted", "predictions", "overshoots", "wasted", "summit")


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


def stars_for(verdict_kind: str | None, used: int, par: int) -> int:
    """Stars say what was found: ★★★ the global summit within par probes, ★★ the global summit with more,
    ★ a local summit (or a top on the map's edge), none for a point that is no summit (or before the claim)."""
    if verdict_kind == "global":
        return 3 if used <= par else 2
    return 1 if verdict_kind == "local" else 0


def grade_guess(error: float, change: float) -> tuple[str, int]:
    """(grade, points) of a height guess `error` away from the truth, where the height changed by `change`
    (floored by the caller so a tiny change does not make every guess a miss)."""
    for grade, share, points in GUESS_GRADES:
        if error <= share * change:
            return grade, points
    return GUESS_MISS


def grade_prediction(guess: float | None, value: float, base: float | None, tolerance: float) -> tuple[str | None, int]:
    """(grade, points) of a height guess made from a probe of height `base`, against the true height `value`:
    (None, 0) without a guess or a base, where the height is undefined, or when the height changed by less than
    the level's height `tolerance` (nothing to predict, so nothing to grade)."""
    if guess is None or base is None or not math.isfinite(value):
        return None, 0
    change = abs(value - base)
    if change < max(tolerance, 1e-12 * max(1.0, abs(value))):
        return None, 0
    return grade_guess(abs(guess - value), change)


def score_for(counts: dict[str, int], fraction: float, verdict: str | None, par: int, used: int) -> Score:
    """The score of a game: `counts` of trusted steps, overshoots, wasted probes and guess points, the share
    of the climb made (0..1), the verdict kind (None before the claim), the level's par and the probes used."""
    saved = max(0, par - used) if verdict == "global" else 0
    summit = POINTS_GLOBAL if verdict == "global" else POINTS_LOCAL if verdict == "local" else 0
    items = [
        ("height", int(round(POINTS_HEIGHT * fraction))),
        ("probes_saved", POINTS_PER_PROBE_SAVED * saved),
        ("trusted", POINTS_PER_TRUSTED * counts["trusted"]),
        ("predictions", int(counts["guess_points"])),
        ("overshoots", POINTS_PER_OVERSHOOT * counts["overshoots"]),
        ("wasted", POINTS_PER_WASTED * counts["wasted"]),
        ("summit", summit),
    ]
    total = max(0, sum(points for _, points in items))
    detail = dict(counts, height_fraction=fraction, probes_saved=saved, probes_used=used)
    return Score(items, total, stars_for(verdict, used, par), detail)


__all__ = ["Score", "score_for", "stars_for", "grade_guess", "grade_prediction", "SCORE_KEYS", "GUESS_GRADES", "GUESS_MISS"]
