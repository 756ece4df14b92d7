"""The built-in curriculum: all levels load, are well-formed and have the intended peaks."""

from __future__ import annotations

import re

import numpy as np
import pytest

import surfaces
from game.text.catalog import languages
from surfaces.level import LEVEL_DIR, level_problems
from reference import brute_force_peak

LEVELS = surfaces.builtin_levels()
IDS = [lv.id for lv in LEVELS]
EXPECTED_ORDER = ["rise-over-run", "one-hill", "bowl-bump", "tilted-hill", "long-ridge", "saddle-pass", "peak-lattice",
                  "banana-ridge", "neuron", "needle-peak", "taylor-trust", "rocky-hill", "two-peaks", "rough-ground",
                  "wave-field", "spire", "decay-fit", "line-fit"]


def test_builtin_ids_survive_web_links():
    """pygbag's page loader treats a first URL parameter containing "py", or any "-i", as its own (WEB_FACTS):
    ?level=happy-hill would open a Python prompt instead of the game."""
    assert [i for i in IDS if "py" in i or "-i" in i] == []


def test_builtin_levels_speak_every_ui_language_and_use_known_overlays():
    from game.core.levels import game_problems

    assert [p for level in LEVELS for p in game_problems(level, level.id)] == []


def test_builtin_levels_in_order_without_problems():
    assert [p for path in sorted(LEVEL_DIR.glob('*.json')) for p in level_problems(path)] == []
    assert IDS == EXPECTED_ORDER
    assert len(set(IDS)) == len(IDS) >= 10
    files = sorted(p.name for p in LEVEL_DIR.glob("*.json"))
    assert sorted(f[3:-5] for f in files) == sorted(IDS)
    numbers = {f[3:-5]: f[:2] for f in files}  # within a course module, file-name order
    for a, b in zip(LEVELS, LEVELS[1:]):
        assert a.module != b.module or numbers[a.id] < numbers[b.id], (a.id, b.id)
    assert surfaces.builtin_levels() == LEVELS  # cached


def test_levels_follow_the_course_modules_in_order():
    from surfaces.level import MODULES

    positions = [MODULES.index(level.module) for level in LEVELS]
    firsts = [p for i, p in enumerate(positions) if p not in positions[:i]]
    assert firsts == sorted(firsts)  # the course introduces its modules in order; model levels revisit them
    assert set(positions) == set(range(len(MODULES)))  # every module of the course has a level


def test_level_by_id():
    assert surfaces.level_by_id("two-peaks").id == "two-peaks"
    assert surfaces.level_by_id("1").id == "rise-over-run"
    with pytest.raises(surfaces.LevelError, match="unknown level"):
        surfaces.level_by_id("nope")


@pytest.mark.parametrize("level", LEVELS, ids=IDS)
def test_level_texts_and_numbers(level):
    for field in ("title", "intro"):
        for lang in languages():
            assert level.text(field, lang).strip()
    sentences = len(re.findall(r"[.!?](\s|$)", level.intro["en"]))
    assert 1 <= sentences <= 3, level.intro["en"]
    assert 1 <= level.par <= level.probes <= 30
    zmin, zmax = level.surface.value_range()
    assert -10 <= zmin < zmax <= 10


def test_german_texts_use_umlauts():
    german = " ".join(lv.intro["de"] + lv.title["de"] for lv in LEVELS)
    assert any(ch in german for ch in "äöüÄÖÜß")
    assert "ae" not in german.replace("Hae", "").split()  # no ASCII transliterations as words


@pytest.mark.parametrize("level", LEVELS, ids=IDS)
def test_peak_matches_brute_force(level):
    s = level.surface
    x, y, v = s.peak()
    bx, by, bv = brute_force_peak(s)
    assert v >= bv - 1e-12
    assert v - bv < 1e-2 * (s.value_range()[1] - s.value_range()[0])
    assert np.hypot(x - bx, y - by) < 0.05


ANALYTIC_PEAKS = {
    "rise-over-run": (3.0, 3.0, 3.25),
    "one-hill": (0.8, -0.5, 4.0),
    "long-ridge": (0.6, 0.2, 4.0),
    "banana-ridge": (1.0, 1.0, 5.0),
    "taylor-trust": (0.4, -0.6, 7.0),
}


@pytest.mark.parametrize("level_id", sorted(ANALYTIC_PEAKS))
def test_analytic_peaks(level_id):
    s = surfaces.level_by_id(level_id).surface
    assert s.peak() == pytest.approx(ANALYTIC_PEAKS[level_id], abs=1e-9)


def test_level_shapes_match_their_lessons():
    by_id = {lv.id: lv for lv in LEVELS}
    # 1: the summit is on the edge
    s = by_id["rise-over-run"].surface
    x, y, _ = s.peak()
    assert x == s.domain[1] and y == s.domain[3]
    # 3: the gradient at the start does not point at the summit
    lv = by_id["tilted-hill"]
    g = lv.surface.gradient(*lv.start)
    px, py, _ = lv.surface.peak()
    to_peak = np.array([px - lv.start[0], py - lv.start[1]])
    cos = g @ to_peak / np.linalg.norm(g) / np.linalg.norm(to_peak)
    assert cos < 0.97
    # 4 and 6 offer the Hessian overlay
    assert "hessian" in by_id["long-ridge"].overlays and "hessian" in by_id["saddle-pass"].overlays
    # 5: exactly two local maxima, the global one clearly higher
    maxima = by_id["two-peaks"].surface.local_maxima()
    assert len(maxima) == 2 and maxima[0][2] - maxima[1][2] > 0.5
    # 6: a saddle between the peaks
    s = by_id["saddle-pass"].surface
    xs = np.linspace(-1, 1, 20001)
    gx = s.gradient(xs, 0.0)[0]
    i = np.nonzero(np.diff(np.sign(gx)))[0][0]
    assert s.classify(xs[i], 0.0, tol=1e-3) == "saddle"
    start = by_id["saddle-pass"].start
    assert s.classify(*start, tol=1e-2) == "saddle"  # the player starts on the pass
    # 8: at least ten local maxima
    assert len(by_id["rough-ground"].surface.local_maxima()) >= 10
    # 9: the needle is narrow: height halves within 0.2 of its top
    s = by_id["needle-peak"].surface
    x, y, v = s.peak()
    assert s(x + 0.2, y) < v - 0.5 * (v - s.value_range()[0]) * 0.5
    # 11: a regression level
    assert by_id["line-fit"].module == "linear regression"
    assert by_id["line-fit"].surface.value_range()[1] < 0


@pytest.mark.parametrize("level", LEVELS, ids=IDS)
def test_classify_peak(level):
    s = level.surface
    x, y, _ = s.peak()
    xmin, xmax, ymin, ymax = s.domain
    interior = xmin < x < xmax and ymin < y < ymax
    assert s.classify(x, y) == ("maximum" if interior else "not stationary")


def gradient_ascent_steps(level, max_steps=15):
    """Probes a simple adaptive gradient ascent needs to get within tolerance of the summit."""
    s = level.surface
    zmin, zmax = s.value_range()
    tol = level.tolerance * (zmax - zmin)
    xmin, xmax, ymin, ymax = s.domain
    p = np.array(level.start)
    step = 0.1 * max(xmax - xmin, ymax - ymin)
    f = s(*p)
    for k in range(1, max_steps + 1):
        if f >= zmax - tol:
            return k
        g = s.gradient(*p)
        while True:
            q = np.clip(p + step * g / max(np.linalg.norm(g), 1e-12), [xmin, ymin], [xmax, ymax])
            fq = s(*q)
            if fq > f or step < 1e-6:
                break
            step *= 0.5
        p, f = q, fq
        step *= 1.5
    return max_steps + 1


@pytest.mark.parametrize("level_id", ["rise-over-run", "one-hill", "tilted-hill", "long-ridge",
                                      "taylor-trust", "line-fit"])
def test_single_summit_levels_are_climbable_within_budget(level_id):
    level = surfaces.level_by_id(level_id)
    assert gradient_ascent_steps(level) <= level.probes
