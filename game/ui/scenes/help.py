"""The help overlay: the goal in two sentences and every key, by section, on as many pages as the window needs."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core import actions as A
from game.text.catalog import t
from game.ui.fonts import wrap
from game.ui.scenes.base import Context, Scene
from game.ui.widgets import dim, draw_button

# (i18n key for the key name, desktop only); the description is the same key + ".do". One tuple per feature area.
PLAY_ROWS: tuple[tuple[str, bool], ...] = (
    ("key.arrows", False), ("key.pointer", False), ("key.probe", False), ("key.claim", False),
    ("key.predict", False), ("key.help", False), ("key.intro", False), ("key.back", False), ("key.restart", False),
    ("key.next", False), ("key.levels", False), ("key.expr", False), ("key.code", False),
    ("key.tab", False), ("key.axes", False), ("key.overlays", False), ("key.page", False), ("key.fullscreen", True),
)

# the calculus lab
LAB_ROWS: tuple[tuple[str, bool], ...] = (("key.lab_h", True), ("key.lab_turn", True), ("key.lab_axis", True))

LAB_ROWS += (("key.view3d", False),)  # the 3D view

# climbers and step rules
CLIMB_ROWS: tuple[tuple[str, bool], ...] = (("key.climb", False), ("key.tune", False), ("key.rules", False))

# model levels and data
MODEL_ROWS: tuple[tuple[str, bool], ...] = (("key.data", False),)

# the classroom
CLASS_ROWS: tuple[tuple[str, bool], ...] = (
    ("key.class_reveal", False), ("key.class_undo", False), ("key.class_freeze", False), ("key.class_export", False),
)

# every learner: readout, sound, language
ACCESS_ROWS: tuple[tuple[str, bool], ...] = (("key.readout", False), ("key.sound", False), ("key.keypad", False))

ROWS = PLAY_ROWS + LAB_ROWS + CLIMB_ROWS + MODEL_ROWS + CLASS_ROWS + ACCESS_ROWS
# the sections the pages show, in order: (heading key, rows); an empty section is left out
SECTIONS = (("help.section.play", PLAY_ROWS), ("help.section.lab", LAB_ROWS), ("help.section.climb", CLIMB_ROWS),
            ("help.section.model", MODEL_ROWS), ("help.section.class", CLASS_ROWS),
            ("help.section.access", ACCESS_ROWS))
TWO_COLUMNS_FROM = 1000  # logical px of window width from which the keys sit in two columns
PAGER_H = 48  # logical px: the page buttons' height (a touch target of at least 44 px at every scale)


@dataclass(frozen=True)
class Entry:
    """One thing on a page: a section heading (`lines` empty) or a key with its wrapped explanation."""

    key: str
    lines: tuple[str, ...]
    height: int


@dataclass(frozen=True)
class Plan:
    """The pages at one window size: the panel, the intro lines (first page) and each page's columns."""

    scale: float
    panel: pygame.Rect
    intro: tuple[str, ...]
    pages: tuple[tuple[tuple[Entry, ...], ...], ...]
    key_w: int
    column_w: int
    pager: dict[str, pygame.Rect]


class HelpScene(Scene):
    """Drawn over any scene. Esc, H, F1, Enter or a tap outside the page buttons closes it; V / Page Down,
    the arrow keys, Tab or the page buttons turn its pages."""

    opaque = False

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.page = 0
        self._plans: dict[tuple, Plan] = {}

    def rows(self) -> list[tuple[str, str]]:
        """(key, what it does) for every key this platform has."""
        return [(key, does) for _, section in self.sections() for key, does in section]

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(heading, [(key, what it does)]) of every section with a row on this platform."""
        lang = self.env.lang
        found = []
        for heading, rows in SECTIONS:
            shown = [(t(key, lang), t(key + ".do", lang)) for key, desktop in rows if not (desktop and self.env.browser)]
            if shown:
                found.append((t(heading, lang), shown))
        return found

    def handle(self, action: A.Action) -> None:
        kind = action.kind
        count = len(self.plan().pages)
        if kind == A.CLICK and action.pos is not None:
            for name, box in self.plan().pager.items():
                if box.collidepoint(action.pos):
                    self.page = (self.page + (1 if name == "next" else -1)) % count
                    return
        step = {A.PAGE: -1 if action.dx < 0 else 1, A.NEXT: 1, A.PREV: -1}.get(kind, 0)
        if kind == A.MOVE:
            step = 1 if (action.dx > 0 or action.dy > 0) else -1
        if step:
            self.page = min(max(self.page + step, 0), count - 1) if kind == A.MOVE else (self.page + step) % count
        elif kind in (A.BACK, A.HELP, A.CONFIRM, A.PROBE, A.CLICK, A.PAUSE):
            self.nav.pop()

    def frame_key(self) -> object:
        """Still: the keys change only with input."""
        return None

    def plan(self) -> Plan:
        """The pages for the current window, language and platform (cached)."""
        env = self.env
        cache_key = (env.size, env.scale, env.lang, env.browser)
        if cache_key not in self._plans:
            self._plans.clear()
            self._plans[cache_key] = self._make_plan()
        return self._plans[cache_key]

    def _make_plan(self) -> Plan:
        env = self.env
        width, height = env.size
        columns = 2 if width / env.scale >= TWO_COLUMNS_FROM else 1
        scale = self.fit_scale(420, 600 * columns)
        fonts = self.fonts_for(scale)
        margin = int(16 * scale)
        panel = pygame.Rect(0, 0, min(width - 2 * margin, int(1240 * scale)), height - 2 * margin)
        panel.center = (width // 2, height // 2)
        inner = panel.inflate(-2 * margin, -2 * margin)
        gap = int(10 * scale)
        column_w = (inner.w - (columns - 1) * gap * 2) // columns
        sections = self.sections()
        key_w = min(column_w // 3, max(fonts.measure(key, "body")[0] for _, rows in sections for key, _ in rows)
                    + int(14 * scale))
        body_h, small_h = fonts.measure("Ag", "body")[1], fonts.measure("Ag", "small")[1]
        head_h = fonts.measure("Ag", "heading")[1] + int(4 * scale)
        entries: list[tuple[Entry, bool]] = []  # (entry, starts a section)
        for heading, rows in sections:
            entries.append((Entry(heading, (), head_h), True))
            for key, does in rows:
                lines = tuple(wrap(fonts, does, "small", column_w - key_w - int(6 * scale)))
                entries.append((Entry(key, lines, max(body_h, len(lines) * small_h) + int(4 * scale)), False))
        top = fonts.measure("Ag", "title")[1] + gap
        bottom = int(PAGER_H * scale) + gap
        room = inner.h - top - bottom
        intro = tuple(line for key in ("help.goal", "help.rho") for line in
                      wrap(fonts, t(key, env.lang), "body", inner.w) + [""])[:-1]
        intro_h = len(intro) * body_h + gap
        if intro_h > room * 0.45:  # a small window: the intro would crowd out the keys
            intro, intro_h = (), 0
        pages = _paginate(entries, columns, room, room - intro_h)
        pager_w = int(160 * scale)
        pager_y = inner.bottom - int(PAGER_H * scale)
        pager = {"prev": pygame.Rect(inner.x, pager_y, pager_w, int(PAGER_H * scale)),
                 "next": pygame.Rect(inner.right - pager_w, pager_y, pager_w, int(PAGER_H * scale))}
        return Plan(scale, panel, intro, pages, key_w, column_w, pager if len(pages) > 1 else {})

    def draw(self, target: pygame.Surface) -> None:
        dim(target, 200)
        env, plan = self.env, self.plan()
        palette, fonts, scale = env.palette, self.fonts_for(plan.scale), plan.scale
        page = min(self.page, len(plan.pages) - 1)
        pygame.draw.rect(target, palette.panel, plan.panel, border_radius=int(12 * scale))
        pygame.draw.rect(target, palette.panel_edge, plan.panel, 1, border_radius=int(12 * scale))
        margin, gap = int(16 * scale), int(10 * scale)
        inner = plan.panel.inflate(-2 * margin, -2 * margin)
        y = fonts.draw(target, t("help.title", env.lang), (inner.x, inner.y), "title", palette.accent).bottom + gap
        if page == 0 and plan.intro:
            body_h = fonts.measure("Ag", "body")[1]
            for i, line in enumerate(plan.intro):
                if line:
                    fonts.draw(target, line, (inner.x, y + i * body_h), "body", palette.panel_text)
            y += len(plan.intro) * body_h + gap
        small_h = fonts.measure("Ag", "small")[1]
        for column, entries in enumerate(plan.pages[page]):
            x, ry = inner.x + column * (plan.column_w + 2 * gap), y
            for entry in entries:
                if not entry.lines:
                    fonts.draw(target, entry.key, (x, ry), "heading", palette.good)
                else:
                    fonts.draw(target, entry.key, (x, ry), "body", palette.accent)
                    for i, line in enumerate(entry.lines):
                        fonts.draw(target, line, (x + plan.key_w, ry + 2 + i * small_h), "small", palette.panel_text)
                ry += entry.height
        self._draw_footer(target, plan, page, inner)

    def _draw_footer(self, target: pygame.Surface, plan: Plan, page: int, inner: pygame.Rect) -> None:
        env, fonts = self.env, self.fonts_for(plan.scale)
        lang = env.lang
        for name, box in plan.pager.items():
            draw_button(target, box, t(f"help.{name}", lang), env.palette, fonts)
        words = t("help.close", lang)
        if len(plan.pages) > 1:
            words = t("help.page", lang, page=page + 1, count=len(plan.pages)) + "  " + words
        room = inner.w - 2 * (plan.pager["next"].w + int(12 * plan.scale)) if plan.pager else inner.w
        lines = wrap(fonts, words, "label", room)
        line_h = fonts.measure("Ag", "label")[1]
        top = inner.bottom - int(PAGER_H * plan.scale) // 2 - len(lines) * line_h // 2
        for i, line in enumerate(lines):
            fonts.draw(target, line, (inner.centerx, top + i * line_h), "label", env.palette.muted_text,
                       anchor="midtop")


def _paginate(entries: list[tuple[Entry, bool]], columns: int, room: int, first_room: int
              ) -> tuple[tuple[tuple[Entry, ...], ...], ...]:
    """Fill columns top to bottom, then pages; a section never starts at a column's foot (its heading moves on
    with its first row), and a column that starts inside a section repeats the section's heading."""
    pages: list[list[list[Entry]]] = [[[]]]
    used = 0
    heading: Entry | None = None
    for index, (entry, starts) in enumerate(entries):
        if starts:
            heading = entry
        limit = first_room if len(pages) == 1 else room
        need = entry.height + (entries[index + 1][0].height if starts and index + 1 < len(entries) else 0)
        column = pages[-1][-1]
        if column and used + need > limit:
            if len(pages[-1]) < columns:
                pages[-1].append([])
            else:
                pages.append([[]])
            used = 0
            column = pages[-1][-1]
            if not starts and heading is not None:
                column.append(heading)
                used = heading.height
        column.append(entry)
        used += entry.height
    return tuple(tuple(tuple(column) for column in page) for page in pages)


__all__ = ["HelpScene", "ROWS", "SECTIONS"]
