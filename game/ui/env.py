"""The environment a screen draws in: window size, language, UI scale, palette, fonts, platform and overlays."""

from __future__ import annotations

from dataclasses import dataclass, field
from game.text.catalog import t
from game.ui.fonts import Fonts, get_fonts
from game.ui.palette import Palette, get_palette
from game.ui.views.play_view import PlayView


@dataclass
class Environment:
    """Read by every scene; the app keeps `size` and `touch` current."""

    lang: str
    scale: float
    palette_name: str
    size: tuple[int, int]
    hidden: frozenset[str] = frozenset()  # overlays switched off (--hide)
    browser: bool = False
    touch: bool = False  # True once a finger was seen (or in the browser): key hints are left out
    headless: bool = False
    palette: Palette = field(init=False)
    fonts: Fonts = field(init=False)
    _play_view: PlayView | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.palette = get_palette(self.palette_name)
        self.fonts = get_fonts(self.scale)

    def tr(self, key: str) -> str:
        """A UI string in the game's language."""
        return t(key, self.lang)

    def play_view(self) -> PlayView:
        """The one PlayView (its contour map and fog caches survive restarts of the same level)."""
        if self._play_view is None:
            self._play_view = PlayView(self.scale, self.palette_name)
        return self._play_view

    def release_play_view(self) -> bool:
        """No screen shows the play view, or the window has a new size: free its window-sized layers (rebuilt
        when it is drawn again). True when it held some (then memory.trim() after the frame gives them back)."""
        if self._play_view is None:
            return False
        self._play_view.release()
        return True


__all__ = ["Environment"]
