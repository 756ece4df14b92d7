"""The page template (web/uphill.tmpl): pygbag 0.9.3's default page with an aria-live region for the text readout.

The template is rendered as pygbag renders it (each {{cookiecutter.KEY}} replaced, line by line) and loaded in
Debian's headless Chromium through Playwright; pygbag's runtime lives on its CDN, so the game does not boot here:
the Python side is faked by running game.ui.browser.announce against a stand-in `platform.window` whose
document writes into the loaded page."""

from __future__ import annotations

import os
import platform as stdlib_platform
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from game.ui import browser

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "web" / "uphill.tmpl"
CHROMIUM = "/usr/bin/chromium"
OFFLINE_CDN = "http://127.0.0.1:9/cdn/0.9.3/"  # nothing answers: the page's runtime scripts fail at once


def render(cdn: str = OFFLINE_CDN, title: str = "Uphill") -> str:
    """index.html as pygbag 0.9.3 writes it from a template (pygbag/app.py: str.replace per line)."""
    fields = {"cdn": cdn, "title": title, "archive": "uphill", "version": "0.9.3", "PYBUILD": "3.12", "width": "1280",
              "height": "720", "ume_block": "0", "can_close": "0", "autorun": "0", "xtermjs": "1", "authors": "pgw",
              "directory": "uphill", "spdx": "cookiecutter.spdx", "COLUMNS": "132", "LINES": "42", "CONSOLE": "25",
              "INI": "False", "icon": "favicon.png", "proxy": "http://localhost:8000/"}
    lines = []
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines(keepends=True):
        for key, value in fields.items():
            line = line.replace("{{cookiecutter." + key + "}}", value)
        lines.append(line)
    return "".join(lines)


def test_template_keeps_pygbag_s_boot_and_names_its_source():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.startswith('<html lang="en-us"><script src="{{cookiecutter.cdn}}pythons.js" type=module id="site"')
    for boot in ("async def custom_site():", 'platform.fopen("{{cookiecutter.archive}}.tar.gz", "rb")',
                 "platform.run_main(PyConfig", "await shell.source(main, callback=ui_callback)",
                 "asyncio.run( custom_site() )", "ume_block : {{cookiecutter.ume_block}}"):
        assert boot in text
    assert "pygame-web/cdn" in text and "MIT License" in text
    assert "Permission is hereby granted" in (ROOT / "web" / "LICENSE-pygbag-template.txt").read_text()
    html = render()
    assert OFFLINE_CDN + "pythons.js" in html and "<title>Uphill</title>" in html
    # what pygbag leaves as it is: the comment block's own {{cookiecutter.comment}} (inside an HTML comment)
    assert set(re.findall(r"\{\{cookiecutter\.(\w+)\}\}", html)) <= {"comment"}
    region = re.search(r'<div id="uphill-readout"[^>]*>', html)
    assert region and 'aria-live="polite"' in region.group(0) and 'role="status"' in region.group(0)
    assert browser.READOUT_ID == "uphill-readout"


def test_build_script_uses_the_template_by_default():
    script = (ROOT / "build_web.sh").read_text()
    assert 'REPO_TEMPLATE="$ROOT/web/uphill.tmpl"' in script and "${UPHILL_WEB_TEMPLATE:-$REPO_TEMPLATE}" in script


class PageWindow:
    """A stand-in for pygbag's `platform.window`: document.getElementById(...).textContent = text goes into the page."""

    def __init__(self, page) -> None:
        def element(name: str):
            if not page.evaluate("(id) => document.getElementById(id) !== null", name):
                return None
            return Element(page, name)

        self.document = SimpleNamespace(getElementById=element)


class Element:
    def __init__(self, page, name: str) -> None:
        object.__setattr__(self, "_where", (page, name))

    def __setattr__(self, field: str, value) -> None:
        page, name = self._where
        page.evaluate("([id, field, value]) => { document.getElementById(id)[field] = value; }", [name, field, value])


@pytest.fixture
def page(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is not installed (Debian package chromium)")
    (tmp_path / "index.html").write_text(render(), encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            tab = chromium.new_page()
            tab.goto((tmp_path / "index.html").as_uri(), wait_until="domcontentloaded")
            yield tab
        finally:
            chromium.close()


@pytest.mark.web
def test_live_region_in_chromium_receives_the_readout(page, monkeypatch):
    region = page.locator("#uphill-readout")
    assert region.count() == 1
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("aria-atomic") == "true"
    assert page.get_by_role("status").count() == 1  # Chromium's accessibility tree sees a status region
    box = region.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1  # read aloud, never drawn
    assert page.locator("canvas#canvas").get_attribute("aria-label").startswith("Uphill")
    monkeypatch.setattr(sys, "platform", "emscripten")  # the Python side, faked: browser.py thinks it is in pygbag
    monkeypatch.setattr(stdlib_platform, "window", PageWindow(page), raising=False)
    text = "Cursor at (1.20, \u22120.40). Last probe: height 2.91, slope 0.78 towards north-east."
    assert browser.announce(text) is True
    assert region.text_content() == text
    assert browser.announce("Sound on.") and region.text_content() == "Sound on."


def test_announce_without_a_region_or_outside_the_browser(monkeypatch):
    assert browser.announce("x") is False  # the desktop
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(stdlib_platform, "window", SimpleNamespace(document=SimpleNamespace(getElementById=lambda _: None)),
                        raising=False)
    assert browser.announce("x") is False

    def broken(_):
        raise RuntimeError("JS bridge down")

    monkeypatch.setattr(stdlib_platform, "window", SimpleNamespace(document=SimpleNamespace(getElementById=broken)),
                        raising=False)
    assert browser.announce("x") is False
