"""The result scene: the map revealed with a sweep, the verdict, the score breakdown and what to do next."""

from __future__ import annotations

import pygame

from game.core import actions as A
from game.core.options import OVERLAYS
from game.core.layout import RESULT_BUTTONS, Layout, LayoutCache
from game.core.model import Game
from game.core.storage import LevelRecord
from game.text.catalog import n, t
from game.ui.scenes.base import Context, Scene, next_page, page_control_at
from game.ui.tools import tool_classes
from game.ui.views.state import ViewState
from game.ui.widgets import hit

SWEEP_SECONDS = 1.4  # the reveal sweeps across the map in this time
KEYS = {"next": "key.next", "retry": "key.restart", "levels": "key.levels"}  # the shortcuts' names
BUTTON_ACTIONS = {"next": A.NEXT, "retry": A.RESTART, "levels": A.LEVELS, "page": A.PAGE}


class ResultScene(Scene):
    """After a claim. N next level, R retry, L levels, Esc title; the buttons do the same.

    It gets the finished game, the play clock at the claim (the map's animations continue from there) and the
    best record before this play; never the play scene."""

    shows_play_view = True

    def __init__(self, ctx: Context, game: Game, clock: float, before: LevelRecord | None = None,
                 improved: bool = False) -> None:
        super().__init__(ctx)
        self.game = game
        self.level = game.level
        self.verdict = game.verdict
        self.score = game.score()
        self.before = before  # the best record before this play (None: first time or not a built-in level)
        self.improved = improved
        self.next = self.session.next_level(self.level)
        self.play_clock = clock
        self.clock = 0.0
        self.hover: str | None = None
        self.hud_page = 0  # the panel's page, when its blocks do not all fit (V, Page Down or its control)
        self._layouts = LayoutCache(self.names(), self.level.surface.domain)
        self.tools = [cls(self) for cls in tool_classes() if cls.on_result]  # what the reveal adds (game/ui/tools)

    @property
    def reveal(self) -> float:
        """Sweep progress, 0 → 1."""
        return min(1.0, self.clock / SWEEP_SECONDS)

    # --- geometry -----------------------------------------------------------------------------------------
    def names(self) -> tuple[str, ...]:
        """The buttons: Next (when there is a next level), Retry and Levels."""
        return tuple(name for name in RESULT_BUTTONS if name != "next" or self.next is not None)

    def layout(self) -> Layout:
        """The play geometry with the result's buttons in the panel's button area."""
        return self._layouts.get(self.env.size, self.env.scale)

    def buttons(self) -> dict[str, pygame.Rect]:
        """Button name → rect."""
        return {name: pygame.Rect(tuple(box)) for name, box in self.layout().buttons.items()}

    def button_specs(self) -> tuple[tuple[str, str, bool, bool], ...]:
        """(name, label, primary, enabled): the label carries its key on keyboards."""
        return tuple((name, self._label(name), name == self.primary, True) for name in self.names())

    @property
    def primary(self) -> str:
        """The default button (Enter): the next level after a summit, else Retry, with the fog back."""
        found = self.verdict is not None and self.verdict.kind in ("global", "local")
        return "next" if found and self.next is not None else "retry"

    def _label(self, name: str) -> str:
        """A button's word, with its keyboard shortcut on keyboards."""
        label = t(f"button.{name}", self.env.lang)
        if self.env.touch:
            return label
        return t("button.with_key", self.env.lang, label=label, shortcut=t(KEYS[name], self.env.lang))

    # --- input --------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind == A.CONFIRM and self.primary == "retry":  # (never time-dependent: replays take the same path)
            self.nav.show(self.routes.play(self.level))
        elif kind in (A.NEXT, A.CONFIRM):
            if self.next is not None:
                self.nav.show(self.routes.play(self.next))
            else:
                self.nav.show(self.routes.levels(self.level.id))
        elif kind == A.RESTART:
            self.nav.show(self.routes.play(self.level))
        elif kind == A.LEVELS:
            self.nav.show(self.routes.levels(self.level.id))
        elif kind == A.AXES:
            self.env.toggle_overlay("axes")
        elif kind == A.TOGGLE and action.text in OVERLAYS:
            self.env.toggle_overlay(action.text)
        elif kind == A.BACK:
            self.nav.show(self.routes.title())
        elif kind == A.PAGE:
            self.hud_page = next_page(self.env, self.hud_page, action.dx)
        elif self.open_screen(kind):
            pass
        elif kind in (A.POINT, A.CLICK) and action.pos is not None:
            self.hover = hit(self.buttons(), action.pos) or page_control_at(self.env, action.pos)
            if kind == A.CLICK and self.hover is not None:
                self.handle(A.Action(BUTTON_ACTIONS[self.hover]))

    def update(self, dt: float) -> None:
        self.clock += dt

    def frame_key(self) -> object:
        """The reveal sweep's progress, and the clock while the map still animates (a fog hole or an arrow from a
        probe made just before the claim finishes growing): every frame while either runs, then still."""
        return self.reveal, (self.clock if self.env.play_view().animating else None)

    # --- drawing ------------------------------------------------------------------------------------------
    def note(self) -> str:
        """One line under the score: a new best, the best so far, or the probes used."""
        lang = self.env.lang
        if self.improved and self.before is not None:
            return t("result.new_best", lang)
        if self.before is not None:
            return t("result.best", lang, score=self.before.best)
        return n("result.probes", len(self.game.probes), lang, used=len(self.game.probes), par=self.game.par)

    def draw(self, target: pygame.Surface) -> None:
        env = self.env
        now_ms = (self.play_clock + self.clock) * 1000.0  # the map's clock goes on: animations finish
        state = ViewState(cursor=None, hidden=env.hidden, lang=env.lang, tr=env.tr, now_ms=now_ms,
                          reveal_progress=self.reveal, hover=self.hover, buttons=self.button_specs(),
                          page=self.hud_page, key_hints=not env.touch,
                          extra={"note": self.note()})  # the panel shows the note under the verdict
        env.play_view().draw(target, self.game, state, self.layout())
        for tool in self.tools:
            tool.draw(target, self.layout())


__all__ = ["ResultScene", "SWEEP_SECONDS"]
