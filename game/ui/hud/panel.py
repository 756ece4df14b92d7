"""The HUD panel: its background, the level's title, the blocks of play or of the result, and its buttons."""

from __future__ import annotations

from typing import Callable

import pygame

from game.core.layout import Layout
from game.core.model import Game
from game.text.levels import level_text
from game.ui.fonts import Fonts, fit_size, wrap
from game.ui.hud import play
from game.ui.hud.flow import PRIORITY_CORE, PRIORITY_SPARE, Block, Flow, Pen
from game.ui.hud.hessian import hessian
from game.ui.hud.result import result_blocks
from game.ui.palette import Palette
from game.ui.views.glyphs import ArrowScale
from game.ui.widgets import ButtonSpec, draw_buttons


def title_block(pen: Pen, game: Game) -> Block:
    """The level's title, wrapped to two lines at most; after the claim it gives way first when room is short."""
    title = level_text(game.level, "title", pen.lang)
    size = fit_size(pen.fonts, title, ("title", "heading"), pen.col_w)
    lines = wrap(pen.fonts, title, size, pen.col_w)[:2]
    line_h = pen.fonts.font(size).get_height()

    def draw(x: int, y: int, w: int) -> None:
        for i, line in enumerate(lines):
            pen.fonts.draw(pen.target, line, (x, y + i * line_h), size, pen.palette.panel_text)

    return (PRIORITY_CORE if not game.finished else PRIORITY_SPARE), line_h * len(lines), draw


def play_blocks(flow: Flow, pen: Pen, game: Game, show_hessian: bool, arrow_scale: ArrowScale | None,
                claim_index: int | None = None, show_taylor: bool = True) -> None:
    """The blocks while climbing, in reading order (the flow drops the least important when room is short)."""
    last = game.probes[-1] if game.probes else None
    probes, score = play.probes_and_score(pen, game)
    flow.add(*probes)
    if claim_index is not None and 0 <= claim_index < len(game.probes):
        flow.add(*play.claim_target(pen, game.probes[claim_index]))
    if last is None:
        flow.add(*play.no_probe_yet(pen))
    else:
        flow.extend([play.height_and_slope(pen, last, game.resolution.zero_height, game.resolution.zero_slope),
                     play.partials(pen, last, game.resolution.zero_slope), play.last_step(pen, last)])
    check = play.taylor_check(pen, game, last) if show_taylor and last is not None else None
    optional = [check, play.guess_line(pen, game, last, checked=check is not None), score]
    if show_hessian and last is not None and last.defined:
        optional.append(hessian(pen, last, game.point_of(last), game.surface.scales()[1],
                                game.resolution.zero_curvature))
    optional.append(play.history(pen, game, show_taylor))
    if arrow_scale is not None:
        optional.append(play.arrow_legend(pen, arrow_scale))
    flow.extend([block for block in optional if block is not None])


def draw_hud(target: pygame.Surface, layout: Layout, game: Game, palette: Palette, fonts: Fonts,
             tr: Callable[[str], str] | None = None, lang: str = "en", show_hessian: bool = True,
             arrow_scale: ArrowScale | None = None, hover: str | None = None, note: str | None = None,
             buttons: tuple[ButtonSpec, ...] = (), claim_index: int | None = None,
             show_taylor: bool = True) -> list[int]:
    """The side (or bottom) panel for a game in play or finished; returns the priorities of dropped blocks."""
    hud = pygame.Rect(layout.hud_rect)
    pygame.draw.rect(target, palette.panel, hud)
    edge = (hud.bottomleft if layout.hud_side == "right" else hud.topright)
    pygame.draw.line(target, palette.panel_edge, hud.topleft, edge, max(1, int(fonts.scale)))
    s = fonts.scale
    area = layout.hud_content
    gap = int(10 * s)
    columns = 1 if layout.hud_side == "right" else max(1, min(3, area.w // int(250 * s)))
    pen = Pen(target, palette, fonts, lang, (area.w - gap * (columns - 1)) // columns, tr)
    flow = Flow()
    flow.add(*title_block(pen, game))
    if game.finished and game.verdict is not None:
        room_h = area.h if columns == 1 else int(area.h * columns * 0.75)  # columns break unevenly
        result_blocks(flow, pen, game, note, room_h, gap)
    else:
        play_blocks(flow, pen, game, show_hessian, arrow_scale, claim_index, show_taylor)
    dropped = flow.run(area, columns, gap)
    draw_buttons(target, layout.buttons, palette, fonts, buttons, hover)
    return dropped


__all__ = ["draw_hud"]
