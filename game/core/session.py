"""The session a player's screens share: the built-in levels, progress and its store, and the games played."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.core.climbers import summary
from game.core.levels import is_builtin
from game.core.model import Game
from game.core.storage import LevelRecord, Notice, Progress, Store

if TYPE_CHECKING:
    from game.core.record import Recorder
    from surfaces import Level


class Session:
    """What outlives one screen: levels, progress, every game finished, and the recorder to tell about them."""

    def __init__(self, store: Store, progress: Progress, levels: list["Level"],
                 recorder: "Recorder | None" = None) -> None:
        self.store = store
        self.progress = progress
        self.levels = levels
        self.recorder = recorder
        self.games: list[Game] = []  # every game finished in this session, in order
        self.last_game: Game | None = None  # the game of the latest play screen

    def started(self, game: Game) -> None:
        """A play screen opened with `game`."""
        self.last_game = game
        if self.recorder is not None:
            self.recorder.level = game.level.id

    def finish(self, game: Game) -> tuple[LevelRecord | None, bool, Notice | None]:
        """A game was claimed: remember it and save progress for built-in levels.

        Returns (the best record before this play or None, whether this play improved it, a save notice or None).
        """
        self.games.append(game)
        if self.recorder is not None:
            self.recorder.result = summary(game)
        if not is_builtin(game.level):
            return None, False, None
        before = self.progress.best(game.level.id)
        score = game.score()
        improved = self.progress.record(game.level.id, score.total, score.stars)
        notice = self.store.save_progress(self.progress) if improved else None
        return before, improved, notice

    def next_level(self, level: "Level") -> "Level | None":
        """The built-in level after `level`, or None (last level, or not a built-in level)."""
        ids = [known.id for known in self.levels]
        if level.id in ids and ids.index(level.id) + 1 < len(ids):
            return self.levels[ids.index(level.id) + 1]
        return None

    def continue_level(self) -> "Level":
        """The first built-in level not finished yet (or the first level when all are)."""
        for level in self.levels:
            if self.progress.best(level.id) is None:
                return level
        return self.levels[0]

    def summary(self) -> dict[str, Any] | None:
        """The one JSON line's data for the latest game (finished or not), or None before any."""
        game = self.games[-1] if self.games else self.last_game
        return summary(game) if game is not None else None


__all__ = ["Session"]
