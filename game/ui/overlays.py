"""What the app draws over (or instead of) the scenes: the banners at the top, and the too-small window's note."""

from __future__ import annotations

from typing import Any

import pygame

from game.core.options import MIN_WINDOW
from game.text.catalog import t
from game.ui.fonts import get_fonts, wrap


def draw_too_small(screen: pygame.Surface, env: Any) -> None:
    """The one thing a too-small window shows: how to get the game back."""
    screen.fill(env.palette.background)
    width, height = screen.get_size()
    fonts = get_fonts(1.0)
    lines = wrap(fonts, t("window.too_small", env.lang, width=MIN_WINDOW[0], height=MIN_WINDOW[1]), "small",
                 max(8, width - 8))
    y = max(2, height // 2 - len(lines) * fonts.font("small").get_height() // 2)
    for line in lines:
        y = fonts.draw(screen, line, (width // 2, y), "small", env.palette.panel_text, anchor="midtop").bottom


def draw_banners(screen: pygame.Surface, env: Any, texts: list[str]) -> None:
    """One-line messages at the top of the screen, on plates, newest last (each wrapped, never cut)."""
    width = screen.get_width()
    y = int(8 * env.scale)
    for text in texts:
        for line in wrap(env.fonts, text, "label", int(width * 0.9)):
            rect = env.fonts.draw(screen, line, (width // 2, y), "label", env.palette.plate_text,
                                  anchor="midtop", plate=env.palette.plate)
            y = rect.bottom + 2
        y += int(4 * env.scale)


__all__ = ["draw_too_small", "draw_banners"]
