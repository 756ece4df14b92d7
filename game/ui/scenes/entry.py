"""The entry scene: type your own surface f(x, y) or a class code; errors show inline with a caret.

The class-code field opens with a fresh valid code, selected: a teacher hands it out as it is (Enter plays),
a student types the code they were given over it.  Tab or the "New code" button draws another one.
"""

from __future__ import annotations

from typing import Any

import pygame

import surfaces
from game.core import actions as A
from game.core import levels
from game.text.catalog import t
from game.text.errors import error_text, one_based
from game.ui.fonts import wrap
from game.ui.keypad import keypad_for
from game.ui.scenes.base import Context, Scene
from game.ui.palette import shade
from game.ui.widgets import draw_background, draw_button, hit

MAX_LENGTH = {"expr": 300, "code": 40}
FIELD_W = 900  # logical px of the text field (narrower windows shrink it)


class EntryScene(Scene):
    """mode "expr": a formula in x and y; mode "code": a class code such as PEAK-4821-B. Enter plays, Esc goes back."""

    def __init__(self, ctx: Context, mode: str, text: str = "") -> None:
        super().__init__(ctx)
        if mode not in MAX_LENGTH:
            raise ValueError(f"entry mode must be 'expr' or 'code', not {mode!r}")
        self.mode = mode
        self.text = text
        self.caret = len(text)
        self.error: str | None = None
        self.error_at: int | None = None  # 0-based character index the error points at
        self.clock = 0.0
        self.hover: str | None = None
        self.selected = False  # the whole text is selected: typing replaces it, Backspace clears it
        self.keypad = keypad_for(mode, self.env.lang)  # on-screen keys (touch); taps become this scene's actions
        self.keys_chosen: bool | None = None  # the player's choice (the Keypad button); None: keys while touching
        if mode == "code" and not text:
            self.fresh_code()

    @property
    def text_mode(self) -> bool:
        return True

    # --- geometry -----------------------------------------------------------------------------------------
    def _scale(self) -> float:
        return self.fit_scale(520, FIELD_W + 80)

    @property
    def keys_shown(self) -> bool:
        """Whether the on-screen keypad shows: on a touch screen unless hidden, or when asked for."""
        return self.env.touch if self.keys_chosen is None else self.keys_chosen

    def field(self) -> pygame.Rect:
        s = self._scale()
        width, height = self.env.size
        w = min(int(FIELD_W * s), width - int(60 * s))
        top = int(72 * s) if self.keys_shown else int(height * 0.36)  # the keys take the lower part
        return pygame.Rect((width - w) // 2, top, w, int(64 * s))

    def keys_area(self) -> pygame.Rect:
        """Where the keypad goes: under the field and its error line, to the foot of the window."""
        s = self._scale()
        field = self.field()
        top = field.bottom + int(64 * s)
        width = min(field.w, int(760 * s))
        return pygame.Rect(field.centerx - width // 2, top, width, self.env.size[1] - top - int(10 * s))

    def buttons(self) -> dict[str, pygame.Rect]:
        s = self._scale()
        field = self.field()
        w, h, gap = int(200 * s), int(52 * s), int(16 * s)
        toggle = {"keys": pygame.Rect(self.env.size[0] - int(150 * s), int(8 * s), int(140 * s), int(52 * s))}
        if self.keys_shown:  # the keypad has its own Back, New and OK keys
            return toggle
        y = field.bottom + int(170 * s)
        if self.mode == "code":  # Back · New code · Play
            return {"back": pygame.Rect(field.centerx - w // 2 - gap - w, y, w, h),
                    "new": pygame.Rect(field.centerx - w // 2, y, w, h),
                    "play": pygame.Rect(field.centerx + w // 2 + gap, y, w, h)} | toggle
        return {"play": pygame.Rect(field.centerx + gap // 2, y, w, h),
                "back": pygame.Rect(field.centerx - gap // 2 - w, y, w, h)} | toggle

    def fresh_code(self) -> None:
        """Fill the field with a new valid class code, selected."""
        self.text = surfaces.new_code()
        self.caret = len(self.text)
        self.selected = True
        self._edited()

    def _take_selection(self) -> bool:
        """Drop a selected text (typing or erasing replaces it); True when there was one."""
        if not self.selected:
            return False
        self.text, self.caret, self.selected = "", 0, False
        return True

    # --- input --------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind == A.CLICK and action.pos is not None and self.keys_shown:
            self.keypad.place(self.keys_area(), self._scale())
            tapped = self.keypad.action_at(action.pos)
            if tapped is not None:
                self.handle(tapped)
                return
        if kind == A.KEYPAD:
            self.keys_chosen = not self.keys_shown
        elif kind == A.TEXT:
            self._take_selection()
            room = MAX_LENGTH[self.mode] - len(self.text)
            typed = action.text[:max(0, room)]
            self.text = self.text[:self.caret] + typed + self.text[self.caret:]
            self.caret += len(typed)
            self._edited()
        elif kind in (A.ERASE, A.DELETE) and self._take_selection():
            self._edited()
        elif kind == A.ERASE and self.caret > 0:
            self.text = self.text[:self.caret - 1] + self.text[self.caret:]
            self.caret -= 1
            self._edited()
        elif kind == A.DELETE and self.caret < len(self.text):
            self.text = self.text[:self.caret] + self.text[self.caret + 1:]
            self._edited()
        elif kind == A.MOVE and action.dx and self.selected:  # like any text field: the caret goes to that end
            self.selected = False
            self.caret = 0 if action.dx < 0 else len(self.text)
        elif kind == A.MOVE and action.dx:
            self.caret = max(0, min(len(self.text), self.caret + (1 if action.dx > 0 else -1)))
        elif kind in (A.HOME, A.END):
            self.selected = False
            self.caret = 0 if kind == A.HOME else len(self.text)
        elif kind in (A.NEXT, A.PREV) and self.mode == "code":
            self.fresh_code()
        elif kind == A.CONFIRM:
            self.submit()
        elif kind == A.BACK:
            self.nav.pop()
        elif kind == A.HELP:
            self.nav.push(self.routes.help())
        elif kind in (A.POINT, A.CLICK) and action.pos is not None:
            self.hover = hit(self.buttons(), action.pos)
            if kind == A.CLICK and self.hover == "play":
                self.submit()
            elif kind == A.CLICK and self.hover == "back":
                self.nav.pop()
            elif kind == A.CLICK and self.hover == "new":
                self.fresh_code()
            elif kind == A.CLICK and self.hover == "keys":
                self.handle(A.Action(A.KEYPAD))
            elif kind == A.CLICK and self.field().collidepoint(action.pos):
                self.selected = False  # a click into the field edits the code instead of replacing it
                self.caret = len(self.text)

    def _edited(self) -> None:
        self.error = None
        self.error_at = None

    def submit(self) -> None:
        """Build the level and play it, or show what is wrong."""
        text = self.text.strip()
        if not text:
            self.error, self.error_at = t("entry.empty", self.env.lang), None
            return
        try:
            if self.mode == "expr":
                level = levels.expression_level(text)
            else:
                level = levels.code_level(text, lambda code: t("level.seed", self.env.lang, code=code))
        except surfaces.ExpressionError as error:
            offset = len(self.text) - len(self.text.lstrip())  # positions refer to the stripped text
            self.error = error_text(one_based(str(error), offset), self.env.lang)  # in the typed text, from 1
            self.error_at = min(len(self.text), error.position + offset)  # the caret index counts from 0
            self.caret = self.error_at
            return
        except ValueError as error:
            self.selected = False
            self.error, self.error_at = error_text(str(error), self.env.lang), None
            if self.mode == "code":  # point at the first character a class code cannot have
                bad = next((i for i, ch in enumerate(self.text) if not (ch.isascii() and (ch.isalnum() or ch in "- "))),
                           None)
                self.error_at = bad
            return
        self.nav.show(self.routes.play(level))

    def update(self, dt: float) -> None:
        self.clock += dt

    def frame_key(self) -> object:
        """The caret's blink phase (two changes a second; none while the text is selected)."""
        return None if self.selected else int(self.clock * 2) % 2

    # --- drawing ------------------------------------------------------------------------------------------
    def _visible_from(self, fonts: Any, width: int) -> int:
        """First character shown, so that the caret stays inside the field: the first start whose text up to the
        caret fits, found by bisection (a 300-character formula took 137 renders, 300 ms a frame, one at a time)."""
        def too_wide(start: int) -> bool:
            return fonts.measure(self.text[start:self.caret], "heading")[0] > width

        low, high = 0, self.caret
        while low < high:
            middle = (low + high) // 2
            low, high = (middle + 1, high) if too_wide(middle) else (low, middle)
        while low < self.caret and too_wide(low):  # typeset maths need not shrink with every character cut
            low += 1
        return low

    def draw(self, target: pygame.Surface) -> None:
        env = self.env
        palette, lang = env.palette, env.lang
        s = self._scale()
        fonts = self.fonts_for(s)
        draw_background(target, palette)
        width, _ = env.size
        field = self.field()
        if not self.keys_shown:
            fonts.draw(target, t(f"entry.{self.mode}.title", lang), (width // 2, field.y - int(90 * s)), "big",
                       palette.panel_text, anchor="midbottom")
        fonts.draw(target, t(f"entry.{self.mode}.prompt", lang), (field.x, field.y - int(8 * s)), "body",
                   palette.muted_text, anchor="bottomleft")
        start = self._draw_field(target, fonts, s)
        self._draw_below(target, fonts, s, start)

    def _draw_field(self, target: pygame.Surface, fonts: Any, s: float) -> int:
        """The field, its text (selected or with the caret); returns the first character shown."""
        palette, field = self.env.palette, self.field()
        pygame.draw.rect(target, palette.panel, field, border_radius=int(8 * s))
        pygame.draw.rect(target, palette.bad if self.error else palette.accent, field, max(1, int(2 * s)),
                         border_radius=int(8 * s))
        pad = int(14 * s)
        inner_w = field.w - 2 * pad
        start = self._visible_from(fonts, inner_w - int(10 * s))
        shown = self.text[start:]
        baseline_y = field.centery
        clip = target.get_clip()
        target.set_clip(field.inflate(-pad, -4))
        if self.selected and shown:
            text_w, text_h = fonts.measure(shown, "heading")
            pygame.draw.rect(target, shade(palette.good, 0.45),
                             (field.x + pad - 2, baseline_y - text_h // 2, text_w + 4, text_h))
        fonts.draw(target, shown, (field.x + pad, baseline_y), "heading", palette.panel_text, anchor="midleft")
        caret_x = field.x + pad + fonts.measure(self.text[start:self.caret], "heading")[0]
        if int(self.clock * 2) % 2 == 0 and not self.selected:
            half = fonts.measure("Ag", "heading")[1] // 2
            pygame.draw.line(target, palette.accent, (caret_x, baseline_y - half), (caret_x, baseline_y + half),
                             max(1, int(2 * s)))
        target.set_clip(clip)
        return start

    def _draw_below(self, target: pygame.Surface, fonts: Any, s: float, start: int) -> None:
        """The error under the field, then the keypad or the help lines, the buttons and the hint."""
        env, field = self.env, self.field()
        palette, lang, width = env.palette, env.lang, env.size[0]
        pad = int(14 * s)
        y = field.bottom + int(10 * s)
        if self.error:
            if self.error_at is not None and self.error_at >= start:
                at_x = field.x + pad + fonts.measure(self.text[start:self.error_at], "heading")[0]
                char_w = fonts.measure(self.text[self.error_at:self.error_at + 1] or " ", "heading")[0]
                tip = (at_x + char_w // 2, field.bottom + int(2 * s))
                size = int(9 * s)
                pygame.draw.polygon(target, palette.bad, [tip, (tip[0] - size, tip[1] + size * 1.4),
                                                          (tip[0] + size, tip[1] + size * 1.4)])
                y += int(12 * s)
            for line in wrap(fonts, self.error, "body", field.w):
                y = fonts.draw(target, line, (field.x, y), "body", palette.bad).bottom
            y += int(8 * s)
        labels = {"play": "menu.play", "back": "entry.back", "new": "entry.code.new",
                  "keys": "access.keypad.hide" if self.keys_shown else "access.keypad.show"}
        for name, rect in self.buttons().items():
            primary = name == self.hover or name == "play"
            draw_button(target, rect, t(labels[name], lang), palette, fonts, primary=primary)
        if self.keys_shown:
            self.keypad.place(self.keys_area(), s)
            self.keypad.draw(target, fonts, palette)
            return
        for key in (f"entry.{self.mode}.help", f"entry.{self.mode}.example"):
            for line in wrap(fonts, t(key, lang, functions=" ".join(surfaces.FUNCTION_NAMES)), "label", field.w):
                y = fonts.draw(target, line, (field.x, y), "label", palette.muted_text).bottom
        hint = t("entry.code.hint" if self.mode == "code" else "entry.hint", lang)
        fonts.draw(target, hint, (width // 2, self.buttons()["play"].bottom + int(24 * s)), "label",
                   palette.muted_text, anchor="midtop")


__all__ = ["EntryScene"]
