"""Legal input never crashes the game: huge constants, a broken file among the built-in levels (issue 17)."""

from __future__ import annotations

import json
import shutil

import pytest

import surfaces
import surfaces.level as level_module
from game import cli
from game.core import levels as game_levels


@pytest.mark.parametrize("expr", ["5e15", "1e300", "-1e308", "0*x+1e17", "1e308*x"])
def test_huge_constants_draw_and_play(expr, capsys, display, data_dir):
    """The flat map's band range used to widen by ±0.5, which rounds away from 2⁵² on: ZeroDivisionError."""
    assert cli.main(["--headless", "--frames", "3", "--expr", expr]) == 0
    assert cli.main(["--headless", "--autoplay", "gradient", "--expr", expr]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(line)["verdict"] in ("global", "local", "none")


@pytest.fixture
def level_folder(tmp_path, monkeypatch):
    """A copy of the built-in level folder the game reads instead, with its own cache (the real one is kept)."""
    import functools

    folder = tmp_path / "levels"
    shutil.copytree(level_module.LEVEL_DIR, folder)
    monkeypatch.setattr(level_module, "LEVEL_DIR", folder)
    monkeypatch.setattr(game_levels, "LEVEL_DIR", folder)
    monkeypatch.setattr(level_module, "_builtin", functools.lru_cache(maxsize=None)(
        lambda: tuple(tuple(part) for part in level_module._check_builtin())))
    return folder


def test_a_broken_built_in_file_is_named_and_left_out(level_folder, capsys, display, data_dir, make_app):
    (level_folder / "99-x.json").write_text((level_folder / "02-one-hill.json").read_text(), encoding="utf-8")
    (level_folder / "98-bad.json").write_text("{not json", encoding="utf-8")
    assert cli.main(["levels"]) == 0
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 11 and "one-hill" in out
    assert "99-x.json: id: 'one-hill' does not match the file name slug 'x'" in err and "98-bad.json" in err
    assert cli.main(["check-level", str(level_folder / "99-x.json")]) == 2
    assert "does not match the file name slug" in capsys.readouterr().err
    app = make_app()
    assert len(app.session.levels) == 11
    assert sum("99-x.json" in text for text, _ in app.banners) == 2


def test_no_usable_level_is_one_line(level_folder, capsys, display, data_dir):
    for path in level_folder.glob("*.json"):
        path.write_text("[]", encoding="utf-8")
    with pytest.raises(surfaces.LevelError):
        surfaces.builtin_levels()
    assert cli.main(["levels"]) == 2 and cli.main(["--headless", "--frames", "2"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith("uphill: ") for line in err) and "no usable level files" in err[-1]
