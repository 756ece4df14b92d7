"""Play tools: feature areas (lab overlays, climbers, classroom keys, readout, sound) plugged into the play scene.

A tool sees every action before the scene, draws over the play view and hears of each probe, so a feature
lives in its own module instead of growing the scene. Register a tool class in `TOOL_CLASSES` below."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A

if TYPE_CHECKING:
    from game.core.layout import Layout
    from game.core.probe import Probe
    from game.ui.views.state import ViewState


class PlayTool:
    """One feature area's part of the play scene; every hook does nothing unless the tool overrides it.

    With `on_result` True the tool is also made for the result screen (its scene then has `game` and `env` but no
    cursor), where only `draw` is called: what the reveal adds to the map."""

    on_result = False

    on_result = False  # True: the result screen builds it too (its scene is the ResultScene: a finished game, no cursor)

    def __init__(self, scene: Any) -> None:
        self.scene = scene  # the PlayScene (not imported: the scene imports this module)

    @property
    def text_mode(self) -> bool:
        """True while the tool has a text field open (keys type text instead of commands)."""
        return False

    @property
    def reveals_map(self) -> bool:
        """True when the map shows without fog before any claim (lab mode, --reveal)."""
        return False

    @property
    def hides_preview(self) -> bool:
        """True while the cursor's Taylor numbers must not show (the class is asked to predict them)."""
        return False

    def handle(self, action: A.Action) -> bool:
        """Act on `action`; True when the tool used it (the scene then does nothing more with it)."""
        return False

    def intercept(self, action: A.Action) -> bool:
        """See `action` before anything else, even an open text field (an on-screen keypad over it); True: used."""
        return False

    def after_probe(self, probe: "Probe") -> None:
        """A probe was placed (by the player, a script or a climber)."""

    def after_claim(self, verdict: Any) -> None:
        """The player claimed a summit: `verdict` is the game's Verdict (the result screen comes next)."""

    def update(self, dt: float) -> None:
        """`dt` seconds passed (animations, timers)."""

    def view(self, state: "ViewState") -> "ViewState":
        """What the play view is told this frame, as this tool changes it (e.g. depth mode hides the slopes)."""
        return state

    def frame_key(self) -> object:
        """What the tool shows that can change without input (None: nothing); a new value redraws the frame."""
        return None

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        """Draw over the play view (after the map, the HUD and the scene's own plates)."""


def tool_classes() -> tuple[type[PlayTool], ...]:
    """The tools every play scene gets, in the order they see actions and draw (imported here, not at the top,
    so a tool module may import the play scene's helpers without a cycle)."""
    classes: list[type[PlayTool]] = []
    # Each feature area appends its tool in its own block: `from game.ui.tools.x import XTool; classes.append(XTool)`.

    # --- the calculus lab (issue 12) ---
    from game.ui.tools.lab import LabTool
    classes.append(LabTool)

    from game.ui.tools.view3d import View3DTool  # the 3D view
    classes.append(View3DTool)

    # --- climbers and step rules (issue 13) ---
    from game.ui.tools.climb import ClimbTool
    from game.ui.tools.depth import DepthTool
    from game.ui.tools.race import RaceTool
    classes += [ClimbTool, DepthTool, RaceTool]

    # --- model levels (issue 14) ---
    from game.ui.tools.model_inset import ModelInset
    from game.ui.tools.chain_graph import ChainGraph
    classes += [ModelInset, ChainGraph]

    # --- the classroom (issue 15) ---
    from game.ui.tools.classroom import ClassroomTool
    classes.append(ClassroomTool)

    # --- every learner (issue 16) ---
    from game.ui.tools.readout import ReadoutTool
    from game.ui.tools.sound import SoundTool
    from game.ui.tools.keys import KeypadTool
    from game.ui.tools.commands import CommandsTool
    classes += [ReadoutTool, SoundTool, KeypadTool, CommandsTool]

    return tuple(classes)


__all__ = ["PlayTool", "tool_classes"]
