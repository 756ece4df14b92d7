"""One number format for the HUD, labels and messages: 3 significant digits, a real minus sign, never "-0"."""

from __future__ import annotations

import math

from game.text.catalog import t

MINUS = "\u2212"  # the typographic minus sign; "-" is a hyphen
UNDEFINED = "\u2014"  # em dash, shown where a value is undefined (nan or None)
SIG_DIGITS = 3  # significant digits for ordinary magnitudes
SMALL = 1e-3  # below this (and above 0) numbers use the short exponent form, e.g. 1.24e−7
LARGE = 1e6  # from this magnitude on numbers use the exponent form too


def fmt_number(value: float | None, lang: str = "en") -> str:
    """Format a height, slope or score term the same way everywhere.

    - 3 significant digits, trailing zeros kept so the HUD does not jitter: 1.24, 0.0500, 12.3;
      from 100 on the whole number: 123, 4568;
    - magnitudes below 0.001 or from 10⁶ on: 1.24e−7, 3.00e+06;
    - the minus sign is U+2212, and anything that rounds to zero prints as "0" (never "-0.000");
    - None and nan print as "—", infinities as "∞" / "−∞";
    - the decimal mark comes from the catalogue ("format.decimal"): German uses the comma, 1,24.
    """
    if value is None:
        return UNDEFINED
    try:
        number = float(value)
    except (TypeError, ValueError):
        return UNDEFINED
    if math.isnan(number):
        return UNDEFINED
    if math.isinf(number):
        return "\u221e" if number > 0 else MINUS + "\u221e"
    magnitude = abs(number)
    if magnitude == 0.0:
        return "0"
    if magnitude < SMALL or magnitude >= LARGE:
        text = f"{magnitude:.{SIG_DIGITS - 1}e}"
        mantissa, _, exponent = text.partition("e")
        sign = "+" if not exponent.startswith("-") else MINUS
        text = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    else:
        rounded = float(f"{magnitude:.{SIG_DIGITS - 1}e}")  # round to 3 significant digits first
        if rounded >= 100:
            text = f"{rounded:.0f}" if magnitude < 1000 else f"{magnitude:.0f}"
        else:
            decimals = SIG_DIGITS - 1 - math.floor(math.log10(rounded))
            text = f"{rounded:.{decimals}f}"
    if set(text) <= set("0.e+"):  # rounded to zero: no sign
        return "0"
    if number < 0:
        text = MINUS + text
    decimal = t("format.decimal", lang)
    return text if decimal == "." else text.replace(".", decimal)



__all__ = ["fmt_number", "MINUS", "UNDEFINED"]
