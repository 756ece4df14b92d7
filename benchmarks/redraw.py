"""Section 1, map redraw: the game's warm re-render path, a first render and the naive baseline, per level."""

from __future__ import annotations

import time
from typing import Any, Callable

from benchmarks.config import FRAME_PROBES, REDRAW_TARGET_MS, SIZES, Plan
from benchmarks.scene import probe_path
from benchmarks.timing import no_gc, summarize


def render_caches() -> list[dict]:
    """The renderer's module-level caches (dicts named _UPPER in the contour and fog modules, e.g. fog's noise
    bases)."""
    from game.ui.views import contour, contour_field, contour_labels, fog

    return [v for m in (contour, contour_field, contour_labels, fog) for k, v in vars(m).items()
            if k.startswith("_") and k[1:2].isupper() and k[1:].replace("_", "").isupper() and isinstance(v, dict)]


def hole_spots(level: Any, size: tuple[int, int]) -> tuple[list[tuple[float, float]], float]:
    """Map pixels of FRAME_PROBES probes along the level's probe path, and the fog hole radius PlayView uses."""
    from game.ui.views.play_view import HOLE_FRACTION

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
        from game.ui.fonts import get_fonts
        from game.ui.views.contour import ContourMap
        from game.ui.views.fog import Fog
        from game.ui.views.play_view import FOG_SEED

        self.size, self.palette, self.bands = size, palette, bands
        self.map = ContourMap(first.surface, size, palette, bands, 1.0, fonts=get_fonts(1.0))
        self.fog = Fog(size, palette, FOG_SEED)

    def map_to(self, surface: Any) -> None:
        """Re-render the kept ContourMap for `surface` (PlayView's path on a level change)."""
        self.map.update(surface=surface)

    def fog_layer(self, spots: list[tuple[float, float]], radius: float) -> None:
        """Redraw the fog layer: reset, then cut a hole at every spot."""
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
    from game.ui.fonts import get_fonts
    from game.ui.views.contour import ContourMap
    from game.ui.views.fog import Fog
    from game.ui.views.play_view import FOG_SEED

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
            Fog(size, palette, FOG_SEED)
            samples.append(clock() - t0)
    return samples


def time_naive(redraw: Redraw, level: Any, reps: int) -> tuple[list[int], list[int]]:
    """(map ns, fog ns): render_map_naive (no reuse, by design) + the same fog layer redraw."""
    from benchmarks.naive import render_map_naive  # imports pygame: only once main() has quietened it

    return _time_map_and_fog(redraw, level, reps,
                             lambda: render_map_naive(level.surface, redraw.size, redraw.palette, redraw.bands))


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
