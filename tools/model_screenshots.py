"""Render the model levels' screenshots headlessly: `python tools/model_screenshots.py [OUT_DIR]`.

Each model level (line fit, neuron, decay fit, a --data file) in play and at the reveal at 1280×800, the neuron
in classroom mode at 1920×1080, and the "Your data" screen; OUT_DIR defaults to docs/screenshots/models.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from tools.screenshots import _app, _climb, _frames  # noqa: E402
from game.core import actions as A  # noqa: E402
from game.ui.app import save_screenshot  # noqa: E402

LEVELS = (("line-fit", "gradient", 3), ("neuron", "gradient", 3), ("decay-fit", "gradient", 4))


def _play_and_reveal(out: Path, name: str, flags: list[str], policy: str, probes: int) -> None:
    app = _app([*flags, "--size", "1280x800"])
    _climb(app, probes, policy)
    game = app.top.game
    last = game.probes[-1]
    xmin, xmax, ymin, ymax = game.level.surface.domain
    app.top.cursor = app.top.lattice.snap(last.x + 0.12 * (xmax - xmin), last.y - 0.1 * (ymax - ymin))
    _frames(app, 30)
    save_screenshot(app.screen, str(out / f"{name}-play.png"))
    _climb(app, 6, "newton")
    app.dispatch(A.Action(A.CLAIM))
    _frames(app, 240)
    save_screenshot(app.screen, str(out / f"{name}-reveal.png"))


def _data_file(out: Path) -> Path:
    rng = np.random.default_rng(14)
    x = np.round(rng.uniform(0, 10, 60), 2)
    y = np.round(2.1 * x + 4 + rng.normal(0, 2.5, x.size), 2)
    path = out / "points.csv"
    path.write_text("hours, score\n" + "".join(f"{a}, {b}\n" for a, b in zip(x, y)))
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "models"
    out.mkdir(parents=True, exist_ok=True)
    pygame.display.init()
    pygame.font.init()
    for level, policy, probes in LEVELS:
        _play_and_reveal(out, level, ["--level", level], policy, probes)
    _play_and_reveal(out, "data", ["--data", str(_data_file(out))], "gradient", 3)
    app = _app(["--level", "neuron", "--classroom", "--size", "1920x1080"])
    _frames(app, 2)
    app.dispatch(A.Action(A.BACK))  # classroom mode opens the help first
    _climb(app, 3)
    _frames(app, 30)
    save_screenshot(app.screen, str(out / "neuron-classroom.png"))
    app = _app(["--size", "1280x800"])
    _frames(app, 2)
    app.dispatch(A.Action(A.DATA))
    app.top.text = (out / "points.csv").read_text()
    _frames(app, 2)
    save_screenshot(app.screen, str(out / "your-data.png"))
    print(f"wrote the model levels' screenshots to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
