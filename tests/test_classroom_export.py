"""The classroom's exports and teachers' level files: --export-csv and S give one RFC 4180 row per probe that
matches the JSON path and the surface's exact values (an independent sympy reference, on a surface that is no
built-in level), with a decimal point in every language; --level FILE.json plays a checked level file."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
import sympy
from hypothesis import given, strategies as st

import surfaces
from game import cli
from game.core import levels
from game.core.export import HEADER, cell, csv_text, png_beside
from game.core.model import Game

ROOT = Path(__file__).resolve().parents[1]
EXPR = "3*exp(-((x-1)^2 + y^2)) - 0.2*x + 0.3*sin(x*y)"
PROBES = ("-2,1.5", "-1,0.5", "0.2,0.1", "0.9,0.05", "0.9,0.05", "1.1,-0.2")


def sympy_reference():
    """f, ∂f/∂x, ∂f/∂y of EXPR as exact sympy functions (independent of the game's own derivative code)."""
    x, y = sympy.symbols("x y")
    f = 3 * sympy.exp(-((x - 1) ** 2 + y ** 2)) - sympy.Rational(1, 5) * x + sympy.Rational(3, 10) * sympy.sin(x * y)
    parts = (f, sympy.diff(f, x), sympy.diff(f, y), sympy.diff(f, x, 2), sympy.diff(f, x, y), sympy.diff(f, y, 2))
    return [sympy.lambdify((x, y), e, "mpmath") for e in parts]


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--headless", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["en", "de"])
def test_export_csv_matches_the_json_path_and_the_exact_surface(display, capsys, tmp_path, lang):
    target = tmp_path / "climb.csv"
    flags = [f"--probe={p}" for p in PROBES]
    code, out, err = run_cli(capsys, "--expr", EXPR, *flags, "--export-csv", str(target), "--lang", lang)
    assert code == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    raw = target.read_bytes()
    text = raw.decode("utf-8")  # UTF-8
    assert text.startswith(",".join(HEADER) + "\r\n") and text.count("\r\n") == len(PROBES) + 1  # RFC 4180
    rows = rows_of(text)
    assert [r["index"] for r in rows] == [str(i + 1) for i in range(len(PROBES))]
    f, fx, fy, fxx, fxy, fyy = sympy_reference()
    taylor2 = Game(levels.expression_level(EXPR)).taylor_order == 2
    previous = None
    for row, (px, py, pf) in zip(rows, summary["path"]):
        assert "," not in "".join(row.values())  # a decimal point in every language, never a comma
        x, y, value = float(row["x"]), float(row["y"]), float(row["f"])
        assert (x, y, value) == (px, py, pf)  # exactly the JSON path's numbers
        assert value == pytest.approx(float(f(x, y)), rel=1e-13, abs=1e-15)
        gx, gy = float(row["df_dx"]), float(row["df_dy"])
        assert gx == pytest.approx(float(fx(x, y)), rel=1e-11, abs=1e-13)
        assert gy == pytest.approx(float(fy(x, y)), rel=1e-11, abs=1e-13)
        assert float(row["grad_norm"]) == pytest.approx(math.hypot(gx, gy), rel=1e-14)
        if previous is None:
            assert row["T1"] == row["T2"] == row["rho"] == "" and row["step"] == "first"
        else:
            bx, by, bf, bgx, bgy = previous
            dx, dy = x - bx, y - by
            t1 = bf + bgx * dx + bgy * dy
            h = [float(d(bx, by)) for d in (fxx, fxy, fyy)]
            t2 = t1 + 0.5 * (h[0] * dx * dx + 2 * h[1] * dx * dy + h[2] * dy * dy)
            assert float(row["T1"]) == pytest.approx(t1, rel=1e-12, abs=1e-12)
            assert (float(row["T2"]) == pytest.approx(t2, rel=1e-9, abs=1e-9)) if taylor2 else row["T2"] == ""
            model = t2 if taylor2 else t1
            if row["rho"]:  # ρ = actual gain / the gain the level's model predicted
                assert float(row["rho"]) == pytest.approx((value - bf) / (model - bf), rel=1e-7)
        if row["step"] != "repeat":
            previous = (x, y, value, float(fx(x, y)), float(fy(x, y)))
    assert rows[4]["step"] == "repeat"


def test_export_csv_bad_name_and_folder_are_one_line_exit_2(display, capsys, tmp_path):
    code, _, err = run_cli(capsys, "--level", "one-hill", "--export-csv", str(tmp_path / "x.txt"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and ".csv" in err
    code, _, err = run_cli(capsys, "--level", "one-hill", "--export-csv", str(tmp_path / "nowhere" / "x.csv"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "does not exist" in err and "Traceback" not in err


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_cell_reads_back_as_the_same_number_or_is_empty(value):
    text = cell(value)
    if math.isfinite(value):
        assert float(text) == value and "," not in text
    else:
        assert text == ""


def test_csv_of_an_undefined_probe_has_empty_cells_not_nan():
    level = levels.expression_level("log(x)", (-2, 2, -2, 2))
    game = Game(level)
    game.probe(-1.0, 0.5)
    game.probe(1.0, 0.5)
    rows = rows_of(csv_text(game))
    assert rows[0]["f"] == "" and rows[0]["df_dx"] == "" and rows[0]["step"] == "undefined"
    assert float(rows[1]["f"]) == 0.0 and "nan" not in csv_text(game).lower()


def test_png_beside_the_csv():
    assert png_beside("a/climb.csv") == "a/climb.png" and png_beside("b.CSV") == "b.png"


def test_level_template_passes_check_level_and_plays(display, capsys):
    template = str(ROOT / "docs" / "level-template.json")
    assert cli.main(["check-level", template]) == 0
    capsys.readouterr()
    level = surfaces.load_level(template)
    start = ",".join(str(v) for v in level.start)
    code, out, err = run_cli(capsys, "--level", template, f"--probe={start}", "--probe=0,0", "--claim")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["level"] == level.id and summary["probes"] == 2 and summary["verdict"] == "none"
    assert summary["path"][1][2] == pytest.approx(float(level.surface(0.0, 0.0)), rel=1e-15)


def test_a_broken_level_file_is_one_line_and_exit_2(display, capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "Bad Id", "title": {"en": "x"}}), encoding="utf-8")
    code, out, err = run_cli(capsys, "--level", str(bad))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "more" in err
    assert "check-level" in err and "Traceback" not in err
    code, _, err = run_cli(capsys, "--level", str(tmp_path / "missing.json"))
    assert code == 2 and err.strip().endswith("no such file")
    code, _, err = run_cli(capsys, "--level", str(tmp_path))
    assert code == 2 and "unexpected" not in err  # a folder named as --level: not a level id either
