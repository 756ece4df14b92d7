"""Level files: one test per validation rule, plus custom levels and the Level record."""

from __future__ import annotations

import copy
import json

import pytest

import surfaces
from surfaces import LevelError, level_problems, load_level

BASE = {
    "id": "test-hill",
    "title": {"en": "Test hill", "de": "Testhügel"},
    "intro": {"en": "Climb it.", "de": "Klettere hinauf."},
    "module": "the gradient",
    "surface": {"expression": "4*exp(-(x^2 + y^2)/2)", "domain": [-3, 3, -3, 3]},
    "start": [-2, 1.5],
    "probes": 12,
    "par": 8,
    "tolerance": 0.02,
    "taylor": 2,
    "overlays": ["arrows", "taylor"],
}


def write(tmp_path, data, name="01-test-hill.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def mutate(**changes):
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        parts = key.split("__")
        target = data
        for p in parts[:-1]:
            target = target[p]
        if value is KeyError:
            del target[parts[-1]]
        else:
            target[parts[-1]] = value
    return data


def test_valid_level_loads(tmp_path):
    path = write(tmp_path, BASE)
    assert level_problems(path) == []
    level = load_level(path)
    assert level.id == "test-hill" and level.start == (-2.0, 1.5) and level.probes == 12
    assert level.overlays == ("arrows", "taylor") and level.gradient_method == "central"
    assert level.path == str(path)
    assert level.surface.peak()[2] == pytest.approx(4.0)
    assert level.text("title", "de") == "Testhügel"
    assert level.text("title", "fr") == "Test hill"
    with pytest.raises(ValueError):
        level.text("module", "en")
    with pytest.raises(Exception):
        level.id = "other"  # frozen


def problems_for(tmp_path, data):
    path = write(tmp_path, data)
    problems = level_problems(path)
    assert problems, "expected a problem"
    with pytest.raises(LevelError) as info:
        load_level(path)
    assert str(path) in str(info.value)
    assert info.value.problems == problems
    for p in problems:
        assert p.startswith(f"{path}: ") and "\n" not in p
    return problems


RULES = [
    ("unknown key", mutate(colour="red"), "colour: unknown key"),
    ("missing field", mutate(par=KeyError), "par: missing"),
    ("missing surface", mutate(surface=KeyError), "surface: missing"),
    ("id pattern", mutate(id="Bad Id"), "id: must match"),
    ("id type", mutate(id=3), "id: must match"),
    ("title type", mutate(title="Hill"), "title: expected an object"),
    ("missing en title", mutate(title={"de": "Hügel"}), "title.en: missing"),
    ("language key", mutate(title={"en": "Hill", "DE": "Hügel"}), "title.DE: language keys"),
    ("empty en intro", mutate(intro={"en": " ", "de": "x"}), "intro.en: missing or empty"),
    ("unknown module", mutate(module="topology"), "module: unknown module"),
    ("domain xmin >= xmax", mutate(surface__domain=[3, -3, -3, 3]), "surface.domain: xmin"),
    ("domain ymin >= ymax", mutate(surface__domain=[-3, 3, 1, 1]), "surface.domain: ymin"),
    ("domain shape", mutate(surface__domain=[-3, 3, -3]), "surface.domain: expected"),
    ("domain type", mutate(surface__domain=["a", 3, -3, 3]), "surface.domain: expected"),
    ("bad expression", mutate(surface__expression="3*exp(-(x^2 + y^2)"), "surface.expression: expected ')' at position 18"),
    ("expression type", mutate(surface__expression=5), "surface.expression: expected a string"),
    ("surface unknown key", mutate(surface__color="red"), "surface.color: unknown key"),
    ("surface kind", mutate(surface={"kind": "fractal", "domain": [-1, 1, -1, 1]}), "surface.kind: unknown kind"),
    ("regression data", mutate(surface={"kind": "regression", "data": [[1, 2]], "domain": [-1, 1, -1, 1]}), "surface.data"),
    ("regression points", mutate(surface={"kind": "regression", "data": [[1, 2], [1]], "domain": [-1, 1, -1, 1]}), "surface.data: every point"),
    ("regression same x", mutate(surface={"kind": "regression", "data": [[1, 2], [1, 3]], "domain": [-1, 1, -1, 1]}), "surface.data: needs at least two"),
    ("start outside", mutate(start=[5, 0]), "start: (5, 0) lies outside"),
    ("start shape", mutate(start=[1]), "start: expected"),
    ("start type", mutate(start="middle"), "start: expected"),
    ("probes too low", mutate(probes=0), "probes: expected a whole number from 1 to 99"),
    ("probes too high", mutate(probes=100, par=5), "probes: expected a whole number from 1 to 99"),
    ("probes type", mutate(probes=12.5), "probes: expected a whole number"),
    ("probes bool", mutate(probes=True, par=1), "probes: expected a whole number"),
    ("par > probes", mutate(par=13), "par: par (13) must not exceed the probe budget (12)"),
    ("tolerance zero", mutate(tolerance=0), "tolerance: expected a number in (0, 0.5]"),
    ("tolerance too big", mutate(tolerance=0.6), "tolerance: expected a number in (0, 0.5]"),
    ("tolerance type", mutate(tolerance="small"), "tolerance: expected a number"),
    ("taylor 3", mutate(taylor=3), "taylor: expected 1 or 2"),
    ("taylor type", mutate(taylor="2"), "taylor: expected 1 or 2"),
    ("overlay name", mutate(overlays=["arrows", "X-ray"]), "overlays: overlay name 'X-ray'"),
    ("overlays type", mutate(overlays="arrows"), "overlays: expected a list"),
    ("duplicate overlay", mutate(overlays=["arrows", "arrows"]), "overlays: duplicate"),
    ("gradient method", mutate(gradient_method="magic"), "gradient_method: unknown method"),
]


@pytest.mark.parametrize("label,data,needle", RULES, ids=[r[0] for r in RULES])
def test_validation_rule(tmp_path, label, data, needle):
    problems = problems_for(tmp_path, data)
    assert any(needle in p for p in problems), problems


def test_invalid_json(tmp_path):
    problems = problems_for(tmp_path, '{"id": "x",')
    assert "json: invalid JSON at line 1" in problems[0]


def test_top_level_not_object(tmp_path):
    assert "(top level): expected a JSON object" in problems_for(tmp_path, "[1, 2]")[0]


def test_missing_file(tmp_path):
    path = tmp_path / "nope.json"
    assert level_problems(path)[0].startswith(f"{path}: file: cannot read")
    with pytest.raises(LevelError):
        load_level(path)


def test_all_problems_are_reported(tmp_path):
    problems = problems_for(tmp_path, mutate(probes=0, taylor=5, overlays=["Zoom"], extra=1))
    assert len(problems) >= 4
    with pytest.raises(LevelError, match=r"more problem"):
        load_level(write(tmp_path, mutate(probes=0, taylor=5)))


def test_optional_fields(tmp_path):
    level = load_level(write(tmp_path, mutate(start=None, gradient_method="forward")))
    assert level.start is None and level.gradient_method == "forward"


def test_regression_surface_is_minus_mean_squared_error(tmp_path):
    data = [[0, 1], [1, 3], [2, 4.5], [3, 7]]
    level = load_level(write(tmp_path, mutate(surface={"kind": "regression", "data": data,
                                                       "domain": [-1, 4, -2, 4]}, start=[0, 0])))
    s = level.surface
    for m, c in [(2.0, 1.0), (0.5, -1.0), (1.3, 0.2)]:
        mse = sum((y - (m * x + c)) ** 2 for x, y in data) / len(data)
        assert float(s(m, c)) == pytest.approx(-mse, rel=1e-13)
    # the summit is the least-squares line
    xs = [p[0] for p in data]
    ys = [p[1] for p in data]
    n = len(data)
    mx, my = sum(xs) / n, sum(ys) / n
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    assert s.peak()[:2] == pytest.approx((slope, my - slope * mx), abs=1e-8)


def test_custom_level():
    s = surfaces.from_expression("-(x^2 + y^2)", name="bowl")
    level = surfaces.custom_level(s)
    assert (level.id, level.probes, level.par, level.tolerance, level.taylor, level.start) == \
        ("custom", 12, 8, 0.02, 2, None)
    assert level.text("title", "en") == "bowl" and level.text("intro", "de") == level.text("intro", "en")
    assert level.overlays == ()
    level = surfaces.custom_level(s, id="seed", title="PEAK-4821-B", intro={"en": "Climb.", "de": "Klettere."},
                                  overlays=("arrows",))
    assert level.title == {"en": "PEAK-4821-B", "de": "PEAK-4821-B"} and level.text("intro", "de") == "Klettere."
    assert level.overlays == ("arrows",)


def test_the_game_adds_its_languages_and_overlays(tmp_path):
    from game.core.levels import level_problems as game_level_problems

    assert game_level_problems(write(tmp_path, BASE)) == []
    path = write(tmp_path, mutate(title={"en": "Hill"}, overlays=["arrows", "xray"]))
    assert level_problems(path) == []  # the format itself is fine
    problems = game_level_problems(path)
    from game.core.options import OVERLAYS
    assert problems == [f"{path}: overlays: unknown overlay 'xray'; known: {', '.join(OVERLAYS)}"]
    assert "gradient-lab" in OVERLAYS and "axes" in OVERLAYS  # a level may allow the lab's overlays too
    assert game_level_problems(write(tmp_path, mutate(probes=0))) == level_problems(write(tmp_path, mutate(probes=0)))


def test_free_play_level_has_every_ui_language_and_overlay():
    from game.core.levels import free_play_level, game_problems
    from game.core.options import OVERLAYS
    from game.text.catalog import languages
    from game.text.levels import level_text

    bowl = surfaces.from_expression("-(x^2 + y^2)", name="bowl")
    level = free_play_level(bowl, id="PEAK-4821-B", title="PEAK-4821-B")
    assert game_problems(level, "free play") == []
    assert level.overlays == OVERLAYS and all(level_text(level, "intro", lang) for lang in languages())
    assert (level.id, level.probes, level.par, level.tolerance, level.taylor) == ("PEAK-4821-B", 12, 8, 0.02, 2)


def test_only_files_in_the_built_in_folder_are_built_in(tmp_path):
    """A teacher's copy of a built-in level (same id) is not built in: no progress saved under its id, no
    catalogue text over its own."""
    import shutil

    from game.core.levels import is_builtin
    from surfaces.level import LEVEL_DIR

    original = sorted(LEVEL_DIR.glob("*.json"))[1]
    copy = tmp_path / original.name
    shutil.copy(original, copy)
    assert is_builtin(surfaces.load_level(original)) and not is_builtin(surfaces.load_level(copy))
    assert surfaces.load_level(copy).id == surfaces.load_level(original).id
