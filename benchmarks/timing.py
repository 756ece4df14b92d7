"""Statistics and timing helpers: percentiles, summaries in ms/µs/s, timed loops with the collector off."""

from __future__ import annotations

import gc
import math
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from benchmarks.config import SEED


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between order statistics (numpy's default)."""
    if not values:
        return math.nan
    data = sorted(values)
    pos = (len(data) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def summarize(samples_ns: Sequence[int], unit: str = "ms") -> dict[str, Any]:
    """{"median_<unit>", "p95_<unit>", "count"} from samples in nanoseconds; unit is "s", "ms" or "us"."""
    scale = {"s": 1e-9, "ms": 1e-6, "us": 1e-3}[unit]
    values = [v * scale for v in samples_ns]
    return {f"median_{unit}": percentile(values, 50.0), f"p95_{unit}": percentile(values, 95.0),
            "count": len(values)}


@contextmanager
def no_gc() -> Iterator[None]:
    """Collect once, then keep the garbage collector off inside the timed loop."""
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def time_each(fn: Callable[..., Any], args: Sequence[tuple], warmup: int = 20) -> list[int]:
    """Nanoseconds of each call fn(*a) for a in args (after `warmup` unmeasured calls)."""
    for a in args[:warmup]:
        fn(*a)
    samples = []
    clock = time.perf_counter_ns
    with no_gc():
        for a in args:
            t0 = clock()
            fn(*a)
            samples.append(clock() - t0)
    return samples


def random_points(domain: Sequence[float], n: int, seed: int = SEED) -> list[tuple[float, float]]:
    """n reproducible points inside the domain, away from its edges by 1 % of its size."""
    xmin, xmax, ymin, ymax = (float(v) for v in domain)
    rng = np.random.default_rng(seed)
    mx, my = 0.01 * (xmax - xmin), 0.01 * (ymax - ymin)
    xs = rng.uniform(xmin + mx, xmax - mx, n)
    ys = rng.uniform(ymin + my, ymax - my, n)
    return [(float(x), float(y)) for x, y in zip(xs, ys)]
