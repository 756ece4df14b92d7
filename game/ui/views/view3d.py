"""View3D: the 3D view of a game's surface in the map's place.

Terrain (revealed discs only during play), the path, the probes, the cursor on the ground and, after the reveal,
the flag and the summit.

The terrain picture is cached per camera, size and what is revealed: a frame in which nothing changed only
blits it. While the view turns it is rendered at a lower resolution (`fast`) and scaled up."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pygame

from game.core.camera import Box, Camera, Projection
from game.core.heightfield import Heightfield, build
from game.ui.palette import Palette
from game.ui.views import glyphs, terrain3d

FAST_DIVISOR = 2  # while turning, the picture has 1/this of the view's pixels along each side (desktop)
BROWSER_FAST_DIVISOR = 3  # in the browser (numpy 3-8x slower): 1/3 along each side keeps a turn under 16 ms
BROWSER_STILL_DIVISOR = 2  # the settled picture in the browser
STILL_MAX_PIXELS = 1920 * 1080  # a larger settled picture is rendered smaller and scaled up (6 Mpx took 380 ms)
BROWSER_FAST_THINNING = 2  # and while turning there, every second node of the terrain


@dataclass(frozen=True)
class Scene3D:
    """What the 3D view shows (the view never changes the game)."""

    surface: Any
    probes: Sequence[Any]  # game.probes: x, y, value, defined
    discs: tuple[tuple[float, float, float], ...] | None  # revealed discs (x, y, r); None: everything revealed
    limits: tuple[float, float] | None = None  # the height span when everything is revealed (the map's bands)
    cursor: tuple[float, float] | None = None  # the play cursor (surface x, y)
    cursor_height: float | None = None  # its height when the ground there is revealed (else it sits on the fog)
    claimed: int | None = None  # the probe the flag marks (after the reveal)
    summit: tuple[float, float, float] | None = None  # the summit's star (after the reveal)
    path: bool = True  # join the probes


class View3D:
    """Draws a Scene3D through a Camera into a screen rect; remembers the last picture for picking."""

    def __init__(self, palette: Palette, ui_scale: float, browser: bool = False) -> None:
        self.palette = palette
        self.ui_scale = ui_scale
        self.browser = browser
        self.colours = terrain3d.colour_table(palette)
        self._field_key: tuple | None = None
        self.field: Heightfield | None = None
        self._node_colours: np.ndarray | None = None
        self._thin: tuple[Heightfield, np.ndarray] | None = None  # the browser's coarser terrain while turning
        self._picture_key: tuple | None = None
        self._picture: pygame.Surface | None = None
        self._small: pygame.Surface | None = None
        self._deep: pygame.Surface | None = None  # the picture at its own size in the screen's format
        self.frame: terrain3d.Frame | None = None
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.renders = 0  # terrain pictures rendered (tests and the benchmark read it)

    # --- data -------------------------------------------------------------------------------------------
    def heightfield(self, scene: Scene3D) -> Heightfield:
        """The terrain of `scene` (cached: rebuilt when the surface or what is revealed changes)."""
        key = (id(scene.surface), scene.discs, scene.limits)
        if self.field is None or key != self._field_key:
            self.field = build(scene.surface, Box(scene.surface.domain), scene.discs, scene.limits)
            self._node_colours = terrain3d.node_colours(self.field)
            self._thin = None
            self._field_key = key
            self._picture_key = None
        return self.field

    def picture(self, scene: Scene3D, camera: Camera, rect: pygame.Rect, fast: bool,
                like: pygame.Surface | None = None) -> pygame.Surface:
        """The terrain picture for `rect`'s size in the pixel format of `like` (the screen: each frame's blit is
        then a plain copy), cached per camera, size, terrain and speed."""
        field = self.heightfield(scene)
        divisor = (BROWSER_FAST_DIVISOR if fast else BROWSER_STILL_DIVISOR) if self.browser else (
            FAST_DIVISOR if fast else 1)
        divisor = max(divisor, math.ceil(math.sqrt(rect.w * rect.h / STILL_MAX_PIXELS) - 1e-9))
        size = (max(8, rect.w // divisor), max(8, rect.h // divisor))
        key = (camera, size, rect.size, fast, self._field_key)
        if self._picture is None or key != self._picture_key or (like is not None and (
                self._picture.get_bitsize(), self._picture.get_masks()) != (like.get_bitsize(), like.get_masks())):
            assert self._node_colours is not None
            terrain, colours = field, self._node_colours
            if fast and self.browser:
                if self._thin is None:
                    thin = field.thinned(BROWSER_FAST_THINNING)
                    self._thin = (thin, terrain3d.node_colours(thin))
                terrain, colours = self._thin
            self.frame = terrain3d.render(terrain, colours, Projection(camera, (0, 0) + size), coarse=fast)
            self._small = terrain3d.to_surface(self.frame, self.colours, self._small)
            self._picture = self._scaled(self._small, rect.size, like)
            self._picture_key = key
            self.renders += 1
        return self._picture

    def _scaled(self, small: pygame.Surface, size: tuple[int, int], like: pygame.Surface | None) -> pygame.Surface:
        """The 8-bit picture in the screen's format (converted while small, then scaled into a kept surface)."""
        like = like if like is not None else small
        deep = self._deep
        if deep is None or deep.get_size() != small.get_size() or deep.get_bitsize() != like.get_bitsize():
            self._deep = pygame.Surface(small.get_size(), 0, like)
        self._deep.blit(small, (0, 0))  # palette → the screen's format, on a ninth of the pixels while turning
        if small.get_size() == size:
            return self._deep
        picture = self._picture
        if picture is None or picture is self._deep or picture.get_size() != size or (
                picture.get_bitsize() != like.get_bitsize()):
            picture = pygame.Surface(size, 0, like)
        pygame.transform.scale(self._deep, size, picture)
        return picture

    # --- drawing ----------------------------------------------------------------------------------------
    def draw(self, target: pygame.Surface, rect: pygame.Rect, scene: Scene3D, camera: Camera,
             fast: bool = False) -> None:
        """The terrain, the path, the probes and the cursor, clipped to `rect`."""
        self.rect = pygame.Rect(rect)
        clip = target.get_clip()
        target.set_clip(rect)
        target.blit(self.picture(scene, camera, rect, fast, target), rect)
        assert self.field is not None
        projection = Projection(camera, tuple(rect))
        box = Box(scene.surface.domain)
        self._draw_marks(target, projection, box, scene)
        target.set_clip(clip)

    def _lifted(self, box: Box, x: float, y: float, value: float | None) -> tuple[float, float, float]:
        assert self.field is not None
        u, v = box.to_box(x, y)
        w = 0.0 if value is None or not math.isfinite(value) else float(self.field.lift(value))
        return float(u), float(v), w

    def _probe_points(self, box: Box, probes: Sequence[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Box (u, v, w) of every probe at once (an undefined height sits on the floor)."""
        assert self.field is not None
        xs = np.array([float(p.x) for p in probes])
        ys = np.array([float(p.y) for p in probes])
        values = np.array([float(p.value) if p.defined else math.nan for p in probes])
        u, v = box.to_box(xs, ys)
        return u, v, self.field.lift(values)

    def _draw_marks(self, target: pygame.Surface, projection: Projection, box: Box, scene: Scene3D) -> None:
        s, pal = self.ui_scale, self.palette
        screen: list[tuple[float, float]] = []
        if scene.probes:
            u, v, w = self._probe_points(box, scene.probes)
            xs, ys = projection.to_screen(u, v, w)
            screen = list(zip(np.atleast_1d(xs).tolist(), np.atleast_1d(ys).tolist()))
            shown = np.ones(len(screen), dtype=bool) if self.frame is None else np.atleast_1d(
                terrain3d.visible(self.frame, u, v, w))
        if scene.path and len(screen) > 1:
            glyphs.draw_path(target, screen, pal, s)
        for i, pos in enumerate(screen):
            if shown[i]:
                glyphs.draw_probe(target, pos, pal, s, latest=i == len(screen) - 1,
                                  undefined=not scene.probes[i].defined)
            else:  # behind a hill: a thin ring, so the path still reads
                pygame.draw.circle(target, pal.probe_ring, (int(pos[0]), int(pos[1])), max(3, int(5 * s)),
                                   max(1, int(s)))
        if scene.claimed is not None and 0 <= scene.claimed < len(screen):
            glyphs.draw_flag(target, screen[scene.claimed], pal, s)
        if scene.summit is not None:
            x, y, value = scene.summit
            glyphs.draw_summit(target, projection.to_screen(*self._lifted(box, x, y, value)), pal, s)
        if scene.cursor is not None:
            self._draw_cursor(target, projection, box, scene)

    def _draw_cursor(self, target: pygame.Surface, projection: Projection, box: Box, scene: Scene3D) -> None:
        """A crosshair on the ground at the cursor, with a stem from the floor when the ground there is raised."""
        assert scene.cursor is not None
        point = self._lifted(box, scene.cursor[0], scene.cursor[1], scene.cursor_height)
        top = projection.to_screen(*point)
        foot = projection.to_screen(point[0], point[1], 0.0)
        s, pal = self.ui_scale, self.palette
        width = max(1, int(2 * s))
        if abs(top[1] - foot[1]) > 2:
            pygame.draw.line(target, pal.arrow_outline, foot, top, width + 2)
            pygame.draw.line(target, pal.accent, foot, top, width)
        r = int(9 * s)
        x, y = int(top[0]), int(top[1])
        for dx, dy in ((1, 0), (0, 1)):
            pygame.draw.line(target, pal.arrow_outline, (x - dx * r, y - dy * r), (x + dx * r, y + dy * r), width + 2)
        for dx, dy in ((1, 0), (0, 1)):
            pygame.draw.line(target, pal.accent, (x - dx * r, y - dy * r), (x + dx * r, y + dy * r), width)

    # --- picking ----------------------------------------------------------------------------------------
    def pick(self, pos: tuple[int, int], domain: tuple[float, float, float, float]) -> tuple[float, float] | None:
        """The surface (x, y) of the terrain under screen `pos` in the last picture, or None."""
        frame = self.frame
        if frame is None or not self.rect.collidepoint(pos):
            return None
        width, height = frame.pixels.shape
        px = (pos[0] - self.rect.x + 0.5) * width / self.rect.w
        py = (pos[1] - self.rect.y + 0.5) * height / self.rect.h
        found = terrain3d.pick(frame, px, py)
        if found is None:
            return None
        x, y = Box(domain).to_surface(*found)
        return float(x), float(y)


__all__ = ["View3D", "Scene3D"]
