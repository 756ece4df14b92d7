"""The benchmark: `python -m benchmarks.bench --quick --json` runs and has the documented shape; its helpers are right."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import surfaces
from game.core.options import LAB_OVERLAYS, PLAY_OVERLAYS
from surfaces.functions import TABLE
from benchmarks import accuracy, config, timing
from surfaces import expr as E

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.bench


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_stats(stats: dict, unit: str) -> None:
    assert set(stats) >= {f"median_{unit}", f"p95_{unit}", "count"}
    assert isinstance(stats["count"], int) and stats["count"] > 0
    assert _number(stats[f"median_{unit}"]) and _number(stats[f"p95_{unit}"])
    assert stats[f"p95_{unit}"] >= stats[f"median_{unit}"] >= 0


@pytest.fixture(scope="module")
def report() -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench", "--quick", "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_quick_json_has_every_section(report: dict) -> None:
    assert set(report) >= {"machine", "redraw", "frame", "probe", "accuracy", "cold_start", "archive", "targets"}
    machine = report["machine"]
    assert all(isinstance(machine[k], str) for k in ("python", "numpy", "pygame"))
    assert isinstance(machine["cpu_count"], int) and machine["cpu_count"] > 0
    assert report["run"]["quick"] is True and "quick" in report["run"]["note"]


def test_quick_json_redraw_covers_every_level(report: dict) -> None:
    ids = {level.id for level in surfaces.builtin_levels()}
    rows = report["redraw"]
    assert {r["level"] for r in rows if r["size"] == "960x640"} == ids
    assert any(r["size"] == "1920x1080" for r in rows)
    for r in rows:
        assert set(r) >= {"level", "size", "fast", "naive", "ratio"}
        _check_stats(r["fast"], "ms")
        _check_stats(r["naive"], "ms")
        assert _number(r["ratio"]) and r["ratio"] > 0


def test_quick_json_frame_probe_cold_start(report: dict) -> None:
    frame = report["frame"]
    _check_stats(frame, "ms")
    # every play overlay on (the lab's start off: section 2c measures them)
    assert frame["probes"] == config.FRAME_PROBES and frame["size"] == "1280x800"
    assert not set(frame["hidden"]) & set(PLAY_OVERLAYS)
    lab = report["lab"]
    _check_stats(lab["all"], "ms")
    assert sorted(lab["all"]["overlays"]) == sorted(LAB_OVERLAYS) and len(lab["each"]) == len(LAB_OVERLAYS) + 1
    assert any(t["name"].startswith("frame p95, every lab overlay") for t in report["targets"])
    for key in ("value", "gradient", "hessian", "taylor", "probe"):
        _check_stats(report["probe"][key], "us")
    cold = report["cold_start"]
    assert cold["error"] is None, cold["error"]
    _check_stats(cold, "s")


def test_quick_json_idle_play_screen_draws_nothing(report: dict) -> None:
    idle = report["idle"]
    assert idle["scene"] == "PlayScene" and idle["frames"] > 0
    assert idle["drawn"] == 0 and idle["drawn_per_s"] == 0  # a count, not a timing: the same on every machine
    _check_stats(idle["step"], "us")
    assert _number(idle["cpu_pct"]) and idle["cpu_pct"] >= 0 and idle["loop_frames_per_s"] > 0


def test_quick_json_accuracy_archive_targets(report: dict) -> None:
    acc = report["accuracy"]
    if acc["skipped"] is None:
        assert len(acc["surfaces"]) == len(config.ACCURACY_SURFACES)
        assert all(_number(acc["worst"][k]) for k in ("gradient", "hessian", "central_gradient", "central_hessian"))
        for key in ("gradient", "hessian", "central_gradient", "central_hessian"):
            _check_stats(acc["time_us"][key], "us")
    else:
        assert acc["skipped"] == "mpmath not installed"
    archive = report["archive"]
    assert isinstance(archive["built"], bool) and isinstance(archive["files"], list)
    assert archive["built"] or archive["note"] == "not built (run ./build_web.sh)"
    assert len(report["targets"]) >= 8
    for t in report["targets"]:
        assert set(t) >= {"name", "target", "value", "ok"}
        assert isinstance(t["name"], str) and _number(t["target"])
        assert t["ok"] in (True, False, None)


def test_bad_flag_is_one_line_and_exit_2() -> None:
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench", "--fast"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "--fast" in done.stderr
    assert done.stdout == ""


def test_percentile_and_summarize_on_known_data() -> None:
    data = list(range(1, 101))  # 1..100
    assert timing.percentile(data, 50) == pytest.approx(50.5)
    assert timing.percentile(data, 95) == pytest.approx(95.05)
    assert timing.percentile([7], 95) == 7
    assert timing.percentile([3, 1, 2], 50) == 2  # order of the input does not matter
    assert math.isnan(timing.percentile([], 50))
    stats = timing.summarize([1_000_000, 2_000_000, 3_000_000, 4_000_000, 100_000_000], "ms")
    assert stats == {"median_ms": pytest.approx(3.0), "p95_ms": pytest.approx(80.8), "count": 5}
    assert timing.summarize([2_000], "us")["median_us"] == pytest.approx(2.0)


def test_relative_error_uses_floor_near_zero() -> None:
    ref = np.array([[1.0, 2.0], [1e-9, 0.0]])
    got = ref + np.array([[1e-12, 0.0], [1e-12, 0.0]])
    # first row: 1e-12 / 2; second row: 1e-12 / (1e-3 * 2) → the floor keeps it at 5e-10
    assert accuracy.relative_error(got, ref) == pytest.approx(5e-10)


def test_mpmath_reference_walks_the_surface_tree_to_a_known_derivative() -> None:
    mpmath = pytest.importorskip("mpmath")
    mp = mpmath.mp
    tree = surfaces.from_expression("x^2*y + sin(x) - 3*exp(-(x - 1)^2/2) + sigmoid(y)/2").tree
    f = accuracy.mp_function(mp, tree)
    with mp.workdps(40):
        x, y = mp.mpf(1), mp.mpf(2)
        got = mp.diff(f, (x, y), (1, 0))
        want = 2 * x * y + mp.cos(x) + 3 * (x - 1) * mp.exp(-(x - 1) ** 2 / 2)
        assert abs(got - want) < mp.mpf(10) ** -30
        assert abs(f(x, y) - (2 + mp.sin(1) - 3 + 1 / (1 + mp.exp(-2)) / 2)) < mp.mpf(10) ** -35
    assert accuracy.mp_function(mp, surfaces.from_expression("-x^2").tree)(mp.mpf(3), 0) == -9
    assert accuracy.mp_function(mp, surfaces.from_expression("2^-1 + max(x, y)").tree)(mp.mpf(1), mp.mpf(4)) == 4.5
    with pytest.raises(ValueError, match="bogus"):
        accuracy.mp_function(mp, E.Node("bogus", (E.X,)))


@pytest.mark.parametrize("op", sorted(TABLE))
def test_mpmath_reference_agrees_with_the_float_kernel_of_every_function(op: str) -> None:
    mp = pytest.importorskip("mpmath").mp
    arity = TABLE[op].arity
    x, y = 0.7, 0.4
    tree = E.Node(op, (E.X, E.Y, E.Y, E.X)[:arity])
    want = float(TABLE[op].numpy(*(np.float64(v) for v in (x, y, y, x)[:arity])))
    assert float(accuracy.mp_function(mp, tree)(mp.mpf(x), mp.mpf(y))) == pytest.approx(want, rel=1e-15)


def test_quick_json_has_the_climbers_section(report: dict) -> None:
    climb = report["climb"]
    for key in ("rule_step_momentum", "rule_step_newton", "autoclimb_step"):
        _check_stats(climb[key], "us")
    _check_stats(climb["race_frame"], "ms")
    assert climb["target_us"] == 50.0 and climb["ok"] == (climb["rule_step_newton"]["median_us"] <= 50.0)
    assert any(t["name"].startswith("step rule step") for t in report["targets"])
