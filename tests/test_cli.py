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
SUMMARY_KEYS = {"level", "probes", "path", "final", "peak", "verdict", "point", "score", "stars"}


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


@pytest.mark.parametrize("code, problem", [("PEAK-4821", "mistyped"), ("peak 4821 q", "mistyped"), ("A", "too short")])
def test_a_bad_class_code_is_one_line_exit_2(code, problem, capsys, display):
    assert cli.main(["--seed", code, "--headless", "--frames", "1"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and problem in err and "Traceback" not in err


def test_a_bad_class_code_in_a_real_process(tmp_path):
    done = uphill(tmp_path, "--seed", "PEAK4821Q", "--headless", "--frames", "1")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "--seed 'PEAK4821Q': class code is mistyped (or from before version 0.2): its last character, the check character, does not match the rest"]


def test_a_class_code_in_any_spelling_plays_its_terrain(capsys, display, data_dir):
    assert cli.main(["--seed", "peak 4821 b", "--headless", "--autoplay", "gradient"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "PEAK-4821-B" and data["peak"]["value"] == pytest.approx(6.642385, abs=1e-6)


def test_expression_error_names_the_position(capsys, display):
    assert cli.main(["--expr", "3*x+)"]) == 2
    assert "position 5" in capsys.readouterr().err  # the fifth character: people count from 1


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--bogus"], ["--level", "nope"], ["--expr", "1/(x"]])
def test_bad_flags_in_a_real_process(tmp_path, args):
    done = uphill(tmp_path, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


def check_summary(line: str) -> dict:
    data = json.loads(line)
    assert set(data) - {"fit"} == SUMMARY_KEYS  # "fit" on model levels (issue 14)
    if "fit" in data:
        assert set(data["fit"]) == {"model", "rows", "params", "final", "summit"}
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
@pytest.mark.parametrize("args, level", [(["--seed", "PEAK-4821-B"], "PEAK-4821-B"),
                                         (["--expr", "3-(x-1)^2-y^2"], "custom")])
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


# --- --domain: the map of a typed formula ----------------------------------------------------------------------
def test_domain_sets_the_map_of_a_typed_formula(display):
    from game.core.options import DEFAULT_DOMAIN, parse_args
    from game.ui.startup import prepare

    _, _, level = prepare(parse_args(["--expr", "x^2 - y^2", "--domain", "-1,4,-0.5,2.5"]))
    assert tuple(level.surface.domain) == (-1.0, 4.0, -0.5, 2.5)
    _, _, level = prepare(parse_args(["--expr", "x^2 - y^2"]))
    assert tuple(level.surface.domain) == DEFAULT_DOMAIN


@pytest.mark.parametrize("args", [
    ["--expr", "sqrt(-x^2-1)"], ["--expr", "log(-x^2-1)"], ["--expr", "log(x)", "--domain", "-3,-1,-3,3"],
    ["--expr", "sqrt(-x^2-1)", "--domain", "-100,100,-1,1"], ["--domain", "-1,1,-1,1"],
    ["--expr", "x", "--domain", "1,-1,-1,1"], ["--expr", "x", "--domain", "-1,1,-1"],
])
def test_formulas_undefined_on_their_map_and_bad_domains_are_one_line_exit_2(args, capsys, display, data_dir):
    assert cli.main(["--headless", "--frames", "1", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "Traceback" not in err
    assert ("--domain" in err) if "--domain" in args else ("no value anywhere on the map" in err)


def test_a_formula_defined_only_on_its_domain_plays(capsys, display, data_dir):
    assert cli.main(["--headless", "--frames", "1", "--expr", "log(x-10)"]) == 2
    capsys.readouterr()
    assert cli.main(["--headless", "--frames", "1", "--expr", "log(x-10)", "--domain", "11,12,-1,1"]) == 0


def test_an_undefined_formula_on_the_web_is_a_banner_in_the_players_language(display):
    from game.core.options import parse_query
    from game.ui.startup import StartupError, prepare

    options, problems = parse_query("expr=log(x)&domain=-3,-1,-3,3&lang=de")
    assert problems == [] and options.domain == (-3.0, -1.0, -3.0, 3.0)
    with pytest.raises(StartupError) as info:
        prepare(options)
    assert info.value.words("de") == "Formel 'log(x)': Die Formel hat nirgends auf der Karte einen Wert"


# --- --probe X,Y ... [--claim]: scripted play and its one JSON line --------------------------------------------
def scripted(capsys, *args: str) -> dict:
    assert cli.main(["--headless", *args]) == 0
    out, err = capsys.readouterr()
    assert err == "" and len(out.splitlines()) == 1, (out, err)
    return json.loads(out)


def check_types(data: dict) -> None:
    assert set(data) - {"fit"} == SUMMARY_KEYS  # "fit" on model levels (issue 14)
    if "fit" in data:
        assert set(data["fit"]) == {"model", "rows", "params", "final", "summit"}
    assert isinstance(data["level"], str) and isinstance(data["probes"], int)
    assert isinstance(data["score"], int) and data["stars"] in (0, 1, 2, 3)
    assert data["verdict"] in ("global", "local", "none", None)
    assert data["point"] in ("maximum", "minimum", "saddle", "degenerate", "not stationary", "undefined", None)
    assert (data["verdict"] is None) == (data["point"] is None)
    for key in ("final", "peak"):
        assert set(data[key]) == {"x", "y", "value"}
        assert all(v is None or isinstance(v, float) for v in data[key].values())
    assert isinstance(data["path"], list) and len(data["path"]) == data["probes"]
    for x, y, f in data["path"]:
        assert isinstance(x, float) and isinstance(y, float) and (f is None or isinstance(f, float))


def test_probes_and_claim_print_one_json_line_with_the_path(capsys, display, data_dir):
    expr = "x^2 - y^2"
    probes = [(0.5, 0.5), (-1.25, 2.0), (0.0, 0.0)]
    data = scripted(capsys, "--expr", expr, *[f"--probe={x},{y}" for x, y in probes], "--claim")
    check_types(data)
    surface = surfaces.from_expression(expr)
    assert [(x, y) for x, y, _ in data["path"]] == probes  # in order, as given
    assert [f for _, _, f in data["path"]] == [surface(x, y) for x, y in probes]
    assert data["final"] == {"x": 0.0, "y": 0.0, "value": 0.0} and data["verdict"] is not None


def test_probes_without_claim_leave_the_verdict_and_point_null(capsys, display, data_dir):
    data = scripted(capsys, "--expr", "3 - (x-1)^2 - y^2", "--probe", "1,0")
    check_types(data)
    assert data["verdict"] is None and data["point"] is None and data["path"] == [[1.0, 0.0, 3.0]]


def test_undefined_heights_are_null_in_the_path_never_nan(capsys, display, data_dir):
    data = scripted(capsys, "--expr", "log(x)", "--probe", "-1,0", "--probe", "2,0", "--claim")
    check_types(data)
    assert data["path"][0] == [-1.0, 0.0, None] and data["path"][1][2] == pytest.approx(0.6931471805599453)


def test_domain_changes_where_probes_may_go(capsys, display, data_dir):
    assert cli.main(["--headless", "--expr", "x", "--probe", "5,0.5"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "--probe 5,0.5: outside the map of level 'custom' (x from -3 to 3, y from -3 to 3)\n"
    data = scripted(capsys, "--expr", "x", "--domain", "0,10,0,1", "--probe", "5,0.5", "--claim")
    assert data["path"] == [[5.0, 0.5, 5.0]] and data["peak"]["x"] == 10.0


@pytest.mark.parametrize("args, fragment", [
    (["--claim"], "--claim needs a probe"),
    (["--expr", "x", "--probe", "0,3.5"], "outside the map"),
    (["--level", "one-hill", "--probe", "99,0"], "outside the map of level 'one-hill'"),
    (["--level", "two-peaks", "--probe", "0.8,0.5"],
     "--probe 0.8,0.5: level 'two-peaks' starts at -2.4,-2.2, where every first probe lands; begin with --probe -2.4,-2.2"),
    (["--expr", "x", *["--probe=0,0"] * 13], "given 13 times, but level 'custom' allows 12 probes"),
    (["--probe", "1,x"], "--probe: 'x' in '1,x' is not a number"),
    (["--probe", "1e400,0"], "too large"),
])
def test_bad_scripts_are_one_line_exit_2(args, fragment, capsys, display, data_dir):
    assert cli.main(["--headless", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and fragment in err and "Traceback" not in err


def test_autoplay_goes_on_from_the_last_probe(capsys, display, data_dir):
    from game.core.climbers import next_move
    from game.core.levels import expression_level
    from game.core.model import Game

    expr, high, low = "3 - (x-1)^2 - y^2", (1.2, 0.1), (-2.0, 2.0)  # the last probe is the lower one
    data = scripted(capsys, "--expr", expr, "--probe", "1.2,0.1", "--probe", "-2,2", "--autoplay", "gradient")
    check_types(data)
    path = [(x, y) for x, y, _ in data["path"]]
    assert path[:2] == [high, low] and len(path) > 2 and data["verdict"] is not None
    game, state = Game(expression_level(expr)), {}
    game.probe(*high)
    game.probe(*low)
    move = next_move(game, "gradient", state)
    assert move[0] == "probe" and path[2] == (move[1], move[2])  # the climber's first step, taken from `low`
    assert abs(move[1] - low[0]) + abs(move[2] - low[1]) < abs(move[1] - high[0]) + abs(move[2] - high[1])


def test_scripted_probes_are_recorded_as_a_players_actions_and_replay(tmp_path, capsys, display, data_dir):
    record = tmp_path / "r.json"
    first = scripted(capsys, "--expr", "x^2 - y^2", "--domain", "-1,1,-2,2", "--probe", "0.5,0.5", "--probe", "0,0",
                     "--claim", "--record", str(record))
    saved = json.loads(record.read_text(encoding="utf-8"))
    assert saved["options"] == "expr=x%5E2%20-%20y%5E2&domain=-1,1,-2,2&lang=en"  # the language it was played in
    assert [action for _, action in saved["actions"]] == [
        {"kind": "probe", "at": [0.5, 0.5]}, {"kind": "probe", "at": [0.0, 0.0]}, {"kind": "claim"}]
    assert saved["result"] == first
    assert cli.main(["--headless", "--replay", str(record)]) == 0


def test_a_scripted_claim_is_not_the_players_progress(capsys, display, data_dir):
    scripted(capsys, "--level", "one-hill", "--probe", "-2.2,1.8", "--probe", "0.8,-0.5", "--claim")
    assert not os.path.exists(data_dir / "progress.json")


def test_a_level_with_a_fixed_start_takes_the_start_first(capsys, display, data_dir):
    data = scripted(capsys, "--level", "two-peaks", "--probe", "-2.4,-2.2", "--probe", "0.8,0.5", "--claim")
    assert [p[:2] for p in data["path"]] == [[-2.4, -2.2], [0.8, 0.5]]


def test_probes_with_frames_still_print_one_line(capsys, display, data_dir):
    data = scripted(capsys, "--expr", "x", "--probe", "0,0", "--frames", "3")
    assert data["path"] == [[0.0, 0.0, 0.0]] and data["verdict"] is None


@pytest.mark.slow
def test_the_readme_saddle_example_in_a_real_process(tmp_path):
    done = uphill(tmp_path, "--headless", "--expr", "x^2 - y^2", "--probe", "0.5,0.5", "--probe=-1.5,2",
                  "--probe", "0,0", "--claim")
    assert done.returncode == 0 and done.stderr == ""
    (line,) = done.stdout.splitlines()
    data = json.loads(line)
    assert [p[:2] for p in data["path"]] == [[0.5, 0.5], [-1.5, 2.0], [0.0, 0.0]]
    for args in (["--expr", "sqrt(-x^2-1)"], ["--expr", "log(-x^2-1)"], ["--claim"], ["--probe", "nan,0"]):
        done = uphill(tmp_path, "--headless", *args)
        assert done.returncode == 2 and done.stdout == "" and len(done.stderr.splitlines()) == 1, args
        assert "Traceback" not in done.stderr


def test_the_readme_documents_every_flag():
    from game.core.options import SCHEMA

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [spec.name for spec in SCHEMA if f"--{spec.name}" not in readme]
    assert not missing, f"flags the README does not mention: {missing}"
