"""The 3D view tool: D switches the map and a rotatable, lit 3D view of the surface (issue 12, item 5).

During play the 3D view shows only the ground the probes revealed (the fog's discs; the rest is a flat fog
floor, and the height scale comes from the revealed heights alone, so nothing hidden shows); after the claim
and in lab mode, all of it. In 3D the arrow keys turn the view (Shift: finely), the wheel zooms, a drag turns;
the cursor sits on the ground under the pointer, and Space, Enter or a click that did not drag probes there."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pygame

from game.core import actions as A
from game.core.camera import AZIMUTH_STEP, DRAG_DEGREES, ELEVATION_STEP, Camera
from game.text.catalog import t
from game.ui.fonts import wrap
from game.ui.tools import PlayTool
from game.ui.views.contour_field import value_range
from game.ui.views.fog import SOFT_EDGE
from game.ui.views.play_view import HOLE_FRACTION
from game.ui.views.view3d import Scene3D, View3D

SETTLE_SECONDS = 0.2  # after the last turn, the sharp picture replaces the fast one
CLICK_SLOP = 6  # logical px: a press that moved less than this before its release is a click (it probes)
FINE = 0.2  # Shift+arrow turns by this share of a step
STATE = "view3d"  # its key in env.features


@dataclass
class View3DState:
    """What outlives one screen: whether the 3D view shows, and the camera."""

    on: bool = False
    camera: Camera = field(default_factory=Camera)


def shared_state(env: Any) -> View3DState:
    """The 3D view's state for this run (first: from --view / ?view=)."""
    state = env.features.get(STATE)
    if not isinstance(state, View3DState):
        state = env.features[STATE] = View3DState(on=getattr(env.options, "view", "map") == "3d")
    return state


def revealed_discs(game: Any, transform: Any) -> tuple[tuple[float, float, float], ...]:
    """The fog's clear discs around the probes in surface units: the clear core of each hole the map cuts."""
    radius = (1.0 - SOFT_EDGE) * HOLE_FRACTION * min(transform.size) / transform.sx
    return tuple((float(p.x), float(p.y), radius) for p in game.probes)


class View3DTool(PlayTool):
    """Switches the play and result screens' map to the 3D view and back; turns, zooms and probes in it."""

    on_result = True

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        env = scene.env
        self.state = shared_state(env)
        self.renderer = View3D(env.palette, env.scale, env.browser)
        self.press: tuple[int, int] | None = None  # where a click on the 3D view went down
        self.dragged = 0.0  # px the pointer moved since
        self.since_turn = math.inf  # seconds since the camera last moved (the fast picture until SETTLE_SECONDS)
        self.drawn_size: tuple[int, int] | None = None  # the view's size at its last draw
        self._hint_key: tuple | None = None  # what the legend's set lines (_hint_set) were made for
        self._hint_set: list[tuple[str, pygame.Rect]] = []

    # --- what it shows ----------------------------------------------------------------------------------
    @property
    def full(self) -> bool:
        """True when the whole surface shows: after the claim, and in lab mode."""
        return bool(self.scene.game.finished) or getattr(self.scene.env.options, "mode", "play") == "lab"

    @property
    def playing(self) -> bool:
        """True on the play screen before the claim (the cursor and probing work)."""
        return hasattr(self.scene, "cursor") and not self.scene.game.finished

    def scene3d(self) -> Scene3D:
        """What to draw, from the game (during play: the revealed discs only)."""
        game, scene = self.scene.game, self.scene
        surface = game.surface
        discs = None if self.full else revealed_discs(game, scene.layout().transform)
        limits = value_range(surface) if discs is None else None
        cursor = scene.cursor if self.playing else None
        height = None
        if cursor is not None and (discs is None or _inside(cursor, discs)):
            height = _height(surface, cursor)  # revealed ground: its true height; else the fog's floor
        return Scene3D(surface, tuple(game.probes), discs, limits, cursor, height, *self._reveal_marks(),
                       path="path" not in scene.env.hidden or bool(game.finished))

    def _reveal_marks(self) -> tuple[int | None, tuple[float, float, float] | None]:
        """The claimed probe and the summit, after the claim (nothing during play)."""
        game = self.scene.game
        if not game.finished:
            return None, None
        verdict = game.verdict
        claimed = verdict.index if verdict is not None and 0 <= verdict.index < len(game.probes) else None
        summit = None
        try:
            peak = None if game.unbounded is not None else game.peak
        except (AttributeError, ValueError, ArithmeticError):
            peak = None
        if peak is not None and all(math.isfinite(float(v)) for v in peak[:3]):
            summit = (float(peak[0]), float(peak[1]), float(peak[2]))
        return claimed, summit

    def view_rect(self, layout: Any) -> pygame.Rect:
        """Where the 3D view draws: the map's whole area."""
        return pygame.Rect(tuple(layout.map_rect))

    # --- input ------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> bool:
        kind = action.kind
        if kind == A.VIEW:
            self.state.on = not self.state.on
            self.press, self.drawn_size = None, None
            return True
        if not self.state.on:
            return False
        if kind == A.MOVE:
            step = FINE if action.fine else 1.0
            self._turn(action.dx * AZIMUTH_STEP * step, -action.dy * ELEVATION_STEP * step)
            return True
        if kind == A.ADJUST:
            self.state.camera = self.state.camera.zoomed(action.dy)
            self.since_turn = 0.0
            return True
        if kind == A.DRAG:
            if self.press is None:  # a finger's drag (no click first), or a drag begun off the view
                if action.pos is None or not self.view_rect(self.scene.layout()).collidepoint(action.pos):
                    return False
                self.press, self.dragged = action.pos, 0.0
            self.dragged += abs(action.dx) + abs(action.dy)
            degrees = DRAG_DEGREES / max(1.0, self.scene.env.scale)
            self._turn(-action.dx * degrees, action.dy * degrees)
            return True
        return self._pointer(action)

    def _pointer(self, action: A.Action) -> bool:
        """Clicks, releases and hovering over the 3D view; False when the action is not on it."""
        kind, pos = action.kind, action.pos
        if pos is None or kind not in (A.CLICK, A.RELEASE, A.POINT):
            return False
        if kind == A.RELEASE:
            press, self.press = self.press, None
            if press is None:
                return False
            if self.dragged <= CLICK_SLOP * self.scene.env.scale and self._aim(pos):
                self.scene.handle(A.Action(A.PROBE))
            return True
        rect = self.view_rect(self.scene.layout())
        if not rect.collidepoint(pos) or self._over_plate(pos):
            return False
        if kind == A.CLICK:
            self.press, self.dragged = pos, 0.0
        elif self.press is None:
            self._aim(pos)
        return True

    def _aim(self, pos: tuple[int, int]) -> bool:
        """Put the play cursor on the ground under `pos`; True when there is ground there."""
        if not self.playing:
            return False
        found = self.renderer.pick(pos, self.scene.game.surface.domain)
        if found is None:
            return False
        self.scene.cursor = self.scene.lattice.snap(*found)
        return True

    def _over_plate(self, pos: tuple[int, int]) -> bool:
        """True over the intro or the guess field, which stay on top of the 3D view and take their own clicks."""
        return any(rect is not None and rect.collidepoint(pos) for rect in self._plates())

    def _plates(self) -> list[pygame.Rect]:
        scene = self.scene
        plates = [scene.intro_rect()] if hasattr(scene, "intro_rect") else []
        if getattr(scene, "guess_text", None) is not None:
            plates.append(scene.guess_plate(scene.layout()))
        return [rect for rect in plates if rect is not None]

    def _turn(self, d_azimuth: float, d_elevation: float) -> None:
        self.state.camera = self.state.camera.turned(d_azimuth, d_elevation)
        self.since_turn = 0.0

    # --- frame ------------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.since_turn += dt

    @property
    def fast(self) -> bool:
        """True while the view is turning (or was a moment ago): the cheaper picture."""
        return self.since_turn < SETTLE_SECONDS or self.press is not None and self.dragged > 0

    def frame_key(self) -> object:
        if not self.state.on:
            return None
        return self.state.camera, self.fast

    def draw(self, target: pygame.Surface, layout: Any) -> None:
        if not self.state.on:
            return
        env = self.scene.env
        rect = self.view_rect(layout)
        if env.progressive and rect.size != self.drawn_size:  # shown anew: the fast picture first, as after a turn
            if not env.budget.allows():  # ... on a later frame when this one is long: an empty panel till then
                target.fill(env.palette.background, rect)
                pygame.draw.rect(target, env.palette.panel_edge, rect, max(1, int(env.scale)))
                return
            self.since_turn = 0.0
        self.drawn_size = rect.size
        self.renderer.ui_scale = env.scale  # the window may have been resized to another UI scale
        kept = [(r, target.subsurface(r.clip(target.get_rect())).copy()) for r in self._plates()]
        self.renderer.draw(target, rect, self.scene3d(), self.state.camera, self.fast)
        self._draw_hint(target, rect)
        for r, copy in kept:  # the intro and the guess field stay readable over the 3D view
            target.blit(copy, r.topleft)
        pygame.draw.rect(target, env.palette.panel_edge, rect, max(1, int(env.scale)))

    def hint_lines(self) -> list[str]:
        """The 3D view's legend: how to turn it and, during play, how probing works and what the fog hides."""
        env = self.scene.env
        lines = [t("view3d.hint.touch" if env.touch else "view3d.hint", env.lang)]
        if self.playing:
            lines.append(t("view3d.play.touch" if env.touch else "view3d.play", env.lang))
            if not self.full:
                lines.append(t("view3d.fog", env.lang))
        message = getattr(self.scene, "message", "")
        if message and getattr(self.scene, "message_left", 0.0) > 0:
            lines.append(message)
        return lines

    def occupied(self, layout: Any) -> pygame.Rect | None:
        """The legend's block at the view's top-left while the view shows (the data inset keeps clear of it)."""
        if not self.state.on:
            return None
        rect = self.view_rect(layout)
        return pygame.Rect(rect.topleft, (0, 0)).unionall([plate for _, plate in self._hint_plates(rect)])

    def _hint_plates(self, rect: pygame.Rect) -> list[tuple[str, pygame.Rect]]:
        """The legend's lines and where each one's plate goes (set once per text and place: the data inset asks
        for it too, every frame)."""
        fonts = self.scene.env.fonts
        key = (tuple(rect), tuple(self.hint_lines()), id(fonts))
        if self._hint_key == key:
            return self._hint_set
        pad = int(8 * self.scene.env.scale)
        y, out = rect.y + pad, []
        for text in key[1]:
            for line in wrap(fonts, text, "small", rect.w - 4 * pad):
                out.append((line, fonts.plate_rect(line, "small", (rect.x + pad, y))))
                y = out[-1][1].bottom + 2
        self._hint_key, self._hint_set = key, out
        return out

    def _draw_hint(self, target: pygame.Surface, rect: pygame.Rect) -> None:
        env = self.scene.env
        for line, plate in self._hint_plates(rect):
            env.fonts.draw(target, line, plate.topleft, "small", env.palette.plate_text, plate=env.palette.plate)


def _inside(point: tuple[float, float], discs: tuple[tuple[float, float, float], ...]) -> bool:
    return any((point[0] - x) ** 2 + (point[1] - y) ** 2 <= r * r for x, y, r in discs)


def _height(surface: Any, point: tuple[float, float]) -> float | None:
    try:
        value = float(surface(point[0], point[1]))
    except (ArithmeticError, ValueError, TypeError):
        return None
    return value if math.isfinite(value) else None


__all__ = ["View3DTool", "View3DState", "shared_state", "revealed_discs"]
