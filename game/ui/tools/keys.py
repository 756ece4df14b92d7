"""The height guess by touch: a number keypad on the half of the map the open guess field leaves free.

Digits, minus, point, Up/Down steps, Del and OK; its taps become the guess field's own actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.ui.keypad import keypad_for
from game.ui.tools import PlayTool

if TYPE_CHECKING:
    from game.core.layout import Layout

KEYPAD_W = 360  # logical px: the widest the number keypad gets


class KeypadTool(PlayTool):
    """Shows the number keypad under (or over) the open guess field while the player uses touch."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.keypad = keypad_for("number", scene.env.lang)

    @property
    def shown(self) -> bool:
        """True while the guess field is open on a touch screen."""
        return self.scene.guess_text is not None and self.scene.env.touch

    def area(self, layout: "Layout") -> pygame.Rect:
        """The half of the map the guess field leaves free."""
        scene, s = self.scene, self.scene.env.scale
        box = pygame.Rect(tuple(layout.map_rect))
        plate = scene.guess_plate(layout)
        pad = int(8 * s)
        width = min(box.w - 2 * pad, int(KEYPAD_W * s))
        if scene.guess_on_top:
            return pygame.Rect(box.centerx - width // 2, plate.bottom + pad, width, box.bottom - plate.bottom - 2 * pad)
        return pygame.Rect(box.centerx - width // 2, box.y + pad, width, plate.top - box.y - 2 * pad)

    def intercept(self, action: A.Action) -> bool:
        if not self.shown or action.kind not in (A.POINT, A.CLICK) or action.pos is None:
            return False
        self.keypad.place(self.area(self.scene.layout()), self.scene.env.scale)
        bounds = self.keypad.bounds()
        if bounds is None or not bounds.collidepoint(action.pos):
            return False
        tapped = self.keypad.action_at(action.pos) if action.kind == A.CLICK else None
        if tapped is not None:
            self.scene.handle(tapped)
        return True  # a tap between keys does not probe the map under the keypad

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        if not self.shown:
            return
        env = self.scene.env
        self.keypad.place(self.area(layout), env.scale)
        self.keypad.draw(target, env.fonts, env.palette)


__all__ = ["KeypadTool"]
