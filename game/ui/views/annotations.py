"""What PlayView writes on the map: gradient arrows, probe height plates, short-arrow |∇f| plates, banners."""

from __future__ import annotations

import math
import sys
from typing import Any

import pygame

from game.text import catalog
from game.core.model import Game, Probe
from game.text.numbers import fmt_number
from game.ui.fonts import Fonts, wrap
from game.ui.palette import Palette
from game.ui.views import glyphs
from game.ui.views.state import ViewState

ARROW_GROW_MS = 220  # a new arrow grows to full length over this long
BANNER_SHARE = 0.45  # a banner over the map (the level's intro) may take this share of the map's height


class MapAnnotations:
    """Arrows, plates and banners; mixed into PlayView, whose transform, arrow scale, fonts, palette, contour,
    arrow-growth clock and label memo it uses."""

    transform: Any
    arrow_scale: glyphs.ArrowScale | None
    fonts: Fonts
    palette: Palette
    ui_scale: float
    contour: Any
    last_label_rects: list[pygame.Rect]
    _seen_ms: list[float]
    _arrow_rects: list[pygame.Rect]
    _label_texts: dict[tuple, str]

    def _draw_arrows(self, target: pygame.Surface, game: Game, pts: list, view: ViewState,
                     taken: list[pygame.Rect], paint: bool = True) -> dict[int, tuple[tuple[float, float], str]]:
        """Draw the gradient arrows, add their footprints to `taken`; returns {probe index: (tip, text)} for the
        short arrows of the last three probes, which carry their |∇f| as a label. `paint=False` only measures."""
        t, pal, s, scale = self.transform, self.palette, self.ui_scale, self.arrow_scale
        assert t is not None and scale is not None
        n = len(game.probes)
        short_labels: dict[int, tuple[tuple[float, float], str]] = {}
        self._arrow_rects = []
        zero_slope = game.resolution.zero_slope
        for i, (p, (px, py)) in enumerate(zip(game.probes, pts)):
            gx, gy = p.gradient
            norm = p.grad_norm
            if not (math.isfinite(gx) and math.isfinite(gy)):
                continue
            if not math.isfinite(norm):  # both components near the float limit: |∇f| overflowed
                norm = sys.float_info.max
            if not (norm > zero_slope):  # no slope, or only float noise: the flat marker
                if paint:
                    glyphs.draw_flat_marker(target, (px, py), pal, s)
                continue
            grow = 1.0
            if i < len(self._seen_ms):
                grow = min(1.0, max(0.0, (view.now_ms - self._seen_ms[i]) / ARROW_GROW_MS))
                grow = 1.0 - (1.0 - grow) ** 3  # ease out
            length = scale.length(norm) * grow
            big = max(abs(gx), abs(gy))  # normalise first: gx * px-per-unit may overflow for huge slopes
            direction = (gx / big * t.sx, -gy / big * t.sy)
            short = scale.is_short(norm)
            d = math.hypot(*direction) or 1.0
            ux, uy = direction[0] / d, direction[1] / d
            # start at the marker's edge so even a short arrow shows its whole length
            off = (9 if i == n - 1 else 6) * s
            px, py = px + ux * off, py + uy * off
            thin = short or i < n - 1
            footprint = glyphs.arrow_footprint((px, py), direction, length, s, thin)
            taken.extend(footprint)
            if not paint:
                continue
            glyphs.draw_arrow(target, (px, py), direction, length, pal, s, thin=thin)
            self._arrow_rects.extend(footprint)
            if short and i >= n - 3 and grow >= 1.0:
                text = catalog.t("map.slope", view.lang, value=fmt_number(norm, view.lang, zero_slope))
                short_labels[i] = ((px + ux * length, py + uy * length), text)
        return short_labels

    def _label_text(self, p: Probe, lang: str, zero: float = 0.0) -> str:
        defined = p.defined
        key = (p.value, defined, lang, zero)
        text = self._label_texts.get(key)
        if text is None:  # formatted once per probe (a memo of fmt_number)
            text = fmt_number(p.value, lang, zero) if defined else "\u2014"
            if len(self._label_texts) > 512:
                self._label_texts.clear()
            self._label_texts[key] = text
        return text

    def _draw_labels(self, target: pygame.Surface, game: Game, pts: list, view: ViewState, taken: list[pygame.Rect],
                     bounds: pygame.Rect, heights: bool, short: dict[int, tuple[tuple[float, float], str]]) -> None:
        """Probe height plates and short-arrow |∇f| plates, newest probe first, each off every arrow, marker,
        summit sign and earlier plate; a plate with no free spot is dropped (the older one loses). Only the
        latest height, when nothing is free, may cover an arrow (never a marker or another plate)."""
        pal, s = self.palette, self.ui_scale
        reach = (1.0, 1.8, 2.8)
        n = len(pts)
        # the isoline labels baked into the map: kept clear where there is room (they look like plates too)
        iso = list(self.contour.visible_label_rects) if heights and self.contour is not None else []

        def place(size: tuple[int, int], at: tuple[float, float], gap: float) -> pygame.Rect | None:
            if iso:
                spot = glyphs.place_label(size, at, gap, bounds, taken + iso, reach=reach)
                if spot is not None:
                    return spot
            return glyphs.place_label(size, at, gap, bounds, taken, reach=reach)

        for i in range(n - 1, -1, -1):
            latest = i == n - 1
            if heights:
                text = self._label_text(game.probes[i], view.lang, game.resolution.zero_height)
                size_name = "label" if latest else "small"
                size = self.fonts.plate_rect(text, size_name, (0, 0)).size
                spot = place(size, pts[i], (9 if latest else 6) * s)
                if spot is None and latest:  # the latest height is always shown
                    spot = glyphs.place_label(size, pts[i], 9 * s, bounds, taken, reach=(3.8, 5.0, 6.5))
                    if spot is None:
                        arrows = {id(r) for r in self._arrow_rects}
                        solid = [r for r in taken if id(r) not in arrows]  # markers, signs, plates
                        spot = glyphs.place_label(size, pts[i], 9 * s, bounds, solid, reach=reach)
                    if spot is None:
                        spot = pygame.Rect(0, 0, *size)
                        spot.bottomleft = (int(pts[i][0] + 9 * s), int(pts[i][1] - 9 * s))
                        spot.clamp_ip(bounds)
                if spot is not None:
                    ink = pal.accent if latest else pal.plate_text
                    self.fonts.draw(target, text, spot.topleft, size_name, ink, "topleft", pal.plate)
                    taken.append(spot)
                    self.last_label_rects.append(spot)
            if i in short:
                tip, text = short[i]
                size = self.fonts.plate_rect(text, "small", (0, 0)).size
                spot = place(size, tip, 6 * s)
                if spot is not None:
                    self.fonts.draw(target, text, spot.topleft, "small", pal.plate_text, "topleft", pal.plate)
                    taken.append(spot)
                    self.last_label_rects.append(spot)

    def _draw_banner(self, target: pygame.Surface, lines: list[str], bounds: pygame.Rect, colour: tuple,
                     title: str | None = None, title_colour: tuple | None = None) -> pygame.Rect:
        fonts, pal, s = self.fonts, self.palette, self.ui_scale
        width = int(bounds.w * 0.9)
        pad = int(12 * s)
        h_title = fonts.font("heading").get_height() if title else 0
        room = int(bounds.h * BANNER_SHARE) - 2 * pad - h_title
        # the whole text at the largest size that fits the room; never silently cut (an intro is the lesson)
        for size in ("body", "label", "small"):
            wrapped = [part for line in lines for part in wrap(fonts, line, size, width - 2 * pad)]
            h_body = int(fonts.font(size).get_height() * 1.12)
            if h_body * len(wrapped) <= room:
                break
        else:
            keep = max(1, room // h_body)
            if keep < len(wrapped):
                wrapped = wrapped[:keep - 1] + [fonts.ellipsize(wrapped[keep - 1] + " …", size, width - 2 * pad)]
        h = 2 * pad + h_title + (int(4 * s) if title else 0) + h_body * len(wrapped)
        rect = pygame.Rect(0, 0, width, h)
        rect.midtop = (bounds.centerx, bounds.y + int(10 * s))
        target.blit(fonts.plate(rect.w, rect.h, pal.plate, int(10 * s)), rect)
        y = rect.y + pad
        if title:
            fonts.draw(target, title, (rect.x + pad, y), "heading", title_colour or colour)
            y += h_title + int(4 * s)
        for line in wrapped:
            fonts.draw(target, line, (rect.x + pad, y), size, colour)
            y += h_body
        return rect
