"""The environment a screen draws in: window size, language, UI scale, palette, fonts, platform and overlays."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.core.options import Options
from game.text.catalog import t
from game.ui.fonts import Fonts, get_fonts
from game.ui.frame_budget import FrameBudget
from game.ui.palette import Palette, get_palette
from game.ui.views.play_view import PlayView


@dataclass
class Environment:
    """Read by every scene; the app keeps `size`, `scale` and `touch` current."""

    lang: str
    scale: float
    palette_name: str
    size: tuple[int, int]
    hidden: frozenset[str] = frozenset()  # overlays switched off (--hide)
    browser: bool = False
    touch: bool = False  # True once a finger was seen (or in the browser): key hints are left out
    headless: bool = False
    classroom: bool = False  # --classroom: the teacher's key legend shows over the map
    # someone watches (a window, the browser) or the fuzzer stands in for them: a large new map and the 3D view
    # are drawn coarse first and sharp on the next frame; headless pictures are drawn sharp at once
    progressive: bool = False
    palette: Palette = field(init=False)
    budget: FrameBudget = field(init=False)  # work that can wait waits when a frame is long (only when progressive)
    fonts: Fonts = field(init=False)
    _play_view: PlayView | None = field(default=None, init=False, repr=False)
    # the run's options (feature areas read their own flags and the mode here) and the state a feature area
    # keeps for the whole run, across screens (the 3D view's camera, the readout and sound switches)
    options: Options = field(default_factory=Options, repr=False)
    features: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.palette = get_palette(self.palette_name)
        self.fonts = get_fonts(self.scale)
        self.budget = FrameBudget(enabled=self.progressive)

    def rescale(self, scale: float) -> None:
        """A new UI scale (the window changed size or went fullscreen): new fonts, and a new PlayView (its map,
        fog and glyphs are drawn at the scale it was made with)."""
        if scale == self.scale:
            return
        self.scale = scale
        self.fonts = get_fonts(scale)
        self._play_view = None

    def tr(self, key: str) -> str:
        """A UI string in the game's language."""
        return t(key, self.lang)

    def toggle_overlay(self, name: str) -> None:
        """Switch an overlay off, or back on (a key such as G for the axes; --hide sets the first state)."""
        self.hidden = frozenset(self.hidden ^ {name})

    def play_view(self) -> PlayView:
        """The one PlayView (its contour map and fog caches survive restarts of the same level)."""
        if self._play_view is None:
            self._play_view = PlayView(self.scale, self.palette_name, progressive=self.progressive,
                                       budget=self.budget)
        return self._play_view

    def release_play_view(self) -> bool:
        """No screen shows the play view, or the window has a new size: free its window-sized layers (rebuilt
        when it is drawn again). True when it held some (then memory.trim() after the frame gives them back)."""
        if self._play_view is None:
            return False
        self._play_view.release()
        return True


__all__ = ["Environment"]
