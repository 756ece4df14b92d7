"""The report around the measurements: machine, targets with ✓/✗, the aligned text form and strict JSON."""

from __future__ import annotations

import math
import os
import platform
from typing import Any, Sequence

import numpy as np

from benchmarks.lab import lab_lines
from benchmarks.config import (ARCHIVE_TARGET_KB, COLD_START_TARGET_S, FRAME_P95_TARGET_MS, FRAME_PROBES,
                               GRADIENT_TARGET, HESSIAN_TARGET, IDLE_CPU_TARGET_PCT, PROBE_TARGET_US,
                               REDRAW_TARGET_MS, RULE_STEP_TARGET_US, SIZES)
from benchmarks.view3d import view3d_lines, view3d_targets  # the 3D view (issue 12)


def machine_info() -> dict:
    """Versions, CPU count, platform, SDL driver and load: what the figures depend on."""
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
        _target("frame p95, every lab overlay, cursor moving", FRAME_P95_TARGET_MS, report["lab"]["all"]["p95_ms"], "ms"),
        _target("idle play screen: frames drawn per second", 0.0, report["idle"]["drawn_per_s"], "/s"),
        _target("idle play screen: loop CPU (dummy display)", IDLE_CPU_TARGET_PCT, report["idle"]["cpu_pct"],
                "% of a core"),
        _target("Game.probe median", PROBE_TARGET_US, report["probe"]["probe"]["median_us"], "us"),
        _target("step rule step median (Newton)", RULE_STEP_TARGET_US,
                report["climb"]["rule_step_newton"]["median_us"] if "climb" in report else None, "us"),
        _target("Surface.gradient worst rel. error", GRADIENT_TARGET, acc["worst"]["gradient"], ""),
        _target("Surface.hessian worst rel. error", HESSIAN_TARGET, acc["worst"]["hessian"], ""),
        _target("cold start median", COLD_START_TARGET_S, cold["median_s"] if cold["error"] is None else None, "s"),
        _target("app archive size", ARCHIVE_TARGET_KB, arch["app_kb"], "kB"),
        *view3d_targets(report),
    ]


def mark(ok: bool | None) -> str:
    """✓, ✗, or - when not measured."""
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
    """Section 1 as text: one row per level and size."""
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
    """Section 2 as text."""
    fr = report["frame"]
    return ["2. Frame time (App.step + display.flip, dummy display)",
            f"   {fr['scene']} {fr['level']} {fr['size']}, {fr['probes']} probes, cursor set, overlays "
            f"{','.join(fr['overlays'])} (hidden: {','.join(fr['hidden']) or 'none'}), taylor {fr['taylor']}",
            f"   median {_fmt(fr['median_ms'])} ms   p95 {_fmt(fr['p95_ms'])} ms   n {fr['count']}   "
            f"target p95 <= {fr['target_p95_ms']:g} ms {mark(fr['ok'])}"]


def idle_lines(report: dict) -> list[str]:
    """Section 2b as text."""
    idle = report["idle"]
    return ["2b. Idle play screen (nothing changes; dummy display)",
            f"   {idle['scene']} {idle['level']} {idle['size']}: {idle['drawn']} of {idle['frames']} frames drawn "
            f"({_fmt(idle['drawn_per_s'], '.1f')}/s) after {idle['settle_frames']} frames to settle; an idle step "
            f"median {_fmt(idle['step']['median_us'], '.0f')} us",
            f"   paced loop {_fmt(idle['loop_seconds'], '.1f')} s at {_fmt(idle['loop_frames_per_s'], '.0f')} frames/s: "
            f"CPU {_fmt(idle['cpu_pct'], '.1f')} % of one core   target <= {idle['target_cpu_pct']:g} % and 0 frames "
            f"drawn {mark(idle['ok'])}"]


def probe_lines(report: dict) -> list[str]:
    """Section 3 as text: one row per call."""
    pr = report["probe"]
    names = {"value": "value f(x, y)", "gradient": "gradient (exact)", "hessian": "Hessian (exact)",
             "taylor": "Taylor preview (Game.preview)", "probe": "Game.probe"}
    rows = [[label, _fmt(pr[key]["median_us"], ".1f"), _fmt(pr[key]["p95_us"], ".1f"), str(pr[key]["count"]),
             f"<= {pr['target_us']:g} {mark(pr['ok'])}" if key == "probe" else ""] for key, label in names.items()]
    return [f"3. Probe cost, us per call ({pr['level']})", *_table(["call", "median", "p95", "n", "target"], rows)]


def accuracy_lines(report: dict) -> list[str]:
    """Section 4 as text: one row per surface, the worst and the cost per call."""
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
    """Sections 5 and 6 as text."""
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
    """The targets table."""
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
    blocks = [head, redraw_lines(report), frame_lines(report), lab_lines(report), idle_lines(report), probe_lines(report), accuracy_lines(report),
              tail_lines(report), target_lines(report)]
    blocks.insert(-2, view3d_lines(report))  # the 3D view (issue 12)
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
