"""Drives `--probe`/`--claim` and `--autoplay` through the same actions a player sends (recordings hold them)."""

from __future__ import annotations

from typing import Any, Protocol

from game.core import actions as A
from game.core import rule_climber
from game.core.climbers import next_move
from game.core.model import Game
from game.core.options import Options
from game.ui.scenes.base import Scene
from game.ui.scenes.play import PlayScene

AUTOPLAY_EVERY = 12  # frames between autoplay moves in a window
AUTOPLAY_LINGER = 150  # frames the result stays on screen before a windowed autoplay exits


class Host(Protocol):
    """What the autoplayer needs of the running app."""

    options: Options
    headless: bool
    frame: int
    running: bool
    stack: list[Scene]

    @property
    def top(self) -> Scene:
        """The scene that gets the actions."""

    def pop(self) -> None:
        """Close the top scene."""

    def dispatch(self, action: A.Action) -> None:
        """Route (and record) one action."""

    def update(self, dt: float) -> None:
        """Advance the scenes by dt seconds."""


def _play_scene(app: Host) -> PlayScene | None:
    """The play scene, once overlays such as Help are closed (None while another screen shows)."""
    while not isinstance(app.top, PlayScene) and len(app.stack) > 1:
        app.pop()
    return app.top if isinstance(app.top, PlayScene) else None


class ScriptedProbes:
    """`--probe X,Y ... [--claim]`: the probes in order on the first frame, then the claim unless --autoplay
    goes on from the last probe. A headless run without --frames or --autoplay ends after the script."""

    def __init__(self, probes: tuple[tuple[float, float], ...], claim: bool) -> None:
        self.probes = probes
        self.claim = claim
        self.done = False

    def step(self, app: Host) -> None:
        """Called once per frame before the autoplayer and the scenes update."""
        if self.done:
            return
        scene = _play_scene(app)
        if scene is None:
            return
        for x, y in self.probes:
            app.dispatch(A.Action(A.PROBE, at=(float(x), float(y))))
        if self.claim and not app.options.autoplay:  # an autoplayer claims where it stops
            app.dispatch(A.Action(A.CLAIM))
        self.done = True
        if app.headless and app.options.frames is None and not app.options.autoplay:
            app.update(60.0)  # let the reveal finish for the screenshot
            app.running = False


class AutoPlayer:
    """One climber policy playing the level on screen; it finishes once the game is claimed."""

    def __init__(self, policy: str, rule: str | None = None) -> None:
        self.policy = policy
        self.state: dict[str, Any] = {}
        self.run = rule_climber.start_run(rule) if policy == "rule" and rule else None  # --autoplay rule
        self.done_at: int | None = None  # frame at which the game was finished

    def step(self, app: Host) -> None:
        """Called once per frame before the scenes update."""
        frames = app.options.frames
        if self.done_at is not None:  # --frames decides when to stop; else headless stops now, a window lingers
            if frames is None and (app.headless or app.frame - self.done_at >= AUTOPLAY_LINGER):
                app.running = False
            return
        scene = _play_scene(app)
        if scene is None:
            return
        game = scene.game
        last_frame = frames is not None and app.frame >= frames - 1
        if (app.headless and frames is None) or last_frame:  # all at once
            for _ in range(game.budget + 3):
                if game.finished or self.move(app, game):
                    break
            if not game.finished:
                app.dispatch(A.Action(A.CLAIM))
            app.update(60.0)  # let the reveal finish for the screenshot
            self.done_at = app.frame  # lab mode refuses claims: the climb is over all the same
        else:
            every = AUTOPLAY_EVERY if frames is None else max(1, min(AUTOPLAY_EVERY, (frames - 2) // (game.budget + 3)))
            if app.frame % every == 0 and self.move(app, game):
                self.done_at = app.frame  # it claimed (lab mode may refuse the claim: the climb still ends)
        if game.finished:
            self.done_at = app.frame

    def move(self, app: Host, game: Game) -> bool:
        """One move: a probe where the policy says, or the claim (also when the probe was refused). True when it
        claimed (the climber has nothing more to do, whether or not the game took the claim)."""
        move = next_move(game, self.policy, self.state) if self.run is None else rule_climber.next_move(game, self.run)
        count = len(game.probes)
        claimed = move[0] != "probe" or len(game.probes) == count
        if move[0] == "probe":
            app.dispatch(A.Action(A.PROBE, at=(float(move[1]), float(move[2]))))
            claimed = len(game.probes) == count
            if claimed:  # refused: nothing more to learn, so claim
                app.dispatch(A.Action(A.CLAIM))
        else:  # ("claim",) the latest probe, or ("claim", x, y) the earlier probe there
            app.dispatch(A.Action(A.CLAIM, at=(float(move[1]), float(move[2])) if len(move) == 3 else None))
        if not game.finished and not game.probes and game.probes_left == 0:
            app.running = False  # nothing can be done (a level without probes)
        return claimed


    def extra(self) -> dict[str, Any]:
        """What the JSON line adds for a rule: why its run stopped ("stop", one of rule_climber.STOPS)."""
        return {"stop": self.run.stop} if self.run is not None and self.run.stop is not None else {}


__all__ = ["AutoPlayer", "ScriptedProbes", "AUTOPLAY_EVERY", "AUTOPLAY_LINGER"]
