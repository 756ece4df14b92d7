"""The calculus lab in the play scene: gradient lab, slice, Hessian axes and Taylor contours; lab mode's rules.

Keys 7, 8, 9, 0 switch the overlays; they work at the selected probe (the latest, or the one Tab picked).

Keys: [ ] the gradient lab's h (also the wheel over its plot, or a click/drag on it); , . turn the slice by 15°;
; cycles the slice's direction (x, y, gradient, free). Every number comes from game.core.lab_*; views only draw."""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.core import actions as A
from game.core.lab_fd import DEFAULT_H, H_STEPS, best_h, error_curves, lab_results
from game.core.depth import DEPTH_HIDDEN, is_depth
from game.core.lab_mode import is_lab, level_for, reveals_map
from game.core.lab_shapes import hessian_axes
from game.core.lab_slice import DIRECTIONS, TURN_DEGREES, angle_of, secant, unit, visible_curve
from game.core.layout import Layout
from game.text.catalog import t
from game.text.numbers import fmt_number
from game.ui.tools import PlayTool
from game.ui.views import lab_gradient, lab_hessian, lab_slice, lab_taylor
from game.ui.views.lab_panels import dashed, place_insets
from game.ui.views.play_view import HOLE_FRACTION

INSETS = ("gradient-lab", "slice")  # drawn as insets on the map; the other two draw on the map itself
VISIBLE_SHARE = 0.9  # of a fog hole's radius: the part of the disc that is surely clear (its edge is soft)


class LabTool(PlayTool):
    """State of the lab (h, slice direction) and its drawing; in lab mode also the rules (no claim, no budget)."""

    on_result = True  # its overlays stay over the revealed map after the claim

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        options = scene.env.options  # the run's flags (--mode lab, --reveal)
        self.lab = is_lab(options)
        self._reveal = reveals_map(options)
        if self.lab or self._reveal:  # also a level picked later from level select: unlimited probes, free start
            scene.game.level = level_for(options, scene.game.level)
        self.h_index = H_STEPS.index(DEFAULT_H)
        self.kind = "x"
        self.angle = 0.0
        self.pointer: tuple[int, int] | None = None
        self.plot_rect: pygame.Rect | None = None  # the gradient lab's plot as last drawn (click, drag, wheel)
        self.inset_rects: list[pygame.Rect] = []
        self._dragging = False
        self._cache: dict[str, tuple[object, object]] = {}  # name → (key, value)

    # --- state ---------------------------------------------------------------------------------------------
    @property
    def reveals_map(self) -> bool:
        return self._reveal

    @property
    def h(self) -> float:
        return H_STEPS[self.h_index]

    @property
    def revealed(self) -> bool:
        """True when the whole surface may be shown: lab mode, --reveal, or after the claim."""
        return self._reveal or bool(self.scene.game.finished)

    def shown(self) -> list[str]:
        """The lab overlays switched on (none of the slope's in depth mode, whatever --show asked for)."""
        hidden = set(self.scene.env.hidden)
        if is_depth(self.scene.env.options.mode, getattr(self.scene.level, "mode", "play")):
            hidden |= DEPTH_HIDDEN
        return [name for name in ("gradient-lab", "slice", "hessian-axes", "taylor-contours") if name not in hidden]

    def probe(self) -> Any:
        """The selected probe (Tab's pick, else the latest) when its height is defined, else None."""
        probes = self.scene.game.probes
        if not probes:
            return None
        index = self.scene.claim_index if self.scene.claim_index is not None else len(probes) - 1
        probe = probes[min(max(0, index), len(probes) - 1)]
        return probe if probe.defined else None

    def frame_key(self) -> object:
        return self.h_index, self.kind, self.angle, tuple(self.shown())

    # --- input ---------------------------------------------------------------------------------------------
    def handle(self, action: A.Action) -> bool:
        kind = action.kind
        if kind == A.LAB_H:
            self.step_h(int(action.dx) or 1)
        elif kind == A.LAB_TURN:
            self.turn(action.dx or 1.0)
        elif kind == A.LAB_AXIS:
            self.kind = DIRECTIONS[(DIRECTIONS.index(self.kind) + 1) % len(DIRECTIONS)]
        elif kind == A.CLAIM and self.lab:
            self.scene.say("lab.no_claim")
        elif kind == A.POINT and action.pos is not None:
            self.pointer = action.pos
            if self._dragging and pygame.mouse.get_pressed()[0]:
                return self._pick_h(action.pos)
            self._dragging = False
            return False
        elif kind == A.ADJUST and self._over_plot(self.pointer):
            self.step_h(1 if action.dy > 0 else -1)
        elif kind == A.CLICK and action.pos is not None and any(r.collidepoint(action.pos) for r in self.inset_rects):
            self._dragging = self._pick_h(action.pos)
            return True  # a click on an inset never probes the ground under it
        else:
            return False
        return True

    def step_h(self, direction: int) -> None:
        """One step of h: -1 smaller, +1 larger (clamped to 1e-14 … 1e-1)."""
        self.h_index = min(len(H_STEPS) - 1, max(0, self.h_index - direction))

    def turn(self, steps: float) -> None:
        """Turn the slice by steps × 15° from where it points now; it becomes a free direction."""
        current = self._unit()
        self.angle = round((angle_of(current) + steps * TURN_DEGREES) / TURN_DEGREES) * TURN_DEGREES % 360.0
        self.kind = "free"

    def _over_plot(self, pos: tuple[int, int] | None) -> bool:
        return pos is not None and self.plot_rect is not None and self.plot_rect.collidepoint(pos)

    def _pick_h(self, pos: tuple[int, int]) -> bool:
        """A click or drag on the gradient lab's plot: the h under the pointer (the plot's x axis is log h)."""
        if not self._over_plot(pos):
            return False
        assert self.plot_rect is not None
        lo, hi = lab_gradient.LOG_H
        share = (pos[0] - self.plot_rect.left) / max(1, self.plot_rect.w - 1)
        target = hi + share * (lo - hi)  # h shrinks to the right
        self.h_index = min(range(len(H_STEPS)), key=lambda i: abs(math.log10(H_STEPS[i]) - target))
        return True

    def _unit(self) -> tuple[float, float]:
        probe = self.probe()
        gradient = tuple(probe.exact_gradient) if probe is not None else (0.0, 0.0)
        return unit(self.kind, self.angle, (float(gradient[0]), float(gradient[1])))

    # --- data (cached: the cursor moving costs a blit) -------------------------------------------------------
    def _cached(self, name: str, key: object, build: Any, can_wait: bool = False, keep: Any = None) -> Any:
        """The value built for `key` (built now if not yet). When it `can_wait` and the frame has no time left: the
        last value if `keep(its key)` says it still fits (the insets while h or the slice changes), else None (the
        layer then shows from the next frame on)."""
        hit = self._cache.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        if can_wait and not self.scene.env.budget.allows():
            return hit[1] if hit is not None and keep is not None and keep(hit[0]) else None
        value = build()
        self._cache[name] = (key, value)
        return value

    def gradient_data(self, probe: Any) -> lab_gradient.GradientData:
        surface = self.scene.game.surface
        curves = self._cached("curves", (probe.x, probe.y), lambda: error_curves(surface, probe.x, probe.y))
        exact, results = lab_results(surface, probe.x, probe.y, self.h)
        return lab_gradient.GradientData(self.h, exact, results, curves, {m: best_h(c) for m, c in curves.items()})

    def slice_data(self, probe: Any, layout: Layout) -> lab_slice.SliceData:
        game, transform = self.scene.game, layout.transform
        assert transform is not None
        u = self._unit()
        radius = None if self.revealed else VISIBLE_SHARE * HOLE_FRACTION * min(transform.size) / max(transform.sx,
                                                                                                     transform.sy)
        points = [(p.x, p.y) for p in game.probes]
        ts, zs = self._cached("slice", (probe.x, probe.y, u, radius, len(points)),
                              lambda: visible_curve(game.surface, probe.x, probe.y, u, points, radius))
        return lab_slice.SliceData((probe.x, probe.y), probe.value, self.kind, angle_of(u), u, ts, zs,
                                   secant(game.surface, probe.x, probe.y, u, self.h), self.revealed)

    def _derivatives(self, probe: Any) -> tuple[float, tuple[float, float], tuple[float, float, float]]:
        value, g, H = self.scene.game.surface.value_gradient_hessian(probe.x, probe.y)
        return float(value), (float(g[0]), float(g[1])), (float(H[0][0]), float(H[0][1]), float(H[1][1]))

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, target: pygame.Surface, layout: Layout) -> None:
        shown = self.shown()
        probe = self.probe()
        self.plot_rect, self.inset_rects = None, []
        if not shown or probe is None or layout.transform is None:
            return
        env = self.scene.env
        names = [name for name in INSETS if name in shown]
        rects, layers, plot = (self._insets(layout, probe, names) if names else None) or ([], [], None)
        u = self._unit()  # the slice's direction (what its inset shows, also on a frame that keeps the last insets)
        info = self._cached("hessian", (probe.x, probe.y), lambda: hessian_axes(
            *self._derivatives(probe)[1:], self.scene.game.surface.scales()[1])) if "hessian-axes" in shown else None
        labels = [r.clip(target.get_rect()) for r in env.play_view().last_label_rects]
        reach = self._footprint(layout, probe, shown, u)
        kept = [(r, target.subsurface(r).copy()) for r in labels if r.w > 0 and r.h > 0 and reach(r)]
        if "taylor-contours" in shown:
            self._draw_taylor(target, layout, probe)
        if "slice" in shown:  # under the insets, so they stay whole
            self._draw_slice_line(target, layout, probe, u)
        if info is not None:
            lab_hessian.draw(target, layout.transform, env.fonts, env.palette, info, (probe.x, probe.y), env.lang,
                             env.scale, labels + list(rects))
        for rect, copy in kept:  # the probes' labels and the cursor's Taylor plate stay readable over the lab's lines
            target.blit(copy, rect)
        for rect, layer in zip(rects, layers):
            target.blit(layer, rect)
        self.plot_rect, self.inset_rects = plot, list(rects)

    def _footprint(self, layout: Layout, probe: Any, shown: list[str], u: tuple[float, float]) -> Any:
        """A test: does a label rect lie where the lab draws on the map (the Taylor disc, the Hessian's axes and
        Newton arrow, the slice's line)? Only those labels are kept readable (copied before, put back after)."""
        transform = layout.transform
        assert transform is not None
        cx, cy = transform.to_screen(probe.x, probe.y)
        areas: list[pygame.Rect] = []
        if "taylor-contours" in shown:
            r = int(HOLE_FRACTION * min(transform.size) * 1.6) + 1
            areas.append(pygame.Rect(int(cx) - r, int(cy) - r, 2 * r + 1, 2 * r + 1))
        if "hessian-axes" in shown:
            r = int(lab_hessian.AXIS_PX * self.scene.env.scale) + 2
            areas.append(pygame.Rect(int(cx) - r, int(cy) - r, 2 * r + 1, 2 * r + 1))
            hit = self._cache.get("hessian")
            goal = lab_hessian.newton_target(hit[1], (probe.x, probe.y), transform) if hit is not None else None
            if goal is not None:
                areas.append(pygame.Rect(min(cx, goal[0]) - 12, min(cy, goal[1]) - 12, abs(goal[0] - cx) + 24,
                                         abs(goal[1] - cy) + 24))
        far = 4 * max(transform.size)
        line = ((cx - u[0] * far, cy + u[1] * far), (cx + u[0] * far, cy - u[1] * far)) if "slice" in shown else None
        return lambda rect: rect.collidelist(areas) >= 0 or (line is not None and bool(rect.clipline(*line)))

    def _insets(self, layout: Layout, probe: Any, names: list[str]) -> tuple:
        """(rects, layers, plot rect) of the insets, rendered again only when what they show changes."""
        env = self.scene.env
        transform = layout.transform
        assert transform is not None
        key = (tuple(names), probe.x, probe.y, len(self.scene.game.probes), self.h_index, self.kind, self.angle,
               self.revealed, transform.inner, env.lang, env.scale, env.palette.name, env.touch)
        return self._cached("insets", key, lambda: self._render_insets(layout, probe, names), can_wait=True,
                            keep=lambda old: old[8] == transform.inner and old[0] == key[0])  # same map, same insets

    def _render_insets(self, layout: Layout, probe: Any, names: list[str]) -> tuple:
        """The insets drawn once into their own layers (a moving cursor then costs two blits): rects, layers and
        the gradient plot's screen rect."""
        env = self.scene.env
        hints = not env.touch
        transform = layout.transform
        assert transform is not None
        data = {"gradient-lab": self.gradient_data(probe) if "gradient-lab" in names else None,
                "slice": self.slice_data(probe, layout) if "slice" in names else None}
        views = {"gradient-lab": lab_gradient, "slice": lab_slice}
        sizes = [views[n].natural_size(env.fonts, data[n], env.lang, env.scale, hints) for n in names]
        rects = place_insets(pygame.Rect(transform.inner), transform.to_screen(probe.x, probe.y), sizes, env.scale)
        layers, plot = [], None
        for name, rect in zip(names, rects):
            layer = pygame.Surface(rect.size, pygame.SRCALPHA)
            drawn = views[name].draw(layer, layer.get_rect(), env.fonts, env.palette, data[name], env.lang, env.scale,
                                     hints)
            if name == "gradient-lab":
                plot = drawn.move(rect.topleft)
            layers.append(layer)
        return rects, layers, plot

    def _draw_slice_line(self, target: pygame.Surface, layout: Layout, probe: Any, u: tuple[float, float]) -> None:
        """The slice's line across the map through the probe (a direction only: it shows no height)."""
        transform = layout.transform
        assert transform is not None
        env = self.scene.env
        reach = 2 * max(transform.domain[1] - transform.domain[0], transform.domain[3] - transform.domain[2])
        ends = [transform.to_screen(probe.x + s * reach * u[0], probe.y + s * reach * u[1]) for s in (-1, 1)]
        inside = pygame.Rect(transform.inner).clipline(ends[0], ends[1])  # only the dashes on the map are drawn
        if inside:
            dashed(target, env.palette.good, inside[0], inside[1], max(1, int(2 * env.scale)), 6 * env.scale)

    def _draw_taylor(self, target: pygame.Surface, layout: Layout, probe: Any) -> None:
        env, game = self.scene.env, self.scene.game
        transform = layout.transform
        contour = env.play_view().contour
        assert transform is not None
        if contour is None or contour.levels is None:
            return
        value, g, H = self._derivatives(probe)
        radius = int(HOLE_FRACTION * min(transform.size) * 1.6)
        key = (probe.x, probe.y, transform.inner, contour.levels.edges, env.palette.name, env.scale)
        model = self._cached("taylor", key, lambda: lab_taylor.model_layer(
            transform, (probe.x, probe.y), value, g, H, contour.levels.edges, radius,
            (env.palette.plate_text, env.palette.accent), env.scale), can_wait=True)
        shade = self._cached("trust", key, lambda: lab_taylor.trust_layer(
            game.surface, transform, (probe.x, probe.y), value, g, H, game.tolerance_height, env.palette.plate_text),
            can_wait=True) if self.revealed else None
        if shade is not None:
            target.blit(shade, transform.inner[:2])
        if model is not None:
            clip = target.get_clip()
            target.set_clip(pygame.Rect(transform.inner))
            target.blit(*model)
            target.set_clip(clip)
        lines = [t("lab.taylor.legend", env.lang)]
        if self.revealed:
            lines.append(t("lab.taylor.trust", env.lang, tol=fmt_number(game.tolerance_height, env.lang)))
        inner = pygame.Rect(transform.inner)
        line_h = env.fonts.measure("Ag", "small")[1]
        y = inner.bottom - int(16 * env.scale) - (len(lines) + 1) * line_h  # above the axes' tick labels
        for line in lines:  # bottom-left of the map: the insets take the top (or the side away from the probe)
            y = env.fonts.draw(target, line, (inner.x + int(40 * env.scale), y), "small", env.palette.plate_text,
                               plate=env.palette.plate).bottom


__all__ = ["LabTool", "INSETS"]
