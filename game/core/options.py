"""The one options schema: command-line flags and URL query parameters both parse through it."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import parse_qsl, quote

from surfaces.errors import brief

PALETTES = ("viridis", "cividis", "projector")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}")  # the shape of a language code; game.text knows which exist
DEFAULT_LANGUAGE = "en"
OVERLAYS = ("taylor", "hessian", "arrows", "path", "labels", "isolines")
AUTOPLAY = ("gradient", "newton", "momentum", "adam")
MIN_WINDOW = (640, 480)  # the smallest window the layout is designed for (--size, ?size=)
MAX_WINDOW = (3840, 2160)  # the largest window any screen shows: --size, live resizes and replays stop here
MAX_URL_PARAMETERS = 64  # a longer query is not a person's link: the rest is reported and ignored
MAX_TEXT = 500  # longest accepted string value (an expression is capped by the parser too)


class OptionsError(ValueError):
    """A bad flag or parameter value; the message is one line naming the option."""


@dataclass(frozen=True)
class Options:
    """Everything a run of Uphill can be told, from the CLI or the URL."""

    level: str | None = None
    seed: str | None = None
    expr: str | None = None
    classroom: bool = False
    scale: float = 1.0
    palette: str = "viridis"
    lang: str = "en"
    hide: tuple[str, ...] = ()
    fullscreen: bool = False
    headless: bool = False
    frames: int | None = None
    autoplay: str | None = None
    screenshot: str | None = None
    record: str | None = None
    replay: str | None = None
    size: tuple[int, int] | None = None
    fuzz: int | None = None
    fuzz_seed: int = 0

    def effective_scale(self) -> float:
        """UI scale: classroom mode doubles it unless a scale was given explicitly."""
        return 2.0 if self.classroom and self.scale == 1.0 else self.scale

    def effective_palette(self) -> str:
        """Classroom mode switches to the projector palette unless another was chosen."""
        return "projector" if self.classroom and self.palette == "viridis" else self.palette


def _text(name: str, raw: str) -> str:
    value = raw.strip()
    if not value:
        raise OptionsError(f"--{name}: needs a value")
    if len(value) > MAX_TEXT:
        raise OptionsError(f"--{name}: value is {len(value)} characters long; the limit is {MAX_TEXT}")
    return value


def _level_id(name: str, raw: str) -> str:
    value = _text(name, raw)
    if not re.fullmatch(r"[A-Za-z0-9-]{1,40}", value):
        raise OptionsError(f"--{name}: {brief(value)} is not a level id (letters, digits and '-'; see `uphill levels`)")
    return value


def _choice(choices: tuple[str, ...]) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        value = raw.strip().lower()
        if value not in choices:
            raise OptionsError(f"--{name}: {brief(raw)} is not one of {', '.join(choices)}")
        return value

    return parse


def _language(name: str, raw: str) -> str:
    value = raw.strip().lower()
    if not is_language_code(value):
        raise OptionsError(f"--{name}: {brief(raw)} is not a language code (two or three letters, e.g. en or de)")
    return value


def is_language_code(value: object) -> bool:
    """True for a well-formed language code ("en", "de", "fra"); whether its catalogue exists is game.text's call."""
    return isinstance(value, str) and LANGUAGE_PATTERN.fullmatch(value) is not None


def _scale(name: str, raw: str) -> float:
    if not re.fullmatch(r"\s*[0-9]{1,3}(\.[0-9]{1,17})?\s*", raw):  # ASCII digits: no "１.５", "1_0" or "inf"
        raise OptionsError(f"--{name}: {brief(raw)} is not a number (use 1 to 3)")
    value = float(raw)
    if not 1.0 <= value <= 3.0:  # also rejects nan
        raise OptionsError(f"--{name}: {brief(raw)} is outside 1..3")
    return value


def _count(low: int, high: int) -> Callable[[str, str], int]:
    def parse(name: str, raw: str) -> int:
        if not re.fullmatch(r"\s*[0-9]{1,9}\s*", raw):  # ASCII digits only: no "１２", no "1_000", no sign
            raise OptionsError(f"--{name}: {brief(raw)} is not a whole number")
        value = int(raw)
        if not low <= value <= high:
            raise OptionsError(f"--{name}: {brief(raw)} must be between {low} and {high}")
        return value
    return parse


_frames = _count(1, 10_000_000)


def _hide(name: str, raw: str) -> tuple[str, ...]:
    items = [part.strip().lower() for part in raw.split(",") if part.strip()]
    unknown = [item for item in items if item not in OVERLAYS]
    if unknown:
        raise OptionsError(f"--{name}: unknown overlay {brief(unknown[0])}; known: {', '.join(OVERLAYS)}")
    return tuple(dict.fromkeys(items))


def _size(name: str, raw: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*([0-9]{1,5})\s*[xX]\s*([0-9]{1,5})\s*", raw)  # ASCII digits only
    if not match:
        raise OptionsError(f"--{name}: {brief(raw)} is not WIDTHxHEIGHT, e.g. 1280x800")
    width, height = int(match[1]), int(match[2])
    (min_w, min_h), (max_w, max_h) = MIN_WINDOW, MAX_WINDOW
    if not (min_w <= width <= max_w and min_h <= height <= max_h):
        raise OptionsError(f"--{name}: {brief(raw)} is outside {min_w}x{min_h}..{max_w}x{max_h}")
    return width, height


@dataclass(frozen=True)
class Spec:
    """One option: how it is spelled, parsed and explained, and whether the web accepts it."""

    name: str
    help: str
    parse: Callable[[str, str], Any] | None = None  # None: a flag without a value
    metavar: str = ""
    web: bool = True

    @property
    def attribute(self) -> str:
        """The Options field it sets (the flag's name with "_" for "-")."""
        return self.name.replace("-", "_")


SCHEMA: tuple[Spec, ...] = (
    Spec("level", "play the built-in level with this id (see `uphill levels`)", _level_id, "ID"),
    Spec("seed", "play the terrain of a class code, e.g. PEAK-4821-B", _text, "CODE"),
    Spec("expr", 'play on your own surface, e.g. "3*exp(-(x^2+y^2)) - 0.2x"', _text, "EXPR"),
    Spec("classroom", "projector mode: 2x UI scale, projector palette, large fonts, help open"),
    Spec("scale", "UI scale from 1 to 3", _scale, "1..3"),
    Spec("palette", f"map palette: {', '.join(PALETTES)}", _choice(PALETTES), "NAME"),
    Spec("lang", "language code, e.g. en or de", _language, "LANG"),
    Spec("hide", f"hide overlays: {', '.join(OVERLAYS)}", _hide, "OVERLAY,..."),
    Spec("fullscreen", "start in fullscreen (F11 toggles)", web=False),
    Spec("size", "window size, e.g. 1280x800", _size, "WxH"),
    Spec("headless", "run without a window (SDL dummy driver)", web=False),
    Spec("frames", "quit after N frames", _frames, "N", web=False),
    Spec("autoplay", f"the game plays itself and prints one JSON line: {', '.join(AUTOPLAY)}", _choice(AUTOPLAY), "POLICY", web=False),
    Spec("screenshot", "save the last frame as PNG", _text, "FILE.png", web=False),
    Spec("record", "record the session's actions to a JSON file", _text, "FILE.json", web=False),
    Spec("replay", "replay actions from a recorded JSON file", _text, "FILE.json", web=False),
    Spec("fuzz", "drive N random events through every scene and print one JSON line", _count(1, 10_000_000), "N",
         web=False),
    Spec("fuzz-seed", "the seed of --fuzz's random events", _count(0, 999_999_999), "S", web=False),
)
_BY_NAME = {spec.name: spec for spec in SCHEMA}
TRUE_WORDS = ("1", "true", "yes", "on", "")
FALSE_WORDS = ("0", "false", "no", "off")


def _check_exclusive(values: dict[str, Any]) -> None:
    chosen = [name for name in ("level", "seed", "expr") if values.get(name) is not None]
    if len(chosen) > 1:
        raise OptionsError(f"--{chosen[0]} and --{chosen[1]} cannot be used together; choose one surface")
    if values.get("record") and values.get("replay"):
        raise OptionsError("--record and --replay cannot be used together")
    busy = [name for name in ("autoplay", "replay") if values.get(name)]
    if values.get("fuzz") and busy:
        raise OptionsError(f"--fuzz and --{busy[0]} cannot be used together: both drive the game")


def _build(values: dict[str, Any]) -> Options:
    _check_exclusive(values)
    return Options(**values)


def parse_args(argv: list[str]) -> Options:
    """Parse command-line flags (`--name value`, `--name=value`, `--flag`); raise OptionsError on the first problem."""
    values: dict[str, Any] = {}
    index = 0
    while index < len(argv):
        token = argv[index]
        index += 1
        if not token.startswith("--") or token == "--":
            raise OptionsError(f"unexpected argument {brief(token)}; see `uphill --help`")
        name, has_inline, inline = token[2:].partition("=")
        spec = _BY_NAME.get(name)
        if spec is None:
            raise OptionsError(f"unknown flag --{name}; see `uphill --help`")
        if spec.parse is None:
            if has_inline:
                raise OptionsError(f"--{name} takes no value")
            values[spec.attribute] = True
            continue
        if has_inline:
            raw = inline
        elif index < len(argv):
            raw = argv[index]
            index += 1
        else:
            raise OptionsError(f"--{name} needs a value ({spec.metavar})")
        values[spec.attribute] = spec.parse(name, raw)
    return _build(values)


def parse_query(query: str) -> tuple[Options, list[str]]:
    """Parse a URL query string (`?level=02-hill&classroom=1`). Bad values are dropped with a message each."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    if len(pairs) > MAX_URL_PARAMETERS:
        problems.append(f"{len(pairs) - MAX_URL_PARAMETERS} URL parameters after the first {MAX_URL_PARAMETERS} ignored")
    for key, raw in pairs[:MAX_URL_PARAMETERS]:
        spec = _BY_NAME.get(key.strip().lower())
        if spec is None or not spec.web:
            problems.append(f"unknown URL parameter {brief(key)} ignored")
            continue
        try:
            if spec.parse is None:
                word = raw.strip().lower()
                if word not in TRUE_WORDS + FALSE_WORDS:
                    raise OptionsError(f"{spec.name}: {brief(raw)} is not 1 or 0")
                values[spec.attribute] = word in TRUE_WORDS
            else:
                values[spec.attribute] = spec.parse(spec.name, raw)
        except OptionsError as error:
            problems.append(str(error).removeprefix("--") + " (using the default)")
    surfaces_named = [name for name in ("level", "seed", "expr") if name in values]
    for name in surfaces_named[1:]:  # level beats seed beats expr
        problems.append(f"{name} ignored: {surfaces_named[0]} was given too; choose one surface")
        values.pop(name)
    if "record" in values and "replay" in values:
        values.pop("record")
    try:
        return _build(values), problems
    except (OptionsError, TypeError) as error:  # defensive: never fail a page load
        return Options(), problems + [str(error)]


def to_query(options: Options) -> str:
    """The URL query string that reproduces the web-visible part of `options`."""
    parts = []
    defaults = Options()
    for spec in SCHEMA:
        value = getattr(options, spec.attribute)
        if not spec.web or value == getattr(defaults, spec.attribute):
            continue
        if isinstance(value, bool):
            text = "1"
        elif isinstance(value, tuple) and spec.name == "size":
            text = f"{value[0]}x{value[1]}"
        elif isinstance(value, tuple):
            text = ",".join(value)
        else:
            text = str(value)
        parts.append(f"{spec.name}={quote(text, safe=',-.')}")
    return "&".join(parts)


def usage() -> str:
    """Help text for `uphill --help`, generated from the schema."""
    lines = [
        "usage: uphill [options]            play",
        "       uphill levels               list the built-in levels",
        "       uphill check-level FILE...  validate level files",
        "",
        "options (also URL parameters on the web, as ?name=value, unless marked desktop):",
    ]
    for spec in SCHEMA:
        flag = f"--{spec.name}" + (f" {spec.metavar}" if spec.metavar else "")
        note = "" if spec.web else "  [desktop]"
        lines.append(f"  {flag:<26}{spec.help}{note}")
    return "\n".join(lines)


def replace(options: Options, **changes: Any) -> Options:
    """A copy of `options` with some fields changed."""
    return dataclasses.replace(options, **changes)


__all__ = ["Options", "OptionsError", "SCHEMA", "Spec", "parse_args", "parse_query", "to_query", "usage", "replace",
           "PALETTES", "LANGUAGE_PATTERN", "DEFAULT_LANGUAGE", "is_language_code",
           "OVERLAYS", "AUTOPLAY"]
