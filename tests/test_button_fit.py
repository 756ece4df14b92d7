"""Button labels stay inside their button whatever the language's length: a smaller size, two lines, or "…"."""

from __future__ import annotations

import pygame
import pytest

from game.ui.fonts import Fonts
from game.ui.palette import get_palette
from game.ui.widgets import draw_button


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize(("text", "width", "height"), [
    ("Annoncer le sommet", 200, 52), ("Annoncer le sommet", 120, 80), ("Annoncer le sommet", 90, 30),
    ("Play", 200, 52), ("Gipfel beanspruchen", 150, 52),
])
def test_a_button_label_never_passes_the_button_edge(monkeypatch, display, scale, text, width, height):
    fonts = Fonts(scale)
    drawn: list[tuple[str, tuple[float, float], object]] = []
    real = Fonts.draw

    def spy(self, target, line, pos, size, *args, **kwargs):
        drawn.append((line, pos, size))
        return real(self, target, line, pos, size, *args, **kwargs)

    monkeypatch.setattr(Fonts, "draw", spy)
    rect = pygame.Rect(10, 10, int(width * scale), int(height * scale))
    draw_button(pygame.Surface((rect.right + 10, rect.bottom + 10)), rect, text, get_palette("viridis"), fonts)
    assert drawn
    for line, (x, y), size in drawn:
        w, h = fonts.measure(line, size)
        assert rect.left + 4 <= x - w / 2 and x + w / 2 <= rect.right - 4, (line, size)
        assert rect.top <= y - h / 2 and y + h / 2 <= rect.bottom + 1, (line, size)
    words = " ".join(line for line, _, _ in drawn)
    assert words == text or words.endswith("\u2026")  # whole, or visibly shortened
    if fonts.measure(text, "small")[0] <= rect.w - 8:
        assert words == text and len(drawn) == 1  # a label that fits stays one line
