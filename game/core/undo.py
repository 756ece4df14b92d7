"""Undo the last probe: the game is played again without it (score, probes left and verdict inputs agree)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.model import Game

# What Game.reset() forgets that depends only on the level (peak search, resolution): kept across the replay so
# an undo costs the probes' evaluations, not a new peak search.
_LEVEL_CACHES = ("_range", "_peak", "_judge", "_unbounded", "_resolution")


def undo_last(game: "Game") -> bool:
    """Take back the latest probe (and any height guess typed for the next one); False when there is none or
    the game is over (a claimed summit stays claimed)."""
    if not game.probes or game.finished:
        return False
    kept = [(probe.x, probe.y, probe.guess) for probe in game.probes[:-1]]
    caches = {name: getattr(game, name) for name in _LEVEL_CACHES}
    game.reset()
    for name, value in caches.items():
        setattr(game, name, value)
    for x, y, guess in kept:
        game.predict(guess)
        game.probe(x, y)
    game.predict(None)
    return True


__all__ = ["undo_last"]
