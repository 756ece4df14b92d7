"""The one-line warning for a surface without a finite maximum on its map (a pole or overflow; surfaces/bounded.py)."""

from __future__ import annotations

import math

import surfaces
from game.text.catalog import t
from game.text.verdicts import point_text


def _rounded(value: float, span: float) -> float:
    """A coordinate to the map's resolution (1/1000 of its size, at least two decimals' worth), so the optimiser's
    1.2e-12 next to a pole reads as 0."""
    if not (math.isfinite(value) and math.isfinite(span) and span > 0):
        return value
    decimals = max(2, 3 - math.floor(math.log10(span)))
    return round(value, decimals) + 0.0  # + 0.0: never "-0"


def unbounded_text(record: surfaces.Unbounded, domain, lang: str = "en") -> str:
    """The warning for `record` on a map with `domain` (xmin, xmax, ymin, ymax), in `lang`."""
    xmin, xmax, ymin, ymax = (float(v) for v in domain)
    where = point_text(_rounded(record.x, xmax - xmin), _rounded(record.y, ymax - ymin), lang)
    key = "play.unbounded_overflow" if record.kind == "overflow" else "play.unbounded_pole"
    return t(key, lang, point=where)


def unbounded_warning(level: surfaces.Level | None, lang: str = "en") -> str | None:
    """The warning when `level`'s surface has no finite maximum on its map, else None (never raises)."""
    if level is None:
        return None
    try:
        record = surfaces.unbounded(level.surface)
    except (AttributeError, ArithmeticError, ValueError, TypeError):
        return None
    return None if record is None else unbounded_text(record, level.surface.domain, lang)


__all__ = ["unbounded_text", "unbounded_warning"]
