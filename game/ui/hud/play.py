"""The panel's blocks while climbing: probes and score, height and slope, partials, step, Taylor check, guess, history."""

from __future__ import annotations

import math

import pygame

from game.core.model import Game, Probe
from game.text.catalog import n
from game.text.numbers import fmt_point, fmt_signed
from game.text.verdicts import step_label
from game.ui.fonts import fit_size, wrap
from game.ui.hud.flow import (PRIORITY_ARROW_LEGEND, PRIORITY_CORE, PRIORITY_DETAIL, PRIORITY_GUESS,
                              PRIORITY_HISTORY, PRIORITY_TAYLOR_CHECK, Block, Pen, step_kind)
from game.ui.views.glyphs import ArrowScale, draw_arrow


def probes_and_score(pen: Pen, game: Game) -> tuple[Block, Block | None]:
    """Probes left with par; the score beside it (right half) when both fit, else as a second block."""
    fonts, s = pen.fonts, pen.s
    if getattr(game.level, "mode", "play") == "lab":  # lab mode: no budget to count, nothing scored
        return lab_block(pen), None
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


def lab_block(pen: Pen) -> Block:
    """"Lab mode" and its rules, where the budget and the score stand in play."""
    def draw(x: int, y: int, w: int) -> None:
        pen.fonts.draw(pen.target, pen.label("hud.lab.title"), (x, y), "small", pen.palette.muted_text)
        pen.fonts.draw(pen.target, pen.label("hud.lab.rules"), (x, y + pen.h_small), "body", pen.palette.panel_text)

    return PRIORITY_CORE, pen.h_small + pen.h_head, draw


def no_probe_yet(pen: Pen) -> Block:
    """"Probe to measure" and how, before the first probe."""
    def draw(x: int, y: int, w: int) -> None:
        pen.fonts.draw(pen.target, pen.label("hud.no_probe"), (x, y), "heading", pen.palette.panel_text)
        for i, line in enumerate(wrap(pen.fonts, pen.label("hud.no_probe_hint"), "body", w)[:3]):
            pen.fonts.draw(pen.target, line, (x, y + pen.h_head + i * pen.h_body), "body", pen.palette.muted_text)

    return PRIORITY_CORE, pen.h_head + 3 * pen.h_body, draw


def height_and_slope(pen: Pen, last: Probe, zero_height: float = 0.0, zero_slope: float = 0.0) -> Block:
    """The big numerals: height and |∇f|, side by side when they fit (float noise below the floors reads 0)."""
    height_text = pen.fmt(last.value, zero_height) if last.defined else pen.label("hud.undefined")
    slope_text = pen.fmt(last.grad_norm, zero_slope) if last.defined else "\u2014"
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


def partials(pen: Pen, last: Probe, zero_slope: float = 0.0) -> Block:
    """∂f/∂x and ∂f/∂y of the gradient the player sees (float noise below the floor reads 0)."""
    gx, gy = last.gradient

    def draw(x: int, y: int, w: int) -> None:
        half = w // 2
        for i, (name, value) in enumerate(((pen.label("hud.dfdx"), gx), (pen.label("hud.dfdy"), gy))):
            pen.fonts.draw(pen.target, name, (x + i * half, y), "small", pen.palette.muted_text)
            pen.fonts.draw(pen.target, pen.fmt(value, zero_slope), (x + i * half, y + pen.h_small), "heading",
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


def guess_line(pen: Pen, game: Game, last: Probe | None, checked: bool = False) -> Block | None:
    """The pending guess; or, after a probe, how the guess was graded, with the true height and what the Taylor
    model said (shown only now, after the probe; `checked`: the Taylor check block says that already)."""
    lines: list[tuple[str, tuple[int, int, int]]] = []
    if game.guess is not None:
        lines.append((pen.label("hud.guess.pending", value=pen.fmt(game.guess)), pen.palette.accent))
    elif last is not None and last.guess is not None and last.guess_grade is not None:
        grade = pen.label(f"guess.grade.{last.guess_grade}")
        colour = pen.palette.bad if last.guess_grade == "off" else pen.palette.good
        lines.append((pen.label("hud.guess.graded", value=pen.fmt(last.guess), grade=grade), colour))
        if not checked:
            model = pen.label("map.taylor2" if last.predicted2 is not None else "map.taylor1")
            lines.append((pen.label("hud.guess.check", value=pen.fmt(last.value, game.resolution.zero_height), model=model,
                                    taylor=pen.fmt(last.predicted, game.resolution.zero_height)), pen.palette.muted_text))
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


def taylor_words(pen: Pen, probe: Probe, zero: float = 0.0) -> tuple[str, str] | None:
    """("T₁ predicted 1.63 · T₂ predicted 1.91 · measured 1.90", "error T₁ −0.270 · T₂ +0.0100") for a probe
    with a prediction and a height (error = predicted − measured); None where there is nothing to check."""
    if not probe.defined or probe.predicted1 is None:
        return None
    measured = pen.fmt(probe.value, zero)
    t1, e1 = pen.fmt(probe.predicted1, zero), fmt_signed(probe.predicted1 - probe.value, pen.lang, zero)
    if probe.predicted2 is None:
        return (pen.label("hud.check.predicted1", t1=t1, value=measured), pen.label("hud.check.error1", e1=e1))
    t2, e2 = pen.fmt(probe.predicted2, zero), fmt_signed(probe.predicted2 - probe.value, pen.lang, zero)
    return (pen.label("hud.check.predicted2", t1=t1, t2=t2, value=measured),
            pen.label("hud.check.error2", e1=e1, e2=e2))


def _pack(pen: Pen, parts: list[str], sizes: tuple[str, ...] = ("body", "label", "small")) -> tuple[str, list[str]]:
    """(size, lines): the parts of a "a · b · c" sentence joined back greedily into as few lines of the column as
    fit, at the largest size that needs no more lines than the smallest does (a part too long alone wraps)."""
    def pack(size: str) -> list[str]:
        lines: list[str] = []
        for part in parts:
            trial = f"{lines[-1]} \u00b7 {part}" if lines else part
            if lines and pen.fonts.measure(trial, size)[0] <= pen.col_w:
                lines[-1] = trial
            else:
                lines.extend(wrap(pen.fonts, part, size, pen.col_w))
        return lines

    packed = {size: pack(size) for size in sizes}
    fewest = min(len(lines) for lines in packed.values())
    size = next(size for size in sizes if len(packed[size]) == fewest)
    return size, packed[size]


def taylor_check(pen: Pen, game: Game, last: Probe) -> Block | None:
    """After a probe: what the Taylor model(s) of the last usable probe predicted for it, what was measured, and
    the error of each — the check of T₁ = f + ∇f·d (and T₂) the Taylor levels teach."""
    words = taylor_words(pen, last, game.resolution.zero_height)
    if words is None:
        return None
    title = pen.label("hud.check.title", index=last.index + 1)
    rows: list[tuple[str, str | float, tuple[int, int, int]]] = []
    for text, colour in zip(words, (pen.palette.panel_text, pen.palette.muted_text)):
        size, lines = _pack(pen, text.split(" \u00b7 "))
        rows.extend((line, size, colour) for line in lines)
    heights = [max(pen.fonts.font(size).get_height(), pen.fonts.measure(text, size)[1]) for text, size, _ in rows]

    def draw(x: int, y: int, w: int) -> None:
        pen.fonts.draw(pen.target, pen.fonts.ellipsize(title, "small", w), (x, y), "small", pen.palette.muted_text)
        yy = y + pen.h_small + int(3 * pen.s)  # the title's ink reaches below its line height
        for (text, size, colour), h in zip(rows, heights):
            pen.fonts.draw(pen.target, text, (x, yy), size, colour)
            yy += h

    return PRIORITY_TAYLOR_CHECK, pen.h_small + int(3 * pen.s) + sum(heights), draw


HISTORY_COLUMNS = ("index", "point", "height", "slope", "error", "step")  # left to right
HISTORY_OPTIONAL = ("error", "slope", "point")  # left out in this order when the panel is too narrow


def history_columns(pen: Pen, game: Game, rows: list[Probe]) -> dict[str, tuple[str, list[str]]]:
    """{column: (header, one cell per row)}: probe number, point (x, y), height f, |∇f|, the error of the Taylor
    model the level teaches there (T − f, as in the Taylor check) and how the step went."""
    res = game.resolution
    decimals, zh, zs = res.lattice.decimals, res.zero_height, res.zero_slope
    model = pen.label("map.taylor2" if game.taylor_order >= 2 else "map.taylor1")
    dash = "\u2014"

    def error(p: Probe) -> str:
        predicted = p.predicted
        return fmt_signed(predicted - p.value, pen.lang, zh) if p.defined and predicted is not None else dash

    return {
        "index": (pen.label("hud.col.index"), [str(p.index + 1) for p in rows]),
        "point": (pen.label("hud.col.point"), [fmt_point(p.x, p.y, decimals, pen.lang) for p in rows]),
        "height": (pen.label("hud.col.height"), [pen.fmt(p.value, zh) if p.defined else dash for p in rows]),
        "slope": (pen.label("hud.col.slope"), [pen.fmt(p.grad_norm, zs) if p.defined else dash for p in rows]),
        "error": (pen.label("hud.col.error", model=model), [error(p) for p in rows]),
        "step": (pen.label("hud.col.step"), [step_label(step_kind(p), pen.lang, brief=True) for p in rows]),
    }


def history(pen: Pen, game: Game, show_taylor: bool = True, leave_out: tuple[str, ...] = ()) -> Block | None:
    """A table of the last probes under a header naming each column (history_columns). Columns that do not fit
    the width are left out (the error first, then |∇f|, then the point); number, height and step always stay."""
    probes = list(game.probes)
    if len(probes) < 2:
        return None
    rows = probes[-6:][::-1]
    fonts, s = pen.fonts, pen.s
    row_h = int(pen.h_small * 1.15)
    if pen.page_h is not None:  # keep the block within one page of the panel: as many recent probes as fit
        rows = rows[:max(2, min(len(rows), (pen.page_h - 2 * pen.h_small - int(8 * s)) // row_h))]
    columns = history_columns(pen, game, rows)
    gap = pen.px(10)
    widths = {key: max(fonts.measure(text, "small")[0] for text in (head, *cells))
              for key, (head, cells) in columns.items()}
    order = [key for key in HISTORY_COLUMNS if (show_taylor or key != "error") and key not in leave_out]
    for key in HISTORY_OPTIONAL:
        if sum(widths[k] for k in order) + gap * (len(order) - 1) <= pen.col_w:
            break
        if key in order:
            order.remove(key)

    def draw(x: int, y: int, w: int) -> None:
        fonts.draw(pen.target, fonts.ellipsize(pen.label("hud.history"), "small", w), (x, y), "small",
                   pen.palette.muted_text)
        left, cx = {}, x
        for key in order:
            left[key], cx = cx, cx + widths[key] + gap
        head_y = y + pen.h_small + int(3 * s)  # the title's ink reaches below its line height
        for key in order:  # the step column is last: its words (and header) shorten with "…" if need be
            fonts.draw(pen.target, fonts.ellipsize(columns[key][0], "small", x + w - left[key]), (left[key], head_y),
                       "small", pen.palette.muted_text)
        line_y = head_y + pen.h_small + int(2 * s)
        pygame.draw.line(pen.target, pen.palette.panel_edge, (x, line_y), (x + w, line_y), max(1, int(s)))
        for i, p in enumerate(rows):
            yy = line_y + int(3 * s) + i * row_h
            ink = pen.palette.panel_text if i == 0 else pen.palette.muted_text
            for key in order:
                text, colour = columns[key][1][i], ink
                if key == "step":
                    text, colour = fonts.ellipsize(text, "small", x + w - left[key]), pen.step_colour(step_kind(p), ink)
                fonts.draw(pen.target, text, (left[key], yy), "small", colour)

    return PRIORITY_HISTORY, 2 * pen.h_small + int(8 * s) + row_h * len(rows), draw


LEGEND_RATIO = 4.0  # the legend's second arrow stands for a quarter of the reference |∇f| (half as long)


def arrow_legend(pen: Pen, arrow_scale: ArrowScale) -> Block:
    """What an arrow's length means, stated honestly: the length grows with √|∇f|, shown by two reference
    arrows, |∇f| = ref/4 and ref, the second twice as long as the first (for four times the slope)."""
    s = pen.s
    refs = (arrow_scale.ref / LEGEND_RATIO, arrow_scale.ref)
    texts = [pen.label("hud.arrow_ref", value=pen.fmt(ref)) for ref in refs]
    lengths = [arrow_scale.length(ref) for ref in refs]
    items_w = [int(length + 10 * s) + pen.fonts.measure(text, "body")[0] for length, text in zip(lengths, texts)]
    side = sum(items_w) + int(20 * s) <= pen.col_w  # both arrows on one row when they fit
    rows = 1 if side else 2
    row_h = max(pen.h_body, int(16 * s))
    captions = wrap(pen.fonts, pen.label("hud.arrow_scale"), "small", pen.col_w)  # a long language: lines, not cut
    line_h = max(pen.fonts.measure(caption, "small")[1] for caption in captions) if len(captions) > 1 else pen.h_small
    caption_h = line_h * len(captions)

    def draw(x: int, y: int, w: int) -> None:
        for i, caption in enumerate(captions):
            pen.fonts.draw(pen.target, caption, (x, y + i * line_h), "small", pen.palette.muted_text)
        ay = y + caption_h + int(6 * s) + row_h // 2
        ax = x + int(4 * s)
        for length, text, item_w in zip(lengths, texts, items_w):
            draw_arrow(pen.target, (ax, ay), (1.0, 0.0), length, pen.palette, s)
            pen.fonts.draw(pen.target, text, (ax + int(length + 10 * s), ay), "body", pen.palette.panel_text,
                           "midleft")
            if side:
                ax += item_w + int(20 * s)
            else:
                ay += row_h + int(4 * s)

    return PRIORITY_ARROW_LEGEND, caption_h + rows * row_h + (rows - 1) * int(4 * s) + int(8 * s), draw
