"""Section 2b, idle: the play scene with nothing changing draws no frames, and the paced loop costs little CPU."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from benchmarks.config import FRAME_SIZE, IDLE_CPU_TARGET_PCT, IDLE_SETTLE_FRAMES, Plan
from benchmarks.timing import summarize, time_each


def _idle_app(level: Any) -> Any:
    """A desktop (not headless, so the loop paces itself) App on the dummy display, in the play scene of `level`."""
    import pygame

    from game.core.options import parse_args
    from game.core.storage import MemoryBackend, Store
    from game.ui.app import App

    screen = pygame.display.set_mode(FRAME_SIZE)
    return App(parse_args([]), screen, store=Store(MemoryBackend()), start_level=level)


def settle(app: Any, dt: float, limit: int = 600) -> int:
    """Step until IDLE_SETTLE_FRAMES frames in a row drew nothing (the start's animations are over); the frames
    it took."""
    quiet = 0
    for frame in range(limit):
        app.step(dt)
        quiet = 0 if app.drawn else quiet + 1
        if quiet >= IDLE_SETTLE_FRAMES:
            return frame + 1
    return limit


async def _run_paced(app: Any, seconds: float) -> None:
    """The real loop for `seconds` of wall time, then stop it."""
    from game.ui.loop import loop

    task = asyncio.ensure_future(loop(app))
    await asyncio.sleep(seconds)
    app.running = False
    await task


def bench_idle(levels: list, plan: Plan) -> dict:
    """Frames drawn per second by an idle play screen (fixed 1/60 s steps), the cost of an idle step, and the CPU
    the paced desktop loop uses over plan.idle_seconds of wall time (% of one core; dummy display, no events)."""
    import pygame

    from game.ui.loop import FPS, HEADLESS_DT

    level = levels[0]
    app = _idle_app(level)
    settled = settle(app, HEADLESS_DT)
    before = app.draws
    frames = int(plan.idle_seconds * FPS)
    for _ in range(frames):
        app.step(HEADLESS_DT)
    drawn = app.draws - before
    step = summarize(time_each(app.step, [(HEADLESS_DT,)] * frames, warmup=0), "us")
    pygame.event.clear()
    frame0, cpu0, wall0 = app.frame, time.process_time(), time.perf_counter()
    asyncio.run(_run_paced(app, plan.idle_seconds))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    cpu_pct = 100.0 * cpu / wall
    return {"level": level.id, "scene": type(app.top).__name__, "size": f"{FRAME_SIZE[0]}x{FRAME_SIZE[1]}",
            "settle_frames": settled, "frames": frames, "drawn": drawn, "drawn_per_s": drawn * FPS / frames,
            "step": step, "loop_seconds": wall, "loop_frames_per_s": (app.frame - frame0) / wall, "cpu_pct": cpu_pct,
            "target_cpu_pct": IDLE_CPU_TARGET_PCT, "ok": drawn == 0 and cpu_pct <= IDLE_CPU_TARGET_PCT}


__all__ = ["bench_idle", "settle"]
