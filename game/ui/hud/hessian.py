"""The Hessian block: the 2×2 matrix in brackets, its eigenvalues and what their signs say about the shape."""

from __future__ import annotations

import pygame

from game.core.model import Probe
from game.ui.hud.flow import PRIORITY_HESSIAN, Block, Pen
from surfaces.calculus import classify_hessian


def _draw_brackets(pen: Pen, rect: pygame.Rect, width: int) -> None:
    """Matrix brackets on both sides of `rect`."""
    for side in (rect.left, rect.right):
        d = pen.px(6) if side == rect.left else -pen.px(6)
        pygame.draw.lines(pen.target, pen.palette.muted_text, False,
                          [(side + d, rect.top), (side, rect.top), (side, rect.bottom), (side + d, rect.bottom)], width)


def shape_words(pen: Pen, kind: str, point: str) -> str:
    """What the Hessian says here: a stationary point of its shape (the game's rule: docs/scoring.md), or only
    the shape where the gradient is too large to stop ("summit-shaped here, not stationary")."""
    if point == kind:
        return pen.label(f"hud.point.{kind}")
    return pen.label("hud.shape.moving", shape=pen.label(f"hud.shape.{kind}"))


def hessian(pen: Pen, last: Probe, point: str, curvature: float = 1.0, zero: float = 0.0) -> Block:
    """H at the last probe, λ₁ and λ₂ (beside the matrix or under it), and what they mean at this `point` (the
    game's point_of: the shape where it is stationary, else "not stationary"), with the surface's `curvature`;
    entries at or below the noise floor `zero` read 0."""
    fonts, s, col_w = pen.fonts, pen.s, pen.col_w
    (a, b), (_, c) = last.hessian
    kind, (l1, l2), _ = classify_hessian(a, b, c, scale=curvature)
    cells = [pen.fmt(a, zero), pen.fmt(b, zero), pen.fmt(b, zero), pen.fmt(c, zero)]
    cell_w = max(fonts.measure(text, "body")[0] for text in cells) + int(14 * s)
    bracket_w = 2 * cell_w + int(16 * s)
    matrix_h = 2 * pen.h_body + int(4 * s)
    eigs = [pen.label("hud.eigen1", value=pen.fmt(l1, zero)), pen.label("hud.eigen2", value=pen.fmt(l2, zero))]
    eig_x = bracket_w + int(14 * s)
    eig_beside = eig_x + max(fonts.measure(e, "body")[0] for e in eigs) <= col_w
    eig_line = pen.label("hud.eigen_pair", first=pen.fmt(l1, zero), second=pen.fmt(l2, zero))
    eig_size, eig_lines = pen.fitted(eig_line, ("body", "label", "small"), col_w)
    eig_h = 0 if eig_beside else fonts.font(eig_size).get_height() * len(eig_lines) + int(2 * s)
    words = shape_words(pen, kind, point)
    words_size, words_lines = pen.fitted(words, ("body", "label", "small"), col_w)
    words_h = fonts.font(words_size).get_height()

    def draw(x: int, y: int, w: int) -> None:
        fonts.draw(pen.target, pen.label("hud.hessian"), (x, y), "small", pen.palette.muted_text)
        top = y + pen.h_small + int(2 * s)
        lw = max(2, int(2 * s))
        bracket = pygame.Rect(x + lw // 2, top, bracket_w - lw, matrix_h)  # the lines stay inside the column
        _draw_brackets(pen, bracket, lw)
        for i, text in enumerate(cells):
            cx = x + int(8 * s) + (i % 2) * cell_w + cell_w - int(6 * s)
            fonts.draw(pen.target, text, (cx, top + int(2 * s) + (i // 2) * pen.h_body), "body",
                       pen.palette.panel_text, "topright")
        below = bracket.bottom + int(4 * s)
        if eig_beside:
            for i, e in enumerate(eigs):
                fonts.draw(pen.target, e, (x + eig_x, top + int(2 * s) + i * pen.h_body), "body", pen.palette.panel_text)
        else:
            for i, line in enumerate(eig_lines):
                fonts.draw(pen.target, line, (x, below + i * fonts.font(eig_size).get_height()), eig_size,
                           pen.palette.panel_text)
            below += eig_h
        colour = pen.palette.good if point == "maximum" else pen.palette.panel_text
        for i, line in enumerate(words_lines):
            fonts.draw(pen.target, line, (x, below + i * words_h), words_size, colour)

    height = pen.h_small + int(2 * s) + matrix_h + int(4 * s) + eig_h + words_h * len(words_lines)
    return PRIORITY_HESSIAN, height, draw
