"""The contour map: filled height bands, isolines and height labels, rendered once into a cached image.

Fast path (ContourMap): float32 grid evaluation at pixel centres (optionally at half resolution with exact
2× bilinear upsampling), in-place quantisation to uint8 band indices, an isoline mask where the band index
differs from the right or lower neighbour, an 8-bit palette surface, one blit into a display-format image.
`render_map_naive` is the straightforward float64 / fancy-index / 24-bit reference the benchmark compares with.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pygame

from game.ui.palette import DEFAULT_BANDS, Palette
from game.ui.fonts import Fonts, get_fonts

try:
    from game.text.numbers import fmt_number
except ImportError:  # pragma: no cover - numfmt is part of the game package
    fmt_number = lambda v, lang="en": f"{v:.3g}"  # noqa: E731

MAJOR_EVERY = 5  # every fifth isoline is thicker and labelled
HATCH = 6  # px period of the "undefined here" hatching
LABEL_SPACING = 170  # logical px between isoline labels
MAX_LABELS = 8
HALF_RES_MIN_PIXELS = 250_000  # above this many pixels the surface is evaluated at half resolution


def _pixel_centres(domain: tuple[float, float, float, float], size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    xmin, xmax, ymin, ymax = (float(v) for v in domain)
    w, h = size
    xs = xmin + (np.arange(w, dtype=np.float64) + 0.5) * ((xmax - xmin) / w)
    ys = ymax - (np.arange(h, dtype=np.float64) + 0.5) * ((ymax - ymin) / h)
    return xs, ys


def _grid32(surface: Any, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """surface.grid as a writable float32 (rows = ys) array; falls back to broadcasting __call__."""
    grid = getattr(surface, "grid", None)
    with np.errstate(all="ignore"):
        if grid is not None:
            z = grid(xs, ys, np.float32)
        else:
            z = surface(xs[None, :], ys[:, None])
    z = np.asarray(z)
    if z.shape != (len(ys), len(xs)):
        z = np.broadcast_to(z, (len(ys), len(xs)))
    if z.dtype != np.float32 or not z.flags.writeable or not z.flags.c_contiguous or not z.flags.owndata:
        z = np.array(z, dtype=np.float32, order="C")
    return z


def _upsample_rows(zc: np.ndarray, h: int) -> np.ndarray:
    """Exact 2× linear upsampling along y: even rows are samples, odd rows the mean of their neighbours."""
    out = np.empty((h, zc.shape[1]), dtype=np.float32)
    even = out[0::2]
    even[...] = zc[: even.shape[0]]
    odd = out[1::2]
    m = min(odd.shape[0], zc.shape[0] - 1)
    if m > 0:
        np.add(zc[:m], zc[1 : m + 1], out=odd[:m])
        np.multiply(odd[:m], np.float32(0.5), out=odd[:m])
    if m < odd.shape[0]:
        odd[m:] = zc[-1:]
    return out


def evaluate_field(surface: Any, size: tuple[int, int], half: bool | None = None) -> np.ndarray:
    """float32 heights at the pixel centres of a (w, h) map, rows top → bottom (y high → low).

    half: evaluate every second row only and interpolate the others linearly (None: when the map has at
    least HALF_RES_MIN_PIXELS pixels). Columns stay exact, rows are exact on even rows.
    """
    w, h = size
    xs, ys = _pixel_centres(surface.domain, size)
    if half is None:
        half = w * h >= HALF_RES_MIN_PIXELS
    if not half or h < 4:
        return _grid32(surface, xs, ys)
    zc = _grid32(surface, xs, ys[0::2])
    with np.errstate(all="ignore"):
        return _upsample_rows(zc, h)


def value_range(surface: Any) -> tuple[float, float]:
    """(lo, hi) of the surface, never an empty interval."""
    try:
        lo, hi = (float(v) for v in surface.value_range())
    except (AttributeError, ValueError, TypeError, ArithmeticError):
        lo, hi = 0.0, 1.0
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi - lo <= 1e-12 * max(1.0, abs(lo)):
        lo, hi = lo - 0.5, hi + 0.5
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


class _Work:
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


def _lines(base: np.ndarray, minor_width: int, major_width: int, isolines: bool, work: _Work) -> np.ndarray:
    """Palette indices from band indices: isoline pixels |16, every fifth isoline |32 (in strips with a halo)."""
    out = work.out
    if not isolines:
        np.copyto(out, base)
        return out
    h = base.shape[0]
    for r0 in range(0, h, STRIP_ROWS):
        r1 = min(h, r0 + STRIP_ROWS)
        a0, a1 = max(0, r0 - HALO), min(h, r1 + HALO)  # rows computed (strip + halo)
        m = a1 - a0
        b = base[a0:a1]
        mask, tmp, res, group = work.mask[:m], work.tmp[:m], work.res[:m], work.group[:m]
        mu = mask.view(np.uint8)
        _edges(b, mask, tmp, minor_width)
        np.multiply(mu, np.uint8(MINOR_BIT), out=mu)
        np.bitwise_or(b, mu, out=res)
        np.floor_divide(b, np.uint8(MAJOR_EVERY), out=group)
        _edges(group, mask, tmp, major_width)
        np.multiply(mu, np.uint8(MAJOR_BIT), out=mu)
        k0, k1 = r0 - a0, r1 - a0
        np.bitwise_or(res[k0:k1], mu[k0:k1], out=out[r0:r1])
    return out


def _hatch(out: np.ndarray, nan: np.ndarray) -> None:
    h, w = out.shape
    hatch = (((np.arange(h)[:, None] + np.arange(w)[None, :]) // HATCH) % 2).astype(np.uint8)
    np.copyto(out, hatch + np.uint8(UNDEFINED), where=nan)


def band_indices(z: np.ndarray, lo: float, hi: float, bands: int, minor_width: int = 1,
                 major_width: int = 2, isolines: bool = True, work: _Work | None = None) -> np.ndarray:
    """Palette indices (h, w) uint8 from a float32 field (z is left unchanged).

    Band k = floor((z - lo) / (hi - lo) * bands) clipped to 0..bands-1; isoline pixels (band differs from
    the right or lower neighbour) get |16, every fifth isoline (MAJOR_EVERY) |32; NaN → 64/65 hatching.
    """
    n = min(int(bands), MAX_BANDS)
    if work is None or work.shape != z.shape:
        work = _Work(z.shape)
    t = np.array(z, dtype=np.float32)
    nan = _to_band_units(t, lo, hi, n)
    _cast_rows(t, work.base, False, work.zs)
    out = _lines(work.base, minor_width, major_width, isolines, work)
    if nan is not None:
        _hatch(out, nan)
    return out


def field_indices(surface: Any, size: tuple[int, int], lo: float, hi: float, bands: int, minor_width: int = 1,
                  major_width: int = 2, isolines: bool = True, half: bool | None = None,
                  work: _Work | None = None) -> np.ndarray:
    """Palette indices of a surface at a (w, h) pixel size: evaluate (every second row when `half`), scale and
    clip to band units on that grid, upsample while quantising, then the isolines. Same result as
    band_indices(evaluate_field(...)) up to float rounding."""
    w, h = size
    n = min(int(bands), MAX_BANDS)
    if work is None or work.shape != (h, w):
        work = _Work((h, w))
    if half is None:
        half = w * h >= HALF_RES_MIN_PIXELS
    half = bool(half) and h >= 4
    xs, ys = _pixel_centres(surface.domain, size)
    t = _grid32(surface, xs, ys[0::2] if half else ys)
    nan = _to_band_units(t, lo, hi, n)
    _cast_rows(t, work.base, half, work.zs)
    out = _lines(work.base, minor_width, major_width, isolines, work)
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


def _inside(step: int, low: float, high: float, count: int) -> tuple[int, int]:
    """[k0, k1): the grid indices k < count with low < k·step < high."""
    k0 = 0
    while k0 < count and not k0 * step > low:
        k0 += 1
    k1 = count
    while k1 > k0 and not (k1 - 1) * step < high:
        k1 -= 1
    return k0, k1


_LABEL_LEVELS: dict[int, np.ndarray] = {}


def _label_levels(n: int) -> np.ndarray:
    """256-entry uint8 table: palette index → the level (1..n-1) its major isoline pixel labels, else 0.

    A major-line pixel is the last band of a group (boundary above: level band + 1) or the first (boundary
    below: level band rounded down to the group start)."""
    table = _LABEL_LEVELS.get(n)
    if table is None:
        table = np.zeros(256, dtype=np.uint8)
        for v in range(256):
            if v & MAJOR_BIT and v < UNDEFINED:
                band = v & (MAX_BANDS - 1)
                level = band + 1 if band % MAJOR_EVERY == MAJOR_EVERY - 1 else (band + 2) // MAJOR_EVERY * MAJOR_EVERY
                if 0 < level < n:
                    table[v] = level
        _LABEL_LEVELS[n] = table
    return table


class ContourMap:
    """Cached contour-map image of a surface at a pixel size; `update()` re-renders only on a key change."""

    def __init__(self, surface: Any, map_size: tuple[int, int], palette: Palette, bands: int = DEFAULT_BANDS,
                 ui_scale: float = 1.0, isolines: bool = True, labels: bool = True, half: bool | None = None,
                 fonts: Fonts | None = None, lang: str = "en") -> None:
        self.surface = surface
        self.size = (max(1, int(map_size[0])), max(1, int(map_size[1])))
        self.palette = palette
        self.bands = max(2, min(int(bands), MAX_BANDS))
        self.ui_scale = float(ui_scale)
        self.isolines = isolines
        self.labels = labels
        self.half = half
        self.lang = lang  # the isoline labels' number format (decimal comma in German)
        self.fonts = fonts or get_fonts(self.ui_scale)
        self.renders = 0  # how often the image was (re)built: the cache test reads it
        self.last_ms = 0.0
        self.indices: np.ndarray | None = None  # (h, w) uint8 palette indices of the last render
        self.label_rects: list[pygame.Rect] = []
        self.visible_label_rects: list[pygame.Rect] = []  # screen rects left by the last hide_labels
        self.label_texts: list[str] = []  # the isoline height labels drawn (number format follows lang)
        self.image: pygame.Surface = pygame.Surface(self.size)
        self._key: tuple | None = None
        self._indexed: pygame.Surface | None = None
        self._work: _Work | None = None
        self.update()

    def key(self) -> tuple:
        """What the image depends on."""
        return (id(self.surface), self.size, self.palette.name, self.bands, self.isolines, self.labels, self.half,
                self.ui_scale, self.lang if self.labels and self.isolines else None)

    def update(self, surface: Any = None, map_size: tuple[int, int] | None = None, palette: Palette | None = None,
               isolines: bool | None = None, labels: bool | None = None, lang: str | None = None) -> bool:
        """Apply changes; re-render only if the key changed. Returns True when it re-rendered."""
        if surface is not None:
            self.surface = surface
        if map_size is not None:
            self.size = (max(1, int(map_size[0])), max(1, int(map_size[1])))
        if palette is not None:
            self.palette = palette
        if isolines is not None:
            self.isolines = isolines
        if labels is not None:
            self.labels = labels
        if lang is not None:
            self.lang = lang
        key = self.key()
        if key == self._key:
            return False
        self._render()
        self._key = key
        return True

    def _render(self) -> None:
        import time

        t0 = time.perf_counter()
        w, h = self.size
        lo, hi = value_range(self.surface)
        pal = self.palette
        s = self.ui_scale
        minor_w = max(1, int(round(pal.isoline_width * min(s, 2.0) / 1.0))) if pal.isoline_width > 1 else 1
        major_w = max(2, int(round(pal.major_width * (1.0 if s < 1.5 else 1.34))))
        if self._work is None or self._work.shape != (h, w):  # new size: new buffers
            self._work = _Work((h, w))
        idx = field_indices(self.surface, self.size, lo, hi, self.bands, minor_w, major_w, self.isolines,
                            self.half, self._work)
        self.indices = idx
        indexed = self._indexed
        if indexed is None or indexed.get_size() != (w, h):
            indexed = self._indexed = pygame.Surface((w, h), 0, 8)
        indexed.set_palette(palette_colors(pal, self.bands))
        pixels = pygame.surfarray.pixels2d(indexed)  # (w, h) view; idx.T has the same memory order
        pixels[...] = idx.T
        del pixels  # unlock before blitting
        image = self.image
        if image.get_size() != (w, h) or image.get_bitsize() < 24:
            image = pygame.Surface((w, h))
            if pygame.display.get_init() and pygame.display.get_surface() is not None:
                image = image.convert()
        image.blit(indexed, (0, 0))
        self.label_rects = []
        self.label_texts = []
        if self.labels and self.isolines:
            self._draw_labels(image, idx, lo, hi)
        self.image = image
        self.renders += 1
        self.last_ms = (time.perf_counter() - t0) * 1000.0

    def hide_labels(self, target: pygame.Surface, offset: tuple[int, int], rects: list[pygame.Rect]) -> None:
        """Where the image was blitted at `offset`, paint the unlabelled map over each isoline label that touches
        one of `rects` (screen coordinates); the rest stay in `visible_label_rects` (screen coordinates)."""
        ox, oy = offset
        self.visible_label_rects = []
        for r in self.label_rects:
            screen = r.move(ox, oy)
            if self._indexed is not None and screen.collidelist(rects) >= 0:
                target.blit(self._indexed, screen, r)
            else:
                self.visible_label_rects.append(screen)

    def _draw_labels(self, image: pygame.Surface, idx: np.ndarray, lo: float, hi: float) -> None:
        """Label a few points of each major isoline with its height: spread out, inside the map, no overlaps."""
        n = self.bands
        pal = self.palette
        for x0, y0, lv in self.choose_labels(idx):
            text = fmt_number(lo + lv * (hi - lo) / n, self.lang)
            rect = self.fonts.plate_rect(text, "small", (x0, y0), "center")
            rect.clamp_ip(image.get_rect())
            if any(rect.colliderect(r.inflate(8, 8)) for r in self.label_rects):
                continue
            self.fonts.draw(image, text, rect.center, "small", pal.contour_text, "center", pal.contour_plate)
            self.label_rects.append(rect)
            self.label_texts.append(text)

    def choose_labels(self, idx: np.ndarray) -> list[tuple[int, int, int]]:
        """Label spots (x, y, level) on the major isolines of palette indices idx: at most 3 per level, at least
        LABEL_SPACING apart, greedily farthest from those chosen (the first nearest the centre), in the margins."""
        n = self.bands
        h, w = idx.shape
        s = self.ui_scale
        step = max(4, int(6 * s))
        margin = 30 * s
        mx, my = margin * 1.6, margin
        # candidates: the coarse grid points (every step px) strictly inside the margins, as a window
        c0, c1 = _inside(step, mx, w - mx, (w + step - 1) // step)
        r0, r1 = _inside(step, my, h - my, (h + step - 1) // step)
        if c0 >= c1 or r0 >= r1:
            return []
        # palette index → the height level its major isoline labels (0: not a labelled major-line pixel)
        levels = np.take(_label_levels(n), idx[r0 * step: r1 * step: step, c0 * step: c1 * step: step])
        flat = np.flatnonzero(levels)  # row-major order
        if len(flat) == 0:
            return []
        level = levels.ravel()[flat]
        cols = c1 - c0
        px = ((flat % cols + c0) * step).astype(np.float64)
        py = ((flat // cols + r0) * step).astype(np.float64)
        spacing2 = (LABEL_SPACING * s) ** 2
        chosen: list[tuple[int, int, int]] = []
        for lv in np.unique(level):
            sel = level == lv
            cx, cy = px[sel], py[sel]
            if chosen:
                x, y, _ = chosen[0]
                dist = (cx - x) ** 2 + (cy - y) ** 2
                for x, y, _ in chosen[1:]:
                    np.minimum(dist, (cx - x) ** 2 + (cy - y) ** 2, out=dist)
            else:
                dist = 1e18 - ((cx - w / 2.0) ** 2 + (cy - h / 2.0) ** 2)  # start nearest the centre
            for _ in range(3):
                j = int(np.argmax(dist))
                if dist[j] < spacing2 or len(chosen) >= MAX_LABELS:
                    break
                chosen.append((int(cx[j]), int(cy[j]), int(lv)))
                dist = np.minimum(dist, (cx - cx[j]) ** 2 + (cy - cy[j]) ** 2)
        return chosen


def render_map_naive(surface: Any, size: tuple[int, int], palette: Palette, bands: int = DEFAULT_BANDS) -> pygame.Surface:
    """Reference renderer: float64 meshgrid evaluation, temporaries, an RGB fancy-index LUT, a 24-bit surface.

    Same band / isoline rules as ContourMap (1-px minor isolines, 2-px major ones, no labels).
    """
    w, h = size
    n = bands
    xs, ys = _pixel_centres(surface.domain, size)
    X, Y = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        Z = np.asarray(surface(X, Y), dtype=np.float64) * np.ones_like(X)
    lo, hi = value_range(surface)
    nan = np.isnan(Z)
    t = (np.where(nan, lo, Z) - lo) / (hi - lo)
    band = np.clip(np.floor(t * n), 0, n - 1).astype(np.int64)
    idx = band.copy()
    edge = np.zeros_like(nan)
    edge[:, :-1] |= band[:, :-1] != band[:, 1:]
    edge[:-1, :] |= band[:-1, :] != band[1:, :]
    idx[edge] = band[edge] + MINOR_BIT
    group = band // MAJOR_EVERY
    major = np.zeros_like(nan)
    r = group[:, :-1] != group[:, 1:]
    d = group[:-1, :] != group[1:, :]
    major[:, :-1] |= r
    major[:, 1:] |= r
    major[:-1, :] |= d
    major[1:, :] |= d
    idx[major] = band[major] + MAJOR_BIT
    hatch = ((np.arange(h)[:, None] + np.arange(w)[None, :]) // HATCH) % 2
    idx[nan] = (UNDEFINED + hatch)[nan]
    lut = np.array(palette_colors(palette, n), dtype=np.uint8)
    rgb = lut[idx]  # (h, w, 3) fancy indexing
    return pygame.surfarray.make_surface(rgb.transpose(1, 0, 2))
