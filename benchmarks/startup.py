"""Sections 5 and 6: cold start of `python -m game` in a subprocess, and the size of the web build's archive."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.config import ARCHIVE_TARGET_KB, COLD_START_TARGET_S, ROOT, Plan
from benchmarks.timing import summarize


COLD_COMMAND = ("-m", "game", "--headless", "--frames", "1")


def _cold_run(env: dict[str, str]) -> tuple[int, str | None]:
    t0 = time.perf_counter_ns()
    try:
        done = subprocess.run([sys.executable, *COLD_COMMAND], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return time.perf_counter_ns() - t0, "timed out after 60 s"
    elapsed = time.perf_counter_ns() - t0
    if done.returncode != 0:
        lines = (done.stderr or "").strip().splitlines() or [""]
        return elapsed, f"exit {done.returncode}: {lines[-1][:200]}"
    return elapsed, None


def bench_cold_start(plan: Plan) -> dict:
    """Section 5: wall time of `python -m game --headless --frames 1` (one unmeasured run first)."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a player's Python caches bytecode: so does this measurement
    _, error = _cold_run(env)  # writes the .pyc files: a one-off, not a cold start
    samples = []
    for _ in range(plan.cold_runs if error is None else 0):
        elapsed, error = _cold_run(env)
        samples.append(elapsed)
    out = summarize(samples, "s")
    out.update({"command": "python " + " ".join(COLD_COMMAND), "bytecode_cache": True, "error": error,
                "target_s": COLD_START_TARGET_S, "ok": error is None and out["median_s"] <= COLD_START_TARGET_S})
    return out


def bench_archive(root: Path = ROOT) -> dict:
    """Section 6: sizes of build/web/*.apk, *.tar.gz and build/web.zip (the app archive is the .apk/.tar.gz)."""
    build = root / "build"
    out: dict[str, Any] = {"built": build.is_dir(), "files": [], "app_kb": None, "target_kb": ARCHIVE_TARGET_KB,
                           "ok": None, "note": None}
    if not build.is_dir():
        out["note"] = "not built (run ./build_web.sh)"
        return out
    web = build / "web"
    apps = sorted(web.glob("*.apk")) + sorted(web.glob("*.tar.gz")) if web.is_dir() else []
    extra = [build / "web.zip"] if (build / "web.zip").is_file() else []
    out["files"] = [{"path": str(p.relative_to(root)), "kb": p.stat().st_size / 1000.0} for p in apps + extra]
    if apps:
        out["app_kb"] = max(p.stat().st_size for p in apps) / 1000.0
        out["ok"] = out["app_kb"] <= ARCHIVE_TARGET_KB
    else:
        out["note"] = "build/ exists but holds no app archive (run ./build_web.sh)"
    return out
