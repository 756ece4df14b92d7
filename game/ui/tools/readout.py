"""The text readout (T): one live sentence over the map, and on the web in the page's live region.

It follows probes at once, the cursor at most every THROTTLE seconds, and the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.text.readout import readout_text
from game.ui import browser
from game.ui.fonts import wrap
from game.ui.tools import PlayTool
from game.ui.tools.access import GESTURES, access_of, remember, toggled

if TYPE_CHECKING:
    from game.core.layout import Layout
    from game.core.probe import Probe
    from game.core.verdict import Verdict

THROTTLE = 0.25  # seconds between two readouts while the cursor moves (a screen reader would stutter)


class ReadoutTool(PlayTool):
    """Keeps the readout text of the play scene current while it is on; draws it at the foot of the map."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.access = access_of(scene)
        self.text = ""
        self.wait = 0.0  # seconds until the cursor may update the text again
        self.seen: object = None  # the cursor (and hidden overlays) the text was made for

    def handle(self, action: A.Action) -> bool:
        if action.kind in GESTURES:
            self.access.gesture = True
        if action.kind != A.READOUT:
            return False
        self.access.readout = not self.access.readout
        remember(self.scene, self.access)
        toggled(self.scene, self.access, "readout")
        self.refresh()
        return True

    def after_probe(self, probe: "Probe") -> None:
        self.refresh()

    def after_claim(self, verdict: "Verdict") -> None:
        self.refresh()

    def update(self, dt: float) -> None:
        self.wait = max(0.0, self.wait - dt)
        if self.access.readout and self.wait <= 0.0 and self._seen() != self.seen:
            self.refresh()

    def _seen(self) -> object:
        return self.scene.cursor, self.scene.env.hidden

    def views(self) -> tuple[bool, bool]:
        """(slope shown, Taylor shown): depth mode hides the gradient and the model, a hidden overlay the model."""
        scene = self.scene
        depth = getattr(scene.env.options, "mode", "play") == "depth"
        allowed = set(scene.game.level.overlays) - set(scene.env.hidden)
        return not depth, not depth and "taylor" in allowed

    def refresh(self) -> None:
        """Make the text now (and send it to the page when it changed and the readout is on)."""
        self.seen, self.wait = self._seen(), THROTTLE
        if not self.access.readout:
            self.text = ""
            return
        scene = self.scene
        slope, taylor = self.views()
        cursor = None if scene.game.finished else scene.cursor
        text = readout_text(scene.game, cursor, scene.env.lang, slope=slope, taylor=taylor)
        if text != self.text:
            self.text = text
            if text != self.access.said and browser.announce(text):
                self.access.said = text

    def frame_key(self) -> object:
        return self.text if self.access.readout else None

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        if not (self.access.readout and self.text) or self.scene.guess_text is not None:
            return  # the open guess field (and its keypad) take the map; the page's live region still hears it
        env = self.scene.env
        fonts, palette, box = env.fonts, env.palette, pygame.Rect(tuple(layout.map_rect))
        pad = max(4, int(8 * env.scale))
        lines = wrap(fonts, self.text, "body", box.w - 4 * pad)
        line_h = fonts.measure("Ag", "body")[1]
        plate = pygame.Rect(0, 0, box.w - 2 * pad, len(lines) * line_h + 2 * pad)
        plate.midbottom = (box.centerx, box.bottom - pad)
        target.blit(fonts.plate(plate.w, plate.h, palette.plate, pad), plate)
        for i, line in enumerate(lines):
            fonts.draw(target, line, (plate.x + pad, plate.y + pad + i * line_h), "body", palette.plate_text)


__all__ = ["ReadoutTool", "THROTTLE"]
