"""Freeze → everyone predicts → reveal: up to four marked points (A–D), a question, and the answers at once."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.core.verdict import compass

if TYPE_CHECKING:
    from game.core.model import Game

LETTERS = "ABCD"
MAX_POINTS = len(LETTERS)
# The questions Q cycles through: which point is highest; where the gradient points at A; what T₁ predicts at B.
QUESTIONS = ("highest", "gradient", "taylor")
QUESTION_POINT = {"highest": None, "gradient": 0, "taylor": 1}  # the point a question is about (index)


@dataclass(frozen=True)
class Answer:
    """What the reveal shows at one marked point: the height, the gradient (exact) and its compass direction, and
    the Taylor predictions from the latest probe (None: no probe to predict from, or the level has no T₂)."""

    letter: str
    x: float
    y: float
    value: float  # nan where the surface is undefined
    gradient: tuple[float, float]
    direction: str | None  # one of verdict.COMPASS, None for a zero or undefined gradient
    order1: float | None
    order2: float | None


@dataclass
class Freeze:
    """The teacher's freeze: marked points in order, the question shown, and whether the answers are out."""

    points: list[tuple[float, float]] = field(default_factory=list)
    question: int = 0
    revealed: bool = False

    @property
    def question_code(self) -> str:
        """The question shown (one of QUESTIONS)."""
        return QUESTIONS[self.question % len(QUESTIONS)]

    def next_question(self) -> None:
        """Q: the next question (the answers go back under cover, so the class predicts again)."""
        self.question = (self.question + 1) % len(QUESTIONS)
        self.revealed = False

    def mark(self, x: float, y: float, near: float) -> str:
        """Mark (x, y), or unmark the point within `near` of it: "added", "removed", "full" (four already) or
        "revealed" (the answers are out: nothing changes until the question changes)."""
        if self.revealed:
            return "revealed"
        for index, (px, py) in enumerate(self.points):
            if math.hypot(px - x, py - y) <= near:
                del self.points[index]
                return "removed"
        if len(self.points) >= MAX_POINTS:
            return "full"
        self.points.append((float(x), float(y)))
        return "added"

    def reveal(self) -> bool:
        """Enter: show the answers (False when no point is marked)."""
        self.revealed = bool(self.points)
        return self.revealed


def answers(game: "Game", points: list[tuple[float, float]]) -> list[Answer]:
    """The answers at each marked point, in order (A first)."""
    out = []
    for letter, (x, y) in zip(LETTERS, points):
        try:
            value, gradient, _ = game.surface.value_gradient_hessian(x, y)
            value = float(value)
            gx, gy = (float(v) for v in gradient)
        except (ArithmeticError, ValueError, TypeError):
            value, gx, gy = math.nan, math.nan, math.nan
        if not math.isfinite(value):
            gx = gy = math.nan
        preview = game.preview(x, y)
        out.append(Answer(letter, x, y, value, (gx, gy), compass(gx, gy), preview.order1, preview.order2))
    return out


def highest(found: list[Answer]) -> int | None:
    """The index of the highest marked point (the first of equals), or None when no height is defined."""
    defined = [(a.value, -i) for i, a in enumerate(found) if math.isfinite(a.value)]
    return -max(defined)[1] if defined else None


__all__ = ["Freeze", "Answer", "answers", "highest", "LETTERS", "MAX_POINTS", "QUESTIONS", "QUESTION_POINT"]
