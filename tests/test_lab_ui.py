"""The calculus lab in the play scene: keys, the tool's state, insets on the map, no hidden heights during play,
lab mode (revealed, unlimited probes, no claim, no score) and the --reveal figure from the command line."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import numpy as np
import pygame
import pytest

from game.core import actions as A
from game.core.lab_fd import DEFAULT_H, H_STEPS
from game.core.lab_mode import LAB_PROBES
from game.core.options import LAB_OVERLAYS, OptionsError, parse_args
from game.ui.input import InputMapper
from game.ui.tools.lab import LabTool
from game.ui.views import lab_slice

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALL = "--show=" + ",".join(LAB_OVERLAYS)


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def lab_tool(app) -> LabTool:
    return next(tool for tool in app.top.tools if isinstance(tool, LabTool))


@pytest.mark.parametrize("k, kind, dx", [(pygame.K_LEFTBRACKET, A.LAB_H, -1.0), (pygame.K_RIGHTBRACKET, A.LAB_H, 1.0),
                                         (pygame.K_COMMA, A.LAB_TURN, 1.0), (pygame.K_PERIOD, A.LAB_TURN, -1.0),
                                         (pygame.K_SEMICOLON, A.LAB_AXIS, 0.0)])
def test_lab_keys(k, kind, dx):
    (action,) = InputMapper().map(key(k), (800, 600))
    assert (action.kind, action.dx) == (kind, dx)
    assert A.Action.from_json(action.to_json()) == action  # recorded and replayed like every action


def test_h_steps_turns_and_directions(make_app, run_frames):
    app = make_app("--level", "2", ALL)
    run_frames(app, 2)
    tool = lab_tool(app)
    assert tool.h == DEFAULT_H
    app.dispatch(A.Action(A.LAB_H, dx=-1.0))
    assert tool.h == 5e-4
    for _ in range(60):
        app.dispatch(A.Action(A.LAB_H, dx=-1.0))
    assert tool.h == H_STEPS[-1] == 1e-14
    for _ in range(60):
        app.dispatch(A.Action(A.LAB_H, dx=1.0))
    assert tool.h == 0.1
    kinds = []
    for _ in range(4):
        app.dispatch(A.Action(A.LAB_AXIS))
        kinds.append(tool.kind)
    assert kinds == ["y", "gradient", "free", "x"]
    app.dispatch(A.Action(A.LAB_TURN, dx=1.0))
    assert (tool.kind, tool.angle) == ("free", 15.0)
    app.dispatch(A.Action(A.LAB_TURN, dx=-1.0))
    app.dispatch(A.Action(A.LAB_TURN, dx=-1.0))
    assert tool.angle == 345.0


@pytest.mark.parametrize("flags", [("--size", "1280x800"), ("--size", "1920x1080", "--classroom", "--lang", "de")])
def test_insets_sit_on_the_map_and_the_plot_picks_h(make_app, run_frames, flags):
    app = make_app("--level", "long-ridge", "--reveal", "--probe", "0.5,1", ALL, *flags)
    run_frames(app, 3)
    tool = lab_tool(app)
    layout = app.top.layout()
    map_rect, hud = pygame.Rect(layout.map_rect), pygame.Rect(layout.hud_rect)
    assert len(tool.inset_rects) == 2 and tool.plot_rect is not None
    for rect in tool.inset_rects:
        assert map_rect.contains(rect) and not rect.colliderect(hud)
    assert not tool.inset_rects[0].colliderect(tool.inset_rects[1])
    plot = tool.plot_rect
    app.dispatch(A.Action(A.CLICK, pos=(plot.left + 1, plot.centery)))  # left end: the largest h
    assert tool.h == 0.1 and len(app.top.game.probes) == 1  # the click picked h and did not probe
    app.dispatch(A.Action(A.CLICK, pos=(plot.right - 2, plot.centery)))
    assert tool.h == 1e-14
    app.dispatch(A.Action(A.POINT, pos=plot.center))
    app.dispatch(A.Action(A.ADJUST, dy=1.0))
    assert tool.h == 2e-14  # the wheel over the plot steps h


def _frame(make_app, run_frames, expr):
    app = make_app("--expr", expr, "--probe", "-1,0", "--probe", "-0.4,0.2", ALL)
    run_frames(app, 40)
    tool = lab_tool(app)
    probe = tool.probe()
    data = tool.slice_data(probe, app.top.layout())
    # the lab's own drawing on a blank screen (the map under the translucent insets differs: its band levels
    # follow each surface's range; the Taylor contours use those levels, so they are left out here)
    app.env.hidden = frozenset(app.env.hidden | {"taylor-contours"})
    app.env.play_view().last_label_rects = []  # the map's own labels sit where each map's isolines let them
    blank = pygame.Surface(app.screen.get_size())
    tool.draw(blank, app.top.layout())
    return app, data, pygame.image.tobytes(blank, "RGB")


def test_play_never_shows_a_hidden_height(make_app, run_frames):
    """Two surfaces that agree near the probes but not far away (a tall needle on the slice's line): during play
    the slice's data and every inset's pixels are the same, and no drawn height reaches the hidden needle."""
    base = "exp(-((x+1)^2 + y^2))"
    needle = base + " + 6*exp(-((x-2)^2 + (y-0.2)^2)/0.05)"
    _, plain, plain_pixels = _frame(make_app, run_frames, base)
    _, hidden, hidden_pixels = _frame(make_app, run_frames, needle)
    assert np.array_equal(np.isnan(plain.zs), np.isnan(hidden.zs))
    assert np.allclose(plain.zs, hidden.zs, equal_nan=True, atol=1e-12)
    assert np.nanmax(hidden.zs) < 1.5 and lab_slice.y_range(hidden)[1] < 1.5
    assert plain_pixels == hidden_pixels


def test_lab_mode_reveals_the_map_and_claims_nothing(make_app, run_frames):
    app = make_app("--level", "long-ridge", "--mode", "lab")
    run_frames(app, 2)
    scene = app.top
    assert scene.game.budget == LAB_PROBES and scene.game.forced_start is None
    assert scene.view_state().revealed
    app.dispatch(A.Action(A.PROBE, at=(0.5, 1.0)))
    app.dispatch(A.Action(A.CLAIM))
    run_frames(app, 2)
    assert app.top is scene and not scene.game.finished
    assert "no score" in scene.message


def test_play_mode_keeps_its_fog_and_rules(make_app, run_frames):
    app = make_app("--level", "long-ridge")
    run_frames(app, 2)
    assert not app.top.view_state().revealed and app.top.game.budget == 16 and app.top.game.forced_start


def test_reveal_is_a_flag():
    assert parse_args(["--reveal"]).reveal and not parse_args([]).reveal
    with pytest.raises(OptionsError):
        parse_args(["--reveal=maybe"])


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return subprocess.run([sys.executable, "-m", "game", "--headless", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_the_slide_figure_from_the_issue(tmp_path):
    out = tmp_path / "f.png"
    run = _cli("--level", "long-ridge", "--probe", "0.5,1", "--show", "slice,hessian-axes", "--reveal",
               "--screenshot", str(out))
    assert run.returncode == 0, run.stderr
    line = json.loads(run.stdout)
    assert line["path"][0][:2] == [0.5, 1.0] and line["verdict"] is None
    assert pygame.image.load(str(out)).get_size() == (1280, 800)


def test_lab_mode_from_the_cli_has_no_score_and_no_budget():
    probes = [arg for i in range(20) for arg in ("--probe", f"{-2 + 0.2 * i:.1f},0.5")]
    run = _cli("--level", "long-ridge", "--mode", "lab", *probes, "--claim")
    assert run.returncode == 0, run.stderr
    line = json.loads(run.stdout)
    assert line["probes"] == 20 and line["verdict"] is None and line["score"] is None and line["stars"] is None
    assert line["mode"] == "lab"
    bad = _cli("--level", "long-ridge", "--reveal=2")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


def test_after_the_claim_the_slice_shows_the_whole_curve(make_app, run_frames):
    app = make_app("--level", "long-ridge", "--probe=-2.4,1.6", "--probe=-1.5,0.9", "--claim", ALL)
    run_frames(app, 3)
    scene = app.top
    assert type(scene).__name__ == "ResultScene" and scene.game.finished
    tool = next(t for t in scene.tools if type(t).__name__ == "LabTool")
    data = tool.slice_data(tool.probe(), scene.layout())
    assert np.all(np.isfinite(data.zs)) and (tool.probe().x, tool.probe().y) == (-1.5, 0.9)
    assert len(tool.inset_rects) == 2
    app.dispatch(A.Action(A.LAB_H, dx=1.0))
    assert tool.h == 2e-3


def test_tab_picks_the_probe_the_lab_works_at(make_app, run_frames):
    app = make_app("--level", "long-ridge", "--probe=-2.4,1.6", "--probe=-1.5,0.9", ALL)
    run_frames(app, 2)
    tool = lab_tool(app)
    assert (tool.probe().x, tool.probe().y) == (-1.5, 0.9)
    app.dispatch(A.Action(A.NEXT))  # Tab: the probe before
    assert (tool.probe().x, tool.probe().y) == (-2.4, 1.6)
    app.dispatch(A.Action(A.LAB_AXIS))
    app.dispatch(A.Action(A.LAB_AXIS))  # along the gradient
    data = tool.slice_data(tool.probe(), app.top.layout())
    g = app.top.game.surface.gradient(-2.4, 1.6)
    assert data.u == pytest.approx(tuple(g / np.hypot(*g)))
    assert data.secant.tangent == pytest.approx(float(np.hypot(*g)))  # ∇f·u = |∇f| along the gradient
