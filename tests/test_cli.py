"""The `uphill` command line: levels, check-level, --help, bad flags, and --autoplay's one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import surfaces
from game import cli

ROOT = Path(__file__).resolve().parents[1]
LEVEL_DIR = ROOT / "surfaces" / "levels"
SUMMARY_KEYS = {"level", "probes", "final", "peak", "verdict", "score", "stars"}


def env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", UPHILL_DATA_DIR=str(tmp_path / "data"),
                PYTHONPATH=str(ROOT))


def uphill(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, env=env(tmp_path), capture_output=True,
                          text=True, timeout=120)


def level_ids_from_cli(capsys) -> list[str]:
    assert cli.main(["levels"]) == 0
    out = capsys.readouterr().out
    return [line.split()[0] for line in out.splitlines()]


def test_levels_lists_id_module_and_title(capsys):
    assert cli.main(["levels"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    levels = surfaces.builtin_levels()
    assert err == "" and len(lines) == len(levels)
    for line, level in zip(lines, levels):
        assert line.startswith(level.id + " ")
        assert level.module in line and line.rstrip().endswith(level.text("title", "en"))


def test_help_prints_usage(capsys):
    from game.core.options import usage

    assert cli.main(["--help"]) == 0
    assert capsys.readouterr().out.strip() == usage().strip()


def test_check_level_good_files(capsys):
    paths = sorted(str(p) for p in LEVEL_DIR.glob("*.json"))
    assert cli.main(["check-level", *paths]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.splitlines() == [f"{path}: ok" for path in paths]


def bad_level(tmp_path: Path, name: str, change) -> str:
    data = json.loads(sorted(LEVEL_DIR.glob("*.json"))[0].read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_check_level_bad_files_one_line_per_problem(tmp_path, capsys):
    two = bad_level(tmp_path, "01-two-problems.json", lambda d: d.update(par="eight", colour="red"))
    domain = bad_level(tmp_path, "02-domain.json", lambda d: d["surface"].update(domain=[3, -3, -3, 3]))
    broken = tmp_path / "03-broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    missing = str(tmp_path / "04-missing.json")
    good = str(sorted(LEVEL_DIR.glob("*.json"))[0])
    assert cli.main(["check-level", good, two, domain, str(broken), missing, str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{good}: ok"]
    lines = err.splitlines()
    assert len([line for line in lines if line.startswith(two)]) >= 2
    assert any(line.startswith(domain) for line in lines)
    assert any(line.startswith(str(broken)) for line in lines)
    assert f"{missing}: no such file" in lines
    assert any(line.startswith(str(tmp_path) + ":") and "folder" in line for line in lines)
    assert "Traceback" not in err


def test_check_level_without_files(capsys):
    assert cli.main(["check-level"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["--scale", "9"], ["--bogus"], ["--level"], ["--frames", "0"], ["--level", "1", "--seed", "X"], ["play"],
    ["--level", "nope"], ["--expr", "3*x+)"], ["--expr", "sin(x"], ["--seed", "a#b"], ["--palette", "pink"],
    ["--replay", "/no/such/recording.json"], ["--screenshot", "/no/such/folder/shot.png"],
    ["--screenshot", "shot.jpg"], ["--record", "/no/such/folder/r.json"], ["--hide", "fog"], ["levels", "extra"],
])
def test_bad_flags_one_line_exit_2(args, capsys, display):
    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and err.strip(), err
    assert "Traceback" not in err


def test_unknown_level_message(capsys, display):
    assert cli.main(["--level", "xyz"]) == 2
    assert capsys.readouterr().err == "unknown level 'xyz'; see `uphill levels`\n"


def test_expression_error_names_the_position(capsys, display):
    assert cli.main(["--expr", "3*x+)"]) == 2
    assert "position 4" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--bogus"], ["--level", "nope"], ["--expr", "1/(x"]])
def test_bad_flags_in_a_real_process(tmp_path, args):
    done = uphill(tmp_path, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


def check_summary(line: str) -> dict:
    data = json.loads(line)
    assert set(data) == SUMMARY_KEYS
    assert set(data["final"]) == {"x", "y", "value"} and set(data["peak"]) == {"x", "y", "value"}
    assert data["verdict"] in ("global", "local", "none")
    assert isinstance(data["score"], int) and data["stars"] in (0, 1, 2, 3) and data["probes"] >= 1
    return data


@pytest.mark.slow
def test_autoplay_every_level_in_process(capsys, data_dir, display):
    ids = level_ids_from_cli(capsys)
    by_id = {level.id: level for level in surfaces.builtin_levels()}
    assert ids == list(by_id)
    misses = []
    for level_id in ids:
        assert cli.main(["--headless", "--level", level_id, "--autoplay", "gradient"]) == 0
        out, err = capsys.readouterr()
        assert err == "" and len(out.splitlines()) == 1, (level_id, out, err)
        data = check_summary(out)
        assert data["level"] == level_id
        single_summit = len(by_id[level_id].surface.local_maxima()) == 1
        if single_summit and data["verdict"] != "global":
            misses.append(level_id)
    assert not misses, f"single-summit levels not climbed: {misses}"
    assert not os.path.exists(data_dir / "progress.json")  # the computer's plays are not the player's progress


@pytest.mark.slow
@pytest.mark.parametrize("args, level", [(["--seed", "PEAK-4821"], "PEAK-4821"), (["--expr", "3-(x-1)^2-y^2"], "custom")])
def test_autoplay_seed_and_expression(args, level, capsys, data_dir, display):
    for policy in ("gradient", "newton"):
        assert cli.main(["--headless", *args, "--autoplay", policy]) == 0
        out, err = capsys.readouterr()
        assert err == "" and len(out.splitlines()) == 1
        data = check_summary(out)
        assert data["level"] == level
    if level == "custom":  # one smooth hill: the climb ends on top
        assert data["verdict"] == "global" and abs(data["final"]["x"] - 1) < 0.05


@pytest.mark.slow
@pytest.mark.parametrize("text", ["exp(1000*x)", "log(x)", "1/x", "x/y", "sqrt(x)", "1e308*x"])
def test_autoplay_on_hostile_surfaces_prints_one_json_line_and_nothing_else(text, capfd, data_dir, display):
    from game.core.levels import expression_level
    from game.text.unbounded import unbounded_warning

    assert cli.main(["--headless", "--expr", text, "--autoplay", "gradient"]) == 0
    out, err = capfd.readouterr()
    warning = unbounded_warning(expression_level(text))  # a pole or overflow is named on stderr, nothing else
    assert err == ("" if warning is None else warning + "\n") and len(out.splitlines()) == 1
    check_summary(out)


@pytest.mark.slow
def test_autoplay_in_a_real_process(tmp_path):
    shot = tmp_path / "end.png"
    done = uphill(tmp_path, "--headless", "--level", "one-hill", "--autoplay", "gradient", "--frames", "90",
                  "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    (line,) = done.stdout.splitlines()
    assert check_summary(line)["verdict"] == "global"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["end.png"]  # no temp files left


@pytest.mark.slow
def test_python_m_game_levels_matches_cli(tmp_path, capsys):
    done = uphill(tmp_path, "levels")
    assert done.returncode == 0 and done.stderr == ""
    assert [line.split()[0] for line in done.stdout.splitlines()] == level_ids_from_cli(capsys)
