"""Integer hashing and random numbers that are identical on every machine (class codes, generated terrain)."""

from __future__ import annotations

MASK = (1 << 64) - 1


class SplitMix64:
    """splitmix64 on Python ints: identical on every platform."""

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * ((self.next() >> 11) * 2.0 ** -53)

    def below(self, n: int) -> int:
        return self.next() % n


def fnv1a(text: str) -> int:
    """64-bit FNV-1a of an ASCII string."""
    h = 0xCBF29CE484222325
    for b in text.encode("ascii"):
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h
