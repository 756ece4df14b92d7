"""Fitting a model surface: the best parameters (closed form or Levenberg–Marquardt) and a readable map around them."""

from __future__ import annotations

import math

import numpy as np

from .model_math import Data, evaluate

ASPECT = (1.0, 2.0)  # width / height of a chosen map, at least and at most
# The summit sits off centre (the map spans LOW half-widths below it, HIGH above), but within 5 % of the diagonal
# of the centre, where a climber starts: Newton's first step then reaches a line's least squares unclipped.
LOW, HIGH = 1.1, 0.9
STEPS = 40  # the map's edges are rounded to one of at most this many round steps across (a shift under 2.5 %)
SATURATED = 8.0  # a neuron's |w|·sd(x) and |z| beyond which σ is flat on the data (sigmoid(8) = 0.9997)
DROP = 6.0  # a chosen map's worst mean squared error is at most this many times the spread of y above the best


def least_squares_line(d: Data) -> tuple[float, float]:
    """(m, c) minimising the weighted mean squared error (centred normal equations)."""
    return d.moments[2]


def _start(kind: str, d: Data) -> tuple[float, float]:
    if kind == "neuron":
        t = min(max(float(d.w @ d.y), 0.02), 0.98)
        return 0.0, math.log(t / (1.0 - t))
    pos = d.y > 0
    if pos.sum() >= 2 and np.ptp(d.x[pos]) > 0:
        slope, icpt = np.polyfit(d.x[pos], np.log(d.y[pos]), 1)
        return float(math.exp(min(icpt, 700.0))), float(-slope)
    return float(d.w @ d.y), 0.0


def best_fit(kind: str, d: Data, iterations: int = 200) -> tuple[float, float]:
    """The parameters of the smallest mean squared error found: exact for the line; for the neuron and the exp fit
    a Levenberg–Marquardt climb of −MSE from a data-driven start (finite, possibly far out when none exists)."""
    if kind == "line":
        return least_squares_line(d)
    p = np.array(_start(kind, d), dtype=np.float64)
    f = evaluate(kind, d, p[0], p[1], 0)[0]
    lam = 1e-3
    for _ in range(iterations):
        _, gx, gy, hxx, hxy, hyy = (float(v) for v in evaluate(kind, d, p[0], p[1], 2))
        g = np.array([gx, gy])
        h = -np.array([[hxx, hxy], [hxy, hyy]])  # the MSE's Hessian (minimisation)
        scale = max(abs(hxx), abs(hyy), 1e-300)
        step = None
        for _ in range(60):
            try:
                step = np.linalg.solve(h + lam * scale * np.eye(2), g)
            except np.linalg.LinAlgError:
                lam *= 10.0
                continue
            new = p + step
            fn = float(evaluate(kind, d, new[0], new[1], 0)[0])
            if math.isfinite(fn) and fn >= f:
                p, f, lam = new, fn, max(lam / 10.0, 1e-12)
                break
            lam *= 10.0
        if step is None or not np.all(np.isfinite(p)) or np.hypot(*step) <= 1e-14 * (1.0 + np.hypot(*p)):
            break
    return float(p[0]), float(p[1])


def _nice(lo: float, hi: float) -> tuple[float, float]:
    """[lo, hi] widened to multiples of a round step (1/2/5 × 10^k, at most STEPS of them across)."""
    span = hi - lo
    step = 10.0 ** math.floor(math.log10(span / STEPS))
    for k in (1.0, 2.0, 5.0):
        if span / (k * step) <= STEPS:
            step *= k
            break
    return round(math.floor(lo / step) * step, 12), round(math.ceil(hi / step) * step, 12)


def _halves(kind: str, d: Data, best: tuple[float, float], rise: float) -> list[float]:
    """Half-widths where the MSE's curvature along each axis adds ``rise`` (clamped to the data's scales)."""
    sx = float(np.sqrt(d.w @ (d.x - d.w @ d.x) ** 2)) or 1.0
    sy = float(np.sqrt(d.w @ (d.y - d.w @ d.y) ** 2)) or 1.0
    _, _, _, hxx, _, hyy = (float(v) for v in evaluate(kind, d, best[0], best[1], 2))
    scales = {"line": (sy / sx, sy), "neuron": (4.0 / sx, 4.0 * (1.0 + abs(float(d.w @ d.x)) / sx)),
              "exp": (max(abs(best[0]), sy), 1.0 / sx)}[kind]
    out = []
    for curv, unit in zip((hxx, hyy), scales):
        half = math.sqrt(2.0 * rise / abs(curv)) if curv < 0 and math.isfinite(curv) else unit
        out.append(min(max(half, 0.5 * unit), (2.0 if kind == "neuron" else 4.0) * unit))
    return out


def _in_reach(kind: str, d: Data, best: tuple[float, float]) -> tuple[float, float]:
    """Where the map centres: the fit, except for a neuron that saturates (separable or constant labels, whose error
    keeps falling towards w or b = ±∞): there the same boundary −b/w with |w|·sd(x) and |z| at the data's mean at
    most SATURATED, so the map shows the data's scale and the summit lies on its edge."""
    if kind != "neuron" or not all(math.isfinite(v) for v in best):
        return best
    w, b = best
    mx = float(d.w @ d.x)
    sx = float(np.sqrt(d.w @ (d.x - mx) ** 2)) or 1.0
    if abs(w) * sx > SATURATED:
        shrink = SATURATED / (abs(w) * sx)
        w, b = w * shrink, b * shrink  # the boundary −b/w stays
    z = w * mx + b
    if abs(z) > SATURATED:
        b -= math.copysign(abs(z) - SATURATED, z)
    return w, b


def choose_domain(kind: str, d: Data, best: tuple[float, float]) -> tuple[float, float, float, float]:
    """A map around the fitted parameters, so the summit is inside (off centre) and the landscape readable: each
    half-width is where the MSE's curvature along that axis adds a rise (_halves); then the map shrinks until its worst
    error is at most DROP × that rise, so the bands resolve the summit's hill."""
    sy2 = float(d.w @ (d.y - d.w @ d.y) ** 2) or 1.0
    best_error = -float(evaluate(kind, d, best[0], best[1], 0)[0])
    # the summit's hill in view: a few times the best error, but never below a twentieth of y's spread (a perfect
    # fit) nor above all of it; labels in [0, 1] (a coin-flip neuron errs 0.25): a fixed rise
    rise = min(sy2, max(2.0 * best_error, 0.05 * sy2)) if kind != "neuron" else 0.05
    best = _in_reach(kind, d, best)
    centre = [c if math.isfinite(c) and abs(c) <= 1e5 else (math.copysign(1e5, c) if math.isfinite(c) else 0.0)
              for c in best]
    halves = _halves(kind, d, best, rise)
    aspect = halves[0] / halves[1]  # the map keeps equal scales: a very tall or flat map wastes the screen
    if aspect < ASPECT[0]:
        halves[0] = ASPECT[0] * halves[1]
    elif aspect > ASPECT[1]:
        halves[1] = halves[0] / ASPECT[1]
    small = d.reduced(64)
    top = float(evaluate(kind, small, centre[0], centre[1], 0)[0])
    for _ in range(8):
        xs = np.linspace(centre[0] - LOW * halves[0], centre[0] + HIGH * halves[0], 21)
        ys = np.linspace(centre[1] - LOW * halves[1], centre[1] + HIGH * halves[1], 21)
        z = evaluate(kind, small, xs[None, :], ys[:, None], 0)[0]
        drop = top - float(np.nanmin(np.where(np.isfinite(z), z, -np.inf)))
        if drop <= DROP * rise:
            break
        factor = max(0.3, math.sqrt(DROP * rise / drop)) if math.isfinite(drop) else 0.3
        halves = [h * factor for h in halves]
    out: list[float] = []
    for c, half in zip(centre, halves):
        out += list(_nice(c - LOW * half, c + HIGH * half))
    return out[0], out[1], out[2], out[3]
