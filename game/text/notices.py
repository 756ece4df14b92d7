"""Saved-file notices (game.core.storage.Notice) as one sentence in the player's language."""

from __future__ import annotations

from game.core.storage import Notice
from game.text.catalog import n, t


def notice_text(notice: Notice, lang: str = "en") -> str:
    """The banner for a notice: which file, what is wrong with it, and what the game does about it."""
    problem = ""
    if notice.problem:
        problem = t(f"storage.problem.{notice.problem}", lang, detail=notice.detail)
        if notice.more:
            problem = n("storage.problem.more", notice.more, lang, problem=problem, more=notice.more)
    return t(f"storage.{notice.code}", lang, where=notice.where, problem=problem, detail=notice.detail,
             new=notice.new)


__all__ = ["notice_text"]
