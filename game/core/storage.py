"""Saved progress and settings as JSON, written atomically; a damaged file is set aside and the game goes on."""

from __future__ import annotations

import json
import contextlib
import itertools
import math
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol

from game.core.options import DEFAULT_LANGUAGE, OVERLAYS, PALETTES, is_language_code

APP_DIR = "uphill"  # folder name inside the platform's data directory
FORMAT_VERSION = 1  # "version" written into progress and settings
NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # store names: no paths, no dots
LEVEL_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_STARS = 3
PROGRESS = "progress"  # store name of the progress file
SETTINGS = "settings"  # store name of the settings file


class Backend(Protocol):
    """Where JSON texts live. read/write/set_aside may raise OSError; Store turns that into a message."""

    def read(self, name: str) -> str | None:
        """The stored text, or None when there is none."""

    def write(self, name: str, text: str) -> None:
        """Store the text atomically: afterwards either the old or the new text is there, never a mix."""

    def set_aside(self, name: str) -> str:
        """Move a damaged entry out of the way; return the new name."""


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

    def path(self, name: str) -> Path:
        """The file that holds `name`."""
        return self.directory / f"{_check_name(name)}.json"

    def label(self, name: str) -> str:
        """How messages refer to the entry: the full file path."""
        return str(self.path(name))

    def read(self, name: str) -> str | None:
        """The file's text, or None when it does not exist (OSError/UnicodeDecodeError when unreadable)."""
        try:
            return self.path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

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
def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) and math.isfinite(value)


@dataclass
class LevelRecord:
    """The best result on one level."""

    best: int = 0  # best total score
    stars: int = 0  # most stars (0..3)


@dataclass
class Progress:
    """Best score and stars per level id, and levels unlocked explicitly (e.g. by a teacher)."""

    levels: dict[str, LevelRecord] = field(default_factory=dict)
    unlocked: set[str] = field(default_factory=set)

    def record(self, level_id: str, score: int, stars: int) -> bool:
        """Remember a finished play; keeps the best score and the most stars. True when either improved."""
        old = self.levels.get(level_id, LevelRecord(-1, -1))
        new = LevelRecord(max(old.best, int(score), 0), max(old.stars, min(MAX_STARS, max(0, int(stars)))))
        self.levels[level_id] = new
        return new.best > old.best or new.stars > old.stars

    def best(self, level_id: str) -> LevelRecord | None:
        """The record of a level, or None if it was never finished."""
        return self.levels.get(level_id)

    def total_stars(self) -> int:
        """Stars over all levels."""
        return sum(record.stars for record in self.levels.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "version": FORMAT_VERSION,
            "levels": {key: {"best": rec.best, "stars": rec.stars} for key, rec in sorted(self.levels.items())},
            "unlocked": sorted(self.unlocked),
        }

    @staticmethod
    def problems(data: Any) -> list[str]:
        """What is wrong with a loaded progress dict (empty when it is valid)."""
        if not isinstance(data, dict):
            return [f"expected an object, found {type(data).__name__}"]
        problems = []
        levels = data.get("levels", {})
        if not isinstance(levels, dict):
            problems.append(f"'levels' must be an object, found {type(levels).__name__}")
            levels = {}
        for key, record in levels.items():
            if not LEVEL_ID_PATTERN.fullmatch(key):
                problems.append(f"'levels': {key[:40]!r} is not a level id")
            elif not isinstance(record, dict):
                problems.append(f"'levels.{key}' must be an object")
            else:
                best, stars = record.get("best"), record.get("stars")
                if not _is_int(best) or best < 0:
                    problems.append(f"'levels.{key}.best' must be a whole number >= 0, found {best!r}")
                if not _is_int(stars) or not 0 <= stars <= MAX_STARS:
                    problems.append(f"'levels.{key}.stars' must be 0..{MAX_STARS}, found {stars!r}")
        unlocked = data.get("unlocked", [])
        if not isinstance(unlocked, list) or not all(isinstance(i, str) and LEVEL_ID_PATTERN.fullmatch(i)
                                                     for i in unlocked):
            problems.append("'unlocked' must be a list of level ids")
        return problems

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Progress:
        """Build from a dict that passed `problems` (an empty dict gives the defaults)."""
        levels = {key: LevelRecord(int(rec["best"]), int(rec["stars"])) for key, rec in data.get("levels", {}).items()}
        return cls(levels, set(data.get("unlocked", [])))


@dataclass
class Settings:
    """Player preferences that survive a restart."""

    palette: str = PALETTES[0]
    lang: str = DEFAULT_LANGUAGE
    scale: float = 1.0
    hidden: tuple[str, ...] = ()  # overlays the player switched off

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"version": FORMAT_VERSION, "palette": self.palette, "lang": self.lang, "scale": self.scale,
                "hidden": list(self.hidden)}

    @staticmethod
    def problems(data: Any) -> list[str]:
        """What is wrong with a loaded settings dict (empty when it is valid). Unknown keys are ignored."""
        if not isinstance(data, dict):
            return [f"expected an object, found {type(data).__name__}"]
        problems = []
        if "palette" in data and data["palette"] not in PALETTES:
            problems.append(f"'palette' must be one of {', '.join(PALETTES)}, found {data['palette']!r}")
        if "lang" in data and not is_language_code(data["lang"]):
            problems.append(f"'lang' must be a language code (two or three lower-case letters), found {data['lang']!r}")
        if "scale" in data and not (_is_number(data["scale"]) and 1.0 <= data["scale"] <= 3.0):
            problems.append(f"'scale' must be a number from 1 to 3, found {data['scale']!r}")
        hidden = data.get("hidden", [])
        if not isinstance(hidden, list) or not all(isinstance(item, str) and item in OVERLAYS for item in hidden):
            problems.append(f"'hidden' must be a list of overlays ({', '.join(OVERLAYS)})")
        return problems

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build from a dict that passed `problems` (missing keys take the defaults)."""
        default = cls()
        hidden = tuple(dict.fromkeys(data.get("hidden", [])))
        return cls(data.get("palette", default.palette), data.get("lang", default.lang),
                   float(data.get("scale", default.scale)), hidden)


VALIDATORS: dict[str, Callable[[Any], list[str]]] = {PROGRESS: Progress.problems, SETTINGS: Settings.problems}


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


class Store:
    """Loads and saves JSON objects through a backend. Never raises on IO problems: it returns a message."""

    def __init__(self, backend: Backend, notice: str | None = None) -> None:
        self.backend = backend
        self.notice = notice  # set by default_store when it had to fall back to memory

    def _label(self, name: str) -> str:
        label = getattr(self.backend, "label", None)
        return label(name) if callable(label) else name

    def load(self, name: str, validate: Callable[[Any], list[str]] | None = None) -> tuple[dict[str, Any], str | None]:
        """(data, message). Missing: ({}, None). Damaged (bad JSON, not an object, invalid fields): the entry is
        set aside, ({}, message naming the file and the problem). Unreadable: ({}, message)."""
        _check_name(name)
        validate = validate or VALIDATORS.get(name)
        where = self._label(name)
        try:
            text = self.backend.read(name)
        except UnicodeDecodeError as error:
            return {}, self._set_aside(name, where, f"it is not UTF-8 text ({_first_line(error)})")
        except (OSError, ValueError) as error:
            return {}, f"could not read {where}: {_first_line(error)}; using the defaults"
        if text is None:
            return {}, None
        try:
            data = json.loads(text)
        except ValueError as error:  # JSONDecodeError, and nan/huge-number oddities
            return {}, self._set_aside(name, where, f"it is not valid JSON ({_first_line(error)})")
        except RecursionError:
            return {}, self._set_aside(name, where, "it is nested too deeply")
        problems = [f"expected an object, found {type(data).__name__}"] if not isinstance(data, dict) else []
        if not problems and validate is not None:
            problems = validate(data)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return {}, self._set_aside(name, where, f"{problems[0]}{more}")
        return data, None

    def _set_aside(self, name: str, where: str, problem: str) -> str:
        try:
            new = self.backend.set_aside(name)
        except (OSError, ValueError, KeyError) as error:
            reason = _first_line(error)
            return f"{where} is damaged: {problem}; it could not be set aside ({reason}); using the defaults"
        return f"{where} is damaged: {problem}; it was set aside as {new} and the defaults are used"

    def save(self, name: str, data: dict[str, Any]) -> str | None:
        """Write `data` as JSON atomically. None on success, else a one-line message."""
        _check_name(name)
        try:
            text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
        except (TypeError, ValueError) as error:
            return f"could not save {name}: {_first_line(error)}"
        try:
            self.backend.write(name, text)
        except (OSError, ValueError) as error:
            return f"could not save {self._label(name)}: {_first_line(error)}"
        return None

    def load_progress(self) -> tuple[Progress, str | None]:
        """The player's progress (defaults when missing or damaged) and a message or None."""
        data, message = self.load(PROGRESS, Progress.problems)
        return Progress.from_dict(data), message

    def save_progress(self, progress: Progress) -> str | None:
        """Save progress; None or a message."""
        return self.save(PROGRESS, progress.to_dict())

    def load_settings(self) -> tuple[Settings, str | None]:
        """The player's settings (defaults when missing or damaged) and a message or None."""
        data, message = self.load(SETTINGS, Settings.problems)
        return Settings.from_dict(data), message

    def save_settings(self, settings: Settings) -> str | None:
        """Save settings; None or a message."""
        return self.save(SETTINGS, settings.to_dict())


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
        return Store(MemoryBackend(), notice=f"no data directory ({_first_line(error)}); "
                                             "progress is kept for this session only")


__all__ = ["Backend", "FileBackend", "write_atomic", "MemoryBackend", "Store", "Progress", "Settings", "LevelRecord",
           "default_data_dir", "desktop_store", "PROGRESS", "SETTINGS"]
