"""The height-guess field's numbers: what may be typed, how a notch steps it, how it is read and shown."""

from __future__ import annotations

import math

GUESS_CHARS = "0123456789.-+eE"


def guess_step(span: float, fine: bool = False) -> float:
    """How much one arrow press or wheel notch changes a height guess: a round number near 1/20 of the map's
    height span (so a few notches cover a real change, even from a height near 0); a tenth of that with Shift."""
    unit = span / 20.0 if math.isfinite(span) and span > 0 else 1.0
    magnitude = 10.0 ** math.floor(math.log10(max(unit, 1e-12)))
    return magnitude / 10 if fine else magnitude


def parse_guess(text: str | None) -> float | None:
    """The typed guess as a finite number, or None."""
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def plain_guess(value: float) -> str:
    """A guess as editable text: up to 4 significant decimals, no exponent for ordinary heights."""
    text = f"{value:.4g}"
    return text if "e" not in text else f"{value:.6f}".rstrip("0").rstrip(".")


__all__ = ["GUESS_CHARS", "guess_step", "parse_guess", "plain_guess"]
