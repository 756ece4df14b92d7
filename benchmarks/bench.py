"""`python -m benchmarks.bench [--json] [--quick]`: redraw, frame, idle, probe cost, derivative accuracy, cold start, archive."""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Callable, Sequence

from benchmarks.accuracy import bench_accuracy
from benchmarks.climb import bench_climb
from benchmarks.config import FRAME_SIZE, FULL, QUICK, Plan
from benchmarks.idle import bench_idle
from benchmarks.lab import bench_lab
from benchmarks.models import bench_models, model_lines
from benchmarks.probe import bench_probe
from benchmarks.redraw import bench_redraw
from benchmarks.report import json_safe, load_average, machine_info, render_text, targets
from benchmarks.scene import bench_frame
from benchmarks.startup import bench_archive, bench_cold_start
from benchmarks.view3d import bench_view3d

USAGE = "usage: python -m benchmarks.bench [--json] [--quick]"


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
    progress("calculus lab frames")
    report["lab"] = bench_lab(levels, plan)
    progress("idle play screen")
    report["idle"] = bench_idle(levels, plan)
    progress("probe cost")
    report["probe"] = bench_probe(levels, plan)
    progress("climbers")
    report["climb"] = bench_climb(levels, plan)
    progress("derivative accuracy")
    report["accuracy"] = bench_accuracy(plan)
    progress("3D view")  # the calculus lab's 3D view (issue 12)
    report["view3d"] = bench_view3d(levels, plan)
    progress("model levels")
    report["models"] = bench_models(plan)
    progress("cold start")
    report["cold_start"] = bench_cold_start(plan)
    report["archive"] = bench_archive()
    report["targets"] = targets(report)
    report["run"]["load_average_end"] = load_average()
    report["run"]["seconds"] = time.perf_counter() - started
    pygame.display.quit()
    return report


def run_note(plan: Plan, levels: list) -> str:
    """What the run covered, for the report's heading."""
    if not plan.quick:
        return "full run: every level at 960x640 and 1920x1080"
    first = levels[0].id if levels else "none"
    return f"quick run: fewer repetitions; 1920x1080 measured for {first} only"


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
    print(json.dumps(json_safe(report), indent=1, allow_nan=False) if as_json else render_text(report) + "\n\n" + "\n".join(model_lines(report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
