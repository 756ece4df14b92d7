"""Map markers that point at one spot: probe dots, rings, the summit star, local-summit triangles, the flag.

Each takes an optional `bounds` (the map rect). A marker whose glyph would stick out of it (a probe on the
edge, a summit in a corner) is drawn whole: the glyph is shifted just far enough inside and a short pointer
with a dot joins it to the exact spot, which stays where it is. The flag turns instead (its pennant to the
left at the right edge, hanging down at the top edge), so its pole still ends on the spot.
"""

from __future__ import annotations

import math

from typing import Any

import pygame

from game.ui.palette import Palette

Point = tuple[float, float]


def fit(rect: pygame.Rect, bounds: pygame.Rect | None) -> tuple[int, int]:
    """The shift (dx, dy) that brings `rect` inside `bounds`: (0, 0) when it is inside, or without bounds."""
    if bounds is None or bounds.contains(rect):
        return 0, 0
    moved = rect.clamp(bounds)
    return moved.x - rect.x, moved.y - rect.y


def pointer_rect(start: Point, spot: Point, scale: float = 1.0) -> pygame.Rect:
    """The rect draw_pointer covers."""
    sx, sy = int(round(start[0])), int(round(start[1]))
    x, y = int(round(spot[0])), int(round(spot[1]))
    dot = max(3, int(round(3 * scale)))
    return pygame.Rect(min(sx, x) - dot, min(sy, y) - dot, abs(sx - x) + 2 * dot + 1, abs(sy - y) + 2 * dot + 1)


def draw_pointer(target: pygame.Surface, start: Point, spot: Point, palette: Palette, scale: float = 1.0
                 ) -> pygame.Rect:
    """A short light line with a dark outline from a shifted glyph's `start` to the exact `spot`, with a dot there."""
    sx, sy = int(round(start[0])), int(round(start[1]))
    x, y = int(round(spot[0])), int(round(spot[1]))
    dot = max(3, int(round(3 * scale)))
    pygame.draw.line(target, palette.arrow_outline, (sx, sy), (x, y), max(3, int(round(4 * scale))))
    pygame.draw.line(target, palette.arrow_fill, (sx, sy), (x, y), max(1, int(round(2 * scale))))
    pygame.draw.circle(target, palette.arrow_outline, (x, y), dot)
    pygame.draw.circle(target, palette.arrow_fill, (x, y), max(1, dot - 2))
    return pointer_rect(start, spot, scale)


def _placed(rect: pygame.Rect, pos: Point, bounds: pygame.Rect | None) -> tuple[Point, pygame.Rect]:
    """Where a glyph of box `rect` around `pos` is drawn: its shifted centre and box."""
    dx, dy = fit(rect, bounds)
    return (pos[0] + dx, pos[1] + dy), rect.move(dx, dy)


def _area(centre: Point, pos: Point, box: pygame.Rect, scale: float, bounds: pygame.Rect | None) -> pygame.Rect:
    """The area a glyph drawn in `box` at `centre` covers, with its pointer to `pos` when shifted."""
    if centre == pos:
        return box
    area = box.union(pointer_rect(centre, pos, scale))
    return area.clip(bounds) if bounds is not None else area


def _with_pointer(target: pygame.Surface, centre: Point, pos: Point, box: pygame.Rect, palette: Palette,
                  scale: float, bounds: pygame.Rect | None) -> pygame.Rect:
    """Draw the pointer (under the glyph, drawn next) when the glyph was shifted; the area both cover."""
    if centre != pos:
        draw_pointer(target, centre, pos, palette, scale)
    return _area(centre, pos, box, scale, bounds)


def _ring_box(pos: Point, scale: float) -> pygame.Rect:
    x0, y0 = int(pos[0]), int(pos[1])
    out = int(14 * scale) + 2
    return pygame.Rect(x0 - out, y0 - out, 2 * out + 1, 2 * out + 1)


def _summit_box(pos: Point, scale: float) -> pygame.Rect:
    out = 17 * scale + 2
    return pygame.Rect(int(math.floor(pos[0] - out)), int(math.floor(pos[1] - out)), int(2 * out) + 2, int(2 * out) + 2)


def _triangle_box(pos: Point, scale: float) -> pygame.Rect:
    rr = 12 * scale + 2 * max(2.0, 2.5 * scale)
    return pygame.Rect(int(pos[0] - rr) - 1, int(pos[1] - rr) - 1, int(2 * rr) + 3, int(rr * 1.62) + 3)


def marker_rect(kind: str, pos: Point, scale: float = 1.0, bounds: pygame.Rect | None = None) -> pygame.Rect:
    """The area a marker covers where it would be drawn (without drawing): kind "ring", "summit", "local",
    "flag" or "probe" (the latest probe: "latest")."""
    if kind in ("probe", "latest"):
        return probe_rect(pos, scale, kind == "latest", bounds)
    if kind == "flag":
        return _flag_layout(pos, scale, bounds)[5]
    box = {"ring": _ring_box, "summit": _summit_box, "local": _triangle_box}[kind](pos, scale)
    centre, box = _placed(box, (int(pos[0]), int(pos[1])) if kind == "ring" else pos, bounds)
    return _area(centre, (int(pos[0]), int(pos[1])) if kind == "ring" else pos, box, scale, bounds)


def draw_flat_marker(target: pygame.Surface, pos: Point, palette: Palette, scale: float = 1.0) -> None:
    """Where the gradient is (numerically) zero: a small light ring with a dark outline, no direction."""
    r = int(round(7 * scale))
    pygame.draw.circle(target, palette.arrow_outline, (int(pos[0]), int(pos[1])), r + 2, max(2, int(3 * scale)) + 2)
    pygame.draw.circle(target, palette.arrow_fill, (int(pos[0]), int(pos[1])), r + 1, max(2, int(2 * scale)))


def _probe_size(scale: float, latest: bool) -> tuple[int, int, int]:
    r = int(round((7 if latest else 5) * scale))
    ring = max(2, int(round(2 * scale)))
    return r, ring, r + ring * (2 if latest else 1) + 2


def probe_rect(pos: Point, scale: float = 1.0, latest: bool = False, bounds: pygame.Rect | None = None
               ) -> pygame.Rect:
    """The rect draw_probe covers (without drawing); with `bounds`, shifted inside them as draw_probe does."""
    x, y = int(round(pos[0])), int(round(pos[1]))
    rr = _probe_size(scale, latest)[2]
    rect = pygame.Rect(x - rr, y - rr, 2 * rr + 1, 2 * rr + 1)
    return rect.move(*fit(rect, bounds))


def draw_probe(target: pygame.Surface, pos: Point, palette: Palette, scale: float = 1.0, latest: bool = False,
               undefined: bool = False, bounds: pygame.Rect | None = None) -> pygame.Rect:
    """Probe marker: a dark dot with a light ring; the latest one larger with an accent ring."""
    x0, y0 = int(round(pos[0])), int(round(pos[1]))
    r, ring, rr = _probe_size(scale, latest)
    (x, y), box = _placed(pygame.Rect(x0 - rr, y0 - rr, 2 * rr + 1, 2 * rr + 1), (x0, y0), bounds)
    area = _with_pointer(target, (x, y), (x0, y0), box, palette, scale, bounds)
    if latest:
        pygame.draw.circle(target, palette.arrow_outline, (x, y), r + ring * 2 + 2)
        pygame.draw.circle(target, palette.accent, (x, y), r + ring * 2 + 1)
    pygame.draw.circle(target, palette.arrow_outline, (x, y), r + ring + 1)
    pygame.draw.circle(target, palette.probe_ring, (x, y), r + ring)
    pygame.draw.circle(target, palette.undefined if undefined else palette.probe_fill, (x, y), r)
    if undefined:
        d = int(r * 0.7)
        pygame.draw.line(target, palette.probe_ring, (x - d, y - d), (x + d, y + d), ring)
    return area


def draw_ring(target: pygame.Surface, pos: Point, palette: Palette, scale: float = 1.0,
              bounds: pygame.Rect | None = None) -> pygame.Rect:
    """An accent ring with a dark outline around a point: the level's start, or the probe a claim takes."""
    x0, y0 = int(pos[0]), int(pos[1])
    r = int(14 * scale)
    (x, y), box = _placed(_ring_box(pos, scale), (x0, y0), bounds)
    area = _with_pointer(target, (x, y), (x0, y0), box, palette, scale, bounds)
    pygame.draw.circle(target, palette.arrow_outline, (x, y), r + 2, max(2, int(3 * scale)) + 2)
    pygame.draw.circle(target, palette.accent, (x, y), r, max(2, int(3 * scale)))
    return area


def star_points(cx: float, cy: float, r: float, points: int = 5) -> list[Point]:
    """Outline of a star (outer radius r, pointing up)."""
    out = []
    for i in range(points * 2):
        rad = r if i % 2 == 0 else r * 0.45
        ang = -math.pi / 2 + i * math.pi / points
        out.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    return out


def draw_star(target: pygame.Surface, pos: Point, r: float, fill: tuple, outline: tuple, width: int = 2) -> None:
    """A filled star with an outline (the true summit, and the score stars)."""
    pts = star_points(pos[0], pos[1], r)
    pygame.draw.polygon(target, fill, pts)
    if width:
        pygame.draw.polygon(target, outline, pts, width)
        pygame.draw.aalines(target, outline, True, pts)


def draw_summit(target: pygame.Surface, pos: Point, palette: Palette, scale: float = 1.0,
                bounds: pygame.Rect | None = None) -> pygame.Rect:
    """The global summit: a gold star with a dark outline."""
    r = 15 * scale
    centre, box = _placed(_summit_box(pos, scale), pos, bounds)
    area = _with_pointer(target, centre, pos, box, palette, scale, bounds)
    draw_star(target, centre, r + 2 * scale, palette.arrow_outline, palette.arrow_outline, 0)
    draw_star(target, centre, r, palette.summit, palette.arrow_outline, max(2, int(2 * scale)))
    return area


def draw_local_summit(target: pygame.Surface, pos: Point, palette: Palette, scale: float = 1.0,
                      bounds: pygame.Rect | None = None) -> pygame.Rect:
    """A local summit: a light upward triangle with a dark outline and a dark halo (reads over path and flag)."""
    r = 12 * scale
    halo = max(2.0, 2.5 * scale)
    rr = r + 2 * halo
    (x, y), box = _placed(_triangle_box(pos, scale), pos, bounds)
    area = _with_pointer(target, (x, y), pos, box, palette, scale, bounds)

    def tri(k: float) -> list[Point]:
        return [(x, y - k), (x + k * 0.95, y + k * 0.62), (x - k * 0.95, y + k * 0.62)]

    pygame.draw.polygon(target, palette.arrow_outline, tri(rr))
    pygame.draw.polygon(target, palette.arrow_fill, tri(r))
    pygame.draw.polygon(target, palette.arrow_outline, tri(r), max(2, int(2 * scale)))
    pygame.draw.circle(target, palette.arrow_outline, (int(round(x)), int(round(y))), max(2, int(round(2 * scale))))
    return area


def _flag_rect(x: int, y: int, h: int, fw: int, pole: int, right: bool, up: bool) -> pygame.Rect:
    left = x - pole if right else x - fw - 2
    top = y - h - 2 if up else y - 2
    return pygame.Rect(left, top, fw + pole + 2, h + 4)


def _flag_layout(pos: Point, scale: float, bounds: pygame.Rect | None
                 ) -> tuple[tuple[int, int], tuple[int, int], bool, bool, pygame.Rect, pygame.Rect]:
    """(spot, pole foot, pennant right?, pole up?, glyph box, covered area) of the flag at `pos`."""
    x, y = int(pos[0]), int(pos[1])
    h, fw, pole = int(34 * scale), int(22 * scale), max(2, int(3 * scale))
    right = up = True
    if bounds is not None:
        right = x + fw + 2 <= bounds.right
        up = y - h - 2 >= bounds.top
    (fx, fy), rect = _placed(_flag_rect(x, y, h, fw, pole, right, up), (x, y), bounds)
    foot = (int(fx), int(fy))
    return (x, y), foot, right, up, rect, _area(foot, (x, y), rect, scale, bounds)


def draw_flag(target: pygame.Surface, pos: Point, palette: Palette, scale: float = 1.0,
              bounds: pygame.Rect | None = None) -> pygame.Rect:
    """The claimed point: a pole with a pennant in the accent colour, its foot on the point. Within `bounds`
    the pennant flies left at the right edge and the flag hangs down from the top edge, so it stays whole."""
    spot, (fx, fy), right, up, rect, _ = _flag_layout(pos, scale, bounds)
    h, fw, pole = int(34 * scale), int(22 * scale), max(2, int(3 * scale))
    area = _with_pointer(target, (fx, fy), spot, rect, palette, scale, bounds)
    sx, sy = (1 if right else -1), (-1 if up else 1)
    tip = fy + sy * h
    pygame.draw.line(target, palette.arrow_outline, (fx, fy), (fx, tip), pole + 2)
    pygame.draw.line(target, palette.arrow_fill, (fx, fy), (fx, tip), pole)
    pts = [(fx + sx, tip), (fx + sx * fw, tip - sy * fw * 0.35), (fx + sx, tip - sy * fw * 0.7)]
    pygame.draw.polygon(target, palette.accent, pts)
    pygame.draw.polygon(target, palette.arrow_outline, pts, max(1, int(2 * scale)))
    return area


def domain_size(domain: Any) -> float:
    """The longer side of a map's domain (xmin, xmax, ymin, ymax)."""
    return max(float(domain[1]) - float(domain[0]), float(domain[3]) - float(domain[2]))


def summits_to_mark(surface: Any) -> list[tuple[float, float, float]]:
    """The local summits the reveal marks: inside the map (local_maxima) and on its edges and corners
    (edge_maxima: uphill points off the map); none for a surface without a finite maximum."""
    out: list[tuple[float, float, float]] = []
    for name in ("local_maxima", "edge_maxima"):
        try:
            if name == "edge_maxima" and getattr(surface, "unbounded", lambda: None)() is not None:
                continue
            out.extend(getattr(surface, name)())
        except (AttributeError, ValueError, ArithmeticError, TypeError):
            continue
    return out
