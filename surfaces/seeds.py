"""Class codes ("PEAK-4821") -> deterministic terrain, using a pure-Python integer PRNG.

The code is normalised (spaces removed, upper case), hashed with 64-bit FNV-1a and fed to
splitmix64.  All parameters come from integer arithmetic and are rounded to 3 decimals in the
expression text, so every machine builds the identical expression (and exact derivatives).
"""

from __future__ import annotations

import functools
import math
import re

from .parse import parse
from .surface import Surface

MAX_CODE_LENGTH = 24
SEED_DOMAIN = (-3.0, 3.0, -3.0, 3.0)
_MASK = (1 << 64) - 1
_VALID = re.compile(r"^[A-Z0-9-]+$")


def normalize_code(code: str) -> str:
    """Upper-case ``code`` with all whitespace removed; ValueError (clear message) if invalid."""
    if not isinstance(code, str):
        raise ValueError("class code must be text such as PEAK-4821")
    norm = "".join(code.split()).upper()
    if not norm:
        raise ValueError("class code is empty: use letters, digits and '-', e.g. PEAK-4821")
    if len(norm) > MAX_CODE_LENGTH:
        raise ValueError(f"class code is too long: {len(norm)} characters (limit {MAX_CODE_LENGTH})")
    if not _VALID.match(norm):
        bad = next(c for c in norm if not ("A" <= c <= "Z" or "0" <= c <= "9" or c == "-"))
        raise ValueError(f"class code may only contain letters A-Z, digits and '-', not {bad!r}")
    return norm


class SplitMix64:
    """splitmix64 on Python ints: identical on every platform."""

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def uniform(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * ((self.next() >> 11) * 2.0 ** -53)

    def below(self, n: int) -> int:
        return self.next() % n


def _fnv1a(text: str) -> int:
    h = 0xCBF29CE484222325
    for b in text.encode("ascii"):
        h = ((h ^ b) * 0x100000001B3) & _MASK
    return h


def _gaussian(h: float, cx: float, cy: float, w: float) -> str:
    return f"{h:.3f}*exp(-((x - {cx:.3f})^2 + (y - {cy:.3f})^2)/{w:.3f})"


def _terrain_text(rng: SplitMix64) -> str:
    n = 5 + rng.below(5)
    summit = rng.uniform(5.0, 7.0)
    sigma = rng.uniform(0.5, 0.95)
    terms = [_gaussian(summit, rng.uniform(-1.8, 1.8), rng.uniform(-1.8, 1.8), 2 * sigma * sigma)]
    for _ in range(n - 1):
        if rng.below(4) == 0:
            h = -rng.uniform(1.0, 2.5)
        else:
            h = summit * rng.uniform(0.2, 0.6)
        sigma = rng.uniform(0.35, 1.2)
        terms.append(_gaussian(h, rng.uniform(-2.7, 2.7), rng.uniform(-2.7, 2.7), 2 * sigma * sigma))
    tilt_x, tilt_y = rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25)
    amp, kx, ky = rng.uniform(0.1, 0.3), rng.uniform(1.2, 2.6), rng.uniform(1.2, 2.6)
    phase = rng.uniform(0.0, 2 * math.pi)
    terms.append(f"{tilt_x:.3f}*x + {tilt_y:.3f}*y")
    terms.append(f"{amp:.3f}*sin({kx:.3f}*x + {phase:.3f})*cos({ky:.3f}*y)")
    return " + ".join(terms)


def _good(s: Surface) -> bool:
    """One interior summit, clearly (>= 10 % of the range) above every other local maximum.

    Heights stay within -9.5..9.5 so the numbers on screen are tidy.
    """
    zmin, zmax = s.value_range()
    if not -9.5 <= zmin < zmax <= 9.5:
        return False
    x, y, v = s.peak()
    xmin, xmax, ymin, ymax = s.domain
    if not (xmin + 0.4 < x < xmax - 0.4 and ymin + 0.4 < y < ymax - 0.4):
        return False
    others = [m[2] for m in s.local_maxima()[1:]]
    return not others or v - max(others) >= 0.1 * (zmax - zmin)


def from_seed(code: str) -> Surface:
    """The terrain for class code ``code`` (case-insensitive, spaces ignored); ValueError if invalid."""
    return _build(normalize_code(code))


@functools.lru_cache(maxsize=32)
def _build(norm: str) -> Surface:
    rng = SplitMix64(_fnv1a(norm))
    s = None
    for _ in range(64):
        text = _terrain_text(rng)
        s = Surface(parse(text, max_length=4000), SEED_DOMAIN, name=norm)
        if _good(s):
            return s
    assert s is not None
    return s  # pragma: no cover - practically unreachable


