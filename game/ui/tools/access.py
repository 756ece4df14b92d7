"""What the readout and sound tools share for the whole run: on/off (remembered), the first gesture, the mixer.

The choices are stored as "access"; the web's audio waits for the player's first key, click or tap."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pygame

from game.core import actions as A
from game.text.catalog import t
from game.ui.tones import RATE, to_mixer

STORE_NAME = "access"  # access.json on the desktop, uphill:access in the browser's localStorage
# actions that only a person's gesture makes (pointer hovering, resizes and quitting are not gestures)
GESTURES = frozenset(A.KINDS) - {A.POINT, A.RESIZE, A.QUIT}


def _valid(data: Any) -> list[str]:
    """Problems of a stored access entry (the store sets a bad one aside)."""
    return [f"{key} is not true or false" for key in ("readout", "sound") if not isinstance(data.get(key, False), bool)]


@dataclass
class Access:
    """The run's access settings and the mixer's state ("idle": not started, "ready", "failed")."""

    readout: bool = False
    sound: bool = False
    gesture: bool = True  # False in the browser until the player's first key, click or tap
    mixer: str = "idle"
    said: str = ""  # the readout text last sent to the page's live region
    cache: dict[str, Any] = field(default_factory=dict)

    def start_mixer(self) -> bool:
        """Start pygame's mixer once (never before a gesture); True when it plays. A failure is remembered."""
        if self.mixer == "idle" and self.gesture:
            try:
                if not pygame.mixer.get_init():
                    pygame.mixer.init(RATE, -16, 2, 512)
                self.mixer = "ready" if pygame.mixer.get_init() else "failed"
            except (pygame.error, NotImplementedError, AttributeError, OSError):
                self.mixer = "failed"
        return self.mixer == "ready"

    def play(self, samples: np.ndarray) -> bool:
        """Play float stereo samples (game.ui.tones) without waiting; False when there is no sound to play."""
        if not (self.sound and self.start_mixer()):
            return False
        try:
            rate, size, channels = pygame.mixer.get_init()
            if rate != RATE:  # the device chose its own rate: stretch the samples to keep the pitch
                index = np.linspace(0, len(samples) - 1, max(1, int(len(samples) * rate / RATE)))
                samples = np.stack([np.interp(index, np.arange(len(samples)), samples[:, c]) for c in (0, 1)], axis=1)
            pygame.sndarray.make_sound(to_mixer(samples, size, channels)).play()
        except (pygame.error, NotImplementedError, ValueError, TypeError):
            self.mixer = "failed"
            return False
        return True


def access_of(scene: Any) -> Access:
    """The run's Access (made on first use from the store and --sound), kept in the environment."""
    env = scene.env
    state = env.features.get("access")
    if state is None:
        data, _ = scene.session.store.load(STORE_NAME, _valid)
        sound = bool(data.get("sound", False)) or bool(getattr(env.options, "sound", False))
        state = Access(readout=bool(data.get("readout", False)), sound=sound, gesture=not env.browser)
        env.features["access"] = state
    return state


def remember(scene: Any, state: Access) -> None:
    """Save the readout and sound choices; a problem shows as one banner, the game goes on."""
    notice = scene.session.store.save(STORE_NAME, {"readout": state.readout, "sound": state.sound})
    if notice is not None:
        from game.text.notices import notice_text
        scene.nav.banner(notice_text(notice, scene.env.lang))


def toggled(scene: Any, state: Access, what: str) -> None:
    """Say that the readout or the sound is now on or off (and that no sound can play, once)."""
    on = getattr(state, what)
    scene.say(f"access.{what}.{'on' if on else 'off'}")
    if what == "sound" and on and not state.start_mixer() and state.gesture and not state.cache.get("told"):
        state.cache["told"] = True
        scene.nav.banner(t("access.sound.none", scene.env.lang))


__all__ = ["Access", "access_of", "remember", "toggled", "STORE_NAME", "GESTURES"]
