"""Render the climbers' screenshots headlessly: the step-rule editor, the optimiser race and depth mode.

`python tools/screenshots_climb.py [OUT_DIR]` writes rule-editor.png, race.png and depth.png (default:
docs/screenshots), the README's pictures of issue 13's screens.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tools.screenshots as S  # noqa: E402  (sets the dummy drivers)
from game.core import actions as A  # noqa: E402
from game.ui.app import save_screenshot  # noqa: E402

RULE = "# momentum with a speed limit\nvx = 0.7*vx + gx\nvy = 0.7*vy + gy\nv = sqrt(vx^2 + vy^2)\n" \
       "dx = 0.3*vx/max(1, v)\ndy = 0.3*vy/max(1, v) + gz"


def editor(out: Path) -> None:
    """The editor with the inputs beside it and a typo flagged at its line and column."""
    app = S._app(["--level", "two-peaks", "--size", "1280x800"])
    S._frames(app, 3)
    app.dispatch(A.Action(A.RULES))
    app.top.buffer.set("")
    for number, line in enumerate(RULE.split("\n")):
        if number:
            app.dispatch(A.Action(A.CONFIRM))
        app.dispatch(A.Action(A.TEXT, text=line))
    S._frames(app, 2)
    save_screenshot(app.screen, str(out / "rule-editor.png"))


def race(out: Path) -> None:
    """Five climbers from one probe on "Two peaks", all steps shown, with the table."""
    app = S._app(["--level", "two-peaks", "--size", "1280x800"])
    S._frames(app, 3)
    app.dispatch(A.Action(A.PROBE, at=(-2.4, -2.2)))
    app.dispatch(A.Action(A.TUNE_DOWN))
    S._frames(app, 30)
    app.dispatch(A.Action(A.RACE))
    S._frames(app, 60 * 7)
    save_screenshot(app.screen, str(out / "race.png"))


def depth(out: Path) -> None:
    """Depth mode: heights only, six probes, the panel without slopes."""
    app = S._app(["--level", "two-peaks", "--size", "1280x800", "--mode", "depth"])
    S._frames(app, 3)
    S._climb(app, 6)
    S._frames(app, 30)
    save_screenshot(app.screen, str(out / "depth.png"))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for shot in (editor, race, depth):
        shot(out)
    print(f"wrote rule-editor.png, race.png and depth.png to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
