"""The one-line warning for a surface without a finite maximum: the play screen's banner and --expr's stderr line."""

from __future__ import annotations

import json

import pytest

import surfaces
from game import cli
from game.core import actions as A
from game.core.levels import expression_level
from game.text.unbounded import unbounded_text, unbounded_warning
from game.ui.scenes.play import PlayScene

POLE_EN = "This surface has no highest point on the map: it grows without bound near (0, \u22123.00)."


def test_words_in_english_and_german():
    level = expression_level("1/x")
    assert unbounded_warning(level) == POLE_EN
    de = unbounded_warning(level, "de")
    assert de is not None and "(0; \u22123,00)" in de and de != POLE_EN  # decimal comma, "; " between
    pole = unbounded_warning(expression_level("1/((x-0.3)^2+(y-1)^2)"))
    assert pole is not None and "(0.300, 1.00)" in pole
    over = unbounded_warning(expression_level("exp(exp(exp(x)))"))
    assert over is not None and "overflow" in over and "(1.89, \u22123.00)" in over


def test_no_warning_for_ordinary_surfaces():
    assert unbounded_warning(None) is None
    assert unbounded_warning(expression_level("x+y")) is None
    for level in surfaces.builtin_levels():
        assert unbounded_warning(level) is None, level.id


def test_a_coordinate_is_rounded_to_the_map():
    record = surfaces.Unbounded("pole", -1.2e-12, 1234.5678)
    assert unbounded_text(record, (-3, 3, 1000, 2000)) == (
        "This surface has no highest point on the map: it grows without bound near (0, 1235).")


def warning(app) -> str | None:
    """The warning the play scene shows over its map, before the intro (never an app banner over the panel)."""
    assert app.banners == []
    message = app.top.view_state().intro or ""
    return app.top.warning if app.top.warning and message.startswith(app.top.warning) else None


def test_expr_start_shows_the_warning_over_the_map(make_app, run_frames, drawn_texts):
    app = make_app("--expr", "1/x")
    assert isinstance(app.top, PlayScene)
    assert warning(app) == POLE_EN
    run_frames(app, 1)
    assert any(POLE_EN.split(":")[0] in text for text in drawn_texts)


def test_german_banner(make_app):
    app = make_app("--expr", "tan(x)", "--lang", "de")
    assert "(1,57; \u22123,00)" in warning(app)


def test_ordinary_start_has_no_banner(make_app):
    for args in (("--expr", "x+y"), ("--level", "needle-peak")):
        app = make_app(*args)
        assert app.banners == [] and app.top.warning is None


def test_typed_expression_shows_the_warning_and_restart_keeps_one(make_app):
    app = make_app()
    app.push(app.routes.entry("expr"))
    app.dispatch(A.Action(A.TEXT, text="1/x"))
    app.dispatch(A.Action(A.CONFIRM))
    assert isinstance(app.top, PlayScene)
    assert warning(app) == POLE_EN
    app.top.restart()
    assert warning(app) == POLE_EN


def test_cli_prints_the_warning_on_stderr_and_exits_0(capsys, data_dir, display):
    assert cli.main(["--headless", "--expr", "1/x", "--frames", "2"]) == 0
    out, err = capsys.readouterr()
    assert err == POLE_EN + "\n"
    assert cli.main(["--headless", "--expr", "x+y", "--frames", "2"]) == 0
    assert capsys.readouterr().err == ""


def test_a_teachers_level_file_gets_the_banner(tmp_path, make_app):
    """(The desktop CLI does not take a level file yet; the warning comes with the level, wherever it starts.)"""
    level = json.loads((surfaces.level.LEVEL_DIR / "02-one-hill.json").read_text(encoding="utf-8"))
    level["id"] = "pole"
    level["surface"] = {"expression": "1/((x-0.3)^2+(y-1)^2)", "domain": [-3, 3, -3, 3]}
    level["start"] = None
    path = tmp_path / "pole.json"
    path.write_text(json.dumps(level), encoding="utf-8")
    app = make_app()
    app.show(app.routes.play(surfaces.load_level(path)))
    assert "grows without bound near (0.300, 1.00)" in warning(app)


@pytest.mark.parametrize("text", ["exp(1000+x^2)", "log(-1-x^2)"])
def test_a_surface_without_any_height_still_gets_one_clear_line(text, capsys, data_dir, display):
    """Nowhere defined (or +inf everywhere): the existing one-line error, exit 2, no warning on top."""
    assert cli.main(["--headless", "--expr", text, "--frames", "2"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
