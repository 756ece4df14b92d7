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
        self.scroll = 0  # the first line shown (the caret's line is always in view)
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
        self._follow()

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
        self._follow()

    def _click(self, pos: tuple[int, int]) -> None:
        name = hit(self.buttons(), pos)
        if name is None:
            box = self.editor_box()
            if box.collidepoint(pos):
                self._place_caret(pos)
            return
        if name == "example":
            self.load_example(1)
        elif name.startswith("example."):
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
        row = max(0, min(len(lines) - 1, self.scroll + (pos[1] - y0) // max(1, line_h)))
        line, col = lines[row], 0
        while col < len(line) and x0 + fonts.measure(line[:col + 1], "body")[0] <= pos[0]:
            col += 1
        self.buffer.caret = self.buffer.index(row, col)

    def update(self, dt: float) -> None:
        self.clock += dt
        self._follow()

    def _follow(self) -> None:
        """Scroll so that the caret's line shows."""
        _, y0, line_h = self.text_origin()
        rows = max(1, (self.editor_box().bottom - y0) // max(1, line_h))
        row, _ = self.buffer.row_col()
        self.scroll = min(max(self.scroll, row - rows + 1), row)

    def frame_key(self) -> object:
        return int(self.clock * 2) % 2

    # --- geometry ---------------------------------------------------------------------------------------------
    def _scale(self) -> float:
        return self.fit_scale(560 + (150 if self.keypad else 0), 900)  # title, box, error, buttons, keypad, hint

    def narrow(self, s: float) -> bool:
        """True when the inputs do not fit beside the editor: they go in one line under the title."""
        return self.env.size[0] < int(900 * s)

    def _column(self, s: float) -> tuple[int, int]:
        """(left margin, width) of the editor's column: the box, the buttons and the keypad."""
        margin = int(24 * s)
        width = self.env.size[0] - 2 * margin
        return margin, width if self.narrow(s) else min(int(600 * s), int((width - margin) * 0.6))

    def _top(self, s: float, width: int) -> int:
        """Where the editor box starts: under the title (and in narrow windows the inputs' line)."""
        top = int(70 * s)
        if self.narrow(s):
            fonts = self.fonts_for(s)
            top += len(wrap(fonts, t("climb.editor.inputs_short", self.env.lang), "label", width)) * \
                fonts.measure("Ag", "label")[1] + int(8 * s)
        return top

    def _compact(self, s: float, width: int) -> bool:
        """True when five example buttons would leave the editor fewer than six lines: one cycling button."""
        room = self.env.size[1] - self._top(s, width) - self._below(s, width, compact=False)
        return room < 6 * self.fonts_for(s).measure("Ag", "body")[1] * 1.15 + int(16 * s)

    def _flow(self, s: float, width: int, compact: bool | None = None) -> list[list[tuple[str, int]]]:
        """The buttons' (name, width) in rows of `width`: the five examples (one cycling button when room is
        short), then the actions."""
        fonts, gap = self.fonts_for(s), int(8 * s)
        compact = self._compact(s, width) if compact is None else compact
        names = ["example"] if compact else [f"example.{i}" for i in range(len(EXAMPLES))] + ["|"]
        rows: list[list[tuple[str, int]]] = [[]]
        used = 0
        for name in names + list(ACTIONS):
            if name == "|":
                rows.append([])
                used = 0
                continue
            w = max(int(90 * s), fonts.measure(self.label(name), "label")[0] + int(24 * s))
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0
            rows[-1].append((name, w))
            used += w + gap
        return rows

    def label(self, name: str) -> str:
        """A button's words."""
        lang = self.env.lang
        if name == "example":
            following = EXAMPLES[(self.example + 1) % len(EXAMPLES)][0]
            return t("climb.editor.next_example", lang, name=t(f"climb.example.{following}", lang))
        if name == "example":
            self.load_example(1)
        elif name.startswith("example."):
            return t(f"climb.example.{EXAMPLES[int(name.split('.')[1])][0]}", lang)
        if name.startswith("key."):
            token = KEYPAD[int(name.split(".")[1])]
            return {"\n": t("climb.editor.newline", lang), "\b": t("climb.editor.erase", lang)}.get(token, token)
        return t(f"climb.editor.{name}", lang)

    def error_lines(self, s: float) -> int:
        """Lines the error message may take (two in narrow windows)."""
        return 2 if self.narrow(s) else 3

    def _keypad_rows(self, s: float, width: int) -> tuple[int, int]:
        """(keys per row, rows) of the keypad in `width`."""
        per_row = max(6, min(len(KEYPAD), width // int(52 * s)))
        return per_row, -(-len(KEYPAD) // per_row)

    def _below(self, s: float, width: int, compact: bool | None = None) -> int:
        """Screen px under the editor box: error lines, the buttons, the keypad and the hint."""
        fonts = self.fonts_for(s)
        error = self.error_lines(s) * fonts.measure("Ag", "body")[1] + int(12 * s)
        buttons = len(self._flow(s, width, compact)) * int(48 * s)
        keypad = self._keypad_rows(s, width)[1] * int(46 * s) + int(6 * s) if self.keypad else 0
        return error + buttons + keypad + fonts.measure("Ag", "label")[1] + int(16 * s)

    def editor_box(self) -> pygame.Rect:
        s = self._scale()
        margin, w = self._column(s)
        top = self._top(s, w)
        room = self.env.size[1] - top - self._below(s, w)  # the box takes what the rest leaves
        return pygame.Rect(margin, top, w, max(int(80 * s), min(int(300 * s), room)))

    def text_origin(self) -> tuple[int, int, int]:
        """(x, y, line height) of the first line of text in the editor box."""
        s, box = self._scale(), self.editor_box()
        fonts = self.fonts_for(s)
        return box.x + int(44 * s), box.y + int(8 * s), int(fonts.measure("Ag", "body")[1] * 1.15)

    def buttons(self) -> dict[str, pygame.Rect]:
        """Examples, the actions, and the keypad (when shown)."""
        s, box = self._scale(), self.editor_box()
        fonts = self.fonts_for(s)
        h, gap = int(40 * s), int(8 * s)
        boxes: dict[str, pygame.Rect] = {}
        y = box.bottom + self.error_lines(s) * fonts.measure("Ag", "body")[1] + int(12 * s)  # under the error
        for row in self._flow(s, box.w):
            x = box.x
            for name, w in row:
                boxes[name] = pygame.Rect(x, y, w, h)
                x += w + gap
            y += h + gap
        if self.keypad:
            self._keypad(boxes, box.x, y, box.w, s)
        return boxes

    def _keypad(self, boxes: dict[str, pygame.Rect], x0: int, y0: int, room: int, s: float) -> None:
        per_row, _ = self._keypad_rows(s, room)
        w, h, gap = (room - (per_row - 1) * int(6 * s)) // per_row, int(40 * s), int(6 * s)
        for i in range(len(KEYPAD)):
            row, col = divmod(i, per_row)
            boxes[f"key.{i}"] = pygame.Rect(x0 + col * (w + gap), y0 + row * (h + gap), w, h)

    # --- drawing ----------------------------------------------------------------------------------------------
    def draw(self, target: pygame.Surface) -> None:
        env, s = self.env, self._scale()
        fonts, palette, lang = self.fonts_for(s), env.palette, env.lang
        draw_background(target, palette)
        box = self.editor_box()
        fonts.draw(target, t("climb.editor.title", lang), (box.x, int(14 * s)), "big", palette.panel_text)
        self._draw_text(target, fonts, box, s)
        y = box.bottom + int(6 * s)
        words = self.error_words() or t("climb.editor.ok", lang)
        for line in wrap(fonts, words, "body", box.w)[:self.error_lines(s)]:
            y = fonts.draw(target, line, (box.x, y), "body", palette.bad if self.error else palette.good).bottom
        self._draw_inputs(target, fonts, box, s)
        bottom = y
        for name, rect in self.buttons().items():
            primary = name == "step" or name == f"example.{self.example}"
            draw_button(target, rect, self.label(name), palette, fonts, primary=primary, hover=name == self.hover,
                        enabled=self.error is None or name not in ("step", "five", "race"))
            bottom = max(bottom, rect.bottom)
        hint = wrap(fonts, t("climb.editor.hint", lang), "label", env.size[0] - 2 * box.x)
        line_h = fonts.measure("Ag", "label")[1]
        if env.size[1] - int(6 * s) - line_h * len(hint) >= bottom:  # only where it has room
            for i, line in enumerate(reversed(hint)):
                fonts.draw(target, line, (box.x, env.size[1] - int(6 * s) - i * line_h), "label",
                           palette.muted_text, anchor="bottomleft")

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
            y = y0 + (row - self.scroll) * line_h
            if row < self.scroll:
                continue
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
        if self.narrow(s):
            y = box.y - int(8 * s)
            lines = wrap(fonts, t("climb.editor.inputs_short", lang), "label", box.w)
            for i, line in enumerate(reversed(lines)):
                fonts.draw(target, line, (box.x, y - i * fonts.measure("Ag", "label")[1]), "label", palette.accent,
                           anchor="bottomleft")
            return
        x, y = box.right + int(30 * s), box.y
        room = self.env.size[0] - x - int(20 * s)
        y = fonts.draw(target, t("climb.editor.inputs", lang), (x, y), "heading", palette.panel_text).bottom
        for names, key in INPUT_ROWS:
            y = fonts.draw(target, names, (x, y + int(6 * s)), "body", palette.accent).bottom
            for line in wrap(fonts, t(key, lang), "label", room):
                y = fonts.draw(target, line, (x + int(12 * s), y), "label", palette.muted_text).bottom


__all__ = ["RuleEditorScene", "EXAMPLES", "KEYPAD"]
