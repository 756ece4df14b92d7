"""The one-line warning for a surface without a finite maximum on its map (a pole or overflow; surfaces/bounded.py)."""

from __future__ import annotations

import surfaces
from game.core.transform import to_map_resolution
from game.text.catalog import t
from game.text.verdicts import point_text


def unbounded_text(record: surfaces.Unbounded, domain, lang: str = "en") -> str:
    """The warning for `record` on a map with `domain` (xmin, xmax, ymin, ymax), in `lang`."""
    xmin, xmax, ymin, ymax = (float(v) for v in domain)
    where = point_text(to_map_resolution(record.x, xmax - xmin), to_map_resolution(record.y, ymax - ymin), lang)
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
