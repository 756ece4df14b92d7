"""Section: model levels on 10 000 rows (line, neuron, exp): building the surface and its summit, the map grid
at 960×640 and at the play view's half resolution, and one probe (height, gradient, Hessian)."""

from __future__ import annotations

import time

import numpy as np

from benchmarks.config import Plan
from benchmarks.timing import summarize

ROWS = 10_000
MAPS = {"480x320": (480, 320), "960x640": (960, 640)}


def _data(kind: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-2, 3, ROWS)
    if kind == "line":
        return x, 1.7 * x - 0.4 + rng.normal(0, 0.5, ROWS)
    if kind == "neuron":
        return x, (rng.uniform(size=ROWS) < 1 / (1 + np.exp(-(2 * x - 1)))).astype(float)
    x = rng.uniform(0, 4, ROWS)
    return x, 3 * np.exp(-0.8 * x) + rng.normal(0, 0.1, ROWS)


def _time(fn, reps: int) -> dict:
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t0)
    return summarize(samples, "ms")


def bench_models(plan: Plan) -> list[dict]:
    """One row per model: build (surface + summit), map grids, probe; milliseconds."""
    from surfaces.models import ModelSurface

    rng = np.random.default_rng(7)
    reps = 2 if plan.quick else 5
    rows = []
    for kind in ("line", "neuron", "exp"):
        x, y = _data(kind, rng)
        row: dict = {"model": kind, "rows": ROWS}
        row["build"] = _time(lambda: ModelSurface(kind, x, y).peak(), reps)
        s = ModelSurface(kind, x, y)
        xmin, xmax, ymin, ymax = s.domain
        for name, (w, h) in MAPS.items():
            xs, ys = np.linspace(xmin, xmax, w), np.linspace(ymin, ymax, h)
            row[f"map_{name}"] = _time(lambda: s.grid(xs, ys, np.float32), reps)
        row["probe"] = _time(lambda: s.value_gradient_hessian(0.5 * (xmin + xmax), 0.5 * (ymin + ymax)), reps * 10)
        rows.append(row)
    return rows


def model_lines(report: dict) -> list[str]:
    """The section as text."""
    out = [f"model levels on {ROWS} rows (median ms): build+summit, map 480x320, map 960x640, probe"]
    for r in report.get("models", []):
        out.append(f"  {r['model']:<7} {r['build']['median_ms']:8.1f} {r['map_480x320']['median_ms']:8.1f} "
                   f"{r['map_960x640']['median_ms']:8.1f} {r['probe']['median_ms']:8.2f}")
    return out
