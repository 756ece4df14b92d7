"""Pixel grid to 8-bit palette indices: float32 evaluation, band quantisation, isolines and hatching.

The surface is evaluated at pixel centres (at half resolution on large maps, with exact 2x linear upsampling
along y), scaled in place to band units, cast to uint8 band indices, and isoline pixels (band index differs
from the right or lower neighbour) are flagged in the index's high bits, strip by strip into reused buffers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from game.ui.palette import Palette
from game.ui.views.contour_levels import BandLevels
from surfaces import Surface

MAJOR_EVERY = 5  # every fifth isoline is thicker and labelled
HATCH = 6  # px period of the "undefined here" hatching
HALF_RES_MIN_PIXELS = 250_000  # above this many pixels the surface is evaluated at half resolution


def pixel_centres(domain: tuple[float, float, float, float], size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """x of every pixel column's centre and y of every row's centre (rows top → bottom: y high → low)."""
    xmin, xmax, ymin, ymax = (float(v) for v in domain)
    w, h = size
    xs = xmin + (np.arange(w, dtype=np.float64) + 0.5) * ((xmax - xmin) / w)
    ys = ymax - (np.arange(h, dtype=np.float64) + 0.5) * ((ymax - ymin) / h)
    return xs, ys


def _grid32(surface: Surface, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """surface.grid as a writable float32 (rows = ys) array."""
    with np.errstate(all="ignore"):
        z = np.asarray(surface.grid(xs, ys, np.float32))
    if z.shape != (len(ys), len(xs)):
        z = np.broadcast_to(z, (len(ys), len(xs)))
    if z.dtype != np.float32 or not z.flags.writeable or not z.flags.c_contiguous or not z.flags.owndata:
        z = np.array(z, dtype=np.float32, order="C")
    return z


LIMIT = 4e307  # the band range is clipped to ±this, so its width never overflows


def value_range(surface: Any) -> tuple[float, float]:
    """(lo, hi) of the map's bands, never an empty interval: the surface's band_limits() (its value range; robust
    limits of the heights when it has no finite maximum on the map, see surfaces/bounded.py), else value_range()."""
    try:
        limits = getattr(surface, "band_limits", None) or surface.value_range
        lo, hi = (float(v) for v in limits())
    except (AttributeError, ValueError, TypeError, ArithmeticError):
        lo, hi = 0.0, 1.0
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi - lo <= 1e-12 * max(1.0, abs(lo), abs(hi)):  # flat: widen by a margin the floats can hold
        pad = max(0.5, 1e-6 * max(abs(lo), abs(hi)))
        lo, hi = lo - pad, hi + pad
    lo, hi = max(lo, -LIMIT), min(hi, LIMIT)  # hi - lo stays a finite float
    return lo, hi


MAX_BANDS = 16  # band index lives in the low 4 bits of the palette index
MINOR_BIT = 16  # palette index | 16: minor isoline pixel of that band
MAJOR_BIT = 32  # palette index | 32 (and | 48): major isoline pixel of that band
UNDEFINED = 64  # 64, 65: "undefined here" hatching


_PALETTE_CACHE: dict[tuple[Palette, int], list[tuple[int, int, int]]] = {}


def palette_colors(palette: Palette, bands: int) -> list[tuple[int, int, int]]:
    """The 256-entry 8-bit palette: band k at k, its minor isoline at k|16, its major isoline at k|32 and k|48."""
    n = min(int(bands), MAX_BANDS)
    cols = _PALETTE_CACHE.get((palette, n))
    if cols is None:
        cols = _PALETTE_CACHE[(palette, n)] = _palette_colors(palette, n)
    return cols


def _palette_colors(palette: Palette, n: int) -> list[tuple[int, int, int]]:
    cols = [(0, 0, 0)] * 256
    for k, (band, iso, major) in enumerate(zip(palette.band_colors(n), palette.isoline_colors(n),
                                               palette.major_colors(n))):
        cols[k], cols[k | MINOR_BIT], cols[k | MAJOR_BIT], cols[k | MAJOR_BIT | MINOR_BIT] = band, iso, major, major
    cols[UNDEFINED], cols[UNDEFINED + 1] = palette.undefined, palette.undefined_hatch
    return cols


STRIP_ROWS = 320  # rows per strip: measured 10-25 % faster than whole-array passes at 1920×1080
HALO = 2  # extra rows above/below each strip so isolines across strip borders come out exact


class WorkBuffers:
    """Reusable buffers kept across re-renders of the same size (fresh full-size arrays page-fault heavily):
    the full-size band indices, the output, and strip-sized scratch."""

    def __init__(self, shape: tuple[int, int]) -> None:
        self.shape = shape
        h, w = shape
        rows = min(h, STRIP_ROWS + 2 * HALO)
        self.out = np.empty(shape, dtype=np.uint8)
        self.base = np.empty(shape, dtype=np.uint8)  # band index 0..n-1 of every pixel
        self.zs = np.empty((rows, w), dtype=np.float32)
        self.group = np.empty((rows, w), dtype=np.uint8)
        self.mask = np.empty((rows, w), dtype=bool)
        self.tmp = np.empty((rows, w), dtype=bool)
        self.res = np.empty((rows, w), dtype=np.uint8)
        self.packed = np.empty((rows, w), dtype=np.uint8)  # a strip's band | group << 4 (contour_levels' bands)
        self.fine: np.ndarray | None = None  # fine bins (uint8 or uint16) before the band lookup

    def fine_bins(self, bins: int) -> np.ndarray:
        """The full-size fine-bin buffer, wide enough for `bins` bins."""
        dtype = np.uint8 if bins <= 256 else np.uint16
        if self.fine is None or self.fine.dtype != dtype:
            self.fine = np.empty(self.shape, dtype=dtype)
        return self.fine


TAKE_CHUNK = 1 << 16  # elements per step of _take (its intp index buffer, 512 KB, stays in cache)


_PAIR_TABLES: dict[bytes, np.ndarray] = {}  # 256-entry uint8 table → its 65536-entry table on byte pairs
PAIR_TABLES_KEPT = 8  # 128 KB each


def _pair_table(table: np.ndarray) -> np.ndarray:
    """The uint16 table mapping two uint8 indices at once (either byte order: each byte maps on its own); a
    table shorter than 256 is padded with its last entry (np.take's mode="clip")."""
    if table.size < 256:
        table = np.concatenate([table, np.full(256 - table.size, table[-1], dtype=np.uint8)])
    key = table.tobytes()
    pairs = _PAIR_TABLES.get(key)
    if pairs is None:
        v = np.arange(65536, dtype=np.uint16)
        t = table.astype(np.uint16)
        pairs = t[v & 255] | (t[v >> 8] << 8)
        while len(_PAIR_TABLES) >= PAIR_TABLES_KEPT:
            _PAIR_TABLES.pop(next(iter(_PAIR_TABLES)))
        _PAIR_TABLES[key] = pairs
    return pairs


_take_buf = np.empty(0, dtype=np.intp)  # _take's index buffer, kept (a fresh 512 KB one page-faults every call)


def _take_buffer(n: int) -> np.ndarray:
    global _take_buf
    if _take_buf.size < n:
        _take_buf = np.empty(TAKE_CHUNK, dtype=np.intp)
    return _take_buf[:n]


def _take(table: np.ndarray, idx: np.ndarray, out: np.ndarray) -> None:
    """out = table[idx] for C-contiguous idx and out. np.take casts a small-integer index to a full-size intp
    array first (66 MB and ~60 ms for a 3840×2160 map); done in cache-sized chunks it takes ~9 ms. A 256-entry
    uint8 table (or a shorter one) on uint8 indices maps two bytes per step through its pair table (half the steps, ~2× faster)."""
    if not (idx.flags.c_contiguous and out.flags.c_contiguous):
        raise ValueError("_take needs C-contiguous idx and out (flat views must not be copies)")
    flat, dest = idx.reshape(-1), out.reshape(-1)
    if (table.dtype == np.uint8 and table.ndim == 1 and 0 < table.size <= 256 and idx.dtype == np.uint8
            and out.dtype == np.uint8 and flat.size >= 2):
        even = flat.size - flat.size % 2
        if flat.size > even:
            dest[-1] = table[min(int(flat[-1]), table.size - 1)]
        table, flat, dest = _pair_table(table), flat[:even].view(np.uint16), dest[:even].view(np.uint16)
    buf = _take_buffer(min(TAKE_CHUNK, flat.size))
    for i in range(0, flat.size, TAKE_CHUNK):
        n = min(TAKE_CHUNK, flat.size - i)
        np.copyto(buf[:n], flat[i:i + n], casting="unsafe")
        np.take(table, buf[:n], out=dest[i:i + n], mode="clip")


def _edges(a: np.ndarray, mask: np.ndarray, tmp: np.ndarray, width: int) -> None:
    """mask = pixels whose value differs from the right or lower neighbour, grown to `width` px.

    All passes run on flat (1-D, contiguous) views, which numpy vectorises far better than shifted 2-D
    views: "right neighbour" is the next element, "lower neighbour" the element w further on; the last column
    is cleared after the right-neighbour pass so nothing leaks across row ends. No overlapping in-place
    operations (numpy would copy behind our back): shifted views of tmp only.
    """
    h, w = a.shape
    if not (mask.flags.c_contiguous and tmp.flags.c_contiguous):
        raise ValueError("_edges needs C-contiguous mask and tmp (flat views must not be copies)")
    af, mf, tf = a.reshape(-1), mask.reshape(-1), tmp.reshape(-1)
    if width < 2:
        np.not_equal(af[:-1], af[1:], out=mf[:-1])  # right neighbour differs
        mask[:, -1] = False
        np.not_equal(af[:-w], af[w:], out=tf[:-w])  # lower neighbour differs
        np.logical_or(mf[:-w], tf[:-w], out=mf[:-w])
        return
    np.not_equal(af[:-1], af[1:], out=tf[:-1])
    tmp[:, -1] = False
    mf[0] = tf[0]
    np.logical_or(tf[1:], tf[:-1], out=mf[1:])  # a 2-px line centred on the edge (tmp's last column is False)
    np.not_equal(af[:-w], af[w:], out=tf[:-w])
    tf[-w:] = False
    np.logical_or(mf, tf, out=mf)
    np.logical_or(mf[w:], tf[:-w], out=mf[w:])
    if width >= 3:
        np.copyto(tf, mf)
        np.logical_or(mask[:, 1:], tmp[:, :-1], out=mask[:, 1:])  # 2-D: the last column may be set now
        np.logical_or(mf[w:], tf[:-w], out=mf[w:])


FLOAT32_COMFORT = 1e30  # heights and band ranges within ±this (and spreads above 1/this) stay exact in float32


def _fits_float32(lo: float, hi: float) -> bool:
    """True when the float32 fast path can hold the heights and the band scale n / (hi - lo)."""
    return max(abs(lo), abs(hi)) < FLOAT32_COMFORT and hi - lo > 1.0 / FLOAT32_COMFORT


def _rescaled32(surface: Surface, xs: np.ndarray, ys: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """(z - lo) / (hi - lo) as float32 from a float64 grid (halved first, so 1e308-sized heights never overflow)."""
    with np.errstate(all="ignore"):
        z = np.asarray(surface.grid(xs, ys, np.float64), dtype=np.float64)
        t = (z * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5)
    return np.array(t, dtype=np.float32, order="C")


def _to_band_units(z: np.ndarray, lo: float, hi: float, n: int) -> np.ndarray:
    """In place: z → (z - lo) / (hi - lo) · n clipped to [0, n - 0.5] (NaN stays NaN); returns the NaN mask or None."""
    with np.errstate(invalid="ignore", over="ignore"):
        np.multiply(z, np.float32(n / (hi - lo)), out=z)
        np.add(z, np.float32(-lo * n / (hi - lo)), out=z)
        np.clip(z, np.float32(0.0), np.float32(n - 0.5), out=z)  # non-negative: the cast truncates = floor
        nan = None
        if z.size and np.isnan(z.max()):
            nan = np.isnan(z)
            z[nan] = 0.0
    return nan


def _cast_rows(t: np.ndarray, base: np.ndarray, half: bool, zs: np.ndarray) -> None:
    """base = floor(t) (t in band units); half: t holds every second row, the others are the mean of their
    neighbours (exact 2× linear upsampling along y, done strip by strip so the float rows stay in cache)."""
    if not half:
        np.copyto(base, t, casting="unsafe")
        return
    np.copyto(base[0::2], t[: (base.shape[0] + 1) // 2], casting="unsafe")
    odd = base[1::2]
    m = min(odd.shape[0], t.shape[0] - 1)
    step = zs.shape[0]
    with np.errstate(invalid="ignore"):
        for r0 in range(0, m, step):
            r1 = min(m, r0 + step)
            buf = zs[: r1 - r0]
            np.add(t[r0:r1], t[r0 + 1: r1 + 1], out=buf)
            np.multiply(buf, np.float32(0.5), out=buf)
            np.copyto(odd[r0:r1], buf, casting="unsafe")
    if m < odd.shape[0]:
        np.copyto(odd[m:], t[-1:], casting="unsafe")


def _lines(base: np.ndarray, minor_width: int, major_width: int, isolines: bool, work: WorkBuffers,
           groups: np.ndarray | None = None, packed: bool = False, table: np.ndarray | None = None) -> np.ndarray:
    """Palette indices from band indices: isoline pixels |16, major isolines |32 (in strips with a halo): every
    fifth, or where `groups` (band → major group, 256 entries) changes. `packed`: base holds band | group << 4
    (contour_levels' packed table; one value per band, so its edges are the bands' edges). `table` (packed
    only): base holds fine bins, looked up strip by strip into the packed values."""
    out = work.out
    if not isolines and table is not None:
        _take(table, base, work.base)
        base = work.base
    if not isolines:
        if packed:
            np.bitwise_and(base, np.uint8(MAX_BANDS - 1), out=out)
        else:
            np.copyto(out, base)
        return out
    h = base.shape[0]
    for r0 in range(0, h, STRIP_ROWS):
        r1 = min(h, r0 + STRIP_ROWS)
        a0, a1 = max(0, r0 - HALO), min(h, r1 + HALO)  # rows computed (strip + halo)
        m = a1 - a0
        mask, tmp, res, group = work.mask[:m], work.tmp[:m], work.res[:m], work.group[:m]
        if table is not None:  # the strip's bins → band | group << 4 here, while they are in cache
            b = work.packed[:m]
            _take(table, base[a0:a1], b)
        else:
            b = base[a0:a1]
        mu = mask.view(np.uint8)
        _edges(b, mask, tmp, minor_width)
        np.multiply(mu, np.uint8(MINOR_BIT), out=mu)
        if packed:
            np.bitwise_and(b, np.uint8(MAX_BANDS - 1), out=res)
            np.bitwise_or(res, mu, out=res)
            np.right_shift(b, np.uint8(4), out=group)
        else:
            np.bitwise_or(b, mu, out=res)
            if groups is None:
                np.floor_divide(b, np.uint8(MAJOR_EVERY), out=group)
            else:
                _take(groups, b, group)
        _edges(group, mask, tmp, major_width)
        np.multiply(mu, np.uint8(MAJOR_BIT), out=mu)
        k0, k1 = r0 - a0, r1 - a0
        np.bitwise_or(res[k0:k1], mu[k0:k1], out=out[r0:r1])
    return out


def _packed_table(lut: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """bin → band | group << 4 (band < MAX_BANDS = 16, group < 16)."""
    return (lut | (groups[lut] << 4)).astype(np.uint8)


def _hatch(out: np.ndarray, nan: np.ndarray) -> None:
    h, w = out.shape
    hatch = (((np.arange(h)[:, None] + np.arange(w)[None, :]) // HATCH) % 2).astype(np.uint8)
    np.copyto(out, hatch + np.uint8(UNDEFINED), where=nan)


def field_indices(surface: Any, size: tuple[int, int], lo: float, hi: float, bands: int, minor_width: int = 1,
                  major_width: int = 2, isolines: bool = True, half: bool | None = None,
                  work: WorkBuffers | None = None, levels: BandLevels | None = None) -> np.ndarray:
    """Palette indices of a surface at a (w, h) pixel size: evaluate (every second row when `half`), scale and
    clip to band units on that grid, upsample while quantising, then the isolines.

    Band k = floor((z - lo) / (hi - lo) * bands) clipped to 0..bands-1; isoline pixels (band differs from
    the right or lower neighbour) get |16, every fifth isoline (MAJOR_EVERY) |32; NaN → 64/65 hatching.
    With `levels` (contour_levels.BandLevels) the bands are its edges instead (lo, hi and bands unused): the
    heights are cut into its fine bins, floor((z - z0) / q), and its table turns bins into bands; its major
    edges are the major isolines.
    """
    w, h = size
    n = min(int(bands), MAX_BANDS)
    if levels is not None:  # fine bins over [z0, z0 + bins·q): every edge is a bin boundary
        n, lo, hi = levels.bins, levels.z0, levels.z0 + levels.bins * levels.q
    if work is None or work.shape != (h, w):
        work = WorkBuffers((h, w))
    if half is None:
        half = w * h >= HALF_RES_MIN_PIXELS
    half = bool(half) and h >= 4
    xs, ys = pixel_centres(surface.domain, size)
    rows = ys[0::2] if half else ys
    if _fits_float32(lo, hi):
        t = _grid32(surface, xs, rows)
    else:  # heights or their spread beyond float32: evaluate in float64 and rescale to 0..1 before the cast
        t = _rescaled32(surface, xs, rows, lo, hi)
        lo, hi = 0.0, 1.0
    nan = _to_band_units(t, lo, hi, n)
    if levels is None:
        _cast_rows(t, work.base, half, work.zs)
        out = _lines(work.base, minor_width, major_width, isolines, work)
    else:
        fine = work.fine_bins(n)
        _cast_rows(t, fine, half, work.zs)
        groups = levels.groups()
        if int(groups.max()) < 16:  # bins → band | group << 4 in one lookup (no per-strip group lookup)
            out = _lines(fine, minor_width, major_width, isolines, work, packed=True,
                         table=_packed_table(levels.lut, groups))
        else:
            _take(levels.lut, fine, work.base)
            out = _lines(work.base, minor_width, major_width, isolines, work, groups)
    if nan is not None:
        if half:
            full = np.empty((h, w), dtype=bool)
            full[0::2] = nan[: (h + 1) // 2]
            odd = full[1::2]
            m = min(odd.shape[0], nan.shape[0] - 1)
            np.logical_or(nan[:m], nan[1: m + 1], out=odd[:m])
            odd[m:] = nan[-1:]
            nan = full
        _hatch(out, nan)
    return out
