"""The desktop window: its size at start, its smallest size, and saving what it shows."""

from __future__ import annotations

import io
import warnings

import pygame

from game.core.options import MIN_WINDOW, Options
from game.core.storage import write_atomic
from game.ui import browser

DESKTOP_SIZE = (1280, 800)  # default window
CLASSROOM_SIZE = (1920, 1080)  # default window in classroom mode (projectors)


def window_size(options: Options, web: bool) -> tuple[int, int]:
    """The window size to open: the browser's page size, --size, or the default (within the desktop)."""
    if web:
        return browser.web_window_size(options)  # fixed for the whole run; the page scales the canvas
    wanted = options.size or (CLASSROOM_SIZE if options.classroom else DESKTOP_SIZE)
    if options.headless:
        return wanted  # a headless run (screenshots, tests) gets exactly the size it asks for
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return wanted
    return fit_to_desktop(wanted, desktop)


def fit_to_desktop(wanted: tuple[int, int], desktop: tuple[int, int]) -> tuple[int, int]:
    """A window size that fits on the screen (95 % of its width, 90 % of its height, room for the title bar), also
    for an explicit --size: a 1920×1080 classroom window on a 1600×1000 screen was cut off. Never below the
    smallest layout (MIN_WINDOW); the classroom scale follows the height it gets."""
    width = max(MIN_WINDOW[0], min(wanted[0], int(desktop[0] * 0.95)))
    height = max(MIN_WINDOW[1], min(wanted[1], int(desktop[1] * 0.9)))
    return width, height


def limit_window_size() -> None:
    """Stop the desktop window from being dragged smaller than MIN_WINDOW (best effort; SDL may refuse)."""
    try:
        with warnings.catch_warnings():  # pygame-ce marks the display-module bridge deprecated; it still works
            warnings.simplefilter("ignore")
            pygame.Window.from_display_module().minimum_size = MIN_WINDOW
    except (AttributeError, pygame.error, ValueError):
        pass


def save_screenshot(surface: pygame.Surface, path: str) -> None:
    """Save a PNG atomically (encoded in memory, then storage.write_atomic)."""
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "png")
    write_atomic(path, buffer.getvalue())


__all__ = ["fit_to_desktop", "window_size", "limit_window_size", "save_screenshot", "DESKTOP_SIZE", "CLASSROOM_SIZE"]
