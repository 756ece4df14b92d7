"""Loss landscapes of small models over their two parameters: height = −mean squared error on a data set.

``line``: y = m·x + c over (m, c); ``neuron``: a = σ(w·x + b) over (w, b) against labels t; ``exp``:
y = a·e^(−b·x) over (a, b). Heights, gradients and Hessians are exact sums over the data (vectorised numpy);
the map of a large data set is drawn from a reduced copy (see ``ModelSurface.grid``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from . import expr as E
from .optimize import grid_local_maxima, refine
from .surface import Surface

KINDS = ("line", "neuron", "exp")
PARAMS = {"line": ("m", "c"), "neuron": ("w", "b"), "exp": ("a", "b")}
CHUNK = 1 << 18  # points × rows evaluated at once (bounded memory)
MAP_ROWS = 128  # the map of a larger data set is drawn from this many weighted representatives
MAP_WORK = 3_000_000  # points × rows for one map; beyond it the map is computed coarser and interpolated
ASPECT = (1.0, 2.0)  # width / height of a chosen map, at least and at most
DROP = 6.0  # a chosen map's worst mean squared error is at most this many times the spread of y above the best
CANDIDATES = 6  # grid maxima refined on the exact data, besides the fit
ANALYSIS_N = 61  # analysis grid per axis (the model's own optimum is refined exactly)


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
    p, q = np.broadcast_arrays(np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64))
    if kind == "line":
        return _line(d, p, q, order)
    shape = p.shape
    fp, fq = p.ravel(), q.ravel()
    outs = [np.empty(fp.size) for _ in range(1 + 2 * min(order, 1) + 3 * (order >= 2))]
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
        out = [-(suu * dm * dm + k * k + rstar)]
        if order >= 1:
            out += [-2.0 * (suu * dm + k * mx), -2.0 * k]
        if order >= 2:
            out += [np.full(m.shape, -2.0 * (suu + mx * mx)), np.full(m.shape, -2.0 * mx), np.full(m.shape, -2.0)]
    return [np.asarray(o, dtype=np.float64) for o in out]


def _placeholder(kind: str, n: int) -> E.Node:
    """A tree for the base class's identity only; every number comes from ``evaluate``."""
    return E.num(0.0)


class ModelSurface(Surface):
    """Height = −mean squared error of the model ``kind`` on ``data`` over its two parameters (x, y of the map)."""

    def __init__(self, kind: str, x, y, domain=None, name: str = "data") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fit {kind!r}; use one of {', '.join(KINDS)}")
        self.kind = kind
        self.data = Data.of(x, y)
        self.fitted = best_fit(kind, self.data)
        super().__init__(_placeholder(kind, len(self.data.x)), domain or choose_domain(kind, self.data, self.fitted),
                         name)

    @property
    def params(self) -> tuple[str, str]:
        return PARAMS[self.kind]

    @property
    def expression(self) -> str:
        return {"line": "-mean((m*x + c - y)^2)", "neuron": "-mean((sigmoid(w*x + b) - t)^2)",
                "exp": "-mean((a*exp(-b*x) - y)^2)"}[self.kind]

    def __repr__(self) -> str:
        return f"ModelSurface({self.kind!r}, {len(self.data.x)} rows, domain={self.domain})"

    def _eval(self, x, y, order: int) -> list[np.ndarray]:
        return evaluate(self.kind, self.data, x, y, order)

    def __call__(self, x, y):
        return self._eval(x, y, 0)[0][()]

    def value_at(self, x: float, y: float) -> float:
        return float(self._eval(float(x), float(y), 0)[0])

    def _scalar_outputs(self, name: str, x: float, y: float) -> list[float]:
        out = [float(v) for v in self._eval(float(x), float(y), 2)]
        return {"f": out[:1], "grad": out[1:3], "hess": out[3:], "all": out[1:], "fused": out}[name]

    def gradient(self, x, y) -> np.ndarray:
        return np.stack(self._eval(x, y, 1)[1:3])

    def hessian(self, x, y) -> np.ndarray:
        _, _, _, hxx, hxy, hyy = self._eval(x, y, 2)
        return np.stack([np.stack([hxx, hxy]), np.stack([hxy, hyy])])

    def heights(self, x, y) -> np.ndarray:
        return np.array(self._eval(x, y, 0)[0], dtype=np.float64)

    def derivatives(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        _, fx, fy, fxx, fxy, fyy = self._eval(x, y, 2)
        g = np.stack([fx, fy], axis=-1)
        h = np.stack([np.stack([fxx, fxy], axis=-1), np.stack([fxy, fyy], axis=-1)], axis=-2)
        return g, h

    def grid(self, xs, ys, dtype=np.float32, keep_inf: bool = False) -> np.ndarray:
        """Heights on xs × ys (rows = ys); a large data set is drawn from MAP_ROWS representatives, and a large map
        from a coarser grid, linearly interpolated (the numbers a player reads come from the exact sums)."""
        xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        d = self.data if self.kind == "line" else self.data.reduced(MAP_ROWS)
        nx, ny = len(xs), len(ys)
        cells = nx * ny if self.kind == "line" else max(1, MAP_WORK // len(d.x))
        if nx * ny > cells and nx > 2 and ny > 2:
            f = math.sqrt(cells / (nx * ny))
            cx, cy = np.linspace(xs[0], xs[-1], max(2, int(nx * f))), np.linspace(ys[0], ys[-1], max(2, int(ny * f)))
            z = evaluate(self.kind, d, cx[None, :], cy[:, None], 0)[0]
            z = _interp2(z, cx, cy, xs, ys)
        else:
            z = evaluate(self.kind, d, xs[None, :], ys[:, None], 0)[0]
        z = np.where(np.isfinite(z) | (keep_inf & np.isposinf(z)), z, np.nan)
        return z.astype(dtype)

    def _analyse(self) -> np.ndarray:
        if self._maxima is None:
            xmin, xmax, ymin, ymax = self.domain
            xs, ys = np.linspace(xmin, xmax, ANALYSIS_N), np.linspace(ymin, ymax, ANALYSIS_N)
            z = evaluate(self.kind, self.data.reduced(MAP_ROWS), xs[None, :], ys[:, None], 0)[0]
            iy, ix = grid_local_maxima(z)
            best = np.argsort(-z[iy, ix], kind="stable")[:CANDIDATES]
            px, py = list(xs[ix[best]]), list(ys[iy[best]])
            fx, fy = self.fitted
            if xmin <= fx <= xmax and ymin <= fy <= ymax:
                px.append(fx)
                py.append(fy)
            p, f = refine(self, np.array(px), np.array(py), max(xs[1] - xs[0], ys[1] - ys[0]))
            keep = np.isfinite(f)
            rows = np.column_stack([p[keep], f[keep]])
            rows = rows[np.argsort(-rows[:, 2], kind="stable")] if len(rows) else np.array([[fx, fy, np.nan]])
            finite = z[np.isfinite(z)]
            self._range = (float(min(finite.min(), rows[0, 2])) if finite.size else math.nan, float(rows[0, 2]))
            self._unbounded, self._limits = None, None  # −MSE ≤ 0: always bounded above
            self._maxima = rows[:1]
        return self._maxima


def _interp2(z: np.ndarray, cx: np.ndarray, cy: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Bilinear interpolation of z (rows = cy, columns = cx; both increasing or both as given) at xs × ys."""
    fx = np.interp(xs, cx, np.arange(len(cx))) if cx[-1] > cx[0] else np.interp(xs, cx[::-1], np.arange(len(cx))[::-1])
    fy = np.interp(ys, cy, np.arange(len(cy))) if cy[-1] > cy[0] else np.interp(ys, cy[::-1], np.arange(len(cy))[::-1])
    x0 = np.clip(np.floor(fx).astype(int), 0, len(cx) - 2)
    y0 = np.clip(np.floor(fy).astype(int), 0, len(cy) - 2)
    tx, ty = (fx - x0)[None, :], (fy - y0)[:, None]
    a, b = z[y0][:, x0], z[y0][:, x0 + 1]
    c, d = z[y0 + 1][:, x0], z[y0 + 1][:, x0 + 1]
    return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty


# -- the fit: closed form for the line, a damped Newton (Levenberg–Marquardt) climb for the others ---------------

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
    """[lo, hi] widened to multiples of a round step (a tenth of the span, 1/2/5 × 10^k)."""
    span = hi - lo
    step = 10.0 ** math.floor(math.log10(span / 10.0))
    for k in (1.0, 2.0, 5.0):
        if span / (k * step) <= 12:
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


def choose_domain(kind: str, d: Data, best: tuple[float, float]) -> tuple[float, float, float, float]:
    """A map around the fitted parameters, so the summit is inside (off centre) and the landscape readable: each
    half-width is where the MSE's curvature along that axis adds the spread of y (_halves); then the map shrinks
    until its worst error is at most DROP × that spread, so the bands resolve the summit's hill."""
    sy2 = float(d.w @ (d.y - d.w @ d.y) ** 2) or 1.0
    rise = sy2 if kind != "neuron" else 0.05  # labels in [0, 1]: the error of a coin-flip neuron is 0.25
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
        xs = np.linspace(centre[0] - 1.2 * halves[0], centre[0] + 0.8 * halves[0], 21)
        ys = np.linspace(centre[1] - 1.2 * halves[1], centre[1] + 0.8 * halves[1], 21)
        z = evaluate(kind, small, xs[None, :], ys[:, None], 0)[0]
        drop = top - float(np.nanmin(np.where(np.isfinite(z), z, -np.inf)))
        if drop <= DROP * rise:
            break
        factor = max(0.3, math.sqrt(DROP * rise / drop)) if math.isfinite(drop) else 0.3
        halves = [h * factor for h in halves]
    out: list[float] = []
    for c, half in zip(centre, halves):
        out += list(_nice(c - 1.2 * half, c + 0.8 * half))
    return out[0], out[1], out[2], out[3]


def model_of(surface: object) -> ModelSurface | None:
    """The surface as a ModelSurface (its kind, data and fit), or None for a height function of its own."""
    return surface if isinstance(surface, ModelSurface) else None


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
