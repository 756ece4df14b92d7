"""Data sets for model levels: the CSV reader (bounded, one line naming the file, line and column), also through the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surfaces.data import MAX_ROWS, DataError, parse_points, read_points

ROOT = Path(__file__).resolve().parents[1]


def uphill(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", UPHILL_DATA_DIR=str(tmp_path / "d"),
               PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_header_optional_and_separators():
    for text in ("x,y\n1,2\n3,5\n", "1,2\n3,5\n", "1;2\n3;5", "1\t2\n3\t5\n", "1  2\n 3 5\n", "# c\n\nx y\n1 2\n3 5"):
        x, y = parse_points(text)
        assert x.tolist() == [1.0, 3.0] and y.tolist() == [2.0, 5.0]


@pytest.mark.parametrize("text, where", [
    ("x,y\n1,2\n3,abc\n", "line 3, column 2: 'abc' is not a number"),
    ("1,2\nfoo,2\n", "line 2, column 1: 'foo' is not a number"),
    ("1,2\n2,nan\n", "line 2, column 2: 'nan' is not a finite number"),
    ("1,2\ninf,3\n", "line 2, column 1: 'inf' is not a finite number"),
    ("1,2\n2,-Infinity\n", "line 2, column 2: '-Infinity' is not a finite number"),
    ("1\n2\n3\n", "line 1: expected two columns (x, y), found 1"),
    ("1,2,3\n", "line 1: expected two columns (x, y), found 3"),
    ("", "needs at least two data rows, found 0"),
    ("x,y\n", "needs at least two data rows, found 0"),
    ("1,2\n1,3\n", "column 1: needs at least two different x values"),
    ("1,2\n2,1e400\n", "line 2, column 2: '1e400' is too large"),
    ("1,2\n2,1_0\n", "line 2, column 2: '1_0' is not a number"),
])
def test_problems_name_line_and_column(text, where):
    with pytest.raises(DataError) as err:
        parse_points(text, "f.csv")
    assert str(err.value).startswith("f.csv: ") and where in str(err.value)
    assert "\n" not in str(err.value)


def test_row_limit():
    text = "".join(f"{i},{i}\n" for i in range(MAX_ROWS))
    assert len(parse_points(text)[0]) == MAX_ROWS
    with pytest.raises(DataError, match=f"line {MAX_ROWS + 1}: more than"):
        parse_points(text + "1,1\n")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=2, max_size=30))
def test_round_trip(points):
    text = "".join(f"{a!r},{b!r}\n" for a, b in points)
    if len({a for a, _ in points}) < 2:
        with pytest.raises(DataError):
            parse_points(text)
        return
    x, y = parse_points(text)
    assert np.array_equal(x, [a for a, _ in points]) and np.array_equal(y, [b for _, b in points])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_answered(text):
    try:
        x, y = parse_points(text)
    except DataError as err:
        assert "\n" not in str(err)
    else:
        assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))


def test_files_bounded(tmp_path):
    with pytest.raises(DataError, match="not a regular file"):
        read_points(tmp_path)
    with pytest.raises(DataError, match="cannot read"):
        read_points(tmp_path / "missing.csv")
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(10 * 1024 * 1024 + 1)
    with pytest.raises(DataError, match="larger than 10 MB"):
        read_points(big)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"1,2\n3,4\n\xff\xfe,1\n")
    with pytest.raises(DataError, match="line 3: not UTF-8"):
        read_points(bad)


BROKEN = {
    "text.csv": ("x,y\n1,2\n3,four\n", "line 3, column 2"),
    "one.csv": ("1\n2\n3\n", "line 1: expected two columns"),
    "empty.csv": ("", "needs at least two data rows"),
    "nan.csv": ("1,2\nNaN,3\n", "line 2, column 1"),
    "inf.csv": ("1,2\n2,inf\n", "line 2, column 2"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_cli_broken_csv_one_line_exit_2(tmp_path, name):
    text, where = BROKEN[name]
    path = tmp_path / name
    path.write_text(text)
    r = uphill(tmp_path, "--headless", "--data", str(path), "--autoplay", "newton")
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and str(path) in r.stderr and where in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_huge_files_exit_2(tmp_path):
    million = tmp_path / "million.csv"
    million.write_text("1,2\n" * 1_000_000)
    r = uphill(tmp_path, "--headless", "--data", str(million), "--fit", "neuron", "--autoplay", "newton")
    assert r.returncode == 2 and f"line {MAX_ROWS + 1}: more than" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(10 * 1024 * 1024 + 5)
    r = uphill(tmp_path, "--headless", "--data", str(big), "--autoplay", "newton")
    assert r.returncode == 2 and "larger than 10 MB" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_cli_flag_rules(tmp_path):
    r = uphill(tmp_path, "--headless", "--fit", "exp", "--autoplay", "newton")
    assert r.returncode == 2 and "--fit" in r.stderr and "--data" in r.stderr
    r = uphill(tmp_path, "--headless", "--data", "a.csv", "--fit", "cubic")
    assert r.returncode == 2 and "line, neuron, exp" in r.stderr
    r = uphill(tmp_path, "--headless", "--data", "a.csv", "--level", "02-one-hill")
    assert r.returncode == 2 and "cannot be used together" in r.stderr
