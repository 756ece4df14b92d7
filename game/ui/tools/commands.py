"""Every command key by touch: a "Keys" button on the map opens a sheet of the keys without a button.

One button per command key that has no button of its own (restart, axes, readout, sound, and every feature
area's keys, such as the classroom's), named by its key and its help row; a tap acts as the key would."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.text.catalog import t
from game.ui.fonts import wrap
from game.ui.tools import PlayTool
from game.ui.widgets import draw_button

if TYPE_CHECKING:
    from game.core.layout import Layout

# commands with a button, a tap or a screen of their own already (or handled by the window, not the scene)
HAS_BUTTON = frozenset({A.PROBE, A.CONFIRM, A.CLAIM, A.PREDICT, A.HELP, A.INTRO, A.BACK, A.PAUSE, A.FULLSCREEN,
                        A.PAGE, A.NEXT, A.PREV, A.EXPR, A.CODE, A.LEVELS})
BUTTON_H = 52  # logical px: the sheet's smallest button (a touch target of at least 44 px)


def commands(lang: str) -> list[tuple[str, str, str, float]]:
    """(action kind, key name, what it does, direction) of each command key without a button, in the key table's
    order; the words come from the help row that names the key. Keys in pairs ([ and ]) are one button each."""
    from game.ui.input import KEY_DX, KEYS
    from game.ui.scenes.help import SECTIONS

    rows = [(t(key, lang), t(key + ".do", lang)) for _, section in SECTIONS for key, _ in section]
    found: list[tuple[str, str, str, float]] = []
    for code, kind in KEYS.items():
        dx = KEY_DX.get(code, 0.0)
        if kind in HAS_BUTTON or any(kind == k and dx == d for k, _, _, d in found):
            continue
        name = pygame.key.name(code).upper()
        does = next((text for label, text in rows if name in _key_names(label)), kind)
        found.append((kind, name, does, dx))
    return found


def _key_names(label: str) -> list[str]:
    """The keys a help row's label names ("H / F1", "[  ]", ",  .", "Space, Enter"): split at spaces and slashes;
    a trailing comma belongs to the list, unless the key is the comma itself."""
    return [token.rstrip(",") if len(token) > 1 else token for token in label.replace("/", " ").split()]


class CommandsTool(PlayTool):
    """The "Keys" button and its sheet (touch only)."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.open = False
        self.page = 0

    @property
    def shown(self) -> bool:
        scene = self.scene
        return scene.env.touch and not scene.game.finished and scene.guess_text is None

    def toggle_rect(self, layout: "Layout") -> pygame.Rect:
        s = self.scene.env.scale
        box = pygame.Rect(tuple(layout.map_rect))
        w, h = int(110 * s), int(BUTTON_H * s)
        return pygame.Rect(box.right - w - int(8 * s), box.y + int(8 * s), w, h)

    def sheet(self, layout: "Layout") -> list[tuple[pygame.Rect, str, str, str, list[str], float]]:
        """The buttons of the sheet's current page: (rect, kind, key name, words, wrapped lines, direction); kind
        "more" turns the page."""
        env = self.scene.env
        s, fonts = env.scale, env.fonts
        box = pygame.Rect(tuple(layout.map_rect)).inflate(-int(16 * s), -int(16 * s))
        top = self.toggle_rect(layout).bottom + int(8 * s)
        area = pygame.Rect(box.x, top, box.w, box.bottom - top)
        key_w, gap = int(56 * s), int(8 * s)
        found = commands(env.lang)
        placed, y, pages, page = [], area.y, 0, []
        for kind, name, does, dx in found:
            lines = wrap(fonts, does, "small", area.w - key_w - int(16 * s))
            h = max(int(BUTTON_H * s), len(lines) * fonts.measure("Ag", "small")[1] + int(12 * s))
            if y + h > area.bottom - (int(BUTTON_H * s) + gap) and page:
                placed.append(page)
                page, y = [], area.y
            page.append((pygame.Rect(area.x, y, area.w, h), kind, name, does, lines, dx))
            y += h + gap
        if page:
            placed.append(page)
        pages = len(placed)
        if not pages:
            return []
        current = placed[self.page % pages]
        if pages > 1:
            more = pygame.Rect(area.x, current[-1][0].bottom + gap, area.w, int(BUTTON_H * s))
            current = current + [(more, "more", "", t("access.commands.more", env.lang), [], 0.0)]
        return current

    def intercept(self, action: A.Action) -> bool:
        if not self.shown or action.kind not in (A.POINT, A.CLICK) or action.pos is None:
            return False
        layout = self.scene.layout()
        if self.toggle_rect(layout).collidepoint(action.pos):
            if action.kind == A.CLICK:
                self.open, self.page = not self.open, 0
            return True
        if not self.open:
            return False
        if action.kind == A.CLICK:
            hit = next(((kind, dx) for rect, kind, *_, dx in self.sheet(layout) if rect.collidepoint(action.pos)),
                       None)
            if hit is not None and hit[0] == "more":
                self.page += 1
                return True
            self.open = False  # a tap acts (or, beside the buttons, just closes the sheet) and never probes
            if hit is not None:
                self.scene.handle(A.Action(hit[0], dx=hit[1]))
        return True

    def frame_key(self) -> object:
        return (self.open, self.page) if self.shown else None

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        if not self.shown:
            return
        env = self.scene.env
        fonts, palette, s = env.fonts, env.palette, env.scale
        draw_button(target, self.toggle_rect(layout), t("access.commands." + ("close" if self.open else "open"),
                                                        env.lang), palette, fonts, primary=self.open)
        if not self.open:
            return
        small_h = fonts.measure("Ag", "small")[1]
        for rect, kind, name, does, lines, _ in self.sheet(layout):
            if kind == "more":
                draw_button(target, rect, does, palette, fonts)
                continue
            draw_button(target, rect, "", palette, fonts)
            fonts.draw(target, name, (rect.x + int(12 * s), rect.centery), "heading", palette.accent, anchor="midleft")
            top = rect.centery - len(lines) * small_h // 2
            for i, line in enumerate(lines):
                fonts.draw(target, line, (rect.x + int(56 * s), top + i * small_h), "small", palette.button_text)


__all__ = ["CommandsTool", "commands"]
