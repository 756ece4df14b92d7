"""Depth mode in the play scene (heights only: no arrows, partials, ρ or Taylor) and the budget warning.

Depth mode (--mode depth, or a level's "mode": "depth") hides the slope overlays for the whole level (the
number keys cannot bring them back) and tells the panel to show heights only; the learner estimates the slope
by rise over run from their own probes. The "Hurry up!" plate shows in every mode when few probes are left."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.core.depth import DEPTH_HIDDEN, hurry, is_depth
from game.text.catalog import n, t
from game.ui.tools import PlayTool

if TYPE_CHECKING:
    from game.core.layout import Layout
    from game.ui.views.state import ViewState


class DepthTool(PlayTool):
    """Hides the slopes in depth mode; warns when the budget runs low."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.depth = is_depth(scene.env.options.mode, getattr(scene.level, "mode", "play"))

    def handle(self, action: A.Action) -> bool:
        if self.depth and action.kind == A.TOGGLE and action.text in DEPTH_HIDDEN:
            self.scene.say("climb.depth.no_slopes")
            return True
        return False

    def view(self, state: "ViewState") -> "ViewState":
        if not self.depth:
            return state
        return dataclasses.replace(state, hidden=frozenset(state.hidden) | DEPTH_HIDDEN, show_preview=False,
                                   extra={**state.extra, "depth": True})

    def frame_key(self) -> object:
        return hurry(self.scene.game)

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        env = self.scene.env
        box = pygame.Rect(tuple(layout.map_rect))
        pad = int(8 * env.scale)
        if self.scene.intro_rect() is not None:
            return  # nothing over the level's intro
        if self.depth:  # the mode is said on the map, where the arrows would be
            env.fonts.draw(target, t("climb.depth.tag", env.lang), (box.right - pad, box.bottom - pad - int(30 * env.scale)),
                           "label", env.palette.plate_text, anchor="bottomright", plate=env.palette.plate)
        left = hurry(self.scene.game)
        if left is not None:
            words = n("climb.hurry", left, env.lang, left=left)
            env.fonts.draw(target, words, (box.centerx, box.y + pad), "body", env.palette.bad,
                           anchor="midtop", plate=env.palette.plate)


__all__ = ["DepthTool"]
