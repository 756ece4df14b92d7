"""The level-select scene: the built-in levels in order with stars and best scores, and the chosen one's intro."""

from __future__ import annotations

from typing import Any

import pygame

from game.core import actions as A
from game.text.catalog import n, t
from game.text.levels import level_text
from game.ui.fonts import wrap
from game.ui.scenes.base import Context, Scene
from game.ui.widgets import draw_background, draw_button, draw_stars, ellipsize, hit

ROW_H, ROW_GAP = 46, 6  # logical px of a level row
LIST_W = 560  # logical px of the list column (the details take the rest)
HEADER_H = 110  # logical px above the list


class LevelSelectScene(Scene):
    """Up/Down (or the wheel) choose, Enter plays, a click plays, Esc goes back to the title."""

    def __init__(self, ctx: Context, level_id: str | None = None) -> None:
        super().__init__(ctx)
        ids = [level.id for level in self.session.levels]
        if level_id in ids:
            self.selected = ids.index(level_id)
        else:  # the first level not finished yet
            self.selected = next((i for i, lv in enumerate(self.session.levels) if self.session.progress.best(lv.id) is None), 0)
        self.hover: int | None = None

    # --- geometry -----------------------------------------------------------------------------------------
    def _scale(self) -> float:
        return self.fit_scale(HEADER_H + 8 * (ROW_H + ROW_GAP) + 80, LIST_W + 300)

    def visible(self) -> tuple[int, int]:
        """(first index shown, how many rows fit): the selection stays in view (pure, from size and selection)."""
        s = self._scale()
        _, height = self.env.size
        fit = max(1, int((height - (HEADER_H + 70) * s) // ((ROW_H + ROW_GAP) * s)))
        count = len(self.session.levels)
        if count <= fit:
            return 0, count
        first = min(max(0, self.selected - fit // 2), count - fit)
        return first, fit

    def rows(self) -> dict[int, pygame.Rect]:
        """Level index → its row rect, for the rows on screen."""
        s = self._scale()
        width, _ = self.env.size
        list_w = min(int(LIST_W * s), int(width * 0.55))
        first, fit = self.visible()
        x = int(40 * s)
        top = int(HEADER_H * s)
        return {first + i: pygame.Rect(x, top + i * int((ROW_H + ROW_GAP) * s), list_w, int(ROW_H * s))
                for i in range(fit)}

    def back_button(self) -> pygame.Rect:
        """The Back button at the top right (touch and mouse players have no Esc key)."""
        s = self._scale()
        width, _ = self.env.size
        w, h = int(150 * s), int(48 * s)
        return pygame.Rect(width - int(40 * s) - w, int(28 * s), w, h)

    # --- input --------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> None:
        kind = action.kind
        count = len(self.session.levels)
        if kind == A.MOVE and action.dy:
            self.selected = (self.selected + (1 if action.dy > 0 else -1)) % count
        elif kind == A.ADJUST and action.dy:
            self.selected = min(count - 1, max(0, self.selected - int(action.dy)))
        elif kind == A.NEXT:
            self.selected = (self.selected + 1) % count
        elif kind == A.PREV:
            self.selected = (self.selected - 1) % count
        elif kind in (A.CONFIRM, A.PROBE):
            self.nav.show(self.routes.play(self.session.levels[self.selected]))
        elif kind == A.BACK:
            self.nav.show(self.routes.title())
        elif self.open_screen(kind):
            pass
        elif kind in (A.POINT, A.CLICK) and action.pos is not None and self.back_button().collidepoint(action.pos):
            self.hover = "back"
            if kind == A.CLICK:
                self.nav.show(self.routes.title())
        elif kind in (A.POINT, A.CLICK) and action.pos is not None:
            self.hover = hit(self.rows(), action.pos)
            if kind == A.CLICK and self.hover is not None:
                self.selected = self.hover
                self.nav.show(self.routes.play(self.session.levels[self.hover]))

    # --- drawing ------------------------------------------------------------------------------------------
    def frame_key(self) -> object:
        """Still: the list changes only with input."""
        return None

    def draw(self, target: pygame.Surface) -> None:
        env = self.env
        palette, lang = env.palette, env.lang
        s = self._scale()
        fonts = self.fonts_for(s)
        draw_background(target, palette)
        width, height = env.size
        left = int(40 * s)
        fonts.draw(target, t("levels.title", lang), (left, int(24 * s)), "huge", palette.panel_text)
        back = self.back_button()
        draw_button(target, back, t("entry.back", lang), palette, fonts, primary=self.hover == "back")
        total = n("levels.total", 3 * len(self.session.levels), lang, stars=self.session.progress.total_stars(),
                  max=3 * len(self.session.levels))
        fonts.draw(target, total, (back.x - int(24 * s), back.centery), "body", palette.muted_text, anchor="midright")
        rows = self.rows()
        star_r = 11 * s
        for index, rect in rows.items():
            level = self.session.levels[index]
            chosen = index == self.selected
            fill = palette.button if chosen else palette.panel
            pygame.draw.rect(target, fill, rect, border_radius=int(8 * s))
            if chosen or index == self.hover:
                pygame.draw.rect(target, palette.accent, rect, max(1, int(2 * s)), border_radius=int(8 * s))
            record = self.session.progress.best(level.id)
            fonts.draw(target, f"{index + 1:02d}", (rect.x + int(12 * s), rect.centery), "heading",
                       palette.accent if chosen else palette.muted_text, anchor="midleft")
            stars_w = int(star_r * 2.4 * 3)
            title_x = rect.x + int(62 * s)
            room = rect.right - title_x - stars_w - int((24 + (60 if record else 0)) * s)
            fonts.draw(target, ellipsize(fonts, level_text(level, "title", lang), "body", room), (title_x, rect.centery),
                       "body", palette.panel_text, anchor="midleft")
            draw_stars(target, (rect.right - int(12 * s) - stars_w / 2 + star_r, rect.centery),
                       record.stars if record else 0, star_r, palette)
            if record is not None:
                fonts.draw(target, str(record.best), (rect.right - stars_w - int(24 * s), rect.centery), "label",
                           palette.muted_text, anchor="midright")
        first, fit = self.visible()
        if first > 0 or first + fit < len(self.session.levels):
            note = f"{first + 1}–{first + fit} / {len(self.session.levels)}"
            last = rows[first + fit - 1]
            fonts.draw(target, note, (last.centerx, last.bottom + int(6 * s)), "small", palette.muted_text,
                       anchor="midtop")
        self._draw_details(target, fonts, s, rows)
        fonts.draw(target, t("levels.hint", lang), (width // 2, height - int(14 * s)), "label", palette.muted_text,
                   anchor="midbottom")

    def _draw_details(self, target: pygame.Surface, fonts: Any, s: float, rows: dict[int, pygame.Rect]) -> None:
        env = self.env
        palette, lang = env.palette, env.lang
        level = self.session.levels[self.selected]
        width, height = env.size
        any_row = next(iter(rows.values()))
        x = any_row.right + int(40 * s)
        w = width - x - int(40 * s)
        if w < 200 * s:
            return
        y = any_row.y
        for line in wrap(fonts, level_text(level, "title", lang), "title", w)[:2]:
            y = fonts.draw(target, line, (x, y), "title", palette.panel_text).bottom
        name = t(f"module.{level.module}", lang)
        module = t("levels.module", lang, module=level.module if name.startswith("module.") else name)
        y = fonts.draw(target, module, (x, y + int(4 * s)), "label", palette.accent).bottom + int(14 * s)
        # the intro whole, at the largest size that fits above the key hint (never cut: without room for all of
        # it, a line says where to read it)
        gap = int(14 * s)
        info_h = 2 * fonts.measure("Ag", "label")[1] + int(4 * s)
        room = height - int(14 * s) - fonts.measure("Ag", "label")[1] - gap - y - gap - info_h
        intro, ink = level_text(level, "intro", lang), palette.panel_text
        for size in ("body", "label", "small"):
            lines = wrap(fonts, intro, size, w)
            if len(lines) * fonts.measure("Ag", size)[1] <= room and all(fonts.measure(line, size)[0] <= w
                                                                          for line in lines):
                break
        else:
            size, ink = "label", palette.muted_text
            lines = wrap(fonts, t("levels.intro_in_play", lang), size, w)
        for line in lines:
            y = fonts.draw(target, line, (x, y), size, ink).bottom
        y += gap
        y = fonts.draw(target, n("levels.probes", level.probes, lang, probes=level.probes, par=level.par), (x, y), "label",
                       palette.muted_text).bottom
        record = self.session.progress.best(level.id)
        text = t("levels.best", lang, score=record.best) if record else t("levels.unplayed", lang)
        fonts.draw(target, text, (x, y + int(4 * s)), "label", palette.muted_text)


__all__ = ["LevelSelectScene"]
