"""A multi-line text with a caret (the step-rule editor's): typing, erasing and moving by actions, no pygame."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TextBuffer:
    """`text` with the caret at index `caret` (0..len); at most `limit` characters."""

    text: str = ""
    caret: int = 0
    limit: int = 2000

    def __post_init__(self) -> None:
        self.text = self.text[:self.limit]
        self.caret = max(0, min(self.caret, len(self.text)))

    def set(self, text: str) -> None:
        """Replace everything; the caret goes to the end."""
        self.text = text[:self.limit]
        self.caret = len(self.text)

    def insert(self, typed: str) -> None:
        """Type `typed` at the caret (tabs become two spaces; other control characters are dropped)."""
        typed = "".join(ch for ch in typed.replace("\t", "  ") if ch == "\n" or ch.isprintable())
        typed = typed[:max(0, self.limit - len(self.text))]
        self.text = self.text[:self.caret] + typed + self.text[self.caret:]
        self.caret += len(typed)

    def erase(self) -> None:
        """Backspace: the character before the caret."""
        if self.caret > 0:
            self.text = self.text[:self.caret - 1] + self.text[self.caret:]
            self.caret -= 1

    def delete(self) -> None:
        """Delete: the character after the caret."""
        self.text = self.text[:self.caret] + self.text[self.caret + 1:]

    def row_col(self, index: int | None = None) -> tuple[int, int]:
        """0-based line and column of `index` (the caret by default)."""
        index = self.caret if index is None else max(0, min(index, len(self.text)))
        row = self.text.count("\n", 0, index)
        return row, index - (self.text.rfind("\n", 0, index) + 1)

    def lines(self) -> list[str]:
        """The text's lines (at least one)."""
        return self.text.split("\n")

    def index(self, row: int, col: int) -> int:
        """The index of line `row`, column `col` (both clamped)."""
        lines = self.lines()
        row = max(0, min(row, len(lines) - 1))
        return sum(len(line) + 1 for line in lines[:row]) + max(0, min(col, len(lines[row])))

    def move(self, dx: int, dy: int) -> None:
        """Arrow keys: dx characters left/right, dy lines up/down (keeping the column where the line allows)."""
        if dx:
            self.caret = max(0, min(len(self.text), self.caret + dx))
        if dy:
            row, col = self.row_col()
            self.caret = self.index(row + dy, col)

    def home(self) -> None:
        """To the start of the line."""
        row, _ = self.row_col()
        self.caret = self.index(row, 0)

    def end(self) -> None:
        """To the end of the line."""
        row, _ = self.row_col()
        self.caret = self.index(row, len(self.lines()[row]))


__all__ = ["TextBuffer"]
