"""The class overlay: every student's recorded climb of one level on its revealed map, with a table.

Each path has its own colour; the table gives name, probes, verdict and score. Up/Down choose a student, Enter
steps through that climb probe by probe (scenes/steps.py), a recording dropped on the window joins, Esc goes to
the title."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pygame

import surfaces

from game.core import actions as A
from game.core.classlist import Skipped, Student, load_class
from game.core.layout import LayoutCache, Layout
from game.core.model import Game
from game.text.catalog import n, t
from game.text.levels import level_text
from game.core.levels import code_level
from game.ui.startup import resolve_level
from game.ui.fonts import wrap
from game.ui.scenes.base import Context, Scene
from game.ui.views.revealed import draw_paths, draw_summit, draw_terrain, ensure_map, path_colour

if TYPE_CHECKING:
    from surfaces import Level


def student_level(student: Student) -> "Level":
    """The level a recording was played on: its level file, class code or formula, else a built-in level by id,
    else the class code its id is. ValueError when it cannot be built here."""
    options = student.options
    if options.level is not None or options.seed is not None or options.expr is not None:
        level = resolve_level(options)
        if level is not None and level.id == student.level:
            return level
    try:
        return surfaces.level_by_id(student.level)
    except surfaces.LevelError:
        pass
    try:
        return code_level(student.level)
    except ValueError:
        raise ValueError(f"{student.file}: level '{student.level}' is not a built-in level or class code "
                         f"here") from None


def open_class(ctx: Context, paths: list[str], level: "Level | None" = None) -> Scene:
    """The class overlay of the recordings in `paths` (files or folders) on `level` (None: the first usable
    recording's level); the title screen with a banner per problem when none is usable."""
    students, skipped = load_class(paths, level.id if level is not None else None)
    if level is None and students:
        try:
            level = student_level(students[0])
        except ValueError as error:
            skipped.insert(0, Skipped(students[0].file, "broken", str(error)))
            students = []
    if level is None or not students:
        for item in skipped:
            ctx.nav.banner(skip_text(item, "", ctx.env.lang))
        return ctx.routes.title()
    return ClassScene(ctx, level, students, skipped)


def skip_text(item: Skipped, level: str, lang: str) -> str:
    """One line naming a skipped recording and why, in the player's language."""
    return t(f"class.skip.{item.code}", lang, file=os.path.basename(item.file), level=item.detail or level, shown=level,
             reason=item.detail.replace(item.file, os.path.basename(item.file)))


SKIPPED_LISTED = 4  # recordings left out named under the table; more are counted (and named on the terminal)


class ClassScene(Scene):
    """The class overlay of one level."""

    shows_play_view = True

    def __init__(self, ctx: Context, level: "Level", students: list[Student], skipped: list[Skipped]) -> None:
        super().__init__(ctx)
        self.level = level
        self.game = Game(level)  # no probes: the map's surface, peak and resolution
        self.students = students
        self.skipped = skipped
        self.selected = 0
        self.row_rects: list[pygame.Rect] = []
        self._layouts = LayoutCache(("levels",), level.surface.domain)  # (no button is drawn)
        # what was left out is listed under the table (a banner would cover the panel's title)

    def layout(self) -> Layout:
        """The play geometry without buttons: the map and the panel the table fills."""
        return self._layouts.get(self.env.size, self.env.scale)

    def add(self, path: str) -> None:
        """A recording dropped on the window joins the class (or is named and skipped)."""
        students, skipped = load_class([path], self.level.id)
        known = {student.file for student in self.students}
        self.students += [student for student in students if student.file not in known]
        self.skipped += skipped  # listed under the table

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind == A.MOVE and action.dy:
            self.selected = (self.selected + (1 if action.dy > 0 else -1)) % len(self.students)
        elif kind in (A.CONFIRM, A.PROBE):
            from game.ui.scenes.steps import StepScene  # the step viewer comes back here

            self.nav.show(StepScene(self.ctx, self.level, self.students[self.selected], self))
        elif kind == A.CLICK and action.pos is not None:
            for index, rect in enumerate(self.row_rects):
                if rect.collidepoint(action.pos):
                    if index == self.selected:
                        self.handle(A.Action(A.CONFIRM))
                    self.selected = index
        elif kind == A.DROP:
            self.add(action.text)
        elif kind in (A.BACK, A.PAUSE):
            self.nav.show(self.routes.title())
        elif kind == A.HELP:
            self.nav.push(self.routes.help())
        elif kind == A.EXPR or kind == A.CODE:
            self.nav.show(self.routes.entry("expr" if kind == A.EXPR else "code"))
        elif kind == A.LEVELS:
            self.nav.show(self.routes.levels(self.level.id))

    def frame_key(self) -> object:
        return self.selected, len(self.students)

    def draw(self, target: pygame.Surface) -> None:
        env = self.env
        layout = self.layout()
        view = env.play_view()
        target.fill(env.palette.background)
        ensure_map(view, self.game, layout, env.lang)
        draw_terrain(target, view)
        draw_paths(target, view, [[(x, y) for x, y, _ in s.path] for s in self.students], self.selected)
        draw_summit(target, view, self.game)
        self._draw_table(target, pygame.Rect(tuple(layout.hud_rect)))

    def _draw_table(self, target: pygame.Surface, panel: pygame.Rect) -> None:
        """Title, one row per student (colour, name, probes, verdict, score), the keys, what was skipped."""
        env = self.env
        fonts, pal, lang = env.fonts, env.palette, env.lang
        pad = int(12 * env.scale)
        pygame.draw.rect(target, pal.panel, panel)
        x, y, width = panel.x + pad, panel.y + pad, panel.w - 2 * pad
        title = t("class.title", lang, level=level_text(self.level, "title", lang))
        for line in wrap(fonts, title, "heading", width):
            y = fonts.draw(target, line, (x, y), "heading", pal.panel_text).bottom
        y += pad // 2
        columns = self._columns(x, width)
        heads = ("class.col.name", "class.col.probes", "class.col.verdict", "class.col.score")
        for left, key in zip(columns, heads):
            fonts.draw(target, t(key, lang), (left, y), "small", pal.muted_text)
        row_h = fonts.measure("Ag", "small")[1] + pad // 2
        y += row_h
        footer = self._footer(width)
        room = panel.bottom - pad - y - len(footer) * fonts.measure("Ag", "small")[1]
        fit = max(1, room // row_h)
        first = min(max(0, self.selected - fit + 1), max(0, len(self.students) - fit))
        self.row_rects = [pygame.Rect(0, 0, 0, 0)] * len(self.students)
        for index in range(first, min(len(self.students), first + fit)):
            self.row_rects[index] = self._draw_row(target, index, (x, y, width, row_h), columns)
            y += row_h
        y = panel.bottom - pad - len(footer) * fonts.measure("Ag", "small")[1]
        for line in footer:
            y = fonts.draw(target, line, (x, y), "small", pal.muted_text).bottom

    def _columns(self, x: int, width: int) -> tuple[int, int, int, int]:
        """Where name, probes, verdict and score start: the last three as wide as their widest entry, from the
        right; the name takes the rest (after the colour swatch)."""
        fonts, lang = self.env.fonts, self.env.lang
        gap = int(14 * self.env.scale)

        def widest(key: str, texts: list[str]) -> int:
            return max(fonts.measure(text, "small")[0] for text in [t(key, lang)] + texts)

        verdicts = [t(f"class.verdict.{s.verdict or 'open'}", lang) for s in self.students]
        score = widest("class.col.score", [str(s.score) for s in self.students])
        verdict = widest("class.col.verdict", verdicts)
        probes = widest("class.col.probes", [str(len(s.path)) for s in self.students])
        right = x + width
        score_x = right - score
        verdict_x = score_x - gap - verdict
        probes_x = verdict_x - gap - probes
        return x + int(fonts.px("small") * 1.6), probes_x, verdict_x, score_x

    def _draw_row(self, target: pygame.Surface, index: int, box: tuple[int, int, int, int],
                  columns: tuple[int, ...]) -> pygame.Rect:
        env = self.env
        fonts, pal, lang = env.fonts, env.palette, env.lang
        x, y, width, row_h = box
        student = self.students[index]
        rect = pygame.Rect(x - 4, y, width + 8, row_h)
        if index == self.selected:
            pygame.draw.rect(target, pal.button, rect, border_radius=int(6 * env.scale))
        swatch = pygame.Rect(x, y + row_h // 4, columns[0] - x - int(6 * env.scale), row_h // 2)
        pygame.draw.rect(target, path_colour(index), swatch, border_radius=int(3 * env.scale))
        name = fonts.ellipsize(student.name, "small", columns[1] - columns[0] - int(8 * env.scale))
        verdict = t(f"class.verdict.{student.verdict or 'open'}", lang)
        cells = (name, str(len(student.path)), verdict, str(student.score))
        for left, text in zip(columns, cells):
            fonts.draw(target, text, (left, y), "small", pal.panel_text)
        return rect

    def _footer(self, width: int) -> list[str]:
        env = self.env
        lines = wrap(env.fonts, t("class.keys", env.lang), "small", width)
        if self.skipped:
            lines += wrap(env.fonts, n("class.skipped", len(self.skipped), env.lang, skipped=len(self.skipped)),
                          "small", width)
            for item in self.skipped[:SKIPPED_LISTED]:  # each one line (the terminal has them all)
                lines += wrap(env.fonts, "· " + skip_text(item, self.level.id, env.lang), "small", width)
            if len(self.skipped) > SKIPPED_LISTED:
                lines.append("· …")
        return lines


__all__ = ["ClassScene", "open_class", "skip_text"]
