"""Where the contour map's height labels go: a few spread-out spots on each major isoline."""

from __future__ import annotations

import numpy as np

from game.ui.views.contour_field import MAJOR_BIT, MAJOR_EVERY, MAX_BANDS, UNDEFINED

LABEL_SPACING = 170  # logical px between isoline labels
SAME_SPACING = 300  # logical px between two labels of the same height (never a stack of "1.5, 1.5, 1.5")
MAX_LABELS = 8


def _inside(step: int, low: float, high: float, count: int) -> tuple[int, int]:
    """[k0, k1): the grid indices k < count with low < k·step < high."""
    k0 = 0
    while k0 < count and not k0 * step > low:
        k0 += 1
    k1 = count
    while k1 > k0 and not (k1 - 1) * step < high:
        k1 -= 1
    return k0, k1


_LABEL_LEVELS: dict[tuple[int, bytes], np.ndarray] = {}


def _label_levels(n: int, groups: np.ndarray | None = None) -> np.ndarray:
    """256-entry uint8 table: palette index → the level (1..n-1) its major isoline pixel labels, else 0.

    `groups` maps band → major group (default: every MAJOR_EVERY bands). A major-line pixel is in the last band
    of a group (boundary above: level band + 1) or the first (boundary below: level band); a band that is both
    (a group of one band) is ambiguous and labels nothing (its neighbours label both its edges)."""
    g = np.arange(256) // MAJOR_EVERY if groups is None else np.asarray(groups)
    key = (n, g[:n].astype(np.uint8).tobytes())
    table = _LABEL_LEVELS.get(key)
    if table is None:
        table = np.zeros(256, dtype=np.uint8)
        for v in range(256):
            if v & MAJOR_BIT and v < UNDEFINED:
                band = v & (MAX_BANDS - 1)
                above = band + 1 < n and g[band + 1] != g[band]
                below = 0 < band < n and g[band - 1] != g[band]
                level = band + 1 if above and not below else band if below and not above else 0
                if 0 < level < n:
                    table[v] = level
        _LABEL_LEVELS[key] = table
    return table



def choose_labels(idx: np.ndarray, bands: int, ui_scale: float, groups: np.ndarray | None = None
                  ) -> list[tuple[int, int, int]]:
    """Label spots (x, y, level) on the major isolines of palette indices idx: at most 3 per level, at least
    LABEL_SPACING from every label and SAME_SPACING from one of the same level, greedily farthest from those
    chosen (the first nearest the centre), in the margins. `groups`: band → major group (see _label_levels)."""
    n = bands
    h, w = idx.shape
    s = ui_scale
    step = max(4, int(6 * s))
    margin = 30 * s
    mx, my = margin * 1.6, margin
    # candidates: the coarse grid points (every step px) strictly inside the margins, as a window
    c0, c1 = _inside(step, mx, w - mx, (w + step - 1) // step)
    r0, r1 = _inside(step, my, h - my, (h + step - 1) // step)
    if c0 >= c1 or r0 >= r1:
        return []
    # palette index → the height level its major isoline labels (0: not a labelled major-line pixel)
    levels = np.take(_label_levels(n, groups), idx[r0 * step: r1 * step: step, c0 * step: c1 * step: step])
    flat = np.flatnonzero(levels)  # row-major order
    if len(flat) == 0:
        return []
    level = levels.ravel()[flat]
    cols = c1 - c0
    px = ((flat % cols + c0) * step).astype(np.float64)
    py = ((flat // cols + r0) * step).astype(np.float64)
    spacing2 = (LABEL_SPACING * s) ** 2
    same2 = (SAME_SPACING * s) ** 2
    chosen: list[tuple[int, int, int]] = []
    for lv in np.unique(level):
        sel = level == lv
        cx, cy = px[sel], py[sel]
        if chosen:
            x, y, _ = chosen[0]
            dist = (cx - x) ** 2 + (cy - y) ** 2
            for x, y, _ in chosen[1:]:
                np.minimum(dist, (cx - x) ** 2 + (cy - y) ** 2, out=dist)
        else:
            dist = 1e18 - ((cx - w / 2.0) ** 2 + (cy - h / 2.0) ** 2)  # start nearest the centre
        same = np.full(len(cx), np.inf)
        for _ in range(3):
            j = int(np.argmax(np.where(same >= same2, dist, -1.0)))
            if dist[j] < spacing2 or same[j] < same2 or len(chosen) >= MAX_LABELS:
                break
            chosen.append((int(cx[j]), int(cy[j]), int(lv)))
            d = (cx - cx[j]) ** 2 + (cy - cy[j]) ** 2
            dist = np.minimum(dist, d)
            same = np.minimum(same, d)
    return chosen
