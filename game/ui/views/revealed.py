"""The map without fog, for the teacher: the terrain, any number of paths each in its own colour, the summit.

Used by "reveal now" (X), the class overlay (--class) and the replay step viewer; it draws over a PlayView
that has laid out the same map (its contour image is the terrain)."""

from __future__ import annotations

import math
from typing import Sequence

import pygame

from game.core.layout import Layout
from game.core.model import Game
from game.core.transform import ViewTransform
from game.text.numbers import fmt_fixed
from game.ui.fonts import Fonts
from game.ui.views import axes, glyphs
from game.ui.views.play_view import PlayView

Point = tuple[float, float]
# Okabe–Ito and Tol "bright" hues on dark outlines: far apart for colour-blind eyes, readable on every band
PATH_COLOURS = ((240, 228, 66), (86, 180, 233), (230, 159, 0), (204, 121, 167), (0, 158, 115), (250, 250, 246),
                (213, 94, 0), (102, 204, 238), (238, 102, 119), (170, 51, 119), (187, 187, 187), (34, 136, 51))


def path_colour(index: int) -> tuple[int, int, int]:
    """The colour of the index-th path (the colours repeat after twelve)."""
    return PATH_COLOURS[index % len(PATH_COLOURS)]


def ensure_map(view: PlayView, game: Game, layout: Layout, lang: str) -> None:
    """Lay the view's map out for `game`'s surface (as a draw would), isolines and labels on."""
    view.relayout(layout, game, lang, isolines=True, labels=True)
    assert view.contour is not None
    view.contour.update(isolines=True, labels=True, lang=lang)
    view.contour.sharpen()  # a still screen (the class view): the real map at once, never the coarse first draw


def draw_terrain(target: pygame.Surface, view: PlayView) -> pygame.Rect:
    """The whole terrain over the map area (the fog and anything drawn on the map go under it); its rect."""
    assert view.transform is not None and view.contour is not None
    rect = pygame.Rect(view.transform.inner)
    target.blit(view.contour.image, rect)
    return rect


def draw_coloured_path(target: pygame.Surface, points: Sequence[Point], colour: tuple[int, int, int],
                       scale: float, outline: tuple[int, int, int]) -> None:
    """One climb: a solid coloured line on a dark under-stroke, a dot at every probe, a bigger one at the end."""
    ints = [(int(round(x)), int(round(y))) for x, y in points]
    if len(ints) >= 2:
        pygame.draw.lines(target, outline, False, ints, max(4, int(round(6 * scale))))
        pygame.draw.lines(target, colour, False, ints, max(2, int(round(3 * scale))))
    for index, pos in enumerate(ints):
        radius = (7 if index == len(ints) - 1 else 4) * scale
        pygame.draw.circle(target, outline, pos, int(round(radius + 2 * scale)))
        pygame.draw.circle(target, colour, pos, int(round(radius)))


def draw_paths(target: pygame.Surface, view: PlayView, paths: Sequence[Sequence[Point]],
               highlight: int | None = None) -> None:
    """Every path (surface points) in its own colour; the highlighted one drawn last, over the others."""
    assert view.transform is not None
    t, pal, s = view.transform, view.palette, view.ui_scale
    order = [i for i in range(len(paths)) if i != highlight] + ([highlight] if highlight is not None else [])
    clip = target.get_clip()
    target.set_clip(pygame.Rect(t.inner))
    for index in order:
        screen = [t.to_screen(x, y) for x, y in paths[index] if math.isfinite(x) and math.isfinite(y)]
        draw_coloured_path(target, screen, path_colour(index), s * (1.4 if index == highlight else 1.0),
                           pal.arrow_outline)
    target.set_clip(clip)


def free_box(box: pygame.Rect, transform: ViewTransform, fonts: Fonts, lang: str) -> pygame.Rect:
    """`box` (the map) without the axes' bottom and left rulers: where a plate hides none of their numbers."""
    box = pygame.Rect(box)
    tick = lambda value, decimals: fmt_fixed(value, decimals, lang)  # noqa: E731  (a ruler's label)
    for rect in axes.ruler_rects(transform, fonts, tick):
        if rect.w > box.w // 2 and rect.centery > box.centery:  # the bottom ruler
            box.h = max(0, rect.top - box.y)
        elif rect.h > box.h // 2 and rect.centerx < box.centerx:  # the left ruler
            box.w, box.x = max(0, box.right - rect.right), rect.right
    return box


def draw_summit(target: pygame.Surface, view: PlayView, game: Game) -> None:
    """The highest point's star (none where the surface has no highest point)."""
    assert view.transform is not None
    if game.unbounded is not None:
        return
    try:
        px, py, _ = game.peak
    except (ArithmeticError, ValueError):
        return
    if math.isfinite(px) and math.isfinite(py):
        bounds = pygame.Rect(view.transform.inner)
        glyphs.draw_summit(target, view.transform.to_screen(px, py), view.palette, view.ui_scale, bounds)


__all__ = ["PATH_COLOURS", "path_colour", "ensure_map", "draw_terrain", "draw_paths", "draw_coloured_path",
           "draw_summit", "free_box"]
