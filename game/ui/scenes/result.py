"""The result scene: the map revealed with a sweep, the verdict, the score breakdown and what to do next."""

from __future__ import annotations

from typing import Any

import pygame

from game.core import actions as A
from game.text.catalog import n, t
from game.ui.hud import draw_button as hud_button
from game.ui.scenes.base import Scene, hit, open_screen

SWEEP_SECONDS = 1.4  # the reveal sweeps across the map in this time


class ResultScene(Scene):
    """After a claim. N next level, R retry, L levels, Esc title; the buttons do the same."""

    def __init__(self, app: Any, play: Any, before: Any = None, improved: bool = False) -> None:
        super().__init__(app)
        self.play = play  # the finished PlayScene: its game, cursor and layout
        self.game = play.game
        self.level = play.level
        self.verdict = self.game.verdict
        self.score = self.game.score()
        self.before = before  # the best record before this play (None: first time or not a built-in level)
        self.improved = improved
        self.next = app.next_level(self.level)
        self.clock = 0.0
        self.hover: str | None = None

    @property
    def reveal(self) -> float:
        """Sweep progress, 0 → 1."""
        return min(1.0, self.clock / SWEEP_SECONDS)

    # --- geometry -----------------------------------------------------------------------------------------
    def buttons(self) -> dict[str, pygame.Rect]:
        """Next (when there is a next level), Retry and Levels, in the panel's button area."""
        layout = self.play.layout()
        boxes = [pygame.Rect(tuple(box)) for box in layout.buttons.values()]
        area = boxes[0].unionall(boxes[1:]) if boxes else pygame.Rect(0, 0, 0, 0)
        names = (["next"] if self.next is not None else []) + ["retry", "levels"]
        gap = max(2, int(8 * self.app.scale))
        if layout.hud_side == "right":
            h = (area.h - gap * (len(names) - 1)) // len(names)
            return {name: pygame.Rect(area.x, area.y + i * (h + gap), area.w, h) for i, name in enumerate(names)}
        side_by_side = area.w > 2 * area.h  # a wide strip; the bottom panel's button column stacks them
        w = (area.w - gap * (len(names) - 1)) // len(names) if side_by_side else area.w
        if side_by_side:
            return {name: pygame.Rect(area.x + i * (w + gap), area.y, w, area.h) for i, name in enumerate(names)}
        h = (area.h - gap * (len(names) - 1)) // len(names)
        return {name: pygame.Rect(area.x, area.y + i * (h + gap), area.w, h) for i, name in enumerate(names)}

    # --- input --------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind in (A.NEXT, A.CONFIRM):  # (never time-dependent: replays must take the same path)
            if self.next is not None:
                self.app.play(self.next)
            else:
                self.app.show_levels(self.level.id)
        elif kind == A.RESTART:
            self.app.play(self.level)
        elif kind == A.LEVELS:
            self.app.show_levels(self.level.id)
        elif kind == A.BACK:
            self.app.show_title()
        elif open_screen(self.app, kind):
            pass
        elif kind in (A.POINT, A.CLICK) and action.pos is not None:
            self.hover = hit(self.buttons(), action.pos)
            if kind == A.CLICK and self.hover is not None:
                self.handle(A.Action({"next": A.NEXT, "retry": A.RESTART, "levels": A.LEVELS}[self.hover]))

    def update(self, dt: float) -> None:
        self.clock += dt

    # --- drawing ------------------------------------------------------------------------------------------
    def note(self) -> str:
        """One line under the score: a new best, the best so far, or the probes used."""
        lang = self.app.lang
        if self.improved and self.before is not None:
            return t("result.new_best", lang)
        if self.before is not None:
            return t("result.best", lang, score=self.before.best)
        return n("result.probes", len(self.game.probes), lang, used=len(self.game.probes), par=self.game.par)

    def draw(self, target: pygame.Surface) -> None:
        app = self.app
        state = self.play.view_state(self.reveal)
        state.extra["note"] = self.note()  # the panel shows it under the verdict (the HUD flows it)
        app.play_view().draw(target, self.game, state)
        rects = self.buttons()
        area = pygame.Rect(tuple(self.play.layout().buttons["claim"])).unionall(
            [pygame.Rect(tuple(box)) for box in self.play.layout().buttons.values()])
        pygame.draw.rect(target, app.palette.panel, area)
        keys = {"next": "key.next", "retry": "key.restart", "levels": "key.levels"}  # the shortcuts' names
        for name, rect in rects.items():
            label = t(f"button.{name}", app.lang)
            if not app.touch:
                label = t("button.with_key", app.lang, label=label, shortcut=t(keys[name], app.lang))
            hud_button(target, tuple(rect), label, app.palette, app.fonts,
                       primary=name == ("next" if self.next is not None else "retry"), hover=name == self.hover)


__all__ = ["ResultScene", "SWEEP_SECONDS"]
