"""The classroom's exports: the map as PNG and the probes as CSV (S, --export-csv), and recordings on the web.

Files on the desktop, downloads in the browser; there a finished game's recording is offered as a download too."""

from __future__ import annotations

import io
import json
import os
import re
import time
from typing import TYPE_CHECKING, Any

import pygame

from game.core.export import csv_text, png_beside, write_csv
from game.core.storage import write_atomic
from game.text.catalog import t
from game.ui import browser

if TYPE_CHECKING:
    from game.core.model import Game
    from game.core.session import Session


def base_name(game: "Game", clock: float | None = None) -> str:
    """"uphill-<level>-<date>-<time>": a file name a teacher can sort (the level's id made file-safe)."""
    level = re.sub(r"[^A-Za-z0-9-]+", "-", str(game.level.id)).strip("-")[:40] or "level"
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if clock is None else clock))
    return f"uphill-{level}-{stamp}"


def png_bytes(surface: pygame.Surface) -> bytes:
    """The picture as PNG bytes."""
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "png")
    return buffer.getvalue()


def export_game(game: "Game", picture: pygame.Surface | None, folder: str | None = None) -> list[str]:
    """Save (desktop: in `folder`, default the current one) or download (browser) the CSV and the PNG beside it;
    the names given. OSError when a file cannot be written, or the browser refuses the download."""
    csv_name = base_name(game) + ".csv"
    files = [(csv_name, csv_text(game).encode("utf-8"))]
    if picture is not None:
        files.append((png_beside(csv_name), png_bytes(picture)))
    if browser.is_browser():
        for name, data in files:
            if not browser.download(name, data):
                raise OSError(f"the browser did not take {name}")
        return [name for name, _ in files]
    where = folder if folder is not None else os.getcwd()
    written = []
    for name, data in files:
        path = os.path.join(where, name)
        write_atomic(path, data)
        written.append(path)
    return written


def offer_recording(session: "Session", frame: int) -> str | None:
    """In the browser, a finished game's recording (the --record format) as a download; its name, or None off the
    browser, without a recorder, or when the page refused."""
    recorder = session.recorder
    if not browser.is_browser() or recorder is None or not session.games:
        return None
    name = base_name(session.games[-1]) + ".json"
    data = json.dumps(recorder.to_json(frame), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return name if browser.download(name, data) else None


def export_from_scene(scene: Any, game: "Game") -> None:
    """S: the CSV and the PNG of what the screen shows (and, in the browser after a claim, the game's recording),
    with a banner naming the files or the problem."""
    lang = scene.env.lang
    if scene.env.headless and not browser.is_browser():  # no window (scripts, replays, tests): no files appear
        scene.nav.banner(t("class.export_headless", lang))
        return
    try:
        names = export_game(game, pygame.display.get_surface())
    except (OSError, pygame.error) as error:
        scene.nav.banner(t("class.export_failed", lang, error=str(error)[:120]))
        return
    recorder = scene.session.recorder
    if game.finished and recorder is not None:
        frame = recorder.entries[-1][0] + 1 if recorder.entries else 0
        name = offer_recording(scene.session, frame)
        names += [name] if name is not None else []
    scene.nav.banner(t("class.exported", lang, files=", ".join(names)))


def export_after_run(session: "Session", path: str | None) -> str | None:
    """--export-csv: the latest game's probes (finished or not) to `path`; None when done (or not asked), else the
    one line to print on stderr (exit code 2)."""
    if path is None:
        return None
    game = session.games[-1] if session.games else session.last_game
    if game is None:
        return f"--export-csv {path}: no game was played; nothing to export"
    try:
        write_csv(path, game)
    except OSError as error:
        return f"--export-csv {path}: {error.strerror or error}"
    return None


__all__ = ["export_from_scene", "export_game", "export_after_run", "offer_recording", "base_name", "png_bytes"]
