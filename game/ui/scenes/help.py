"""The help overlay: the goal in two sentences and every key, in English or German."""

from __future__ import annotations

import pygame

from game.core import actions as A
from game.text.catalog import t
from game.ui.fonts import wrap
from game.ui.scenes.base import Context, Scene
from game.ui.widgets import dim

# (i18n key for the key name, desktop only); the description is the same key + ".do". One tuple per feature area.
PLAY_ROWS: tuple[tuple[str, bool], ...] = (
    ("key.arrows", False), ("key.pointer", False), ("key.probe", False), ("key.claim", False),
    ("key.predict", False), ("key.help", False), ("key.intro", False), ("key.back", False), ("key.restart", False),
    ("key.next", False), ("key.levels", False), ("key.expr", False), ("key.code", False),
    ("key.tab", False), ("key.axes", False), ("key.overlays", False), ("key.page", False), ("key.fullscreen", True),
)

# the calculus lab
LAB_ROWS: tuple[tuple[str, bool], ...] = ()

# climbers and step rules
CLIMB_ROWS: tuple[tuple[str, bool], ...] = ()

# model levels and data
MODEL_ROWS: tuple[tuple[str, bool], ...] = (("key.data", False),)

# the classroom
CLASS_ROWS: tuple[tuple[str, bool], ...] = ()

# every learner: readout, sound, language
ACCESS_ROWS: tuple[tuple[str, bool], ...] = ()

ROWS = PLAY_ROWS + LAB_ROWS + CLIMB_ROWS + MODEL_ROWS + CLASS_ROWS + ACCESS_ROWS
TWO_COLUMNS_FROM = 1000  # logical px of window width from which the keys sit in two columns


class HelpScene(Scene):
    """Drawn over any scene. Esc, H, F1, Enter or a click closes it."""

    opaque = False

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)

    def rows(self) -> list[tuple[str, str]]:
        """(key, what it does) for every key this platform has."""
        lang = self.env.lang
        return [(t(key, lang), t(key + ".do", lang)) for key, desktop in ROWS if not (desktop and self.env.browser)]

    def handle(self, action: A.Action) -> None:
        if action.kind in (A.BACK, A.HELP, A.CONFIRM, A.PROBE, A.CLICK, A.PAUSE):
            self.nav.pop()

    def _geometry(self) -> tuple[float, int, bool]:
        """(UI scale, key columns, whether the two intro sentences fit)."""
        width, height = self.env.size
        columns = 2 if width / self.env.scale >= TWO_COLUMNS_FROM else 1
        rows = -(-len(self.rows()) // columns)
        scale = self.fit_scale(250 + rows * 30, 560 * columns)
        with_intro = height >= (230 + rows * 30) * scale
        return scale, columns, with_intro

    def frame_key(self) -> object:
        """Still: the keys change only with input."""
        return None

    def draw(self, target: pygame.Surface) -> None:
        dim(target, 200)
        env = self.env
        palette = env.palette
        scale, columns, with_intro = self._geometry()
        fonts = self.fonts_for(scale)
        width, height = env.size
        margin = int((28 if with_intro else 14) * scale)
        inner_w = min(width - 4 * margin, int(1240 * scale))
        rows = self.rows()
        per_column = -(-len(rows) // columns)
        column_w = inner_w // columns
        line_h = fonts.measure("Ag", "body")[1] + int((6 if with_intro else 2) * scale)
        # one key column on a wide screen (classroom): the explanation goes beside the keys instead of above
        beside = columns == 1 and inner_w >= int(760 * scale)
        keys = ("help.goal", "help.rho") if with_intro or beside else ()
        split = int(inner_w * 0.6)  # keys take the left 60 %, the explanation the rest
        intro_w = inner_w - split - int(24 * scale) if beside else inner_w
        intro = [line for key in keys for line in wrap(fonts, t(key, env.lang), "body", intro_w) + [""]][:-1]
        title_h = fonts.measure("Ag", "title")[1]
        body_h = fonts.measure("Ag", "body")[1]
        footer_h = fonts.measure("Ag", "label")[1]
        gap = int((20 if with_intro else 8) * scale)
        if beside:
            column_w = split
        # each key's explanation wrapped beside it (never cut): a row is as tall as its lines
        chunks = [rows[column * per_column:(column + 1) * per_column] for column in range(columns)]
        key_ws = [max((fonts.measure(key, "body")[0] for key, _ in chunk), default=0) + int(16 * scale)
                  for chunk in chunks]
        small_h = fonts.measure("Ag", "small")[1]
        wrapped = [[wrap(fonts, does, "small", column_w - key_w - int(8 * scale)) for _, does in chunk]
                   for chunk, key_w in zip(chunks, key_ws)]
        keys_h = max(sum(line_h + (len(lines) - 1) * small_h for lines in chunk) for chunk in wrapped)
        if beside:
            inner_h = title_h + gap + max(len(intro) * body_h, keys_h) + gap + footer_h
        else:
            inner_h = title_h + gap + len(intro) * body_h + (gap if intro else 0) + keys_h + gap + footer_h
        panel = pygame.Rect(0, 0, inner_w + 2 * margin, min(height - margin, inner_h + 2 * margin))
        panel.center = (width // 2, height // 2)
        pygame.draw.rect(target, palette.panel, panel, border_radius=int(12 * scale))
        pygame.draw.rect(target, palette.panel_edge, panel, 1, border_radius=int(12 * scale))
        inner = panel.inflate(-2 * margin, -2 * margin)
        y = fonts.draw(target, t("help.title", env.lang), (inner.x, inner.y), "title", palette.accent).bottom + gap
        intro_x, intro_y = (inner.x + split + int(24 * scale), y) if beside else (inner.x, y)
        for line in intro:
            intro_y += body_h if not line else 0
            intro_y = fonts.draw(target, line, (intro_x, intro_y), "body", palette.panel_text).bottom if line else intro_y
        if intro and not beside:
            y = intro_y + gap
        for column, (chunk, key_w, lines_of) in enumerate(zip(chunks, key_ws, wrapped)):
            x = inner.x + column * column_w
            ry = y
            for (key, _), lines in zip(chunk, lines_of):
                fonts.draw(target, key, (x, ry), "body", palette.accent)
                for i, line in enumerate(lines):
                    fonts.draw(target, line, (x + key_w, ry + 2 + i * small_h), "small", palette.panel_text)
                ry += line_h + (len(lines) - 1) * small_h
        footer = t("help.close", env.lang)
        fonts.draw(target, footer, (inner.centerx, inner.bottom), "label", palette.muted_text, anchor="midbottom")


__all__ = ["HelpScene", "ROWS"]
