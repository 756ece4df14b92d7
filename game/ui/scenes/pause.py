"""The pause overlay: resume, restart, level select or back to the title."""

from __future__ import annotations

from typing import Any

import pygame

from game.core import actions as A
from game.text.catalog import t
from game.ui.scenes.base import Menu, Scene, dim, fit_scale, fonts_for

ROW_H, ROW_GAP, ROW_W = 56, 12, 380  # logical px of the menu rows


class PauseScene(Scene):
    """Drawn over the play scene. Esc (or Pause) resumes."""

    opaque = False

    def __init__(self, app: Any, play: Any) -> None:
        super().__init__(app)
        self.play = play
        self.menu = Menu([
            (t("pause.resume", app.lang), app.pop),
            (t("pause.restart", app.lang), play.restart),
            (t("pause.levels", app.lang), lambda: app.show_levels(play.level.id)),
            (t("pause.title_screen", app.lang), app.show_title),
        ])

    def _scale(self) -> float:
        return fit_scale(self.app, 140 + 4 * (ROW_H + ROW_GAP) + 40, ROW_W + 40)

    def rects(self) -> list[pygame.Rect]:
        s = self._scale()
        width, height = self.app.size
        total = 4 * ROW_H * s + 3 * ROW_GAP * s
        top = int(height / 2 - total / 2 + 30 * s)
        return self.menu.rects(width // 2, top, int(ROW_W * s), int(ROW_H * s), int(ROW_GAP * s))

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind in (A.BACK, A.PAUSE):
            self.app.pop()
        elif kind == A.RESTART:
            self.play.restart()
        elif kind == A.LEVELS:
            self.app.show_levels(self.play.level.id)
        elif kind == A.HELP:
            self.app.show_help()
        else:
            self.menu.handle(action, self.rects())

    def draw(self, target: pygame.Surface) -> None:
        dim(target)
        s = self._scale()
        fonts = fonts_for(s)
        rects = self.rects()
        fonts.draw(target, t("pause.title", self.app.lang), (self.app.size[0] // 2, rects[0].y - int(24 * s)),
                   "huge", self.app.palette.panel_text, anchor="midbottom")
        self.menu.draw(target, fonts, rects, self.app.palette)


__all__ = ["PauseScene"]
