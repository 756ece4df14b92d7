"""The teacher's keys during play: X reveal now, U / Ctrl+Z undo, F freeze, S export, and the key legend.

A recording dropped on the window opens the class overlay. In classroom mode a small legend of these keys sits in
the map's emptiest corner; a click on it folds it away, another brings it back."""

from __future__ import annotations

import dataclasses

from typing import TYPE_CHECKING, Any

import pygame

from game.core import actions as A
from game.core.undo import undo_last
from game.text.catalog import n, t
from game.ui.exports import export_from_scene
from game.ui.tools import PlayTool
from game.ui.tools.freeze_view import FreezeMode
from game.ui.views.revealed import draw_paths, draw_summit, draw_terrain, free_box

if TYPE_CHECKING:
    from game.ui.views.state import ViewState
    from game.core.layout import Layout
    from game.core.probe import Probe

LEGEND_KEYS = ("class.legend.reveal", "class.legend.undo", "class.legend.freeze", "class.legend.export",
               "class.legend.intro", "class.legend.overlays")
# after "reveal now" the climb is over: only these still act (the rest would change a game that has ended)
AFTER_REVEAL = (A.RESTART, A.BACK, A.PAUSE, A.HELP, A.TOGGLE, A.AXES, A.EXPORT, A.FULLSCREEN, A.RESIZE, A.QUIT,
                A.PAGE, A.POINT, A.LEVELS, A.DROP)


class ClassroomTool(PlayTool):
    """The classroom's part of the play scene."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        self.revealed = False  # the teacher showed the whole map: the game is over, without a score
        self.freeze: FreezeMode | None = None
        self.legend_open = True
        self.legend_rect: pygame.Rect | None = None

    @property
    def hides_preview(self) -> bool:
        return self.freeze is not None  # the class predicts T₁ itself; the cursor must not say it

    def view(self, state: "ViewState") -> "ViewState":
        """Once the answers show, the cursor and its plate step aside (they covered the marked points' labels)."""
        if self.freeze is not None and self.freeze.answered:
            return dataclasses.replace(state, cursor=None)
        return state

    def handle(self, action: A.Action) -> bool:
        kind, scene = action.kind, self.scene
        if kind == A.CLICK and action.pos is not None and self.legend_rect is not None \
                and self.legend_rect.collidepoint(action.pos):
            self.legend_open = not self.legend_open
            return True
        if kind == A.DROP:
            return self._open_class(action.text)
        if self.freeze is not None:
            if kind in (A.BACK, A.FREEZE):
                self.freeze = None
                return True
            return self.freeze.handle(action)
        if self.revealed:
            if kind == A.LEVELS:
                scene.nav.show(scene.routes.levels(scene.level.id))
                return True
            return kind not in AFTER_REVEAL or kind == A.EXPORT and self._export()
        if kind == A.EXPORT:
            return self._export()
        if kind == A.REVEAL and not scene.game.finished:
            self.revealed = True
            scene.guess_text = None
            scene.intro.close()
            return True
        if kind == A.UNDO:
            self._undo()
            return True
        if kind == A.FREEZE and not scene.game.finished:
            self.freeze = FreezeMode(scene)
            scene.guess_text = None
            scene.intro.close()
            return True
        return False

    def _undo(self) -> None:
        scene = self.scene
        count = len(scene.game.probes)
        if not undo_last(scene.game):
            scene.say("class.undo_none")
            return
        del scene.probe_times[count - 1:]
        scene.claim_index = None
        scene.guess_text = None
        scene.say("class.undo_done", index=count)

    def _export(self) -> bool:
        export_from_scene(self.scene, self.scene.game)
        return True

    def _open_class(self, path: str) -> bool:
        from game.ui.scenes.class_view import open_class  # the class view opens play scenes: imported late

        scene = self.scene
        scene.nav.show(open_class(scene.ctx, [path], scene.level))
        return True

    def after_probe(self, probe: "Probe") -> None:
        self.freeze = None  # a probe (a script, a climber) ends the freeze: its marks were about the map before

    def frame_key(self) -> object:
        return self.revealed, self.legend_open, self.freeze.frame_key() if self.freeze is not None else None

    def draw(self, target: pygame.Surface, layout: "Layout") -> None:
        if self.revealed:
            self._draw_revealed(target, layout)
        if self.freeze is not None:
            self.freeze.draw(target, layout)
        self.legend_rect = None
        if self.scene.env.classroom and self.freeze is None and not self.revealed:
            self.legend_rect = self._draw_legend(target, layout)

    def _draw_revealed(self, target: pygame.Surface, layout: "Layout") -> None:
        """The whole terrain, the climb so far and the summit; the panel says the game ended without a score."""
        scene, env = self.scene, self.scene.env
        view = env.play_view()
        draw_terrain(target, view)
        draw_paths(target, view, [[(p.x, p.y) for p in scene.game.probes]])
        draw_summit(target, view, scene.game)
        panel = pygame.Rect(tuple(layout.hud_rect))
        pygame.draw.rect(target, env.palette.background, panel)
        fonts, pal, lang = env.fonts, env.palette, env.lang
        pad = int(12 * env.scale)
        from game.ui.fonts import wrap

        y = fonts.draw(target, t("class.revealed_title", lang), (panel.x + pad, panel.y + pad), "title",
                       pal.accent).bottom + pad
        used = len(scene.game.probes)
        text = t("class.revealed_text", lang) + " " + n("class.revealed_probes", used, lang, used=used)
        for line in wrap(fonts, text, "body", panel.w - 2 * pad):
            y = fonts.draw(target, line, (panel.x + pad, y), "body", pal.panel_text).bottom
        for line in wrap(fonts, t("class.revealed_keys", lang), "small", panel.w - 2 * pad):
            y = fonts.draw(target, line, (panel.x + pad, y + pad // 2), "small", pal.muted_text).bottom

    def _draw_legend(self, target: pygame.Surface, layout: "Layout") -> pygame.Rect | None:
        """The presenter keys in the map's corner farthest from the probes and the cursor (folded: one word)."""
        env = self.scene.env
        fonts, pal, lang = env.fonts, env.palette, env.lang
        pad = int(8 * env.scale)
        lines = [t(key, lang) for key in LEGEND_KEYS] if self.legend_open else [t("class.legend.folded", lang)]
        width = max(fonts.measure(line, "small")[0] for line in lines) + 2 * pad
        line_h = fonts.measure("Ag", "small")[1]
        plate = pygame.Rect(0, 0, width, line_h * len(lines) + 2 * pad)
        box = self._free_box(pygame.Rect(tuple(layout.map_rect))).inflate(-2 * pad, -2 * pad)
        corner = self._corner(plate.size, box)
        if corner is None:  # the intro or the guess field fills the map: no legend over them
            return None
        plate.topleft = corner
        target.blit(fonts.plate(plate.w, plate.h, pal.plate, pad), plate)
        y = plate.y + pad
        for line in lines:
            fonts.draw(target, line, (plate.x + pad, y), "small", pal.plate_text)
            y += line_h
        return plate

    def _free_box(self, box: pygame.Rect) -> pygame.Rect:
        """The map without its rulers (the legend never hides the axes' numbers)."""
        env = self.scene.env
        shown = "axes" not in env.hidden and "axes" in self.scene.level.overlays
        return free_box(box, self.scene.transform(), env.play_view().fonts, env.lang) if shown else box

    def _corner(self, size: tuple[int, int], box: pygame.Rect) -> tuple[int, int] | None:
        """The corner of `box` whose plate of `size` covers the fewest probes and not the cursor; None when every
        corner would cover the intro or the height-guess field (drawn before the tools, they stay readable)."""
        scene = self.scene
        transform = scene.transform()
        points = [transform.to_screen(p.x, p.y) for p in scene.game.probes]
        cursor = transform.to_screen(*scene.cursor)
        plates = [rect for rect in (scene.intro_rect(),) if rect is not None]
        if scene.guess_text is not None:
            plates.append(scene.guess_plate(scene.layout()))
        corners = [(box.right - size[0], box.bottom - size[1]), (box.x, box.bottom - size[1]),
                   (box.right - size[0], box.y), (box.x, box.y)]

        def cost(corner: tuple[int, int]) -> int:
            rect = pygame.Rect(corner, size).inflate(24, 24)
            return (sum(rect.collidepoint(p) for p in points) + 100 * rect.collidepoint(cursor)
                    + 10_000 * (rect.collidelist(plates) >= 0))

        best = min(corners, key=cost)
        return None if cost(best) >= 10_000 else best


__all__ = ["ClassroomTool"]
