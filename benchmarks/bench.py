"""`python -m benchmarks.bench [--json] [--quick]`: redraw, frame, probe cost, derivative accuracy, cold start, archive."""

from __future__ import annotations

import dataclasses
import gc
import json
import math
import os
import platform
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent  # the repository (cold start runs from here)
USAGE = "usage: python -m benchmarks.bench [--json] [--quick]"

# --- targets (ms, µs, relative error, s, kB) ------------------------------------------------------------------
REDRAW_TARGET_MS = {(960, 640): 4.0, (1920, 1080): 12.0}  # full map re-render (median), every level
FRAME_P95_TARGET_MS = 4.0  # play-scene frame, 95th percentile
PROBE_TARGET_US = 30.0  # one Game.probe (median)
GRADIENT_TARGET = 1e-12  # worst relative error of Surface.gradient
HESSIAN_TARGET = 1e-8  # worst relative error of Surface.hessian
COLD_START_TARGET_S = 1.0  # `python -m game --headless --frames 1` (median)
ARCHIVE_TARGET_KB = 300.0  # the pygbag app archive (.apk / .tar.gz), kB = 1000 bytes

SIZES = ((960, 640), (1920, 1080))  # map sizes for the redraw
FRAME_SIZE = (1280, 800)  # window for the frame-time scene
FRAME_PROBES = 20  # probes on the map during the frame-time scene
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


FULL = Plan(False, 2, {SIZES[0]: 21, SIZES[1]: 11}, {SIZES[0]: 5, SIZES[1]: 3}, None, 40, 300, 2000, 200, 5, 3)
QUICK = Plan(True, 1, {SIZES[0]: 2, SIZES[1]: 2}, {SIZES[0]: 1, SIZES[1]: 1}, 1, 20, 60, 300, 40, 2, 1)


# --- statistics and timing ------------------------------------------------------------------------------------
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


# --- 1. map redraw --------------------------------------------------------------------------------------------
def naive_map(surface: Any, size: tuple[int, int], palette: Any, bands: int) -> Any:
    """Fallback naive baseline (used only if the renderer has no render_map_naive): float64, RGB fancy index."""
    import pygame

    from game.ui.views.contour import palette_colors, value_range

    w, h = size
    xmin, xmax, ymin, ymax = surface.domain
    X, Y = np.meshgrid(np.linspace(xmin, xmax, w), np.linspace(ymax, ymin, h))
    with np.errstate(all="ignore"):
        Z = np.asarray(surface(X, Y), dtype=np.float64) * np.ones_like(X)
    lo, hi = value_range(surface)
    band = np.clip(np.floor((np.nan_to_num(Z, nan=lo) - lo) / (hi - lo) * bands), 0, bands - 1).astype(np.int64)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, :-1] |= band[:, :-1] != band[:, 1:]
    edge[:-1, :] |= band[:-1, :] != band[1:, :]
    idx = np.where(edge, band + 16, band)
    rgb = np.array(palette_colors(palette, bands), dtype=np.uint8)[idx]
    return pygame.surfarray.make_surface(rgb.transpose(1, 0, 2))


def _fog_seed() -> int:
    """The seed PlayView gives its fog (the material texture does not depend on the level)."""
    try:
        from game.ui.views.play_view import FOG_SEED
    except ImportError:  # pragma: no cover
        return 0
    return FOG_SEED


def render_caches() -> list[dict]:
    """The renderer's module-level caches (dicts named _UPPER in contour.py and fog.py, e.g. fog's noise bases)."""
    from game.ui.views import contour, fog

    return [v for m in (contour, fog) for k, v in vars(m).items()
            if k.startswith("_") and k[1:2].isupper() and k[1:].replace("_", "").isupper() and isinstance(v, dict)]


def hole_spots(level: Any, size: tuple[int, int]) -> tuple[list[tuple[float, float]], float]:
    """Map pixels of FRAME_PROBES probes along the level's probe path, and the fog hole radius PlayView uses."""
    try:
        from game.ui.views.play_view import HOLE_FRACTION
    except ImportError:  # pragma: no cover
        HOLE_FRACTION = 0.12
    xmin, xmax, ymin, ymax = level.surface.domain
    w, h = size
    spots = [((x - xmin) / (xmax - xmin) * w, (ymax - y) / (ymax - ymin) * h) for x, y in probe_path(level, FRAME_PROBES)]
    return spots, HOLE_FRACTION * min(size)


class Redraw:
    """The game's real re-render path at one map size: one ContourMap and one Fog, kept.

    map: `ContourMap.update(surface=...)` (what PlayView does when the level changes; its work buffers survive
    re-renders of the same size); fog layer: `Fog.reset()` + the probes' holes cut again. A timed repetition
    first switches to a partner level (untimed), so the cache key changes every time but buffers are reused.
    """

    def __init__(self, size: tuple[int, int], palette: Any, bands: int, first: Any) -> None:
        from game.ui.views.contour import ContourMap
        from game.ui.views.fog import Fog
        from game.ui.fonts import get_fonts

        self.size, self.palette, self.bands = size, palette, bands
        self.map = ContourMap(first.surface, size, palette, bands, 1.0, fonts=get_fonts(1.0))
        self.fog = Fog(size, palette, _fog_seed())

    def map_to(self, surface: Any) -> None:
        self.map.update(surface=surface)

    def fog_layer(self, spots: list[tuple[float, float]], radius: float) -> None:
        self.fog.reset()
        for px, py in spots:
            self.fog.clear(px, py, radius)


def _time_map_and_fog(redraw: Redraw, level: Any, reps: int, render: Callable[[], Any],
                      prepare: Callable[[], Any] = lambda: None) -> tuple[list[int], list[int]]:
    """(map ns, fog ns) per repetition: `prepare()` untimed, `render()` timed, then the fog layer redraw."""
    maps, fogs = [], []
    clock = time.perf_counter_ns
    spots, radius = hole_spots(level, redraw.size)
    with no_gc():
        for _ in range(reps):
            prepare()
            t0 = clock()
            render()
            t1 = clock()
            redraw.fog_layer(spots, radius)
            t2 = clock()
            maps.append(t1 - t0)
            fogs.append(t2 - t1)
    return maps, fogs


def time_redraw(redraw: Redraw, level: Any, partner: Any, reps: int) -> tuple[list[int], list[int]]:
    """(map ns, fog ns) per repetition of the warm re-render of `level` (after an untimed switch to `partner`)."""
    return _time_map_and_fog(redraw, level, reps, lambda: redraw.map_to(level.surface),
                             lambda: redraw.map_to(partner.surface))


def time_cold(level: Any, size: tuple[int, int], palette: Any, bands: int, reps: int) -> list[int]:
    """ns of a first render: a new ContourMap and a new Fog, module caches emptied (information only)."""
    from game.ui.views.contour import ContourMap
    from game.ui.views.fog import Fog
    from game.ui.fonts import get_fonts

    fonts = get_fonts(1.0)
    caches = render_caches()
    samples = []
    clock = time.perf_counter_ns
    with no_gc():
        for _ in range(reps):
            for cache in caches:
                cache.clear()
            t0 = clock()
            ContourMap(level.surface, size, palette, bands, 1.0, fonts=fonts)
            Fog(size, palette, _fog_seed())
            samples.append(clock() - t0)
    return samples


def time_naive(redraw: Redraw, level: Any, reps: int) -> tuple[list[int], list[int]]:
    """(map ns, fog ns): render_map_naive (no reuse, by design) + the same fog layer redraw."""
    from game.ui.views import contour

    naive = getattr(contour, "render_map_naive", None) or naive_map
    return _time_map_and_fog(redraw, level, reps,
                             lambda: naive(level.surface, redraw.size, redraw.palette, redraw.bands))


def _redraw_stats(maps: list[int], fogs: list[int]) -> dict[str, Any]:
    out = summarize([m + f for m, f in zip(maps, fogs)])
    out["map_median_ms"] = summarize(maps)["median_ms"]
    out["fog_median_ms"] = summarize(fogs)["median_ms"]
    return out


def redraw_entry(level: Any, partner: Any, redraw: Redraw, plan: Plan) -> dict:
    """One level at one map size: warm re-render, naive and cold first-render statistics."""
    size = redraw.size
    level.surface.value_range()  # the surface's own analysis is cached by design: not part of a redraw
    partner.surface.value_range()
    time_redraw(redraw, level, partner, plan.warmup)
    fast = _redraw_stats(*time_redraw(redraw, level, partner, plan.fast_reps[size]))
    naive = _redraw_stats(*time_naive(redraw, level, plan.naive_reps[size]))
    cold = summarize(time_cold(level, size, redraw.palette, redraw.bands, plan.cold_reps))
    redraw.map_to(level.surface)  # rebuild the module caches the cold runs emptied, outside any timing
    redraw.fog.reset()
    return {"level": level.id, "partner": partner.id, "size": f"{size[0]}x{size[1]}", "fast": fast, "naive": naive,
            "cold": cold, "ratio": naive["median_ms"] / fast["median_ms"],
            "map_ratio": naive["map_median_ms"] / fast["map_median_ms"],
            "target_ms": REDRAW_TARGET_MS[size], "ok": fast["median_ms"] <= REDRAW_TARGET_MS[size]}


def bench_redraw(levels: list, plan: Plan) -> list[dict]:
    """Section 1: every level at every size (quick: the large size for the first level only)."""
    from game.ui.palette import DEFAULT_BANDS, get_palette

    palette = get_palette("viridis")
    out = []
    for size in SIZES:
        chosen = levels if size == SIZES[0] or plan.large_levels is None else levels[: plan.large_levels]
        if not chosen:
            continue
        redraw = Redraw(size, palette, DEFAULT_BANDS, chosen[0])
        time_naive(redraw, chosen[0], 1)  # warm the naive path once per size (its first call pays for allocations)
        for level in chosen:
            partner = levels[(levels.index(level) + 1) % len(levels)] if len(levels) > 1 else level
            out.append(redraw_entry(level, partner, redraw, plan))
    return out


# --- 2. frame time --------------------------------------------------------------------------------------------
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

    def frame() -> None:
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


# --- 3. probe cost --------------------------------------------------------------------------------------------
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


# --- 4. derivative accuracy -----------------------------------------------------------------------------------
TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_]\w*)|(\*\*|[-+*/^(),]))")
MpFn = Callable[[Any, Any], Any]


def _tokens(text: str) -> list[str]:
    out, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"unexpected {text[pos]!r} at {pos} in {text!r}")
        out.append(m.group(m.lastindex or 0))
        pos = m.end()
    return out


def _mp_functions(mp: Any) -> dict[str, Callable]:
    return {"exp": mp.exp, "log": mp.log, "sqrt": mp.sqrt, "sin": mp.sin, "cos": mp.cos, "tan": mp.tan,
            "sinh": mp.sinh, "cosh": mp.cosh, "tanh": mp.tanh, "atan": mp.atan, "abs": mp.fabs,
            "sigmoid": lambda t: 1 / (1 + mp.exp(-t)), "min": min, "max": max}


class MpTranslator:
    """Expression text → an mpmath function f(x, y). Recursive descent over the expression language's grammar
    (explicit `*` only). Constants are the float64 numbers the game uses, so only the arithmetic differs."""

    def __init__(self, mp: Any, text: str) -> None:
        self.mp, self.toks, self.i = mp, _tokens(text), 0
        self.funcs = _mp_functions(mp)

    def _peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def _take(self, want: str | None = None) -> str:
        tok = self._peek()
        if tok is None or (want is not None and tok != want):
            raise ValueError(f"expected {want or 'more'} at token {self.i}, got {tok!r}")
        self.i += 1
        return tok

    def parse(self) -> MpFn:
        fn = self._sum()
        if self._peek() is not None:
            raise ValueError(f"unexpected {self._peek()!r} at token {self.i}")
        return fn

    def _sum(self) -> MpFn:
        fn = self._product()
        while self._peek() in ("+", "-"):
            op, a, b = self._take(), fn, self._product()
            fn = (lambda x, y, a=a, b=b: a(x, y) + b(x, y)) if op == "+" else (lambda x, y, a=a, b=b: a(x, y) - b(x, y))
        return fn

    def _product(self) -> MpFn:
        fn = self._unary()
        while self._peek() in ("*", "/"):
            op, a, b = self._take(), fn, self._unary()
            fn = (lambda x, y, a=a, b=b: a(x, y) * b(x, y)) if op == "*" else (lambda x, y, a=a, b=b: a(x, y) / b(x, y))
        return fn

    def _unary(self) -> MpFn:
        if self._peek() in ("-", "+"):
            op, a = self._take(), self._unary()
            return (lambda x, y, a=a: -a(x, y)) if op == "-" else a
        return self._power()

    def _power(self) -> MpFn:
        base = self._atom()
        if self._peek() in ("^", "**"):
            self._take()
            exponent = self._unary()  # right-associative; -x^2 is -(x^2); 2^-1 is allowed
            return lambda x, y, a=base, b=exponent: self.mp.power(a(x, y), b(x, y))
        return base

    def _atom(self) -> MpFn:
        tok = self._take()
        if tok == "(":
            fn = self._sum()
            self._take(")")
            return fn
        if tok[0].isdigit() or tok[0] == ".":
            value = self.mp.mpf(float(tok))
            return lambda x, y: value
        if tok in ("x", "y"):
            return (lambda x, y: x) if tok == "x" else (lambda x, y: y)
        if tok in ("pi", "e"):
            value = self.mp.mpf(math.pi if tok == "pi" else math.e)
            return lambda x, y: value
        if tok in self.funcs:
            return self._call(self.funcs[tok])
        raise ValueError(f"unknown name {tok!r}")

    def _call(self, func: Callable) -> MpFn:
        self._take("(")
        args = [self._sum()]
        while self._peek() == ",":
            self._take()
            args.append(self._sum())
        self._take(")")
        return lambda x, y: func(*(a(x, y) for a in args))


def mp_function(mp: Any, text: str) -> MpFn:
    """The mpmath function f(x, y) of an expression (see MpTranslator)."""
    return MpTranslator(mp, text).parse()


def reference_derivatives(mp: Any, f: MpFn, points: list[tuple[float, float]]) -> np.ndarray:
    """(n, 5) float64: fx, fy, fxx, fxy, fyy at each point by mpmath.diff at MP_DIGITS digits."""
    orders = ((1, 0), (0, 1), (2, 0), (1, 1), (0, 2))
    with mp.workdps(MP_DIGITS):
        rows = [[float(mp.diff(f, (mp.mpf(x), mp.mpf(y)), o)) for o in orders] for x, y in points]
    return np.array(rows, dtype=np.float64)


def relative_error(approx: np.ndarray, ref: np.ndarray) -> float:
    """Worst over points of max|approx - ref| / max(max|ref|, ERROR_FLOOR · surface scale), rows = points.

    The floor keeps points where the derivative nearly vanishes (1000× below its largest size on the surface)
    from turning harmless absolute rounding into a huge ratio; elsewhere this is the plain relative error.
    """
    scale = float(np.max(np.abs(ref))) or 1.0
    denom = np.maximum(np.max(np.abs(ref), axis=1), ERROR_FLOOR * scale)
    return float(np.max(np.max(np.abs(approx - ref), axis=1) / denom))


def _derivative_rows(surface: Any, points: list[tuple[float, float]]) -> dict[str, np.ndarray]:
    from surfaces import calculus

    def rows(fn: Callable) -> np.ndarray:
        return np.array([np.ravel(fn(x, y)) for x, y in points], dtype=np.float64)

    def hess3(fn: Callable) -> Callable:
        return lambda x, y: np.asarray(fn(x, y))[[0, 0, 1], [0, 1, 1]]

    return {"gradient": rows(surface.gradient), "hessian": rows(hess3(surface.hessian)),
            "central_gradient": rows(lambda x, y: calculus.gradient(surface, x, y, method="central")),
            "central_hessian": rows(hess3(lambda x, y: calculus.hessian(surface, x, y)))}


def accuracy_entry(mp: Any, name: str, text: str, points: list[tuple[float, float]]) -> dict:
    """Worst relative errors of one bench surface against the mpmath reference."""
    import surfaces

    surface = surfaces.from_expression(text, ACCURACY_DOMAIN, name=name)
    ref = reference_derivatives(mp, mp_function(mp, text), points)
    got = _derivative_rows(surface, points)
    errors = {key: relative_error(val, ref[:, :2] if "gradient" in key else ref[:, 2:]) for key, val in got.items()}
    return {"name": name, "expression": text, **errors}


def _accuracy_timing(points: list[tuple[float, float]]) -> dict[str, dict]:
    import surfaces
    from surfaces import calculus

    s = surfaces.from_expression(ACCURACY_SURFACES[0][1], ACCURACY_DOMAIN)
    return {"gradient": summarize(time_each(s.gradient, points), "us"),
            "hessian": summarize(time_each(s.hessian, points), "us"),
            "central_gradient": summarize(time_each(lambda x, y: calculus.gradient(s, x, y, "central"), points), "us"),
            "central_hessian": summarize(time_each(lambda x, y: calculus.hessian(s, x, y), points), "us")}


def bench_accuracy(plan: Plan) -> dict:
    """Section 4: Surface.gradient / .hessian and the teaching central differences against mpmath."""
    keys = ("gradient", "hessian", "central_gradient", "central_hessian")
    out: dict[str, Any] = {"skipped": None, "digits": MP_DIGITS, "points_per_surface": plan.points,
                           "error_floor": ERROR_FLOOR, "surfaces": [], "worst": dict.fromkeys(keys), "time_us": {}}
    try:
        import mpmath
    except ImportError:
        out["skipped"] = "mpmath not installed"
        return out
    points = random_points(ACCURACY_DOMAIN, plan.points)
    out["surfaces"] = [accuracy_entry(mpmath.mp, name, text, points) for name, text in ACCURACY_SURFACES]
    out["worst"] = {key: max(entry[key] for entry in out["surfaces"]) for key in keys}
    out["time_us"] = _accuracy_timing(random_points(ACCURACY_DOMAIN, max(plan.probe_calls // 2, 100)))
    return out


# --- 5. cold start, 6. archive --------------------------------------------------------------------------------
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


# --- assembling the report ------------------------------------------------------------------------------------
def machine_info() -> dict:
    import pygame

    return {"python": platform.python_version(), "numpy": np.__version__, "pygame": pygame.version.ver,
            "sdl": ".".join(str(v) for v in pygame.get_sdl_version()), "cpu_count": os.cpu_count(),
            "platform": platform.platform(), "video_driver": os.environ.get("SDL_VIDEODRIVER", ""),
            "load_average": load_average()}


def load_average() -> list[float] | None:
    """1, 5 and 15-minute load averages (other work on the machine inflates every figure), where known."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _target(name: str, target: float, value: float | None, unit: str) -> dict:
    ok = None if value is None or not math.isfinite(value) else value <= target
    return {"name": name, "target": target, "value": value, "unit": unit, "ok": ok}


def _worst_redraw(report: dict, size: tuple[int, int]) -> dict:
    label = f"{size[0]}x{size[1]}"
    rows = [r for r in report["redraw"] if r["size"] == label]
    worst = max(rows, key=lambda r: r["fast"]["median_ms"]) if rows else None
    value = worst["fast"]["median_ms"] if worst else None
    name = f"redraw {label} median, worst level ({worst['level'] if worst else 'none'})"
    return _target(name, REDRAW_TARGET_MS[size], value, "ms")


def targets(report: dict) -> list[dict]:
    """Every target with the measured value and ✓/✗ (ok None: not measured)."""
    acc, cold, arch = report["accuracy"], report["cold_start"], report["archive"]
    return [
        *(_worst_redraw(report, size) for size in SIZES),
        _target("frame p95 (play scene, 1280x800)", FRAME_P95_TARGET_MS, report["frame"]["p95_ms"], "ms"),
        _target("Game.probe median", PROBE_TARGET_US, report["probe"]["probe"]["median_us"], "us"),
        _target("Surface.gradient worst rel. error", GRADIENT_TARGET, acc["worst"]["gradient"], ""),
        _target("Surface.hessian worst rel. error", HESSIAN_TARGET, acc["worst"]["hessian"], ""),
        _target("cold start median", COLD_START_TARGET_S, cold["median_s"] if cold["error"] is None else None, "s"),
        _target("app archive size", ARCHIVE_TARGET_KB, arch["app_kb"], "kB"),
    ]


def run(plan: Plan, progress: Callable[[str], None] = lambda text: None) -> dict:
    """Measure every section in this process (cold start in subprocesses); the report as JSON-ready data."""
    import pygame

    import surfaces

    started = time.perf_counter()
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode(FRAME_SIZE)
    levels = surfaces.builtin_levels()
    report: dict[str, Any] = {"machine": machine_info(), "run": {"quick": plan.quick, "note": run_note(plan, levels)}}
    progress("map redraw")
    report["redraw"] = bench_redraw(levels, plan)
    progress("frame time")
    report["frame"] = bench_frame(levels, plan)
    progress("probe cost")
    report["probe"] = bench_probe(levels, plan)
    progress("derivative accuracy")
    report["accuracy"] = bench_accuracy(plan)
    progress("cold start")
    report["cold_start"] = bench_cold_start(plan)
    report["archive"] = bench_archive()
    report["targets"] = targets(report)
    report["run"]["load_average_end"] = load_average()
    report["run"]["seconds"] = time.perf_counter() - started
    pygame.display.quit()
    return report


def run_note(plan: Plan, levels: list) -> str:
    if not plan.quick:
        return "full run: every level at 960x640 and 1920x1080"
    first = levels[0].id if levels else "none"
    return f"quick run: fewer repetitions; 1920x1080 measured for {first} only"


# --- text output ----------------------------------------------------------------------------------------------
def mark(ok: bool | None) -> str:
    return "-" if ok is None else "\u2713" if ok else "\u2717"


def _fmt(value: float | None, spec: str = ".2f") -> str:
    return "n/a" if value is None or not math.isfinite(value) else format(value, spec)


def _table(header: Sequence[str], rows: list[Sequence[str]]) -> list[str]:
    """Left-aligned first column, right-aligned rest, two spaces apart."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    fmt = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                              for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return [fmt(header), fmt(["-" * w for w in widths]), *map(fmt, rows)]


def redraw_lines(report: dict) -> list[str]:
    head = ["level", "size", "fast med", "p95", "n", "map", "fog", "cold med", "naive med", "p95", "n", "naive map",
            "ratio", "map ratio", "target"]
    rows = []
    for r in report["redraw"]:
        f, n, c = r["fast"], r["naive"], r.get("cold") or {}
        rows.append([r["level"], r["size"], _fmt(f["median_ms"]), _fmt(f["p95_ms"]), str(f["count"]),
                     _fmt(f["map_median_ms"]), _fmt(f["fog_median_ms"]), _fmt(c.get("median_ms")),
                     _fmt(n["median_ms"]), _fmt(n["p95_ms"]), str(n["count"]), _fmt(n["map_median_ms"]),
                     _fmt(r["ratio"], ".1f") + "x", _fmt(r["map_ratio"], ".1f") + "x",
                     f"<= {r['target_ms']:g} {mark(r['ok'])}"])
    return ["1. Map redraw, ms. fast = the game's re-render path: ContourMap.update(surface=...) after a switch to "
            "another level",
            "   (untimed), so every repetition re-renders with the work buffers kept, + the fog layer (Fog.reset and "
            f"{FRAME_PROBES} holes cut again).",
            "   cold = first render (new ContourMap + new Fog, module caches emptied; information, no target). "
            "naive = render_map_naive + the same fog layer.",
            *_table(head, rows)]


def frame_lines(report: dict) -> list[str]:
    fr = report["frame"]
    return ["2. Frame time (App.step + display.flip, dummy display)",
            f"   {fr['scene']} {fr['level']} {fr['size']}, {fr['probes']} probes, cursor set, overlays "
            f"{','.join(fr['overlays'])} (hidden: {','.join(fr['hidden']) or 'none'}), taylor {fr['taylor']}",
            f"   median {_fmt(fr['median_ms'])} ms   p95 {_fmt(fr['p95_ms'])} ms   n {fr['count']}   "
            f"target p95 <= {fr['target_p95_ms']:g} ms {mark(fr['ok'])}"]


def probe_lines(report: dict) -> list[str]:
    pr = report["probe"]
    names = {"value": "value f(x, y)", "gradient": "gradient (exact)", "hessian": "Hessian (exact)",
             "taylor": "Taylor preview (Game.preview)", "probe": "Game.probe"}
    rows = [[label, _fmt(pr[key]["median_us"], ".1f"), _fmt(pr[key]["p95_us"], ".1f"), str(pr[key]["count"]),
             f"<= {pr['target_us']:g} {mark(pr['ok'])}" if key == "probe" else ""] for key, label in names.items()]
    return [f"3. Probe cost, us per call ({pr['level']})", *_table(["call", "median", "p95", "n", "target"], rows)]


def accuracy_lines(report: dict) -> list[str]:
    acc = report["accuracy"]
    title = "4. Derivative accuracy vs mpmath"
    if acc["skipped"]:
        return [title, f"   skipped ({acc['skipped']})"]
    keys = ("gradient", "hessian", "central_gradient", "central_hessian")
    rows = [[e["name"], *(_fmt(e[k], ".1e") for k in keys)] for e in acc["surfaces"]]
    w = acc["worst"]
    rows.append(["worst", f"{_fmt(w['gradient'], '.1e')} {mark(w['gradient'] <= GRADIENT_TARGET)}",
                 f"{_fmt(w['hessian'], '.1e')} {mark(w['hessian'] <= HESSIAN_TARGET)}",
                 _fmt(w["central_gradient"], ".1e"), _fmt(w["central_hessian"], ".1e")])
    t = acc["time_us"]
    rows.append(["us/call (median)", *(_fmt(t[k]["median_us"], ".1f") for k in keys)])
    head = ["surface", f"gradient <= {GRADIENT_TARGET:g}", f"Hessian <= {HESSIAN_TARGET:g}", "central grad",
            "central Hess"]
    return [f"{title} ({acc['digits']} digits, {acc['points_per_surface']} points per surface; relative error with "
            f"a floor of {acc['error_floor']:g} x the surface's largest derivative)", *_table(head, rows)]


def tail_lines(report: dict) -> list[str]:
    cold, arch = report["cold_start"], report["archive"]
    lines = ["5. Cold start: " + (f"failed ({cold['error']})" if cold["error"] else
             f"{cold['command']}: median {_fmt(cold['median_s'], '.3f')} s, p95 {_fmt(cold['p95_s'], '.3f')} s, "
             f"n {cold['count']}   target <= {cold['target_s']:g} s {mark(cold['ok'])}")]
    if arch["note"]:
        lines.append(f"6. Web archive: {arch['note']}")
    else:
        lines.append(f"6. Web archive: app {_fmt(arch['app_kb'], '.1f')} kB   target <= {arch['target_kb']:g} kB "
                     f"{mark(arch['ok'])}")
    lines += [f"   {f['path']}: {_fmt(f['kb'], '.1f')} kB" for f in arch["files"]]
    return lines


def target_lines(report: dict) -> list[str]:
    rows = [[t["name"], f"{_fmt(t['value'], '.3g')} {t['unit']}".strip(), f"<= {t['target']:g} {t['unit']}".strip(),
             mark(t["ok"])] for t in report["targets"]]
    return ["Targets", *_table(["target", "value", "limit", "ok"], rows)]


def render_text(report: dict) -> str:
    """The readable, aligned report."""
    m, run_info = report["machine"], report["run"]
    head = [f"Uphill benchmark ({run_info['note']}; {run_info['seconds']:.0f} s)",
            f"machine: Python {m['python']}, numpy {m['numpy']}, pygame-ce {m['pygame']} (SDL {m['sdl']}), "
            f"{m['cpu_count']} CPUs, {m['platform']}, SDL video driver {m['video_driver']}",
            f"load average at start {m['load_average']}, at end {run_info.get('load_average_end')} "
            f"(above {m['cpu_count']}: other work competes for the CPUs and inflates the figures)"]
    blocks = [head, redraw_lines(report), frame_lines(report), probe_lines(report), accuracy_lines(report),
              tail_lines(report), target_lines(report)]
    return "\n\n".join("\n".join(block) for block in blocks)


def json_safe(value: Any) -> Any:
    """Non-finite floats → None, tuples → lists (so the document is strict JSON)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


# --- command line ---------------------------------------------------------------------------------------------
def parse_flags(argv: Sequence[str]) -> tuple[bool, bool] | None:
    """(json, quick); None for --help; ValueError naming the first bad flag."""
    flags = set()
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if arg not in ("--json", "--quick"):
            raise ValueError(f"unknown option {arg!r} (use --json and/or --quick)")
        flags.add(arg)
    return "--json" in flags, "--quick" in flags


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 when it ran (targets missed or not), 2 for bad flags."""
    try:
        flags = parse_flags(sys.argv[1:] if argv is None else argv)
    except ValueError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    if flags is None:
        print(USAGE)
        return 0
    as_json, quick = flags
    from game.ui.headless import quiet_pygame, use_dummy_drivers

    quiet_pygame()
    use_dummy_drivers()
    show = sys.stderr.isatty()
    report = run(QUICK if quick else FULL,
                 lambda text: print(f"measuring {text}...", file=sys.stderr) if show else None)
    print(json.dumps(json_safe(report), indent=1, allow_nan=False) if as_json else render_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
