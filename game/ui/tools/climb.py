"""Auto-climb in the play scene: A one step of the chosen climber, Shift+A five, O the climber, - = γ (Shift: β).

Each step is a probe sent through the scene like the player's own (scored, spending the budget); the bar of
buttons at the map's bottom-left does the same by mouse or touch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.core.autoclimb import AutoClimb
from game.core.rule_store import load_rules
from game.text.notices import notice_text
from game.ui.scenes.rule_editor import RuleEditorScene
from game.text.catalog import t
from game.ui.tools import PlayTool
from game.ui.widgets import draw_button, hit

if TYPE_CHECKING:
    from game.core.layout import Layout
    from game.core.probe import Probe

FIVE = 5
AXIS_ROOM = 30  # logical px along the map's left and bottom edges where the axes write their numbers
USES_BETA = ("momentum", "adam")
BUTTONS = (("step", A.CLIMB, False), ("five", A.CLIMB, True), ("climber", A.CLIMBER, False), ("race", A.RACE, False),
           ("gamma-", A.TUNE_DOWN, False), ("gamma+", A.TUNE_UP, False),
           ("beta-", A.TUNE_DOWN, True), ("beta+", A.TUNE_UP, True))


def plain(value: float, lang: str) -> str:
    """γ or β as the player set it (0.05, 0.9), with the language's decimal mark."""
    return f"{value:g}".replace(".", t("format.decimal", lang))


class ClimbTool(PlayTool):
    """The chosen climber, γ and β for this play scene, its bar of buttons and its messages."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.climb = AutoClimb()
        book, _ = load_rules(scene.session.store)  # a damaged file is set aside; the notice shows when J opens
        rule = scene.env.options.rule or book.rule  # --rule / ?rule= first
        if rule:
            self.climb.set_rule(rule)
        self._stepping = False
        self._boxes: dict[str, pygame.Rect] = {}
        # the bar starts folded to one button (the map is the player's: clicks there probe); it opens on a click or
        # when a climber key is used, and folds again by its own button
        self.expanded = bool(scene.env.options.rule)

    # --- input ------------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> bool:
        kind = action.kind
        if kind == A.CLICK and action.pos is not None:
            name = hit(self._boxes, action.pos)
            if name is None:
                return False
            if name in ("open", "close"):
                self.expanded = name == "open"
                return True
            _, kind, fine = next(b for b in BUTTONS if b[0] == name)
            action = A.Action(kind, fine=fine)
            if kind == A.RACE:  # the race tool (after this one) starts it
                self.scene.handle(action)
                return True
        if kind in (A.CLIMB, A.CLIMBER, A.TUNE_DOWN, A.TUNE_UP):
            self.expanded = True  # the player uses the climbers: show them and their γ, β
        if kind == A.CLIMB:
            self.steps(FIVE if action.fine else 1)
        elif kind == A.CLIMBER:
            self.climb.choose(action.text or None)
            self.scene.say("climb.chosen", climber=t(f"climb.name.{self.climb.climber}", self.lang))
        elif kind == A.RULES:
            self.open_editor()
        elif kind in (A.TUNE_DOWN, A.TUNE_UP):
            name = "beta" if action.fine else "gamma"
            value = self.climb.tune(name, 1 if kind == A.TUNE_UP else -1)
            self.scene.say(f"climb.{name}", value=plain(value, self.lang))
        else:
            return False
        return True

    def open_editor(self) -> None:
        """The step-rule editor over the map; what it closes with is used here."""
        book, notice = load_rules(self.scene.session.store)
        if notice is not None:
            self.scene.nav.banner(notice_text(notice, self.lang))
        self.scene.nav.push(RuleEditorScene(self.scene.ctx, book, self.rule_done))

    def rule_done(self, rule: str | None, then: str) -> None:
        """The editor closed: a rule that compiles becomes "your rule" and is chosen; then step or race with it."""
        if rule is None:
            return
        self.climb.set_rule(rule)
        self.climb.choose("rule")
        if then in ("step", "five"):
            self.steps(FIVE if then == "five" else 1)
        elif then == "race":
            self.scene.handle(A.Action(A.RACE, text="rule"))
        else:
            self.scene.say("climb.chosen", climber=t("climb.name.rule", self.lang))

    @property
    def lang(self) -> str:
        return self.scene.env.lang

    def steps(self, count: int) -> None:
        """Up to `count` steps of the climber, each one probe through the scene; stops early with the reason."""
        game = self.scene.game
        if game.finished:
            self.scene.say("play.finished")
            return
        for _ in range(count):
            if game.finished:
                return
            before = len(game.probes)
            outcome = self.climb.step(game)
            if outcome.point is None:
                self.scene.say(f"climb.stop.{outcome.stop}")
                return
            self._stepping = True
            try:
                self.scene.handle(A.Action(A.PROBE, at=outcome.point))
            finally:
                self._stepping = False
            if len(game.probes) == before:  # refused (the scene said why)
                return
            if outcome.warning is not None:
                self.scene.say(f"climb.{outcome.warning}")
                return  # the learner should see where Newton jumped before going on

    def after_probe(self, probe: "Probe") -> None:
        if not self._stepping:
            self.climb.reset()  # a probe of the player's own: the climber starts afresh from there

    def frame_key(self) -> object:
        return (self.climb.climber, self.climb.gamma, self.climb.beta, self.expanded)

    # --- drawing ----------------------------------------------------------------------------------------------
    def labels(self) -> dict[str, str]:
        """Each button's words."""
        lang, c = self.lang, self.climb
        if not self.expanded:
            return {"open": t("climb.button.open", lang)}
        words = {"step": t("climb.button.step", lang), "five": t("climb.button.five", lang),
                 "climber": t(f"climb.name.{c.climber}", lang), "race": t("climb.editor.race", lang),
                 "gamma-": "γ−", "gamma+": "γ+", "beta-": "β−", "beta+": "β+"}
        if c.climber not in USES_BETA:
            words.pop("beta-")
            words.pop("beta+")
        if c.climber in ("newton", "rule"):
            words.pop("gamma-")
            words.pop("gamma+")
        words["close"] = t("climb.button.close", lang)
        return words

    def place(self, layout: "Layout") -> dict[str, pygame.Rect]:
        """The bar's buttons along the map's bottom-left edge (a touch target each)."""
        env = self.scene.env
        s = env.scale
        box = pygame.Rect(tuple(layout.map_rect))
        pad, gap, h = int(8 * s), int(6 * s), int(34 * s)
        x, y = box.x + int(AXIS_ROOM * s), box.bottom - int(AXIS_ROOM * s) - h  # clear of the axes' numbers
        boxes: dict[str, pygame.Rect] = {}
        for name, text in self.labels().items():
            w = max(int(44 * s), env.fonts.measure(text, "label")[0] + int(20 * s))
            if x + w > box.right - pad:
                break
            boxes[name] = pygame.Rect(x, y, w, h)
            x += w + gap
        return boxes

    def status(self) -> str:
        """γ and β as the climber uses them."""
        c, lang = self.climb, self.lang
        parts = []
        if c.climber not in ("newton", "rule"):
            parts.append(f"γ = {plain(c.gamma, lang)}")
        if c.climber in USES_BETA:
            parts.append(f"β = {plain(c.beta, lang)}")
        return "  ·  ".join(parts)

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        env = self.scene.env
        self._boxes = self.place(layout)
        intro = self.scene.intro_rect()
        if intro is not None and self._boxes and intro.colliderect(
                next(iter(self._boxes.values())).unionall(list(self._boxes.values())).inflate(0, 60 * env.scale)):
            self._boxes = {}  # the intro is read first: the bar waits (the keys still work)
            return
        labels = self.labels()
        for name, rect in self._boxes.items():
            draw_button(target, rect, labels[name], env.palette, env.fonts, primary=name == "step")
        status = self.status() if self.expanded else ""
        if status and self._boxes:  # on the bar's row, after its last button (not over the probes' labels)
            last = list(self._boxes.values())[-1]
            room = pygame.Rect(tuple(layout.map_rect)).right - last.right - int(12 * env.scale)
            if env.fonts.plate_rect(status, "label", (0, 0)).w <= room:
                env.fonts.draw(target, status, (last.right + int(6 * env.scale), last.centery), "label",
                               env.palette.plate_text, anchor="midleft", plate=env.palette.plate)


__all__ = ["ClimbTool"]
