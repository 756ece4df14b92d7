"""Dev helper: regenerate assets/favicon.png (contour bands of a hill, a summit marker) with pygame and numpy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame  # noqa: E402

SIZE = 64  # favicon side in pixels (pygbag asks for at least 32x32)
BANDS = 7  # filled contour bands
# viridis samples, low to high
VIRIDIS = np.array([(68, 1, 84), (70, 50, 126), (54, 92, 141), (39, 127, 142),
                    (31, 161, 135), (74, 193, 109), (160, 218, 57), (253, 231, 37)], dtype=float)


def render(size: int = SIZE) -> pygame.Surface:
    """The icon: a hill's filled bands with darker isolines, a light summit dot with a dark ring."""
    scale = 4  # supersample, then smoothscale down
    n = size * scale
    ys, xs = np.mgrid[0:n, 0:n] / n * 2.0 - 1.0
    hill = np.exp(-((xs - 0.12) ** 2 + (ys + 0.1) ** 2) * 2.2) + 0.35 * np.exp(-((xs + 0.55) ** 2 + (ys - 0.5) ** 2) * 6)
    level = (hill - hill.min()) / (hill.max() - hill.min()) * BANDS
    band = np.minimum(level.astype(int), BANDS - 1)
    colours = VIRIDIS[np.round(band * (len(VIRIDIS) - 1) / (BANDS - 1)).astype(int)]
    edge = (np.abs(np.diff(band, axis=0, prepend=band[:1])) + np.abs(np.diff(band, axis=1, prepend=band[:, :1]))) > 0
    colours[edge] *= 0.55
    big = pygame.surfarray.make_surface(np.ascontiguousarray(colours.transpose(1, 0, 2)).astype(np.uint8))
    icon = pygame.transform.smoothscale(big, (size, size))
    peak = np.unravel_index(np.argmax(hill), hill.shape)
    centre = (round(peak[1] / scale), round(peak[0] / scale))
    pygame.draw.circle(icon, (20, 20, 30), centre, max(3, size // 9))
    pygame.draw.circle(icon, (250, 250, 245), centre, max(2, size // 13))
    return icon


def main(path: str | None = None) -> int:
    """Write the icon to `path` (default assets/favicon.png at the project top)."""
    target = Path(path) if path else Path(__file__).resolve().parents[2] / "assets" / "favicon.png"

    pygame.image.save(render(), str(target))
    print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
