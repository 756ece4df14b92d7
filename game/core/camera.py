"""The 3D view's camera: azimuth, elevation and zoom, and the one orthographic projection box → screen.

Box coordinates: the map's domain centred and scaled so its longer side spans -1..1 (u along x, v along y) and
heights lifted to w in 0..HEIGHT. The camera looks at the box's centre; azimuth 0 looks from the map's bottom
edge (towards +y) with x to the right, elevation 90 looks straight down (the map's own view)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

HEIGHT = 0.7  # the box's height in the units where its longer side is 2
AZIMUTH_STEP = 7.5  # degrees per arrow press (Shift: a fifth)
ELEVATION_STEP = 5.0
MIN_ELEVATION, MAX_ELEVATION = 10.0, 90.0  # never below the horizon, never past straight down
MIN_ZOOM, MAX_ZOOM = 0.5, 4.0
ZOOM_STEP = 1.15  # per wheel notch
DRAG_DEGREES = 0.4  # degrees per logical pixel of drag
FIT = 0.95  # at zoom 1 the box's footprint takes this share of the view's smaller side
REACH = math.sqrt(2.0)  # half the diagonal of the box's footprint (its largest horizontal extent)


@dataclass(frozen=True)
class Camera:
    """Where the 3D view looks from; immutable (each turn makes a new one, so a render is cached per camera)."""

    azimuth: float = 30.0  # degrees, any value (kept in 0..360)
    elevation: float = 35.0  # degrees above the horizon
    zoom: float = 1.0

    def turned(self, d_azimuth: float = 0.0, d_elevation: float = 0.0) -> "Camera":
        """The camera turned by degrees; the elevation clamped to MIN..MAX_ELEVATION; NaN/inf turn nothing."""
        da = d_azimuth if math.isfinite(d_azimuth) else 0.0
        de = d_elevation if math.isfinite(d_elevation) else 0.0
        elevation = min(MAX_ELEVATION, max(MIN_ELEVATION, self.elevation + de))
        return replace(self, azimuth=(self.azimuth + da) % 360.0, elevation=elevation)

    def zoomed(self, notches: float) -> "Camera":
        """The camera zoomed in by wheel notches (negative: out), clamped to MIN..MAX_ZOOM."""
        if not math.isfinite(notches):
            return self
        zoom = self.zoom * ZOOM_STEP ** max(-50.0, min(50.0, notches))
        return replace(self, zoom=min(MAX_ZOOM, max(MIN_ZOOM, zoom)))

    def axes(self) -> tuple[tuple[float, float], tuple[float, float], float, float]:
        """(right, toward): unit ground vectors along the screen's x and towards the viewer; cos and sin of the
        elevation."""
        a = math.radians(self.azimuth)
        e = math.radians(self.elevation)
        return (math.cos(a), math.sin(a)), (math.sin(a), -math.cos(a)), math.cos(e), math.sin(e)


@dataclass(frozen=True)
class Projection:
    """A camera placed in a screen rect: box (u, v, w) ↔ screen pixels."""

    camera: Camera
    rect: tuple[int, int, int, int]  # (left, top, width, height) of the view on screen

    @property
    def scale(self) -> float:
        """Pixels per box unit."""
        _, _, width, height = self.rect
        return FIT * min(width, height) / (2.0 * REACH) * self.camera.zoom * _fit_bonus(self.camera)

    @property
    def centre(self) -> tuple[float, float]:
        """The screen point the box's middle (u = v = 0, w = HEIGHT / 2) lands on."""
        left, top, width, height = self.rect
        return left + width / 2.0, top + height / 2.0

    def to_screen(self, u: Any, v: Any, w: Any) -> tuple[Any, Any]:
        """Box point(s) → screen (x, y) floats (numpy arrays broadcast)."""
        (rx, ry), (tx, ty), ce, se = self.camera.axes()
        s, (cx, cy) = self.scale, self.centre
        u, v, w = (np.asarray(a, dtype=np.float64) for a in (u, v, w))
        x = cx + s * (u * rx + v * ry)
        y = cy - s * ((w - HEIGHT / 2.0) * ce - (u * tx + v * ty) * se)
        if np.ndim(x) == 0 and np.ndim(y) == 0:
            return float(x), float(y)
        return x, y

    def toward(self, u: Any, v: Any) -> Any:
        """How far box point(s) lie towards the viewer along the ground (the depth the renderer marches)."""
        _, (tx, ty), _, _ = self.camera.axes()
        return np.asarray(u, dtype=np.float64) * tx + np.asarray(v, dtype=np.float64) * ty


def _fit_bonus(camera: Camera) -> float:
    """Seen from straight above the footprint's square fills the view (no diagonal to leave room for)."""
    return 1.0 + 0.3 * max(0.0, (camera.elevation - 60.0) / 30.0)


class Box:
    """The map's domain and height span placed in box coordinates (u, v in -1..1 on the longer side)."""

    def __init__(self, domain: tuple[float, float, float, float]) -> None:
        x0, x1, y0, y1 = (float(value) for value in domain)
        self.domain = (x0, x1, y0, y1)
        self.half = max(x1 - x0, y1 - y0) / 2.0
        self.centre = ((x0 + x1) / 2.0, (y0 + y1) / 2.0)

    def to_box(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Surface (x, y) → box (u, v)."""
        return ((np.asarray(x, dtype=np.float64) - self.centre[0]) / self.half,
                (np.asarray(y, dtype=np.float64) - self.centre[1]) / self.half)

    def to_surface(self, u: Any, v: Any) -> tuple[Any, Any]:
        """Box (u, v) → surface (x, y)."""
        return (self.centre[0] + np.asarray(u, dtype=np.float64) * self.half,
                self.centre[1] + np.asarray(v, dtype=np.float64) * self.half)

    @property
    def extent(self) -> tuple[float, float]:
        """Half the footprint's width and depth in box units (the longer one is 1)."""
        x0, x1, y0, y1 = self.domain
        return (x1 - x0) / (2.0 * self.half), (y1 - y0) / (2.0 * self.half)


__all__ = ["Camera", "Projection", "Box", "HEIGHT", "AZIMUTH_STEP", "ELEVATION_STEP", "ZOOM_STEP", "DRAG_DEGREES",
           "MIN_ELEVATION", "MAX_ELEVATION", "MIN_ZOOM", "MAX_ZOOM"]
