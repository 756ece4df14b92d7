"""Where the map's bands change colour: round heights, evenly spaced, finer near a wide flat top.

The rule
--------
1. **Even, round levels.** Band edges are the multiples of one round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
   × 10^k) inside the band limits (surfaces.band_limits), the step giving the band count nearest the target
   (14) within target ± 2 (never more than 16). An edge closer than a quarter step to either limit is dropped
   (no sliver bands). Every 4th or 5th edge, a round multiple (5, 6, 10, 15, 20, 25, 30 or 40 × 10^k), is a
   major isoline that carries a label. Evenly spaced isolines keep "close lines = steep" true on the map.
2. **Finer near a wide flat top.** When a band wholly in the top 40 % of the heights covers more than
   ``WIDE_TOP`` of the map (banana-ridge: 40 % of the map in the top band, so its curved crest was one colour),
   the levels switch to a fine round step (1, 2, 2.5 or 5 × 10^k) above a split height S in the upper half
   and a coarse one (1–4 × the even step) below, S a multiple of
   both, with the same band count limits. Among such choices the one whose widest upper band covers the least
   of the map wins. S is a major isoline too: it marks where the spacing changes.

Band k (0-based) holds the heights in [edges[k-1], edges[k]); the lowest and highest bands are open. The map
quantises exactly: every edge is a whole multiple of one fine unit q, so a height's bin floor((z - z0) / q)
never straddles an edge, and a lookup table turns bins into bands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

import numpy as np

MANTISSAS = (10, 15, 20, 25, 30, 40, 50, 60, 80)  # round steps, in tenths of a power of ten
NICER = {m: i for i, m in enumerate((10, 20, 50, 25, 40, 30, 15, 60, 80))}  # rounder steps first
MAJOR_EVERY = {10: 5, 15: 4, 20: 5, 25: 4, 30: 5, 40: 5, 50: 5, 60: 5, 80: 5}  # edges per major isoline
TARGET = 14
MAX_BANDS = 16
SLIVER = 0.25  # an edge closer than this many steps to a band limit is dropped
WIDE_TOP = 0.2  # an upper-half band covering more than this share of the map asks for finer levels near the top
MAX_FINE = 4096  # fine bins at most (else an approximate uniform grid of this many bins)
HIGH = 0.6  # "upper" bands lie wholly above this share of the height range
FINE_MANTISSAS = (10, 20, 25, 50)  # the fine step near the top: 0.1, 0.2, 0.25, 0.5 × 10^k (labels stay short)
SAMPLE = 160  # heights sampled per axis to measure the bands' areas


@dataclass(frozen=True)
class BandLevels:
    """The map's band edges (n - 1 increasing heights), which of them are major, and the quantisation grid."""

    edges: tuple[float, ...]
    major: tuple[bool, ...]
    exp: int | None = None  # edges are whole multiples of 10^exp (None: not a round set of levels)
    z0: float = 0.0  # fine bin j holds [z0 + j·q, z0 + (j + 1)·q)
    q: float = 1.0
    bins: int = 1
    lut: np.ndarray = field(default=None, repr=False, compare=False)  # type: ignore[assignment]  # bin → band

    @property
    def n(self) -> int:
        return len(self.edges) + 1

    def groups(self) -> np.ndarray:
        """256-entry uint8 table: band → its major group (the group changes across each major edge)."""
        g = np.zeros(256, dtype=np.uint8)
        g[1: self.n] = np.cumsum(self.major, dtype=np.int64) % 256
        return g

    def value(self, level: int) -> float:
        """The height of edge `level` (1..n-1: the edge between bands level-1 and level)."""
        return self.edges[level - 1]

    def text(self, level: int) -> str | None:
        """Edge `level` as the shortest exact decimal ("4.75", "5", "-0.5"), or None when the levels are not
        round (then the caller formats the value)."""
        v = self.value(level)
        if self.exp is None or not (1e-3 <= abs(v) < 1e6 or v == 0):
            return None
        text = f"{v:.{max(0, -self.exp)}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text


def uniform(lo: float, hi: float, n: int) -> BandLevels:
    """n equal bands over [lo, hi], every fifth edge major: the map's levels before round levels."""
    edges = tuple(lo + k * (hi - lo) / n for k in range(1, n))
    major = tuple(k % 5 == 0 for k in range(1, n))
    return BandLevels(edges, major, None, lo, (hi - lo) / n, n, np.arange(n, dtype=np.uint8))


def _unit(exp: int) -> float:
    return 10.0 ** exp if exp >= 0 else 1.0 / 10.0 ** -exp


def _value(k: int, exp: int) -> float:
    """k · 10^exp, correctly rounded (49 / 10 rather than 49 · 0.1)."""
    return k * 10.0 ** exp if exp >= 0 else k / 10.0 ** -exp


def _multiples(step: int, lo: float, hi: float, exp: int) -> list[int]:
    """The integers k·step (in units of 10^exp) strictly inside (lo, hi), slivers at the ends dropped."""
    u = _unit(exp)
    first = math.floor(lo / u / step) + 1
    last = math.ceil(hi / u / step) - 1
    out = [k * step for k in range(first, last + 1)]
    while out and _value(out[0], exp) - lo < SLIVER * step * u:
        out.pop(0)
    while out and hi - _value(out[-1], exp) < SLIVER * step * u:
        out.pop()
    return out


def _steps_near(width: float) -> list[tuple[int, int]]:
    """Round steps (mantissa in tenths, exponent) from width/40 to width·4."""
    out = []
    e0 = math.floor(math.log10(width)) - 2
    for e in range(e0, e0 + 5):
        for m in MANTISSAS:
            s = m * _unit(e - 1)
            if width / 40 <= s <= width * 4:
                out.append((m, e - 1))
    return out


def _build(ints: list[int], majors: set[int], exp: int, lo: float, hi: float) -> BandLevels:
    """BandLevels for integer edges (units 10^exp), exact fine bins when few enough."""
    edges = tuple(_value(k, exp) for k in ints)
    major = tuple(k in majors for k in ints)
    q_int = reduce(math.gcd, ints) if ints else 1
    u = _unit(exp)
    z0_int = math.floor(lo / u / q_int) * q_int
    bins = math.ceil((hi / u - z0_int) / q_int) + 1
    if 0 < bins <= MAX_FINE:
        z0, q = _value(z0_int, exp), q_int * u
    else:
        bins, z0, q = MAX_FINE, lo, (hi - lo) / MAX_FINE
    starts = z0 + np.arange(bins) * q
    lut = np.searchsorted(np.asarray(edges), starts + 0.5 * q, side="right").astype(np.uint8)
    return BandLevels(edges, major, exp, z0, q, bins, lut)


def _even(lo: float, hi: float, target: int) -> tuple[int, int, list[int]] | None:
    """(step, exponent, edges) of the round even levels with the band count nearest `target` (±2, ≤ 16)."""
    best = None
    for m, e in _steps_near((hi - lo) / target):
        ints = _multiples(m, lo, hi, e)
        count = len(ints) + 1
        if abs(count - target) <= 2 and count <= MAX_BANDS:
            key = (abs(count - target), NICER[m])
            if best is None or key < best[0]:
                best = (key, (m, e, ints))
    return None if best is None else best[1]


def _areas(zs: np.ndarray, edges: list[float]) -> np.ndarray:
    """Share of the sampled heights (sorted) in each band."""
    cuts = np.searchsorted(zs, np.asarray(edges), side="left")
    return np.diff(np.concatenate([[0], cuts, [len(zs)]])) / max(1, len(zs))


def _upper_widest(zs: np.ndarray, edges: list[float], lo: float, hi: float) -> float:
    areas = _areas(zs, edges)
    bottoms = np.concatenate([[lo], edges])
    tops = np.concatenate([edges, [hi]])
    upper = bottoms >= lo + HIGH * (hi - lo)
    return float(areas[upper].max()) if upper.any() else 0.0


def _finer_top(zs: np.ndarray, lo: float, hi: float, target: int, m0: int, e0: int):
    """The coarse/fine round levels (see the module docstring) whose widest upper band is least, or None."""
    best = None
    base = m0 * _unit(e0)
    steps = _steps_near((hi - lo) / target)
    for mc, ec in steps:
        c = mc * _unit(ec)
        if not base <= c <= 4 * base + 1e-12 * base:
            continue
        for mf, ef in steps:
            f = mf * _unit(ef)
            if mf not in FINE_MANTISSAS or not base / 10 - 1e-12 * base <= f < base:
                continue
            exp = min(ec, ef)
            ci, fi = mc * 10 ** (ec - exp), mf * 10 ** (ef - exp)
            if ci % fi:
                continue
            coarse = _multiples(ci, lo, hi, exp)
            fine = _multiples(fi, lo, hi, exp)  # the same for every split s below
            for s in coarse:
                if _value(s, exp) <= (lo + hi) / 2:
                    continue
                ints = [k for k in coarse if k <= s] + [k for k in fine if k > s]
                count = len(ints) + 1
                if abs(count - target) > 2 or count > MAX_BANDS:
                    continue
                widest = _upper_widest(zs, [_value(k, exp) for k in ints], lo, hi)
                key = (round(widest, 3), abs(count - target), NICER[mf])
                if best is None or key < best[0]:
                    majors = {k for k in ints if k % (ci * MAJOR_EVERY[mc]) == 0 or (k > s and k % (fi * MAJOR_EVERY[mf]) == 0)}
                    best = (key, (ints, majors | {s}, exp, widest))
    return None if best is None else best[1]


def sample_heights(surface: Any, lo: float, hi: float, n: int = SAMPLE) -> np.ndarray:
    """Sorted finite heights on an n × n grid over the map, clipped to [lo, hi]."""
    xmin, xmax, ymin, ymax = (float(v) for v in surface.domain)
    with np.errstate(all="ignore"):
        z = np.asarray(surface.grid(np.linspace(xmin, xmax, n), np.linspace(ymin, ymax, n), np.float64), dtype=np.float64)
    z = z[np.isfinite(z)]
    return np.sort(np.clip(z, lo, hi))


def choose_levels(lo: float, hi: float, target: int = TARGET, heights: np.ndarray | None = None) -> BandLevels:
    """Round band levels over [lo, hi] (the rule above); `heights` (sorted samples) lets a wide flat top refine
    them. Falls back to `uniform` when no round step fits (a tiny count, or limits at the floats' edges)."""
    target = max(2, min(int(target), MAX_BANDS))
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo and math.isfinite(hi - lo)) or target < 4:
        return uniform(lo, hi, target)
    even = _even(lo, hi, target)
    if even is None:
        return uniform(lo, hi, target)
    m, e, ints = even
    if heights is not None and len(heights):
        widest = _upper_widest(heights, [_value(k, e) for k in ints], lo, hi)
        if widest > WIDE_TOP:
            finer = _finer_top(heights, lo, hi, target, m, e)
            if finer is not None and finer[3] < widest:
                return _build(finer[0], finer[1], finer[2], lo, hi)
    majors = {k for k in ints if k % (m * MAJOR_EVERY[m]) == 0}
    return _build(ints, majors, e, lo, hi)


def levels_for(surface: Any, lo: float, hi: float, target: int = TARGET) -> BandLevels:
    """choose_levels for a surface's map, with its sampled heights."""
    try:
        heights = sample_heights(surface, lo, hi)
    except (ArithmeticError, ValueError, TypeError, AttributeError):
        heights = None
    return choose_levels(lo, hi, target, heights)
