"""Data sets for model surfaces: two numeric columns from a CSV file or typed text, bounded and checked."""

from __future__ import annotations

import csv
import re
import stat
from pathlib import Path

import numpy as np

from .errors import brief

MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024  # a data file larger than this is refused before it is read
MAX_LINE_CHARS = 1_000  # a line longer than this is not a row of two numbers
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")  # plain decimals: no nan, inf, 1_000 or hex
MAX_MAGNITUDE = 1e12  # larger values make the squared errors overflow-prone; refused with a message


class DataError(ValueError):
    """A data set could not be read; the message names the source, the line and the column.

    ``code`` names the problem (a key of WHY), ``line`` and ``column`` count from 1 (None where they do not apply),
    ``values`` fill WHY's template: a game words the problem in its own language from these."""

    def __init__(self, name: str, code: str, line: int | None = None, column: int | None = None, **values: object):
        self.code, self.line, self.column, self.values = code, line, column, values
        where = "".join([f": line {line}" if line else "", f", column {column}" if line and column else "",
                         f": column {column}" if column and not line else ""])
        super().__init__(f"{name}{where}: {WHY[code].format(**values)}")


WHY = {  # the problems a data set can have, in English (game/text words them in the player's language)
    "file": "{reason}",
    "large": "larger than {mb} MB",
    "utf8": "not UTF-8 text",
    "long": "line too long (the limit is {limit})",
    "columns": "expected two columns (x, y), found {found}",
    "finite": "{value} is not a finite number",
    "big": "{value} is too large (the limit is ±{limit})",
    "empty": "empty cell; expected a number",
    "number": "{value} is not a number",
    "many": "more than {limit} data rows",
    "few": "needs at least two data rows, found {found}",
    "same": "needs at least two different x values",
    "label": "{value} is not a label between 0 and 1 (a neuron's targets are 0, 1 or in between)",
}


def _delimiter(line: str) -> str:
    """The first data line's separator: comma, else semicolon, else tab, else spaces."""
    for d in (",", ";", "\t"):
        if d in line:
            return d
    return " "


def _number(cell: str) -> float | None:
    """The cell as a finite float, or None when it is not a plain decimal number within ±MAX_MAGNITUDE."""
    text = cell.strip()
    if not NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if abs(value) <= MAX_MAGNITUDE else None


def _why(cell: str) -> tuple[str, dict[str, str]]:
    """(problem code, its values) for a cell that is not a usable number."""
    text = cell.strip()
    low = text.lower().lstrip("+-")
    if low in ("nan", "inf", "infinity"):
        return "finite", {"value": brief(text)}
    if NUMBER.fullmatch(text):
        return "big", {"value": brief(text), "limit": f"{MAX_MAGNITUDE:g}"}
    if not text:
        return "empty", {}
    return "number", {"value": brief(text)}


def parse_points(text: str, name: str = "data") -> tuple[np.ndarray, np.ndarray]:
    """(x, y) float arrays from text with two numeric columns, header optional; DataError names line and column."""
    lines = text.splitlines()
    rows: list[tuple[float, float]] = []
    delimiter = None
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(line) > MAX_LINE_CHARS:
            raise DataError(name, "long", number, limit=MAX_LINE_CHARS)
        if delimiter is None:
            delimiter = _delimiter(line)
        cells = next(csv.reader([line.strip()], delimiter=delimiter, skipinitialspace=True))
        cells = [c for c in cells if c.strip()] if delimiter == " " else cells
        if len(cells) != 2:
            raise DataError(name, "columns", number, found=len(cells))
        values = [_number(c) for c in cells]
        if None in values:
            if not rows and not header_seen and all(_number(c) is None and c.strip() for c in cells) \
                    and not any(c.strip().lower().lstrip("+-") in ("nan", "inf", "infinity") for c in cells):
                header_seen = True
                continue
            column = values.index(None) + 1
            code, values = _why(cells[column - 1])
            raise DataError(name, code, number, column, **values)
        if len(rows) >= MAX_ROWS:
            raise DataError(name, "many", number, limit=MAX_ROWS)
        rows.append((values[0], values[1]))  # type: ignore[arg-type]
    if len(rows) < 2:
        raise DataError(name, "few", max(len(lines), 1), found=len(rows))
    data = np.array(rows, dtype=np.float64)
    if np.ptp(data[:, 0]) == 0:
        raise DataError(name, "same", None, 1)
    return data[:, 0].copy(), data[:, 1].copy()


def read_points(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) from a CSV file: a regular file of at most MAX_BYTES, UTF-8; DataError with one line otherwise."""
    name = str(path)
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError(name, "file", reason="not a regular file")
        if info.st_size > MAX_BYTES:
            raise DataError(name, "large", mb=MAX_BYTES // (1024 * 1024))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise DataError(name, "file", reason=f"cannot read ({err.strerror or err.__class__.__name__})") from None
    if len(raw) > MAX_BYTES:
        raise DataError(name, "large", mb=MAX_BYTES // (1024 * 1024))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        raise DataError(name, "utf8", line) from None
    return parse_points(text, name)
