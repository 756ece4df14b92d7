"""Hand-built surfaces and levels for the model, autoplay and storage tests (sympy derives the exact derivatives)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

X, Y = sympy.symbols("x y", real=True)


class FakeSurface:
    """A Surface look-alike: value, exact gradient and Hessian from sympy; peak and range given by hand."""

    def __init__(self, text: str, domain=(-3.0, 3.0, -3.0, 3.0), peak=None, value_range=None,
                 maxima=None, kind: str | None = None) -> None:
        expr = sympy.sympify(text, locals={"x": X, "y": Y})
        self.expression = text
        self.domain = tuple(float(v) for v in domain)
        self._f = sympy.lambdify((X, Y), expr, "numpy")
        grad = [sympy.diff(expr, v) for v in (X, Y)]
        self._g = sympy.lambdify((X, Y), grad, "numpy")
        self._h = sympy.lambdify((X, Y), [[sympy.diff(g, v) for v in (X, Y)] for g in grad], "numpy")
        self._peak = peak
        self._range = value_range
        self._maxima = maxima if maxima is not None else ([peak] if peak else [])
        self._kind = kind
        self.classified: list[tuple[float, float]] = []

    def __call__(self, x, y):
        with np.errstate(all="ignore"):
            return np.float64(self._f(np.float64(x), np.float64(y)))

    def gradient(self, x, y):
        with np.errstate(all="ignore"):
            return np.array(self._g(np.float64(x), np.float64(y)), dtype=float)

    def hessian(self, x, y):
        with np.errstate(all="ignore"):
            return np.array(self._h(np.float64(x), np.float64(y)), dtype=float)

    def value_at(self, x: float, y: float) -> float:
        """The height as a Python float (nan where undefined), like Surface.value_at."""
        return float(self(x, y))

    def value_gradient_hessian(self, x: float, y: float):
        """(value, exact gradient, Hessian) as Python floats, like Surface.value_gradient_hessian."""
        value = self.value_at(x, y)
        g = self.gradient(x, y)
        h = self.hessian(x, y)
        return value, (float(g[0]), float(g[1])), ((float(h[0][0]), float(h[0][1])), (float(h[1][0]), float(h[1][1])))

    def classify(self, x, y):
        self.classified.append((x, y))
        if self._kind is not None:
            return self._kind
        g = self.gradient(x, y)
        if not np.all(np.isfinite(g)) or np.hypot(*g) > 1e-6:
            return "not stationary"
        lam = np.linalg.eigvalsh(self.hessian(x, y))
        return "maximum" if lam[1] < 0 else "minimum" if lam[0] > 0 else "saddle"

    def peak(self):
        return self._peak

    def value_range(self):
        return self._range

    def local_maxima(self):
        return list(self._maxima)


@dataclass
class FakeLevel:
    """A Level look-alike with the fields the model reads."""

    surface: Any
    id: str = "test-level"
    start: tuple[float, float] | None = None
    probes: int = 10
    par: int = 5
    tolerance: float = 0.02
    taylor: int = 2
    gradient_method: str = "central"
    overlays: tuple[str, ...] = ()
    explore: bool = False
    title: dict = field(default_factory=lambda: {"en": "Test", "de": "Test"})


def quadratic(**level) -> FakeLevel:
    """f = 3 − (x−1)² − 2y² on [−3,3]²: peak (1, 0, 3); minimum at (−3, ±3): 3 − 16 − 18 = −31."""
    surface = FakeSurface("3 - (x-1)**2 - 2*y**2", peak=(1.0, 0.0, 3.0), value_range=(-31.0, 3.0))
    return FakeLevel(surface, **level)


def two_hills(**level) -> FakeLevel:
    """A global hill of height ≈2 at (1.5, 0) and a local one of height ≈1 at (−1.5, 0)."""
    text = "2*exp(-((x-1.5)**2 + y**2)) + exp(-((x+1.5)**2 + y**2))"
    surface = FakeSurface(text, peak=(1.5, 0.0, 2.0 + float(np.exp(-9))), value_range=(0.0, 2.0 + float(np.exp(-9))),
                          maxima=[(1.5, 0.0, 2.0), (-1.5, 0.0, 1.0)])
    return FakeLevel(surface, **level)


def linear(**level) -> FakeLevel:
    """f = 2x + y on [0,1]²: the summit (1, 1, 3) is a corner; range 0..3."""
    surface = FakeSurface("2*x + y", domain=(0, 1, 0, 1), peak=(1.0, 1.0, 3.0), value_range=(0.0, 3.0), maxima=[])
    return FakeLevel(surface, **level)
