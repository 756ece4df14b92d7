"""The HUD panel: level, probes and par, big height and slope numerals, ∂f/∂x and ∂f/∂y, ρ, score, Hessian."""

from __future__ import annotations

import math
from typing import Any, Callable

import pygame

from game.core.layout import Box, Layout
from game.ui.views.glyphs import ArrowScale, draw_arrow, draw_flag, draw_local_summit, draw_star
from game.ui.palette import Palette
from game.ui.fonts import Fonts, fit_size, wrap

from game.text.catalog import n, t
from game.text.levels import level_text
from game.text.numbers import fmt_number
from game.text.verdicts import score_label, step_label, verdict_text

Tr = Callable[[str], str]

STEP_COLOURS = {"trusted": "good", "overshoot": "bad", "undefined": "bad", "repeat": "bad"}

# Block priorities (0 = always shown; when space is short the highest number goes first, later blocks first on a
# tie). The Hessian is the lesson of its levels, so it outranks the guess line, the arrow legend and the history.
PRIORITY_CORE = 0
PRIORITY_DETAIL = 1  # ∂f/∂x, ∂f/∂y, last step, score
PRIORITY_HESSIAN = 2
PRIORITY_GUESS = 3
PRIORITY_ARROW_LEGEND = 3
PRIORITY_HISTORY = 4
PRIORITY_VERDICT_TEXT = 1  # after the claim: the verdict's explanation
PRIORITY_MAP_LEGEND = 2  # after the claim: star / triangle / flag legend
PRIORITY_SPARE = 3  # after the claim: the level's name and the note ("New best!") under the legend


def make_label(tr: Tr | None, lang: str = "en") -> Callable[..., str]:
    """label(key, **values): tr(key) when it knows the key, else the catalogue's text in `lang`."""

    def label(key: str, **values: Any) -> str:
        text = tr(key) if tr is not None else key
        if not text or text == key:
            text = t(key, lang)
        try:
            return text.format(**values) if values else text
        except (KeyError, IndexError, ValueError):
            return text

    return label


def hessian_class(h: Any) -> tuple[str, float, float]:
    """("maximum"|"minimum"|"saddle"|"degenerate", λ₁, λ₂) of a symmetric 2×2 matrix, λ₁ ≤ λ₂."""
    (a, b), (_, c) = h
    if not all(math.isfinite(v) for v in (a, b, c)):
        return "degenerate", math.nan, math.nan
    mean = 0.5 * (a + c)
    rad = math.hypot(0.5 * (a - c), b)
    l1, l2 = mean - rad, mean + rad
    zero = 1e-9 * max(1.0, abs(l1), abs(l2))
    if abs(l1) <= zero or abs(l2) <= zero:
        return "degenerate", l1, l2
    if l2 < 0:
        return "maximum", l1, l2
    if l1 > 0:
        return "minimum", l1, l2
    return "saddle", l1, l2


class _Flow:
    """Blocks of (priority, height, draw) flowed into one column (side panel) or several (bottom panel)."""

    def __init__(self) -> None:
        self.blocks: list[tuple[int, int, Callable[[int, int, int], None]]] = []

    def add(self, priority: int, height: int, draw: Callable[[int, int, int], None]) -> None:
        self.blocks.append((priority, height, draw))

    def run(self, area: Box, columns: int, gap: int) -> list[int]:
        """Draw the blocks that fit, dropping the least important first; returns the dropped priorities."""
        blocks = list(self.blocks)
        dropped: list[int] = []
        col_w = (area.w - gap * (columns - 1)) // max(1, columns)
        while blocks:
            placed = self._place(blocks, area, columns, col_w, gap)
            if placed is not None:
                for (x, y), (_, _, draw) in zip(placed, blocks):
                    draw(x, y, col_w)
                return dropped
            worst = max(range(len(blocks)), key=lambda i: (blocks[i][0], i))
            dropped.append(blocks[worst][0])
            del blocks[worst]
        return dropped

    @staticmethod
    def _place(blocks: list, area: Box, columns: int, col_w: int, gap: int) -> list[tuple[int, int]] | None:
        out = []
        col, y = 0, area.y
        for _, height, _ in blocks:
            if y + height > area.bottom and y > area.y:
                col, y = col + 1, area.y
            if col >= columns or y + height > area.bottom:
                return None
            out.append((area.x + col * (col_w + gap), y))
            y += height + gap
        return out


def draw_button(target: pygame.Surface, box: Box, text: str, palette: Palette, fonts: Fonts, primary: bool = False,
                hover: bool = False, enabled: bool = True) -> None:
    """A rounded touch button; the primary one in the accent colour."""
    rect = pygame.Rect(box)
    radius = max(4, rect.h // 4)
    if primary:
        fill, ink = palette.accent, palette.arrow_outline
    else:
        fill, ink = palette.button, palette.button_text
    if hover and enabled:
        fill = tuple(min(255, int(c * 1.15) + 12) for c in fill)
    if not enabled:
        fill, ink = palette.panel, palette.muted_text
    pygame.draw.rect(target, fill, rect, border_radius=radius)
    pygame.draw.rect(target, palette.panel_edge if not primary else palette.arrow_outline, rect, max(1, int(fonts.scale)),
                     border_radius=radius)
    size = fit_size(fonts, text, ("body", "label", "small"), rect.w - 8)
    fonts.draw(target, text, rect.center, size, ink, "center")


def draw_buttons(target: pygame.Surface, layout: Layout, palette: Palette, fonts: Fonts,
                 buttons: tuple[tuple[str, str, bool, bool], ...], hover: str | None = None) -> None:
    """The panel's buttons: `buttons` gives (name, label, primary, enabled) for each of layout.buttons."""
    for name, text, primary, enabled in buttons:
        box = layout.buttons.get(name)
        if box is not None:
            draw_button(target, box, text, palette, fonts, primary=primary, hover=hover == name, enabled=enabled)


def _caption_value(target: pygame.Surface, fonts: Fonts, palette: Palette, x: int, y: int, w: int, caption: str,
                   value: str, size: str = "big", colour: tuple | None = None) -> None:
    fonts.draw(target, caption, (x, y), "small", palette.muted_text)
    cap_h = fonts.font("small").get_height()
    vsize = fit_size(fonts, value, (size, "title", "heading"), w)
    fonts.draw(target, value, (x, y + cap_h), vsize, colour or palette.panel_text)


def draw_hud(target: pygame.Surface, layout: Layout, game: Any, palette: Palette, fonts: Fonts,
             tr: Tr | None = None, lang: str = "en", show_hessian: bool = True,
             arrow_scale: ArrowScale | None = None, hover: str | None = None, note: str | None = None,
             buttons: tuple[tuple[str, str, bool, bool], ...] = ()) -> list[int]:
    """The side (or bottom) panel for a game in play or finished; returns the priorities of dropped blocks.

    After the claim it shows the verdict, the score breakdown, the verdict's explanation, the map legend and
    `note` (e.g. "New best!")."""
    label = make_label(tr, lang)
    fmt = lambda v: fmt_number(v, lang)  # noqa: E731
    hud = pygame.Rect(layout.hud_rect)
    pygame.draw.rect(target, palette.panel, hud)
    if layout.hud_side == "right":
        pygame.draw.line(target, palette.panel_edge, hud.topleft, hud.bottomleft, max(1, int(fonts.scale)))
    else:
        pygame.draw.line(target, palette.panel_edge, hud.topleft, hud.topright, max(1, int(fonts.scale)))
    s = fonts.scale
    area = layout.hud_content
    gap = int(10 * s)
    columns = 1 if layout.hud_side == "right" else max(1, min(3, area.w // int(250 * s)))
    col_w = (area.w - gap * (columns - 1)) // columns
    flow = _Flow()
    h_small = fonts.font("small").get_height()
    h_body = fonts.font("body").get_height()
    h_head = fonts.font("heading").get_height()
    h_big = fonts.font("big").get_height()

    # title (wrapped to two lines at most)
    title = level_text(game.level, "title", lang)
    title_size = fit_size(fonts, title, ("title", "heading"), col_w)
    lines = wrap(fonts, title, title_size, col_w)[:2]
    line_h = fonts.font(title_size).get_height()

    def draw_title(x: int, y: int, w: int) -> None:
        for i, line in enumerate(lines):
            fonts.draw(target, line, (x, y + i * line_h), title_size, palette.panel_text)

    # after the claim the verdict heads the panel; the level's name gives way first when room is short
    flow.add(PRIORITY_CORE if not game.finished else PRIORITY_SPARE, line_h * len(lines), draw_title)

    if game.finished and game.verdict is not None:
        room_h = area.h if columns == 1 else int(area.h * columns * 0.75)  # columns break unevenly
        _finished_blocks(flow, target, game, palette, fonts, label, lang, h_small, h_body, h_head, h_big, col_w,
                         note, room_h, gap)
    else:
        _play_blocks(flow, target, game, palette, fonts, label, fmt, lang, show_hessian, arrow_scale,
                     h_small, h_body, h_head, h_big, col_w)
    dropped = flow.run(area, columns, gap)
    draw_buttons(target, layout, palette, fonts, buttons, hover)
    return dropped


def _play_blocks(flow: _Flow, target: pygame.Surface, game: Any, palette: Palette, fonts: Fonts, label: Callable,
                 fmt: Callable, lang: str, show_hessian: bool, arrow_scale: ArrowScale | None,
                 h_small: int, h_body: int, h_head: int, h_big: int, col_w: int) -> None:
    s = fonts.scale
    last = game.probes[-1] if game.probes else None

    score = game.score()
    left = f"{game.probes_left} / {game.budget}"
    par = label("hud.par", par=game.par)
    # the score shares the probes row (right half, under the slope numeral) when both fit: one row less
    pair_w = (col_w - int(12 * s)) // 2
    probes_w = fonts.measure(left, "heading")[0] + int(12 * s) + fonts.measure(par, "body")[0]
    score_w = max(fonts.measure(label("hud.score"), "small")[0], fonts.measure(str(score.total), "heading")[0])
    left_caption = n("hud.probes_left", game.probes_left, lang)
    score_beside = probes_w <= pair_w and score_w <= pair_w and fonts.measure(left_caption, "small")[0] <= pair_w

    def draw_score(x: int, y: int, w: int) -> None:
        fonts.draw(target, label("hud.score"), (x, y), "small", palette.muted_text)
        fonts.draw(target, str(score.total), (x, y + h_small), "heading", palette.panel_text)

    def draw_probes(x: int, y: int, w: int) -> None:
        fonts.draw(target, left_caption, (x, y), "small", palette.muted_text)
        colour = palette.bad if game.probes_left <= max(1, game.budget // 10) else palette.panel_text
        r = fonts.draw(target, left, (x, y + h_small), "heading", colour)
        fonts.draw(target, par, (r.right + int(12 * s), r.bottom - 2), "body", palette.muted_text, "bottomleft")
        if score_beside:
            draw_score(x + pair_w + int(12 * s), y, pair_w)

    flow.add(PRIORITY_CORE, h_small + h_head, draw_probes)

    if last is None:
        def draw_none(x: int, y: int, w: int) -> None:
            fonts.draw(target, label("hud.no_probe"), (x, y), "heading", palette.panel_text)
            for i, line in enumerate(wrap(fonts, label("hud.no_probe_hint"), "body", w)[:3]):
                fonts.draw(target, line, (x, y + h_head + i * h_body), "body", palette.muted_text)

        flow.add(PRIORITY_CORE, h_head + 3 * h_body, draw_none)
    else:
        height_text = fmt(last.value) if last.defined else label("hud.undefined")
        slope_text = fmt(last.grad_norm) if last.defined else "\u2014"
        big_fits = max(fonts.measure(height_text, "big")[0], fonts.measure(slope_text, "big")[0]) <= pair_w

        def draw_height(x: int, y: int, w: int) -> None:
            if big_fits:
                _caption_value(target, fonts, palette, x, y, pair_w, label("hud.height"), height_text)
                _caption_value(target, fonts, palette, x + pair_w + int(12 * s), y, pair_w, label("hud.slope"),
                               slope_text)
            else:
                _caption_value(target, fonts, palette, x, y, w, label("hud.height"), height_text)
                _caption_value(target, fonts, palette, x, y + h_small + h_big, w, label("hud.slope"), slope_text)

        flow.add(PRIORITY_CORE, (h_small + h_big) * (1 if big_fits else 2), draw_height)

        gx, gy = last.gradient

        def draw_partials(x: int, y: int, w: int) -> None:
            half = w // 2
            for i, (name, v) in enumerate(((label("hud.dfdx"), gx), (label("hud.dfdy"), gy))):
                fonts.draw(target, name, (x + i * half, y), "small", palette.muted_text)
                fonts.draw(target, fmt(v), (x + i * half, y + h_small), "heading", palette.panel_text)

        flow.add(PRIORITY_DETAIL, h_small + h_head, draw_partials)

        rho = last.rho
        rho_text = label("hud.rho", value=fmt(rho)) if rho is not None and math.isfinite(rho) else ""
        step = step_kind(last)
        word = step_label(step, lang)
        rho_w = fonts.measure(rho_text, "heading")[0] + int(12 * s) if rho_text else 0
        word_size = fit_size(fonts, word, ("heading", "body"), col_w - rho_w)
        beside = fonts.measure(word, word_size)[0] <= col_w - rho_w
        if not beside:
            word_size = fit_size(fonts, word, ("heading", "body", "small"), col_w)
        word_colour = getattr(palette, STEP_COLOURS.get(step, "panel_text"))
        step_h = h_small + h_head + (0 if beside or not rho_text else fonts.font(word_size).get_height() + int(3 * s))

        def draw_step(x: int, y: int, w: int) -> None:
            fonts.draw(target, label("hud.step"), (x, y), "small", palette.muted_text)
            if rho_text:
                fonts.draw(target, rho_text, (x, y + h_small), "heading", palette.panel_text)
            if beside:
                fonts.draw(target, word, (x + rho_w, y + h_small + h_head), word_size, word_colour, "bottomleft")
            else:
                wy = y + h_small + (h_head + int(3 * s) if rho_text else 0)
                fonts.draw(target, fonts.ellipsize(word, word_size, w), (x, wy), word_size, word_colour)

        flow.add(PRIORITY_DETAIL, step_h, draw_step)

    guess_lines: list[tuple[str, tuple]] = []
    if game.guess is not None:
        guess_lines.append((label("hud.guess.pending", value=fmt(game.guess)), palette.accent))
    elif last is not None and last.guess is not None:
        won = last.guess_won
        text = label("hud.guess.won" if won else "hud.guess.lost", value=fmt(last.guess))
        guess_lines.append((text, palette.good if won else palette.muted_text))
    if guess_lines:
        def draw_guess(x: int, y: int, w: int) -> None:
            for text, colour in guess_lines:
                size = fit_size(fonts, text, ("body", "label", "small"), w)
                fonts.draw(target, text, (x, y), size, colour)

        flow.add(PRIORITY_GUESS, h_body, draw_guess)

    if not score_beside:
        flow.add(PRIORITY_DETAIL, h_small + h_head, draw_score)

    if show_hessian and last is not None and last.defined:
        kind, l1, l2 = hessian_class(last.hessian)
        (a, b), (_, c) = last.hessian
        cells = [fmt(a), fmt(b), fmt(b), fmt(c)]
        cell_w = max(fonts.measure(t, "body")[0] for t in cells) + int(14 * s)
        bracket_w = 2 * cell_w + int(16 * s)
        matrix_h = 2 * h_body + int(4 * s)
        eigs = [label("hud.eigen1", value=fmt(l1)), label("hud.eigen2", value=fmt(l2))]
        eig_x = bracket_w + int(14 * s)
        eig_beside = eig_x + max(fonts.measure(e, "body")[0] for e in eigs) <= col_w
        eig_line = label("hud.eigen_pair", first=fmt(l1), second=fmt(l2))
        eig_size = fit_size(fonts, eig_line, ("body", "label", "small"), col_w)
        eig_h = 0 if eig_beside else fonts.font(eig_size).get_height() + int(2 * s)
        words = label(f"hud.hess.{kind}")
        words_size = fit_size(fonts, words, ("body", "label", "small"), col_w)
        words_h = fonts.font(words_size).get_height()

        def draw_hessian(x: int, y: int, w: int) -> None:
            fonts.draw(target, label("hud.hessian"), (x, y), "small", palette.muted_text)
            top = y + h_small + int(2 * s)
            mx = x + int(8 * s)
            lw = max(2, int(2 * s))
            bracket = pygame.Rect(x + lw // 2, top, bracket_w - lw, matrix_h)  # the lines stay inside the column
            for side in (bracket.left, bracket.right):
                d = int(6 * s) if side == bracket.left else -int(6 * s)
                pygame.draw.lines(target, palette.muted_text, False,
                                  [(side + d, bracket.top), (side, bracket.top), (side, bracket.bottom),
                                   (side + d, bracket.bottom)], lw)
            for i, t in enumerate(cells):
                cx = mx + (i % 2) * cell_w + cell_w - int(6 * s)
                fonts.draw(target, t, (cx, top + int(2 * s) + (i // 2) * h_body), "body", palette.panel_text,
                           "topright")
            below = bracket.bottom + int(4 * s)
            if eig_beside:
                for i, e in enumerate(eigs):
                    fonts.draw(target, e, (x + eig_x, top + int(2 * s) + i * h_body), "body", palette.panel_text)
            else:
                fonts.draw(target, fonts.ellipsize(eig_line, eig_size, w), (x, below), eig_size, palette.panel_text)
                below += eig_h
            colour = palette.good if kind == "maximum" else palette.panel_text
            fonts.draw(target, fonts.ellipsize(words, words_size, w), (x, below), words_size, colour)

        flow.add(PRIORITY_HESSIAN, h_small + int(2 * s) + matrix_h + int(4 * s) + eig_h + words_h, draw_hessian)

    _history_block(flow, target, game, palette, fonts, label, fmt, lang, h_small)

    if arrow_scale is not None:
        def draw_legend(x: int, y: int, w: int) -> None:
            fonts.draw(target, label("hud.arrow_scale"), (x, y), "small", palette.muted_text)
            ay = y + h_small + int(6 * s) + h_body // 2
            length = arrow_scale.ref_px
            draw_arrow(target, (x + int(4 * s), ay), (1.0, 0.0), length, palette, s)
            fonts.draw(target, label("hud.arrow_ref", value=fmt(arrow_scale.ref)), (x + int(length + 14 * s), ay), "body",
                       palette.panel_text, "midleft")

        flow.add(PRIORITY_ARROW_LEGEND, h_small + h_body + int(8 * s), draw_legend)


def _history_block(flow: _Flow, target: pygame.Surface, game: Any, palette: Palette, fonts: Fonts,
                   label: Callable, fmt: Callable, lang: str, h_small: int) -> None:
    """A short log of the last probes (dropped first when space is short)."""
    probes = list(game.probes)
    if len(probes) < 2:
        return
    rows = probes[-6:][::-1]
    s = fonts.scale
    row_h = int(h_small * 1.15)

    def draw(x: int, y: int, w: int) -> None:
        fonts.draw(target, fonts.ellipsize(label("hud.history"), "small", w), (x, y), "small", palette.muted_text)
        cols = (x, x + int(0.12 * w), x + int(0.36 * w), x + int(0.60 * w))
        for i, p in enumerate(rows):
            yy = y + h_small + int(4 * s) + i * row_h
            ink = palette.panel_text if i == 0 else palette.muted_text
            fonts.draw(target, str(p.index + 1), (cols[0], yy), "small", ink)
            fonts.draw(target, fmt(p.value) if p.defined else "\u2014", (cols[1], yy), "small", ink)
            fonts.draw(target, fmt(p.grad_norm) if p.defined else "\u2014", (cols[2], yy), "small", ink)
            step = step_kind(p)
            word = step_label(step, lang, brief=True)
            colour = getattr(palette, STEP_COLOURS.get(step, ""), None) or ink
            fonts.draw(target, fonts.ellipsize(word, "small", x + w - cols[3]), (cols[3], yy), "small", colour)

    flow.add(PRIORITY_HISTORY, h_small + int(4 * s) + row_h * len(rows), draw)


def step_kind(probe: Any) -> str:
    """The word to show for a probe's step: a repeated measurement says so, whatever its gain ratio."""
    return "repeat" if getattr(probe, "wasted", False) and probe.defined else probe.step


def _finished_blocks(flow: _Flow, target: pygame.Surface, game: Any, palette: Palette, fonts: Fonts,
                     label: Callable, lang: str, h_small: int, h_body: int, h_head: int, h_big: int, col_w: int,
                     note: str | None = None, room_h: int = 10 ** 6, gap: int = 0) -> None:
    s = fonts.scale
    verdict = game.verdict
    score = game.score()
    kind = verdict.kind
    title = label(f"result.title.{kind}")
    colour = palette.good if kind == "global" else palette.accent if kind == "local" else palette.bad

    def draw_verdict(x: int, y: int, w: int) -> None:
        size = fit_size(fonts, title, ("title", "heading", "body"), w)
        fonts.draw(target, title, (x, y), size, colour)

    flow.add(PRIORITY_CORE, fonts.font("title").get_height(), draw_verdict)

    rows = [(score_label(key, lang), points) for key, points in score.items if points]
    if not rows:
        rows = [(score_label(key, lang), points) for key, points in score.items[:1]]

    row_h = int(h_body * 1.15)

    def draw_rows(x: int, y: int, w: int) -> None:
        for i, (name, points) in enumerate(rows):
            yy = y + i * row_h
            text = ("+" if points > 0 else "\u2212" if points < 0 else "") + str(abs(int(points)))
            num_w = fonts.measure(text, "body")[0]
            size = fit_size(fonts, name, ("body", "label", "small"), w - num_w - int(10 * s))
            fonts.draw(target, name, (x, yy + h_body // 2), size, palette.panel_text, "midleft")
            ink = palette.good if points > 0 else palette.bad if points < 0 else palette.muted_text
            fonts.draw(target, text, (x + w, yy + h_body // 2), "body", ink, "midright")

    flow.add(PRIORITY_CORE, row_h * len(rows), draw_rows)

    r_star = int(16 * s)
    star_step = 2 * r_star + int(10 * s)
    stars_w = 2 * r_star + 2 * star_step
    total_text = str(score.total)
    total_label_w = fonts.measure(label("hud.total"), "heading")[0]
    stars_beside = (total_label_w + int(16 * s) + stars_w + int(16 * s) + fonts.measure(total_text, "big")[0]
                    <= col_w)

    def draw_stars(x: int, cy: int) -> None:
        for i in range(3):
            fill = palette.summit if i < score.stars else palette.panel
            draw_star(target, (x + r_star + i * star_step, cy), r_star, fill,
                      palette.muted_text if i >= score.stars else palette.arrow_outline, max(2, int(2 * s)))

    def draw_total(x: int, y: int, w: int) -> None:
        pygame.draw.line(target, palette.panel_edge, (x, y), (x + w, y), max(1, int(s)))
        cy = y + int(6 * s) + h_big // 2
        r = fonts.draw(target, label("hud.total"), (x, cy), "heading", palette.panel_text, "midleft")
        fonts.draw(target, total_text, (x + w, y + int(6 * s)), "big", palette.panel_text, "topright")
        if stars_beside:
            draw_stars(r.right + int(16 * s), cy)

    flow.add(PRIORITY_CORE, h_big + int(8 * s), draw_total)
    if not stars_beside:
        flow.add(PRIORITY_DETAIL, 2 * r_star + int(8 * s), lambda x, y, w: draw_stars(x, y + r_star + int(4 * s)))

    # the map legend: star = global summit, triangle = local summit, flag = your claim (packed into rows)
    icon_w = int(28 * s)
    item_gap = int(18 * s)
    leg_h = max(int(26 * s), h_small + int(4 * s))
    items = [("global", label("hud.legend.global")), ("local", label("hud.legend.local")),
             ("claim", label("hud.legend.claim"))]
    placed: list[tuple[int, int, str, str]] = []  # (dx, row, kind, text)
    dx, row = 0, 0
    for kind_, text in items:
        item_w = icon_w + int(6 * s) + fonts.measure(text, "small")[0]
        if dx and dx + item_w > col_w:
            dx, row = 0, row + 1
        placed.append((dx, row, kind_, fonts.ellipsize(text, "small", col_w - icon_w - int(6 * s))))
        dx += item_w + item_gap

    def draw_legend(x: int, y: int, w: int) -> None:
        for dx_, row_, kind_, text in placed:
            cx, cy = x + dx_ + icon_w // 2, y + row_ * leg_h + leg_h // 2
            if kind_ == "global":
                draw_star(target, (cx, cy), 12 * s + 2 * s, palette.arrow_outline, palette.arrow_outline, 0)
                draw_star(target, (cx, cy), 12 * s, palette.summit, palette.arrow_outline, max(2, int(2 * s)))
            elif kind_ == "local":
                draw_local_summit(target, (cx, cy + 2 * s), palette, 0.9 * s)
            else:
                draw_flag(target, (cx - int(6 * s), cy + int(12 * s)), palette, 0.7 * s)
            fonts.draw(target, text, (x + dx_ + icon_w + int(6 * s), cy), "small", palette.panel_text, "midleft")

    legend_at = len(flow.blocks)  # the verdict's explanation goes here, above the legend
    flow.add(PRIORITY_MAP_LEGEND, leg_h * (row + 1), draw_legend)

    if note:
        flow.add(PRIORITY_SPARE, h_small, lambda x, y, w: fonts.draw(
            target, fonts.ellipsize(note, "small", w), (x, y), "small", palette.muted_text))

    # the verdict's explanation (it teaches), under the score: the largest readable size the room left allows
    try:
        message = verdict_text(verdict, lang)
    except (AttributeError, TypeError, ValueError):
        message = ""
    if message:
        # the largest readable size that leaves every block in; else at body size the spare blocks (level name,
        # note) give way; only then smaller text
        everything = sum(h + gap for _, h, _ in flow.blocks)
        kept = sum(h + gap for p, h, _ in flow.blocks if p < PRIORITY_SPARE)
        choice = None
        for size, used in (("heading", everything), ("body", everything), ("body", kept), ("label", kept),
                           ("small", kept)):
            lines = wrap(fonts, message, size, col_w)
            line_h = int(fonts.font(size).get_height() * 1.1)
            choice = (size, lines, line_h)
            if line_h * len(lines) <= room_h - used:
                break
        assert choice is not None
        msg_size, msg_lines, msg_h = choice

        def draw_message(x: int, y: int, w: int) -> None:
            for i, line in enumerate(msg_lines):
                fonts.draw(target, line, (x, y + i * msg_h), msg_size, palette.panel_text)

        # after the total and stars, before the legend and the note
        flow.blocks.insert(legend_at, (PRIORITY_VERDICT_TEXT, msg_h * len(msg_lines), draw_message))
