"""The 3D view's rasteriser: a lit heightfield drawn with numpy alone (no OpenGL; it runs in pygbag's browser).

Orthographic projection makes every screen column the picture of one vertical slice of the terrain. Each column
marches its slice from the viewer outwards: a sample shows where it rises above everything nearer (a running
minimum of screen y), so the rows each sample paints are the gaps of that running minimum: one np.repeat
paints the whole picture front to back, exactly, with no sorting and no z-buffer. A sample whose rows reach
far below its own top is a cliff face (or the rim of a probed disc): it is painted darker."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pygame

from game.core.camera import HEIGHT, REACH, Projection
from game.core.heightfield import AMBIENT, FOG, TERRAIN, UNDEFINED, Heightfield
from game.ui.palette import Palette, shade

SHADES = 12  # light levels per band
BANDS = 14  # the map's band count
FOG_INDEX = BANDS * SHADES
FOG_LINE = FOG_INDEX + 1  # the fog floor's grid lines (they show the turn while nothing is probed)
UNDEF_INDEX = FOG_INDEX + 2
SKY = FOG_INDEX + 3
WALL = FOG_INDEX + 4  # cliff faces: the rims of probed discs, the box's sides (one quiet colour, no streaks)
FLOOR_LINES = 16  # a fog grid line every this many nodes
OVERSAMPLE = 0.7  # depth samples per node spacing: 1 / this


def colour_table(palette: Palette) -> list[tuple[int, int, int]]:
    """The 256 colours of the 8-bit picture: BANDS × SHADES lit band colours, fog, its lines, undefined, sky."""
    table = [(0, 0, 0)] * 256
    for b, colour in enumerate(palette.band_colors(BANDS)):
        for k in range(SHADES):
            table[b * SHADES + k] = shade(colour, 0.5 + 0.65 * k / (SHADES - 1))
    table[FOG_INDEX] = palette.fog
    table[FOG_LINE] = palette.fog_dark
    table[UNDEF_INDEX] = palette.undefined
    table[SKY] = palette.background
    table[WALL] = shade(palette.fog_dark, 0.55)
    return table


def wall_table() -> np.ndarray:
    """Colour index → its cliff-face index (terrain: WALL; fog, undefined and sky unchanged)."""
    lut = np.arange(256, dtype=np.uint8)
    lut[: BANDS * SHADES] = WALL
    return lut


WALLS = wall_table()


def node_colours(field: Heightfield) -> np.ndarray:
    """Each node's light level (0..SHADES-1) where it is terrain (the renderer adds the band of the height it
    interpolates there), else its own colour index: the fog floor (with grid lines) or undefined."""
    lit = np.clip(np.rint((field.light - AMBIENT) / (1.0 - AMBIENT) * (SHADES - 1)), 0, SHADES - 1)
    out = lit.astype(np.uint8)
    rows, cols = np.indices(field.kind.shape)
    lines = (rows % FLOOR_LINES == 0) | (cols % FLOOR_LINES == 0)
    out = np.where(field.kind == FOG, np.where(lines, FOG_LINE, FOG_INDEX), out)
    return np.where(field.kind == UNDEFINED, UNDEF_INDEX, out).astype(np.uint8)


@dataclass
class Frame:
    """One rendered picture (columns × rows, as pygame's surfarray orders them) and what picking needs."""

    pixels: np.ndarray  # (w, h) uint8 colour indices
    sample: np.ndarray  # (w, h) int: column * (depth + 2) + 1 + k for sample k; 0 and depth + 1: sky
    ymin: np.ndarray  # (w, depth) the running minimum of screen y, near → far
    projection: Projection  # in the picture's own pixels (rect at 0, 0)
    ts: np.ndarray  # the depth (towards the viewer) of each sample, near → far
    cols: np.ndarray  # the ground coordinate of each column along the screen's x

    @property
    def depth(self) -> int:
        return len(self.ts)


def render(field: Heightfield, colours: np.ndarray, projection: Projection, coarse: bool = False) -> Frame:
    """Paint `field` as `projection` sees it, into a picture the size of the projection's rect (`coarse`: one
    depth sample per node spacing, nearest node: the fast picture while the view turns)."""
    _, _, width, height = projection.rect
    (rx, ry), (tx, ty), ce, se = projection.camera.axes()
    s, (cx, cy) = projection.scale, projection.centre
    du = (field.us[-1] - field.us[0]) / max(1, len(field.us) - 1)
    dt = du * (1.0 if coarse else OVERSAMPLE)
    depth = max(2, int(math.ceil(2.0 * REACH / dt)))
    ts = (REACH - (np.arange(depth) + 0.5) * dt).astype(np.float32)
    cols = ((np.arange(width) + 0.5 - cx) / s).astype(np.float32)
    u = cols[:, None] * np.float32(rx) + ts[None, :] * np.float32(tx)
    v = cols[:, None] * np.float32(ry) + ts[None, :] * np.float32(ty)
    w, idx, first = _sample(field, u, v, coarse)
    lit = np.take(colours.ravel(), idx)
    band = np.minimum((w * np.float32(BANDS / HEIGHT)).astype(np.int16), BANDS - 1)  # off the map: < 0, unseen
    band *= SHADES
    band += lit
    lit = np.where(lit < SHADES, band, lit).astype(np.uint8)
    base = (cy + s * (HEIGHT / 2.0) * ce + s * se * ts.astype(np.float64)).astype(np.float32)  # y at w = 0
    w *= np.float32(-s * ce)
    w += base[None, :]
    ymin = np.minimum.accumulate(w, axis=1)  # screen y of each sample, then the running minimum
    # entry 0: below the box (sky under the floor's near edge); 1..depth: the samples; depth + 1: the sky above
    top = np.empty((width, depth + 2), dtype=np.int32)
    floor = np.where(first < depth, base[np.minimum(first, depth - 1)], np.float32(height))
    np.clip(np.ceil(floor - np.float32(0.5)), 0, height, out=top[:, 0], casting="unsafe")
    np.clip(np.ceil(ymin - np.float32(0.5)), 0, height, out=top[:, 1:depth + 1], casting="unsafe")
    np.minimum(top[:, 1:depth + 1], top[:, :1], out=top[:, 1:depth + 1])
    top[:, depth + 1] = 0
    counts = np.empty_like(top)
    counts[:, 0] = height - top[:, 0]
    counts[:, 1:] = top[:, :-1] - top[:, 1:]  # rows each entry paints
    sample = np.repeat(np.arange(width * (depth + 2), dtype=np.int32), counts.ravel()).reshape(width, height)
    sample = sample[:, ::-1]
    colour = np.full((width, depth + 2), SKY, dtype=np.uint8)
    colour[:, 1:depth + 1] = lit
    pixels = np.take(colour.ravel(), sample)
    if not coarse:  # cliff faces (while turning the picture does without them)
        face = np.arange(height, dtype=np.int32)[None, :] - np.take(top.ravel(), sample) > int(dt * se * s + 1.5)
        pixels = np.where(face, np.take(WALLS, pixels), pixels)
    return Frame(pixels, sample, ymin, projection, ts, cols)


def _sample(field: Heightfield, u: np.ndarray, v: np.ndarray,
            nearest_only: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Box heights at (u, v) (bilinear; far below the floor off the map), the nearest node's flat index, and each
    column's first sample on the map (the number of samples when none is)."""
    us, vs = field.us, field.vs
    nx, ny = len(us), len(vs)
    fi = (u - np.float32(us[0])) * np.float32((nx - 1) / (us[-1] - us[0]))
    fj = (v - np.float32(vs[0])) * np.float32((ny - 1) / (vs[-1] - vs[0]))
    inside = (fi >= -0.5) & (fi <= nx - 0.5) & (fj >= -0.5) & (fj <= ny - 0.5)
    np.clip(fi, 0.0, nx - 1.0, out=fi)
    np.clip(fj, 0.0, ny - 1.0, out=fj)
    flat = field.w.astype(np.float32).ravel()
    nearest = (fj + np.float32(0.5)).astype(np.int32) * nx + (fi + np.float32(0.5)).astype(np.int32)
    if nearest_only:
        w = np.take(flat, nearest)
    else:
        i0 = np.minimum(fi.astype(np.int32), nx - 2)
        j0 = np.minimum(fj.astype(np.int32), ny - 2)
        fi -= i0
        fj -= j0
        base = j0 * nx + i0
        low = np.take(flat, base)
        low += (np.take(flat, base + 1) - low) * fi
        high = np.take(flat, base + nx)
        high += (np.take(flat, base + nx + 1) - high) * fi
        w = low + (high - low) * fj
        # a cell with a corner on the fog floor (a probed disc's rim) or undefined: the nearest node's height, so
        # the rim is a clean vertical cut instead of a ramp down to the floor
        mixed = np.take(_mixed_cells(field), base)
        w = np.where(mixed, np.take(flat, nearest), w)
    w[~inside] = np.float32(-1e6)  # off the map: below everything, never shown
    first = np.where(inside.any(axis=1), inside.argmax(axis=1), u.shape[1])
    return w, nearest, first


def _mixed_cells(field: Heightfield) -> np.ndarray:
    """Per node (as a cell's lower-left corner, flat): True when the cell's four corners are not all terrain."""
    solid = field.kind == TERRAIN
    cells = np.ones(solid.shape, dtype=bool)
    cells[:-1, :-1] = ~(solid[:-1, :-1] & solid[1:, :-1] & solid[:-1, 1:] & solid[1:, 1:])
    return cells.ravel()


def pick(frame: Frame, px: float, py: float) -> tuple[float, float] | None:
    """The box (u, v) of the terrain under picture pixel (px, py), or None (sky, outside)."""
    width, height = frame.pixels.shape
    c, r = int(px), int(py)
    if not (0 <= c < width and 0 <= r < height):
        return None
    k = int(frame.sample[c, r]) - c * (frame.depth + 2) - 1
    if not 0 <= k < frame.depth:
        return None
    (rx, ry), (tx, ty), _, _ = frame.projection.camera.axes()
    s_, t_ = frame.cols[c], frame.ts[k]
    return s_ * rx + t_ * tx, s_ * ry + t_ * ty


def visible(frame: Frame, u: Any, v: Any, w: Any, slack: float = 2.0) -> Any:
    """True where box point(s) (u, v, w) are not hidden by nearer terrain in the picture (arrays broadcast)."""
    x, y = frame.projection.to_screen(u, v, w)
    x, y = np.atleast_1d(x), np.atleast_1d(y)
    width = frame.pixels.shape[0]
    c = np.floor(np.nan_to_num(x, nan=-1.0, posinf=-1.0, neginf=-1.0)).astype(np.int64)
    t = np.atleast_1d(frame.projection.toward(u, v)) * np.ones_like(x)
    k = np.searchsorted(-frame.ts, -t)  # samples nearer than each point
    inside = (c >= 0) & (c < width) & (k > 0) & np.isfinite(y)
    ahead = frame.ymin[np.clip(c, 0, width - 1), np.clip(k - 1, 0, frame.depth - 1)]
    out = ~inside | (y <= ahead + slack)
    return bool(out[0]) if np.ndim(u) == 0 and np.ndim(v) == 0 and np.ndim(w) == 0 else out


def to_surface(frame: Frame, palette: list[tuple[int, int, int]],
               target: pygame.Surface | None = None) -> pygame.Surface:
    """The picture as an 8-bit pygame surface with `palette` (reusing `target` when it has the right size)."""
    width, height = frame.pixels.shape
    if target is None or target.get_size() != (width, height):
        target = pygame.Surface((width, height), 0, 8)
        target.set_palette(palette)
    pygame.surfarray.blit_array(target, frame.pixels)
    return target


__all__ = ["Frame", "render", "pick", "visible", "to_surface", "colour_table", "node_colours", "SKY", "FOG_INDEX",
           "FOG_LINE", "UNDEF_INDEX", "TERRAIN"]
