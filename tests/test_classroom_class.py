"""The class overlay and the step viewer: students' recordings of one level on one map (a broken, unfinished or
foreign recording is named in one line and skipped, the rest still show), a dropped file joins, and one climb
steps probe by probe with the recorded heights."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

import surfaces
from game import cli
from game.core import actions as A
from game.core.classlist import Skipped, expand, load_class, read_student
from game.core.climbers import summary
from game.core.model import Game
from game.core.options import parse_args
from game.core.record import Recorder
from game.ui.scenes.class_view import ClassScene
from game.ui.scenes.steps import StepScene


def record(path, level_id: str, probes, player: str | None = None, claim: bool = True) -> None:
    """A recording as the game writes it: the options, and the summary of the finished game."""
    level = surfaces.level_by_id(level_id)
    game = Game(level)
    for x, y in probes:
        game.probe(x, y)
    if claim:
        game.claim()
    flags = ["--level", level_id] + (["--player", player] if player else [])
    recorder = Recorder(parse_args(flags), (1280, 800))
    recorder.level = level_id
    recorder.result = summary(game) if claim else None
    recorder.save(str(path), 10)


@pytest.fixture
def klass(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    record(folder / "ada.json", "one-hill", [(-2.2, 1.8), (0.0, 0.0), (0.8, -0.5)], "Ada")
    record(folder / "ben.json", "one-hill", [(-2.2, 1.8), (-1.0, 1.0), (0.5, -0.3)])
    record(folder / "cem.json", "two-peaks", [(-2.4, -2.2)], "Cem")  # another level
    record(folder / "dan.json", "one-hill", [(-2.2, 1.8)], "Dan", claim=False)  # no finished game
    (folder / "eve.json").write_text('{"format": "uphill-record", "version": 1', encoding="utf-8")  # cut off
    (folder / "notes.txt").write_text("not a recording", encoding="utf-8")
    return folder


def test_load_class_keeps_one_level_and_names_every_skipped_file(klass):
    students, skipped = load_class([str(klass)])
    assert [s.name for s in students] == ["Ada", "ben"]  # the player's name, else the file's
    assert students[0].path[1][:2] == (0.0, 0.0) and students[0].verdict in ("global", "local", "none")
    codes = {item.file.rsplit("/", 1)[-1]: item.code for item in skipped}
    assert codes == {"cem.json": "foreign", "dan.json": "unfinished", "eve.json": "broken"}
    for item in skipped:
        line = item.line("one-hill")
        assert "\n" not in line and item.file in line and line.endswith("skipped")
    assert expand([str(klass / "ada.json"), str(klass)])[0].endswith("ada.json")


@pytest.mark.parametrize("change", [
    lambda d: d["result"].update(path=[[0, "x", 1]]),
    lambda d: d["result"].update(verdict="won"),
    lambda d: d["result"].update(score=-1),
    lambda d: d.update(version=99),
    lambda d: d["result"].update(path=[[0, 0, float("nan")]]),
])
def test_a_damaged_recording_is_broken_with_one_line(klass, change):
    path = klass / "ada.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    found = read_student(str(path))
    assert isinstance(found, Skipped) and found.code == "broken" and "\n" not in found.line()


def test_cli_class_names_the_skipped_files_and_shows_the_rest(display, capsys, klass, tmp_path):
    shot = tmp_path / "class.png"
    code = cli.main(["--headless", "--class", str(klass / "ada.json"), str(klass / "cem.json"), "--class",
                     str(klass / "eve.json"), str(klass / "ben.json"), "--frames", "3", "--screenshot", str(shot)])
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 0 and shot.exists() and len(lines) == 2
    assert "cem.json" in lines[0] and "two-peaks" in lines[0] and "eve.json" in lines[1]


def test_cli_class_with_nothing_usable_is_exit_2(display, capsys, klass):
    code = cli.main(["--headless", "--class", str(klass / "eve.json"), str(klass / "dan.json")])
    err = capsys.readouterr().err
    assert code == 2 and "eve.json" in err and "dan.json" in err and "Traceback" not in err
    assert cli.main(["--headless", "--class", str(klass), "--probe", "0,0"]) == 2


def test_class_with_a_level_refuses_recordings_of_another(display, make_app, klass):
    app = make_app("--class", str(klass), "--level", "two-peaks")
    assert isinstance(app.top, ClassScene) and [s.name for s in app.top.students] == ["Cem"]


def test_class_scene_shows_every_path_and_a_dropped_file_joins(make_app, run_frames, klass, drawn_texts, tmp_path):
    app = make_app("--class", str(klass / "ada.json"))
    run_frames(app, 2)
    scene = app.top
    assert isinstance(scene, ClassScene) and scene.level.id == "one-hill"
    app.dispatch(A.Action(A.DROP, text=str(klass / "ben.json")))
    app.dispatch(A.Action(A.DROP, text=str(klass / "cem.json")))  # foreign: named, skipped
    run_frames(app, 2)
    assert [s.name for s in scene.students] == ["Ada", "ben"]
    assert any("cem.json" in text and "two-peaks" in text for text in drawn_texts)  # named under the table
    assert not app.banners  # not in a banner over the panel's title
    assert {"Ada", "ben", "Name", "Probes", "Verdict", "Score"} <= set(drawn_texts)


def test_step_viewer_steps_probe_by_probe_with_the_recorded_heights(make_app, run_frames, klass, drawn_texts):
    app = make_app("--class", str(klass))
    run_frames(app, 2)
    student = app.top.students[0]
    app.dispatch(A.Action(A.MOVE, dy=1.0))
    app.dispatch(A.Action(A.MOVE, dy=-1.0))
    app.dispatch(A.Action(A.CONFIRM))
    run_frames(app, 2)
    viewer = app.top
    assert isinstance(viewer, StepScene) and viewer.shown == 1
    for count in (2, 3, 3):
        app.dispatch(A.Action(A.MOVE, dx=1.0))
        assert viewer.shown == count
    assert [(p.x, p.y, p.value) for p in viewer.game.probes] == [tuple(point) for point in student.path]
    app.dispatch(A.Action(A.MOVE, dx=-1.0))
    run_frames(app, 2)
    assert viewer.shown == 2 and viewer.game.probes_left == viewer.game.budget - 2
    assert "Ada: probe 2 of 3 · ←/→ step · X map · Esc back" in drawn_texts
    app.dispatch(A.Action(A.BACK))
    assert isinstance(app.top, ClassScene)


def test_a_recording_carries_the_player_name_end_to_end(display, capsys, tmp_path):
    path = tmp_path / "r.json"
    code = cli.main(["--headless", "--level", "one-hill", "--probe=-2.2,1.8", "--claim", "--record", str(path),
                     "--player", "  Zoë   K. "])
    capsys.readouterr()
    assert code == 0 and json.loads(path.read_text(encoding="utf-8"))["player"] == "Zoë K."
    assert read_student(str(path)).name == "Zoë K."


def test_the_example_class_in_the_docs_loads_as_its_readme_says():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "docs" / "example-class"
    students, skipped = load_class([str(folder)])
    assert [s.name for s in students] == ["Ada", "Ben", "Cem", "Dana"] and {s.level for s in students} == {"two-peaks"}
    assert sorted((Path(item.file).name, item.code) for item in skipped) == [("eli.json", "foreign"),
                                                                            ("fay.json", "broken")]


def test_class_flag_takes_several_paths_and_repeats():
    options = parse_args(["--class", "a.json", "b", "--classroom", "--class", "c.json", "d.json"])
    assert options.classes == ("a.json", "b", "c.json", "d.json") and options.classroom
    from game.core.options import OptionsError

    with pytest.raises(OptionsError):
        parse_args(["--classroom", "stray.json"])  # a path without --class before it is still an error
    assert parse_args(["--level", "my.JSON"]).level == "my.JSON" and parse_args(["--level", "one-hill"]).level
    with pytest.raises(OptionsError):
        parse_args(["--level", "../x"])


@given(st.text(max_size=60))
def test_player_names_are_clean_or_refused_in_one_line(raw):
    from game.core.options import OptionsError, parse_query

    try:
        name = parse_args(["--player", raw]).player
    except OptionsError as error:
        assert "\n" not in str(error)
        return
    assert name == " ".join(name.split()) and 1 <= len(name) <= 40 and name.isprintable()
    options, problems = parse_query("player=" + __import__("urllib.parse").parse.quote(raw))
    assert problems == [] and options.player == name


def test_the_class_view_shows_the_sharp_map_when_someone_watches(make_app, run_frames, klass):
    """The class view is a still screen: with the coarse-first drawing of a window its map stayed half resolution
    (nothing ever sharpened it)."""
    app = make_app("--class", str(klass / "ada.json"), size=(1920, 1080))
    app.env.progressive = True
    app.env._play_view = None
    run_frames(app, 3)
    contour = app.env.play_view().contour
    assert contour is not None and not contour.coarse and contour.size[0] * contour.size[1] > 1_000_000
