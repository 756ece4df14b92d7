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
    """A data set could not be read; the message names the source, the line and the column."""


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


def _why(cell: str) -> str:
    text = cell.strip()
    low = text.lower().lstrip("+-")
    if low in ("nan", "inf", "infinity"):
        return f"{brief(text)} is not a finite number"
    if NUMBER.fullmatch(text):
        return f"{brief(text)} is too large (the limit is ±{MAX_MAGNITUDE:g})"
    if not text:
        return "empty cell; expected a number"
    return f"{brief(text)} is not a number"


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
            raise DataError(f"{name}: line {number}: longer than {MAX_LINE_CHARS} characters")
        if delimiter is None:
            delimiter = _delimiter(line)
        cells = next(csv.reader([line.strip()], delimiter=delimiter, skipinitialspace=True))
        cells = [c for c in cells if c.strip()] if delimiter == " " else cells
        if len(cells) != 2:
            raise DataError(f"{name}: line {number}: expected two columns (x, y), found {len(cells)}")
        values = [_number(c) for c in cells]
        if None in values:
            if not rows and not header_seen and all(_number(c) is None and c.strip() for c in cells) \
                    and not any(c.strip().lower().lstrip("+-") in ("nan", "inf", "infinity") for c in cells):
                header_seen = True
                continue
            column = values.index(None) + 1
            raise DataError(f"{name}: line {number}, column {column}: {_why(cells[column - 1])}")
        if len(rows) >= MAX_ROWS:
            raise DataError(f"{name}: line {number}: more than {MAX_ROWS} data rows")
        rows.append((values[0], values[1]))  # type: ignore[arg-type]
    if len(rows) < 2:
        raise DataError(f"{name}: line {max(len(lines), 1)}: needs at least two data rows, found {len(rows)}")
    data = np.array(rows, dtype=np.float64)
    if np.ptp(data[:, 0]) == 0:
        raise DataError(f"{name}: column 1: needs at least two different x values")
    return data[:, 0].copy(), data[:, 1].copy()


def read_points(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) from a CSV file: a regular file of at most MAX_BYTES, UTF-8; DataError with one line otherwise."""
    name = str(path)
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError(f"{name}: not a regular file")
        if info.st_size > MAX_BYTES:
            raise DataError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise DataError(f"{name}: cannot read ({err.strerror or err.__class__.__name__})") from None
    if len(raw) > MAX_BYTES:
        raise DataError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        raise DataError(f"{name}: line {line}: not UTF-8 text") from None
    return parse_points(text, name)
