"""The "Your data" scene: type or paste two columns (x, y), choose the fit, and climb its loss landscape.

Keys: typing and Backspace edit the text (the caret stays at its end), Enter starts a new line, Ctrl+V pastes,
Tab (Shift+Tab) chooses the fit, Shift+Enter or the Play button plays, Esc goes back. "Example" fills in a data set.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.core import actions as A
from game.core.fit import model_level
from game.text.catalog import t
from game.text.models import data_error
from game.ui.fonts import wrap
from game.ui.scenes.base import Context, Scene
from game.ui.widgets import draw_background, draw_button, hit
from surfaces.data import DataError, parse_points
from surfaces.models import KINDS

MAX_CHARS = 200_000  # about 10 000 rows of two short numbers
AREA_W, AREA_LINES = 760, 9  # logical px wide; lines of the text area


def example(kind: str) -> str:
    """A small data set that suits the fit (fixed, so the screen looks the same every time)."""
    rng = np.random.default_rng({"line": 1, "neuron": 2, "exp": 3}[kind])
    if kind == "line":
        x = np.round(np.linspace(-2, 3, 12), 2)
        y = np.round(0.8 * x + 0.5 + rng.normal(0, 0.3, x.size), 2)
    elif kind == "neuron":
        x = np.round(np.sort(rng.uniform(-3, 3, 16)), 2)
        y = (rng.uniform(size=x.size) < 1 / (1 + np.exp(-(1.5 * x - 0.5)))).astype(int)
    else:
        x = np.round(np.linspace(0, 5, 12), 2)
        y = np.round(3 * np.exp(-0.6 * x) + rng.normal(0, 0.05, x.size), 3)
    return "x, y\n" + "".join(f"{a:g}, {b:g}\n" for a, b in zip(x, y))


class DataScene(Scene):
    """A multi-line text area of two columns, the fit (line, neuron, exp) and Play; errors name line and column."""

    def __init__(self, ctx: Context, text: str = "") -> None:
        super().__init__(ctx)
        self.text = text
        self.fit = KINDS[0]
        self.error: str | None = None
        self.clock = 0.0
        self.hover: str | None = None

    @property
    def text_mode(self) -> bool:
        return True

    # --- geometry -----------------------------------------------------------------------------------------
    def _scale(self) -> float:
        return self.fit_scale(640, AREA_W + 80)

    def area(self) -> pygame.Rect:
        s = self._scale()
        width, height = self.env.size
        w = min(int(AREA_W * s), width - int(60 * s))
        line = self.fonts_for(s).measure("Ag", "body")[1]
        return pygame.Rect((width - w) // 2, int(150 * s), w, AREA_LINES * line + int(16 * s))

    def buttons(self) -> dict[str, pygame.Rect]:
        s = self._scale()
        area = self.area()
        w, h, gap = int(150 * s), int(48 * s), int(12 * s)
        y = area.bottom + int(16 * s)
        fonts = self.fonts_for(s)
        fit_w = max([w] + [fonts.measure(t(f"model.fit.{kind}", self.env.lang), "body")[0] + int(32 * s)
                           for kind in KINDS])  # every label inside its button
        out = {kind: pygame.Rect(area.x + i * (fit_w + gap), y, fit_w, h) for i, kind in enumerate(KINDS)}
        y2 = y + h + int(110 * s)
        out["back"] = pygame.Rect(area.x, y2, w, h)
        out["example"] = pygame.Rect(area.centerx - w // 2, y2, w, h)
        out["play"] = pygame.Rect(area.right - w, y2, w, h)
        return out

    # --- input --------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> None:
        kind = action.kind
        if kind == A.TEXT:
            self._type(action.text)
        elif kind == A.PASTE:
            self._type(_clipboard())
        elif kind == A.CONFIRM and action.fine:
            self.submit()
        elif kind == A.CONFIRM:
            self._type("\n")
        elif kind == A.ERASE and self.text:
            self.text = self.text[:-1]
            self.error = None
        elif kind in (A.NEXT, A.PREV):
            step = 1 if kind == A.NEXT else -1
            self.fit = KINDS[(KINDS.index(self.fit) + step) % len(KINDS)]
            self.error = None
        elif kind == A.BACK:
            self.nav.pop()
        elif kind == A.HELP:
            self.nav.push(self.routes.help())
        elif kind in (A.POINT, A.CLICK) and action.pos is not None:
            self.hover = hit(self.buttons(), action.pos)
            if kind == A.CLICK and self.hover is not None:
                self._press(self.hover)

    def _press(self, name: str) -> None:
        if name in KINDS:
            self.fit, self.error = name, None
        elif name == "play":
            self.submit()
        elif name == "back":
            self.nav.pop()
        elif name == "example":
            self.text, self.error = example(self.fit), None

    def _type(self, typed: str) -> None:
        typed = typed.replace("\r\n", "\n").replace("\r", "\n")
        typed = "".join(ch for ch in typed if ch.isprintable() or ch in "\n\t")
        self.text = (self.text + typed[:max(0, MAX_CHARS - len(self.text))])
        self.error = None

    def submit(self) -> None:
        """Fit the model and play its landscape, or show the data's problem (line and column) in the player's words."""
        lang = self.env.lang
        try:
            x, y = parse_points(self.text, t("model.data.source", lang))
            level = model_level(x, y, self.fit, id="your-data")
        except DataError as error:
            self.error = data_error(error, lang)
            return
        except ValueError:
            self.error = t("model.data.unusable", lang)
            return
        self.nav.show(self.routes.play(level))

    def update(self, dt: float) -> None:
        self.clock += dt

    def frame_key(self) -> object:
        return int(self.clock * 2) % 2

    # --- drawing ------------------------------------------------------------------------------------------
    def draw(self, target: pygame.Surface) -> None:
        env = self.env
        palette, lang = env.palette, env.lang
        s = self._scale()
        fonts = self.fonts_for(s)
        draw_background(target, palette)
        area = self.area()
        fonts.draw(target, t("model.data.title", lang), (area.centerx, area.y - int(50 * s)), "big",
                   palette.panel_text, anchor="midbottom")
        fonts.draw(target, t("model.data.prompt", lang), (area.x, area.y - int(8 * s)), "body", palette.muted_text,
                   anchor="bottomleft")
        pygame.draw.rect(target, palette.panel, area, border_radius=int(8 * s))
        pygame.draw.rect(target, palette.bad if self.error else palette.accent, area, max(1, int(2 * s)),
                         border_radius=int(8 * s))
        self._draw_text(target, area, fonts, s)
        buttons = self.buttons()
        for kind in KINDS:
            draw_button(target, buttons[kind], t(f"model.fit.{kind}", lang), palette, fonts, primary=kind == self.fit,
                        hover=self.hover == kind)
        y = buttons[KINDS[0]].bottom + int(10 * s)
        message = self.error or t(f"model.fit.{self.fit}.about", lang)
        for line in wrap(fonts, message, "body", area.w)[:3]:
            y = fonts.draw(target, line, (area.x, y), "body", palette.bad if self.error else palette.muted_text).bottom
        labels = {"back": "entry.back", "example": "model.data.example", "play": "menu.play"}
        for name in ("back", "example", "play"):
            draw_button(target, buttons[name], t(labels[name], lang), palette, fonts, primary=name == "play",
                        hover=self.hover == name)
        hint = t("model.data.hint", lang)
        fonts.draw(target, hint, (area.centerx, buttons["play"].bottom + int(20 * s)), "label", palette.muted_text,
                   anchor="midtop")

    def _draw_text(self, target: pygame.Surface, area: pygame.Rect, fonts, s: float) -> None:
        """The last lines of the text that fit, the caret after the last character, the row count in the corner."""
        palette = self.env.palette
        pad = int(10 * s)
        line_h = fonts.measure("Ag", "body")[1]
        lines = self.text.split("\n")
        shown = lines[-AREA_LINES:]
        clip = target.get_clip()
        target.set_clip(area.inflate(-pad, -4))
        y = area.y + pad // 2
        rect = None
        for line in shown:
            rect = fonts.draw(target, line.replace("\t", "    "), (area.x + pad, y), "body", palette.panel_text)
            y += line_h
        if int(self.clock * 2) % 2 == 0:
            x = (rect.right if rect is not None and shown[-1] else area.x + pad)
            top = area.y + pad // 2 + (len(shown) - 1) * line_h
            pygame.draw.line(target, palette.accent, (x + 1, top), (x + 1, top + line_h), max(1, int(2 * s)))
        target.set_clip(clip)
        count = t("model.data.lines", self.env.lang, n=len(lines) if self.text else 0)
        fonts.draw(target, count, (area.right - pad, area.bottom - 4), "label", palette.muted_text,
                   anchor="bottomright")


def _clipboard() -> str:
    """The clipboard's text ("" where there is none or the platform keeps it from us, as browsers do)."""
    try:
        text = pygame.scrap.get_text()  # pygame-ce's clipboard (no init since 2.2)
    except (pygame.error, AttributeError, NotImplementedError, ImportError):
        return ""
    return text if isinstance(text, str) else ""


__all__ = ["DataScene", "example"]
