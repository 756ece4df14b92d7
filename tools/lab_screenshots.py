"""`python tools/lab_screenshots.py`: the calculus lab's screenshots under docs/screenshots/lab/ (each overlay,
1280×800 and 1920×1080 classroom, English and German), made through the command line as a teacher would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots" / "lab"
SHOTS = {  # name → (level, probes, overlays, extra flags)
    "gradient-lab": ("long-ridge", ["-2.4,1.6", "-1.5,0.9"], "gradient-lab", []),
    "slice": ("long-ridge", ["-2.4,1.6", "-1.5,0.9"], "slice", []),
    "slice-revealed": ("long-ridge", ["0.5,1"], "slice,hessian-axes", ["--reveal"]),
    "hessian-axes": ("saddle-pass", ["-1.2,0.9"], "hessian-axes", ["--mode", "lab"]),
    "taylor-contours": ("taylor-trust", ["0.6,-0.4"], "taylor-contours", ["--mode", "lab"]),
}
SIZES = {"1280x800": [], "1920x1080": ["--classroom"]}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    for name, (level, probes, show, extra) in SHOTS.items():
        for size, flags in SIZES.items():
            for lang in ("en", "de"):
                path = OUT / f"{name}_{size}_{lang}.png"
                args = [sys.executable, "-m", "game", "--headless", "--level", level, "--show", show, "--size", size,
                        "--lang", lang, "--screenshot", str(path), *flags, *extra]
                args += [part for p in probes for part in ("--probe", p)]
                run = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
                if run.returncode != 0:
                    print(f"{path.name}: {run.stderr.strip()}", file=sys.stderr)
                    return 1
                print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
