"""The step-rule editor (J): write `dx = …` and `dy = …` with the inputs listed beside, errors at line and column.

Every edit arrives as an action (TEXT, ERASE, MOVE, …), so the on-screen keypad's buttons, a touch keypad or a
replay drive it like the keyboard. Tab / Shift+Tab load the shipped examples; Esc (or "Close") keeps the rule
and goes back to the map; "Climb", "×5" and "Race" use the rule there at once. The text is saved with the
player's progress (game/core/rule_store.py) whenever the editor closes."""

from __future__ import annotations

from typing import Any, Callable

import pygame

from game.core import actions as A
from game.core.rule_examples import EXAMPLES
from game.core.rule_store import RuleBook, save_rules
from game.core.text_buffer import TextBuffer
from game.text.catalog import t
from game.text.errors import error_text
from game.text.notices import notice_text
from game.ui.fonts import wrap
from game.ui.scenes.base import Context, Scene
from game.ui.widgets import draw_background, draw_button, hit
from surfaces.rule import compile_rule
from surfaces.rule_parse import MAX_RULE_LENGTH, RuleError

ACTIONS = ("step", "five", "race", "close")
INPUT_ROWS = (("x, y", "climb.editor.in.xy"), ("f", "climb.editor.in.f"), ("gx, gy", "climb.editor.in.g"),
              ("hxx, hxy, hyy", "climb.editor.in.h"), ("k", "climb.editor.in.k"), ("dx, dy", "climb.editor.in.d"),
              ("vx, m, …", "climb.editor.in.own"))
KEYPAD = ("x", "y", "f", "gx", "gy", "hxx", "hxy", "hyy", "k", "dx", "dy", "=", "+", "-", "*", "/", "^", "(", ")",
          "sqrt(", ".", "0", "1", "2", "5", "\n", "\b")
Close = Callable[[str | None, str], None]  # (the rule to use or None, then: "", "step", "five" or "race")


class RuleEditorScene(Scene):
    """The editor over the play scene; `on_close(rule, then)` runs on the map once it is closed."""

    def __init__(self, ctx: Context, book: RuleBook, on_close: Close, keypad: bool | None = None) -> None:
        super().__init__(ctx)
        self.book = book
        self.on_close = on_close
        self.buffer = TextBuffer(book.draft or book.rule or EXAMPLES[1][1], limit=MAX_RULE_LENGTH)
        self.example = -1  # the shipped example last loaded (-1: the learner's own text)
        self.keypad = self.env.touch if keypad is None else keypad
        self.clock = 0.0
        self.hover: str | None = None
        self.error: RuleError | None = None
        self._check()

    @property
    def text_mode(self) -> bool:
        return True

    # --- the rule ---------------------------------------------------------------------------------------------
    def _check(self) -> None:
        try:
            compile_rule(self.buffer.text)
            self.error = None
        except RuleError as error:
            self.error = error

    def error_words(self) -> str | None:
        """The error in the player's language: "line 2, column 6: unknown name 'gz' …"."""
        if self.error is None:
            return None
        code, lang = self.error.code, self.env.lang
        detail = (t(f"climb.rule.{code}", lang, name=self.error.name) if code
                  else error_text(self.error.detail, lang))
        return t("climb.editor.error_at", self.env.lang, line=self.error.line, column=self.error.column,
                 detail=detail)

    def finish(self, then: str = "") -> None:
        """Close: save the text (and the rule when it compiles), then let the map use it."""
        text = self.buffer.text
        self.book.draft = text
        if self.error is None:
            self.book.rule = text
        problem = save_rules(self.session.store, self.book)
        if problem is not None:
            self.nav.banner(notice_text(problem, self.env.lang))
        self.nav.pop()
        self.on_close(text if self.error is None else None, then if self.error is None else "")

    def load_example(self, step: int) -> None:
        """The next (step 1) or previous (-1) shipped example."""
        self.example = (self.example + (1 if step > 0 else -1)) % len(EXAMPLES)
        self.buffer.set(EXAMPLES[self.example][1])
        self._check()

    # --- input ------------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> None:
        kind, buffer = action.kind, self.buffer
        if kind == A.TEXT:
            buffer.insert(action.text)
        elif kind == A.CONFIRM:
            buffer.insert("\n")
        elif kind == A.ERASE:
            buffer.erase()
        elif kind == A.DELETE:
            buffer.delete()
        elif kind == A.MOVE:
            buffer.move(int(action.dx), int(action.dy))
        elif kind == A.HOME:
            buffer.home()
        elif kind == A.END:
            buffer.end()
        elif kind in (A.NEXT, A.PREV, A.PAGE):  # Tab / Shift+Tab: the shipped examples
            self.load_example(-1 if kind == A.PREV or action.dx < 0 else 1)
        elif kind == A.BACK:
            self.finish("")
            return
        elif kind == A.POINT and action.pos is not None:
            self.hover = hit(self.buttons(), action.pos)
            return
        elif kind == A.CLICK and action.pos is not None:
            self._click(action.pos)
            return
        else:
            return
        self._check()

    def _click(self, pos: tuple[int, int]) -> None:
        name = hit(self.buttons(), pos)
        if name is None:
            box = self.editor_box()
            if box.collidepoint(pos):
                self._place_caret(pos)
            return
        if name.startswith("example."):
            self.example = int(name.split(".")[1]) - 1
            self.load_example(1)
        elif name.startswith("key."):
            token = KEYPAD[int(name.split(".")[1])]
            self.handle(A.Action(A.ERASE) if token == "\b" else A.Action(A.CONFIRM) if token == "\n"
                        else A.Action(A.TEXT, text=token))
        elif name in ACTIONS and (self.error is None or name == "close"):  # a rule with a mistake cannot run
            self.finish("" if name == "close" else name)

    def _place_caret(self, pos: tuple[int, int]) -> None:
        fonts, (x0, y0, line_h) = self.fonts_for(self._scale()), self.text_origin()
        lines = self.buffer.lines()
        row = max(0, min(len(lines) - 1, (pos[1] - y0) // max(1, line_h)))
        line, col = lines[row], 0
        while col < len(line) and x0 + fonts.measure(line[:col + 1], "body")[0] <= pos[0]:
            col += 1
        self.buffer.caret = self.buffer.index(row, col)

    def update(self, dt: float) -> None:
        self.clock += dt

    def frame_key(self) -> object:
        return int(self.clock * 2) % 2

    # --- geometry ---------------------------------------------------------------------------------------------
    def _scale(self) -> float:
        return self.fit_scale(640 + (130 if self.keypad else 0), 1000)

    def editor_box(self) -> pygame.Rect:
        s = self._scale()
        width, _ = self.env.size
        margin = int(30 * s)
        w = min(int(600 * s), int((width - 3 * margin) * 0.6))
        return pygame.Rect(margin, int(90 * s), w, int(300 * s))

    def text_origin(self) -> tuple[int, int, int]:
        """(x, y, line height) of the first line of text in the editor box."""
        s, box = self._scale(), self.editor_box()
        fonts = self.fonts_for(s)
        return box.x + int(52 * s), box.y + int(12 * s), int(fonts.measure("Ag", "body")[1] * 1.15)

    def buttons(self) -> dict[str, pygame.Rect]:
        """Examples, the actions, and the keypad (when shown)."""
        s, box = self._scale(), self.editor_box()
        fonts = self.fonts_for(s)
        width, _ = self.env.size
        h, gap = int(40 * s), int(8 * s)
        boxes: dict[str, pygame.Rect] = {}
        x, y = box.x, box.bottom + int(86 * s)  # under three lines of error
        for i, (name, _) in enumerate(EXAMPLES):
            w = fonts.measure(t(f"climb.example.{name}", self.env.lang), "label")[0] + int(22 * s)
            if x + w > width - box.x:
                x, y = box.x, y + h + gap
            boxes[f"example.{i}"] = pygame.Rect(x, y, w, h)
            x += w + gap
        x, y = box.x, y + h + int(14 * s)
        for name in ACTIONS:
            w = max(int(110 * s), fonts.measure(t(f"climb.editor.{name}", self.env.lang), "body")[0] + int(28 * s))
            boxes[name] = pygame.Rect(x, y, w, h)
            x += w + gap
        if self.keypad:
            self._keypad(boxes, box.x, y + h + int(14 * s), width - 2 * box.x, s)
        return boxes

    def _keypad(self, boxes: dict[str, pygame.Rect], x0: int, y0: int, room: int, s: float) -> None:
        per_row = max(6, min(len(KEYPAD), room // int(62 * s)))
        w, h, gap = (room - (per_row - 1) * int(6 * s)) // per_row, int(44 * s), int(6 * s)
        for i in range(len(KEYPAD)):
            row, col = divmod(i, per_row)
            boxes[f"key.{i}"] = pygame.Rect(x0 + col * (w + gap), y0 + row * (h + gap), w, h)

    # --- drawing ----------------------------------------------------------------------------------------------
    def draw(self, target: pygame.Surface) -> None:
        env, s = self.env, self._scale()
        fonts, palette, lang = self.fonts_for(s), env.palette, env.lang
        draw_background(target, palette)
        box = self.editor_box()
        fonts.draw(target, t("climb.editor.title", lang), (box.x, int(24 * s)), "big", palette.panel_text)
        self._draw_text(target, fonts, box, s)
        y = box.bottom + int(8 * s)
        words = self.error_words() or t("climb.editor.ok", lang)
        for line in wrap(fonts, words, "body", box.w)[:3]:
            y = fonts.draw(target, line, (box.x, y), "body", palette.bad if self.error else palette.good).bottom
        self._draw_inputs(target, fonts, box, s)
        labels = {f"example.{i}": t(f"climb.example.{name}", lang) for i, (name, _) in enumerate(EXAMPLES)}
        labels.update({name: t(f"climb.editor.{name}", lang) for name in ACTIONS})
        special = {"\n": t("climb.editor.newline", lang), "\b": t("climb.editor.erase", lang)}
        labels.update({f"key.{i}": special.get(k, k) for i, k in enumerate(KEYPAD)})
        for name, rect in self.buttons().items():
            primary = name == "step" or name == f"example.{self.example}"
            draw_button(target, rect, labels[name], palette, fonts, primary=primary, hover=name == self.hover,
                        enabled=self.error is None or name not in ("step", "five", "race"))
        hint = t("climb.editor.hint", lang)
        fonts.draw(target, hint, (box.x, env.size[1] - int(10 * s)), "label", palette.muted_text,
                   anchor="bottomleft")

    def _draw_text(self, target: pygame.Surface, fonts: Any, box: pygame.Rect, s: float) -> None:
        palette = self.env.palette
        pygame.draw.rect(target, palette.panel, box, border_radius=int(8 * s))
        pygame.draw.rect(target, palette.bad if self.error else palette.accent, box, max(1, int(2 * s)),
                         border_radius=int(8 * s))
        x0, y0, line_h = self.text_origin()
        clip = target.get_clip()
        target.set_clip(box.inflate(-4, -4))
        err = self.buffer.row_col(self.error.position) if self.error is not None else None
        caret = self.buffer.row_col()
        for row, line in enumerate(self.buffer.lines()):
            y = y0 + row * line_h
            fonts.draw(target, str(row + 1), (x0 - int(14 * s), y), "body", palette.muted_text, anchor="topright")
            fonts.draw(target, line, (x0, y), "body", palette.panel_text)
            if err is not None and err[0] == row:
                ex = x0 + fonts.measure(line[:err[1]], "body")[0]
                ew = max(int(10 * s), fonts.measure(line[err[1]:err[1] + 1], "body")[0])
                pygame.draw.line(target, palette.bad, (ex, y + line_h - 2), (ex + ew, y + line_h - 2),
                                 max(2, int(3 * s)))
            if caret[0] == row and int(self.clock * 2) % 2 == 0:
                cx = x0 + fonts.measure(line[:caret[1]], "body")[0]
                pygame.draw.line(target, palette.accent, (cx, y), (cx, y + line_h - 4), max(1, int(2 * s)))
        target.set_clip(clip)

    def _draw_inputs(self, target: pygame.Surface, fonts: Any, box: pygame.Rect, s: float) -> None:
        palette, lang = self.env.palette, self.env.lang
        x, y = box.right + int(30 * s), box.y
        room = self.env.size[0] - x - int(20 * s)
        y = fonts.draw(target, t("climb.editor.inputs", lang), (x, y), "heading", palette.panel_text).bottom
        for names, key in INPUT_ROWS:
            y = fonts.draw(target, names, (x, y + int(6 * s)), "body", palette.accent).bottom
            for line in wrap(fonts, t(key, lang), "label", room):
                y = fonts.draw(target, line, (x + int(12 * s), y), "label", palette.muted_text).bottom


__all__ = ["RuleEditorScene", "EXAMPLES", "KEYPAD"]
