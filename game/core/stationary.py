"""Whether a probe sits at a stationary point, at the player's own resolution, and what kind of point it is."""

from __future__ import annotations

import math
from dataclasses import dataclass

from surfaces.calculus import EIG_TOL, classify_hessian

FINE_STEP = 1 / 400  # the cursor's fine step (Shift + arrow), as a fraction of the map's width
COARSE_STEP = 1 / 40  # the cursor's plain arrow step, as a fraction of the map's width
ARROW_STEPS = round(COARSE_STEP / FINE_STEP)  # fine steps in one arrow step (10)
CONVERGES = 1.0  # a second Newton step shorter than the first: the stationary point is real
FLAT_EPS = 1e-9  # |predicted change| <= FLAT_EPS * max(1, height range): rho undefined, step "flat"
FLAT_SLOPE = 1e-9  # along a direction without curvature, a slope below this share of the slope scale counts as zero
POINT_KINDS = ("maximum", "minimum", "saddle", "degenerate", "not stationary", "undefined")


@dataclass(frozen=True)
class Nearby:
    """What the quadratic model at a point (T₂) says about its own stationary point."""

    shape: str  # the Hessian's shape here: "maximum" | "minimum" | "saddle" | "degenerate"
    distance: float  # length of the exact Newton step −H⁻¹∇f to it (inf: a flat direction still slopes)
    rise: float  # the largest height change of the model along one principal direction on the way there
    step: tuple[float, float] = (0.0, 0.0)  # the Newton step itself (along the directions with curvature)


def nearby(gradient: tuple[float, float], hessian: tuple[tuple[float, float], tuple[float, float]],
           curvature: float, slope_scale: float) -> Nearby | None:
    """The model's stationary point seen from a point with this exact gradient and Hessian; None if not finite.

    Along each principal direction i (eigenvalue λᵢ, slope gᵢ) the Newton step is gᵢ/|λᵢ| long and changes the
    model's height by ½ gᵢ²/|λᵢ|. A direction without curvature (λᵢ ≈ 0, the tolerance of classify_hessian)
    allows no slope at all."""
    gx, gy = gradient
    (hxx, hxy), (_, hyy) = hessian
    if not all(math.isfinite(v) for v in (gx, gy, hxx, hxy, hyy)):
        return None
    shape = classify_hessian(hxx, hxy, hyy, scale=curvature)
    (l1, l2), axes = shape.eigenvalues, shape.axes
    zero = EIG_TOL * max(abs(l1), abs(l2), curvature)
    flat_slope = FLAT_SLOPE * max(slope_scale, 1e-300)
    dx = dy = rise = 0.0
    for lam, (ux, uy) in zip((l1, l2), axes):
        slope = gx * ux + gy * uy
        if abs(slope) <= flat_slope:
            continue
        if abs(lam) <= zero:
            return Nearby(shape.kind, math.inf, math.inf, (math.nan, math.nan))
        dx, dy = dx - slope / lam * ux, dy - slope / lam * uy
        rise = max(rise, 0.5 * slope * slope / abs(lam))
    return Nearby(shape.kind, math.hypot(dx, dy), rise, (dx, dy))


def at_stationary(near: Nearby | None, fine_step: float, tolerance: float) -> bool:
    """True when the player is at the model's stationary point to the game's resolution: the Newton step there is
    at most one fine step; or it is at most one arrow step (ten fine steps) and along each principal direction
    the height changes by at most the level's tolerance (the height tolerance the global summit uses)."""
    if near is None:
        return False
    return near.distance <= fine_step or (near.distance <= ARROW_STEPS * fine_step and near.rise <= tolerance)


def converges(here: Nearby, there: Nearby | None, size: float) -> bool:
    """True when the model's stationary point is real: from it (`there`, one Newton step on) the next Newton step
    is shorter still. Near a pole the "stationary point" of the model runs away (tan x, 1/x, 1/r²), and the
    steps grow; at a real one they shrink (fast at a smooth top, by ⅔ at the flat top of −x⁴). `size` is the
    map's size: steps below 10⁻⁹ of it are already there."""
    if here.distance <= 1e-9 * size:
        return True
    return there is not None and there.distance < CONVERGES * here.distance


def point_kind(near: Nearby | None, defined: bool, fine_step: float, tolerance: float) -> str:
    """One of POINT_KINDS: the Hessian's shape where the point is stationary at the game's resolution, else
    "not stationary" ("undefined" where the height is not defined)."""
    if not defined:
        return "undefined"
    if near is None:
        return "degenerate"
    return near.shape if at_stationary(near, fine_step, tolerance) else "not stationary"


__all__ = ["Nearby", "nearby", "at_stationary", "converges", "point_kind", "FINE_STEP", "COARSE_STEP", "POINT_KINDS"]
