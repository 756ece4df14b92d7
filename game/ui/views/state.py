"""What a scene tells the play view each frame: cursor, overlays, language, clocks, message, buttons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class ViewState:
    """What the scene tells the view each frame (the view never changes the game)."""

    cursor: tuple[float, float] | None = None  # world (x, y) of the pointer, or None
    hidden: frozenset[str] | set[str] | tuple[str, ...] = frozenset()  # overlays the player switched off
    lang: str = "en"
    tr: Callable[[str], str] | None = None  # label lookup, e.g. lambda k: i18n.t(k, lang)
    now_ms: float = 0.0  # animation clock
    reveal_progress: float = 0.0  # 0..1: the sweep after a claim
    revealed: bool = False  # the map shows without fog before a claim (lab mode, --reveal; see PlayTool.reveals_map)
    show_preview: bool = True
    message: str | None = None  # a banner over the map (hints, errors)
    intro: str | None = None  # the level's intro over the map (drawn over everything else on it), or None
    intro_page: int = 0  # which page of a long intro
    hover: str | None = None  # name of the touch button under the pointer
    buttons: tuple[tuple[str, str, bool, bool], ...] = ()  # (name, label, primary, enabled) of layout.buttons
    claim_index: int | None = None  # the probe a claim would take when it is not the latest one
    page: int = 0  # the panel's page (0-based; the view clamps it to the pages there are)
    key_hints: bool = True  # False on touch screens: controls do not name keys
    extra: dict[str, Any] = field(default_factory=dict)  # room for scene-specific flags


__all__ = ["ViewState"]
