"""`uphill --headless --data FILE.csv [--fit KIND] --autoplay newton`: the JSON line's "peak" and "fit" against
independent references on data sets generated here."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.test_model_data import uphill
from tests.test_model_surfaces import dataset, reference_optimum
from surfaces.models import ModelSurface


def write(tmp_path, x, y, header=True):
    path = tmp_path / "points.csv"
    path.write_text(("x,y\n" if header else "") + "".join(f"{float(a)!r},{float(b)!r}\n" for a, b in zip(x, y)))
    return str(path)


@pytest.mark.parametrize("seed", [2, 13])
def test_newton_reaches_least_squares(tmp_path, seed):
    x, y = dataset("line", seed, n=150)
    want = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    r = uphill(tmp_path, "--headless", "--data", write(tmp_path, x, y, seed % 2 == 0), "--autoplay", "newton")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    fit = out["fit"]
    assert fit["model"] == "line" and fit["rows"] == 150 and fit["params"] == ["m", "c"]
    assert abs(fit["final"]["m"] - want[0]) < 1e-6 and abs(fit["final"]["c"] - want[1]) < 1e-6
    assert abs(out["peak"]["x"] - want[0]) < 1e-6 and abs(out["peak"]["y"] - want[1]) < 1e-6
    assert abs(fit["summit"]["m"] - want[0]) < 1e-9 and abs(fit["summit"]["c"] - want[1]) < 1e-9
    assert fit["summit"]["mse"] == pytest.approx(np.mean((want[0] * x + want[1] - y) ** 2), rel=1e-9)
    assert out["verdict"] == "global" and out["point"] == "maximum"


@pytest.mark.parametrize("kind", ["neuron", "exp"])
def test_nonlinear_fit_peak_matches_independent_optimiser(tmp_path, kind):
    x, y = dataset(kind, 23, n=120)
    want = reference_optimum(kind, x, y, ModelSurface(kind, x, y))
    r = uphill(tmp_path, "--headless", "--data", write(tmp_path, x, y), "--fit", kind, "--autoplay", "newton")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    p, q = out["fit"]["params"]
    assert (p, q) == (("w", "b") if kind == "neuron" else ("a", "b"))
    assert abs(out["peak"]["x"] - want[0]) < 1e-6 and abs(out["peak"]["y"] - want[1]) < 1e-6
    assert abs(out["fit"]["summit"][p] - want[0]) < 1e-6 and abs(out["fit"]["summit"][q] - want[1]) < 1e-6
    assert out["verdict"] == "global"
    final = out["fit"]["final"]
    assert final[p] == out["path"][-1][0] or out["final"]["x"] == pytest.approx(final[p], abs=1e-6)


def test_no_fit_on_other_levels(tmp_path):
    r = uphill(tmp_path, "--headless", "--level", "one-hill", "--autoplay", "newton")
    assert r.returncode == 0 and "fit" not in json.loads(r.stdout)


@pytest.mark.parametrize("seed", range(20))
def test_newton_autoplay_lands_on_least_squares_in_process(seed):
    """The same done-when on more data sets, in process: the climber's Newton step from the map's centre is exact."""
    from game.core.climbers import play, summary
    from game.core.fit import model_level

    rng = np.random.default_rng(seed)
    x, y = dataset("line", seed, n=int(rng.integers(3, 400)))
    want = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    out = summary(play(model_level(x, y, "line"), "newton"))
    assert abs(out["fit"]["final"]["m"] - want[0]) < 1e-6 and abs(out["fit"]["final"]["c"] - want[1]) < 1e-6
    assert out["verdict"] == "global"
