"""The replay step viewer: one student's recorded climb, probe by probe (←/→; Home/End: first/last).

The climb shows as the student saw it, under the fog; X shows the whole map, Esc goes back to the class."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core import actions as A
from game.core.classlist import Student
from game.core.layout import LayoutCache, Layout
from game.core.model import Game
from game.core.undo import undo_last
from game.text.catalog import t
from game.ui.scenes.base import Context, Scene
from game.ui.scenes.base import next_page
from game.ui.views.revealed import draw_paths, draw_summit, draw_terrain, free_box
from game.ui.views.state import ViewState

if TYPE_CHECKING:
    from surfaces import Level


class StepScene(Scene):
    """Steps through `student`'s probes on `level`; `back` is the scene Esc returns to."""

    shows_play_view = True

    def __init__(self, ctx: Context, level: "Level", student: Student, back: Scene) -> None:
        super().__init__(ctx)
        self.level = level
        self.student = student
        self.back = back
        self.game = Game(level)
        self.revealed = False
        self.clock = 0.0
        self.hud_page = 0  # the panel's page, when its blocks do not all fit (V, Page Down)
        self._layouts = LayoutCache(("levels",), level.surface.domain)  # (no button is drawn)
        self.step_to(1)

    @property
    def shown(self) -> int:
        """Probes shown so far (0 … all of the climb)."""
        return len(self.game.probes)

    def step_to(self, count: int) -> None:
        """Show the first `count` probes of the climb (clamped), probing forward or undoing backward."""
        count = max(0, min(len(self.student.path), count))
        while self.shown > count:
            undo_last(self.game)
        while self.shown < count:
            x, y, _ = self.student.path[self.shown]
            if self.game.probe(x, y) is None:  # not a point of this map: the climb ends here
                break

    def layout(self) -> Layout:
        """The play geometry without buttons."""
        return self._layouts.get(self.env.size, self.env.scale)

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind == A.MOVE and action.dx:
            self.step_to(self.shown + (1 if action.dx > 0 else -1))
        elif kind == A.HOME:
            self.step_to(0)
        elif kind == A.END:
            self.step_to(len(self.student.path))
        elif kind == A.REVEAL:
            self.revealed = not self.revealed
        elif kind == A.TOGGLE:
            self.env.toggle_overlay(action.text)
        elif kind == A.AXES:
            self.env.toggle_overlay("axes")
        elif kind == A.PAGE:
            self.hud_page = next_page(self.env, self.hud_page, action.dx)
        elif kind in (A.BACK, A.PAUSE):
            self.nav.show(self.back)
        elif kind == A.HELP:
            self.nav.push(self.routes.help())

    def update(self, dt: float) -> None:
        self.clock += dt

    def frame_key(self) -> object:
        moving = self.clock if self.env.play_view().animating else None
        return self.shown, self.revealed, self.hud_page, moving

    def draw(self, target: pygame.Surface) -> None:
        env = self.env
        layout = self.layout()
        view = env.play_view()
        state = ViewState(cursor=None, hidden=env.hidden, lang=env.lang, tr=env.tr, now_ms=self.clock * 1000.0,
                          page=self.hud_page, key_hints=not env.touch)
        view.draw(target, self.game, state, layout)
        if self.revealed:
            draw_terrain(target, view)
            draw_paths(target, view, [[(p.x, p.y) for p in self.game.probes]])
            draw_summit(target, view, self.game)
        box = pygame.Rect(tuple(layout.map_rect))
        if "axes" not in env.hidden and "axes" in self.level.overlays:
            box = free_box(box, view.transform, view.fonts, env.lang)
        self._draw_caption(target, box)

    def _draw_caption(self, target: pygame.Surface, map_rect: pygame.Rect) -> None:
        env = self.env
        pad = int(10 * env.scale)
        text = t("class.steps", env.lang, name=self.student.name, shown=self.shown, total=len(self.student.path))
        text = env.fonts.ellipsize(text, "body", map_rect.w - 4 * pad)
        env.fonts.draw(target, text, (map_rect.centerx, map_rect.bottom - pad), "body", env.palette.plate_text,
                       anchor="midbottom", plate=env.palette.plate)


__all__ = ["StepScene"]
