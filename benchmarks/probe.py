"""Section 3, probe cost: µs per call of value, gradient, Hessian, Taylor preview and Game.probe."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from benchmarks.config import FRAME_PROBES, PROBE_TARGET_US, Plan
from benchmarks.scene import richest_level
from benchmarks.timing import no_gc, random_points, summarize, time_each


def _probe_calls(level: Any, points: list[tuple[float, float]]) -> list[int]:
    """ns per Game.probe, 20 probes per game (a fresh Game between batches, outside the timing)."""
    from game.core.model import Game

    roomy = dataclasses.replace(level, probes=10 ** 6)
    samples: list[int] = []
    clock = time.perf_counter_ns
    for chunk in range(0, len(points), FRAME_PROBES):
        game = Game(roomy)
        with no_gc():
            for x, y in points[chunk: chunk + FRAME_PROBES]:
                t0 = clock()
                game.probe(x, y)
                samples.append(clock() - t0)
    return samples


def bench_probe(levels: list, plan: Plan) -> dict:
    """Section 3: µs per call of value, exact gradient, Hessian, Taylor preview and Game.probe."""
    from game.core.model import Game

    level = richest_level(levels)
    s = level.surface
    points = random_points(s.domain, plan.probe_calls)
    game = Game(level)
    game.probe(*points[0])
    game.probe(*points[1])
    _probe_calls(level, points[:FRAME_PROBES])  # warm-up
    out = {
        "level": level.id,
        "value": summarize(time_each(lambda x, y: s(x, y), points), "us"),
        "gradient": summarize(time_each(s.gradient, points), "us"),
        "hessian": summarize(time_each(s.hessian, points), "us"),
        "taylor": summarize(time_each(game.preview, points), "us"),
        "probe": summarize(_probe_calls(level, points), "us"),
    }
    out["target_us"] = PROBE_TARGET_US
    out["ok"] = out["probe"]["median_us"] <= PROBE_TARGET_US
    return out
