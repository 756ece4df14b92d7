"""What a probe measures and what the Taylor preview predicts: plain frozen records."""

from __future__ import annotations

import math
from dataclasses import dataclass

STEPS = ("first", "trusted", "overshoot", "short", "long", "flat", "downhill", "jump", "explore", "repeat", "undefined")

Vector = tuple[float, float]
Matrix = tuple[tuple[float, float], tuple[float, float]]
NAN_VECTOR: Vector = (math.nan, math.nan)
NAN_MATRIX: Matrix = ((math.nan, math.nan), (math.nan, math.nan))


def finite(*values: float) -> bool:
    """True when every value is finite (no nan, no inf)."""
    isfinite = math.isfinite
    for v in values:
        if not isfinite(v):
            return False
    return True


@dataclass(frozen=True, slots=True)
class Probe:
    """One measurement. Where `defined` is False the value, gradients and Hessian are nan: check `defined`."""

    x: float
    y: float
    value: float
    gradient: Vector  # what the player sees: the numerical gradient (level.gradient_method)
    exact_gradient: Vector
    hessian: Matrix
    grad_norm: float  # |gradient| of the shown gradient (nan where undefined)
    predicted1: float | None  # 1st-order Taylor prediction from the previous probe (None for the first)
    predicted2: float | None  # 2nd-order prediction (None when the level has taylor=1)
    rho: float | None  # gain ratio (None when there is no previous probe or the step is flat)
    step: str  # one of STEPS
    guess: float | None  # the player's prediction for this probe
    guess_grade: str | None  # "spot" | "close" | "off" (None: no guess, or nothing to grade it against)
    defined: bool  # False where the height is non-finite ("undefined here")
    index: int = 0  # 0-based position in game.probes
    gain: float | None = None  # value - previous probe's value (None for the first or undefined)
    wasted: bool = False  # a repeat of an earlier probe, or a probe where the height is undefined
    guess_points: int = 0  # what the guess earned (docs/scoring.md)

    @property
    def predicted(self) -> float | None:
        """The prediction of the model the level teaches (T₂ where the level shows it, else T₁)."""
        return self.predicted2 if self.predicted2 is not None else self.predicted1

    @property
    def gradient_defined(self) -> bool:
        """True when the shown gradient is finite (it can be nan even where the height is defined)."""
        return finite(*self.gradient)


@dataclass(frozen=True, slots=True)
class Preview:
    """Taylor prediction at the cursor from the last probe with a defined height and gradient."""

    x: float
    y: float
    order1: float | None
    order2: float | None  # None when the level has taylor=1
    base: Probe | None  # the probe the prediction is taken from (None before the first probe)

    @property
    def best(self) -> float | None:
        """The highest-order prediction the level allows."""
        return self.order2 if self.order2 is not None else self.order1


__all__ = ["Probe", "Preview", "Vector", "Matrix", "STEPS", "NAN_VECTOR", "NAN_MATRIX", "finite"]
