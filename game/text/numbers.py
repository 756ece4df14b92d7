"""One number format for the HUD, labels and messages: 3 significant digits, a real minus sign, never "-0"."""

from __future__ import annotations

import math

from game.text.catalog import t

MINUS = "\u2212"  # the typographic minus sign; "-" is a hyphen
UNDEFINED = "\u2014"  # em dash, shown where a value is undefined (nan or None)
SIG_DIGITS = 3  # significant digits for ordinary magnitudes
SMALL = 1e-3  # below this (and above 0) numbers use the short exponent form, e.g. 1.24e−7
LARGE = 1e6  # from this magnitude on numbers use the exponent form too


def fmt_number(value: float | None, lang: str = "en", zero: float = 0.0) -> str:
    """Format a height, slope or score term the same way everywhere.

    - 3 significant digits, trailing zeros kept so the HUD does not jitter: 1.24, 0.0500, 12.3;
      from 100 on the whole number: 123, 4568;
    - magnitudes below 0.001 or from 10⁶ on: 1.24e−7, 3.00e+06;
    - the minus sign is U+2212, and anything that rounds to zero prints as "0" (never "-0.000");
    - None and nan print as "—", infinities as "∞" / "−∞";
    - the decimal mark comes from the catalogue ("format.decimal"): German uses the comma, 1,24.

    `zero` is the caller's noise floor: a magnitude at or below it prints as "0". A number alone cannot say
    whether 2.2e−16 is a real height or float rounding, so the floor comes from what the number measures
    (game.core.noise: a tiny share of the map's own height or slope scale); 0 keeps every digit.
    """
    number, special = _finite(value)
    if special is not None:
        return special
    magnitude = abs(number)
    if magnitude == 0.0 or magnitude <= zero:
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
    return _signed(text, number < 0, lang)

def fmt_signed(value: float | None, lang: str = "en", zero: float = 0.0) -> str:
    """fmt_number with an explicit "+" on positive numbers (an error or a change: +0.0100, −0.270, 0)."""
    text = fmt_number(value, lang, zero)
    if value is None or text in ("0", UNDEFINED) or text.startswith(MINUS) or text == "\u221e":
        return "+\u221e" if text == "\u221e" else text
    return "+" + text


def fmt_fixed(value: float | None, decimals: int, lang: str = "en") -> str:
    """A coordinate with a fixed number of decimals (the cursor lattice's: 1.485, −0.075), a real minus sign,
    the language's decimal mark, and "0" for anything that rounds to zero at those decimals (never "−0.000")."""
    number, special = _finite(value)
    if special is not None:
        return special
    text = f"{abs(number):.{max(0, int(decimals))}f}"
    if set(text) <= set("0."):
        return "0"
    return _signed(text, number < 0, lang)


def _finite(value: float | None) -> tuple[float, str | None]:
    """(the number, None) for a finite value; else (nan, what to print): "—" for None or nan, "±∞"."""
    if value is None:
        return math.nan, UNDEFINED
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan, UNDEFINED
    if math.isnan(number):
        return number, UNDEFINED
    if math.isinf(number):
        return number, "\u221e" if number > 0 else MINUS + "\u221e"
    return number, None


def _signed(text: str, negative: bool, lang: str) -> str:
    """A magnitude's digits with a real minus sign and the language's decimal mark."""
    if negative:
        text = MINUS + text
    decimal = t("format.decimal", lang)
    return text if decimal == "." else text.replace(".", decimal)


def fmt_point(x: float | None, y: float | None, decimals: int, lang: str = "en") -> str:
    """A point as the language writes it, "(1.485, −0.075)" or "(1,485; −0,075)", at fixed decimals."""
    return t("format.point", lang, x=fmt_fixed(x, decimals, lang), y=fmt_fixed(y, decimals, lang))


__all__ = ["fmt_number", "fmt_signed", "fmt_fixed", "fmt_point", "MINUS", "UNDEFINED"]
