"""The Sandpit's terrain kinds (bowl, fourier, lattice, rocks, spire), generated from a seed text like class codes.

Each kind is built from a splitmix64 stream seeded with the FNV-1a hash of its seed text (for a class code: the
code without its check character, kind prefix included), every parameter rounded to 3 decimals in the
expression text, so every machine builds the identical expression and exact derivatives.  Each kind is made
around a summit point p* that it knows:

* fourier, lattice, rocks: every term is at most its amplitude and reaches it at p* (cosines of (x − x*, y − y*),
  a Gaussian or a cosine centred there), so f ≤ f(p*) everywhere: p* is the global peak exactly;
* bowl, spire: a dome or spire centred at p* plus one lower hill elsewhere whose tail nudges the top by less than
  a fine step: the peak is where Newton's method from p* settles (``known_peak``).

A draw is kept when that summit stands clearly (``MARGIN`` of the height range) above every other local maximum,
with heights within ±9.5; otherwise the stream draws again.
"""

from __future__ import annotations

import functools
import math
from typing import Callable

import numpy as np

from .optimize import grid_local_maxima
from .parse import parse
from .prng import SplitMix64, fnv1a
from .surface import Surface

DOMAIN = (-3.0, 3.0, -3.0, 3.0)
KINDS = ("bowl", "fourier", "lattice", "rocks", "spire")
# a class code that begins with one of these names its kind; new_code never makes them (O, I, W; no CVCV word)
PREFIXES = {"BOWL": "bowl", "WAVE": "fourier", "GRID": "lattice", "ROCK": "rocks", "PIKE": "spire"}
PREFIX_OF = {kind: prefix for prefix, kind in PREFIXES.items()}
MARGIN = {"bowl": 0.05, "fourier": 0.1, "lattice": 0.1, "rocks": 0.05, "spire": 0.1}
TRIES = 64
HEIGHT_LIMIT = 9.5  # tidy numbers on screen
EDGE = 0.4  # the summit lies at least this far inside the map
CHECK_N = 241  # grid points per axis of the acceptance check (0.025 apart: 17 to a rock)


def _n(v: float) -> str:
    return f"{v:.3f}"


def _at(x0: float, y0: float) -> tuple[str, str]:
    """'(x - x0)' and '(y - y0)' with the rounded centre (x − x0 is exactly 0 at x = x0)."""
    return f"(x {'+' if x0 < 0 else '-'} {_n(abs(x0))})", f"(y {'+' if y0 < 0 else '-'} {_n(abs(y0))})"


def _wave(amp: float, wx: float, wy: float, x0: float, y0: float) -> str:
    dx, dy = _at(x0, y0)
    return f"{_n(amp)}*cos({_n(wx)}*{dx} {'-' if wy < 0 else '+'} {_n(abs(wy))}*{dy})"


def _gauss(amp: float, x0: float, y0: float, width: float) -> str:
    dx, dy = _at(x0, y0)
    return f"{_n(amp)}*exp(-({dx}^2 + {dy}^2)/{_n(width)})"


def _centre(rng: SplitMix64, half: float) -> tuple[float, float]:
    return round(rng.uniform(-half, half), 3), round(rng.uniform(-half, half), 3)


def _bowl(rng: SplitMix64) -> tuple[str, tuple[float, float]]:
    """An upturned bowl (a concave quadratic dome) with a Gaussian bump on its flank."""
    x0, y0 = _centre(rng, 1.0)
    top, a, e = rng.uniform(5.0, 6.0), rng.uniform(0.26, 0.32), rng.uniform(0.7, 1.0)
    angle, dist = rng.uniform(0.0, 2 * math.pi), rng.uniform(2.0, 2.5)
    qx, qy = x0 + dist * math.cos(angle), y0 + dist * math.sin(angle)
    bump, sigma = rng.uniform(0.8, 1.0), rng.uniform(0.3, 0.4)
    dx, dy = _at(x0, y0)
    text = f"{_n(top)} - {_n(a)}*({dx}^2 + {_n(e)}*{dy}^2) + {_gauss(bump, qx, qy, 2 * sigma * sigma)}"
    return text, (x0, y0)


def _fourier(rng: SplitMix64) -> tuple[str, tuple[float, float]]:
    """Random plane waves, longer ones stronger (like real terrain), all cresting together only at p*."""
    x0, y0 = _centre(rng, 1.5)
    waves = []
    for _ in range(7 + rng.below(4)):
        k, angle = rng.uniform(1.2, 3.4), rng.uniform(0.0, 2 * math.pi)
        waves.append(_wave(rng.uniform(0.5, 1.0) * 1.5 / k, k * math.cos(angle), k * math.sin(angle), x0, y0))
    return " + ".join(waves), (x0, y0)


def _lattice(rng: SplitMix64) -> tuple[str, tuple[float, float]]:
    """cos u + cos v on axes turned by 15°..75° (a square lattice of equal peaks, saddles and pits) under a broad
    Gaussian centred on one of the peaks, which makes that one the highest."""
    x0, y0 = _centre(rng, 1.0)
    k, angle = rng.uniform(3.3, 4.2), math.radians(rng.uniform(15.0, 75.0))
    a, b = round(k * math.cos(angle), 3), round(k * math.sin(angle), 3)
    sigma = rng.uniform(1.6, 2.0)
    terms = [_wave(1.0, a, b, x0, y0), _wave(1.0, -b, a, x0, y0), _gauss(rng.uniform(2.5, 3.2), x0, y0, 2 * sigma ** 2)]
    return " + ".join(terms), (x0, y0)


def _rocks(rng: SplitMix64) -> tuple[str, tuple[float, float]]:
    """A round hill strewn with short waves (rocks a third of a unit apart): the slope under your feet is a
    rock's, not the hill's; the rocks all crest together only on the hilltop."""
    x0, y0 = _centre(rng, 1.0)
    sigma = rng.uniform(1.1, 1.4)
    terms = [_gauss(rng.uniform(3.5, 4.5), x0, y0, 2 * sigma * sigma)]
    for _ in range(5):
        k, angle = rng.uniform(9.0, 15.0), rng.uniform(0.0, 2 * math.pi)
        terms.append(_wave(rng.uniform(0.08, 0.14), k * math.cos(angle), k * math.sin(angle), x0, y0))
    return " + ".join(terms), (x0, y0)


def _spire(rng: SplitMix64) -> tuple[str, tuple[float, float]]:
    """A narrow spire, nearly a cone (its slope hardly shrinks until the last few hundredths), on a low broad rise
    centred under it, and a broad hill elsewhere, lower than the spire but higher than the rise."""
    x0, y0 = _centre(rng, 1.6)
    angle, dist = rng.uniform(0.0, 2 * math.pi), rng.uniform(2.2, 3.2)
    qx = min(2.4, max(-2.4, x0 + dist * math.cos(angle)))
    qy = min(2.4, max(-2.4, y0 + dist * math.sin(angle)))
    dx, dy = _at(x0, y0)
    spire = f"{_n(rng.uniform(3.5, 4.2))}*exp(-(sqrt({dx}^2 + {dy}^2 + 0.0025) - 0.05)/{_n(rng.uniform(0.3, 0.4))})"
    foot, decoy = rng.uniform(1.3, 1.7), rng.uniform(0.9, 1.2)
    terms = [spire, _gauss(rng.uniform(0.8, 1.2), x0, y0, 2 * foot * foot),
             _gauss(rng.uniform(2.6, 3.2), qx, qy, 2 * decoy * decoy)]
    return " + ".join(terms), (x0, y0)


GENERATORS: dict[str, Callable[[SplitMix64], tuple[str, tuple[float, float]]]] = {
    "bowl": _bowl, "fourier": _fourier, "lattice": _lattice, "rocks": _rocks, "spire": _spire}


def known_peak(surface: Surface, point: tuple[float, float]) -> tuple[float, float, float]:
    """Where Newton's method on the exact gradient and Hessian settles from the construction point (x, y, f):
    the point itself for the kinds whose terms all crest there."""
    p = np.array(point, dtype=float)
    for _ in range(50):
        g, h = surface.gradient(*p), surface.hessian(*p)
        if not np.any(g):
            break
        try:
            step = np.linalg.solve(h, g)
        except np.linalg.LinAlgError:  # a flat Hessian: no Newton step (_fits then refuses the draw)
            break
        p = p - step
        if np.hypot(*step) < 1e-15:
            break
    return float(p[0]), float(p[1]), surface.value_at(float(p[0]), float(p[1]))


def _fits(surface: Surface, point: tuple[float, float], margin: float) -> bool:
    """Newton from p* settles on a true summit close by, inside the map and within ±9.5, clearly (``margin`` of the
    height range) above every other top of a CHECK_N × CHECK_N grid (edges included).  Cheap (a few ms), so
    loading a level or typing a code stays quick; the tests confirm with the map's full search on many seeds."""
    kx, ky, kv = known_peak(surface, point)
    xmin, xmax, ymin, ymax = surface.domain
    if not (math.hypot(kx - point[0], ky - point[1]) < 0.05 and xmin + EDGE < kx < xmax - EDGE
            and ymin + EDGE < ky < ymax - EDGE and math.isfinite(kv)):
        return False
    h = surface.hessian(kx, ky)
    if not (h[0, 0] < 0 and h[0, 0] * h[1, 1] - h[0, 1] ** 2 > 0):
        return False
    xs, ys = np.linspace(xmin, xmax, CHECK_N), np.linspace(ymin, ymax, CHECK_N)
    z = surface.grid(xs, ys, dtype=np.float64)
    zmin = float(np.min(z))
    if not (np.all(np.isfinite(z)) and -HEIGHT_LIMIT <= zmin and kv <= HEIGHT_LIMIT and float(np.max(z)) <= kv):
        return False
    iy, ix = grid_local_maxima(z)
    near = np.hypot(xs[ix] - kx, ys[iy] - ky) <= 1.5 * (xs[1] - xs[0])
    others = z[iy[~near], ix[~near]]
    return others.size == 0 or kv - float(others.max()) >= margin * (kv - zmin)


def kind_of(compact: str) -> str | None:
    """The kind a compact class code names by its first four characters, or None (the classic hills)."""
    return PREFIXES.get(compact[:4])


def construction(kind: str, seed: str) -> tuple[str, tuple[float, float]]:
    """(expression text, summit point p*) of the draw that ``terrain(kind, seed)`` keeps."""
    return _draw(kind, seed, seed)[1:]


def terrain(kind: str, seed: str, name: str | None = None) -> Surface:
    """The terrain of ``kind`` for the seed text ``seed`` (letters and digits, upper case); KeyError for an unknown
    kind.  ``name`` names the surface (default: the seed)."""
    return _draw(kind, seed, seed if name is None else name)[0]


@functools.lru_cache(maxsize=32)
def _draw(kind: str, seed: str, name: str) -> tuple[Surface, str, tuple[float, float]]:
    """The first draw of the seed's stream that fits, built under its final name (its derivatives, made by the
    check, are then the ones the game uses)."""
    make = GENERATORS[kind]
    rng = SplitMix64(fnv1a(seed))
    for _ in range(TRIES):
        text, point = make(rng)
        surface = Surface(parse(text, max_length=4000), DOMAIN, name=name)
        if _fits(surface, point, MARGIN[kind]):
            return surface, text, point
    return surface, text, point  # pragma: no cover - practically unreachable (the tests draw hundreds)
