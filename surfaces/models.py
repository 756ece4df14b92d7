"""Loss landscapes of small models over their two parameters: height = −mean squared error on a data set.

``line``: y = m·x + c over (m, c); ``neuron``: a = σ(w·x + b) over (w, b) against labels t; ``exp``:
y = a·e^(−b·x) over (a, b). Heights, gradients and Hessians are exact sums over the data (vectorised numpy);
the map of a large data set is drawn from a reduced copy (see ``ModelSurface.grid``).
"""

from __future__ import annotations

import math

import numpy as np

from . import expr as E
from .model_fit import best_fit, choose_domain, least_squares_line  # noqa: F401  (re-exported)
from .model_math import KINDS, ChainRule, Data, chain_rule, evaluate, predict, sigmoid  # noqa: F401
from .optimize import grid_local_maxima, refine
from .surface import Surface

PARAMS = {"line": ("m", "c"), "neuron": ("w", "b"), "exp": ("a", "b")}
MAP_ROWS = 128  # the map of a larger data set is drawn from this many weighted representatives
MAP_WORK = 1_000_000  # points × rows for one map (a smooth loss: a coarser grid looks the same); beyond it the map is computed coarser and interpolated
CANDIDATES = 6  # grid maxima refined on the exact data, besides the fit
ANALYSIS_N = 61  # analysis grid per axis (the model's own optimum is refined exactly)


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
        kept = np.isfinite(z)
        if keep_inf:
            kept |= np.isposinf(z)
        z[~kept] = np.nan  # z is this call's own array
        return z.astype(dtype, copy=False)

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
    """Bilinear interpolation of z (rows = cy, columns = cx; both increasing or both as given) at xs × ys: along x on
    the few coarse rows first, then along y (separable: two gathers of the full size instead of four)."""
    fx = np.interp(xs, cx, np.arange(len(cx))) if cx[-1] > cx[0] else np.interp(xs, cx[::-1], np.arange(len(cx))[::-1])
    fy = np.interp(ys, cy, np.arange(len(cy))) if cy[-1] > cy[0] else np.interp(ys, cy[::-1], np.arange(len(cy))[::-1])
    x0 = np.clip(np.floor(fx).astype(int), 0, len(cx) - 2)
    y0 = np.clip(np.floor(fy).astype(int), 0, len(cy) - 2)
    tx, ty = (fx - x0)[None, :], (fy - y0)[:, None]
    across = z[:, x0] * (1 - tx) + z[:, x0 + 1] * tx  # coarse rows × full columns
    out = across[y0]  # in place from here: two window-sized arrays instead of five
    out *= 1 - ty
    below = across[y0 + 1]
    below *= ty
    out += below
    return out


def model_of(surface: object) -> ModelSurface | None:
    """The surface as a ModelSurface (its kind, data and fit), or None for a height function of its own."""
    return surface if isinstance(surface, ModelSurface) else None
