"""Where saved JSON lives (files, memory), written atomically; a damaged file is set aside and the game goes on."""

from __future__ import annotations

import contextlib
import json
import itertools
import os
import re
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from game.core.records import PROGRESS, VALIDATORS, LevelRecord, Progress

APP_DIR = "uphill"  # folder name inside the platform's data directory
MAX_BYTES = 1_000_000  # a saved file larger than this is not ours
STALE_SECONDS = 60.0  # a temp file this old was left by a write that was killed
NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # store names: no paths, no dots


class Backend(Protocol):
    """Where JSON texts live. read/write/set_aside may raise OSError; Store turns that into a message."""

    def read(self, name: str) -> str | None:
        """The stored text, or None when there is none."""

    def write(self, name: str, text: str) -> None:
        """Store the text atomically: afterwards either the old or the new text is there, never a mix."""

    def set_aside(self, name: str) -> str:
        """Move a damaged entry out of the way; return the new name."""

    def label(self, name: str) -> str:
        """How notices name the entry (a file path, a storage key)."""


_TEMP_NUMBERS = itertools.count()


def _sync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable where the platform allows it (POSIX); best effort."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)  # no O_DIRECTORY (Windows): AttributeError
    except (AttributeError, OSError):
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: bytes | str, mode: int = 0o666) -> None:
    """Replace `path` by `data` (str: UTF-8) at once: temp file beside it, flush, fsync, os.replace (temp removed on failure)."""
    target = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # O_BINARY: no \r\n on Windows
    while True:  # pid and counter keep writers apart; O_EXCL settles any clash
        temp = target.with_name(f".{target.name}.{os.getpid()}.{next(_TEMP_NUMBERS)}.tmp")
        with contextlib.suppress(FileExistsError):
            fd = os.open(temp, flags, mode)
            break
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_directory(target.parent)


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"store name {name!r} must be 1-64 letters, digits, '_' or '-'")
    return name


def _stamp(clock: Callable[[], float]) -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))


class FileBackend:
    """JSON files `NAME.json` in one directory (created on the first write)."""

    def __init__(self, directory: str | os.PathLike[str], clock: Callable[[], float] = time.time) -> None:
        self.directory = Path(directory)
        self._clock = clock
        self.remove_stale_temp_files()

    def remove_stale_temp_files(self, age: float = STALE_SECONDS) -> int:
        """Delete temp files a killed write left behind (older than `age` seconds); returns how many."""
        removed = 0
        try:
            candidates = list(self.directory.glob(".*.tmp"))
        except OSError:
            return 0
        for path in candidates:
            try:
                if path.is_file() and self._clock() - path.stat().st_mtime > age:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def path(self, name: str) -> Path:
        """The file that holds `name`."""
        return self.directory / f"{_check_name(name)}.json"

    def label(self, name: str) -> str:
        """How messages refer to the entry: the full file path."""
        return str(self.path(name))

    def read(self, name: str) -> str | None:
        """The file's text, or None when it does not exist (OSError/UnicodeDecodeError when unreadable, ValueError
        when it is not a regular file or larger than MAX_BYTES: nothing waits on a FIFO or reads /dev/zero)."""
        path = self.path(name)
        try:
            info = path.stat()
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("it is not a regular file")
        if info.st_size > MAX_BYTES:
            raise ValueError(f"it is {info.st_size} bytes; the limit is {MAX_BYTES}")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ValueError(f"it is larger than {MAX_BYTES} bytes")
        return data.decode("utf-8")

    def write(self, name: str, text: str) -> None:
        """Replace the file atomically (see write_atomic); readable by this user only."""
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path(name), text, mode=0o600)

    def set_aside(self, name: str) -> str:
        """Rename NAME.json to NAME.corrupt-YYYYmmdd-HHMMSS.json (with -2, -3 … if taken); return the new file name."""
        source = self.path(name)
        stem = f"{name}.corrupt-{_stamp(self._clock)}"
        candidate = self.directory / f"{stem}.json"
        number = 2
        while candidate.exists():
            candidate = self.directory / f"{stem}-{number}.json"
            number += 1
        os.replace(source, candidate)
        return candidate.name


class MemoryBackend:
    """A dict of texts, for tests and as the fallback when nothing else works."""

    def __init__(self, files: dict[str, str] | None = None, clock: Callable[[], float] = time.time) -> None:
        self.files: dict[str, str] = dict(files or {})
        self._clock = clock

    def label(self, name: str) -> str:
        """How messages refer to the entry."""
        return f"{name}.json"

    def read(self, name: str) -> str | None:
        """The stored text or None."""
        return self.files.get(_check_name(name))

    def write(self, name: str, text: str) -> None:
        """Store the text (a dict assignment is atomic)."""
        self.files[_check_name(name)] = str(text)

    def set_aside(self, name: str) -> str:
        """Move the text to NAME.corrupt-YYYYmmdd-HHMMSS.json."""
        stem = f"{_check_name(name)}.corrupt-{_stamp(self._clock)}"
        new, number = f"{stem}.json", 2
        while new in self.files:
            new, number = f"{stem}-{number}.json", number + 1
        self.files[new] = self.files.pop(name)
        return new


# --- validated records -------------------------------------------------------------------------------------


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


@dataclass(frozen=True)
class Notice:
    """What went wrong with a saved file, as a code and its details (game.text.notices words it).

    code: "unreadable" | "set_aside" | "not_set_aside" | "save_failed" | "no_data_dir" | "no_browser_storage";
    problem (set_aside, not_set_aside): "utf8" | "json" | "deep" | "invalid"; detail: the system's or the
    validator's own message; more: further validation problems; new: the name of the set-aside copy."""

    code: str
    where: str = ""
    problem: str = ""
    detail: str = ""
    more: int = 0
    new: str = ""


class Store:
    """Loads and saves JSON objects through a backend. Never raises on IO problems: it returns a Notice."""

    def __init__(self, backend: Backend, notice: Notice | None = None) -> None:
        self.backend = backend
        self.notice = notice  # set by default_store when it had to fall back to memory

    def _label(self, name: str) -> str:
        return self.backend.label(name)

    def load(self, name: str, validate: Callable[[Any], list[str]] | None = None) -> tuple[dict[str, Any], Notice | None]:
        """(data, notice). Missing: ({}, None). Damaged (bad JSON, not an object, invalid fields): the entry is
        set aside, ({}, a notice naming the file and the problem). Unreadable: ({}, a notice)."""
        _check_name(name)
        validate = validate or VALIDATORS.get(name)
        where = self._label(name)
        try:
            text = self.backend.read(name)
        except UnicodeDecodeError as error:
            return {}, self._set_aside(name, where, "utf8", _first_line(error))
        except (OSError, ValueError) as error:
            return {}, Notice("unreadable", where, detail=_first_line(error))
        if text is None:
            return {}, None
        try:
            data = json.loads(text)
        except ValueError as error:  # JSONDecodeError, and nan/huge-number oddities
            return {}, self._set_aside(name, where, "json", _first_line(error))
        except RecursionError:
            return {}, self._set_aside(name, where, "deep")
        problems = [f"expected an object, found {type(data).__name__}"] if not isinstance(data, dict) else []
        if not problems and validate is not None:
            problems = validate(data)
        if problems:
            return {}, self._set_aside(name, where, "invalid", problems[0], len(problems) - 1)
        return data, None

    def _set_aside(self, name: str, where: str, problem: str, detail: str = "", more: int = 0) -> Notice:
        try:
            new = self.backend.set_aside(name)
        except (OSError, ValueError, KeyError) as error:
            return Notice("not_set_aside", where, problem, detail, more, new=_first_line(error))
        return Notice("set_aside", where, problem, detail, more, new=new)

    def save(self, name: str, data: dict[str, Any]) -> Notice | None:
        """Write `data` as JSON atomically. None on success, else a notice."""
        _check_name(name)
        try:
            text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
        except (TypeError, ValueError) as error:
            return Notice("save_failed", name, detail=_first_line(error))
        try:
            self.backend.write(name, text)
        except (OSError, ValueError) as error:
            return Notice("save_failed", self._label(name), detail=_first_line(error))
        return None

    def load_progress(self) -> tuple[Progress, Notice | None]:
        """The player's progress (defaults when missing or damaged) and a notice or None."""
        data, notice = self.load(PROGRESS, Progress.problems)
        return Progress.from_dict(data), notice

    def save_progress(self, progress: Progress) -> Notice | None:
        """Save progress; None or a notice."""
        return self.save(PROGRESS, progress.to_dict())


def default_data_dir() -> Path:
    """$UPHILL_DATA_DIR, else the platform's user data directory plus "uphill"."""
    override = os.environ.get("UPHILL_DATA_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform.startswith("win"):
        appdata = os.environ.get("APPDATA", "").strip()
        return (Path(appdata) if appdata else home / "AppData" / "Roaming") / APP_DIR
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_DIR
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".local" / "share"  # XDG: relative paths are ignored
    return base / APP_DIR


def desktop_store() -> Store:
    """The user data directory's store; memory (with a notice) when there is no usable data directory."""
    try:
        return Store(FileBackend(default_data_dir()))
    except (OSError, RuntimeError) as error:  # Path.home() can fail without a home directory
        return Store(MemoryBackend(), notice=Notice("no_data_dir", detail=_first_line(error)))


__all__ = ["Backend", "FileBackend", "write_atomic", "MemoryBackend", "Store", "Notice", "Progress", "LevelRecord",
           "default_data_dir", "desktop_store", "PROGRESS"]
