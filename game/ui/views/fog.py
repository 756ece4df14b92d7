"""Fog of war that looks like paper: value-noise texture, soft-edged holes that fade in, a final sweep."""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.ui.palette import Palette

FADE_MS = 250  # a new hole opens over this long
FADE_STEPS = 6  # precomputed sprites per radius; MIN-blending them in turn opens the hole monotonically
SOFT_EDGE = 0.30  # outer share of the hole radius that is soft
SWEEP_EDGE = 0.12  # width of the reveal sweep's soft edge, as a share of the map width
OCTAVES = ((3, 0.40), (6, 0.28), (12, 0.18), (24, 0.10), (48, 0.04))  # (cells across, weight)
CONTRAST = 0.55  # share of the dark..light span the noise uses (low contrast)


def _smooth_upsample(grid: np.ndarray, h: int, w: int) -> np.ndarray:
    """Value-noise interpolation of a small grid to (h, w) with smoothstep weights (float32)."""
    gh, gw = grid.shape
    fx = np.linspace(0, gw - 1, w, dtype=np.float32)
    fy = np.linspace(0, gh - 1, h, dtype=np.float32)
    x0 = np.minimum(fx.astype(np.int32), gw - 2)
    y0 = np.minimum(fy.astype(np.int32), gh - 2)
    tx = fx - x0
    ty = fy - y0
    tx = tx * tx * (3 - 2 * tx)
    ty = ty * ty * (3 - 2 * ty)
    rows = grid[:, x0] * (1 - tx) + grid[:, x0 + 1] * tx  # (gh, w)
    return rows[y0] * (1 - ty)[:, None] + rows[y0 + 1] * ty[:, None]


BASE_PX = 160  # the noise is computed at most this wide/tall, then smooth-scaled up (it is soft anyway)
GRAIN_TILE = 128  # px: a tile of fine grain ("paper fibre"), repeated over the full-size texture
GRAIN = 0.035  # grain strength (share of brightness)


def fog_texture(size: tuple[int, int], palette: Palette, seed: int = 0) -> np.ndarray:
    """Deterministic paper/sand texture, (w, h, 3) uint8 in surfarray order, at size (small sizes only: Fog
    computes it at most BASE_PX across and smooth-scales it up)."""
    w, h = max(2, size[0]), max(2, size[1])
    rng = np.random.default_rng(seed & 0xFFFFFFFF)
    field = np.zeros((h, w), dtype=np.float32)
    aspect = h / w
    for cells, weight in OCTAVES:
        gw = cells + 2
        gh = max(2, int(round(cells * aspect)) + 2)
        field += weight * _smooth_upsample(rng.random((gh, gw), dtype=np.float32), h, w)
    field -= field.mean()
    field *= np.float32(CONTRAST / max(1e-6, 2.0 * float(np.abs(field).max())))
    field += np.float32(0.5)
    np.clip(field, 0.0, 1.0, out=field)
    dark = np.asarray(palette.fog_dark, dtype=np.float32)
    light = np.asarray(palette.fog_light, dtype=np.float32)
    rgb = dark + field[..., None] * (light - dark)
    return np.ascontiguousarray(rgb.transpose(1, 0, 2)).astype(np.uint8)


def _grain_tile(seed: int) -> pygame.Surface:
    """A GRAIN_TILE² tile around white, for BLEND_RGB_MULT: a fine, low-contrast fibre."""
    rng = np.random.default_rng((seed * 2654435761 + 1) & 0xFFFFFFFF)
    g = 255.0 * (1.0 - GRAIN * rng.random((GRAIN_TILE, GRAIN_TILE), dtype=np.float32))
    g = np.repeat(g[:, :, None], 3, axis=2).astype(np.uint8)
    return pygame.surfarray.make_surface(g)


_BASES: dict[tuple, pygame.Surface] = {}  # small noise textures by (palette, seed, size): restarts reuse them
_MATERIALS: dict[tuple, pygame.Surface] = {}  # full-size opaque fog textures by (size, palette, seed)
MATERIALS_KEPT = 1  # full-size textures kept (8 MB at 1920×1080; larger fogs keep theirs at ≤ MATERIAL_MAX_W)
MATERIAL_MAX_W = 1920  # px: a wider fog's texture is painted at this width and smooth-scaled up (it is soft)


def material_size(size: tuple[int, int]) -> tuple[int, int]:
    """The size its material texture is painted at: the fog's own up to MATERIAL_MAX_W wide, else scaled down."""
    w, h = size
    if w <= MATERIAL_MAX_W:
        return (w, h)
    return (MATERIAL_MAX_W, max(2, int(round(h * MATERIAL_MAX_W / w))))


def _paint_texture(target: pygame.Surface, palette: Palette, seed: int) -> None:
    """Paint the opaque fog texture into an SRCALPHA target: noise at ≤ BASE_PX, smoothscale, grain tiles."""
    w, h = target.get_size()
    k = min(1.0, BASE_PX / max(w, h))
    small = (max(2, int(round(w * k))), max(2, int(round(h * k))))
    key = (palette, seed, small)
    base = _BASES.get(key)
    if base is None:
        base = pygame.Surface(small, pygame.SRCALPHA)
        pygame.surfarray.blit_array(base, fog_texture(small, palette, seed))
        pa = pygame.surfarray.pixels_alpha(base)
        pa[...] = 255
        del pa
        if len(_BASES) >= 8:
            _BASES.pop(next(iter(_BASES)))
        _BASES[key] = base
    if small != (w, h):
        pygame.transform.smoothscale(base, (w, h), target)
    else:
        target.blit(base, (0, 0), special_flags=pygame.BLEND_RGBA_MAX)
    tile = _grain_tile(seed)
    for ty in range(0, h, GRAIN_TILE):
        for tx in range(0, w, GRAIN_TILE):
            target.blit(tile, (tx, ty), special_flags=pygame.BLEND_RGB_MULT)


def material(size: tuple[int, int], palette: Palette, seed: int = 0) -> pygame.Surface:
    """The opaque fog texture at a size (cached at module level: it depends on size, palette and seed only, not
    on the level). Its blending is off, so blitting it is a plain copy of colour and alpha (a fog repaint)."""
    key = (tuple(size), palette, seed)
    surf = _MATERIALS.get(key)
    if surf is None:
        while len(_MATERIALS) >= MATERIALS_KEPT:  # before the new one is made: never both in memory
            _MATERIALS.pop(next(iter(_MATERIALS)))
        surf = pygame.Surface(key[0], pygame.SRCALPHA)
        _paint_texture(surf, palette, seed)
        surf.set_alpha(None)  # BLENDMODE_NONE: blit copies RGBA
        _MATERIALS[key] = surf
    return surf


def release_materials() -> None:
    """Forget the cached full-size textures (the next Fog or reset paints its own)."""
    _MATERIALS.clear()


def _mirrored(quadrant: np.ndarray) -> np.ndarray:
    """The whole square from its top-left quadrant, mirrored right and down."""
    top = np.concatenate([quadrant, quadrant[:, ::-1]], axis=1)
    return np.concatenate([top, top[::-1]], axis=0)


def _hole_sprite(radius: int, progress: float, rim: tuple[int, int, int]) -> pygame.Surface:
    """RGBA sprite for BLEND_RGBA_MIN: alpha 0 in the middle, a soft edge, 255 outside; a slightly darker rim."""
    size = 2 * radius + 2
    c = (size - 1) / 2.0
    half = size // 2  # the sprite is symmetric about its centre (a half-integer): one quadrant is computed, mirrored
    yy, xx = np.mgrid[0:half, 0:half].astype(np.float32)
    d = np.sqrt((xx - c) ** 2 + (yy - c) ** 2) / max(1, radius)
    t = np.clip((d - (1.0 - SOFT_EDGE)) / SOFT_EDGE, 0.0, 1.0)
    a = t * t * (3 - 2 * t)  # smoothstep: 0 inside → 1 outside
    alpha = _mirrored(1.0 - (1.0 - a) * progress)
    rim_w = _mirrored(np.clip(1.0 - np.abs(t - 0.75) / 0.25, 0.0, 1.0) * progress)  # damp edge just outside the hole
    sprite = pygame.Surface((size, size), pygame.SRCALPHA)
    rgb = pygame.surfarray.pixels3d(sprite)
    for i in range(3):
        rgb[..., i] = (255 - (255 - rim[i]) * rim_w).T.astype(np.uint8)
    del rgb
    pa = pygame.surfarray.pixels_alpha(sprite)
    pa[...] = (alpha * 255 + 0.5).T.astype(np.uint8)
    del pa
    return sprite


class Fog:
    """The fog layer over the map (map-sized, SRCALPHA). Holes fade in; `reveal(p)` sweeps it away."""

    def __init__(self, size: tuple[int, int], palette: Palette, seed: int = 0) -> None:
        self.size = (max(2, int(size[0])), max(2, int(size[1])))
        self.palette = palette
        self.seed = seed
        w = self.size[0]
        self.image = pygame.Surface(self.size, pygame.SRCALPHA)
        self._paint()
        self.progress = 0.0  # reveal sweep 0..1
        self.version = 0  # bumped whenever the image changes (the play view's frame cache reads it)
        self.holes: list[tuple[float, float, int]] = []  # every hole cut so far (px, py, radius)
        self._fading: list[list] = []  # [px, py, radius, start_ms, steps_done]
        self._sprites: dict[tuple[int, int], pygame.Surface] = {}
        self._rim = tuple(int(c * 0.88) for c in palette.fog_dark)
        self._edge_w = max(8, int(w * SWEEP_EDGE))
        self._sweep: tuple[pygame.Surface, pygame.Surface] | None = None  # (strip, ramp): made by the first sweep

    def _sweep_layers(self) -> tuple[pygame.Surface, pygame.Surface]:
        """The sweep's work strip and its alpha ramp (made when the reveal first runs, not with every new fog)."""
        if self._sweep is None:
            edge, h = self._edge_w, self.size[1]
            ramp = pygame.Surface((edge, h), pygame.SRCALPHA)
            alpha = pygame.surfarray.pixels_alpha(ramp)
            alpha[...] = (np.linspace(0, 255, edge, dtype=np.float32)[:, None] + 0.5).astype(np.uint8)
            del alpha
            rgb = pygame.surfarray.pixels3d(ramp)
            rgb[...] = 255
            del rgb
            self._sweep = (pygame.Surface((edge, h), pygame.SRCALPHA), ramp)
        return self._sweep

    def _paint(self) -> None:
        """The unbroken fog: a copy of the material texture (smooth-scaled up when painted smaller)."""
        tex = material(material_size(self.size), self.palette, self.seed)
        if tex.get_size() == self.size:
            self.image.blit(tex, (0, 0))
        else:
            pygame.transform.smoothscale(tex, self.size, self.image)

    def _sprite(self, radius: int, step: int) -> pygame.Surface:
        key = (radius, step)
        sprite = self._sprites.get(key)
        if sprite is None:
            sprite = self._sprites[key] = _hole_sprite(radius, step / FADE_STEPS, self._rim)
        return sprite

    def _cut(self, px: float, py: float, radius: int, step: int) -> None:
        sprite = self._sprite(radius, step)
        r = sprite.get_width() // 2
        self.version += 1
        self.image.blit(sprite, (int(round(px)) - r, int(round(py)) - r), special_flags=pygame.BLEND_RGBA_MIN)

    def clear(self, px: float, py: float, radius: float, now_ms: float | None = None) -> None:
        """Cut a soft-edged disc at map pixel (px, py); with now_ms it fades in over FADE_MS, else at once."""
        radius = max(2, int(round(radius)))
        self.holes.append((float(px), float(py), radius))
        if now_ms is None:
            self._cut(px, py, radius, FADE_STEPS)
        else:
            self._fading.append([float(px), float(py), radius, float(now_ms), 0])

    def update(self, now_ms: float) -> bool:
        """Advance fading holes; True when the image changed. Costs nothing when nothing fades."""
        if not self._fading:
            return False
        changed = False
        for hole in self._fading:
            px, py, radius, start, done = hole
            step = min(FADE_STEPS, max(1, math.ceil((now_ms - start) / FADE_MS * FADE_STEPS)))
            if step > done:
                self._cut(px, py, radius, step)
                hole[4] = step
                changed = True
        self._fading = [hole for hole in self._fading if hole[4] < FADE_STEPS]
        return changed

    @property
    def fading(self) -> bool:
        """True while a hole is still opening."""
        return bool(self._fading)

    def reveal(self, progress: float) -> None:
        """Set the final sweep (0: full fog, 1: gone); the sweep runs left to right with a soft edge."""
        self.progress = min(1.0, max(0.0, float(progress)))

    def reset(self) -> None:
        """Back to unbroken fog: one copy from the cached material texture."""
        self._paint()
        self.version += 1
        self.holes.clear()
        self._fading.clear()
        self.progress = 0.0

    def sweep_x(self) -> int:
        """Map x of the sweep front (everything left of it is clear)."""
        w = self.size[0]
        return int(round(self.progress * (w + self._edge_w))) - self._edge_w

    def draw(self, target: pygame.Surface, pos: tuple[int, int]) -> None:
        """Blit the fog at the map's top-left; the sweep leaves the part left of its front clear."""
        if self.progress >= 1.0:
            return
        if self.progress <= 0.0:
            target.blit(self.image, pos)
            return
        w, h = self.size
        e = self._edge_w
        x = self.sweep_x()
        right = x + e
        if right < w:
            target.blit(self.image, (pos[0] + right, pos[1]), pygame.Rect(right, 0, w - right, h))
        if right > 0:
            strip, ramp = self._sweep_layers()
            strip.fill((0, 0, 0, 0))
            left = max(0, x)  # the strip may start left of the map
            strip.blit(self.image, (left - x, 0), pygame.Rect(left, 0, min(w, right) - left, h))
            strip.blit(ramp, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            target.blit(strip, (pos[0] + x, pos[1]))
