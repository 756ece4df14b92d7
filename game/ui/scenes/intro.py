"""The level's intro over the play map: by itself until the first probe; I or the Intro button shows it again."""

from __future__ import annotations


class IntroState:
    """Whether the intro shows, which page, and whether the player asked for it (then Esc closes it too).

    I, the Intro button and a click on the intro all `press` it: show it, else turn to its next page, else (on the
    last page) close it. Any probe closes it. None of this ever costs a probe."""

    def __init__(self) -> None:
        self.shown = True  # the level's intro is over the map (by itself until the first probe)
        self.reopened = False  # the player asked for it again: it stays until closed, and Esc closes it
        self.page = 0

    def press(self, pages: int) -> None:
        """Show the intro from its first page, or turn to the next of `pages`, or close it after the last."""
        if not self.shown:
            self.shown, self.reopened, self.page = True, True, 0
        elif self.page + 1 < pages:
            self.page += 1
        else:
            self.close()

    def close(self) -> None:
        self.shown, self.reopened, self.page = False, False, 0


__all__ = ["IntroState"]
