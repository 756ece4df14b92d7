"""What a run says on the terminal, before the window opens and after the loop ends.

Before: skipped recordings, a surface without a highest point, a headless race's lines. After: the screenshot,
--export-csv and the one JSON line."""

from __future__ import annotations

import json
import sys
from typing import Any

import pygame

from game.core.lab_mode import lab_summary
from game.core.options import Options, replace
from game.text.unbounded import unbounded_warning
from game.ui.class_start import skipped_lines
from game.ui.exports import export_after_run
from game.ui.race_cli import RACE_FRAMES, race_lines, rule_note
from game.ui.window import save_screenshot


def announce_before_window(options: Options, level: Any) -> None:
    """On the desktop, before the window opens: each --class recording left out, and a surface without a highest
    point (said, not an error: the exit code stays 0)."""
    for line in skipped_lines(options, level):
        print(line, file=sys.stderr)
    warning = unbounded_warning(level)
    if warning is not None:
        print(warning, file=sys.stderr)


def headless_race(options: Options, level: Any) -> Options | None:
    """--race without a window: print every climber's JSON line (and its note); then the options that draw the
    race's picture when --screenshot asks for one, else None (the run is over)."""
    for note, line in race_lines(options, level):
        if note:
            print(note, file=sys.stderr)
        print(line, flush=True)
    if not options.screenshot:
        return None
    return replace(options, frames=options.frames or RACE_FRAMES)


def report(app: Any, options: Options) -> int:
    """After the loop: the screenshot, and the one JSON line of --probe/--claim, --autoplay or --fuzz. Returns the
    exit code."""
    code = app.exit_code
    if options.screenshot:
        try:
            save_screenshot(app.screen, options.screenshot)
        except (OSError, pygame.error) as error:
            print(f"--screenshot {options.screenshot}: {error}", file=sys.stderr)
            code = 2
    problem = export_after_run(app.session, options.export_csv)  # the classroom's --export-csv
    if problem is not None:
        print(problem, file=sys.stderr)
        code = 2
    data = app.session.summary() if options.scripted and not options.race else app.fuzzer.report() if app.fuzzer else None
    if data is not None and options.scripted:
        data = lab_summary(options, data)  # lab mode scores nothing: it says so (issue 12)
    if data is not None and app.autoplayer is not None:
        data.update(app.autoplayer.extra())
        note = rule_note(data.get("stop"), options.lang)
        if note:
            print(note, file=sys.stderr)
    if data is not None:
        print(json.dumps(data, allow_nan=False), flush=True)
    return code


__all__ = ["announce_before_window", "headless_race", "report"]
