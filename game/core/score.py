"""The score: its terms, the total and the stars, from what a game counted (docs/scoring.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

POINTS_HEIGHT = 1000  # for climbing the whole way from the first probe to the peak's height
POINTS_PER_PROBE_SAVED = 50  # per probe left unused below par (global summit only)
POINTS_PER_TRUSTED = 20  # per trusted step
POINTS_PER_PREDICTION = 30  # per prediction that beat the Taylor estimate
POINTS_PER_OVERSHOOT = -25  # per overshoot
POINTS_PER_WASTED = -15  # per wasted probe (a repeat, or undefined height)
POINTS_GLOBAL = 500  # summit bonus for the global verdict
POINTS_LOCAL = 150  # summit bonus for the local verdict
STAR_THRESHOLDS = (800, 1400, 1700)  # totals for 1, 2 and 3 stars; without a global summit at most 1 star
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


def stars_for(total: int, verdict_kind: str | None) -> int:
    """Stars for a finished game: thresholds STAR_THRESHOLDS; at most 1 star without the global summit."""
    if verdict_kind is None:
        return 0
    stars = sum(1 for threshold in STAR_THRESHOLDS if total >= threshold)
    return stars if verdict_kind == "global" else min(stars, 1)


def score_for(counts: dict[str, int], fraction: float, verdict: str | None, par: int, used: int) -> Score:
    """The score of a game: `counts` of trusted steps, predictions won, overshoots and wasted probes, the share
    of the climb made (0..1), the verdict kind (None before the claim), the level's par and the probes used."""
    saved = max(0, par - used) if verdict == "global" else 0
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
    detail = dict(counts, height_fraction=fraction, probes_saved=saved, probes_used=used)
    return Score(items, total, stars_for(total, verdict), detail)


__all__ = ["Score", "score_for", "stars_for", "SCORE_KEYS", "STAR_THRESHOLDS"]
