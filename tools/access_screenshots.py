"""Render the access screenshots headlessly: `python tools/access_screenshots.py [OUT_DIR]`.

The text readout over a climb (1280×800), the guess keypad (touch, 1280×800 and 640×480), the class-code and
formula keypads and the "Keys" sheet (640×480 and classroom 1920×1080), and every page of the help at 640×480 1× and in classroom
mode at 1920×1080. Default OUT_DIR: docs/screenshots/access.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.screenshots import _app, _climb, _frames  # noqa: E402  (sets the dummy drivers first)

import pygame  # noqa: E402

from game.core import actions as A  # noqa: E402
from game.ui.app import App, save_screenshot  # noqa: E402

LEVEL = "tilted-hill"


def _climbing(flags: list[str], touch: bool = False) -> App:
    app = _app(["--level", LEVEL, *flags])
    app.env.touch = touch
    _frames(app, 2)
    _climb(app, 3)
    last = app.top.game.probes[-1]
    app.top.cursor = app.top.lattice.snap(last.x + 0.4, last.y - 0.3)
    _frames(app, 30)
    return app


def readout(out: Path) -> None:
    app = _climbing(["--size", "1280x800"])
    app.dispatch(A.Action(A.READOUT))
    _frames(app, 30)
    save_screenshot(app.screen, str(out / "readout.png"))


def guess_keypad(out: Path) -> None:
    for size in ("1280x800", "640x480"):
        app = _climbing(["--size", size], touch=True)
        app.dispatch(A.Action(A.PREDICT))
        app.dispatch(A.Action(A.TEXT, text="1.5"))
        _frames(app, 3)
        save_screenshot(app.screen, str(out / f"keypad-guess-{size}.png"))


def command_sheet(out: Path) -> None:
    for flags, name in ((["--size", "640x480"], "640x480"), (["--size", "1920x1080", "--classroom"], "1920x1080")):
        app = _app(["--level", LEVEL, *flags])
        app.env.touch = True
        _frames(app, 2)
        if len(app.stack) > 1:  # classroom mode opens the help first
            app.dispatch(A.Action(A.BACK))
        _frames(app, 2)
        _climb(app, 2)
        tool = app.top.tools[-1]
        app.dispatch(A.Action(A.CLICK, pos=tool.toggle_rect(app.top.layout()).center))
        _frames(app, 3)
        save_screenshot(app.screen, str(out / f"keys-sheet-{name}.png"))


def entry_keypads(out: Path) -> None:
    for flags, name in ((["--size", "640x480"], "640x480"), (["--size", "1920x1080", "--classroom"], "1920x1080")):
        for mode, text in (("code", "PEAK-48"), ("expr", "3*exp(-x^2-y^2)")):
            app = _app(flags)
            app.env.touch = True
            _frames(app, 2)
            app.push(app.routes.entry(mode))
            _frames(app, 2)
            app.top.text, app.top.caret, app.top.selected = text, len(text), False
            _frames(app, 2)
            save_screenshot(app.screen, str(out / f"keypad-{mode}-{name}.png"))


def help_pages(out: Path) -> None:
    for flags, name in ((["--size", "640x480"], "640x480"), (["--size", "1920x1080", "--classroom"], "1920x1080")):
        app = _app(flags)
        _frames(app, 2)
        if type(app.top).__name__ != "HelpScene":
            app.dispatch(A.Action(A.HELP))
        _frames(app, 2)
        for page in range(len(app.top.plan().pages)):
            save_screenshot(app.screen, str(out / f"help-{name}-page{page + 1}.png"))
            app.dispatch(A.Action(A.PAGE))
            _frames(app, 2)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "access"
    out.mkdir(parents=True, exist_ok=True)
    pygame.display.init()
    pygame.font.init()
    for shot in (readout, guess_keypad, command_sheet, entry_keypads, help_pages):
        shot(out)
    print(f"wrote {', '.join(sorted(p.name for p in out.glob('*.png')))} to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
