"""Sound (M, --sound): a tone for each probe, a falling tone for a lost step, a chime for a summit.

Pitch = height within the level's range, pan = the slope's east-west part. Never blocks the loop: the mixer
plays the generated samples on its own; without a sound device the game goes on silently (one notice)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from game.core import actions as A
from game.text.catalog import t
from game.ui import tones
from game.ui.tools import PlayTool
from game.ui.tools.access import GESTURES, access_of, remember, toggled

if TYPE_CHECKING:
    from game.core.probe import Probe
    from game.core.verdict import Verdict


def probe_sound(probe: "Probe", height_range: tuple[float, float]) -> Any:
    """The samples for `probe` (None where its height is undefined): its tone, or a falling one after a loss."""
    if not probe.defined:
        return None
    zmin, zmax = height_range
    span = zmax - zmin
    fraction = (probe.value - zmin) / span if math.isfinite(span) and span > 0 else 0.5
    gx, gy = probe.gradient
    pan = tones.pan_for(gx, gy)
    if probe.gain is not None and probe.gain < 0:
        return tones.falling_tone(fraction, pan)
    return tones.probe_tone(fraction, pan)


class SoundTool(PlayTool):
    """Turns probes and summits into sounds while sound is on."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.access = access_of(scene)

    def handle(self, action: A.Action) -> bool:
        if action.kind in GESTURES:
            self.access.gesture = True
        if action.kind != A.SOUND:
            return False
        self.access.sound = not self.access.sound
        remember(self.scene, self.access)
        toggled(self.scene, self.access, "sound")
        return True

    def after_probe(self, probe: "Probe") -> None:
        samples = probe_sound(probe, self.scene.game.height_range)
        if samples is not None:
            self._play(samples)

    def after_claim(self, verdict: "Verdict") -> None:
        if verdict.kind == "global":
            self._play(tones.chime())

    def _play(self, samples: Any) -> None:
        if not self.access.play(samples) and self.access.sound and self.access.mixer == "failed":
            if not self.access.cache.get("told"):  # the game goes on silently; say so once
                self.access.cache["told"] = True
                self.scene.nav.banner(t("access.sound.none", self.scene.env.lang))


__all__ = ["SoundTool", "probe_sound"]
