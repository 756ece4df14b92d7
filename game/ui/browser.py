"""The one module that knows about the browser (pygbag): detection, URL query, localStorage, canvas size."""

from __future__ import annotations

import importlib
import math
import sys
import time
from typing import Any, Awaitable, Protocol

from game.core.options import MIN_WINDOW, Options, parse_args, parse_query
from game.core.storage import MemoryBackend, Notice, Store, desktop_store

KEY_PREFIX = "uphill:"  # every localStorage key Uphill writes starts with this
DEFAULT_WEB_SIZE = (1280, 800)  # set_mode size when the page size cannot be read
MAX_WEB_LONG_SIDE = 1280  # cap on the framebuffer's long side: numpy in wasm is 3-8x slower than native
MIN_WEB_SIZE = MIN_WINDOW  # the smallest size the options schema accepts (--size)

_startup_messages: list[str] = []


def is_browser() -> bool:
    """True when running under pygbag (emscripten), also in pygbag's desktop simulator."""
    return sys.platform == "emscripten"


def _window() -> Any | None:
    """pygbag's `platform.window` JS proxy, or None on the desktop or in the simulator without one."""
    if not is_browser():
        return None
    try:
        # In the browser `platform` is pygbag's shim (window, document, ...). importlib keeps any
        # browser-only lookup out of pygbag's import scanner and out of desktop code paths.
        return getattr(importlib.import_module("platform"), "window", None)
    except Exception:  # noqa: BLE001 - a broken shim must never stop the game
        return None


def query_string() -> str:
    """The page's URL query (`?level=...&lang=de`), or "" on the desktop or when it cannot be read."""
    window = _window()
    if window is None:
        return ""
    try:
        search = window.location.search
    except Exception:  # noqa: BLE001
        return ""
    if search is None:
        return ""
    text = str(search)
    return text if text not in ("undefined", "null") else ""


def options_from_environment(argv: list[str] | None = None) -> tuple[Options, list[str]]:
    """Options for this run: the URL query in the browser, else the command line (`argv`, default sys.argv[1:]).

    In the browser bad parameters are dropped and described in the returned problems (also kept for
    `startup_messages()`), so the app can show them on screen. On the desktop a bad flag raises
    `game.core.options.OptionsError` (one line), which the caller reports with exit code 2.
    """
    global _startup_messages
    if is_browser():
        options, problems = parse_query(query_string())
    else:
        options, problems = parse_args(list(sys.argv[1:] if argv is None else argv)), []
    _startup_messages = list(problems)
    return options, list(problems)


def startup_messages() -> list[str]:
    """The problems found by the last `options_from_environment()` call, for the app to display."""
    return list(_startup_messages)


async def exit_on_desktop(app_run: Awaitable[int | None]) -> None:
    """Await the app's `run()`; on the desktop a non-zero result becomes the process exit code.

    main.py must end with `asyncio.run(...)`, whose value pygbag's runner never returns, so the code is
    raised here as SystemExit, and only on the desktop: in the browser SystemExit would stop the page's Python.
    """
    code = await app_run
    if code and not is_browser():
        raise SystemExit(code)


def choose_web_size(inner_width: float, inner_height: float) -> tuple[int, int]:
    """A set_mode size with the page's aspect ratio: long side at most MAX_WEB_LONG_SIDE, at least 640x480.

    pygbag CSS-scales the canvas to the page at set_mode's aspect ratio and the surface never changes size,
    so matching the aspect at start-up fills the page without bars (portrait phones get a portrait layout).
    """
    if not (math.isfinite(inner_width) and math.isfinite(inner_height) and inner_width > 0 and inner_height > 0):
        return DEFAULT_WEB_SIZE  # nan, infinite or empty: the page's size cannot be trusted
    aspect = min(max(inner_width / inner_height, 0.5), 2.4)  # no absurd strips
    if aspect >= 1.0:
        width, height = float(MAX_WEB_LONG_SIDE), MAX_WEB_LONG_SIDE / aspect
    else:
        width, height = MAX_WEB_LONG_SIDE * aspect, float(MAX_WEB_LONG_SIDE)
    grow = max(MIN_WEB_SIZE[0] / width, MIN_WEB_SIZE[1] / height, 1.0)
    width, height = width * grow, height * grow
    return max(MIN_WEB_SIZE[0], round(width)), max(MIN_WEB_SIZE[1], round(height))


def web_window_size(options: Options | None = None) -> tuple[int, int]:
    """The size to pass to set_mode in the browser: `options.size` if given, else fitted to the page."""
    if options is not None and options.size is not None:
        return options.size
    window = _window()
    if window is None:
        return DEFAULT_WEB_SIZE
    try:
        return choose_web_size(float(window.innerWidth), float(window.innerHeight))
    except Exception:  # noqa: BLE001
        return DEFAULT_WEB_SIZE


READOUT_ID = "uphill-readout"  # the page's aria-live region (web/uphill.tmpl)


def announce(text: str) -> bool:
    """Put `text` in the page's live region, so a screen reader speaks it; False on the desktop or without one."""
    window = _window()
    if window is None:
        return False
    try:
        region = window.document.getElementById(READOUT_ID)
        if region is None:
            return False
        region.textContent = str(text)[:500]
    except Exception:  # noqa: BLE001 - a page without the region, or a broken bridge, must not stop the game
        return False
    return True


def download(name: str, data: bytes) -> bool:
    """Offer `data` to the player as a download named `name` (the classroom's exports and recordings): written to
    pygbag's in-memory file system, then handed to `platform.window.MM.download`. False off the browser or when
    the page refuses (the caller says so)."""
    window = _window()
    if window is None:
        return False
    try:
        with open(name, "wb") as handle:
            handle.write(data)
        window.MM.download(name)
        return True
    except Exception:  # noqa: BLE001 - a refused download must never stop the game
        return False


class WebStorage(Protocol):
    """The part of the DOM Storage API that LocalStorageBackend uses."""

    def getItem(self, key: str) -> Any: ...  # noqa: N802 - DOM names

    def setItem(self, key: str, value: str) -> None: ...  # noqa: N802

    def removeItem(self, key: str) -> None: ...  # noqa: N802


class LocalStorageBackend:
    """Storage backend (`read`, `write`, `set_aside`) on the browser's localStorage; keys are "uphill:NAME".

    localStorage holds strings only and survives reloads, unlike pygbag's in-memory file system.
    `storage` defaults to `platform.window.localStorage`; tests pass any object with the same methods.
    """

    def __init__(self, storage: WebStorage | None = None, prefix: str = KEY_PREFIX) -> None:
        self._storage = storage
        self.prefix = prefix

    def _store(self) -> WebStorage:
        if self._storage is None:
            window = _window()
            storage = getattr(window, "localStorage", None) if window is not None else None
            if storage is None:
                raise OSError("localStorage is not available here")
            self._storage = storage
        return self._storage

    def key(self, name: str) -> str:
        """The localStorage key for `name`."""
        return self.prefix + name

    def label(self, name: str) -> str:
        """How notices name the entry."""
        return name

    def read(self, name: str) -> str | None:
        """The text stored under `name`, or None when there is none."""
        try:
            value = self._store().getItem(self.key(name))
        except OSError:
            raise
        except Exception as error:  # noqa: BLE001 - JS errors arrive as arbitrary exceptions
            raise OSError(f"localStorage: cannot read {name}: {error}") from None
        return None if value is None else str(value)  # getItem gives JS null (None) for a missing key

    def write(self, name: str, text: str) -> None:
        """Store `text` under `name` (one setItem: atomic); OSError when the browser refuses (e.g. quota)."""
        try:
            self._store().setItem(self.key(name), str(text))
        except OSError:
            raise
        except Exception as error:  # noqa: BLE001
            raise OSError(f"localStorage: cannot save {name}: {error}") from None

    def set_aside(self, name: str) -> str:
        """Copy `name` to "uphill:NAME.corrupt-<timestamp>", remove the original; return the new key."""
        text = self.read(name)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime())
        aside, count = f"{name}.corrupt-{stamp}", 1
        while self.read(aside) is not None:  # two set-asides in one second keep both copies
            count += 1
            aside = f"{name}.corrupt-{stamp}-{count}"
        if text is not None:
            self.write(aside, text)
        try:
            self._store().removeItem(self.key(name))
        except Exception as error:  # noqa: BLE001
            raise OSError(f"localStorage: cannot remove {name}: {error}") from None
        return self.key(aside)


__all__ = ["is_browser", "announce", "READOUT_ID", "default_store", "download", "query_string", "options_from_environment", "startup_messages", "web_window_size",
           "choose_web_size", "exit_on_desktop", "LocalStorageBackend", "KEY_PREFIX", "DEFAULT_WEB_SIZE"]


def default_store() -> Store:
    """localStorage in the browser, the user data directory on the desktop; memory (with a notice) as a last resort."""
    if not is_browser():
        return desktop_store()
    try:
        return Store(LocalStorageBackend())
    except Exception as error:  # noqa: BLE001 - the browser bridge failing must not stop the game
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Store(MemoryBackend(), notice=Notice("no_browser_storage", detail=reason))
