"""The classroom on the web (a faked pygbag page): S downloads the CSV and the PNG, and after a claim the game's
recording too (the browser always records), through `platform.window.MM.download`."""

from __future__ import annotations

import json
import platform as stdlib_platform
import sys
from types import SimpleNamespace

import pygame
import pytest

from game.core import actions as A
from game.core.classlist import read_student
from game.core.export import csv_text
from game.ui import browser


class FakeMM:
    """pygbag's MM: download(path) hands the file at `path` to the page; here it keeps a copy of the bytes."""

    def __init__(self, refuse: bool = False) -> None:
        self.files: dict[str, bytes] = {}
        self.refuse = refuse

    def download(self, path):
        if self.refuse:
            raise RuntimeError("blocked by the page")
        with open(path, "rb") as handle:
            self.files[path] = handle.read()


@pytest.fixture
def page(monkeypatch, tmp_path):
    mm = FakeMM()
    window = SimpleNamespace(location=SimpleNamespace(search=""), innerWidth=1600, innerHeight=900, MM=mm)
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(stdlib_platform, "window", window, raising=False)
    monkeypatch.chdir(tmp_path)  # pygbag's in-memory file system
    return mm


def test_download_off_the_browser_does_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert browser.download("x.csv", b"1") is False and not list(tmp_path.iterdir())


def test_a_refused_download_is_false_not_an_exception(page):
    page.refuse = True
    assert browser.download("x.csv", b"1") is False


@pytest.fixture
def web_app(make_app, run_frames, page):
    from game.ui.app import App
    from game.ui.startup import prepare
    from game.core.options import parse_query
    from game.core.storage import MemoryBackend, Store

    options, _ = parse_query("level=one-hill&player=Ada")
    options, replay, level = prepare(options)
    screen = pygame.display.set_mode((1280, 800))
    app = App(options, screen, store=Store(MemoryBackend()), start_level=level, web=True)
    run_frames(app, 2)
    return app


def test_s_in_the_browser_downloads_the_csv_and_the_png(web_app, run_frames, page):
    app = web_app
    for at in [(-2.2, 1.8), (0.0, 0.0)]:
        app.dispatch(A.Action(A.PROBE, at=at))
    run_frames(app, 2)
    app.dispatch(A.Action(A.EXPORT))
    names = sorted(page.files)
    assert len(names) == 2 and names[0].endswith(".csv") and names[1].endswith(".png")
    assert page.files[names[0]].decode("utf-8") == csv_text(app.top.game)
    assert page.files[names[1]].startswith(b"\x89PNG")


def test_after_a_claim_s_offers_the_recording_which_the_class_overlay_reads(web_app, run_frames, page, tmp_path):
    app = web_app
    assert app.session.recorder is not None  # the browser records every session
    for at in [(-2.2, 1.8), (0.0, 0.0), (0.8, -0.5)]:
        app.dispatch(A.Action(A.PROBE, at=at))
    app.dispatch(A.Action(A.CLAIM))
    run_frames(app, 3)
    app.dispatch(A.Action(A.EXPORT))  # on the result screen
    recordings = [name for name in page.files if name.endswith(".json")]
    assert len(recordings) == 1 and len(page.files) == 3
    data = json.loads(page.files[recordings[0]].decode("utf-8"))
    assert data["player"] == "Ada" and data["result"]["probes"] == 3
    saved = tmp_path / "copy.json"
    saved.write_bytes(page.files[recordings[0]])
    student = read_student(str(saved))
    assert student.name == "Ada" and student.level == "one-hill" and len(student.path) == 3


def test_the_browser_recording_is_bounded_but_its_summary_whole(web_app):
    from game.core.record import Recorder
    from game.core.options import Options
    from game.ui.app import WEB_ACTIONS

    assert web_app.session.recorder.limit == WEB_ACTIONS
    recorder = Recorder(Options(), (640, 480), limit=2)
    for frame in range(5):
        recorder.add(frame, A.Action(A.POINT, pos=(frame, frame)))
    assert [frame for frame, _ in recorder.entries] == [0, 1]
