"""Model levels in play: the chain-rule numbers against sympy, their words, the data inset and the chain plate drawn
through the real app (play and reveal), and the built-in model levels."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

import surfaces
from game.text import models as words
from game.text.numbers import fmt_number
from surfaces.models import Data, ModelSurface, chain_rule
from tests.test_model_surfaces import dataset


@pytest.mark.parametrize("seed", [4, 8, 15])
def test_chain_rule_matches_sympy(seed):
    x, t = dataset("neuron", seed, n=25)
    d = Data.of(x, t)
    rng = np.random.default_rng(seed)
    w0, b0 = (float(v) for v in rng.uniform(-2, 2, 2))
    W, B, X, T, Z, A = sp.symbols("w b x t z a")
    sig = 1 / (1 + sp.exp(-Z))
    cost = (A - T) ** 2
    rule = chain_rule(d, w0, b0)
    i = int(np.argmax(np.abs(1 / (1 + np.exp(-(w0 * x + b0))) - t)))
    assert rule.i == i
    xi, ti = sp.Float(float(x[i]), 30), sp.Float(float(t[i]), 30)
    zi = W * xi + B
    ai = sig.subs(Z, zi)
    ci = cost.subs({A: ai, T: ti})
    at = {W: sp.Float(w0, 30), B: sp.Float(b0, 30)}
    close = lambda got, want: math.isclose(got, float(want), rel_tol=1e-12, abs_tol=1e-15)  # noqa: E731
    assert close(rule.z, zi.subs(at)) and close(rule.a, ai.subs(at)) and close(rule.c, ci.subs(at))
    assert close(rule.dc_da, sp.diff(cost, A).subs({A: ai, T: ti}).subs(at))
    assert close(rule.da_dz, sp.diff(sig, Z).subs(Z, zi).subs(at))
    assert close(rule.dz_dw, sp.diff(zi, W))
    assert close(rule.dc_dw, sp.diff(ci, W).subs(at)) and close(rule.dc_db, sp.diff(ci, B).subs(at))
    mean = sum(cost.subs({A: sig.subs(Z, W * sp.Float(float(a), 30) + B), T: sp.Float(float(b), 30)})
               for a, b in zip(x, t)) / len(x)
    assert close(rule.mean_c, mean.subs(at))
    assert math.isclose(rule.mean_dw, float(sp.diff(mean, W).subs(at)), rel_tol=1e-11, abs_tol=1e-14)
    assert math.isclose(rule.mean_db, float(sp.diff(mean, B).subs(at)), rel_tol=1e-11, abs_tol=1e-14)
    g = ModelSurface("neuron", x, t).gradient(w0, b0)  # the HUD's gradient is minus the mean's
    assert np.allclose(g, [-rule.mean_dw, -rule.mean_db], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_chain_words_carry_the_numbers(lang):
    x, t = dataset("neuron", 6, n=12)
    rule = chain_rule(Data.of(x, t), 1.3, -0.4)
    text = words.chain_lines(rule, 12, 3, lang)
    assert fmt_number(rule.dc_dw, lang) in text["products"][0] and fmt_number(rule.dc_db, lang) in text["products"][1]
    assert text["products"][0].endswith("= " + fmt_number(rule.dc_dw, lang))
    assert all(fmt_number(v, lang) in " ".join(text["nodes"]) for v in (rule.x, rule.z, rule.a, rule.c))
    assert fmt_number(rule.mean_dw, lang) in text["mean"] and str(rule.i + 1) in text["example"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_equations(lang):
    assert words.equation("line", 0.5, -1.25, lang) == ("y = 0.500·x − 1.25" if lang == "en" else "y = 0,500·x − 1,25")
    assert words.equation("neuron", 2.0, 0.25, lang).startswith("a = sigmoid(2")
    assert words.equation("exp", 3.0, 0.5, lang).endswith("·e^(−0.500·x)" if lang == "en" else "·e^(−0,500·x)")


def test_builtin_model_levels():
    by_id = {level.id: level for level in surfaces.builtin_levels()}
    for level_id, kind in (("line-fit", "line"), ("neuron", "neuron"), ("decay-fit", "exp")):
        s = by_id[level_id].surface
        assert s.kind == kind
        px, py, _ = s.peak()
        xmin, xmax, ymin, ymax = s.domain
        assert xmin < px < xmax and ymin < py < ymax and s.classify(px, py) == "maximum"
    assert by_id["neuron"].module == "chain rule"


@pytest.mark.parametrize("flags", [("--level", "neuron", "--probe", "-0.3,0.6", "--probe", "0.5,-0.5"),
                                   ("--level", "decay-fit", "--autoplay", "newton"),
                                   ("--level", "line-fit", "--probe", "-0.6,2.6", "--lang", "de")])
def test_play_and_reveal_draw_the_model(make_app, run_frames, drawn_texts, flags):
    app = make_app(*flags)
    run_frames(app, 40)
    texts = " ".join(drawn_texts)
    assert "MSE" in texts
    if "neuron" in flags:
        assert "∂C/∂w = ∂C/∂a" in texts and "sigmoid(z)" in texts
    if "newton" in flags:
        assert ("Best fit: y = " in texts) and "smallest MSE" in texts


def test_data_flag_plays_with_its_inset(make_app, run_frames, drawn_texts, tmp_path):
    x, y = dataset("exp", 3, n=50)
    path = tmp_path / "decay.csv"
    path.write_text("".join(f"{float(a)!r};{float(b)!r}\n" for a, b in zip(x, y)))
    app = make_app("--data", str(path), "--fit", "exp", "--autoplay", "gradient")
    run_frames(app, 60)
    assert "smallest MSE" in " ".join(drawn_texts) and any(t.startswith("Best fit: y = ") for t in drawn_texts)
