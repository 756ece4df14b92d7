"""Freeze → everyone predicts → reveal, on the play map: marks A–D, a question, the answers at once.

The teacher marks up to four points (click, or cursor + Space), Q changes the question, Enter shows the heights,
arrows and Taylor predictions at all of them at once next to the question, Esc leaves."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.core.freeze import QUESTION_POINT, Answer, Freeze, answers, highest, LETTERS
from game.text.catalog import t
from game.text.numbers import fmt_number
from game.text.verdicts import compass_word
from game.ui.fonts import wrap
from game.ui.views import glyphs

if TYPE_CHECKING:
    from game.core.layout import Layout

MARK_RADIUS = 14  # logical px: a click this close to a marked point takes it away again
PASS_THROUGH = (A.MOVE, A.POINT, A.HELP, A.FULLSCREEN, A.TOGGLE, A.AXES, A.RESIZE, A.QUIT, A.PAGE)


class FreezeMode:
    """The freeze over a play scene: marks, the question, the answers; `active` while it shows."""

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.freeze = Freeze()
        self._answers: list[Answer] | None = None

    @property
    def answered(self) -> bool:
        """True while the answers show (after Enter, until the next question)."""
        return self._answers is not None

    def handle(self, action: A.Action) -> bool:
        """Act on `action` while frozen; False for what the scene still does (the cursor, help, overlays)."""
        kind = action.kind
        if kind in PASS_THROUGH:
            return False
        if kind == A.PROBE:
            self._mark(self.scene.cursor)
        elif kind == A.CLICK and action.pos is not None and self.scene.transform().contains_screen(*action.pos):
            self._mark(self.scene.lattice.snap(*self.scene.transform().to_world(*action.pos)))
        elif kind == A.QUESTION:
            self.freeze.next_question()
            self._answers = None
        elif kind == A.CONFIRM:
            if self.freeze.reveal():
                self._answers = answers(self.scene.game, self.freeze.points)
            else:
                self.scene.say("class.freeze_mark_first")
        elif kind == A.UNDO and self.freeze.points and not self.freeze.revealed:
            self.freeze.points.pop()
        return True

    def _mark(self, point: tuple[float, float]) -> None:
        transform = self.scene.transform()
        near = MARK_RADIUS * self.scene.env.scale / max(1e-9, abs(transform.sx))
        outcome = self.freeze.mark(point[0], point[1], near)
        if outcome == "full":
            self.scene.say("class.freeze_full")
        elif outcome == "revealed":
            self.scene.say("class.freeze_revealed")

    def frame_key(self) -> object:
        """What the freeze shows."""
        return tuple(self.freeze.points), self.freeze.question, self.freeze.revealed

    # --- drawing ------------------------------------------------------------------------------------------
    def question_text(self, lang: str) -> str:
        """The question, naming its point (A, B) when it is about one."""
        code = self.freeze.question_code
        index = QUESTION_POINT[code]
        letter = LETTERS[index] if index is not None else ""
        return t(f"class.q.{code}", lang, point=letter)

    def answer_lines(self, lang: str) -> list[str]:
        """One line per marked point: its height, where the gradient points, T₁ (and T₂) from the latest probe."""
        found = self._answers or []
        top = highest(found)
        lines = []
        for index, a in enumerate(found):
            if not math.isfinite(a.value):
                lines.append(t("class.a.undefined", lang, point=a.letter))
                continue
            key = "class.a.line2" if a.order2 is not None else "class.a.line"
            mark = " " + t("class.a.highest", lang) if index == top else ""  # beside the height it is about
            line = t(key, lang, point=a.letter, height=fmt_number(a.value, lang) + mark,
                     direction=compass_word(a.direction, lang),
                     t1=fmt_number(a.order1, lang) if a.order1 is not None else "–",
                     t2=fmt_number(a.order2, lang) if a.order2 is not None else "–")
            lines.append(line)
        return lines

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        env = self.scene.env
        transform = self.scene.transform()
        view = env.play_view()
        map_rect = pygame.Rect(tuple(layout.map_rect))
        clip = target.get_clip()
        target.set_clip(map_rect)
        found = {a.letter: a for a in (self._answers or [])}
        for letter, (x, y) in zip(LETTERS, self.freeze.points):
            pos = transform.to_screen(x, y)
            answer = found.get(letter)
            if answer is not None and view.arrow_scale is not None and math.isfinite(answer.value):
                gx, gy = answer.gradient
                norm = math.hypot(gx, gy)
                if norm > 0:
                    direction = (gx / norm * transform.sx, -gy / norm * transform.sy)
                    glyphs.draw_arrow(target, pos, direction, view.arrow_scale.length(norm), env.palette, env.scale)
            self._draw_mark(target, pos, letter, answer)
        target.set_clip(clip)
        self._draw_question(target, pygame.Rect(tuple(layout.hud_rect)))

    def _draw_mark(self, target: pygame.Surface, pos: tuple[float, float], letter: str, answer: Answer | None) -> None:
        env = self.scene.env
        pal, s = env.palette, env.scale
        radius = int(13 * s)
        centre = (int(round(pos[0])), int(round(pos[1])))
        pygame.draw.circle(target, pal.arrow_outline, centre, radius + int(2 * s))
        pygame.draw.circle(target, pal.accent, centre, radius)
        env.fonts.draw(target, letter, centre, "label", pal.arrow_outline, anchor="center")
        if answer is not None and math.isfinite(answer.value):
            text = f"{letter}: {fmt_number(answer.value, env.lang)}"
            bounds = target.get_clip()
            rect = env.fonts.plate_rect(text, "small", (centre[0] + radius + 4 * s, centre[1] - radius), "bottomleft")
            if rect.right > bounds.right:  # at the map's right edge the label goes to the left of the mark
                rect.bottomright = (int(centre[0] - radius - 4 * s), int(centre[1] - radius))
            env.fonts.draw(target, text, rect.topleft, "small", pal.plate_text, plate=pal.plate)

    def _draw_question(self, target: pygame.Surface, panel: pygame.Rect) -> None:
        """Over the panel: the question, the answers under it once revealed, and what the keys do."""
        env = self.scene.env
        fonts, pal, lang = env.fonts, env.palette, env.lang
        pad = int(12 * env.scale)
        width = panel.w - 2 * pad
        pygame.draw.rect(target, pal.panel, panel)
        lines = [(line, "heading", pal.accent) for line in wrap(fonts, self.question_text(lang), "heading", width)]
        if self.freeze.revealed:
            for answer in self.answer_lines(lang):
                lines += [(line, "body", pal.panel_text) for line in wrap(fonts, answer, "body", width)]
                lines.append(("", "small", pal.panel_text))
        hint = t("class.freeze_hint_open" if self.freeze.revealed else "class.freeze_hint", lang,
                 count=len(self.freeze.points))
        y = panel.y + pad
        for line, size, colour in lines:
            y = (fonts.draw(target, line, (panel.x + pad, y), size, colour).bottom if line
                 else y + fonts.px(size) // 2)
        hints = wrap(fonts, hint, "small", width)
        y = max(y + pad, panel.bottom - pad - sum(fonts.measure(line, "small")[1] for line in hints))
        for line in hints:
            y = fonts.draw(target, line, (panel.x + pad, y), "small", pal.muted_text).bottom
