"""The neuron's computation graph at the latest probe: values forward, chain-rule factors backward, their products.

x, z = w·x + b, a = sigmoid(z), C = (a − t)² with their values, the backward factors on the edges, the products for
one example and the means. No keys."""

from __future__ import annotations

from typing import Any

import pygame

from game.text import models as words
from game.ui.fonts import wrap
from game.ui.tools import PlayTool
from game.ui.tools.model_inset import intro_open
from surfaces.models import chain_rule, model_of

MIN_WIDTH = 420  # logical px of map width below which the plate is left out (the HUD still has the gradient)


class ChainGraph(PlayTool):
    """Draws the chain-rule plate over the top of the map of a neuron level, for the latest probe."""

    def __init__(self, scene: Any) -> None:
        super().__init__(scene)
        model = model_of(scene.game.level.surface)
        self.model = model if model is not None and model.kind == "neuron" else None
        self._cache: tuple[Any, dict] | None = None

    def words(self, lang: str) -> dict | None:
        """The plate's words for the latest probe (None before the first), cached per probe and language."""
        game = self.scene.game
        last = game.last
        if self.model is None or last is None:
            return None
        key = (len(game.probes), last.x, last.y, lang)
        if self._cache is None or self._cache[0] != key:
            rule = chain_rule(self.model.data, last.x, last.y)
            self._cache = (key, words.chain_lines(rule, len(self.model.data.x), len(game.probes), lang))
        return self._cache[1]

    def _layout(self, layout: Any) -> tuple[pygame.Rect, bool, list[tuple[str, str]], list[tuple[str, str]]] | None:
        """(plate, graph drawn?, lines above the graph, lines below it), each line (text, palette colour name):
        across the map, at the bottom when the latest probe is in the upper half (else at the top). Where the four
        nodes do not fit side by side, the forward values and backward factors are written out instead. None when
        there is nothing to show or no room."""
        env = self.scene.env
        s, box, fonts = env.scale, layout.map_rect, env.fonts
        text = self.words(env.lang)
        if (text is None or box.w < MIN_WIDTH * s or self.scene.game.finished or layout.transform is None
                or intro_open(self.scene)):
            return None
        pad, margin = int(8 * s), int(12 * s)
        width = box.w - 2 * margin
        inner = width - 2 * pad

        def lines(items: list[str], colour: str, joined: bool = False) -> list[tuple[str, str]]:
            parts = wrap(fonts, ", ".join(items), "small", inner) if joined else [
                part for item in items for part in wrap(fonts, item, "small", inner)]
            return [(part, colour) for part in parts]

        head = lines([f"{text['title']} · {text['example']}"], "accent")
        nodes_w = sum(fonts.measure(n, "small")[0] + int(12 * s) for n in text["nodes"]) + 3 * int(24 * s)
        graph = nodes_w <= inner
        if not graph:
            head += lines(text["nodes"], "plate_text", True) + lines(text["factors"], "good", True)
        tail = lines(text["products"], "plate_text") + lines([text["mean"]], "muted_text")
        line_h = fonts.measure("Ag", "small")[1]
        height = pad + line_h * (len(head) + len(tail)) + (2 * line_h + int(20 * s) if graph else pad // 2) + pad
        last = self.scene.game.last
        _, py = layout.transform.to_screen(last.x, last.y)
        top = box.bottom - int(40 * s) - height if py < box.y + box.h // 2 else box.y + margin
        return pygame.Rect(box.x + margin, max(box.y, top), width, min(height, box.h)), graph, head, tail

    def occupied(self, layout: Any) -> pygame.Rect | None:
        """The plate's rect this frame (the data inset keeps clear of it)."""
        placed = self._layout(layout)
        return None if placed is None else placed[0]

    def draw(self, target: pygame.Surface, layout: Any) -> None:
        placed = self._layout(layout)
        if placed is None:
            return
        plate, graph, head, tail = placed
        env = self.scene.env
        fonts, pal, s = env.fonts, env.palette, env.scale
        pad = int(8 * s)
        line_h = fonts.measure("Ag", "small")[1]
        target.blit(fonts.plate(plate.w, plate.h, (*pal.plate[:3], 235), pad), plate)
        clip = target.get_clip()
        target.set_clip(plate)
        x, y = plate.x + pad, plate.y + pad // 2
        for line, colour in head:
            y = fonts.draw(target, line, (x, y), "small", getattr(pal, colour)).bottom
        y += pad // 2
        if graph:
            y = self._graph(target, self.words(env.lang), pygame.Rect(x, y, plate.w - 2 * pad, 2 * line_h), fonts,
                            pal, s)
        for line, colour in tail:
            y = fonts.draw(target, line, (x, y), "small", getattr(pal, colour)).bottom
        target.set_clip(clip)

    def _graph(self, target: pygame.Surface, text: dict, area: pygame.Rect, fonts: Any, pal: Any, s: float) -> int:
        """Four nodes left to right joined by arrows, each backward factor under its edge; returns the bottom."""
        nodes = text["nodes"]
        widths = [fonts.measure(n, "small")[0] + int(12 * s) for n in nodes]
        gap = max(int(16 * s), (area.w - sum(widths)) // 3)
        line_h = fonts.measure("Ag", "small")[1]
        top = area.y
        h = line_h + int(8 * s)
        rects = []
        x = area.x
        for label, w in zip(nodes, widths):
            rect = pygame.Rect(x, top, w, h)
            pygame.draw.rect(target, pal.panel_edge, rect, max(1, int(s)), border_radius=int(4 * s))
            fonts.draw(target, label, rect.center, "small", pal.plate_text, anchor="center")
            rects.append(rect)
            x += w + gap
        width = max(1, int(2 * s))
        for i, (a, b) in enumerate(zip(rects, rects[1:])):
            y = a.centery
            pygame.draw.line(target, pal.plate_text, (a.right + 2, y), (b.left - 3, y), width)
            head = int(6 * s)
            pygame.draw.polygon(target, pal.plate_text, [(b.left - 2, y), (b.left - 2 - head, y - head // 2 - 1),
                                                         (b.left - 2 - head, y + head // 2 + 1)])
            label = text["factors"][i]
            fonts.draw(target, label, ((a.right + b.left) // 2, a.bottom + int(4 * s)), "small", pal.good,
                       anchor="midtop")
        return top + h + int(4 * s) + line_h + int(4 * s)
