"""Record a session's actions to JSON (frame-stamped) and load such a file back for replay."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from game.core import options as opts
from game.core.actions import Action
from game.core.storage import write_atomic

FORMAT = "uphill-record"
VERSION = 1
MAX_BYTES = 20_000_000  # a bigger file is not a recording
MAX_FRAME = 10_000_000


class ReplayError(ValueError):
    """A recording that cannot be replayed; the message is one line naming the file and the problem."""


def game_version() -> str:
    """The installed Uphill version, or "dev" when running from a source tree."""
    try:
        from importlib.metadata import version

        return version("uphill")
    except Exception:  # not installed, or no metadata in the browser
        return "dev"


@dataclass
class Recorder:
    """Collects frame-stamped actions plus what is needed to start the same session again."""

    options: opts.Options
    size: tuple[int, int]
    progress: dict[str, Any] | None = None
    entries: list[tuple[int, Action]] = field(default_factory=list)
    level: str | None = None  # the last level played
    result: dict[str, Any] | None = None  # the last summary, for reference
    limit: int | None = None  # keep at most this many actions (the browser records every session: memory)

    def add(self, frame: int, action: Action) -> None:
        """Log one action at the frame it was handled (none past `limit`)."""
        if self.limit is None or len(self.entries) < self.limit:
            self.entries.append((frame, action))

    def to_json(self, frames: int) -> dict[str, Any]:
        """The recording as JSON-ready data."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "game_version": game_version(),
            "options": opts.to_query(opts.replace(self.options, size=None)),
            "size": list(self.size),
            "level": self.level,
            "frames": frames,
            "progress": self.progress,
            "actions": [[frame, action.to_json()] for frame, action in self.entries],
            "result": self.result,
            **({"player": self.options.player} if self.options.player else {}),  # optional: the class overlay's name
        }

    def save(self, path: str, frames: int) -> None:
        """Write the recording atomically (temp file, then rename)."""
        write_atomic(path, json.dumps(self.to_json(frames), ensure_ascii=False, separators=(",", ":")))


@dataclass
class Replay:
    """A loaded recording: start options, window size and the actions by frame."""

    options: opts.Options
    size: tuple[int, int]
    actions: dict[int, list[Action]]
    last_frame: int
    progress: dict[str, Any] | None
    result: dict[str, Any] | None

    def at(self, frame: int) -> list[Action]:
        """Actions recorded at `frame` (empty list when none)."""
        return self.actions.get(frame, [])


def _read_json(path: str) -> Any:
    """The file's JSON, bounded in size; ReplayError("FILE: problem") when it cannot be read as JSON."""
    def fail(problem: str) -> ReplayError:
        return ReplayError(f"{path}: {problem}")

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise fail("not a regular file")  # a FIFO or a device would never end or never stop
        if info.st_size > MAX_BYTES:
            raise fail("file is too large to be a recording")
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except ReplayError:
        raise
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a directory, not a recording") from None
    except UnicodeDecodeError:
        raise fail("not a text file") from None
    except json.JSONDecodeError as error:
        raise fail(f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg.removesuffix(' at')})") from None
    except RecursionError:
        raise fail("nested too deeply to be a recording") from None
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise fail(f"not a valid recording ({str(error)[:80]})") from None
    except OSError as error:
        raise fail(error.strerror or "cannot be read") from None


def _actions(entries: Any) -> tuple[dict[int, list[Action]], int]:
    """Actions by frame and the last frame; ValueError naming the bad entry."""
    if not isinstance(entries, list):
        raise ValueError('"actions" must be a list of [frame, action] pairs')
    actions: dict[int, list[Action]] = {}
    previous = 0
    for index, entry in enumerate(entries):
        if (not isinstance(entry, list) or len(entry) != 2 or isinstance(entry[0], bool)
                or not isinstance(entry[0], int)):
            raise ValueError(f"action {index + 1} is not a [frame, action] pair")
        frame = entry[0]
        if not previous <= frame <= MAX_FRAME:
            raise ValueError(f"action {index + 1} has frame {frame}; frames must rise from 0")
        try:
            action = Action.from_json(entry[1])
        except ValueError as error:
            raise ValueError(f"action {index + 1}: {error}") from None
        actions.setdefault(frame, []).append(action)
        previous = frame
    return actions, previous


def _replay(data: Any) -> Replay:
    """A Replay from a recording's JSON; ValueError naming the field and the problem."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f'not an Uphill recording (expected "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise ValueError(f"recording version {data.get('version')!r} is not supported (this game reads {VERSION})")
    query = data.get("options")
    if not isinstance(query, str):
        raise ValueError('"options" must be a string of URL parameters')
    options, problems = opts.parse_query(query)
    if problems:
        raise ValueError(f'"options": {problems[0]}')
    size = data.get("size")
    (max_w, max_h) = opts.MAX_WINDOW
    if (not isinstance(size, list) or len(size) != 2 or not all(type(v) is int for v in size)
            or not (64 <= size[0] <= max_w and 64 <= size[1] <= max_h)):
        raise ValueError(f'"size" must be [width, height] in pixels, from 64x64 to {max_w}x{max_h}')
    actions, last = _actions(data.get("actions"))
    progress = data.get("progress")
    if progress is not None and not isinstance(progress, dict):
        raise ValueError('"progress" must be an object or null')
    result = data.get("result")
    return Replay(options, (size[0], size[1]), actions, last, progress, result if isinstance(result, dict) else None)


def load_replay(path: str) -> Replay:
    """Read and validate a recording; raise ReplayError("FILE: problem") when it is unusable."""
    data = _read_json(path)
    try:
        return _replay(data)
    except ValueError as error:
        raise ReplayError(f"{path}: {error}") from None


__all__ = ["Recorder", "Replay", "ReplayError", "load_replay", "game_version", "FORMAT", "VERSION"]
