"""A game's probes as CSV for a worksheet: one row per probe, plain RFC 4180, decimal points in every language."""

from __future__ import annotations

import csv
import io
import math
from typing import TYPE_CHECKING

from game.core.storage import write_atomic

if TYPE_CHECKING:
    from game.core.model import Game
    from game.core.probe import Probe

# The header row: fixed ASCII names (a spreadsheet formula or a script refers to them in every language).
HEADER = ("index", "x", "y", "f", "df_dx", "df_dy", "grad_norm", "T1", "T2", "rho", "step", "guess")


def cell(value: float | None) -> str:
    """A number as a spreadsheet reads it back exactly (repr: shortest round-trip, decimal point); "" when
    there is none (None, nan or inf: an empty cell, never a word a formula chokes on)."""
    if value is None or not math.isfinite(value):
        return ""
    return repr(float(value))


def probe_row(probe: "Probe") -> list[str]:
    """One probe's row. ∂f/∂x, ∂f/∂y and |∇f| are the surface's exact derivatives (the HUD rounds the level's
    teaching differences, which agree to about 1e-9); T₁, T₂ and ρ are what the game predicted and judged."""
    gx, gy = probe.exact_gradient
    norm = math.hypot(gx, gy) if math.isfinite(gx) and math.isfinite(gy) else None
    return [str(probe.index + 1), cell(probe.x), cell(probe.y), cell(probe.value), cell(gx), cell(gy), cell(norm),
            cell(probe.predicted1), cell(probe.predicted2), cell(probe.rho), probe.step, cell(probe.guess)]


def csv_text(game: "Game") -> str:
    """The whole table: the header row, then one row per probe in order (CRLF line ends, as RFC 4180 says)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for probe in game.probes:
        writer.writerow(probe_row(probe))
    return out.getvalue()


def write_csv(path: str, game: "Game") -> None:
    """Write the table to `path` atomically (UTF-8; OSError when it cannot be written)."""
    write_atomic(path, csv_text(game))


def png_beside(path: str) -> str:
    """The map picture's name beside a CSV: "climb.csv" → "climb.png"."""
    stem = path[:-4] if path.lower().endswith(".csv") else path
    return stem + ".png"


__all__ = ["HEADER", "cell", "probe_row", "csv_text", "write_csv", "png_beside"]
