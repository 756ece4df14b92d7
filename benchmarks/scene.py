"""Section 2, frame time: the richest level's play scene with probes on the map, one App.step + flip per frame."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from benchmarks.config import FRAME_P95_TARGET_MS, FRAME_PROBES, FRAME_SIZE, Plan
from benchmarks.timing import summarize, time_each


def richest_level(levels: list) -> Any:
    """The built-in level that turns on the most: overlays, then Taylor order, then probes."""
    return max(levels, key=lambda lv: (len(lv.overlays), lv.taylor, lv.probes))


def probe_path(level: Any, n: int) -> list[tuple[float, float]]:
    """n points from the level's start towards its peak, weaving sideways, all inside the domain."""
    xmin, xmax, ymin, ymax = level.surface.domain
    start = level.start or (0.8 * xmin + 0.2 * xmax, 0.8 * ymin + 0.2 * ymax)
    px, py, _ = level.surface.peak()
    dx, dy = px - start[0], py - start[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    wobble = 0.08 * min(xmax - xmin, ymax - ymin)
    out = []
    for i in range(n):
        t = 0.95 * i / max(1, n - 1)
        s = wobble * math.sin(3.0 * math.pi * t)
        x = min(max(start[0] + t * dx + s * nx, xmin), xmax)
        y = min(max(start[1] + t * dy + s * ny, ymin), ymax)
        out.append((x, y))
    return out


def _frame_app(level: Any) -> Any:
    """An App on the dummy display, in the Play scene of `level`, with FRAME_PROBES probes and the cursor set."""
    import pygame

    from game.core import actions as A
    from game.ui.app import App
    from game.core.options import parse_args
    from game.core.storage import MemoryBackend, Store

    screen = pygame.display.set_mode(FRAME_SIZE)
    app = App(parse_args(["--headless"]), screen, store=Store(MemoryBackend()), start_level=level)
    scene = app.top
    for x, y in probe_path(level, FRAME_PROBES):
        scene.handle(A.Action(A.PROBE, at=(x, y)))
    last = scene.game.probes[-1]
    xmin, xmax, ymin, ymax = level.surface.domain
    scene.cursor = (min(max(last.x + 0.06 * (xmax - xmin), xmin), xmax),
                    min(max(last.y - 0.05 * (ymax - ymin), ymin), ymax))
    return app


def bench_frame(levels: list, plan: Plan) -> dict:
    """Section 2: App.step (events, update, every visible scene's draw) + display.flip at 1280×800."""
    import pygame

    from game.ui.app import HEADLESS_DT

    base = richest_level(levels)
    level = dataclasses.replace(base, probes=max(base.probes, FRAME_PROBES + 4), par=max(base.par, FRAME_PROBES))
    app = _frame_app(level)

    def frame() -> None:  # a frame that draws (an idle one draws nothing: see benchmarks/idle.py)
        app.invalidate()
        app.step(HEADLESS_DT)
        pygame.display.flip()

    for _ in range(plan.frame_warmup):  # lets the fog holes finish fading and the arrows grow
        frame()
    samples = time_each(frame, [()] * plan.frames, warmup=0)
    game = app.top.game
    out = summarize(samples)
    out.update({"level": base.id, "size": f"{FRAME_SIZE[0]}x{FRAME_SIZE[1]}", "probes": len(game.probes),
                "overlays": sorted(level.overlays), "hidden": sorted(app.env.hidden), "taylor": level.taylor,
                "scene": type(app.top).__name__, "cursor": list(app.top.cursor), "budget_raised_to": level.probes,
                "target_p95_ms": FRAME_P95_TARGET_MS, "ok": out["p95_ms"] <= FRAME_P95_TARGET_MS})
    return out
