"""Computer players (gradient ascent, Newton, momentum, Adam) that play by a person's rules and information."""

from __future__ import annotations

import math
from typing import Any

from game.core.fit import fit_record
from game.core.model import Game, Probe
from surfaces import Level
from surfaces.calculus import classify_hessian

POLICIES = ("gradient", "newton", "momentum", "adam")

FIRST_STEP = 0.08  # length of the first step, as a fraction of the map diagonal
MAX_STEP = 0.35  # no step is longer than this fraction of the diagonal
MIN_STEP = 0.006  # shortest step, as a fraction of the diagonal: shorter ones gain nothing a player could see
GROW = 2.5  # largest growth of the step length after a good step
SHRINK = 0.1  # smallest shrink factor after a failed step
GOAL = 0.05  # claim when the climb left is estimated below GOAL * the level's tolerance (height units)
MOMENTUM = 0.7  # heavy-ball coefficient
ADAM_BETA1, ADAM_BETA2, ADAM_EPS = 0.5, 0.9, 1e-12  # short memories: a game has ~10 steps, not 10⁴

Move = tuple[Any, ...]  # ("probe", x, y), ("claim",) for the latest probe, or ("claim", x, y) for an earlier one


def start_point(game: Game) -> tuple[float, float]:
    """Where a climb begins without a probe: the level's start, else the middle of the map."""
    forced = game.forced_start
    if forced is not None:
        return forced
    xmin, xmax, ymin, ymax = (float(v) for v in game.surface.domain)
    return 0.5 * (xmin + xmax), 0.5 * (ymin + ymax)


def _diagonal(game: Game) -> float:
    xmin, xmax, ymin, ymax = (float(v) for v in game.surface.domain)
    return math.hypot(xmax - xmin, ymax - ymin)


def clip(game: Game, x: float, y: float) -> tuple[float, float]:
    """The point clipped to the map."""
    xmin, xmax, ymin, ymax = (float(v) for v in game.surface.domain)
    return min(max(x, xmin), xmax), min(max(y, ymin), ymax)


def _usable(probe: Probe | None) -> bool:
    return probe is not None and probe.defined and probe.gradient_defined


def _parabola_factor(rho: float) -> float:
    """Along a step with gain ratio rho, a parabola through the data peaks at 1 / (2 (1 - rho)) of the step."""
    return math.inf if rho >= 1 else 1 / (2 * (1 - rho))


def _learn(game: Game, state: dict[str, Any]) -> None:
    """Digest the newest probe: accept it as the new base or stay at the best, and adapt the step length by ρ."""
    last = game.last
    if last is None or state.get("seen") == len(game.probes):
        return
    state["seen"] = len(game.probes)
    base = state.get("base")
    if base is None:  # the first probe
        if _usable(last):
            state["base"] = last
        return
    step = state.pop("step", None)
    if step is None or (last.x, last.y) == (base.x, base.y):  # a re-probe of the best point
        if _usable(last) and last.value >= base.value:
            state["base"] = last
        return
    (dx, dy), predicted = step
    length = math.hypot(dx, dy)
    gx, gy = base.gradient
    if _usable(last) and last.value > base.value:  # accept: move on, step length guided by ρ
        gain = last.value - base.value
        rho = gain / predicted if predicted > 0 else 1.0
        state["radius"] = length * min(GROW, max(0.5, _parabola_factor(rho)))
        state["progress"] = gain
        state["base"] = last
    else:  # reject: stay at the best point, shorten the step, forget the momentum
        gain = last.value - base.value if last.defined else -math.inf
        rho = gain / predicted if predicted > 0 and math.isfinite(gain) else -1.0
        state["radius"] = length * min(0.5, max(SHRINK, _parabola_factor(rho)))
        state["velocity"] = (0.0, 0.0)
    if last.defined:
        curvature = 2 * ((gx * dx + gy * dy) - (last.value - base.value)) / (length * length)
        if curvature > 0:
            state["curvature"] = curvature  # how fast the slope fell along the last step


def _concave(hessian: Any) -> bool:
    """True where the Hessian is strictly negative definite: a quadratic model there has a summit."""
    (hxx, hxy), (_, hyy) = hessian
    return classify_hessian(hxx, hxy, hyy, tol=0.0).kind == "maximum"


def _direction(game: Game, policy: str, state: dict[str, Any], base: Probe, radius: float) -> tuple[float, float]:
    """The next step from `base` for one policy (before clipping to the map)."""
    gx, gy = base.gradient
    norm = math.hypot(gx, gy)
    if norm == 0:
        return 0.0, 0.0
    if policy == "newton":
        (hxx, hxy), (_, hyy) = base.hessian
        det = hxx * hyy - hxy * hxy
        if _concave(base.hessian) and 0 < det < math.inf:  # the Newton step −H⁻¹g (det > 0: safe to divide)
            dx = -(hyy * gx - hxy * gy) / det
            dy = -(-hxy * gx + hxx * gy) / det
            length = math.hypot(dx, dy)
            if length > radius:
                dx, dy = dx * radius / length, dy * radius / length
            return dx, dy
    if policy == "momentum":
        vx, vy = state.get("velocity", (0.0, 0.0))
        ux, uy = MOMENTUM * vx + gx / norm, MOMENTUM * vy + gy / norm
        state["pending_velocity"] = (ux, uy)
    elif policy == "adam":
        t = state.get("t", 0) + 1
        mx, my = state.get("m", (0.0, 0.0))
        sx, sy = state.get("s", (0.0, 0.0))
        mx, my = ADAM_BETA1 * mx + (1 - ADAM_BETA1) * gx, ADAM_BETA1 * my + (1 - ADAM_BETA1) * gy
        sx, sy = ADAM_BETA2 * sx + (1 - ADAM_BETA2) * gx * gx, ADAM_BETA2 * sy + (1 - ADAM_BETA2) * gy * gy
        state["pending_adam"] = (t, (mx, my), (sx, sy))
        c1, c2 = 1 - ADAM_BETA1**t, 1 - ADAM_BETA2**t
        ux = (mx / c1) / (math.sqrt(sx / c2) + ADAM_EPS) / math.sqrt(2)
        uy = (my / c1) / (math.sqrt(sy / c2) + ADAM_EPS) / math.sqrt(2)
        return radius * ux, radius * uy  # Adam's own scaling: |u| <= 1, shorter where the gradient is noisy
    else:  # gradient ascent, and Newton where the Hessian is not negative definite
        ux, uy = gx / norm, gy / norm
    unorm = math.hypot(ux, uy)
    return (radius * ux / unorm, radius * uy / unorm) if unorm > 0 else (0.0, 0.0)


# Where to look next while no probe has given a usable height and gradient (the start was undefined, for
# log(x) at the centre): offsets from the map's centre in half-widths, off the axes where formulas break.
SEARCH = ((0.37, 0.21), (-0.29, 0.43), (-0.41, -0.31), (0.23, -0.47), (0.61, 0.57), (-0.63, -0.59))


def _stuck(best: Any) -> bool:
    """A flat spot that is no summit (a saddle or minimum with a zero gradient): no direction to climb."""
    if best is None or best.gradient != (0.0, 0.0):
        return False
    return not _concave(best.hessian)


def _search_point(game: Game, k: int) -> tuple[float, float]:
    xmin, xmax, ymin, ymax = game.surface.domain
    fx, fy = SEARCH[k]
    return (xmin + xmax) / 2 + fx * (xmax - xmin) / 2, (ymin + ymax) / 2 + fy * (ymax - ymin) / 2


def next_move(game: Game, policy: str, state: dict[str, Any]) -> Move:
    """The policy's next action: ("probe", x, y) or a claim (see Move). `state` is a dict the caller keeps between
    calls."""
    if policy not in POLICIES:
        raise ValueError(f"unknown autoplay policy {policy!r}; known: {', '.join(POLICIES)}")
    if game.finished:
        return ("claim",)
    if not game.probes:
        return ("probe", *start_point(game))
    _learn(game, state)
    best = state.get("base")
    last = game.last
    if best is None and game.probes_left > 0 and len(game.probes) <= len(SEARCH) or _stuck(best) and (
            game.probes_left > 1 and len(game.probes) <= len(SEARCH)):
        return ("probe", *_search_point(game, len(game.probes) - 1))  # nothing usable yet: look elsewhere
    if game.probes_left == 0 or best is None:
        top = game.best  # no usable base (e.g. no gradient anywhere probed): still claim the highest probe
        return ("claim",) if top is None or top is last else ("claim", top.x, top.y)
    finish = ("claim",) if last is best else ("claim", best.x, best.y)  # claim the best probe, wherever it is
    if game.probes_left == 1:
        return finish
    diag = _diagonal(game)
    goal = GOAL * max(game.tolerance_height, 1e-12)
    gx, gy = best.gradient
    curvature = state.get("curvature")
    if state.get("progress", math.inf) < goal and curvature and (gx * gx + gy * gy) / (2 * curvature) < goal:
        return finish  # the last step gained little and the slope says little is left
    radius = min(state.setdefault("radius", FIRST_STEP * diag), MAX_STEP * diag)
    if radius < MIN_STEP * diag:
        return finish  # steps this short would only repeat probes
    dx, dy = _direction(game, policy, state, best, radius)
    x, y = clip(game, best.x + dx, best.y + dy)
    if gx * (x - best.x) + gy * (y - best.y) <= 0 and policy != "gradient":  # not uphill: plain gradient step
        state.pop("pending_velocity", None)
        state.pop("pending_adam", None)
        state["velocity"] = (0.0, 0.0)
        dx, dy = _direction(game, "gradient", state, best, radius)
        x, y = clip(game, best.x + dx, best.y + dy)
    dx, dy = x - best.x, y - best.y  # projected ascent: what is left after clipping to the map
    predicted = gx * dx + gy * dy
    if policy == "newton":
        (hxx, hxy), (_, hyy) = best.hessian
        quadratic = predicted + 0.5 * (hxx * dx * dx + 2 * hxy * dx * dy + hyy * dy * dy)
        if math.isfinite(quadratic) and 0 < quadratic < predicted:
            if quadratic < goal and _concave(best.hessian):
                return finish  # the quadratic model says the summit is within the tolerance
            predicted = quadratic
    if predicted <= 0 or math.hypot(dx, dy) < MIN_STEP * diag:
        return finish  # uphill leads off the map, or nowhere
    if game.is_repeat(x, y):
        return finish  # been there already
    state["step"] = ((dx, dy), predicted)
    if "pending_velocity" in state:
        state["velocity"] = state.pop("pending_velocity")
    if "pending_adam" in state:
        state["t"], state["m"], state["s"] = state.pop("pending_adam")
    return ("probe", x, y)


def play(level: Level, policy: str = "gradient") -> Game:
    """Play a whole level with one policy, from the first probe to the claim. Deterministic."""
    if policy not in POLICIES:
        raise ValueError(f"unknown autoplay policy {policy!r}; known: {', '.join(POLICIES)}")
    game = Game(level)
    state: dict[str, Any] = {}
    for _ in range(game.budget + 2):
        move = next_move(game, policy, state)
        if move[0] == "claim":
            break
        if game.probe(move[1], move[2]) is None:  # refused (cannot happen for in-domain points): stop
            break
    else:
        move = ("claim",)
    game.claim(game.probe_index(move[1], move[2]) if len(move) == 3 else None)
    return game


def _number(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    rounded = round(float(value), 6)
    return 0.0 if rounded == 0 else rounded


def _exact(value: float) -> float | None:
    """A coordinate or height as it is (JSON round-trips floats exactly); None where it is not finite."""
    return float(value) if math.isfinite(value) else None


def summary(game: Game) -> dict[str, Any]:
    """The one JSON line of `--probe`/`--claim` and `--autoplay` (DESIGN "Command line"): level, probes, path,
    final, peak, verdict, point, score, stars. No nan: None.

    `path` is every probe in order as [x, y, f], unrounded (f None where the height is undefined), so a script
    can compare it with the surface; `final` (the claimed probe, else the latest) and `peak` are rounded to 6
    decimals; `point` is what the claimed point is (None before a claim)."""
    verdict = game.verdict
    last = game.probes[verdict.index] if verdict is not None and 0 <= verdict.index < len(game.probes) else game.last
    px, py, pv = game.judge.standard.peak  # where a surface without a highest point blows up, value None
    score = game.score()
    out = {
        "level": str(game.level.id),
        "probes": len(game.probes),
        "path": [[_exact(p.x), _exact(p.y), _exact(p.value)] for p in game.probes],
        "final": {
            "x": _number(last.x) if last else None,
            "y": _number(last.y) if last else None,
            "value": _number(last.value) if last else None,
        },
        "peak": {"x": _number(px), "y": _number(py), "value": _number(pv)},
        "verdict": verdict.kind if verdict else None,
        "point": verdict.point if verdict else None,
        "score": score.total,
        "stars": score.stars,
    }
    fit = fit_record(game.level.surface, (last.x, last.y) if last else None, (px, py))  # model levels (issue 14)
    return out if fit is None else {**out, "fit": fit}


__all__ = ["POLICIES", "clip", "next_move", "play", "start_point", "summary"]
