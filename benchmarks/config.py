"""What the benchmark measures and the targets it checks: sizes, seeds, surfaces, repetitions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository (cold start runs from here)

# --- targets (ms, µs, relative error, s, kB) ------------------------------------------------------------------
REDRAW_TARGET_MS = {(960, 640): 4.0, (1920, 1080): 12.0}  # full map re-render (median), every level
FRAME_P95_TARGET_MS = 4.0  # play-scene frame, 95th percentile
IDLE_CPU_TARGET_PCT = 5.0  # % of one core: the paced desktop loop on an idle play screen (DESIGN: no work when
# nothing changes; the figure under Xvfb is measured by hand, this one on the dummy display)
PROBE_TARGET_US = 30.0  # one Game.probe (median)
RULE_STEP_TARGET_US = 50.0  # one step of a learner's step rule (median; issue 13)
GRADIENT_TARGET = 1e-12  # worst relative error of Surface.gradient
HESSIAN_TARGET = 1e-8  # worst relative error of Surface.hessian
COLD_START_TARGET_S = 1.0  # `python -m game --headless --frames 1` (median)
ARCHIVE_TARGET_KB = 500.0  # the pygbag app archive (.apk / .tar.gz), kB = 1000 bytes

SIZES = ((960, 640), (1920, 1080))  # map sizes for the redraw
FRAME_SIZE = (1280, 800)  # window for the frame-time scene
FRAME_PROBES = 20  # probes on the map during the frame-time scene
IDLE_SETTLE_FRAMES = 30  # frames in a row without a draw before the idle measurement starts
SEED = 20240613  # all random points come from this seed
MP_DIGITS = 40  # mpmath working precision of the accuracy reference
ERROR_FLOOR = 1e-3  # relative-error denominator floor, as a share of the surface's largest derivative
ACCURACY_DOMAIN = (-3.0, 3.0, -3.0, 3.0)
ACCURACY_SURFACES = (  # the bench's own surfaces, in the expression language
    ("gaussians", "3*exp(-((x - 1)^2 + (y + 0.5)^2)/0.8) + 2*exp(-((x + 1.2)^2 + (y - 1)^2)/1.5) - 0.05*(x^2 + y^2)"),
    ("ridge", "4*exp(-(0.15*(x - 0.6)^2 + 2*(y - 0.4*x)^2))"),
    ("saddle", "(x^2 - y^2)*exp(-(x^2 + y^2)/6) + 0.3*x*y"),
    ("trig", "sin(2.6*x)*cos(2.1*y) + 0.5*sin(3.7*x + 0.7)*sin(3.1*y) + 0.2*cos(x*y)"),
    ("banana", "5 - 0.05*((1 - x)^2 + 10*(y - x^2)^2)"),
    ("functions", "atan(x*y) + tanh(x - y) + sigmoid(2*x) + log(1 + x^2 + y^2) + sqrt(5 + x^2 + y^2)/cosh(y/3)"),
)


@dataclasses.dataclass(frozen=True)
class Plan:
    """How much to measure: repetitions per section."""

    quick: bool
    warmup: int  # unmeasured redraws per level and size (fast path)
    fast_reps: dict[tuple[int, int], int]
    naive_reps: dict[tuple[int, int], int]
    large_levels: int | None  # levels measured at 1920×1080 (None: all)
    frame_warmup: int
    frames: int
    probe_calls: int
    points: int  # accuracy points per surface
    cold_runs: int
    cold_reps: int = 3  # first renders (fresh map and fog, module caches emptied) per level and size
    idle_seconds: float = 3.0  # idle play screen: game seconds of frames counted, then wall seconds of the loop


FULL = Plan(False, 2, {SIZES[0]: 21, SIZES[1]: 11}, {SIZES[0]: 5, SIZES[1]: 3}, None, 40, 300, 2000, 200, 5, 3)
QUICK = Plan(True, 1, {SIZES[0]: 2, SIZES[1]: 2}, {SIZES[0]: 1, SIZES[1]: 1}, 1, 20, 60, 300, 40, 2, 1, 1.0)
