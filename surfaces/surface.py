"""The Surface: a height function z = f(x, y) on a rectangle, with exact derivatives and its peaks."""

from __future__ import annotations

import gc
import math
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import numpy as np

from . import expr as E
from .bounded import Unbounded, assess
from .calculus import EIG_TOL, HESSIAN_KINDS, classify_hessian
from .derive import differentiate
from .edges import edge_maxima
from .grid import GridEvaluator
from .optimize import find_maxima
from .errors import ExpressionError
from .parse import parse
from .program import Program
from .scalar import SCALAR_ERRORS, ScalarProgram, as_real_scalar

Domain = tuple[float, float, float, float]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building derivative programs makes ~1e5 acyclic objects; the cycle collector's rescans of them
    would more than double the build time (0.62 → 0.26 s for a 40-factor product), so it waits."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


MAX_COORDINATE = 1e6  # a domain lies within ±this (beyond it, pixel steps and finite differences lose meaning)
MAX_DERIVATIVE_SLOTS = 10_000  # operands of f and its five derivatives (rich formulas: 100–500); the peak search runs them ≤ 80 times
MIN_SPAN = 1e-6  # and is at least this share of its largest coordinate wide (so neighbouring pixels differ)


def check_domain(domain: Sequence[float]) -> Domain:
    """(xmin, xmax, ymin, ymax) as floats, or ValueError if malformed, non-finite or empty."""
    try:
        values = tuple(float(v) for v in domain)
    except (TypeError, ValueError):
        raise ValueError("domain must be four numbers (xmin, xmax, ymin, ymax)") from None
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise ValueError("domain must be four finite numbers (xmin, xmax, ymin, ymax)")
    xmin, xmax, ymin, ymax = values
    if not xmin < xmax:
        raise ValueError(f"domain needs xmin < xmax, got {xmin} and {xmax}")
    if not ymin < ymax:
        raise ValueError(f"domain needs ymin < ymax, got {ymin} and {ymax}")
    if max(abs(v) for v in values) > MAX_COORDINATE:
        raise ValueError(f"domain coordinates must lie within ±{MAX_COORDINATE:g}")
    for low, high, axis in ((xmin, xmax, "x"), (ymin, ymax, "y")):
        if high - low < MIN_SPAN * max(1.0, abs(low), abs(high)):
            raise ValueError(f"domain is too narrow in {axis}: {high - low:g} wide (pixels would not differ)")
    return values  # type: ignore[return-value]


def _broadcast(r, x: np.ndarray, y: np.ndarray, dtype) -> np.ndarray:
    shape = np.broadcast_shapes(x.shape, y.shape)
    out = np.asarray(r, dtype=dtype)
    if out.shape != shape:
        out = np.broadcast_to(out, shape).copy()
    elif out is x or out is y:
        out = out.copy()
    return out


class Surface:
    """z = f(x, y) on ``domain``; evaluation is vectorised, derivatives are exact (symbolic).

    ``classify`` tolerance: with R the value range over the domain and L the longer side of the
    domain, a point is stationary when |∇f| <= tol · R / L (tol default 1e-6); its Hessian is then
    named by ``calculus.classify_hessian`` with scale R / L² (an eigenvalue λ counts as zero when
    |λ| <= eig_tol · max(|λ1|, |λ2|, R / L²)).
    """

    def __init__(self, tree: E.Node, domain: Sequence[float], name: str = "custom") -> None:
        self._tree = tree
        self._domain = check_domain(domain)
        self._name = str(name)
        # Derivatives, programs and the grid evaluator are built on first use (loading all levels
        # then costs a parse each; a level's derivatives are only differentiated once it is played).
        self._lazy: dict[str, object] = {}
        self._text: str | None = None
        self._maxima: np.ndarray | None = None
        self._range: tuple[float, float] | None = None
        self._local: list[tuple[float, float, float]] | None = None
        self._edge: list[tuple[float, float, float]] | None = None
        self._unbounded: Unbounded | None = None  # set by _analyse (see surfaces/bounded.py)
        self._limits: tuple[float, float] | None = None  # robust band limits, only when unbounded

    def _derivative_trees(self) -> tuple[E.Node, E.Node, E.Node, E.Node, E.Node]:
        """(fx, fy, fxx, fxy, fyy), differentiated once."""
        trees = self._lazy.get("trees")
        if trees is None:
            with _collector_paused():
                fx = differentiate(self._tree, "x")
                fy = differentiate(self._tree, "y")
                trees = (fx, fy, differentiate(fx, "x"), differentiate(fx, "y"), differentiate(fy, "y"))
            self._lazy["trees"] = trees
        return trees  # type: ignore[return-value]

    def _program(self, name: str) -> Program:
        """The numpy register program ``name``: f, grad, hess, all (fx..fyy) or fused (f, fx..fyy)."""
        prog = self._lazy.get(name)
        if prog is None:
            if name == "f":
                prog = Program([self._tree])
            else:
                fx, fy, fxx, fxy, fyy = self._derivative_trees()
                roots = {"grad": [fx, fy], "hess": [fxx, fxy, fyy], "all": [fx, fy, fxx, fxy, fyy],
                         "fused": [self._tree, fx, fy, fxx, fxy, fyy]}[name]
                with _collector_paused():
                    prog = Program(roots)
            self._lazy[name] = prog
        return prog  # type: ignore[return-value]

    def _scalar(self, name: str) -> ScalarProgram:
        """The same program as a float instruction list for one point (see surfaces/scalar.py)."""
        key = "scalar-" + name
        prog = self._lazy.get(key)
        if prog is None:
            program = self._program(name)
            with _collector_paused():
                prog = self._lazy[key] = ScalarProgram(program)
        return prog  # type: ignore[return-value]

    @property
    def _f(self) -> Program:
        return self._program("f")

    @property
    def _grad(self) -> Program:
        return self._program("grad")

    @property
    def _hess(self) -> Program:
        return self._program("hess")

    @property
    def _grid(self) -> GridEvaluator:
        grid = self._lazy.get("grid")
        if grid is None:
            grid = self._lazy["grid"] = GridEvaluator(self._tree, self._f)
        return grid  # type: ignore[return-value]

    # -- identity ------------------------------------------------------------------------------
    @property
    def domain(self) -> Domain:
        return self._domain

    @property
    def name(self) -> str:
        return self._name

    @property
    def expression(self) -> str:
        """Canonical text of the expression (parsing it gives the same surface)."""
        if self._text is None:
            self._text = E.to_string(self._tree)
        return self._text

    @property
    def tree(self) -> E.Node:
        return self._tree

    def __repr__(self) -> str:
        return f"Surface({self.expression!r}, domain={self._domain}, name={self._name!r})"

    # -- evaluation ----------------------------------------------------------------------------
    def _inputs(self, x, y) -> tuple[np.ndarray, np.ndarray, type]:
        x = np.asarray(x)
        y = np.asarray(y)
        dtype = np.complex128 if (np.iscomplexobj(x) or np.iscomplexobj(y)) else np.float64
        return x.astype(dtype, copy=False), y.astype(dtype, copy=False), dtype

    def __call__(self, x, y):
        """f(x, y), broadcasting; float64 (complex128 for complex input, used by complex-step)."""
        sx, sy = as_real_scalar(x), as_real_scalar(y)
        if sx is not None and sy is not None:
            return np.float64(self.value_at(sx, sy))
        x, y, dtype = self._inputs(x, y)
        (r,) = self._f.run(x, y)
        return _broadcast(r, x, y, dtype)[()]

    def value_at(self, x: float, y: float) -> float:
        """f at one real point as a Python float (scalar fast path; nan/inf where undefined, never raises)."""
        try:
            return self._scalar("f").value(x, y)
        except SCALAR_ERRORS:
            with np.errstate(all="ignore"):
                (r,) = self._f.run(np.float64(x), np.float64(y))
            return float(r)

    def _scalar_outputs(self, name: str, x: float, y: float) -> list[float]:
        """All outputs of program ``name`` at one real point as floats; numpy path on math errors."""
        try:
            return self._scalar(name).run(x, y)
        except SCALAR_ERRORS:
            with np.errstate(all="ignore"):
                return [float(r) for r in self._program(name).run(np.float64(x), np.float64(y))]

    def value_gradient_hessian(self, x: float, y: float) -> tuple[float, tuple[float, float],
                                                                  tuple[tuple[float, float], tuple[float, float]]]:
        """(f, (fx, fy), ((fxx, fxy), (fxy, fyy))) at one real point as Python floats, in one fused pass.

        Same numbers as ``self(x, y)``, ``self.gradient(x, y)`` and ``self.hessian(x, y)``; shared
        subexpressions are computed once.  nan/inf where undefined, never an exception.
        """
        f, fx, fy, fxx, fxy, fyy = self._scalar_outputs("fused", float(x), float(y))
        return f, (fx, fy), ((fxx, fxy), (fxy, fyy))

    def gradient(self, x, y) -> np.ndarray:
        """Exact gradient (∂f/∂x, ∂f/∂y): shape (2,) for scalars, (2, *shape) for arrays."""
        sx, sy = as_real_scalar(x), as_real_scalar(y)
        if sx is not None and sy is not None:
            return np.array(self._scalar_outputs("grad", sx, sy))
        x, y, dtype = self._inputs(x, y)
        return np.stack([_broadcast(r, x, y, dtype) for r in self._grad.run(x, y)])

    def hessian(self, x, y) -> np.ndarray:
        """Exact symmetric Hessian [[fxx, fxy], [fxy, fyy]]: shape (2, 2) (or (2, 2, *shape))."""
        sx, sy = as_real_scalar(x), as_real_scalar(y)
        if sx is not None and sy is not None:
            fxx, fxy, fyy = self._scalar_outputs("hess", sx, sy)
            return np.array([[fxx, fxy], [fxy, fyy]])
        x, y, dtype = self._inputs(x, y)
        fxx, fxy, fyy = (_broadcast(r, x, y, dtype) for r in self._hess.run(x, y))
        return np.stack([np.stack([fxx, fxy]), np.stack([fxy, fyy])])

    def heights(self, x, y) -> np.ndarray:
        """f at the points (x[i], y[i]) as a new float64 array, always on the numpy path (for the optimiser)."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        (r,) = self._program("f").run(x, y)
        return np.array(_broadcast(r, x, y, np.float64), dtype=np.float64)

    def derivatives(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """Gradients (n, 2) and Hessians (n, 2, 2) at the points (x[i], y[i]) in one pass (for the optimiser)."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        fx, fy, fxx, fxy, fyy = (_broadcast(r, x, y, np.float64) for r in self._program("all").run(x, y))
        g = np.stack([fx, fy], axis=-1)
        h = np.stack([np.stack([fxx, fxy], axis=-1), np.stack([fxy, fyy], axis=-1)], axis=-2)
        return g, h

    def grid(self, xs, ys, dtype=np.float32, keep_inf: bool = False) -> np.ndarray:
        """Heights on the grid xs × ys as an array of shape (len(ys), len(xs)); non-finite -> nan
        (with ``keep_inf``, +inf stays +inf: a pole hit exactly, or overflow in ``dtype``).

        Fast path for rendering: separable evaluation, in float32 unless dtype is float64.
        """
        return self._grid(xs, ys, dtype, keep_inf)

    def taylor(self, x0: float, y0: float, order: int) -> Callable:
        """Taylor polynomial of ``order`` 1 or 2 at (x0, y0), as a vectorised (x, y) -> prediction."""
        if order not in (1, 2) or isinstance(order, bool):
            raise ValueError(f"Taylor order must be 1 or 2, got {order!r}")
        x0, y0 = float(x0), float(y0)
        f0 = float(self(x0, y0))
        gx, gy = (float(v) for v in self.gradient(x0, y0))
        hxx, hxy, hyy = 0.0, 0.0, 0.0
        if order == 2:
            h = self.hessian(x0, y0)
            hxx, hxy, hyy = float(h[0, 0]), float(h[0, 1]), float(h[1, 1])

        def model(x, y):
            with np.errstate(all="ignore"):
                dx = np.asarray(x, dtype=np.float64) - x0
                dy = np.asarray(y, dtype=np.float64) - y0
                z = f0 + gx * dx + gy * dy
                if order == 2:
                    z = z + 0.5 * (hxx * dx * dx + 2.0 * hxy * dx * dy + hyy * dy * dy)
                return np.asarray(z, dtype=np.float64)[()]

        model.__doc__ = f"order-{order} Taylor model of {self.expression} at ({x0}, {y0})"
        return model

    # -- analysis ------------------------------------------------------------------------------
    def _analyse(self) -> np.ndarray:
        if self._maxima is None:
            z, maxima = find_maxima(self)
            finite = z[np.isfinite(z)]
            summit = None
            if len(maxima) == 0 or len(finite) == 0:
                cx = 0.5 * (self._domain[0] + self._domain[1])
                cy = 0.5 * (self._domain[2] + self._domain[3])
                maxima = np.array([[cx, cy, np.nan]])
                self._range = (float("nan"), float("nan"))
            else:
                self._range = (float(finite.min()), float(maxima[0, 2]))
                summit = (float(maxima[0, 0]), float(maxima[0, 1]), float(maxima[0, 2]))
            self._unbounded, self._limits = assess(self, z, summit)
            self._maxima = maxima
        return self._maxima

    def peak(self) -> tuple[float, float, float]:
        """(x, y, value) of the global maximum on the domain (possibly on its edge); cached."""
        x, y, v = self._analyse()[0]
        return float(x), float(y), float(v)

    def value_range(self) -> tuple[float, float]:
        """(zmin, zmax) over the domain: zmin from the dense grid, zmax = peak value; cached."""
        self._analyse()
        assert self._range is not None
        return self._range

    def unbounded(self) -> Unbounded | None:
        """Unbounded(kind, x, y) when the surface has no finite maximum on its map (a pole or overflow; the rule
        is in surfaces/bounded.py), else None; cached with the peak."""
        self._analyse()
        return self._unbounded

    def band_limits(self) -> tuple[float, float]:
        """(lo, hi) for the map's colour bands and the terrain's height span: exactly value_range() for an ordinary
        surface; robust limits of the finite grid heights (surfaces/bounded.py) for one without a finite maximum,
        or whose lowest heights plunge far below the rest (−1/r²); cached."""
        self._analyse()
        if self._limits is not None:
            return self._limits
        return self.value_range()

    def scales(self) -> tuple[float, float]:
        """(gradient scale R/L, curvature scale R/L²) behind classify's tolerances (pass the second to classify_hessian).
        R is the terrain's height span, band_limits(): a pole's heights do not count."""
        zmin, zmax = self.band_limits()
        xmin, xmax, ymin, ymax = self._domain
        size = max(xmax - xmin, ymax - ymin)
        rng = zmax - zmin if math.isfinite(zmax - zmin) and zmax > zmin else 1.0
        return rng / size, rng / size ** 2

    def classify(self, x: float, y: float, tol: float = 1e-6, eig_tol: float = EIG_TOL) -> str:
        """"maximum" | "minimum" | "saddle" | "degenerate" | "not stationary" (see class docstring).

        Non-finite derivatives give "degenerate".
        """
        gscale, hscale = self.scales()
        g = self.gradient(x, y)
        h = self.hessian(x, y)
        if not (np.all(np.isfinite(g)) and np.all(np.isfinite(h))):
            return "degenerate"
        if math.hypot(g[0], g[1]) > tol * gscale:
            return "not stationary"
        return classify_hessian(float(h[0, 0]), float(h[0, 1]), float(h[1, 1]), hscale, eig_tol).kind

    def local_maxima(self) -> list[tuple[float, float, float]]:
        """Strict local maxima inside the domain plus the global peak, highest first; cached."""
        if self._local is None:
            maxima = self._analyse()
            xmin, xmax, ymin, ymax = self._domain
            gscale, hscale = self.scales()
            out = [self.peak()]
            for x, y, v in maxima[1:]:
                if not (xmin < x < xmax and ymin < y < ymax):
                    continue
                g = self.gradient(x, y)
                fxx, fxy, fyy = self._scalar_outputs("hess", float(x), float(y))
                if (math.hypot(g[0], g[1]) <= 1e-6 * gscale
                        and classify_hessian(fxx, fxy, fyy, hscale).kind == "maximum"):
                    out.append((float(x), float(y), float(v)))
            self._local = out
        return list(self._local)

    def edge_maxima(self) -> list[tuple[float, float, float]]:
        """Local maxima on the domain's edges and corners, where uphill points off the map (surfaces/edges.py),
        highest first; the global peak among them when it lies on the edge; cached."""
        if self._edge is None:
            self._edge = edge_maxima(self)
        return list(self._edge)


def from_expression(text: str, domain: Sequence[float] = (-3, 3, -3, 3), name: str = "custom") -> Surface:
    """Parse ``text`` (raises ExpressionError) into a Surface on ``domain`` (ValueError if bad)."""
    surface = Surface(parse(text), domain, name)
    require_small_derivatives(surface)
    return surface


def require_small_derivatives(surface: Surface) -> None:
    """ExpressionError when evaluating ``surface`` with its gradient and Hessian would take more than
    MAX_DERIVATIVE_SLOTS operands. parse's estimate bounds the work of building them; this counts exactly (the
    estimate can be 30 times too high, for chains of quotients, or 2 times too low, for products of exponentials)."""
    slots = sum(len(args) for _, _, args in surface._program("fused").code)
    if slots > MAX_DERIVATIVE_SLOTS:
        raise ExpressionError("expression too large to differentiate (its Hessian would take more than "
                              f"{MAX_DERIVATIVE_SLOTS:.0e} terms; write x^n for a product of equal factors) "
                              "at position 0", 0)
