"""`--fuzz N`: N random events (keys, text, mouse, wheel, touch, window sizes, focus) through the real loop."""

from __future__ import annotations

import os
import random
import traceback
from typing import Any, Protocol

import pygame

from game.core.options import MAX_WINDOW
from game.ui.scenes.base import Scene

KEYS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_SPACE, pygame.K_RETURN, pygame.K_ESCAPE,
        pygame.K_c, pygame.K_p, pygame.K_h, pygame.K_i, pygame.K_l, pygame.K_e, pygame.K_k, pygame.K_r, pygame.K_n, pygame.K_TAB,
        pygame.K_F1, pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_PAUSE)
KEYS += (pygame.K_a, pygame.K_o, pygame.K_MINUS, pygame.K_EQUALS, pygame.K_j, pygame.K_w)  # climbers (issue 13)
TEXT = "0123456789.-+eE xy*/^()sincoexplgqrtPEAK-,;ü∇ \u2212"
SHOWN_TRACEBACKS = 3  # the first exceptions are printed in full on stderr; the rest only counted


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
    """Posts random events before each frame and keeps the figures of the run."""

    def __init__(self, events: int, seed: int = 0) -> None:
        self.total = events
        self.posted = 0
        self.rng = random.Random(seed)
        self.frames = 0
        self.exceptions = 0
        self.max_frame_ms = 0.0
        self.scenes: set[str] = set()
        self.rss_start = rss_mb()
        self.fingers: set[int] = set()

    @property
    def done(self) -> bool:
        """True once every event was posted and its frame ran."""
        return self.posted >= self.total

    def before_frame(self, app: Host) -> None:
        """Post one to three random events (never more than the run has left)."""
        for _ in range(min(self.rng.randint(1, 3), self.total - self.posted)):
            self._post(self._event(app.size))
            self.posted += 1

    def after_frame(self, app: Host, seconds: float) -> None:
        """Record the frame; a quit from a menu is undone (the run goes on at the title) until the events end."""
        self.frames += 1
        self.max_frame_ms = max(self.max_frame_ms, seconds * 1000.0)
        self.scenes.add(type(app.stack[-1]).__name__)
        if not app.running and not self.done:
            app.running = True
            app.show(app.routes.title())
        if self.done:
            app.running = False

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
            key = rng.choice(KEYS)
            mod = pygame.KMOD_LSHIFT if rng.random() < 0.2 else 0
            fields = dict(key=key, mod=mod, unicode=pygame.key.name(key)[:1] if key < 256 else "", scancode=0)
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
                "rss_end_mb": rss_mb(), "scenes": sorted(self.scenes)}




__all__ = ["Fuzzer", "rss_mb"]
