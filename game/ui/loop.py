"""The frame loop shared by desktop and browser: events and clocks every frame, a draw and a flip only on change."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

import pygame

from game.ui.fuzz import Fuzzer

FPS = 60
HEADLESS_DT = 1 / FPS  # headless runs use a fixed time step, so screenshots at frame N are reproducible


class Frames(Protocol):
    """What the loop runs (game.ui.app.App): one step per frame; `drawn` says whether the step drew."""

    running: bool
    headless: bool
    drawn: bool
    env: Any  # .browser: the page's vsync paces the frames
    fuzzer: Fuzzer | None

    def step(self, dt: float) -> None:
        """Events, updates, and a draw when something changed."""


async def loop(app: Frames) -> None:
    """Run frames until the app stops: one `await asyncio.sleep(0)` per frame, nothing blocking.

    Every frame reads events and advances the clocks; it draws and flips only when something changed (App.step
    decides; `app.drawn`). The desktop waits out the rest of each 1/60 s with asyncio.sleep (never SDL_Delay or
    event.wait, which block), so an idle screen costs one event poll a frame; the browser's vsync paces the page,
    and a frame with nothing to show leaves the canvas as it is."""
    clock = pygame.time.Clock()
    pace = not (app.headless or app.env.browser)  # the browser's vsync paces the page; headless runs flat out
    while app.running:
        started = time.perf_counter()
        ms = clock.tick()  # no framerate argument: tick(FPS) would block in SDL_Delay
        dt = HEADLESS_DT if app.headless else min(ms / 1000.0, 0.1)
        if app.fuzzer is None:
            app.step(dt)
        else:
            _fuzzed_step(app, app.fuzzer, dt)
        if app.drawn:
            pygame.display.flip()
        await asyncio.sleep(0)
        if pace:  # the desktop waits out the rest of the frame without blocking the event loop
            spare = 1.0 / FPS - (time.perf_counter() - started)
            if spare > 0.002:
                await asyncio.sleep(spare)


def _fuzzed_step(app: Frames, fuzzer: Fuzzer, dt: float) -> None:
    """One frame under --fuzz: random events in, exceptions counted instead of ending the run."""
    fuzzer.before_frame(app)
    started = time.perf_counter()
    try:
        app.step(dt)
    except Exception as error:  # noqa: BLE001 - the fuzzer's job is to count what escapes a frame
        fuzzer.caught(error)
    fuzzer.after_frame(app, time.perf_counter() - started)


__all__ = ["loop", "Frames", "FPS", "HEADLESS_DT"]
