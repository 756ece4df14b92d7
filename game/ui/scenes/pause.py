"""The pause overlay: resume, restart, level select or back to the title."""

from __future__ import annotations

from typing import Callable

import pygame

from game.core import actions as A
from game.text.catalog import t
from game.ui.scenes.base import Context, Scene
from game.ui.widgets import Menu, dim

ROW_H, ROW_GAP, ROW_W = 56, 12, 380  # logical px of the menu rows


class PauseScene(Scene):
    """Drawn over the play scene. Esc (or Pause) resumes; it knows only the level's id and how to restart it."""

    opaque = False

    def __init__(self, ctx: Context, level_id: str, restart: Callable[[], None]) -> None:
        super().__init__(ctx)
        self.level_id = level_id
        self.restart = restart
        lang = self.env.lang
        self.menu = Menu([
            (t("pause.resume", lang), self.nav.pop),
            (t("pause.restart", lang), restart),
            (t("pause.levels", lang), self._levels),
            (t("pause.title_screen", lang), lambda: self.nav.show(self.routes.title())),
        ])

    def _levels(self) -> None:
        self.nav.show(self.routes.levels(self.level_id))

    def _scale(self) -> float:
        return self.fit_scale(140 + 4 * (ROW_H + ROW_GAP) + 40, ROW_W + 40)

    def rects(self) -> list[pygame.Rect]:
        """Where the menu rows sit."""
        s = self._scale()
        width, height = self.env.size
        total = 4 * ROW_H * s + 3 * ROW_GAP * s
        top = int(height / 2 - total / 2 + 30 * s)
        return self.menu.rects(width // 2, top, int(ROW_W * s), int(ROW_H * s), int(ROW_GAP * s))

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind in (A.BACK, A.PAUSE):
            self.nav.pop()
        elif kind == A.RESTART:
            self.restart()
        elif kind == A.LEVELS:
            self._levels()
        elif kind == A.HELP:
            self.nav.push(self.routes.help())
        else:
            self.menu.handle(action, self.rects())

    def frame_key(self) -> object:
        """Still: the menu changes only with input."""
        return None

    def draw(self, target: pygame.Surface) -> None:
        dim(target)
        s = self._scale()
        fonts = self.fonts_for(s)
        rects = self.rects()
        fonts.draw(target, t("pause.title", self.env.lang), (self.env.size[0] // 2, rects[0].y - int(24 * s)),
                   "huge", self.env.palette.panel_text, anchor="midbottom")
        self.menu.draw(target, fonts, rects, self.env.palette)


__all__ = ["PauseScene"]
