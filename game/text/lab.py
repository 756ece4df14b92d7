"""The calculus lab's numbers as a learner writes them: steps h and errors in e-notation, slopes to 6 digits."""

from __future__ import annotations

import math

from game.text.catalog import t
from game.text.numbers import MINUS, UNDEFINED


def _mark(text: str, lang: str) -> str:
    return text.replace("-", MINUS).replace(".", t("format.decimal", lang))


def fmt_sci(value: float | None, lang: str = "en", digits: int = 2) -> str:
    """1e−3, 2e−14, 3.1e−4 (de: 3,1e−4); "—" for None or nan, "0" for zero."""
    if value is None or not math.isfinite(value):
        return UNDEFINED if value is None or math.isnan(value) else "\u221e"
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return _mark(f"{mantissa}e{int(exponent)}", lang)


def fmt_sig(value: float | None, lang: str = "en", digits: int = 6) -> str:
    """A slope to `digits` significant digits (3.13552, −0.000310657, 1.2e−9 below 1e−4); "—" for None or nan."""
    if value is None or not math.isfinite(value):
        return UNDEFINED if value is None or math.isnan(value) else "\u221e"
    if value == 0:
        return "0"
    if abs(value) < 1e-4 or abs(value) >= 1e7:
        return fmt_sci(value, lang, digits)
    return _mark(f"{value:.{digits}g}", lang)


__all__ = ["fmt_sci", "fmt_sig"]
