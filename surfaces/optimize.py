"""Global and local maxima of a surface on its rectangular domain: dense grid, then projected Newton."""

from __future__ import annotations

import numpy as np

GRID_N = 601          # dense grid points per axis (spacing 0.01 on a 6-wide domain)
MAX_CANDIDATES = 200  # grid local maxima refined (best first)
ITERATIONS = 80


def grid_local_maxima(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (iy, ix) of grid points not lower than any of their 8 neighbours (nan = -inf)."""
    zz = np.where(np.isfinite(z), z, -np.inf)
    pad = np.pad(zz, 1, constant_values=-np.inf)
    ny, nx = zz.shape
    ok = np.isfinite(zz)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if dy or dx:
                ok &= zz >= pad[1 + dy: 1 + dy + ny, 1 + dx: 1 + dx + nx]
    return np.nonzero(ok)


def refine(surface, px: np.ndarray, py: np.ndarray, step: float):
    """Projected Newton refinement (see _refine), with numpy's overflow and invalid-value warnings silenced:
    steep or overflowing surfaces are expected here and handled by the finiteness checks."""
    with np.errstate(all="ignore"):
        return _refine(surface, px, py, step)


def _refine(surface, px: np.ndarray, py: np.ndarray, step: float):
    """Projected Newton ascent with a trust radius, vectorised over candidates, kept in the domain.

    Where the Hessian restricted to the free coordinates is negative definite the Newton step
    -H⁻¹g is taken, otherwise a steepest-ascent step of the trust radius.  Coordinates sitting on a
    bound with the gradient pushing outwards are held (constrained maximum).  A step is accepted when
    the height does not drop; the radius doubles on success and shrinks ×4 on failure.
    """
    xmin, xmax, ymin, ymax = surface.domain
    lo = np.array([xmin, ymin])
    hi = np.array([xmax, ymax])
    p = np.stack([px, py], axis=1).astype(np.float64)
    f = surface.heights(p[:, 0], p[:, 1])
    radius = np.full(len(p), 2.0 * step)
    active = np.ones(len(p), dtype=bool)
    for _ in range(ITERATIONS):
        if not active.any():
            break
        idx = np.nonzero(active)[0]
        q = p[idx]
        g, h = surface.derivatives(q[:, 0], q[:, 1])
        at_lo = (q <= lo) & (g < 0)
        at_hi = (q >= hi) & (g > 0)
        free = ~(at_lo | at_hi)
        g = np.where(free, g, 0.0)
        # Hessian restricted to free coordinates: fixed coordinates get -1 on the diagonal, 0 off it
        hh = h.copy()
        hh[:, 0, 1] = np.where(free[:, 0] & free[:, 1], h[:, 0, 1], 0.0)
        hh[:, 1, 0] = hh[:, 0, 1]
        hh[:, 0, 0] = np.where(free[:, 0], h[:, 0, 0], -1.0)
        hh[:, 1, 1] = np.where(free[:, 1], h[:, 1, 1], -1.0)
        det = hh[:, 0, 0] * hh[:, 1, 1] - hh[:, 0, 1] ** 2
        nd = (hh[:, 0, 0] < 0) & (det > 0) & np.isfinite(det)
        with np.errstate(all="ignore"):
            nx = -(hh[:, 1, 1] * g[:, 0] - hh[:, 0, 1] * g[:, 1]) / det
            ny = -(-hh[:, 0, 1] * g[:, 0] + hh[:, 0, 0] * g[:, 1]) / det
            newton = np.stack([nx, ny], axis=1)
            gnorm = np.hypot(g[:, 0], g[:, 1])
            ascent = g * (radius[idx] / np.where(gnorm > 0, gnorm, 1.0))[:, None]
        d = np.where(nd[:, None] & np.isfinite(newton), newton, ascent)
        dn = np.hypot(d[:, 0], d[:, 1])
        scale = np.where(dn > radius[idx], radius[idx] / np.where(dn > 0, dn, 1.0), 1.0)
        d = d * scale[:, None]
        new = np.clip(q + d, lo, hi)
        fn = surface.heights(new[:, 0], new[:, 1])
        ok = np.isfinite(fn) & (fn >= f[idx])
        moved = np.hypot(*(new - q).T)
        p[idx[ok]] = new[ok]
        f[idx[ok]] = fn[ok]
        radius[idx] = np.where(ok, np.minimum(radius[idx] * 2.0, 50.0 * step), radius[idx] * 0.25)
        tiny = 1e-13 * max(hi[0] - lo[0], hi[1] - lo[1])
        done = (ok & (moved <= tiny)) | (radius[idx] < tiny) | (gnorm == 0) | ~np.isfinite(gnorm)
        active[idx[done]] = False
    return p, f


def find_maxima(surface):
    """(grid, candidates): refined maxima as rows (x, y, value) sorted by value, highest first.

    The grid keeps +inf (poles hit exactly, overflow) for surfaces/bounded.py; other non-finite heights are nan."""
    xmin, xmax, ymin, ymax = surface.domain
    xs = np.linspace(xmin, xmax, GRID_N)
    ys = np.linspace(ymin, ymax, GRID_N)
    z = surface.grid(xs, ys, dtype=np.float64, keep_inf=True)
    iy, ix = grid_local_maxima(z)
    if len(iy) == 0:
        return z, np.empty((0, 3))
    order = np.argsort(-z[iy, ix], kind="stable")[:MAX_CANDIDATES]
    iy, ix = iy[order], ix[order]
    step = max(xs[1] - xs[0], ys[1] - ys[0])
    p, f = refine(surface, xs[ix], ys[iy], step)
    keep = np.isfinite(f)
    rows = np.column_stack([p[keep], f[keep]])
    rows = rows[np.argsort(-rows[:, 2], kind="stable")]
    # merge candidates that converged to the same point
    tol = 1e-3 * step
    merged: list[np.ndarray] = []
    for r in rows:
        if all(abs(r[0] - m[0]) > tol or abs(r[1] - m[1]) > tol for m in merged):
            merged.append(r)
    return z, np.array(merged) if merged else np.empty((0, 3))
