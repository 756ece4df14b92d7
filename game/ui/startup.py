"""What is checked before a window opens: the start level from flags, replay and output files; one line if bad."""

from __future__ import annotations

import math
import os

import surfaces
from game.core import fit as fitting
from game.core import levels
from game.core.options import DEFAULT_LANGUAGE, Options, replace
from game.core.record import Replay, ReplayError, load_replay
from game.ui.class_start import check_class_options, is_level_file, level_file
from game.core.settings import saved_language
from game.core.storage import Notice, Store
from game.text.catalog import languages, t
from game.text.errors import error_text, one_based
from surfaces.errors import brief, clip


class StartupError(Exception):
    """A problem found before the window opens: one line for stderr (English, exit code 2) or, in the browser, a
    banner in the player's language (`words(lang)`: a catalogue key and its values)."""

    def __init__(self, message: str, key: str | None = None, **values: str) -> None:
        super().__init__(message)
        self.key = key
        self.values = values

    def words(self, lang: str) -> str:
        """The problem in `lang` (the English line when it has no catalogue key)."""
        if self.key is None:
            return str(self)
        values = {name: error_text(value, lang) for name, value in self.values.items()}
        return t(self.key, lang, **values)


def with_language(options: Options, store: Store) -> tuple[Options, Notice | None]:
    """`options` with its language: --lang (or the URL's lang=) when given, else the one the player chose last time
    (while its catalogue is present), else English; and a notice when the settings file was damaged."""
    if options.lang:
        return options, None
    saved, notice = saved_language(store)
    return replace(options, lang=saved if saved in languages() else DEFAULT_LANGUAGE), notice


def resolve_level(options: Options, lang: str = "en") -> surfaces.Level | None:
    """The Level to start in from --level / --seed / --expr (None: start at the title); StartupError if bad."""
    if options.level is not None:
        if is_level_file(options.level):  # a teacher's own level file (the classroom's)
            try:
                return level_file(options.level)
            except ValueError as error:
                raise StartupError(str(error)) from None
        try:
            return surfaces.level_by_id(options.level)
        except surfaces.LevelError:
            raise StartupError(f"unknown level '{options.level}'; see `uphill levels`", "startup.unknown_level",
                               level=clip(options.level)) from None
    if options.seed is not None:
        return seed_level(options.seed, lang)
    if options.expr is not None:
        return expression_level(options.expr, options.domain)
    if options.data is not None:  # model levels (issue 14)
        return data_level(options.data, options.fit)
    return None


def data_level(path: str, fit: str) -> surfaces.Level:
    """The level of --data FILE.csv --fit KIND; StartupError with the file's one-line problem."""
    try:
        return fitting.data_level(path, fit)
    except ValueError as error:  # DataError names the file, the line and the column
        raise StartupError(f"--data {error}") from None


def seed_level(code: str, lang: str = "en") -> surfaces.Level:
    """The free-play level for a class code; StartupError with the reason when the code is invalid."""
    try:
        return levels.code_level(code, lambda norm: t("level.seed", lang, code=norm))
    except ValueError as error:
        raise StartupError(f"--seed {brief(code)}: {error}", "startup.bad_code", code=clip(code), error=str(error)) from None


def expression_level(text: str, domain: tuple[float, float, float, float] | None = None) -> surfaces.Level:
    """The free-play level for a typed expression on `domain` (None: the default map); StartupError naming the
    position when it does not parse, or the problem when it has no value anywhere on the map."""
    try:
        return levels.expression_level(text, domain)
    except surfaces.ExpressionError as error:
        message = one_based(str(error))  # people count characters from 1
        where = "" if "position" in message else f" (at position {error.position + 1})"
        raise StartupError(f"--expr {brief(text)}: {message}{where}", "startup.bad_expr", expr=clip(text),
                           error=f"{message}{where}") from None
    except ValueError as error:
        on = "" if domain is None else f" on --domain {_numbers(domain)}"
        raise StartupError(f"--expr {brief(text)}{on}: {error}", "startup.bad_expr", expr=clip(text),
                           error=str(error)) from None


def _numbers(values: tuple[float, ...]) -> str:
    """Numbers as the flags take them: "-1.5,2"."""
    return ",".join(f"{value:.12g}" for value in values)


from game.core.lab_mode import level_for  # noqa: E402  (lab mode and --reveal: the calculus lab, issue 12)


def check_probes(options: Options, level: surfaces.Level | None) -> surfaces.Level | None:
    """The level --probe plays on (the first built-in level when no surface was named); StartupError for a
    probe outside its map, a first probe away from the level's fixed start (a player's first probe lands there,
    so the script would not be what happens), or more probes than the level allows."""
    if not options.probes:
        return level
    if level is None:
        level = surfaces.builtin_levels()[0]  # where --autoplay starts too
    xmin, xmax, ymin, ymax = (float(v) for v in level.surface.domain)
    for x, y in options.probes:
        if not (xmin <= x <= xmax and ymin <= y <= ymax):
            raise StartupError(f"--probe {_numbers((x, y))}: outside the map of level '{level.id}' "
                               f"(x from {xmin:.12g} to {xmax:.12g}, y from {ymin:.12g} to {ymax:.12g})")
    start = level.start
    if start is not None and not all(math.isclose(a, float(b), rel_tol=0, abs_tol=1e-9)
                                     for a, b in zip(options.probes[0], start)):
        raise StartupError(f"--probe {_numbers(options.probes[0])}: level '{level.id}' starts at "
                           f"{_numbers(tuple(float(v) for v in start))}, where every first probe lands; "
                           f"begin with --probe {_numbers(tuple(float(v) for v in start))}")
    if len(options.probes) > level.probes:
        raise StartupError(f"--probe: given {len(options.probes)} times, but level '{level.id}' allows "
                           f"{level.probes} probes")
    return level


def _check_writable(flag: str, path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StartupError(f"--{flag} {path}: folder {folder} does not exist")
    if os.path.isdir(path):
        raise StartupError(f"--{flag} {path}: is a folder, not a file")
    if not os.access(folder, os.W_OK):
        raise StartupError(f"--{flag} {path}: cannot write in {folder}")


def prepare(options: Options) -> tuple[Options, Replay | None, surfaces.Level | None]:
    """Check everything that can fail before a window opens: (options to run with, replay, start level)."""
    if options.lang and options.lang not in languages():  # "" (not given): the app picks the remembered one
        raise StartupError(f"--lang {options.lang}: no catalogue for '{options.lang}'; "
                           f"available: {', '.join(languages())}", "startup.no_catalogue", language=options.lang,
                           available=", ".join(languages()))
    replay = None
    if options.replay is not None:
        try:
            replay = load_replay(options.replay)
        except ReplayError as error:
            raise StartupError(str(error)) from None
        runtime = {name: getattr(options, name) for name in ("headless", "frames", "screenshot", "replay")}
        options = replace(replay.options, size=replay.size, **runtime)
        options = replace(options, lang=options.lang or DEFAULT_LANGUAGE)  # a replay never takes a saved setting
    if options.screenshot is not None:
        if not options.screenshot.lower().endswith(".png"):
            raise StartupError(f"--screenshot {options.screenshot}: the file name must end in .png")
        _check_writable("screenshot", options.screenshot)
    if options.record is not None:
        _check_writable("record", options.record)
    if options.export_csv is not None:
        _check_writable("export-csv", options.export_csv)
    level = check_probes(options, level_for(options, resolve_level(options, options.lang or DEFAULT_LANGUAGE)))
    try:
        check_class_options(options, level)
    except ValueError as error:
        raise StartupError(str(error)) from None
    return options, replay, level


__all__ = ["StartupError", "prepare", "with_language", "resolve_level", "seed_level", "expression_level", "check_probes"]
