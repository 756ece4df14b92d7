"""PlayView: draws a whole play or reveal frame (map, fog, path, probes, arrows, preview, HUD) from a Game."""

from __future__ import annotations

import math
import weakref
from typing import Any, Callable

import pygame

from game.core.layout import Layout
from game.core.model import Game, Probe
from game.ui.views import axes, glyphs
from game.ui.views.markers import domain_size, summits_to_mark
from game.ui.views.annotations import ARROW_GROW_MS, IntroPlan, MapAnnotations
from game.ui.views.state import ViewState
from game.ui.views.contour import ContourMap, value_range
from game.ui.views.fog import SOFT_EDGE, Fog, release_materials
from game.text import catalog
from game.text.numbers import fmt_fixed, fmt_number
from game.ui.hud.panel import Pages, draw_panel, panel_key
from game.ui.palette import Palette, get_palette
from game.ui.fonts import Fonts
from game.ui.frame_budget import ALWAYS, FrameBudget
from game.core.transform import ViewTransform

HOLE_FRACTION = 0.12  # fog hole radius as a share of the map's shorter side
FOG_SEED = 0  # the fog's material texture is the same for every level (so it is cached once per size/palette)


class PlayView(MapAnnotations):
    """Renders Game state; owns the layout, the transform, the cached contour map and the fog."""

    def __init__(self, ui_scale: float = 1.0, palette_name: str = "viridis", bands: int = 14,
                 progressive: bool = False, budget: FrameBudget = ALWAYS) -> None:
        self.ui_scale = float(ui_scale)
        self.progressive = progressive  # a new large map is drawn coarse first, sharp on a later frame
        self.budget = budget  # ... the first frame whose budget allows it
        self.palette: Palette = get_palette(palette_name)
        self.bands = bands
        self.fonts = Fonts(self.ui_scale)
        self.layout: Layout | None = None
        self.transform: ViewTransform | None = None
        self.contour: ContourMap | None = None
        self.fog: Fog | None = None
        self.arrow_scale: glyphs.ArrowScale | None = None
        self._game_ref: Callable[[], Any] | None = None
        self._cut = 0  # probes whose fog holes are cut
        self._seen_ms: list[float] = []  # when each probe was first drawn (arrow growth)
        self.last_label_rects: list[pygame.Rect] = []  # the probe/preview label plates of the last frame
        # the frame cache: everything but the cursor's Taylor preview, redrawn only when its key changes or
        # while an animation runs (fog fade, arrow grow-in, reveal sweep)
        self._static: pygame.Surface | None = None
        self._static_key: tuple | None = None  # what the map area of the cached layer shows
        self._hud_key: tuple | None = None  # what its HUD shows (a change here redraws the whole layer)
        self._static_taken: list[pygame.Rect] = []  # markers, arrows, flag: the preview avoids them if it can
        self._static_labels: list[pygame.Rect] = []  # label plates: the preview avoids them
        self._static_banners: list[pygame.Rect] = []  # the banner over the map: the preview avoids it too
        self.static_redraws = 0  # how often the cached layer was redrawn (tests read it)
        self._label_texts: dict[tuple, str] = {}  # probe height texts by (value, defined, lang)
        self._arrow_rects: list[pygame.Rect] = []  # the arrows' footprints in the last map-area redraw
        self._intro_plans: dict[tuple, IntroPlan] = {}  # how each intro is set, by (text, map size, scale)
        self._intro: tuple[IntroPlan, pygame.Rect] | None = None  # the intro's set and place (map-area redraw)
        self.intro_rect: pygame.Rect | None = None  # where the intro was drawn last frame (a click on it pages)
        self.hud_pages: Pages | None = None  # the panel's pages as last drawn (its page control turns them)

    # --- configuration --------------------------------------------------------------------------------
    def relayout(self, layout: Layout, game: Game, lang: str = "en", isolines: bool = True,
                 labels: bool = True) -> Layout:
        """Take the scene's layout (it owns the geometry); rebuild the map (with the isolines and labels it will
        show: else a frame renders it twice) and the fog for a new map size or game."""
        domain = tuple(float(v) for v in game.surface.domain)
        same_game = self._game_ref is not None and self._game_ref() is game
        if self.layout is not None and (layout is self.layout or layout == self.layout) and same_game:
            return self.layout
        assert layout.transform is not None, "the play layout carries the map's transform"
        self.layout = layout
        self.transform = layout.transform
        map_size = self.transform.size
        if self.contour is None:
            self.contour = ContourMap(game.surface, map_size, self.palette, self.bands, self.ui_scale, isolines=isolines,
                                      labels=labels, fonts=self.fonts, lang=lang, coarse_first=self.progressive)
        else:
            self.contour.update(game.surface, map_size, self.palette, isolines=isolines, labels=labels, lang=lang,
                                coarse_first=self.progressive)
        if self.fog is None or self.fog.size != map_size or self.fog.palette != self.palette:
            self.fog = None  # the old size's layer is freed before the new one is made
            self.fog = Fog(map_size, self.palette, FOG_SEED)
            self._cut = 0
        elif not same_game:  # same size and palette: repaint from the cached material texture
            self.fog.reset()
            self._cut = 0
        if not same_game:
            self._seen_ms = []
        self._game_ref = weakref.ref(game)
        self.arrow_scale = glyphs.ArrowScale.for_surface(value_range(game.surface), domain, self.ui_scale,
                                                         min(map_size))
        return self.layout

    def release(self) -> None:
        """Free the window-sized layers (the cached frame, the map, the fog and its texture): no screen shows
        them, or the window has a new size. The next draw builds them again (fog holes cut at once)."""
        self._static = self._static_key = self._hud_key = None
        self.contour = self.fog = None
        self.layout = self.transform = None
        self._cut = 0
        release_materials()

    # --- drawing --------------------------------------------------------------------------------------
    def _allowed(self, game: Game, view: ViewState) -> set[str]:
        allowed = set(game.level.overlays)
        return allowed - set(view.hidden or ())

    def _sync_fog(self, game: Game, now_ms: float) -> None:
        fog, t = self.fog, self.transform
        assert fog is not None and t is not None
        probes = game.probes
        if len(probes) < self._cut:  # restarted
            fog.reset()
            self._cut = 0
            self._seen_ms = []
        radius = HOLE_FRACTION * min(t.size)
        instant = self._cut == 0 and len(probes) > 1  # rebuilt (resize): re-cut at once
        for p in probes[self._cut:]:
            px, py = t.to_screen(p.x, p.y)
            fog.clear(px - t.inner[0], py - t.inner[1], radius, None if instant else now_ms)
        self._cut = len(probes)
        while len(self._seen_ms) < len(probes):
            self._seen_ms.append(-1e9 if instant else now_ms)
        fog.update(now_ms)

    def _animating(self, game: Game, view: ViewState) -> bool:
        """True while something in the cached layer moves: a fog hole opening, an arrow growing, the sweep."""
        assert self.fog is not None
        if self.fog.fading or self.contour is not None and self.contour.coarse:
            return True
        if game.finished and 0.0 < view.reveal_progress < 1.0:
            return True
        return bool(self._seen_ms) and view.now_ms - max(self._seen_ms) < ARROW_GROW_MS

    def _map_state(self, hud_key: tuple, game: Game, view: ViewState) -> tuple:
        """The HUD key plus what only the map area depends on (never the cursor)."""
        assert self.contour is not None and self.fog is not None
        return (hud_key, view.message, view.intro, float(view.reveal_progress) if game.finished else 0.0,
                view.revealed, id(self.contour),
                self.contour.renders, id(self.fog), self.fog.version)

    def draw(self, target: pygame.Surface, game: Game, view: ViewState, layout: Layout) -> None:
        """Draw the whole frame: the cached layer (redrawn when needed), then the cursor's Taylor preview.

        The cached layer holds map, fog, path, arrows, markers, labels, banner and HUD. A change the HUD shows
        redraws all of it; an animation frame (fog fade, arrow grow-in, reveal sweep) redraws the map area only.
        The level's intro goes over everything, the cursor included: nothing is ever drawn over its text.
        """
        allowed = self._allowed(game, view)
        isolines, labels = "isolines" in allowed, "labels" in allowed
        renders = self.contour.renders if self.contour is not None else -1
        self.relayout(layout, game, view.lang, isolines, labels)
        assert self.layout is not None and self.transform is not None
        assert self.contour is not None and self.fog is not None
        # a coarse first draw is sharpened on a later frame, not in it, and only while that frame has time
        if self.contour.coarse and self.contour.renders == renders and self.budget.allows():
            self.contour.sharpen()
        self.contour.update(isolines=isolines, labels=labels, lang=view.lang)
        self._sync_fog(game, view.now_ms)
        hud_key = panel_key(target, game, view, allowed, self.palette.name, self.ui_scale)
        key = self._map_state(hud_key, game, view)
        static = self._static
        if static is None or static.get_size() != target.get_size() or static.get_bitsize() != target.get_bitsize():
            self._static = static = None  # the old size's layer is freed before the new one is made
            static = self._static = pygame.Surface(target.get_size(), 0, target)
            self._hud_key = None
        if hud_key != self._hud_key:
            static.fill(self.palette.background)
            self._draw_map_area(static, game, view, allowed)
            self._draw_hud(static, game, view, allowed)
            self._hud_key = hud_key
            self.static_redraws += 1
        elif key != self._static_key:  # the map area only (compute_layout keeps it clear of the HUD)
            static.fill(self.palette.background, self._map_area())
            self._draw_map_area(static, game, view, allowed)
            self.static_redraws += 1
        # while animating, redraw the map area next frame too (the last redraw then shows the settled state)
        self._static_key = None if self._animating(game, view) else key
        target.blit(static, (0, 0))
        self.last_label_rects = list(self._static_labels)
        if not game.finished and view.cursor is not None:
            map_rect = pygame.Rect(self.transform.inner)
            clip = target.get_clip()
            target.set_clip(map_rect)
            self._draw_cursor(target, game, view, allowed, list(self._static_taken), map_rect)
            target.set_clip(clip)
        self.intro_rect = None
        if self._intro is not None and view.intro and not game.finished:
            plan, rect = self._intro
            clip = target.get_clip()
            target.set_clip(pygame.Rect(self.transform.inner))
            self._draw_intro(target, plan, rect, view.intro_page, view.lang)
            target.set_clip(clip)
            self.intro_rect = rect

    @property
    def animating(self) -> bool:
        """True when the next frame will differ from the last one drawn with the same state (a fog hole still
        opening, an arrow growing, the reveal sweep running), and before the first frame."""
        return self._static_key is None

    def _border(self) -> int:
        return max(1, int(self.ui_scale))

    def _map_area(self) -> pygame.Rect:
        """The screen area the map layer draws into: the map and its border."""
        assert self.transform is not None
        b = self._border()
        return pygame.Rect(self.transform.inner).inflate(2 * b, 2 * b)

    def _draw_map_area(self, target: pygame.Surface, game: Game, view: ViewState, allowed: set[str]) -> None:
        """Map, fog, border, path, arrows, markers, labels and banner (everything but the HUD and the cursor)."""
        t, pal = self.transform, self.palette
        assert t is not None and self.contour is not None and self.fog is not None
        s = self.ui_scale
        map_rect = pygame.Rect(t.inner)
        target.blit(self.contour.image, map_rect)
        pts = [t.to_screen(p.x, p.y) for p in game.probes]
        tick = lambda value, decimals: fmt_fixed(value, decimals, view.lang)  # noqa: E731  (a ruler's label)
        rulers = axes.ruler_rects(t, self.fonts, tick) if "axes" in allowed else []
        if self.contour.label_rects:
            # an isoline label under an arrow, a probe marker or a ruler reads like a crossed probe label: hide it
            glyph_rects = [glyphs.probe_rect(pos, s, i == len(pts) - 1, map_rect) for i, pos in enumerate(pts)]
            glyph_rects += rulers
            if "arrows" in allowed:
                self._draw_arrows(target, game, pts, view, glyph_rects, paint=False)
            glyph_rects += self._marker_rects(game, view, pts, map_rect)
            # in play, a label the fog half covers is cut in two: hide it until its whole plate is clear
            self.contour.hide_labels(target, map_rect.topleft, glyph_rects,
                                     None if game.finished or view.revealed else self._clear_of_fog)
        else:
            self.contour.visible_label_rects = []
        finished = bool(game.finished)
        self.fog.reveal(view.reveal_progress if finished else 1.0 if view.revealed else 0.0)
        self.fog.draw(target, map_rect.topleft)
        pygame.draw.rect(target, pal.panel_edge, self._map_area(), self._border())
        clip = target.get_clip()
        target.set_clip(map_rect)
        taken: list[pygame.Rect] = []
        if "axes" in allowed:  # over the fog: coordinates are the map's frame, not part of the hidden terrain
            axes.draw_axes(target, t, self.fonts, pal, tick, getattr(game.surface, "params", ("x", "y")))
        self.last_label_rects = []
        if "path" in allowed or finished:
            glyphs.draw_path(target, pts, pal, s)
        short: dict[int, tuple[tuple[float, float], str]] = {}  # probe index → (arrow tip, "|∇f| 0.00…")
        self._arrow_rects = []
        if "arrows" in allowed:
            short = self._draw_arrows(target, game, pts, view, taken)
        for i, (p, pos) in enumerate(zip(game.probes, pts)):
            taken.append(glyphs.draw_probe(target, pos, pal, s, latest=i == len(pts) - 1,
                                           undefined=not p.defined, bounds=map_rect))
        rings: list[pygame.Rect] = []  # the start and claim rings: the intro leaves them visible
        if not finished:
            before = len(taken)
            if game.forced_start:
                taken.append(self._draw_ring(target, t.to_screen(*game.forced_start)))
            if view.claim_index is not None and 0 <= view.claim_index < len(pts):
                taken.append(self._draw_ring(target, pts[view.claim_index]))
            rings = taken[before:]
        if finished:
            self._draw_reveal(target, game, pts, taken)
        # labels last: every arrow, marker and summit sign is known, so no label is crossed by one drawn later
        self._draw_labels(target, game, pts, view, taken, map_rect, "labels" in allowed, short)
        target.set_clip(clip)
        self._static_banners = self._banners(target, view, map_rect, rings, taken, finished)
        self._static_taken = [r for r in taken if r not in self.last_label_rects]
        self._static_labels = list(self.last_label_rects)

    def _banners(self, target: pygame.Surface, view: ViewState, map_rect: pygame.Rect, rings: list[pygame.Rect],
                 taken: list[pygame.Rect], finished: bool) -> list[pygame.Rect]:
        """Place the intro (drawn last, by draw()) and draw a message in the half it leaves; their rects.
        After the claim there are none: the verdict is in the panel and the map stays clear."""
        self._intro = None
        banners: list[pygame.Rect] = []
        if finished:
            return banners
        if view.intro:  # placed now that every marker and label is known
            plan = self.plan_intro(view.intro, map_rect)
            self._intro = (plan, self.place_intro(plan, map_rect, rings, [r for r in taken if r not in rings]))
            banners.append(self._intro[1])  # the cursor's preview keeps off it too
        if view.message:
            top = self._intro is None or self._intro[1].centery > map_rect.centery
            banners.append(self._draw_banner(target, [view.message], map_rect, self.palette.panel_text, top=top))
        return banners

    def _draw_hud(self, target: pygame.Surface, game: Game, view: ViewState, allowed: set[str]) -> None:
        assert self.layout is not None
        self.hud_pages = draw_panel(target, self.layout, game, self.palette, self.fonts, view, allowed,
                                    self.arrow_scale)

    def _marker_rects(self, game: Game, view: ViewState, pts: list, bounds: pygame.Rect) -> list[pygame.Rect]:
        """Where the rings (start, claim) or the reveal's flag and summit signs will be drawn: labels yield to them."""
        s, t = self.ui_scale, self.transform
        assert t is not None
        out: list[pygame.Rect] = []
        if not game.finished:
            if game.forced_start:
                out.append(glyphs.marker_rect("ring", t.to_screen(*game.forced_start), s, bounds))
            if view.claim_index is not None and 0 <= view.claim_index < len(pts):
                out.append(glyphs.marker_rect("ring", pts[view.claim_index], s, bounds))
            return out
        if pts:
            claimed = game.verdict.index if game.verdict is not None and 0 <= game.verdict.index < len(pts) else -1
            out.append(glyphs.marker_rect("flag", pts[claimed], s, bounds))
        for x, y, _ in summits_to_mark(game.surface):
            out.append(glyphs.marker_rect("local", t.to_screen(x, y), s, bounds))
        try:
            peak = game.peak
        except (AttributeError, ValueError, ArithmeticError):
            peak = None
        if peak is not None and all(math.isfinite(v) for v in peak[:2]):
            out.append(glyphs.marker_rect("summit", t.to_screen(peak[0], peak[1]), s, bounds))
        return out

    def _clear_of_fog(self, rect: pygame.Rect) -> bool:
        """True when a screen rect lies wholly in the clear middle of the fog's holes (corners, edge midpoints and
        centre each inside some hole's fully clear disc)."""
        assert self.transform is not None and self.fog is not None
        ox, oy = self.transform.inner[0], self.transform.inner[1]
        core = 1.0 - SOFT_EDGE
        holes = self.fog.holes
        xs = (rect.left, rect.centerx, rect.right - 1)
        ys = (rect.top, rect.centery, rect.bottom - 1)
        for x in xs:
            for y in ys:
                if not any((x - ox - hx) ** 2 + (y - oy - hy) ** 2 <= (core * r) ** 2 for hx, hy, r in holes):
                    return False
        return True

    def _draw_ring(self, target: pygame.Surface, pos: tuple[float, float]) -> pygame.Rect:
        """An accent ring with a dark outline around a point: the level's start, or the probe a claim takes
        (whole inside the map: shifted in, with a pointer to the point, at an edge)."""
        assert self.transform is not None
        return glyphs.draw_ring(target, pos, self.palette, self.ui_scale, pygame.Rect(self.transform.inner))

    def _draw_cursor(self, target: pygame.Surface, game: Game, view: ViewState, allowed: set[str],
                     taken: list[pygame.Rect], bounds: pygame.Rect) -> None:
        t, pal = self.transform, self.palette
        assert t is not None
        cx, cy = view.cursor  # type: ignore[misc]
        px, py = t.to_screen(cx, cy)
        if not bounds.inflate(2, 2).collidepoint(px, py):
            return
        # the domain's right and top edges map onto the map's last pixel column/row, not one past it
        px, py = min(max(px, bounds.left), bounds.right - 1), min(max(py, bounds.top), bounds.bottom - 1)
        lines: list[tuple[str, float | None]] = []
        current = None
        pv = game.preview(cx, cy) if game.probes else None
        if pv is not None and view.show_preview and "taylor" in allowed and pv.base is not None:
            lines = [(catalog.t("map.taylor1", view.lang), pv.order1)]
            if pv.order2 is not None:
                lines.append((catalog.t("map.taylor2", view.lang), pv.order2))
            current = pv.base.value
        lo_hi = value_range(game.surface)
        zero = game.resolution.zero_height
        rect = glyphs.draw_preview(target, (px, py), lines, current, lo_hi, bounds, self.fonts, pal,
                                   lambda v: fmt_number(v, view.lang, zero), taken,
                                   self._static_labels + self._static_banners,
                                   head=axes.cursor_lines(game, cx, cy, pv.base if pv is not None else None, view.lang))
        if rect is not None:
            self.last_label_rects.append(rect)
            taken.append(rect)

    def _draw_reveal(self, target: pygame.Surface, game: Game, pts: list, taken: list[pygame.Rect]) -> None:
        t, pal, s, fog = self.transform, self.palette, self.ui_scale, self.fog
        assert t is not None and fog is not None
        bounds = pygame.Rect(t.inner)
        front = fog.sweep_x() + t.inner[0] + fog._edge_w // 2
        try:
            peak = game.peak
        except (AttributeError, ValueError, ArithmeticError):
            peak = None
        locals_ = summits_to_mark(game.surface)
        if game.unbounded is not None:  # no highest point: no star, and the optimiser's "peak" is the pole
            peak, locals_ = None, locals_[1:]
        if pts:
            claimed = game.verdict.index if game.verdict is not None and 0 <= game.verdict.index < len(pts) else -1
            taken.append(glyphs.draw_flag(target, pts[claimed], pal, s, bounds))
        # local summits over the path, the markers and the flag's pole: a claim on one plants the flag on it
        for lx, ly, _ in locals_:
            if peak is not None and math.hypot(lx - peak[0], ly - peak[1]) < 1e-4 * domain_size(game.surface.domain):
                continue
            x, y = t.to_screen(lx, ly)
            if x <= front:
                taken.append(glyphs.draw_local_summit(target, (x, y), pal, s, bounds))
        if peak is not None and all(math.isfinite(v) for v in peak[:2]):
            x, y = t.to_screen(peak[0], peak[1])
            if x <= front:
                taken.append(glyphs.draw_summit(target, (x, y), pal, s, bounds))
