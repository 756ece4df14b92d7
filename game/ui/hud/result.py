"""The panel's blocks after the claim: verdict, score rows, total with stars, the explanation, the map legend."""

from __future__ import annotations

import pygame

from game.core.model import Game
from game.text.verdicts import score_label, verdict_text
from game.ui.fonts import fit_size, wrap
from game.ui.hud.flow import (PRIORITY_CORE, PRIORITY_DETAIL, PRIORITY_MAP_LEGEND, PRIORITY_SPARE,
                              PRIORITY_VERDICT_TEXT, Block, Flow, Pen)
from game.ui.views.glyphs import draw_flag, draw_local_summit, draw_star
from game.ui.widgets import draw_stars


def verdict_title(pen: Pen, game: Game) -> Block:
    """"Summit reached!", "A local summit" or "Not a summit", in the verdict's colour."""
    kind = game.verdict.kind
    title = pen.label(f"result.title.{kind}")
    colour = pen.palette.good if kind == "global" else pen.palette.accent if kind == "local" else pen.palette.bad

    def draw(x: int, y: int, w: int) -> None:
        size = fit_size(pen.fonts, title, ("title", "heading", "body"), w)
        pen.fonts.draw(pen.target, title, (x, y), size, colour)

    return PRIORITY_CORE, pen.fonts.font("title").get_height(), draw


def score_rows(pen: Pen, game: Game) -> Block:
    """One row per score term that counted: its name and its signed points."""
    score = game.score()
    rows = [(score_label(key, pen.lang), points) for key, points in score.items if points]
    if not rows:
        rows = [(score_label(key, pen.lang), points) for key, points in score.items[:1]]
    row_h = int(pen.h_body * 1.15)

    def draw(x: int, y: int, w: int) -> None:
        for i, (name, points) in enumerate(rows):
            yy = y + i * row_h + pen.h_body // 2
            text = ("+" if points > 0 else "\u2212" if points < 0 else "") + str(abs(int(points)))
            size = fit_size(pen.fonts, name, ("body", "label", "small"), w - pen.fonts.measure(text, "body")[0] - pen.px(10))
            pen.fonts.draw(pen.target, name, (x, yy), size, pen.palette.panel_text, "midleft")
            ink = pen.palette.good if points > 0 else pen.palette.bad if points < 0 else pen.palette.muted_text
            pen.fonts.draw(pen.target, text, (x + w, yy), "body", ink, "midright")

    return PRIORITY_CORE, row_h * len(rows), draw


def total_and_stars(pen: Pen, game: Game) -> list[Block]:
    """The total under a rule, with the stars beside "Total" when they fit, else in a row of their own."""
    s, score = pen.s, game.score()
    r_star = int(16 * s)
    step = 2 * r_star + int(10 * s)
    total_text = str(score.total)
    label_w = pen.fonts.measure(pen.label("hud.total"), "heading")[0]
    beside = label_w + int(16 * s) + 2 * r_star + 2 * step + int(16 * s) + pen.fonts.measure(total_text, "big")[0] <= pen.col_w

    def stars(x: int, cy: int) -> None:
        draw_stars(pen.target, (x + r_star + step, cy), score.stars, r_star, pen.palette, gap=step,
                   outline=max(2, int(2 * s)))

    def draw_total(x: int, y: int, w: int) -> None:
        pygame.draw.line(pen.target, pen.palette.panel_edge, (x, y), (x + w, y), max(1, int(s)))
        cy = y + int(6 * s) + pen.h_big // 2
        r = pen.fonts.draw(pen.target, pen.label("hud.total"), (x, cy), "heading", pen.palette.panel_text, "midleft")
        pen.fonts.draw(pen.target, total_text, (x + w, y + int(6 * s)), "big", pen.palette.panel_text, "topright")
        if beside:
            stars(r.right + int(16 * s), cy)

    blocks = [(PRIORITY_CORE, pen.h_big + int(8 * s), draw_total)]
    if not beside:
        blocks.append((PRIORITY_DETAIL, 2 * r_star + int(8 * s), lambda x, y, w: stars(x, y + r_star + int(4 * s))))
    return blocks


def map_legend(pen: Pen) -> Block:
    """Star = global summit, triangle = local summit, flag = your claim, packed into rows."""
    s = pen.s
    icon_w, item_gap = int(28 * s), int(18 * s)
    leg_h = max(int(26 * s), pen.h_small + int(4 * s))
    placed: list[tuple[int, int, str, str]] = []  # (dx, row, kind, text)
    dx, row = 0, 0
    for kind in ("global", "local", "claim"):
        text = pen.label(f"hud.legend.{kind}")
        item_w = icon_w + int(6 * s) + pen.fonts.measure(text, "small")[0]
        if dx and dx + item_w > pen.col_w:
            dx, row = 0, row + 1
        placed.append((dx, row, kind, pen.fonts.ellipsize(text, "small", pen.col_w - icon_w - int(6 * s))))
        dx += item_w + item_gap

    def draw(x: int, y: int, w: int) -> None:
        for dx_, row_, kind, text in placed:
            cx, cy = x + dx_ + icon_w // 2, y + row_ * leg_h + leg_h // 2
            if kind == "global":
                draw_star(pen.target, (cx, cy), 12 * s + 2 * s, pen.palette.arrow_outline, pen.palette.arrow_outline, 0)
                draw_star(pen.target, (cx, cy), 12 * s, pen.palette.summit, pen.palette.arrow_outline, max(2, int(2 * s)))
            elif kind == "local":
                draw_local_summit(pen.target, (cx, cy + 2 * s), pen.palette, 0.9 * s)
            else:
                draw_flag(pen.target, (cx - int(6 * s), cy + int(12 * s)), pen.palette, 0.7 * s)
            pen.fonts.draw(pen.target, text, (x + dx_ + icon_w + int(6 * s), cy), "small", pen.palette.panel_text,
                           "midleft")

    return PRIORITY_MAP_LEGEND, leg_h * (row + 1), draw


def explanation(pen: Pen, message: str, flow: Flow, room_h: int, gap: int) -> Block:
    """The verdict's explanation (it teaches) at the largest readable size the room left allows: every block in
    at heading or body size; else at body size the spare blocks (level name, note) give way; only then smaller."""
    everything = sum(h + gap for _, h, _ in flow.blocks)
    kept = sum(h + gap for p, h, _ in flow.blocks if p < PRIORITY_SPARE)
    choice = None
    for size, used in (("heading", everything), ("body", everything), ("body", kept), ("label", kept),
                       ("small", kept)):
        lines = wrap(pen.fonts, message, size, pen.col_w)
        line_h = int(pen.fonts.font(size).get_height() * 1.1)
        choice = (size, lines, line_h)
        if line_h * len(lines) <= room_h - used:
            break
    assert choice is not None
    msg_size, msg_lines, msg_h = choice

    def draw(x: int, y: int, w: int) -> None:
        for i, line in enumerate(msg_lines):
            pen.fonts.draw(pen.target, line, (x, y + i * msg_h), msg_size, pen.palette.panel_text)

    return PRIORITY_VERDICT_TEXT, msg_h * len(msg_lines), draw


def result_blocks(flow: Flow, pen: Pen, game: Game, note: str | None, room_h: int, gap: int) -> None:
    """Verdict, score rows, total and stars, the explanation, the map legend and the note, in that order."""
    flow.add(*verdict_title(pen, game))
    flow.add(*score_rows(pen, game))
    flow.extend(total_and_stars(pen, game))
    legend_at = len(flow.blocks)  # the explanation goes here, above the legend
    flow.add(*map_legend(pen))
    if note:
        flow.add(PRIORITY_SPARE, pen.h_small, lambda x, y, w: pen.fonts.draw(
            pen.target, pen.fonts.ellipsize(note, "small", w), (x, y), "small", pen.palette.muted_text))
    try:
        message = verdict_text(game.verdict, pen.lang)
    except (AttributeError, TypeError, ValueError):
        message = ""
    if message:
        flow.blocks.insert(legend_at, explanation(pen, message, flow, room_h, gap))
