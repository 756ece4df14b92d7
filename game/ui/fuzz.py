"""`--fuzz N`: N random events (keys, text, mouse, wheel, touch, window sizes, focus) through the real loop."""

from __future__ import annotations

import os
import random
import traceback
from typing import Any, Protocol

import pygame

from game.core.options import MAX_WINDOW
from game.ui import input as keymap
from game.ui.memory import give_back
from game.ui.scenes.base import Scene

# Every key the game binds (a feature's new key is fuzzed without touching this file), plus Tab and Ctrl combos.
KEYS = tuple(sorted(set(keymap.KEYS) | set(keymap.OVERLAY_KEYS) | set(keymap.ARROWS) | set(keymap.TEXT_KEYS)
                    | set(keymap.PAGE_BACK) | {pygame.K_TAB}))
CTRL_KEYS = tuple(sorted(set(keymap.CTRL_KEYS) | {pygame.K_v, pygame.K_a}))
TEXT = "0123456789.-+eE xy*/^()sincoexplgqrtPEAK-,;=#\nü∇ \u2212"
SHOWN_TRACEBACKS = 3  # the first exceptions are printed in full on stderr; the rest only counted
WARM_UP = 0.1  # the share of the events after which memory counts as warmed up (every scene met, caches full)
SETTLE_FRAMES = 3  # frames at the checkpoint (the title at CHECKPOINT_SIZE) before its RSS is read
CHECKPOINT_SIZE = (1280, 800)


class Host(Protocol):
    """What the fuzzer needs of the running app."""

    running: bool
    frame: int
    stack: list[Scene]
    routes: Any

    @property
    def size(self) -> tuple[int, int]:
        """The window's size."""

    def show(self, scene: Scene) -> None:
        """Make `scene` the only scene."""


def rss_mb() -> float | None:
    """This process's resident memory in MB (Linux /proc), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2 ** 20, 1)


class Fuzzer:
    """Posts random events before each frame and keeps the figures of the run.

    Memory depends on what shows (a 4K play screen holds ~110 MB of window-sized layers more than a small one), so
    the warm-up's and the end's RSS are read at one checkpoint: the title at CHECKPOINT_SIZE, after a full
    collection, when a tenth of the events are done and after the last. The difference is what the run kept."""

    def __init__(self, events: int, seed: int = 0, checkpoints: bool = True) -> None:
        self.total = events
        self.checkpoints = checkpoints  # False: no memory checkpoints (the events go on from where a test put them)
        self.posted = 0
        self.rng = random.Random(seed)
        self.frames = 0
        self.exceptions = 0
        self.max_frame_ms = 0.0
        self.scenes: set[str] = set()
        self.rss_start = rss_mb()
        self.rss_warm: float | None = None
        self.rss_end: float | None = None
        self.rss_peak: float | None = None
        self.checkpoint = 0  # frames left of the checkpoint under way (0: none)
        self.checkpoints_read = 0  # 1 after the warm-up's, 2 after the end's
        self.fingers: set[int] = set()

    @property
    def done(self) -> bool:
        """True once every event was posted, its frame ran, and the end's checkpoint was read."""
        return self.checkpoints_read == 2 or not self.checkpoints and self.posted >= self.total

    def before_frame(self, app: Host) -> None:
        """Post one to three random events (never more than the run has left), or go on with a checkpoint."""
        due = self.checkpoints_read == 0 and self.posted >= self.total * WARM_UP or self.posted >= self.total
        if self.checkpoint == 0 and due and self.checkpoints:
            self.checkpoint = SETTLE_FRAMES
            app.show(app.routes.title())
            width, height = CHECKPOINT_SIZE
            self._post(pygame.event.Event(pygame.VIDEORESIZE, size=(width, height), w=width, h=height))
        if self.checkpoint:
            return
        for _ in range(min(self.rng.randint(1, 3), self.total - self.posted)):
            self._post(self._event(app.size))
            self.posted += 1

    def after_frame(self, app: Host, seconds: float) -> None:
        """Record the frame; a quit from a menu is undone (the run goes on at the title) until the events end."""
        self.frames += 1
        self.max_frame_ms = max(self.max_frame_ms, seconds * 1000.0)
        self.scenes.add(type(app.stack[-1]).__name__)
        if self.checkpoint:
            self.checkpoint -= 1
            if self.checkpoint == 0:
                self._read_checkpoint()
        elif self.checkpoints_read:  # after the warm-up, every frame (reading /proc costs ~20 µs)
            self._peak(rss_mb())
        if not app.running and not self.done:
            app.running = True
            app.show(app.routes.title())
        if self.done:
            app.running = False

    def _read_checkpoint(self) -> None:
        give_back()  # count what is alive, not screens left behind and not yet collected
        if self.checkpoints_read == 0:
            self.rss_warm = rss_mb()
            self._peak(self.rss_warm)
        else:
            self.rss_end = rss_mb()
            self._peak(self.rss_end)
        self.checkpoints_read += 1

    def _peak(self, now: float | None) -> None:
        if now is not None:
            self.rss_peak = max(self.rss_peak or 0.0, now)

    def caught(self, error: BaseException) -> None:
        """An exception escaped a frame: count it (and show the first few)."""
        self.exceptions += 1
        if self.exceptions <= SHOWN_TRACEBACKS:
            traceback.print_exception(error)

    def _post(self, event: pygame.event.Event | tuple) -> None:
        for one in event if isinstance(event, tuple) else (event,):
            try:
                pygame.event.post(one)
            except pygame.error:  # the queue is full: the loop drains it next frame
                return

    def _event(self, size: tuple[int, int]) -> Any:
        """One random input, weighted like restless play."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.40:
            key, mod = rng.choice(KEYS), pygame.KMOD_LSHIFT if rng.random() < 0.2 else 0
            if rng.random() < 0.03:
                key, mod = rng.choice(CTRL_KEYS), pygame.KMOD_LCTRL
            fields = dict(key=key, mod=mod, unicode=chr(key) if 32 <= key < 127 else "", scancode=0)
            return pygame.event.Event(pygame.KEYDOWN, **fields), pygame.event.Event(pygame.KEYUP, **fields)
        if roll < 0.55:
            return pygame.event.Event(pygame.TEXTINPUT, text="".join(rng.choice(TEXT) for _ in range(rng.randint(1, 4))))
        pos = (rng.randrange(max(1, size[0])), rng.randrange(max(1, size[1])))
        if roll < 0.70:
            return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        if roll < 0.80:
            return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 3)))
        if roll < 0.85:
            return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False)
        if roll < 0.96:
            return self._finger(size)
        if roll < 0.985:
            return pygame.event.Event(pygame.WINDOWFOCUSLOST)
        width, height = rng.randint(64, MAX_WINDOW[0]), rng.randint(64, MAX_WINDOW[1])
        return pygame.event.Event(pygame.VIDEORESIZE, size=(width, height), w=width, h=height)

    def _finger(self, size: tuple[int, int]) -> pygame.event.Event:
        rng = self.rng
        finger = rng.randrange(3)
        kind = pygame.FINGERDOWN if finger not in self.fingers else rng.choice((pygame.FINGERMOTION, pygame.FINGERUP))
        if kind == pygame.FINGERDOWN:
            self.fingers.add(finger)
        elif kind == pygame.FINGERUP:
            self.fingers.discard(finger)
        return pygame.event.Event(kind, finger_id=finger, touch_id=0, x=rng.random(), y=rng.random(),
                                  dx=0.0, dy=0.0, pressure=1.0)

    def report(self) -> dict[str, Any]:
        """The one JSON line (DESIGN "Command line")."""
        return {"events": self.posted, "frames": self.frames, "exceptions": self.exceptions,
                "max_frame_ms": round(self.max_frame_ms, 1), "rss_start_mb": self.rss_start,
                "rss_warm_mb": self.rss_warm, "rss_end_mb": self.rss_end, "rss_peak_mb": self.rss_peak,
                "scenes": sorted(self.scenes)}


__all__ = ["Fuzzer", "rss_mb"]
