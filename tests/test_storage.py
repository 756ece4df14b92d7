"""Saved progress and settings: atomic writes, validation, damaged files set aside, and where the data lives."""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import storage
from game.core.records import FORMAT_VERSION
from game.core.storage import FileBackend, MemoryBackend, Progress, Store

FIXED_CLOCK = lambda: 1_700_000_000.0  # noqa: E731  2023-11-14 22:13:20 UTC

def words(notice) -> str:
    """A storage notice as the English banner the player would read."""
    from game.text.notices import notice_text

    return notice_text(notice, "en")



def stamp() -> str:
    import time

    return time.strftime("%Y%m%d-%H%M%S", time.localtime(FIXED_CLOCK()))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(FileBackend(tmp_path / "data", clock=FIXED_CLOCK))


def test_round_trip_creates_the_directory_and_leaves_no_temp_files(store: Store, tmp_path: Path):
    assert store.load("progress") == ({}, None)  # missing: defaults, no message
    progress = Progress()
    assert progress.record("02-one-hill", 1545, 2)
    assert store.save_progress(progress) is None
    loaded, message = store.load_progress()
    assert message is None and loaded.levels["02-one-hill"].best == 1545 and loaded.levels["02-one-hill"].stars == 2
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["progress.json"]
    text = (tmp_path / "data" / "progress.json").read_text(encoding="utf-8")
    assert json.loads(text)["version"] == FORMAT_VERSION


def test_write_fsyncs_the_file_then_replaces(monkeypatch, tmp_path: Path):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    FileBackend(tmp_path).write("settings", "{}")
    assert calls[:2] == ["fsync", "replace"]


def test_failed_write_keeps_the_old_file_and_returns_a_message(monkeypatch, store: Store, tmp_path: Path):
    store.save("settings", {"lang": "de"})

    def broken_replace(a, b):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    message = store.save("settings", {"lang": "en"})
    assert message is not None and "No space left on device" in words(message) and "settings.json" in words(message)
    monkeypatch.undo()
    assert store.load("settings") == ({"lang": "de"}, None)
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["settings.json"]  # the temp file is gone


def test_save_refuses_nan_without_raising(store: Store):
    message = store.save("progress", {"levels": {}, "x": float("nan")})
    assert message is not None and "progress" in words(message)


@pytest.mark.parametrize(("text", "problem"), [
    ("{not json", "not valid JSON"),
    ("[1, 2, 3]", "expected an object, found list"),
    ('{"levels": {"02-one-hill": {"best": 100, "stars": "3"}}}', "'levels.02-one-hill.stars' must be 0..3"),
    ('{"levels": {"02-one-hill": {"best": -5, "stars": 1}}}', "'levels.02-one-hill.best' must be a whole number"),
    ('{"levels": {"02-one-hill": {"best": true, "stars": 1}}}', "'levels.02-one-hill.best' must be a whole number"),
    ('{"levels": []}', "'levels' must be an object"),
    ('{"unlocked": "02-one-hill"}', "'unlocked' must be a list of level ids"),
    ("[" * 100_000, "nested too deeply"),
])
def test_damaged_progress_is_set_aside_with_a_message(store: Store, tmp_path: Path, text: str, problem: str):
    path = tmp_path / "data" / "progress.json"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    progress, message = store.load_progress()
    assert progress == Progress()
    aside = f"progress.corrupt-{stamp()}.json"
    assert message is not None and str(path) in words(message) and aside in words(message)
    if problem != "nested too deeply":
        assert problem in words(message)
    assert not path.exists() and (tmp_path / "data" / aside).read_text(encoding="utf-8") == text
    assert store.load_progress() == (Progress(), None)  # and the game goes on with the defaults


def test_non_utf8_file_is_set_aside(store: Store, tmp_path: Path):
    path = tmp_path / "data" / "progress.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"levels": "\xff"}')
    progress, message = store.load_progress()
    assert progress == Progress() and "not UTF-8" in words(message) and "corrupt-" in words(message)


def test_second_corrupt_file_in_the_same_second_gets_a_new_name(store: Store, tmp_path: Path):
    folder = tmp_path / "data"
    folder.mkdir()
    for _ in range(2):
        (folder / "progress.json").write_text("oops", encoding="utf-8")
        store.load_progress()
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"progress.corrupt-{stamp()}-2.json", f"progress.corrupt-{stamp()}.json"]


def test_unreadable_entry_gives_a_message_not_an_exception(store: Store, tmp_path: Path):
    (tmp_path / "data" / "progress.json").mkdir(parents=True)  # a directory where the file should be
    progress, message = store.load_progress()
    assert progress == Progress() and words(message).startswith("Could not read") and "progress.json" in words(message)
    assert store.save_progress(Progress()) is not None  # cannot replace a directory: a message, no exception


def test_set_aside_failure_is_reported(tmp_path: Path):
    class Stuck(MemoryBackend):
        def set_aside(self, name: str) -> str:
            raise OSError(13, "Permission denied")

    store = Store(Stuck({"progress": "garbage"}))
    progress, message = store.load_progress()
    assert progress == Progress() and "could not be set aside" in words(message) and "Permission denied" in words(message)


def test_memory_backend_behaves_like_the_files():
    backend = MemoryBackend({"progress": '{"levels": []}'}, clock=FIXED_CLOCK)
    store = Store(backend)
    progress, message = store.load_progress()
    assert progress == Progress() and "'levels' must be an object" in words(message)
    assert list(backend.files) == [f"progress.corrupt-{stamp()}.json"]
    saved = Progress()
    saved.record("one-hill", 900, 2)
    assert store.save_progress(saved) is None
    assert store.load_progress() == (saved, None)


def test_store_names_cannot_be_paths(store: Store):
    with pytest.raises(ValueError):
        store.load("../etc/passwd")


# --- progress rules -----------------------------------------------------------------------------------------
def test_progress_keeps_the_best_score_and_most_stars():
    progress = Progress()
    assert progress.record("a", 900, 1)
    assert not progress.record("a", 800, 1)
    assert progress.record("a", 850, 2)  # more stars, lower score: both bests kept
    assert (progress.levels["a"].best, progress.levels["a"].stars) == (900, 2)
    assert progress.total_stars() == 2


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
                       st.tuples(st.integers(0, 10**6), st.integers(0, 3)), max_size=8))
def test_property_progress_round_trips(records):
    progress = Progress()
    for key, (score, stars) in records.items():
        progress.record(key, score, stars)
    store = Store(MemoryBackend())
    assert store.save_progress(progress) is None
    assert store.load_progress() == (progress, None)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.one_of(JSON.map(json.dumps), st.text(max_size=40)))
def test_property_any_stored_text_loads_without_raising(text):
    store = Store(MemoryBackend({"progress": text}))
    data, message = store.load("progress")
    assert isinstance(data, dict)
    assert (message is None) == ("progress" in store.backend.files)  # kept only when valid
    progress, _ = store.load_progress()
    assert isinstance(progress, Progress)


# --- where the data lives -------------------------------------------------------------------------------------
def test_data_dir_override(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("UPHILL_DATA_DIR", str(tmp_path / "x"))
    assert storage.default_data_dir() == tmp_path / "x"


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("linux", {"XDG_DATA_HOME": "/xdg"}, "/xdg/uphill"),
    ("linux", {"XDG_DATA_HOME": "relative/ignored"}, "HOME/.local/share/uphill"),
    ("linux", {}, "HOME/.local/share/uphill"),
    ("darwin", {}, "HOME/Library/Application Support/uphill"),
    ("win32", {"APPDATA": "/appdata"}, "/appdata/uphill"),
])
def test_platform_data_dirs(monkeypatch, tmp_path: Path, platform, env, expected):
    monkeypatch.delenv("UPHILL_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert storage.default_data_dir() == Path(expected.replace("HOME", str(tmp_path)))


def test_default_store_on_the_desktop(monkeypatch, tmp_path: Path):
    from game.ui import browser

    monkeypatch.setenv("UPHILL_DATA_DIR", str(tmp_path))
    store = browser.default_store()
    assert isinstance(store.backend, FileBackend) and store.backend.directory == tmp_path and store.notice is None


def test_default_store_in_the_browser_uses_local_storage(monkeypatch):
    from game.ui import browser

    monkeypatch.setattr(sys, "platform", "emscripten")
    assert isinstance(browser.default_store().backend, browser.LocalStorageBackend)


def test_default_store_falls_back_to_memory_when_the_browser_bridge_fails(monkeypatch):
    from game.ui import browser

    def broken(*args, **kwargs):
        raise RuntimeError("no bridge")

    monkeypatch.setattr(browser, "LocalStorageBackend", broken)
    monkeypatch.setattr(sys, "platform", "emscripten")
    store = browser.default_store()
    assert isinstance(store.backend, MemoryBackend) and "session only" in words(store.notice) and "no bridge" in words(store.notice)


@pytest.mark.parametrize("data, expected", [("größe\n", "größe\n".encode("utf-8")), (b"\x89PNG\r\n\x00", b"\x89PNG\r\n\x00")])
def test_write_atomic_writes_text_as_utf8_and_bytes_as_they_are(tmp_path: Path, data, expected):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    storage.write_atomic(target, data)
    assert target.read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_write_atomic_removes_its_temp_file_and_keeps_the_old_one_on_failure(monkeypatch, tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        storage.write_atomic(str(target), "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_recordings_are_written_through_the_one_write_atomic():
    from game.core import record

    assert record.write_atomic is storage.write_atomic
