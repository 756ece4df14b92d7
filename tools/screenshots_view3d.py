"""Render the 3D view's screenshots headlessly into docs/screenshots/lab/ (or OUT_DIR).

`python tools/screenshots_view3d.py [OUT_DIR]`: during play (only the probed discs) and after the claim (all of
it), at 1280×800 and at 1920×1080 in classroom mode, in English and German; and lab mode at 1280×800.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy  # noqa: E402,F401  (pygame's surfarray needs numpy imported first)
import pygame  # noqa: E402

from game.core import actions as A  # noqa: E402
from game.ui.app import save_screenshot  # noqa: E402
from tools.screenshots import _app, _climb, _frames  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SETS = (("1280x800", ()), ("1920x1080-classroom", ("--classroom",)))


def _start(size: str, flags: tuple[str, ...], lang: str, *extra: str) -> object:
    app = _app(["--level", "long-ridge", "--size", size.split("-")[0], "--lang", lang, "--view", "3d", *flags,
                *extra])
    _frames(app, 2)
    if "--classroom" in flags:
        app.dispatch(A.Action(A.BACK))  # classroom mode opens the help first
    return app


def shots(out: Path) -> list[Path]:
    """Every 3D view screenshot; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size, flags in SETS:
        for lang in ("en", "de"):
            app = _start(size, flags, lang)
            _climb(app, 5)
            centre = pygame.Rect(tuple(app.top.layout().map_rect)).center
            app.dispatch(A.Action(A.POINT, pos=(centre[0] + 40, centre[1] - 30)))  # the cursor on the ground
            _frames(app, 30)
            written.append(out / f"view3d-play-{size}-{lang}.png")
            save_screenshot(app.screen, str(written[-1]))
            app.dispatch(A.Action(A.CLAIM))
            _frames(app, 240)
            written.append(out / f"view3d-result-{size}-{lang}.png")
            save_screenshot(app.screen, str(written[-1]))
    app = _start("1280x800", (), "en", "--mode", "lab")
    _climb(app, 3)
    app.dispatch(A.Action(A.MOVE, dx=2.0))  # turned a little further round
    app.dispatch(A.Action(A.MOVE, dy=-1.0))  # and seen from a little higher
    _frames(app, 30)
    written.append(out / "view3d-lab-1280x800-en.png")
    save_screenshot(app.screen, str(written[-1]))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "lab"
    for path in shots(target):
        print(path)
