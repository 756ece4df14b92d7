"""The panel's blocks while climbing: probes and score, height and slope, partials, step, guess, Hessian, history."""

from __future__ import annotations

import math

from game.core.model import Game, Probe
from game.text.catalog import n
from game.text.verdicts import step_label
from game.ui.fonts import fit_size, wrap
from game.ui.hud.flow import (PRIORITY_ARROW_LEGEND, PRIORITY_CORE, PRIORITY_DETAIL, PRIORITY_GUESS,
                              PRIORITY_HISTORY, Block, Pen, step_kind)
from game.ui.views.glyphs import ArrowScale, draw_arrow


def probes_and_score(pen: Pen, game: Game) -> tuple[Block, Block | None]:
    """Probes left with par; the score beside it (right half) when both fit, else as a second block."""
    fonts, s = pen.fonts, pen.s
    score = game.score()
    left = f"{game.probes_left} / {game.budget}"
    par = pen.label("hud.par", par=game.par)
    pair_w = (pen.col_w - pen.px(12)) // 2
    probes_w = fonts.measure(left, "heading")[0] + pen.px(12) + fonts.measure(par, "body")[0]
    score_w = max(fonts.measure(pen.label("hud.score"), "small")[0], fonts.measure(str(score.total), "heading")[0])
    caption = n("hud.probes_left", game.probes_left, pen.lang)
    beside = probes_w <= pair_w and score_w <= pair_w and fonts.measure(caption, "small")[0] <= pair_w

    def draw_score(x: int, y: int, w: int) -> None:
        fonts.draw(pen.target, pen.label("hud.score"), (x, y), "small", pen.palette.muted_text)
        fonts.draw(pen.target, str(score.total), (x, y + pen.h_small), "heading", pen.palette.panel_text)

    def draw_probes(x: int, y: int, w: int) -> None:
        fonts.draw(pen.target, caption, (x, y), "small", pen.palette.muted_text)
        colour = pen.palette.bad if game.probes_left <= max(1, game.budget // 10) else pen.palette.panel_text
        r = fonts.draw(pen.target, left, (x, y + pen.h_small), "heading", colour)
        fonts.draw(pen.target, par, (r.right + int(12 * s), r.bottom - 2), "body", pen.palette.muted_text, "bottomleft")
        if beside:
            draw_score(x + pair_w + int(12 * s), y, pair_w)

    probes = (PRIORITY_CORE, pen.h_small + pen.h_head, draw_probes)
    return probes, (None if beside else (PRIORITY_DETAIL, pen.h_small + pen.h_head, draw_score))


def no_probe_yet(pen: Pen) -> Block:
    """"Probe to measure" and how, before the first probe."""
    def draw(x: int, y: int, w: int) -> None:
        pen.fonts.draw(pen.target, pen.label("hud.no_probe"), (x, y), "heading", pen.palette.panel_text)
        for i, line in enumerate(wrap(pen.fonts, pen.label("hud.no_probe_hint"), "body", w)[:3]):
            pen.fonts.draw(pen.target, line, (x, y + pen.h_head + i * pen.h_body), "body", pen.palette.muted_text)

    return PRIORITY_CORE, pen.h_head + 3 * pen.h_body, draw


def height_and_slope(pen: Pen, last: Probe) -> Block:
    """The big numerals: height and |∇f|, side by side when they fit."""
    height_text = pen.fmt(last.value) if last.defined else pen.label("hud.undefined")
    slope_text = pen.fmt(last.grad_norm) if last.defined else "\u2014"
    pair_w = (pen.col_w - pen.px(12)) // 2
    big_fits = max(pen.fonts.measure(height_text, "big")[0], pen.fonts.measure(slope_text, "big")[0]) <= pair_w

    def draw(x: int, y: int, w: int) -> None:
        if big_fits:
            pen.caption_value(x, y, pair_w, pen.label("hud.height"), height_text)
            pen.caption_value(x + pair_w + pen.px(12), y, pair_w, pen.label("hud.slope"), slope_text)
        else:
            pen.caption_value(x, y, w, pen.label("hud.height"), height_text)
            pen.caption_value(x, y + pen.h_small + pen.h_big, w, pen.label("hud.slope"), slope_text)

    return PRIORITY_CORE, (pen.h_small + pen.h_big) * (1 if big_fits else 2), draw


def partials(pen: Pen, last: Probe) -> Block:
    """∂f/∂x and ∂f/∂y of the gradient the player sees."""
    gx, gy = last.gradient

    def draw(x: int, y: int, w: int) -> None:
        half = w // 2
        for i, (name, value) in enumerate(((pen.label("hud.dfdx"), gx), (pen.label("hud.dfdy"), gy))):
            pen.fonts.draw(pen.target, name, (x + i * half, y), "small", pen.palette.muted_text)
            pen.fonts.draw(pen.target, pen.fmt(value), (x + i * half, y + pen.h_small), "heading",
                           pen.palette.panel_text)

    return PRIORITY_DETAIL, pen.h_small + pen.h_head, draw


RHO_SHOWN = 10.0  # ρ beyond ±10 says only that it is far off: "> 10" (its digits would mean nothing)


def rho_words(pen: Pen, rho: float) -> str:
    """"ρ = 0.875", or "ρ > 10" / "ρ < −10" beyond the range where its digits mean something."""
    if abs(rho) > RHO_SHOWN:
        key = "hud.rho_above" if rho > 0 else "hud.rho_below"
        return pen.label(key, value=pen.fmt(math.copysign(RHO_SHOWN, rho)))
    return pen.label("hud.rho", value=pen.fmt(rho))


def last_step(pen: Pen, last: Probe) -> Block:
    """ρ and the step's word (beside ρ when it fits, else under it)."""
    fonts, s, col_w = pen.fonts, pen.s, pen.col_w
    rho = last.rho
    rho_text = rho_words(pen, rho) if rho is not None and math.isfinite(rho) else ""
    step = step_kind(last)
    word = step_label(step, pen.lang)
    rho_w = fonts.measure(rho_text, "heading")[0] + int(12 * s) if rho_text else 0
    word_size = fit_size(fonts, word, ("heading", "body"), col_w - rho_w)
    beside = fonts.measure(word, word_size)[0] <= col_w - rho_w
    word_lines = [word]
    if not beside:  # under ρ, on as many lines as it needs (never cut)
        word_size, word_lines = pen.fitted(word, ("heading", "body", "small"), col_w)
    word_h = fonts.font(word_size).get_height()
    colour = pen.step_colour(step, pen.palette.panel_text)
    height = pen.h_small + (pen.h_head if beside or rho_text else 0) + (
        0 if beside else word_h * len(word_lines) + (int(3 * s) if rho_text else 0))

    def draw(x: int, y: int, w: int) -> None:
        fonts.draw(pen.target, pen.label("hud.step"), (x, y), "small", pen.palette.muted_text)
        if rho_text:
            fonts.draw(pen.target, rho_text, (x, y + pen.h_small), "heading", pen.palette.panel_text)
        if beside:
            fonts.draw(pen.target, word, (x + rho_w, y + pen.h_small + pen.h_head), word_size, colour, "bottomleft")
        else:
            wy = y + pen.h_small + (pen.h_head + int(3 * s) if rho_text else 0)
            for i, line in enumerate(word_lines):
                fonts.draw(pen.target, line, (x, wy + i * word_h), word_size, colour)

    return PRIORITY_DETAIL, height, draw


def claim_target(pen: Pen, probe: Probe) -> Block:
    """Which earlier probe a claim takes (picked with Tab or a click), in the accent colour of its ring."""
    height = pen.fmt(probe.value) if probe.defined else pen.label("hud.undefined")
    text = pen.label("hud.claim_target", index=probe.index + 1, height=height)
    size, lines = pen.fitted(text, ("body", "label", "small"), pen.col_w)  # wrapped, never cut
    line_h = pen.fonts.font(size).get_height()

    def draw(x: int, y: int, w: int) -> None:
        for i, line in enumerate(lines):
            pen.fonts.draw(pen.target, line, (x, y + i * line_h), size, pen.palette.accent)

    return PRIORITY_CORE, line_h * len(lines), draw


def guess_line(pen: Pen, game: Game, last: Probe | None) -> Block | None:
    """The pending guess; or, after a probe, how the guess was graded, with the true height and what the Taylor
    model said (shown only now, after the probe)."""
    lines: list[tuple[str, tuple[int, int, int]]] = []
    if game.guess is not None:
        lines.append((pen.label("hud.guess.pending", value=pen.fmt(game.guess)), pen.palette.accent))
    elif last is not None and last.guess is not None and last.guess_grade is not None:
        grade = pen.label(f"guess.grade.{last.guess_grade}")
        colour = pen.palette.bad if last.guess_grade == "off" else pen.palette.good
        lines.append((pen.label("hud.guess.graded", value=pen.fmt(last.guess), grade=grade), colour))
        model = pen.label("map.taylor2" if last.predicted2 is not None else "map.taylor1")
        lines.append((pen.label("hud.guess.check", value=pen.fmt(last.value), model=model,
                                taylor=pen.fmt(last.predicted)), pen.palette.muted_text))
    elif last is not None and last.guess is not None and last.defined and not last.wasted:
        lines.append((pen.label("hud.guess.ungraded", value=pen.fmt(last.guess)), pen.palette.muted_text))
    else:
        return None

    rows = []  # (text, size, colour, y offset): each line wrapped where it is too long, never cut
    height = 0
    for text, colour in lines:
        size, parts = pen.fitted(text, ("body", "label", "small"), pen.col_w)
        for part in parts:
            rows.append((part, size, colour, height))
            height += pen.fonts.font(size).get_height()

    def draw(x: int, y: int, w: int) -> None:
        for text, size, colour, dy in rows:
            pen.fonts.draw(pen.target, text, (x, y + dy), size, colour)

    return PRIORITY_GUESS, height, draw


def history(pen: Pen, game: Game) -> Block | None:
    """A short log of the last probes: index, height, |∇f|, step. Columns never run into each other: where the
    step word has no room beside the numbers it goes under them, and the log keeps as many probes (up to 6) as a
    page of the panel holds."""
    probes = list(game.probes)
    if len(probes) < 2:
        return None
    fonts, s = pen.fonts, pen.s
    row_h = int(pen.h_small * 1.15)
    header = wrap(fonts, pen.label("hud.history"), "small", pen.col_w)  # wrapped, never cut
    head_h = pen.h_small * len(header) + int(4 * s)
    cells = [(str(p.index + 1), pen.fmt(p.value) if p.defined else "\u2014",
              pen.fmt(p.grad_norm) if p.defined else "\u2014", step_label(step_kind(p), pen.lang, brief=True), p)
             for p in probes[-6:][::-1]]
    gap, cols = pen.px(12), [0]
    for k, share in ((0, 0.12), (1, 0.36), (2, 0.60)):  # the old proportions, pushed right by what must fit
        cols.append(max(int(share * pen.col_w), cols[-1] + max(fonts.measure(c[k], "small")[0] for c in cells) + gap))
    word_w = max(fonts.measure(c[3], "small")[0] for c in cells)
    beside = cols[3] + word_w <= pen.col_w
    probe_h = row_h * (1 if beside else 2)
    if pen.page_h is not None:  # keep the block within one page of the panel
        cells = cells[:max(2, min(len(cells), (pen.page_h - head_h) // probe_h))]

    def draw(x: int, y: int, w: int) -> None:
        for i, line in enumerate(header):
            fonts.draw(pen.target, line, (x, y + i * pen.h_small), "small", pen.palette.muted_text)
        for i, (index, height, slope, word, p) in enumerate(cells):
            yy = y + head_h + i * probe_h
            ink = pen.palette.panel_text if i == 0 else pen.palette.muted_text
            for k, text in enumerate((index, height, slope)):
                fonts.draw(pen.target, text, (x + cols[k], yy), "small", ink)
            wx, wy = (x + cols[3], yy) if beside else (x + cols[1], yy + row_h)
            fonts.draw(pen.target, word, (wx, wy), "small", pen.step_colour(step_kind(p), ink))

    return PRIORITY_HISTORY, head_h + probe_h * len(cells), draw


def arrow_legend(pen: Pen, arrow_scale: ArrowScale) -> Block:
    """The reference arrow and the |∇f| it stands for."""
    s = pen.s

    def draw(x: int, y: int, w: int) -> None:
        pen.fonts.draw(pen.target, pen.label("hud.arrow_scale"), (x, y), "small", pen.palette.muted_text)
        ay = y + pen.h_small + int(6 * s) + pen.h_body // 2
        length = arrow_scale.ref_px
        draw_arrow(pen.target, (x + int(4 * s), ay), (1.0, 0.0), length, pen.palette, s)
        pen.fonts.draw(pen.target, pen.label("hud.arrow_ref", value=pen.fmt(arrow_scale.ref)),
                       (x + int(length + 14 * s), ay), "body", pen.palette.panel_text, "midleft")

    return PRIORITY_ARROW_LEGEND, pen.h_small + pen.h_body + int(8 * s), draw
