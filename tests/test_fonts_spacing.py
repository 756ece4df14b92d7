"""Even letter spacing (issue 11, item 7): in a rendered word no gap between two letters is much wider or narrower,
relative to the others, than the font's design makes it ("hid den", "wit h", "summi t" under SDL_ttf's hinting).

A gap is measured on the ink: each column's coverage is its strongest alpha; columns at least half covered are
letter cores; the gap between two neighbouring cores is the sum of (1 - coverage) over the columns between them,
so a half-covered edge column counts as half a pixel. The design's gap is the same measure on the word drawn R
times larger by pygame.font directly (where hinting's whole-pixel rounding is a fraction of a gap), divided by R.
"""

from __future__ import annotations

import math

import numpy as np
import pygame
import pytest

from game.ui import fonts as F

WORDS = ("hidden", "with", "summit", "Probes", "Gradient", "H\u00f6he", "Sch\u00e4tzen")  # "left": its f and t touch
SCALES = (1.0, 1.5, 2.0, 2.5, 3.0)
WHITE = (255, 255, 255)


def coverage(surf: pygame.Surface) -> np.ndarray:
    """Per column, the strongest ink in it (0..1)."""
    return pygame.surfarray.array_alpha(surf).max(axis=1) / 255.0


def letter_gaps(surf: pygame.Surface) -> list[float]:
    """The widths (px, fractional) of the blank runs between neighbouring letter cores."""
    cov = coverage(surf)
    core = cov >= 0.5
    runs: list[tuple[int, int]] = []
    start = None
    for x, inked in enumerate(core):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            runs.append((start, x))
            start = None
    if start is not None:
        runs.append((start, len(core)))
    return [float(np.sum(1.0 - cov[end:nxt])) for (_, end), (nxt, _) in zip(runs, runs[1:])]


def design_gaps(word: str, px: int) -> list[float]:
    """The word's letter gaps as the font designs them: drawn R× larger (≥ 400 px), measured, divided by R."""
    pt = int(round(px / F.DEFAULT_FONT_FACTOR))
    r = max(2, math.ceil(400 / px))
    return [g / r for g in letter_gaps(pygame.font.Font(None, r * pt).render(word, True, WHITE))]


def tolerance(px: int) -> float:
    """How far the gaps' errors may spread: about a pixel (the measure's own noise), a little more when large."""
    return 1.25 + 0.008 * px


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", list(F.SIZES))
def test_letter_gaps_follow_the_design(size: str, scale: float) -> None:
    fonts = F.Fonts(scale)
    px = fonts.px(size)
    for word in WORDS:
        got, want = letter_gaps(fonts.render(word, size, WHITE)), design_gaps(word, px)
        assert len(got) == len(want) == len(word) - 1, f"{word!r} at {px} px: letters merged or split {got} {want}"
        err = [g - w for g, w in zip(got, want)]
        wide, narrow = int(np.argmax(err)), int(np.argmin(err))
        assert err[wide] - err[narrow] <= tolerance(px), (
            f"{word!r} at {px} px (size {size} × {scale}): the gap {word[wide]}|{word[wide + 1]} is "
            f"{err[wide] - err[narrow]:.2f} px wider, against the design, than {word[narrow]}|{word[narrow + 1]} "
            f"(gaps {[round(g, 2) for g in got]}, designed {[round(w, 2) for w in want]})")


def test_the_measure_sees_a_widened_gap() -> None:
    """The check itself: one letter pushed 2 px right is caught, the word as drawn is not."""
    fonts = F.Fonts(1.0)
    px = fonts.px("label")
    surf = fonts.render("summit", "label", WHITE)
    want = design_gaps("summit", px)
    cov = coverage(surf)
    ends = [x for x in range(1, cov.size) if cov[x] < 0.5 <= cov[x - 1]]  # where each letter's core ends
    cut = ends[-2]  # after the i: the t and what follows move 2 px right
    pushed = pygame.Surface((surf.get_width() + 2, surf.get_height()), pygame.SRCALPHA)
    pushed.blit(surf.subsurface((0, 0, cut, surf.get_height())), (0, 0))
    pushed.blit(surf.subsurface((cut, 0, surf.get_width() - cut, surf.get_height())), (cut + 2, 0))
    for s, caught in ((surf, False), (pushed, True)):
        err = [g - w for g, w in zip(letter_gaps(s), want)]
        assert (max(err) - min(err) > tolerance(px)) is caught


def test_sizes_keep_the_hinted_fonts_line_height_and_about_its_width() -> None:
    """Layouts measured with the hinted rendering stay put: the same height; the width within 7 % of the hinted one
    (hinting itself widens text at some sizes, by 5 % at 17 px) and within 2 px + 2 % of the design's."""
    for scale in SCALES:
        fonts = F.Fonts(scale)
        for size in F.SIZES:
            font = fonts.font(size)
            for text in ("Probes left: 7", "Sch\u00e4tzen", "The lesson text is long enough to wrap"):
                hinted = font.render(text, True, WHITE).get_size()
                w, h = fonts.measure(text, size)
                assert h == hinted[1]
                assert abs(w - hinted[0]) <= max(2, 0.07 * hinted[0]), (text, size, scale, (w, h), hinted)
                r = max(2, math.ceil(400 / fonts.px(size)))
                design = pygame.font.Font(None, r * int(round(fonts.px(size) / F.DEFAULT_FONT_FACTOR))).size(text)[0] / r
                assert abs(w - design) <= 2 + 0.02 * design, (text, size, scale, w, design)
    assert F.Fonts(1.0).render("", "body", WHITE).get_width() == 0  # as pygame.font draws it
