"""Shared test set-up: headless SDL before pygame starts, one display per process, and app factories."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

SIZE = (1280, 800)


@pytest.fixture(scope="session")
def display() -> None:
    """Initialise the display and fonts once for the whole session (run() then leaves them alone)."""
    if not pygame.display.get_init():
        pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode(SIZE)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private UPHILL_DATA_DIR for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("UPHILL_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def make_app(display):
    """make_app(*flags, size=(w, h), store=None) → a headless App (in memory storage unless a store is given)."""
    from game.ui.app import App
    from game.ui.startup import prepare
    from game.core.options import parse_args
    from game.core.storage import MemoryBackend, Store

    def factory(*flags: str, size: tuple[int, int] = SIZE, store=None):
        options, replay, level = prepare(parse_args(["--headless", *flags]))
        screen = pygame.display.set_mode(replay.size if replay else size)
        return App(options, screen, store=store or Store(MemoryBackend()), replay=replay, start_level=level)

    return factory


@pytest.fixture
def run_frames():
    """run_frames(app, n): step the app n times at the fixed headless rate (stops early if it quits)."""

    def step(app, frames: int) -> None:
        for _ in range(frames):
            if not app.running:
                break
            app.step(1 / 60)

    return step


@pytest.fixture
def drawn_texts(monkeypatch) -> list[str]:
    """Every text drawn through Fonts.draw while the test runs, in order (the texts still draw)."""
    from game.ui.fonts import Fonts

    drawn: list[str] = []
    real = Fonts.draw

    def spy(self, target, text, *args, **kwargs):
        drawn.append(text)
        return real(self, target, text, *args, **kwargs)

    monkeypatch.setattr(Fonts, "draw", spy)
    return drawn
