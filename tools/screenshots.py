"""Render screenshots headlessly.

`python tools/screenshots.py [OUT_DIR]` (or `make screenshots`): the README's three (play, reveal, classroom).
`python tools/screenshots.py --all [OUT_DIR]`: every scene (title, help, level select, the expression and
class-code entries, play with probes, its second panel page where there is one, pause, result) at 1280×800 and at
1920×1080 in classroom mode, in every language with a catalogue, one folder per set (docs/screenshots/README.md
lists them). `--all --lang fr [OUT_DIR]`: one language's sets only.
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
from game.ui.app import App, save_screenshot  # noqa: E402
from game.ui.startup import prepare  # noqa: E402
from game.core.climbers import next_move  # noqa: E402
from game.core.options import parse_args  # noqa: E402
from game.core.storage import MemoryBackend, Store  # noqa: E402
from game.text.catalog import languages  # noqa: E402

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


def scene_sets(langs: tuple[str, ...] | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(folder, flags) of each set --all renders: every language with a catalogue (or `langs`), at 1280×800 and
    in classroom mode at 1920×1080."""
    langs = languages() if langs is None else langs
    return (tuple((f"{lang}-1280x800", ("--size", "1280x800", "--lang", lang)) for lang in langs)
            + tuple((f"{lang}-1920x1080-classroom", ("--size", "1920x1080", "--lang", lang, "--classroom"))
                    for lang in langs))
SCENE_LEVEL = "saddle-pass"  # a Hessian level: the fullest panel
EXPRESSION = "3*exp(-((x-1)^2 + y^2)) - 0.2x"
CLASS_CODE = "PEAK-4821-B"


def _fresh(flags: tuple[str, ...]) -> App:
    """An app on the title screen (classroom mode opens the help first: closed here)."""
    app = _app(list(flags))
    _frames(app, 2)
    if len(app.stack) > 1:
        app.dispatch(A.Action(A.BACK))
    _frames(app, 2)
    return app


def _climbing(flags: tuple[str, ...]) -> App:
    """The scene level after five gradient probes, a guess for the next height and the cursor beside the last."""
    from surfaces import level_by_id

    app = _fresh(flags)
    app.show(app.routes.play(level_by_id(SCENE_LEVEL)))
    _climb(app, 5)
    game = app.top.game
    last = game.probes[-1]
    game.predict(round(last.value + 0.3, 2))
    app.top.cursor = (last.x + 0.3, last.y - 0.35)
    _frames(app, 30)
    return app


def _typed(app: App, mode: str, text: str) -> None:
    app.push(app.routes.entry(mode))
    _frames(app, 2)
    app.dispatch(A.Action(A.TEXT, text=text))
    _frames(app, 2)


def scene_set(out: Path, flags: tuple[str, ...]) -> list[str]:
    """Every scene of one set into `out`; returns the file names written."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[str] = []

    def save(app: App, name: str) -> None:
        save_screenshot(app.screen, str(out / f"{name}.png"))
        shots.append(f"{name}.png")

    app = _fresh(flags)
    save(app, "title")
    app.dispatch(A.Action(A.HELP))  # over the title (what classroom mode opens with; the map's fog would
    _frames(app, 2)                 # make the file three times larger)
    save(app, "help")
    app = _fresh(flags)
    app.dispatch(A.Action(A.LEVELS))
    _frames(app, 3)
    save(app, "levels")
    app = _fresh(flags)
    _typed(app, "expr", EXPRESSION)
    save(app, "entry-expr")
    app = _fresh(flags)
    _typed(app, "code", CLASS_CODE)
    save(app, "entry-code")
    app = _climbing(flags)
    save(app, "play")
    pages = app.env.play_view().hud_pages
    if pages is not None and pages.count > 1:
        app.dispatch(A.Action(A.PAGE))
        _frames(app, 2)
        save(app, "play-page2")
        app.dispatch(A.Action(A.PAGE, dx=-1.0))
    app.dispatch(A.Action(A.PAUSE))
    _frames(app, 2)
    save(app, "pause")
    app.dispatch(A.Action(A.BACK))
    app.dispatch(A.Action(A.CLAIM))
    _frames(app, 240)
    save(app, "result")
    return shots


def all_scenes(out: Path, langs: tuple[str, ...] | None = None) -> None:
    """Every set of scene_sets(langs) into its folder under `out`."""
    for folder, flags in scene_sets(langs):
        shots = scene_set(out / folder, flags)
        print(f"{folder}: {', '.join(shots)}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--all"]:
        rest = argv[1:]
        langs = None
        if rest[:1] == ["--lang"] and len(rest) > 1:  # --all --lang fr: one language's sets only
            langs, rest = (rest[1],), rest[2:]
        out = Path(rest[0]) if rest else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
        pygame.display.init()
        pygame.font.init()
        all_scenes(out, langs)
        return 0
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
