"""The optimiser race on the map (W): every climber from the same start, its own colour and path, animated.

A table shows steps, height and verdict. The race is played on copies of the level: the player's own game,
fog and score are untouched."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.core.autoclimb import CLIMBERS
from game.core.race import Racer, run_race, run_textbook
from game.text.catalog import t
from game.text.numbers import fmt_number
from game.ui.tools import PlayTool

if TYPE_CHECKING:
    from game.core.layout import Layout
    from game.ui.views.state import ViewState

LAB_RACE_BUDGET = 25  # probes per racer in lab mode (the Sandpit's budget)
STEP_SECONDS = 0.35  # one step of every racer per this many seconds
# Okabe–Ito colours (colour-blind safe), one per climber in autoclimb.CLIMBERS order
COLOURS = ((230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (204, 121, 167))


def colour_of(climber: str) -> tuple[int, int, int]:
    """A climber's colour, the same in every race."""
    return COLOURS[CLIMBERS.index(climber) % len(COLOURS)]


class RaceTool(PlayTool):
    """Shows (W) or hides the race; the climb tool's γ, β and rule are the racers' settings."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.racers: list[Racer] = []
        self.clock = 0.0
        self.names: tuple[str, ...] = tuple(scene.env.options.race)  # --race / ?race=: these climbers, raced at once
        self.pending = bool(self.names)

    @property
    def shown(self) -> bool:
        return bool(self.racers)

    def handle(self, action: A.Action) -> bool:
        if action.kind == A.RACE:
            if self.shown and action.text != "rule":
                self.racers = []
            elif self._scored():
                self.scene.say("climb.race.lab_only")
            else:
                self.start()
            return True
        if action.kind == A.BACK and self.shown:
            self.racers = []
            return True
        return False

    def _scored(self) -> bool:
        """True in a climb that is being scored: a race there would show heights the player never paid for (and
        where the summit is), so it is the lab's (lab mode, or a run started with --race)."""
        game = self.scene.game
        return not self.names and not game.finished and getattr(game.level, "mode", "play") != "lab"

    def view(self, state: "ViewState") -> "ViewState":
        """While the race shows, the Taylor plate at the cursor would cover the racers' start: it waits."""
        return dataclasses.replace(state, show_preview=False) if self.shown else state

    def start(self) -> None:
        """Run every climber now (pure, fast) and animate what they did."""
        from game.ui.tools.climb import ClimbTool

        climb = next((tool.climb for tool in self.scene.tools if isinstance(tool, ClimbTool)), None)
        game = self.scene.game
        # in lab mode the racers still claim and get verdicts (the lab's level refuses claims and has no budget):
        # the level's rules with the Sandpit's budget
        level = game.level
        if getattr(level, "mode", "play") == "lab":
            level = dataclasses.replace(level, mode="play", probes=min(level.probes, LAB_RACE_BUDGET))
        last = game.last
        start = (last.x, last.y) if last is not None else None
        gamma, beta, rule = (climb.gamma, climb.beta, climb.rule) if climb is not None else (0.2, 0.9, "dx=0;dy=0")
        if self.names:  # --race / ?race=: the command line's climbers, exactly as its JSON lines report them
            probes = tuple((p.x, p.y) for p in game.probes)
            self.racers = run_race(level, self.names, self.scene.env.options.rule or rule, probes)
        else:  # W: the textbook climbers with the player's γ, β and rule
            self.racers = run_textbook(level, start, gamma, beta, rule)
        self.clock = 0.0
        self.scene.intro.close()  # the table sits where the intro would

    @property
    def step(self) -> int:
        """How many steps every racer has shown so far."""
        return int(self.clock / STEP_SECONDS)

    def update(self, dt: float) -> None:
        if self.pending:
            self.pending = False
            self.start()
        if self.shown:
            self.clock += dt

    def frame_key(self) -> object:
        longest = max((len(r.game.probes) for r in self.racers), default=0)
        return (len(self.racers), min(self.step, longest))

    def rows(self) -> list[tuple[str, int, float | None, str | None]]:
        """(climber, steps shown, height reached, verdict once its path is all shown) per racer."""
        out = []
        for racer in self.racers:
            probes = racer.game.probes
            shown = min(len(probes), self.step + 1)
            done = shown >= len(probes)
            verdict = racer.game.verdict
            height = probes[shown - 1].value if shown else None
            out.append((racer.climber, max(0, shown - 1), height, verdict.kind if done and verdict else None))
        return out

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        if not self.shown or self.scene.intro_rect() is not None:  # the intro, re-opened, is read first
            return
        transform = self.scene.transform()
        s = self.scene.env.scale
        for racer in self.racers:
            colour = colour_of(racer.climber)
            probes = racer.game.probes[:self.step + 1]
            points = [transform.to_screen(p.x, p.y) for p in probes]
            if len(points) > 1:
                pygame.draw.lines(target, (16, 18, 24), False, points, max(3, int(5 * s)))
                pygame.draw.lines(target, colour, False, points, max(2, int(3 * s)))
            for i, point in enumerate(points):
                radius = int((6 if i == len(points) - 1 else 3.5) * s)
                pygame.draw.circle(target, (16, 18, 24), point, radius + max(1, int(s)))
                pygame.draw.circle(target, colour, point, radius)
        self._table(target, layout)

    def _table(self, target: pygame.Surface, layout: "Layout") -> None:
        env = self.scene.env
        fonts, palette, lang, s = env.fonts, env.palette, env.lang, env.scale
        box = pygame.Rect(tuple(layout.map_rect))
        rows = [(t(f"climb.name.{name}", lang), str(steps),
                 fmt_number(height, lang) if height is not None else "\u2014",
                 t(f"climb.verdict.{verdict}", lang) if verdict else "…")
                for name, steps, height, verdict in self.rows()]
        head = (t("climb.race.climber", lang), t("climb.race.steps", lang), t("climb.race.height", lang),
                t("climb.race.verdict", lang))
        gap, pad, dot = int(14 * s), int(10 * s), int(16 * s)
        widths = [max(fonts.measure(row[i], "label")[0] for row in (head, *rows)) for i in range(4)]
        line_h = fonts.measure("Ag", "label")[1] + int(4 * s)
        title = t("climb.race.title", lang)
        w = max(dot + sum(widths) + 3 * gap, fonts.measure(title, "body")[0]) + 2 * pad
        h = pad * 2 + fonts.measure(title, "body")[1] + line_h * (len(rows) + 1)
        plate = pygame.Rect(box.x + int(36 * s), box.y + int(10 * s), min(w, box.w - int(40 * s)), h)
        target.blit(fonts.plate(plate.w, plate.h, palette.plate, pad), plate)
        y = fonts.draw(target, title, (plate.x + pad, plate.y + pad), "body", palette.plate_text).bottom
        for r, row in enumerate((head, *rows)):
            x = plate.x + pad + dot
            ink = palette.muted_text if r == 0 else palette.plate_text
            if r:
                pygame.draw.circle(target, colour_of(self.racers[r - 1].climber), (plate.x + pad + dot // 3, y + line_h // 2), int(5 * s))
            for i, cell in enumerate(row):
                fonts.draw(target, cell, (x, y), "label", ink)
                x += widths[i] + gap
            y += line_h


__all__ = ["RaceTool", "COLOURS", "STEP_SECONDS"]
