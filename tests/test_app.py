"""The main loop: frames, sleep(0) per frame, screenshots, silence, saving progress, corrupt saves, the browser."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

import game.ui.app as app_module
import game.ui.loop as loop_module
from game.core import actions as A
from game.text.catalog import languages
from game import cli
from game.ui.app import run
from game.core.options import parse_args
from game.ui.scenes.help import HelpScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.result import ResultScene
from game.ui.scenes.title import TitleScene
from game.ui.browser import default_store

def test_frames_quits_and_awaits_sleep_zero_every_frame(monkeypatch, capfd, display):
    calls = []
    real_sleep = asyncio.sleep

    async def counting_sleep(delay, *args):
        calls.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(loop_module.asyncio, "sleep", counting_sleep)
    assert asyncio.run(run(parse_args(["--headless", "--frames", "17"]))) == 0
    assert calls == [0] * 17
    assert capfd.readouterr() == ("", "")


@pytest.mark.slow
def test_normal_play_prints_nothing(capfd, display, data_dir):
    for flags in ([], ["--level", "3"], ["--classroom", "--lang", "de"], ["--seed", "PEAK-4821-B"]):
        assert cli.main(["--headless", "--frames", "30", *flags]) == 0
    assert capfd.readouterr() == ("", "")

def run_in_the_browser(monkeypatch, *flags: str):
    """Run the real loop as the browser would (run() returns 0) and hand back the App it made."""
    shown = []
    monkeypatch.setattr(app_module, "in_browser", lambda: True)
    real_init = app_module.App.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        shown.append(self)

    monkeypatch.setattr(app_module.App, "__init__", spy)
    assert asyncio.run(run(parse_args(list(flags)))) == 0
    (app,) = shown
    return app



def test_screenshot_is_a_png_written_atomically(tmp_path, capfd, display):
    shot = tmp_path / "title.png"
    shot.write_bytes(b"old")
    assert cli.main(["--headless", "--frames", "3", "--screenshot", str(shot)]) == 0
    assert shot.read_bytes()[:4] == b"\x89PNG"
    assert [p.name for p in tmp_path.iterdir()] == ["title.png"]
    assert capfd.readouterr() == ("", "")


def test_headless_autoplay_without_frames_plays_everything_in_one_go(capsys, display, data_dir):
    assert cli.main(["--headless", "--autoplay", "adam"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["verdict"] in ("global", "local", "none")


@pytest.mark.slow
def test_autoplay_paces_itself_to_the_frames(make_app, run_frames):
    app = make_app("--level", "2", "--autoplay", "gradient", "--frames", "400")
    run_frames(app, 30)
    play = app.top
    assert isinstance(play, PlayScene) and 1 <= len(play.game.probes) <= 4  # a step every few frames
    run_frames(app, 400)
    assert isinstance(app.top, ResultScene) and app.frame == 400 and app.top.reveal == 1.0


def test_progress_is_saved_after_a_result(make_app, data_dir):
    app = make_app("--level", "2", store=default_store())
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    saved = json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))
    level_id = app.session.levels[1].id
    assert saved["levels"][level_id]["best"] == app.session.games[-1].score().total
    again = make_app(store=default_store())
    assert again.session.progress.best(level_id).best == saved["levels"][level_id]["best"]
    assert isinstance(again.top, TitleScene) and again.top.menu.items[0][0].startswith("Continue")


@pytest.mark.slow
def test_corrupt_save_file_shows_a_banner_and_the_game_goes_on(make_app, run_frames, data_dir, capfd):
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_text("{ this is not json", encoding="utf-8")
    app = make_app(store=default_store())
    assert len(app.banners) == 1 and "set aside" in app.banners[0][0]
    assert any(p.name.startswith("progress.corrupt") for p in data_dir.iterdir())
    run_frames(app, 5)
    app.show(app.routes.play(app.session.levels[0]))
    app.dispatch(A.Action(A.PROBE))
    app.dispatch(A.Action(A.CLAIM))
    assert json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))["levels"]
    run_frames(app, 600)
    assert app.banners == []  # the banner fades after a few seconds
    assert capfd.readouterr() == ("", "")


def test_resize_relayouts_the_play_scene(make_app, run_frames):
    app = make_app("--level", "2")
    run_frames(app, 1)
    app.dispatch(A.Action(A.RESIZE, pos=(700, 900)))
    run_frames(app, 1)
    assert app.size == (700, 900)
    layout = app.top.layout()
    assert layout.hud_side == "bottom" and layout.map_rect.right <= 700 and layout.map_rect.bottom <= 900
    for rect in app.top.buttons().values():
        assert 0 <= rect.left and rect.right <= 700 and rect.bottom <= 900


def test_fullscreen_is_a_no_op_headless_and_in_the_browser(make_app):
    app = make_app()
    app.dispatch(A.Action(A.FULLSCREEN))
    assert not app.fullscreen
    app.env.browser = True
    app.toggle_fullscreen()
    assert not app.fullscreen


def test_browser_has_no_quit_and_no_f11_in_help(make_app):
    app = make_app()
    app.env.browser = True
    app.show(app.routes.title())
    labels = [label for label, _ in app.top.menu.items]
    assert "Quit" not in labels
    app.push(app.routes.help())
    assert isinstance(app.top, HelpScene) and all("F11" not in key for key, _ in app.top.rows())


def test_window_close_quits(make_app):
    app = make_app("--level", "1")
    app.dispatch(A.Action(A.QUIT))
    assert not app.running


def test_browser_start_up_problems_become_banners(monkeypatch, make_app, display, data_dir):
    """In the browser a bad ?level= must not leave a blank page: the title opens with the message."""
    monkeypatch.setattr(app_module.browser, "startup_messages", lambda: ["unknown URL parameter 'x' ignored"])
    app = run_in_the_browser(monkeypatch, "--frames", "2", "--level", "nope")
    texts = [text for text, _ in app.banners]
    assert texts == ["unknown URL parameter 'x' ignored", "Unknown level 'nope': starting at the title."]
    assert isinstance(app.top, TitleScene)


def test_run_never_uses_resizable_in_the_browser(monkeypatch, display, data_dir):
    seen = []
    real = app_module.pygame.display.set_mode

    def spy(size=(0, 0), flags=0, *args, **kwargs):
        seen.append((tuple(size), flags))
        return real(size, 0)

    monkeypatch.setattr(app_module.pygame.display, "set_mode", spy)
    monkeypatch.setattr(app_module, "in_browser", lambda: True)
    assert asyncio.run(run(parse_args(["--frames", "2"]))) == 0
    assert seen == [(app_module.browser.web_window_size(None), 0)]
    seen.clear()
    monkeypatch.setattr(app_module, "in_browser", lambda: False)
    assert asyncio.run(run(parse_args(["--frames", "2", "--size", "900x640"]))) == 0
    assert seen == [((900, 640), app_module.pygame.RESIZABLE)]  # fits the dummy 1024×768 screen


def test_desktop_window_cannot_shrink_below_the_smallest_layout(display, recwarn):
    import warnings

    import pygame

    from game.ui.app import MIN_WINDOW, limit_window_size

    pygame.display.set_mode((800, 600), pygame.RESIZABLE)
    limit_window_size()
    assert not recwarn.list  # nothing printed to the player's terminal
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert tuple(pygame.Window.from_display_module().minimum_size) == MIN_WINDOW


def test_a_language_without_a_catalogue_is_one_line_on_the_desktop_and_english_in_the_browser(
        monkeypatch, capfd, display, data_dir):
    assert cli.main(["--headless", "--frames", "2", "--lang", "xx"]) == 2
    err = capfd.readouterr().err
    assert err.strip().splitlines() == [f"--lang xx: no catalogue for 'xx'; available: {', '.join(languages())}"]
    assert {"en", "de", "fr"} <= set(languages())
    app = run_in_the_browser(monkeypatch, "--frames", "2", "--lang", "xx")
    assert app.env.lang == "en" and any("No translation for 'xx'" in text for text, _ in app.banners)


def test_a_bad_formula_in_the_url_is_a_banner_in_the_page_s_language(monkeypatch, display, data_dir):
    app = run_in_the_browser(monkeypatch, "--frames", "2", "--lang", "de", "--expr", "2*")
    (text,) = [text for text, _ in app.banners]
    assert text.startswith("Formel '2*': ") and "Position" in text and isinstance(app.top, TitleScene)


@pytest.mark.parametrize("flags", [["--expr", "-(x^2+y^2)"], ["--seed", "PEAK-4821-B"]])
def test_free_play_from_flags_allows_every_overlay(make_app, flags):
    from game.core.options import OVERLAYS

    app = make_app(*flags)
    assert app.top.game.level.overlays == OVERLAYS and app.top.game.level.path is None


def test_an_explicit_window_size_is_fitted_to_the_screen():
    """`--classroom --size 1920x1080` on a 1600×1000 screen was cut off: every desktop window fits its screen."""
    from game.ui.window import fit_to_desktop

    assert fit_to_desktop((1920, 1080), (1600, 1000)) == (1520, 900)
    assert fit_to_desktop((1280, 800), (3840, 2160)) == (1280, 800)  # a window that fits is left alone
    assert fit_to_desktop((1920, 1080), (800, 500)) == (760, 480)  # never below the smallest layout
