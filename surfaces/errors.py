"""Exceptions raised by the surfaces package."""

from __future__ import annotations


class ExpressionError(ValueError):
    """A user-typed expression could not be parsed; ``position`` is the 0-based character index."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


class LevelError(ValueError):
    """A level file is invalid; the message names the file and the field (``problems`` lists all)."""

    def __init__(self, problems: list[str] | str) -> None:
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        message = self.problems[0] if self.problems else "invalid level"
        if len(self.problems) > 1:
            message += f" (and {len(self.problems) - 1} more problem(s))"
        super().__init__(message)


BRIEF = 60  # characters of a user's input a message echoes at most


def clip(text: str, limit: int = BRIEF) -> str:
    """`text` cut to `limit` characters with "…"."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def brief(value: object, limit: int = BRIEF) -> str:
    """repr(value), cut to `limit` characters with "…": a message never echoes a megabyte of input."""
    return clip(repr(value), limit)
