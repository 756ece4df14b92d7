"""The model arithmetic behind model surfaces: a weighted data set, per-row squared errors, their exact means."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

KINDS = ("line", "neuron", "exp")
CHUNK = 1 << 18  # points × rows evaluated at once (bounded memory)


@dataclass(frozen=True)
class Data:
    """A data set: x, y (labels t for the neuron) and each row's weight (summing to 1)."""

    x: np.ndarray
    y: np.ndarray
    w: np.ndarray
    spread: float = 0.0  # Σ weight·variance of y within the rows a reduced copy merged (its MSE's constant part)

    @classmethod
    def of(cls, x, y) -> Data:
        x = np.asarray(x, dtype=np.float64).ravel()
        y = np.asarray(y, dtype=np.float64).ravel()
        return cls(x, y, np.full(len(x), 1.0 / len(x)))

    @functools.cached_property
    def moments(self) -> tuple[float, float, tuple[float, float], float]:
        """(x̄, mean (x − x̄)², least-squares (m*, c*), its mean squared error R*) for the line."""
        mx, my = float(self.w @ self.x), float(self.w @ self.y)
        u, v = self.x - mx, self.y - my
        suu = float(self.w @ (u * u))
        m = float(self.w @ (u * v)) / suu
        r = v - m * u
        return mx, suu, (m, my - m * mx), float(self.w @ (r * r))

    def reduced(self, n: int) -> Data:
        """At most n weighted rows: equal-count runs of the x-sorted data, each as its mean (for drawing only)."""
        if len(self.x) <= n:
            return self
        order = np.argsort(self.x, kind="stable")
        parts = np.array_split(order, n)
        x = np.array([self.x[p].mean() for p in parts])
        y = np.array([self.y[p].mean() for p in parts])
        w = np.array([self.w[p].sum() for p in parts])
        spread = sum(float(self.w[p] @ (self.y[p] - yk) ** 2) for p, yk in zip(parts, y))
        return Data(x, y, w, self.spread + spread)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)) without overflow warnings."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def _heights(kind: str, p: np.ndarray, q: np.ndarray, d: Data) -> np.ndarray:
    """Per-row −(g − y)² only, with in-place operations (the map's hot path)."""
    r = np.multiply(p, d.x) if kind != "exp" else np.multiply(-q, d.x)
    if kind == "neuron":
        r += q
        np.negative(r, out=r)
        np.exp(r, out=r)
        r += 1.0
        np.reciprocal(r, out=r)
    elif kind == "exp":
        np.exp(r, out=r)
        r *= p
    else:
        r += q
    r -= d.y
    r *= r
    np.negative(r, out=r)
    return r


def terms(kind: str, p: np.ndarray, q: np.ndarray, d: Data, order: int):
    """Per-row (f, fp, fq, fpp, fpq, fqq) of −(g − y)² up to ``order`` (0: f; 1: +gradient; 2: +Hessian);
    p, q have shape (k, 1) and the data broadcast along the last axis."""
    if order == 0:
        return [_heights(kind, p, q, d)]
    x, y = d.x, d.y
    if kind == "line":
        g, gp, gq = p * x + q, x, 1.0
        gpp = gpq = gqq = 0.0
    elif kind == "neuron":
        g = sigmoid(p * x + q)
        s = g * (1.0 - g)
        s2 = s * (1.0 - 2.0 * g)
        gp, gq, gpp, gpq, gqq = s * x, s, s2 * x * x, s2 * x, s2
    else:
        e = np.exp(-q * x)
        g, gp, gq = p * e, e, -p * x * e
        gpp, gpq, gqq = 0.0, -x * e, p * x * x * e
    r = g - y
    out = [-r * r, -2.0 * r * gp, -2.0 * r * gq]
    if order >= 2:
        out += [-2.0 * (gp * gp + r * gpp), -2.0 * (gp * gq + r * gpq), -2.0 * (gq * gq + r * gqq)]
    return out


def evaluate(kind: str, d: Data, p, q, order: int) -> list[np.ndarray]:
    """Weighted means over the data of ``terms``, at the points (p, q) (any matching shapes), in bounded chunks."""
    dtype = np.result_type(np.asarray(p), np.asarray(q), np.float64)  # complex128 for the complex-step method
    p, q = np.asarray(p, dtype=dtype), np.asarray(q, dtype=dtype)
    if kind == "line":  # broadcasting inside: a row of m and a column of c stay 1-D until they meet
        shape = np.broadcast_shapes(p.shape, q.shape)
        return [np.broadcast_to(o, shape).copy() if o.shape != shape else o for o in _line(d, p, q, order)]
    p, q = np.broadcast_arrays(p, q)
    shape = p.shape
    fp, fq = p.ravel(), q.ravel()
    outs = [np.empty(fp.size, dtype) for _ in range(1 + 2 * min(order, 1) + 3 * (order >= 2))]
    step = max(1, CHUNK // max(1, len(d.x)))
    with np.errstate(all="ignore"):
        for i in range(0, fp.size, step):
            part = terms(kind, fp[i:i + step, None], fq[i:i + step, None], d, order)
            for o, t in zip(outs, part):
                o[i:i + step] = np.broadcast_to(t, (len(fp[i:i + step]), len(d.x))) @ d.w
    outs[0] -= d.spread
    return [o.reshape(shape) for o in outs]


def _line(d: Data, m: np.ndarray, c: np.ndarray, order: int) -> list[np.ndarray]:
    """The line's exact mean from its moments, about the least-squares solution (no cancellation near the summit):
    MSE = Suu·dm² + (dm·x̄ + dc)² + R* with u = x − x̄, dm = m − m*, dc = c − c*, R* the smallest MSE."""
    mx, suu, best, rstar = d.moments
    with np.errstate(all="ignore"):
        dm, dc = m - best[0], c - best[1]
        k = dm * mx + dc
        out = [-(k * k + (suu * dm * dm + rstar))]
        if order >= 1:
            out += [-2.0 * (suu * dm + k * mx), -2.0 * k]
        if order >= 2:
            out += [np.asarray(-2.0 * (suu + mx * mx)), np.asarray(-2.0 * mx), np.asarray(-2.0)]
    return [np.asarray(o) for o in out]


def predict(kind: str, p: float, q: float, x) -> np.ndarray:
    """The model's output at x for parameters (p, q): m·x + c, σ(w·x + b) or a·e^(−b·x) (nan/inf where it overflows)."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        if kind == "line":
            return p * x + q
        if kind == "neuron":
            return sigmoid(p * x + q)
        return p * np.exp(-q * x)


@dataclass(frozen=True)
class ChainRule:
    """One sigmoid neuron's forward values and backward factors for one example (index ``i``), and the means."""

    i: int
    x: float
    t: float
    z: float
    a: float
    c: float
    dc_da: float  # 2(a − t)
    da_dz: float  # a(1 − a)
    dz_dw: float  # x (and ∂z/∂b = 1)
    dc_dw: float
    dc_db: float
    mean_c: float
    mean_dw: float  # ∂(mean C)/∂w = −∂f/∂w
    mean_db: float


def chain_rule(d: Data, w: float, b: float, i: int | None = None) -> ChainRule:
    """The chain rule of C = (σ(w·x + b) − t)² at (w, b): for example ``i`` (None: the worst-fitted one, the largest
    |a − t|, first of equals) and as the weighted mean over the data (the map's height is −mean C)."""
    with np.errstate(all="ignore"):
        z = w * d.x + b
        a = sigmoid(z)
        r = a - d.y
        ca, az = 2.0 * r, a * (1.0 - a)
        cw, cb = ca * az * d.x, ca * az
    k = int(np.argmax(np.abs(r))) if i is None else int(i)
    return ChainRule(k, float(d.x[k]), float(d.y[k]), float(z[k]), float(a[k]), float(r[k] ** 2), float(ca[k]),
                     float(az[k]), float(d.x[k]), float(cw[k]), float(cb[k]), float(d.w @ (r * r)),
                     float(d.w @ cw), float(d.w @ cb))
