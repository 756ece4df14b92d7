"""Render the README's screenshots headlessly: `python tools/screenshots.py [OUT_DIR]` (or `make screenshots`)."""

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
from game.ui.app import App, save_screenshot  # noqa: E402
from game.ui.startup import prepare  # noqa: E402
from game.core.climbers import next_move  # noqa: E402
from game.core.options import parse_args  # noqa: E402
from game.core.storage import MemoryBackend, Store  # noqa: E402

FRAME_DT = 1 / 60


def _app(argv: list[str]) -> App:
    options, replay, level = prepare(parse_args(["--headless", *argv]))
    size = options.size or (1280, 800)
    screen = pygame.display.set_mode(size)
    return App(options, screen, store=Store(MemoryBackend()), replay=replay, start_level=level)


def _frames(app: App, count: int) -> None:
    for _ in range(count):
        app.step(FRAME_DT)


def _climb(app: App, probes: int, policy: str = "gradient") -> None:
    """Probe like the autoplay player, `probes` times, letting each fog hole fade in."""
    game, state = app.top.game, {}
    for _ in range(probes):
        move = next_move(game, policy, state)
        if move[0] != "probe":
            break
        app.dispatch(A.Action(A.PROBE, at=(float(move[1]), float(move[2]))))
        _frames(app, 20)


def play(out: Path) -> None:
    app = _app(["--level", "long-ridge", "--size", "1280x800"])
    _climb(app, 6)
    game = app.top.game
    last = game.probes[-1]
    gx, gy = last.gradient
    step = 0.35 / max(1e-9, abs(gx) + abs(gy))
    app.top.cursor = app.top.lattice.snap(last.x + step * gx, last.y + step * gy)  # a point the cursor can reach
    _frames(app, 30)
    save_screenshot(app.screen, str(out / "play.png"))


def reveal(out: Path) -> None:
    app = _app(["--level", "two-peaks", "--size", "1280x800"])
    _climb(app, 8)
    app.dispatch(A.Action(A.CLAIM))
    _frames(app, 240)
    save_screenshot(app.screen, str(out / "reveal.png"))


def classroom(out: Path) -> None:
    app = _app(["--level", "saddle-pass", "--classroom", "--size", "1920x1080"])
    _frames(app, 2)
    app.dispatch(A.Action(A.BACK))  # classroom mode opens the help first
    _climb(app, 3, "gradient")
    game = app.top.game
    app.top.cursor = app.top.lattice.snap(game.probes[-1].x + 0.5, game.probes[-1].y + 0.3)
    _frames(app, 30)
    save_screenshot(app.screen, str(out / "classroom.png"))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    pygame.display.init()
    pygame.font.init()
    for shot in (play, reveal, classroom):
        shot(out)
    print(f"wrote play.png, reveal.png and classroom.png to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
