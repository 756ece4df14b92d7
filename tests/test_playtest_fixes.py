"""Regressions from the play-test of the lab, climbers and classroom: each found by a person, each fixed here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.core import actions as A
from game.core.depth import DEPTH_HIDDEN
from game.core.lab_mode import LAB, lab_level
from game.text.catalog import t

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("argv", [["--autoplay", "gradient"], ["--autoplay", "newton"],
                                  ["--autoplay", "rule", "--rule", "dx = 0; dy = 0"]])
def test_a_scripted_climb_in_lab_mode_ends(argv, tmp_path):
    """Lab mode refuses claims, so a climber that wants to claim must still end the run (it used to spin)."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "UPHILL_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "game", "--headless", "--mode", "lab", "--level", "two-peaks", *argv],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["mode"] == "lab" and data["score"] is None and data["probes"] >= 1


def test_depth_mode_keeps_the_slopes_hidden_even_when_shown(make_app, run_frames):
    app = make_app("--mode", "depth", "--level", "one-hill", "--probe=-2.2,1.8", "--probe", "0,0",
                   "--show", "gradient-lab,slice,hessian-axes,taylor-contours")
    run_frames(app, 3)
    lab = next(tool for tool in app.top.tools if type(tool).__name__ == "LabTool")
    assert lab.shown() == [] and set(DEPTH_HIDDEN) >= {"gradient-lab", "slice"}


def test_lab_mode_panel_says_lab_and_the_claim_button_is_off(make_app, run_frames):
    app = make_app("--mode", "lab", "--level", "long-ridge")
    run_frames(app, 2)
    scene = app.top
    assert scene.game.level.mode == LAB and scene.game.level.probes == lab_level(scene.level).probes
    drawn: list[str] = []
    from game.ui import fonts as fonts_mod
    original = fonts_mod.Fonts.draw

    def spy(self, target, text, *args, **kwargs):
        drawn.append(text)
        return original(self, target, text, *args, **kwargs)

    fonts_mod.Fonts.draw = spy
    try:
        app.dispatch(A.Action(A.PROBE, at=(0.5, 1.0)))  # the panel changes: drawn again
        run_frames(app, 2)
    finally:
        fonts_mod.Fonts.draw = original
    claim = next(spec for spec in scene.button_specs() if spec[0] == "claim")
    assert claim[3] is False  # a probe exists, but the lab claims nothing
    assert t("hud.lab.title", "en") in drawn and t("hud.lab.rules", "en") in drawn
    assert t("hud.score", "en") not in drawn


def test_the_climbers_bar_starts_folded_and_a_click_beside_it_probes(make_app, run_frames):
    app = make_app("--level", "two-peaks")
    run_frames(app, 2)
    scene = app.top
    climb = next(tool for tool in scene.tools if type(tool).__name__ == "ClimbTool")
    boxes = climb.place(scene.layout())
    assert list(boxes) == ["open"]
    button = boxes["open"]
    map_rect = pygame.Rect(tuple(scene.layout().map_rect))
    assert button.w * button.h < 0.02 * map_rect.w * map_rect.h  # a corner, not a strip of the map
    app.dispatch(A.Action(A.CLICK, pos=(button.right + 40, button.centery)))  # just beside it: the map
    assert len(scene.game.probes) == 1


def test_a_race_in_a_scored_climb_is_refused_with_a_message(make_app, run_frames):
    """The race shows heights the player never probed (and where the climbers end): not in a scored climb."""
    app = make_app("--level", "two-peaks")
    run_frames(app, 2)
    scene = app.top
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.RACE))
    race = next(tool for tool in scene.tools if type(tool).__name__ == "RaceTool")
    assert not race.shown and scene.message == t("climb.race.lab_only", "en") and not scene.game.finished


def test_a_race_in_lab_mode_runs(make_app, run_frames):
    app = make_app("--mode", "lab", "--level", "two-peaks")
    run_frames(app, 2)
    scene = app.top
    app.dispatch(A.Action(A.PROBE, at=(0.0, 0.0)))
    app.dispatch(A.Action(A.RACE))
    race = next(tool for tool in scene.tools if type(tool).__name__ == "RaceTool")
    assert race.shown


def test_a_neuron_fit_refuses_labels_outside_0_1_in_one_line(tmp_path, capsys):
    from game import cli

    data = tmp_path / "points.csv"
    data.write_text("x,t\n1,0\n2,6.9\n3,1\n", encoding="utf-8")
    assert cli.main(["--headless", "--data", str(data), "--fit", "neuron"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "column 2" in err[0] and "6.9" in err[0] and "between 0 and 1" in err[0]
    assert cli.main(["--headless", "--data", str(data), "--fit", "line", "--probe", "0,0"]) == 0  # a line takes any y


def test_a_neuron_level_file_with_a_label_outside_0_1_is_named(tmp_path):
    import surfaces

    level = json.loads((ROOT / "surfaces" / "levels" / "17-neuron.json").read_text(encoding="utf-8"))
    level["surface"]["data"][0][1] = 5.0
    path = tmp_path / "my-neuron.json"
    path.write_text(json.dumps(level), encoding="utf-8")
    with pytest.raises(surfaces.LevelError, match="surface.data: a neuron's labels"):
        surfaces.load_level(path)


def test_freeze_answers_put_highest_beside_the_height_and_the_cursor_steps_aside(make_app, run_frames):
    app = make_app("--level", "two-peaks", "--probe=-2.4,-2.2")
    run_frames(app, 2)
    scene = app.top
    app.dispatch(A.Action(A.FREEZE))
    for point in ((0.8, 0.5), (-1.3, -0.8)):
        scene.cursor = point
        app.dispatch(A.Action(A.PROBE))  # marks A, B
    app.dispatch(A.Action(A.CONFIRM))
    classroom = next(tool for tool in scene.tools if type(tool).__name__ == "ClassroomTool")
    lines = classroom.freeze.answer_lines("en")
    highest = t("class.a.highest", "en")
    marked = [line for line in lines if highest in line]
    assert len(marked) == 1 and marked[0].index(highest) < marked[0].index("gradient")
    assert scene.view_state().cursor is None
