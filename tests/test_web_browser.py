"""game.ui.browser on the desktop with a faked pygbag `platform.window`: URL query, localStorage, canvas size."""

from __future__ import annotations

import asyncio
import json
import platform as stdlib_platform
import re
import sys
from types import SimpleNamespace

import pytest

import surfaces
from game.ui import browser
from game.core.options import SCHEMA, Options, OptionsError, to_query
from game.core.storage import Store

def words(notice) -> str:
    """A storage notice as the English banner the player would read."""
    from game.text.notices import notice_text

    return notice_text(notice, "en")



class FakeStorage:
    """The DOM Storage methods LocalStorageBackend uses, on a dict; can be told to refuse writes (quota)."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}
        self.full = False

    def getItem(self, key):  # noqa: N802 - DOM names
        return self.items.get(key)

    def setItem(self, key, value):  # noqa: N802
        if self.full:
            raise RuntimeError("QuotaExceededError: the quota has been exceeded")
        self.items[key] = str(value)

    def removeItem(self, key):  # noqa: N802
        self.items.pop(key, None)


@pytest.fixture
def page(monkeypatch):
    """Pretend to be inside pygbag: sys.platform "emscripten" and a `platform.window` with a URL and storage."""
    window = SimpleNamespace(location=SimpleNamespace(search=""), innerWidth=1600, innerHeight=900,
                             localStorage=FakeStorage())
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(stdlib_platform, "window", window, raising=False)
    return window


def test_desktop_is_not_browser_and_reads_no_page():
    assert browser.is_browser() is False
    assert browser.query_string() == ""
    assert browser.web_window_size() == browser.DEFAULT_WEB_SIZE


def test_desktop_options_come_from_argv():
    options, problems = browser.options_from_environment(["--level", "02-one-hill", "--headless", "--frames", "5"])
    assert (options.level, options.headless, options.frames, problems) == ("02-one-hill", True, 5, [])
    assert browser.startup_messages() == []
    with pytest.raises(OptionsError, match="--scale"):
        browser.options_from_environment(["--scale", "9"])


def test_desktop_ignores_a_stray_window(monkeypatch):
    monkeypatch.setattr(stdlib_platform, "window", SimpleNamespace(location=SimpleNamespace(search="?lang=de")),
                        raising=False)
    assert browser.query_string() == ""
    assert browser.options_from_environment([])[0].lang == ""  # not given: the remembered language, else English


def test_query_good(page):
    page.location.search = "?level=02-one-hill&classroom=1&lang=de&hide=taylor,hessian&palette=cividis&scale=2"
    options, problems = browser.options_from_environment(["--ignored-in-the-browser"])
    assert problems == [] and browser.startup_messages() == []
    assert options.level == "02-one-hill" and options.classroom is True and options.lang == "de"
    assert options.hide == ("taylor", "hessian") and options.palette == "cividis" and options.scale == 2.0


def test_query_percent_encoded_expression(page):
    page.location.search = "?expr=3*exp(-(x%5E2%2By%5E2))%20-%200.2x"
    options, problems = browser.options_from_environment()
    assert options.expr == "3*exp(-(x^2+y^2)) - 0.2x" and problems == []


def test_query_bad_values_are_dropped_with_one_message_each(page):
    page.location.search = "?scale=9&palette=neon&frames=5&bogus=1&lang=de&classroom=maybe"
    options, problems = browser.options_from_environment()
    assert options.lang == "de"  # the good parameter survives
    assert (options.scale, options.palette, options.frames, options.classroom) == (None, "viridis", None, False)
    assert len(problems) == 5, problems
    for word in ("scale", "palette", "frames", "bogus", "classroom"):
        assert any(word in line for line in problems), (word, problems)
    assert all("\n" not in line for line in problems)
    assert browser.startup_messages() == problems
    browser.startup_messages().clear()  # a copy: callers cannot change the record
    assert browser.startup_messages() == problems


def test_query_two_surfaces_keeps_the_first(page):
    page.location.search = "?seed=PEAK-4821-B&level=02-one-hill"
    options, problems = browser.options_from_environment()
    assert options.level == "02-one-hill" and options.seed is None and len(problems) == 1


@pytest.mark.parametrize("search", ["", "?", None, "undefined"])
def test_query_empty_gives_defaults(page, search):
    page.location.search = search
    assert browser.options_from_environment() == (Options(), [])


def test_query_unreadable_page_gives_defaults(monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(stdlib_platform, "window", SimpleNamespace(), raising=False)  # no .location
    assert browser.query_string() == ""
    assert browser.options_from_environment() == (Options(), [])
    assert browser.web_window_size() == browser.DEFAULT_WEB_SIZE


# pygbag 0.9.3's pythons.js (auto_conf) reads the raw query before Python starts: a FIRST token containing "py"
# is taken as the interpreter name (the runtime URL becomes garbage and the page never boots), and "-i"
# anywhere in the query switches on interactive mode. Shared links like ?level=ID must avoid both.
def _pygbag_hazard(query: str) -> str | None:
    first = query.lstrip("?").split("&", 1)[0]
    if "py" in first:
        return f"first parameter {first!r} contains 'py'"
    if "-i" in query:
        return "the query contains '-i'"
    return None


def test_url_parameter_names_avoid_pygbag_reserved_text():
    names = [spec.name for spec in SCHEMA if spec.web]
    assert names and all(_pygbag_hazard(f"{name}=1") is None for name in names)


def test_builtin_level_links_survive_pygbag():
    bad = {level.id: _pygbag_hazard(to_query(Options(level=level.id))) for level in surfaces.builtin_levels()}
    bad = {key: why for key, why in bad.items() if why}
    assert not bad, f"?level=ID links that pygbag's URL parsing breaks (rename these ids): {bad}"


def test_web_window_size_follows_the_page(page):
    assert browser.web_window_size() == (1280, 720)
    page.innerWidth, page.innerHeight = 390, 844  # a portrait phone
    width, height = browser.web_window_size()
    assert width < height and width >= 640 and height <= 1600
    assert browser.web_window_size(Options(size=(1024, 768))) == (1024, 768)


@pytest.mark.parametrize("inner", [(1920, 1080), (1280, 800), (800, 600), (390, 844), (3000, 500), (10, 4000),
                                   (0, 0), (float("nan"), 800)])
def test_choose_web_size_is_always_a_valid_size(inner):
    width, height = browser.choose_web_size(*inner)
    assert 640 <= width <= 3840 and 480 <= height <= 2160
    assert max(width, height) <= 1600
    from game.core.options import parse_args
    assert parse_args(["--size", f"{width}x{height}"]).size == (width, height)


def test_local_storage_round_trip_with_prefix():
    storage = FakeStorage()
    backend = browser.LocalStorageBackend(storage)
    assert backend.read("progress") is None
    backend.write("progress", '{"a": 1}')
    assert storage.items == {"uphill:progress": '{"a": 1}'}
    assert backend.read("progress") == '{"a": 1}'


def test_local_storage_set_aside_copies_and_removes():
    storage = FakeStorage()
    backend = browser.LocalStorageBackend(storage)
    backend.write("settings", "{broken")
    first = backend.set_aside("settings")
    assert re.fullmatch(r"uphill:settings\.corrupt-\d{8}-\d{6}", first), first
    assert storage.items == {first: "{broken"}
    backend.write("settings", "{broken again")
    second = backend.set_aside("settings")
    assert second != first and storage.items[second] == "{broken again" and storage.items[first] == "{broken"
    assert "uphill:settings" not in storage.items


def test_local_storage_refusal_is_an_oserror():
    storage = FakeStorage()
    storage.full = True
    with pytest.raises(OSError, match="progress"):
        browser.LocalStorageBackend(storage).write("progress", "{}")


def test_local_storage_defaults_to_the_page(page):
    backend = browser.LocalStorageBackend()
    backend.write("progress", "{}")
    assert page.localStorage.items == {"uphill:progress": "{}"}


def test_local_storage_missing_off_the_browser_is_an_oserror():
    with pytest.raises(OSError):
        browser.LocalStorageBackend().read("progress")


def test_store_on_local_storage_sets_a_damaged_entry_aside_and_goes_on():
    storage = FakeStorage()
    store = Store(browser.LocalStorageBackend(storage))
    assert store.save("settings", {"lang": "de"}) is None
    assert json.loads(storage.items["uphill:settings"]) == {"lang": "de"}
    storage.items["uphill:settings"] = "not json"
    data, message = store.load("settings")
    assert data == {} and "set aside" in words(message) and "uphill:settings.corrupt-" in words(message)
    assert "uphill:settings" not in storage.items
    storage.full = True
    assert "Could not save" in words(store.save("settings", {"lang": "en"}))


def test_exit_on_desktop_turns_a_code_into_systemexit():
    async def returns(code):
        return code

    asyncio.run(browser.exit_on_desktop(returns(0)))
    asyncio.run(browser.exit_on_desktop(returns(None)))
    with pytest.raises(SystemExit) as caught:
        asyncio.run(browser.exit_on_desktop(returns(2)))
    assert caught.value.code == 2


def test_exit_on_desktop_never_exits_in_the_browser(page):
    async def returns():
        return 2

    asyncio.run(browser.exit_on_desktop(returns()))  # in pygbag SystemExit would stop the page's Python
