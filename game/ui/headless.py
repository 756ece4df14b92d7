"""Environment set-up that must happen before pygame starts: quiet import, dummy SDL drivers when headless."""

from __future__ import annotations

import os


def quiet_pygame() -> None:
    """Keep pygame's import banner off stdout (call before the first `import pygame`)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def use_dummy_drivers() -> None:
    """Make SDL draw into memory and play no sound: no window, no audio device (call before pygame.init)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"


__all__ = ["quiet_pygame", "use_dummy_drivers"]
