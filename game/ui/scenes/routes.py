"""The site map: the screens that other screens open by name, each built fresh with the shared context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui.scenes.base import Context, Scene
from game.ui.scenes.data_entry import DataScene
from game.ui.scenes.entry import EntryScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.level_select import LevelSelectScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene

if TYPE_CHECKING:
    from surfaces import Level


class SceneRoutes:
    """Implements base.Routes. A new screen reached from several places gets one method here."""

    def __init__(self) -> None:
        self.ctx: Context | None = None  # set once the context exists (the context holds the routes)

    def _ctx(self) -> Context:
        assert self.ctx is not None, "SceneRoutes used before its context was set"
        return self.ctx

    def title(self) -> Scene:
        """The title screen."""
        return TitleScene(self._ctx())

    def levels(self, selected: str | None = None) -> Scene:
        """Level select, with `selected` highlighted."""
        return LevelSelectScene(self._ctx(), selected)

    def play(self, level: "Level") -> Scene:
        """A fresh climb of `level`."""
        return PlayScene(self._ctx(), level)

    def help(self) -> Scene:
        """The help overlay."""
        return HelpScene(self._ctx())

    def entry(self, mode: str) -> Scene:
        """Typing an expression ("expr") or a class code ("code")."""
        return EntryScene(self._ctx(), mode)

    def data(self) -> Scene:
        """"Your data": two typed or pasted columns, fitted by a model (issue 14)."""
        return DataScene(self._ctx())


__all__ = ["SceneRoutes"]
