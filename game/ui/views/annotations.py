"""What PlayView writes on the map: gradient arrows, probe height plates, short-arrow |∇f| plates, banners, intro.

The level's intro is whole at every size: the largest type that fits, else pages at the smallest allowed type."""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
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
BANNER_INSET = 10  # logical px between the map's edge and a banner
RING_HALF = 16  # logical px: half a ring marker's height; an intro ends this far short of the map's middle, so a
                # ring (the level's start) is always clear of the intro in one half of the map
BANNER_SIZES = ("body", "label", "small")  # the intro's type, largest first; "small" is the smallest allowed
BANNER_LINE = 1.12  # line spacing of banner text, in font heights


@dataclass(frozen=True)
class IntroPlan:
    """How an intro is set for one map size: its type, its lines split into pages, and the banner's size (the
    same for every page, so the banner does not jump while the player pages)."""

    size: str
    pages: tuple[tuple[str, ...], ...]
    line_h: int
    pad: int
    footer_h: int  # the row for "1/2 »" (0 on a one-page intro)
    w: int
    h: int


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
    _intro_plans: dict[tuple, IntroPlan]

    def _draw_arrows(self, target: pygame.Surface, game: Game, pts: list, view: ViewState,
                     taken: list[pygame.Rect], paint: bool = True) -> dict[int, tuple[tuple[float, float], str]]:
        """Draw the gradient arrows, add their footprints to `taken`; returns {probe index: (tip, text)} for the
        short arrows of the last three probes, which carry their |∇f| as a label. `paint=False` only measures."""
        t, pal, s, scale = self.transform, self.palette, self.ui_scale, self.arrow_scale
        assert t is not None and scale is not None
        n = len(game.probes)
        short_labels: dict[int, tuple[tuple[float, float], str]] = {}
        self._arrow_rects = []
        for i, (p, (px, py)) in enumerate(zip(game.probes, pts)):
            gx, gy = p.gradient
            norm = p.grad_norm
            if not (math.isfinite(gx) and math.isfinite(gy)):
                continue
            if not math.isfinite(norm):  # both components near the float limit: |∇f| overflowed
                norm = sys.float_info.max
            if not (norm > 0):
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
                text = catalog.t("map.slope", view.lang, value=fmt_number(norm, view.lang))
                short_labels[i] = ((px + ux * length, py + uy * length), text)
        return short_labels

    def _label_text(self, p: Probe, lang: str) -> str:
        defined = p.defined
        text = self._label_texts.get((p.value, defined, lang))
        if text is None:  # formatted once per probe (a memo of fmt_number)
            text = fmt_number(p.value, lang) if defined else "\u2014"
            if len(self._label_texts) > 512:
                self._label_texts.clear()
            self._label_texts[(p.value, defined, lang)] = text
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
                text = self._label_text(game.probes[i], view.lang)
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
                     title: str | None = None, title_colour: tuple | None = None, top: bool = True) -> pygame.Rect:
        """A short message over the map (at its top, or its bottom when the intro has the top)."""
        fonts, pal, s = self.fonts, self.palette, self.ui_scale
        width = int(bounds.w * 0.9)
        pad = int(12 * s)
        h_title = fonts.font("heading").get_height() if title else 0
        room = int(bounds.h * BANNER_SHARE) - 2 * pad - h_title
        # the whole text at the largest size that fits the room (messages are short: the cut is a last resort)
        for size in BANNER_SIZES:
            wrapped = [part for line in lines for part in wrap(fonts, line, size, width - 2 * pad)]
            h_body = int(fonts.font(size).get_height() * BANNER_LINE)
            if h_body * len(wrapped) <= room:
                break
        else:
            keep = max(1, room // h_body)
            if keep < len(wrapped):
                wrapped = wrapped[:keep - 1] + [fonts.ellipsize(wrapped[keep - 1] + " …", size, width - 2 * pad)]
        h = 2 * pad + h_title + (int(4 * s) if title else 0) + h_body * len(wrapped)
        rect = pygame.Rect(0, 0, width, h)
        if top:
            rect.midtop = (bounds.centerx, bounds.y + int(10 * s))
        else:
            rect.midbottom = (bounds.centerx, bounds.bottom - int(10 * s))
        target.blit(fonts.plate(rect.w, rect.h, pal.plate, int(10 * s)), rect)
        y = rect.y + pad
        if title:
            fonts.draw(target, title, (rect.x + pad, y), "heading", title_colour or colour)
            y += h_title + int(4 * s)
        for line in wrapped:
            fonts.draw(target, line, (rect.x + pad, y), size, colour)
            y += h_body
        return rect

    # --- the level's intro ----------------------------------------------------------------------------------
    def plan_intro(self, text: str, bounds: pygame.Rect | tuple) -> IntroPlan:
        """The intro set for a map of `bounds`' size: the whole text at the largest size whose banner fits
        BANNER_SHARE of the map's height; when even the smallest allowed size does not, pages of that size with a
        "1/2 »" row. Never cut: every word is on some page."""
        bounds = pygame.Rect(bounds)
        key = (text, bounds.size, self.ui_scale)
        memo = self._intro_plans
        plan = memo.get(key)
        if plan is not None:
            return plan
        fonts, s = self.fonts, self.ui_scale
        width = max(1, int(bounds.w * 0.9))
        pad = int(12 * s)
        room = min(int(bounds.h * BANNER_SHARE), bounds.h // 2 - int((BANNER_INSET + RING_HALF) * s)) - 2 * pad
        for size in BANNER_SIZES:
            lines = wrap(fonts, text, size, width - 2 * pad)
            line_h = int(fonts.font(size).get_height() * BANNER_LINE)
            if line_h * len(lines) <= room:
                pages: tuple[tuple[str, ...], ...] = (tuple(lines),)
                footer_h = 0
                break
        else:  # pages at the smallest allowed size; the last row of each says which page and that more follows
            footer_h = fonts.font(size).get_height()
            per_page = max(1, (room - footer_h) // line_h)
            pages = tuple(tuple(lines[i:i + per_page]) for i in range(0, len(lines), per_page))
        rows = max(len(page) for page in pages)
        plan = IntroPlan(size, pages, line_h, pad, footer_h, width, 2 * pad + rows * line_h + footer_h)
        if len(memo) > 16:
            memo.clear()
        memo[key] = plan
        return plan

    def place_intro(self, plan: IntroPlan, bounds: pygame.Rect, rings: list[pygame.Rect],
                    others: list[pygame.Rect]) -> pygame.Rect:
        """The intro's banner at the top of the map, or at its bottom when that covers fewer rings (the level's
        start, the probe a claim takes: they stay visible; with one ring one half is always clear, as the banner
        ends RING_HALF short of the middle), then fewer markers, arrows and labels."""
        s = self.ui_scale
        candidates = []
        for top in (True, False):
            rect = pygame.Rect(0, 0, plan.w, min(plan.h, bounds.h))
            if top:
                rect.midtop = (bounds.centerx, bounds.y + int(BANNER_INSET * s))
            else:
                rect.midbottom = (bounds.centerx, bounds.bottom - int(BANNER_INSET * s))
            rect.clamp_ip(bounds)
            score = (sum(rect.colliderect(r) for r in rings), sum(rect.colliderect(r) for r in others))
            candidates.append((score, not top, rect))
        return min(candidates, key=lambda c: (c[0], c[1]))[2]

    def _draw_intro(self, target: pygame.Surface, plan: IntroPlan, rect: pygame.Rect, page: int, lang: str) -> None:
        """The intro's banner: opaque (no map, marker or label shows through), drawn over everything on the map."""
        fonts, pal, s = self.fonts, self.palette, self.ui_scale
        page = min(max(0, page), len(plan.pages) - 1)
        radius = int(10 * s)
        target.blit(fonts.plate(rect.w, rect.h, (*pal.plate[:3], 255), radius), rect)
        pygame.draw.rect(target, pal.panel_edge, rect, max(1, int(s)), border_radius=radius)
        y = rect.y + plan.pad
        for line in plan.pages[page]:
            fonts.draw(target, line, (rect.x + plan.pad, y), plan.size, pal.panel_text)
            y += plan.line_h
        if len(plan.pages) > 1:
            key = "play.intro_more" if page + 1 < len(plan.pages) else "play.intro_last"
            note = catalog.t(key, lang, page=page + 1, pages=len(plan.pages))
            fonts.draw(target, note, (rect.right - plan.pad, rect.bottom - plan.pad), plan.size, pal.accent,
                       anchor="bottomright")
