"""The HUD panel: its background, the level's title, the blocks of play or of the result, and its buttons."""

from __future__ import annotations

from typing import Callable

import pygame

from game.core.layout import Box, Layout
from game.core.model import Game
from game.text.levels import level_text
from game.ui.fonts import Fonts, fit_size, wrap
from game.ui.hud import play
from game.ui.hud.depth import DEPTH_COLUMNS, height_only
from game.ui.hud.flow import PRIORITY_CORE, PRIORITY_SPARE, Block, Flow, Pages, Pen
from game.ui.hud.hessian import hessian
from game.ui.hud.result import result_blocks
from game.ui.palette import Palette
from game.ui.views.glyphs import ArrowScale
from game.ui.views.state import ViewState
from game.ui.widgets import ButtonSpec, draw_buttons


def title_block(pen: Pen, game: Game, width: int | None = None) -> Block:
    """The level's title, wrapped to `width` (the column's unless given; beside the page control: then it may
    also shrink to body size before it wraps), never cut; after the claim it goes to a later page first."""
    sizes = ("title", "heading") if width is None else ("title", "heading", "body")
    width = pen.col_w if width is None else width
    title = level_text(game.level, "title", pen.lang)
    size = fit_size(pen.fonts, title, sizes, width)
    lines = wrap(pen.fonts, title, size, width)
    line_h = pen.fonts.font(size).get_height()

    def draw(x: int, y: int, w: int) -> None:
        for i, line in enumerate(lines):
            pen.fonts.draw(pen.target, line, (x, y + i * line_h), size, pen.palette.panel_text)

    return (PRIORITY_CORE if not game.finished else PRIORITY_SPARE), line_h * len(lines), draw


def play_blocks(flow: Flow, pen: Pen, game: Game, show_hessian: bool, arrow_scale: ArrowScale | None,
                claim_index: int | None = None, show_taylor: bool = True, depth: bool = False) -> None:
    """The blocks while climbing, in reading order (the flow drops the least important when room is short);
    `depth`: heights only (no slope, partials, ρ or Taylor)."""
    last = game.probes[-1] if game.probes else None
    probes, score = play.probes_and_score(pen, game)
    flow.add(*probes)
    if claim_index is not None and 0 <= claim_index < len(game.probes):
        flow.add(*play.claim_target(pen, game.probes[claim_index]))
    if last is None:
        flow.add(*play.no_probe_yet(pen))
    elif depth:
        flow.add(*height_only(pen, last, game.resolution.zero_height))
    else:
        flow.extend([play.height_and_slope(pen, last, game.resolution.zero_height, game.resolution.zero_slope),
                     play.partials(pen, last, game.resolution.zero_slope), play.last_step(pen, last)])
    check = play.taylor_check(pen, game, last) if show_taylor and last is not None else None
    optional = [check, play.guess_line(pen, game, last, checked=check is not None), score]
    if show_hessian and last is not None and last.defined:
        optional.append(hessian(pen, last, game.point_of(last), game.surface.scales()[1],
                                game.resolution.zero_curvature))
    optional.append(play.history(pen, game, show_taylor, DEPTH_COLUMNS if depth else ()))
    if arrow_scale is not None:
        optional.append(play.arrow_legend(pen, arrow_scale))
    flow.extend([block for block in optional if block is not None])


TOUCH_PX = 44  # screen px: the smallest touch target (the page control is never lower)


def page_label(pen: Pen, page: int, count: int, keys: bool) -> str:
    """"1/2", with its key on keyboards: "1/2  (V)"."""
    label = pen.label("hud.page", page=page + 1, pages=count)
    return pen.label("button.with_key", label=label, shortcut=pen.label("key.page.short")) if keys else label


def control_size(pen: Pen, keys: bool) -> tuple[int, int]:
    """The page control's (width, height): room for its label at any page of up to 9 and a ▶, a line of body
    text high with room around it, never under a touch target."""
    text_w = max(pen.fonts.measure(page_label(pen, page, 9, keys), "body")[0] for page in range(9))
    return text_w + pen.px(44), max(pen.h_body + pen.px(10), TOUCH_PX)


def draw_page_control(pen: Pen, box: Box, pages: Pages, keys: bool, hover: bool) -> None:
    """"1/2  (V)" with a ▶ drawn at its right end: a click, V or Page Down shows the next page (after the last,
    the first)."""
    rect = pygame.Rect(tuple(box))
    fill = pen.palette.button
    if hover:
        fill = tuple(min(255, int(c * 1.15) + 12) for c in fill)
    radius = max(4, rect.h // 4)
    pygame.draw.rect(pen.target, fill, rect, border_radius=radius)
    pygame.draw.rect(pen.target, pen.palette.panel_edge, rect, max(1, int(pen.s)), border_radius=radius)
    tri = max(4, pen.px(7))
    cx, cy = rect.right - pen.px(10) - tri, rect.centery
    pygame.draw.polygon(pen.target, pen.palette.button_text,
                        [(cx - tri // 2, cy - tri), (cx - tri // 2, cy + tri), (cx + tri, cy)])
    label = page_label(pen, pages.page, pages.count, keys)
    pen.fonts.draw(pen.target, label, (rect.x + pen.px(10), rect.centery), "body", pen.palette.button_text, "midleft")


def draw_hud(target: pygame.Surface, layout: Layout, game: Game, palette: Palette, fonts: Fonts,
             tr: Callable[[str], str] | None = None, lang: str = "en", show_hessian: bool = True,
             arrow_scale: ArrowScale | None = None, hover: str | None = None, note: str | None = None,
             buttons: tuple[ButtonSpec, ...] = (), claim_index: int | None = None, page: int = 0,
             keys: bool = True, show_taylor: bool = True, depth: bool = False) -> Pages:
    """The side (or bottom) panel for a game in play or finished, showing page `page` of its blocks (`keys`: the
    page control names its key; `show_taylor`: the Taylor check where the level shows the Taylor preview);
    returns what was drawn where (Pages: its `control` turns the page)."""
    hud = pygame.Rect(layout.hud_rect)
    pygame.draw.rect(target, palette.panel, hud)
    edge = (hud.bottomleft if layout.hud_side == "right" else hud.topright)
    pygame.draw.line(target, palette.panel_edge, hud.topleft, edge, max(1, int(fonts.scale)))
    s = fonts.scale
    area = layout.hud_content
    gap = int(10 * s)
    columns = 1 if layout.hud_side == "right" else max(1, min(3, area.w // int(250 * s)))
    pen = Pen(target, palette, fonts, lang, (area.w - gap * (columns - 1)) // columns, tr)
    control_w, control_h = control_size(pen, keys)
    head_h = max(title_block(pen, game, area.w - control_w - gap)[1], control_h)
    pen.page_h = area.h - head_h - gap  # a page under the title and the page control
    flow = Flow()
    flow.add(*title_block(pen, game))
    if game.finished and game.verdict is not None:
        room_h = area.h if columns == 1 else int(area.h * columns * 0.75)  # columns break unevenly
        result_blocks(flow, pen, game, note, room_h, gap)
    else:
        play_blocks(flow, pen, game, show_hessian, arrow_scale, claim_index, show_taylor, depth)
    if flow.fits(area, columns, gap):
        return _finish(flow.run(area, columns, gap), target, layout, palette, fonts, buttons, hover)
    # pages: the title and the page control head every page; the other blocks go on pages below them
    first = Flow()
    first.blocks = flow.blocks[1:]
    _, title_h, draw_title = title_block(pen, game, area.w - control_w - gap)
    body = Box(area.x, area.y + head_h + gap, area.w, max(0, area.h - head_h - gap))
    pages = first.run(body, columns, gap, page)
    pages.blocks += 1  # the title is block 0, on every page
    pages.priorities = [flow.blocks[0][0]] + pages.priorities
    pages.pages = [[0] + [i + 1 for i in shown] for shown in pages.pages]
    pages.boxes = [(0, Box(area.x, area.y, area.w - control_w - gap, title_h))] + [
        (i + 1, box) for i, box in pages.boxes]
    draw_title(area.x, area.y, area.w - control_w - gap)
    if pages.count > 1:
        pages.control = Box(area.right - control_w, area.y, control_w, control_h)
        draw_page_control(pen, pages.control, pages, keys, hover == "page")
    return _finish(pages, target, layout, palette, fonts, buttons, hover)


def _finish(pages: Pages, target: pygame.Surface, layout: Layout, palette: Palette, fonts: Fonts,
            buttons: tuple[ButtonSpec, ...], hover: str | None) -> Pages:
    """The buttons under the panel's blocks; `pages` returned."""
    draw_buttons(target, layout.buttons, palette, fonts, buttons, hover)
    return pages


def panel_key(target: pygame.Surface, game: Game, view: ViewState, allowed: set[str], palette_name: str,
              ui_scale: float) -> tuple:
    """Everything the panel drawn by draw_panel (and the play view's cached layer's geometry) depends on."""
    probes = game.probes
    last = probes[-1] if probes else None
    verdict = game.verdict if game.finished else None
    return (target.get_size(), target.get_bitsize(), id(game), len(probes),
            None if last is None else (id(last), last.x, last.y), bool(game.finished), game.guess,
            frozenset(allowed), palette_name, ui_scale, view.lang, view.tr, view.hover, view.buttons,
            None if verdict is None else (id(verdict), verdict.kind), view.extra.get("note"), view.claim_index,
            view.page, view.key_hints, bool(view.extra.get("depth")))


def draw_panel(target: pygame.Surface, layout: Layout, game: Game, palette: Palette, fonts: Fonts, view: ViewState,
               allowed: set[str], arrow_scale: ArrowScale | None) -> Pages:
    """The panel as the play view shows it for `view`, with the overlays `allowed` (Hessian, arrow legend)."""
    return draw_hud(target, layout, game, palette, fonts, view.tr, view.lang, "hessian" in allowed,
                    arrow_scale if "arrows" in allowed else None, view.hover, note=view.extra.get("note"),
                    buttons=view.buttons, claim_index=view.claim_index, page=view.page, keys=view.key_hints,
                    show_taylor="taylor" in allowed, depth=bool(view.extra.get("depth")))


__all__ = ["draw_hud", "draw_panel", "panel_key", "control_size", "Pages"]
