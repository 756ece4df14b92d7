"""Data levels: the level for `--data FILE.csv --fit KIND`, and the fitted parameters of the headless JSON line."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import surfaces
from surfaces.data import DataError, read_points
from surfaces.models import ModelSurface, model_of

TOLERANCE = 0.001  # of the map's height span: a fit counts as the summit only this close (a fit is precise)
TITLE = {"line": "y = m·x + c", "neuron": "a = sigmoid(w·x + b)", "exp": "y = a·e^(−b·x)"}


def data_level(path: str, fit: str = "line", lang_title: str | None = None) -> surfaces.Level:
    """The free-play level of the loss landscape of ``fit`` on the data in ``path``; surfaces.data.DataError (one line
    naming the file, the line and the column) or ValueError (no usable map) when it cannot be played."""
    x, y = read_points(path)
    if fit == "neuron":
        check_labels(path, y)
    return model_level(x, y, fit, lang_title)


def check_labels(name: str, y: Any) -> None:
    """A neuron's targets t must lie in [0, 1] (σ never leaves it); DataError naming the first one that does not."""
    outside = [value for value in y if not 0.0 <= float(value) <= 1.0]
    if outside:
        raise DataError(name, "label", None, 2, value=f"{float(outside[0]):g}")


def model_level(x, y, fit: str = "line", title: str | None = None, id: str = "data") -> surfaces.Level:
    """The free-play level of ``fit`` on the points (x, y): every overlay allowed, the model named in its title."""
    from game.core.levels import free_play_level

    surface = ModelSurface(fit, x, y, name=id)
    if not all(math.isfinite(v) for v in surface.value_range()):
        raise ValueError("the model's error is not finite anywhere on the map")
    level = free_play_level(surface, id=id, title=title or TITLE[fit])
    return dataclasses.replace(level, tolerance=TOLERANCE)


def _point(surface: ModelSurface, x: float | None, y: float | None) -> dict[str, Any] | None:
    if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)):
        return None
    p, q = surface.params
    mse = -surface.value_at(x, y)
    return {p: float(x), q: float(y), "mse": mse if math.isfinite(mse) else None}


def fit_record(surface: object, final: tuple[float, float] | None, peak: tuple[float, float] | None
               ) -> dict[str, Any] | None:
    """``"fit"`` of the JSON line on a model surface: the model, its rows, and its parameters with their mean squared
    error at the final point and at the summit (unrounded); None on any other surface."""
    model = model_of(surface)
    if model is None:
        return None
    return {
        "model": model.kind,
        "rows": int(len(model.data.x)),
        "params": list(model.params),
        "final": _point(model, *(final or (None, None))),
        "summit": _point(model, *(peak or (None, None))),
    }


__all__ = ["data_level", "fit_record", "model_level"]
