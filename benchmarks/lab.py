"""Section 2c, the calculus lab: play frames at 1280×800 with each lab overlay, then all four, and the cursor moving.

Browser cost: numpy in wasm runs 3–8× slower than native (no wide SIMD) and pygame's blits ~2×. The lab computes
its numbers only when the selected probe, h or the slice's direction change (error curves: 120 gradients ≈ 2–4 ms
native; the Taylor layer and the trust shading a few ms once); a frame with the cursor moving only blits the
cached layers and draws the insets. So a moving-cursor frame costs the native p95 × ~3–8 in the browser: at the
4 ms native target that is 12–32 ms worst case, and the measured p95 below × 8 is what to compare with a 16 ms frame.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from benchmarks.config import FRAME_P95_TARGET_MS, FRAME_PROBES, FRAME_SIZE, Plan
from benchmarks.scene import probe_path, richest_level
from benchmarks.timing import summarize, time_each

LAB_OVERLAYS = ("gradient-lab", "slice", "hessian-axes", "taylor-contours")
BROWSER_FACTOR = (3.0, 8.0)  # numpy in wasm vs native (STYLE.md, measured by the project)


def _lab_app(level: Any, shown: tuple[str, ...]) -> Any:
    import pygame

    from game.core import actions as A
    from game.core.options import parse_args
    from game.core.storage import MemoryBackend, Store
    from game.ui.app import App

    screen = pygame.display.set_mode(FRAME_SIZE)
    app = App(parse_args(["--headless", "--show=" + ",".join(shown)]), screen, store=Store(MemoryBackend()),
              start_level=level)
    for x, y in probe_path(level, FRAME_PROBES):
        app.top.handle(A.Action(A.PROBE, at=(x, y)))
    return app


def _measure(level: Any, shown: tuple[str, ...], plan: Plan) -> dict:
    import pygame

    from game.core import actions as A
    from game.ui.app import HEADLESS_DT

    app = _lab_app(level, shown)
    moves = [A.Action(A.MOVE, dx=1.0), A.Action(A.MOVE, dy=1.0), A.Action(A.MOVE, dx=-1.0), A.Action(A.MOVE, dy=-1.0)]
    count = [0]

    cpu: list[int] = []  # each frame's CPU time (thread_time): the figure that holds when other work shares the CPUs

    def frame() -> None:  # the cursor moves every frame: the scene redraws, the lab's layers come from its cache
        start = time.thread_time_ns()
        app.dispatch(moves[count[0] % 4])
        count[0] += 1
        app.step(HEADLESS_DT)
        pygame.display.flip()
        cpu.append(time.thread_time_ns() - start)

    for _ in range(plan.frame_warmup):
        frame()
    del cpu[:]
    out = summarize(time_each(frame, [()] * plan.frames, warmup=0))
    out["cpu"] = summarize(cpu)
    out["browser_p95_ms"] = [out["cpu"]["p95_ms"] * f for f in BROWSER_FACTOR]  # CPU time: load on the machine aside
    out["overlays"] = list(shown)
    return out


def bench_lab(levels: list, plan: Plan) -> dict:
    """Each lab overlay alone and all four together, on the frame section's level and probes, cursor moving."""
    base = richest_level(levels)
    level = dataclasses.replace(base, probes=max(base.probes, FRAME_PROBES + 4), par=max(base.par, FRAME_PROBES))
    runs = [_measure(level, (), plan)] + [_measure(level, (name,), plan) for name in LAB_OVERLAYS]  # () : reference
    every = _measure(level, LAB_OVERLAYS, plan)
    return {"level": base.id, "size": f"{FRAME_SIZE[0]}x{FRAME_SIZE[1]}", "each": runs, "all": every,
            "target_p95_ms": FRAME_P95_TARGET_MS, "ok": every["p95_ms"] <= FRAME_P95_TARGET_MS}


def lab_lines(report: dict) -> list[str]:
    """Section 2c as text."""
    lab = report["lab"]
    lines = ["2c. Calculus lab: play frame with the cursor moving (App.step + display.flip, dummy display)",
             f"   {lab['level']} {lab['size']}, {FRAME_PROBES} probes; browser estimate = native CPU p95 x 3..8"]
    for run in lab["each"] + [lab["all"]]:
        low, high = run["browser_p95_ms"]
        lines.append(f"   {'+'.join(run['overlays']) or 'no lab overlay (the same cursor moves)':<58} median {run['median_ms']:.2f} ms  p95 {run['p95_ms']:.2f} ms"
                     f"  CPU median {run['cpu']['median_ms']:.2f} p95 {run['cpu']['p95_ms']:.2f} ms"
                     f"  (browser ~{low:.0f}-{high:.0f} ms)")
    lines.append(f"   all four: target p95 <= {lab['target_p95_ms']:g} ms native {'ok' if lab['ok'] else 'MISSED'}")
    return lines


__all__ = ["bench_lab", "lab_lines", "LAB_OVERLAYS"]
