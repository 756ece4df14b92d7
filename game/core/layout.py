"""The one owner of play geometry: where the map, the panel and every button go, and the map's transform."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from game.core.transform import Domain, ViewTransform

MARGIN = 12  # logical px around the map and the panel
PANEL_W = 310  # logical width of the side panel
PANEL_H = 200  # logical height of the bottom panel
BUTTON_H = 52  # logical touch-target height (≥ 44 px guideline)
GAP = 8  # logical px between buttons
MAX_PANEL_SHARE = 0.45  # the panel never takes more of the window than this
PLAY_BUTTONS = ("claim", "predict", "intro", "help", "menu")  # while climbing ("intro" re-opens the level's intro)
RESULT_BUTTONS = ("next", "retry", "levels")  # after the claim ("next" only when there is a next level)


class Box(NamedTuple):
    """An integer rectangle (x, y, w, h); pygame.Rect(box) accepts it unchanged."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2

    def contains(self, px: float, py: float) -> bool:
        """True when the point lies inside (right and bottom edges excluded)."""
        return self.x <= px < self.right and self.y <= py < self.bottom

    def overlaps(self, other: "Box") -> bool:
        """True when the two boxes share at least one pixel."""
        return (self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
                and self.w > 0 and self.h > 0 and other.w > 0 and other.h > 0)

    def inset(self, d: int) -> "Box":
        """The box shrunk by d on every side (never negative)."""
        return Box(self.x + d, self.y + d, max(0, self.w - 2 * d), max(0, self.h - 2 * d))


@dataclass(frozen=True)
class Layout:
    """Where things go: map_rect keeps the domain's aspect ratio; buttons sit inside hud_rect."""

    width: int
    height: int
    ui_scale: float
    map_rect: Box
    hud_rect: Box
    hud_side: str  # "right" | "bottom"
    buttons: dict[str, Box] = field(default_factory=dict)  # button name (PLAY_BUTTONS, RESULT_BUTTONS) → rect
    hud_content: Box = Box(0, 0, 0, 0)  # the part of hud_rect above/left of the buttons
    transform: ViewTransform | None = None  # surface ↔ screen for map_rect (None without a domain)

    def button_at(self, px: float, py: float) -> str | None:
        """Name of the touch button under a screen point, or None."""
        for name, box in self.buttons.items():
            if box.contains(px, py):
                return name
        return None


def _fit(area: Box, aspect: float) -> Box:
    """Largest centred box with width/height == aspect inside area."""
    if area.w <= 0 or area.h <= 0:
        return Box(area.x, area.y, max(area.w, 1), max(area.h, 1))
    w = min(area.w, int(area.h * aspect))
    h = min(area.h, int(w / aspect)) if w > 0 else area.h
    w, h = max(w, 1), max(h, 1)
    return Box(area.x + (area.w - w) // 2, area.y + (area.h - h) // 2, w, h)


def _right(width: int, height: int, s: float, aspect: float) -> tuple[Box, Box]:
    m = int(round(MARGIN * s))
    panel_w = min(int(PANEL_W * s), int(width * MAX_PANEL_SHARE))
    hud = Box(width - panel_w, 0, panel_w, height)
    area = Box(m, m, max(1, width - panel_w - 2 * m), max(1, height - 2 * m))
    fit = _fit(area, aspect)
    # spare width goes to the panel (up to 1.5× its size); what is left still centres the map
    spare = area.w - fit.w
    grow = min(spare, int(panel_w * 0.5))
    if grow > 0:
        hud = Box(hud.x - grow, 0, hud.w + grow, height)
        fit = Box(m + (spare - grow) // 2, fit.y, fit.w, fit.h)
    return fit, hud


def _bottom(width: int, height: int, s: float, aspect: float) -> tuple[Box, Box]:
    m = int(round(MARGIN * s))
    panel_h = min(int(PANEL_H * s), int(height * MAX_PANEL_SHARE))
    hud = Box(0, height - panel_h, width, panel_h)
    area = Box(m, m, max(1, width - 2 * m), max(1, height - panel_h - 2 * m))
    fit = _fit(area, aspect)
    # spare height goes to the panel (up to 1.5× its size); what is left still centres the map
    spare = area.h - fit.h
    grow = min(spare, int(panel_h * 0.5))
    if grow > 0:
        hud = Box(0, hud.y - grow, width, hud.h + grow)
        fit = Box(fit.x, m + (spare - grow) // 2, fit.w, fit.h)
    return fit, hud


def _slots(hud: Box, side: str, s: float) -> tuple[Box, Box, Box, Box]:
    """(claim, predict, help, content): the three button slots of the panel and the room left for the HUD."""
    m = int(round(MARGIN * s))
    gap = max(1, int(round(GAP * s)))
    inner = hud.inset(m)
    bh = min(int(BUTTON_H * s), max(1, (inner.h - 2 * gap) // 3 if side == "bottom" else inner.h // 3))
    if side == "right":
        # claim on its own full-width row at the bottom, predict | help above it
        claim = Box(inner.x, inner.bottom - bh, inner.w, bh)
        half = max(1, (inner.w - gap) // 2)
        row_y = claim.y - gap - bh
        predict = Box(inner.x, row_y, half, bh)
        help_ = Box(inner.right - half, row_y, half, bh)
        content = Box(inner.x, inner.y, inner.w, max(0, row_y - gap - inner.y))
    else:
        # a column of three at the right end of the bottom panel
        col_w = min(int(200 * s), max(1, inner.w // 3))
        x = inner.right - col_w
        claim = Box(x, inner.bottom - bh, col_w, bh)
        predict = Box(x, claim.y - gap - bh, col_w, bh)
        help_ = Box(x, predict.y - gap - bh, col_w, bh)
        content = Box(inner.x, inner.y, max(0, x - gap - inner.x), inner.h)
    return claim, predict, help_, content


def _play_buttons(claim: Box, predict: Box, help_: Box, side: str, s: float) -> dict[str, Box]:
    """Claim, predict, the help slot shared by help (left half) and the pause menu (right half), and the intro.

    The intro button takes the right half of the claim row on the side panel (under help and menu; the labels of
    both halves fit a 310 px panel) and the right half of the predict row in the bottom panel's column."""
    gap = max(2, int(4 * s))
    half = (help_.w - gap) // 2
    boxes = {"help": Box(help_.x, help_.y, half, help_.h), "menu": Box(help_.right - half, help_.y, half, help_.h)}
    if side == "right":
        boxes["claim"] = Box(claim.x, claim.y, predict.w, claim.h)
        boxes["predict"] = predict
        boxes["intro"] = Box(help_.x, claim.y, help_.w, claim.h)
    else:
        split = (predict.w - gap) // 2
        boxes["claim"] = claim
        boxes["predict"] = Box(predict.x, predict.y, split, predict.h)
        boxes["intro"] = Box(predict.right - split, predict.y, split, predict.h)
    return {name: boxes[name] for name in PLAY_BUTTONS}


def _stacked(area: Box, names: tuple[str, ...], gap: int, across: bool) -> dict[str, Box]:
    """`names` side by side (across) or one above the other, filling `area`."""
    count = len(names)
    if across:
        w = (area.w - gap * (count - 1)) // count
        return {name: Box(area.x + i * (w + gap), area.y, w, area.h) for i, name in enumerate(names)}
    h = (area.h - gap * (count - 1)) // count
    return {name: Box(area.x, area.y + i * (h + gap), area.w, h) for i, name in enumerate(names)}


def _result_buttons(slots: tuple[Box, Box, Box], side: str, s: float, names: tuple[str, ...]) -> dict[str, Box]:
    """The result's actions share the play buttons' area: stacked on the side panel, in a row on a wide strip."""
    x0 = min(box.x for box in slots)
    y0 = min(box.y for box in slots)
    area = Box(x0, y0, max(box.right for box in slots) - x0, max(box.bottom for box in slots) - y0)
    gap = max(2, int(8 * s))
    return _stacked(area, names, gap, across=side != "right" and area.w > 2 * area.h)


def compute_layout(width: int, height: int, ui_scale: float = 1.0, aspect: float = 1.0,
                   buttons: tuple[str, ...] = PLAY_BUTTONS, domain: Domain | None = None) -> Layout:
    """Layout for a window: the panel goes right when that leaves the bigger map, else at the bottom.

    ``aspect`` is the domain's width/height (taken from ``domain`` when given); the map rect keeps it exactly (to
    the pixel). ``buttons`` is PLAY_BUTTONS or a subset of RESULT_BUTTONS in order. With a ``domain`` the layout
    carries the map's ViewTransform.
    """
    if domain is not None:
        aspect = (float(domain[1]) - float(domain[0])) / (float(domain[3]) - float(domain[2]))
    width, height = max(int(width), 2), max(int(height), 2)
    s = max(0.5, float(ui_scale))
    aspect = float(aspect) if aspect and aspect > 0 else 1.0
    map_r, hud_r = _right(width, height, s, aspect)
    map_b, hud_b = _bottom(width, height, s, aspect)
    # prefer the side panel unless the bottom panel gives a clearly larger map (narrow/tall windows)
    if map_b.w * map_b.h > 1.15 * map_r.w * map_r.h:
        side, map_rect, hud = "bottom", map_b, hud_b
    else:
        side, map_rect, hud = "right", map_r, hud_r
    claim, predict, help_, content = _slots(hud, side, s)
    if tuple(buttons) == PLAY_BUTTONS:
        boxes = _play_buttons(claim, predict, help_, side, s)
    else:
        boxes = _result_buttons((claim, predict, help_), side, s, tuple(buttons))
    transform = ViewTransform(domain, tuple(map_rect)) if domain is not None else None
    return Layout(width, height, s, map_rect, hud, side, boxes, content, transform)


class LayoutCache:
    """The layout of one screen (its buttons, its domain), recomputed only when the window size or scale changes."""

    def __init__(self, buttons: tuple[str, ...], domain: Domain) -> None:
        self.buttons = tuple(buttons)
        self.domain = domain
        self._key: tuple | None = None
        self._layout: Layout | None = None

    def get(self, size: tuple[int, int], ui_scale: float) -> Layout:
        """The layout for a window of `size` at `ui_scale`."""
        key = (tuple(size), ui_scale)
        if key != self._key or self._layout is None:
            self._layout = compute_layout(*size, ui_scale, buttons=self.buttons, domain=self.domain)
            self._key = key
        return self._layout
