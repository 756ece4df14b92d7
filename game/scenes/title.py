"""The title scene: a contour-map backdrop, the name, and the main menu."""

from __future__ import annotations

from typing import Any

import pygame

import surfaces
from game import actions as A
from game.i18n import t
from game.render.contour import ContourMap
from game.scenes.base import Menu, Scene, dim, fit_scale, fonts_for

ROW_H, ROW_GAP, ROW_W = 54, 12, 420  # logical px of the menu rows
# the backdrop terrain: not a level's surface, so the title gives no summit away
BACKDROP = ("1.1*exp(-((x+2.2)^2 + (y+0.6)^2)/1.6) + 0.9*exp(-((x-2.4)^2 + (y-0.9)^2)/1.1)"
            " + 0.6*exp(-((x-0.2)^2 + (y+1.9)^2)/0.7) + 0.05*x")
BACKDROP_HALF_HEIGHT = 2.5  # the domain is ±this in y and as wide as the window's aspect asks


class TitleScene(Scene):
    """Continue / Levels / Own surface / Class code / Help / Quit (desktop). L, E, K, H are shortcuts."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        lang = app.lang
        self.continue_level = self._continue_level()
        played = bool(app.progress.levels)
        first = (t("menu.continue", lang, level=self.continue_level.text("title", lang)) if played
                 else t("menu.play", lang))
        items = [
            (first, lambda: app.play(self.continue_level)),
            (t("menu.levels", lang), app.show_levels),
            (t("menu.expr", lang), lambda: app.show_entry("expr")),
            (t("menu.code", lang), lambda: app.show_entry("code")),
            (t("menu.help", lang), app.show_help),
        ]
        if not app.browser:
            items.append((t("menu.quit", lang), app.quit))
        self.menu = Menu(items)
        self.backdrop: ContourMap | None = None

    def _continue_level(self) -> Any:
        """The first built-in level not finished yet (or the first level when all are)."""
        for level in self.app.levels:
            if self.app.progress.best(level.id) is None:
                return level
        return self.app.levels[0]

    def _scale(self) -> float:
        rows = len(self.menu.items)
        return fit_scale(self.app, 260 + rows * (ROW_H + ROW_GAP) + 60, ROW_W + 60)

    def rects(self) -> list[pygame.Rect]:
        s = self._scale()
        width, height = self.app.size
        rows = len(self.menu.items)
        total = rows * ROW_H * s + (rows - 1) * ROW_GAP * s
        top = int(max(230 * s, height * 0.58 - total / 2))
        return self.menu.rects(width // 2, top, int(ROW_W * s), int(ROW_H * s), int(ROW_GAP * s))

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind == A.LEVELS:
            self.app.show_levels()
        elif kind == A.EXPR:
            self.app.show_entry("expr")
        elif kind == A.CODE:
            self.app.show_entry("code")
        elif kind == A.HELP:
            self.app.show_help()
        else:
            self.menu.handle(action, self.rects())

    def update(self, dt: float) -> None:
        size = self.app.size
        if self.backdrop is None or self.backdrop.size != size:
            half_w = BACKDROP_HALF_HEIGHT * size[0] / max(1, size[1])
            surface = surfaces.from_expression(BACKDROP, domain=(-half_w, half_w, -BACKDROP_HALF_HEIGHT,
                                                                 BACKDROP_HALF_HEIGHT), name="backdrop")
            self.backdrop = ContourMap(surface, size, self.app.palette, ui_scale=self.app.scale, labels=False)

    def draw(self, target: pygame.Surface) -> None:
        app = self.app
        palette = app.palette
        target.fill(palette.background)
        if self.backdrop is not None and self.backdrop.size == app.size:
            target.blit(self.backdrop.image, (0, 0))
        dim(target, 150)
        s = self._scale()
        fonts = fonts_for(s)
        width, _ = app.size
        rects = self.rects()
        title_y = rects[0].y - int(120 * s)
        fonts.draw(target, t("title.name", app.lang), (width // 2, title_y), 96, palette.summit, anchor="midbottom")
        fonts.draw(target, t("title.tagline", app.lang), (width // 2, title_y + int(14 * s)), "heading",
                   palette.panel_text, anchor="midtop")
        self.menu.draw(target, fonts, rects, palette)
        stars = app.progress.total_stars()
        footer = t("title.hint", app.lang)
        if stars:
            footer = t("levels.total", app.lang, stars=stars, max=3 * len(app.levels)) + " · " + footer
        fonts.draw(target, footer, (width // 2, rects[-1].bottom + int(24 * s)), "label", palette.muted_text,
                   anchor="midtop")


__all__ = ["TitleScene"]
