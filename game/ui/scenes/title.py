"""The title scene: a contour-map backdrop, the name, and the main menu."""

from __future__ import annotations

import pygame

import surfaces
from game.core import actions as A
from game.core.settings import remember
from game.text.catalog import languages, n, t
from game.text.languages import language_name, next_language
from game.text.levels import level_text
from game.text.notices import notice_text
from game.ui.views.contour import ContourMap
from game.ui.scenes.base import Context, Scene
from game.ui.widgets import Menu, dim

ROW_H, ROW_GAP, ROW_W = 54, 12, 420  # logical px of the menu rows
MIN_ROW_H = 36  # rows never get lower than this (body text is 20 px)
TITLE_PX, SHORT_TITLE_PX = 96, 56  # the name's size; short windows use the smaller one
SHORT_WINDOW = 640  # logical px of window height below which the title is set smaller
# the backdrop terrain: not a level's surface, so the title gives no summit away
BACKDROP = ("1.1*exp(-((x+2.2)^2 + (y+0.6)^2)/1.6) + 0.9*exp(-((x-2.4)^2 + (y-0.9)^2)/1.1)"
            " + 0.6*exp(-((x-0.2)^2 + (y+1.9)^2)/0.7) + 0.05*x")
BACKDROP_HALF_HEIGHT = 2.5  # the domain is ±this in y and as wide as the window's aspect asks


class TitleScene(Scene):
    """Continue / Levels / Own surface / Class code / Help / Language / Quit (desktop). L, E, K, H are shortcuts;
    on the language row Enter, a click or Left/Right switch the language (remembered in the settings)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        lang = self.env.lang
        nav, routes = self.nav, self.routes
        self.continue_level = self.session.continue_level()
        played = bool(self.session.progress.levels)
        first = (t("menu.continue", lang, level=level_text(self.continue_level, "title", lang)) if played
                 else t("menu.play", lang))
        items = [
            (first, lambda: nav.show(routes.play(self.continue_level))),
            (t("menu.levels", lang), lambda: nav.show(routes.levels())),
            (t("menu.expr", lang), lambda: nav.push(routes.entry("expr"))),
            (t("menu.code", lang), lambda: nav.push(routes.entry("code"))),
            (t("model.menu", lang), lambda: self.open_screen(A.DATA)),
            (t("menu.help", lang), lambda: nav.push(routes.help())),
        ]
        self.language_row: int | None = None
        if len(languages()) > 1:  # the language list is the catalogues present: a new folder adds a choice
            self.language_row = len(items)
            items.append((t("language.menu", lang, name=language_name(lang)), self.switch_language))
        if not self.env.browser:
            items.append((t("menu.quit", lang), nav.quit))
        self.menu = Menu(items)
        self.backdrop: ContourMap | None = None

    def _scale(self) -> float:
        rows = len(self.menu.items)
        return self.fit_scale(260 + rows * (ROW_H + ROW_GAP) + 60, ROW_W + 60)

    def _rows(self) -> tuple[int, int, int]:
        """(top of the menu, row height, gap): rows shrink (not below MIN_ROW_H) so short windows fit."""
        s = self._scale()
        _, height = self.env.size
        rows = len(self.menu.items)
        head = (TITLE_PX + 90) * s if height >= SHORT_WINDOW * s else (SHORT_TITLE_PX + 60) * s
        room = height - head - 50 * s
        gap = ROW_GAP * s if room >= rows * (ROW_H + ROW_GAP) * s else ROW_GAP * s / 2
        row_h = max(MIN_ROW_H * s, min(ROW_H * s, (room - (rows - 1) * gap) / rows))
        total = rows * row_h + (rows - 1) * gap
        top = max(head, height * 0.58 - total / 2)
        return int(top), int(row_h), int(gap)

    def rects(self) -> list[pygame.Rect]:
        top, row_h, gap = self._rows()
        return self.menu.rects(self.env.size[0] // 2, top, int(ROW_W * self._scale()), row_h, gap)

    def switch_language(self, step: int = 1) -> None:
        """Show the title in the next language (`step` −1: the previous one) and remember the choice."""
        lang = next_language(self.env.lang, step)
        self.env.lang = lang
        notice = remember(self.session.store, lang=lang)
        title = self.routes.title()
        if isinstance(title, TitleScene) and title.language_row is not None:
            title.menu.selected = title.language_row
        self.nav.show(title)
        if notice is not None:
            self.nav.banner(notice_text(notice, lang))

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind == A.MOVE and action.dx and not action.dy and self.menu.selected == self.language_row:
            self.switch_language(1 if action.dx > 0 else -1)
        elif kind == A.LEVELS:
            self.nav.show(self.routes.levels())
        elif not self.open_screen(kind):
            self.menu.handle(action, self.rects())

    def update(self, dt: float) -> None:
        size = self.env.size
        if self.backdrop is None or self.backdrop.size != size:
            self.backdrop = None  # the old size's image is freed before the new one is made
            half_w = BACKDROP_HALF_HEIGHT * size[0] / max(1, size[1])
            surface = surfaces.from_expression(BACKDROP, domain=(-half_w, half_w, -BACKDROP_HALF_HEIGHT,
                                                                 BACKDROP_HALF_HEIGHT), name="backdrop")
            self.backdrop = ContourMap(surface, size, self.env.palette, ui_scale=self.env.scale, labels=False)

    def frame_key(self) -> object:
        """Still: the menu and the backdrop change only with input and resizes."""
        return None

    def draw(self, target: pygame.Surface) -> None:
        env = self.env
        palette = env.palette
        target.fill(palette.background)
        if self.backdrop is not None and self.backdrop.size == env.size:
            target.blit(self.backdrop.image, (0, 0))
        dim(target, 150)
        s = self._scale()
        fonts = self.fonts_for(s)
        width, _ = env.size
        rects = self.rects()
        short = env.size[1] < SHORT_WINDOW * s
        title_px = SHORT_TITLE_PX if short else TITLE_PX
        tagline = fonts.draw(target, t("title.tagline", env.lang), (width // 2, rects[0].y - int(16 * s)),
                             "body" if short else "heading", palette.panel_text, anchor="midbottom")
        fonts.draw(target, t("title.name", env.lang), (width // 2, tagline.top - int(4 * s)), title_px,
                   palette.summit, anchor="midbottom")
        self.menu.draw(target, fonts, rects, palette)
        stars = self.session.progress.total_stars()
        footer = t("title.hint", env.lang)
        if stars:
            total = n("levels.total", 3 * len(self.session.levels), env.lang, stars=stars, max=3 * len(self.session.levels))
            footer = total + " · " + footer
        fonts.draw(target, footer, (width // 2, rects[-1].bottom + int(24 * s)), "label", palette.muted_text,
                   anchor="midtop")


__all__ = ["TitleScene"]
