"""Named input actions: the plain-data `Action` every input source (keys, mouse, touch, autoplay, replay) becomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Action kinds. Scenes see only these, never raw events.
MOVE = "move"              # dx, dy in screen directions (right, down = +1); fine = small steps
POINT = "point"            # pointer hovers / drags at pixel `pos`
CLICK = "click"            # a press or a tap at pixel `pos`
PROBE = "probe"            # probe at the cursor, or at surface point `at` (autoplay)
CLAIM = "claim"            # claim the summit
PREDICT = "predict"        # open the height-guess input
CONFIRM = "confirm"        # Enter: accept / choose
BACK = "back"              # Esc: cancel, back, pause during play
HELP = "help"
INTRO = "intro"            # show the level's intro again (next page, or close it, while it shows)
PAUSE = "pause"
FULLSCREEN = "fullscreen"
NEXT = "next"              # next level (after a result), next item
PREV = "prev"
TEXT = "text"              # typed characters in `text`
ERASE = "erase"            # Backspace in a text field
DELETE = "delete"          # Delete in a text field
ADJUST = "adjust"          # mouse wheel: dy steps (+1 = up)
EXPR = "expr"              # open the custom-expression entry
CODE = "code"              # open the class-code entry
LEVELS = "levels"          # open level select
RESTART = "restart"        # restart the level
RESIZE = "resize"          # the window now has size `pos`
QUIT = "quit"              # the window was closed
HOME = "home"              # Home in a text field: caret to the start
END = "end"                # End in a text field: caret to the end
AXES = "axes"              # show or hide the axes overlay (ticks and coordinates on the map's edges)
PAGE = "page"              # the panel's next page (dx = -1: the page before)
TOGGLE = "toggle"          # switch the overlay named in `text` off or on (number keys; see game/ui/input.py)

KINDS = (MOVE, POINT, CLICK, PROBE, CLAIM, PREDICT, CONFIRM, BACK, HELP, INTRO, PAUSE, FULLSCREEN, NEXT, PREV, TEXT,
         ERASE, DELETE, ADJUST, EXPR, CODE, LEVELS, RESTART, RESIZE, QUIT, HOME, END, AXES, PAGE, TOGGLE)


# Each feature area adds its kinds in its own block: NAME = "name" lines, then KINDS += (NAME, ...).

# --- the calculus lab (issue 12) ---
LAB_H = "lab_h"            # the gradient lab's h: dx = -1 smaller, +1 larger (one step of the 1-2-5 scale)
LAB_TURN = "lab_turn"      # turn the slice's direction by dx × 15° (anticlockwise for +1)
LAB_AXIS = "lab_axis"      # the slice's next direction kind: x, y, the gradient, free
KINDS += (LAB_H, LAB_TURN, LAB_AXIS)

# the 3D view
VIEW = "view"              # D: switch between the map and the 3D view
DRAG = "drag"              # the pointer moved by (dx, dy) px with the main button or a finger down (3D: turn)
RELEASE = "release"        # the main button or a finger came up at `pos` (3D: a click that did not drag probes)
KINDS += (VIEW, DRAG, RELEASE)

# --- climbers and step rules (issue 13) ---
CLIMB = "climb"            # one auto-climb step of the chosen climber (fine, i.e. Shift: five steps)
CLIMBER = "climber"        # choose the next climber (text: a climber's name)
TUNE_DOWN = "tune_down"    # γ one notch smaller (fine, i.e. Shift: β)
TUNE_UP = "tune_up"        # γ one notch larger (fine: β)
RULES = "rules"            # open the step-rule editor
RACE = "race"              # the optimiser race on the map
KINDS += (CLIMB, CLIMBER, TUNE_DOWN, TUNE_UP, RULES, RACE)

# --- model levels (issue 14) ---
DATA = "data"              # open the "Your data" screen (two typed or pasted columns, fitted by a model)
PASTE = "paste"            # Ctrl+V in a text field: the field reads the clipboard itself (a recording holds no text)
KINDS += (DATA, PASTE)

# --- the classroom (issue 15) ---
REVEAL = "reveal"          # X: the teacher shows the whole map (the game ends without a score)
UNDO = "undo"              # U, Ctrl+Z: take back the last probe
FREEZE = "freeze"          # F: freeze → everyone predicts → reveal (marks A–D, a question, the answers)
QUESTION = "question"      # Q (in the freeze): the next question
EXPORT = "export"          # S: the map as PNG and the probes as CSV
DROP = "drop"              # a file dropped on the window (its path in `text`): a student's recording
KINDS += (REVEAL, UNDO, FREEZE, QUESTION, EXPORT, DROP)

# --- every learner (issue 16) ---
READOUT = "readout"        # T: the text readout on or off
SOUND = "sound"            # M: sound on or off
KEYPAD = "keypad"          # the on-screen keypad of a text field: open or close it (touch)
KINDS += (READOUT, SOUND, KEYPAD)


@dataclass(frozen=True)
class Action:
    """One thing the player asked for; plain data, so it can be recorded and replayed."""

    kind: str
    dx: float = 0.0
    dy: float = 0.0
    fine: bool = False
    pos: tuple[int, int] | None = None
    at: tuple[float, float] | None = None
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        """The fields that differ from the defaults, as JSON-ready data."""
        data: dict[str, Any] = {"kind": self.kind}
        if self.dx:
            data["dx"] = self.dx
        if self.dy:
            data["dy"] = self.dy
        if self.fine:
            data["fine"] = True
        if self.pos is not None:
            data["pos"] = list(self.pos)
        if self.at is not None:
            data["at"] = list(self.at)
        if self.text:
            data["text"] = self.text
        return data

    @classmethod
    def from_json(cls, data: Any) -> "Action":
        """Rebuild an action from `to_json` data; raise ValueError when it is malformed."""
        if not isinstance(data, dict) or data.get("kind") not in KINDS:
            raise ValueError(f"not an action: {str(data)[:60]}")
        unknown = set(data) - {"kind", "dx", "dy", "fine", "pos", "at", "text"}
        if unknown:
            raise ValueError(f"unknown action field {sorted(unknown)[0]!r}")

        def number(value: Any) -> float:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not abs(value) <= MAX_COORDINATE:
                raise ValueError(f"not a number from -{MAX_COORDINATE:g} to {MAX_COORDINATE:g}: {str(value)[:30]}")
            return float(value)

        def pair(value: Any, kind: type) -> Any:
            if value is None:
                return None
            if not isinstance(value, list) or len(value) != 2:
                raise ValueError(f"not a pair: {str(value)[:30]}")
            return (kind(number(value[0])), kind(number(value[1])))

        text = data.get("text", "")
        if not isinstance(text, str) or len(text) > 200:
            raise ValueError("bad text field")
        fine = data.get("fine", False)
        if not isinstance(fine, bool):
            raise ValueError("bad fine field")
        return cls(data["kind"], number(data.get("dx", 0.0)), number(data.get("dy", 0.0)), fine,
                   pair(data.get("pos"), int), pair(data.get("at"), float), text)


MAX_COORDINATE = 1e6  # recorded numbers (pixels, surface points, steps) beyond this are not real input


__all__ = ["Action", "KINDS", "MAX_COORDINATE"] + [name.upper() for name in KINDS]
