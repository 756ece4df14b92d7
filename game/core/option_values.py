"""The option value parsers: each turns one flag's or URL parameter's text into a value or one OptionsError line."""

from __future__ import annotations

import math
import re
from typing import Callable

from game.core.scale import MAX_SCALE, MIN_SCALE
from surfaces.errors import brief
from surfaces.surface import check_domain

PALETTES = ("viridis", "cividis", "projector")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}")  # the shape of a language code; game.text knows which exist
DEFAULT_LANGUAGE = "en"
PLAY_OVERLAYS = ("taylor", "hessian", "arrows", "path", "labels", "isolines", "axes")  # on unless hidden
LAB_OVERLAYS = ("gradient-lab", "slice", "hessian-axes", "taylor-contours")  # off unless shown (--show, a key)
OVERLAYS = PLAY_OVERLAYS + LAB_OVERLAYS
MODES = ("play", "depth", "lab")
VIEWS = ("map", "3d")  # --view: the map or the 3D view (D switches)
AUTOPLAY = ("gradient", "newton", "momentum", "adam", "rule")  # rule: the learner's --rule
MIN_WINDOW = (640, 480)  # the smallest window the layout is designed for (--size, ?size=)
MAX_WINDOW = (3840, 2160)  # the largest window any screen shows: --size, live resizes and replays stop here
MAX_URL_PARAMETERS = 64  # a longer query is not a person's link: the rest is reported and ignored
MAX_TEXT = 500  # longest accepted string value (an expression is capped by the parser too)
MAX_PROBES = 100  # --probe given more often than this is not a script a person wrote
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")  # ASCII decimal/scientific
MAX_NUMBER_CHARS = 40  # a longer number is not a coordinate a person typed
DEFAULT_DOMAIN = (-3.0, 3.0, -3.0, 3.0)  # the map of a typed formula without --domain


class OptionsError(ValueError):
    """A bad flag or parameter value; the message is one line naming the option."""


def text(name: str, raw: str) -> str:
    value = raw.strip()
    if not value:
        raise OptionsError(f"--{name}: needs a value")
    if len(value) > MAX_TEXT:
        raise OptionsError(f"--{name}: value is {len(value)} characters long; the limit is {MAX_TEXT}")
    return value


def level_id(name: str, raw: str) -> str:
    value = text(name, raw)
    if not re.fullmatch(r"[A-Za-z0-9-]{1,40}", value):
        raise OptionsError(f"--{name}: {brief(value)} is not a level id (letters, digits and '-'; see `uphill levels`)")
    return value


def level_ref(name: str, raw: str) -> str:
    """A built-in level's id, or a teacher's level file (a name ending in .json; checked when the game starts)."""
    value = text(name, raw)
    if value.lower().endswith(".json"):
        return value
    return level_id(name, value)


def player(name: str, raw: str) -> str:
    """A player's name for recordings: printable, spaces collapsed, at most 40 characters."""
    value = " ".join("".join(ch for ch in text(name, raw) if ch.isprintable()).split())
    if not value or len(value) > 40:
        raise OptionsError(f"--{name}: a name of 1 to 40 characters, e.g. Ada")
    return value


def csv_file(name: str, raw: str) -> str:
    """A file name ending in .csv."""
    value = text(name, raw)
    if not value.lower().endswith(".csv"):
        raise OptionsError(f"--{name} {brief(value)}: the file name must end in .csv")
    return value


def choice(choices: tuple[str, ...]) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        value = raw.strip().lower()
        if value not in choices:
            raise OptionsError(f"--{name}: {brief(raw)} is not one of {', '.join(choices)}")
        return value

    return parse


def language(name: str, raw: str) -> str:
    value = raw.strip().lower()
    if not is_language_code(value):
        raise OptionsError(f"--{name}: {brief(raw)} is not a language code (two or three letters, e.g. en or de)")
    return value


def is_language_code(value: object) -> bool:
    """True for a well-formed language code ("en", "de", "fra"); whether its catalogue exists is game.text's call."""
    return isinstance(value, str) and LANGUAGE_PATTERN.fullmatch(value) is not None


def scale(name: str, raw: str) -> float:
    if not re.fullmatch(r"\s*[0-9]{1,3}(\.[0-9]{1,17})?\s*", raw):  # ASCII digits: no "１.５", "1_0" or "inf"
        raise OptionsError(f"--{name}: {brief(raw)} is not a number (use 1 to 3)")
    value = float(raw)
    if not MIN_SCALE <= value <= MAX_SCALE:  # also rejects nan
        raise OptionsError(f"--{name}: {brief(raw)} is outside 1..3")
    return value


def count(low: int, high: int) -> Callable[[str, str], int]:
    def parse(name: str, raw: str) -> int:
        if not re.fullmatch(r"\s*[0-9]{1,9}\s*", raw):  # ASCII digits only: no "１２", no "1_000", no sign
            raise OptionsError(f"--{name}: {brief(raw)} is not a whole number")
        value = int(raw)
        if not low <= value <= high:
            raise OptionsError(f"--{name}: {brief(raw)} must be between {low} and {high}")
        return value
    return parse


def overlays(name: str, raw: str) -> tuple[str, ...]:
    items = [part.strip().lower() for part in raw.split(",") if part.strip()]
    unknown = [item for item in items if item not in OVERLAYS]
    if unknown:
        raise OptionsError(f"--{name}: unknown overlay {brief(unknown[0])}; known: {', '.join(OVERLAYS)}")
    return tuple(dict.fromkeys(items))


def size(name: str, raw: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*([0-9]{1,5})\s*[xX]\s*([0-9]{1,5})\s*", raw)  # ASCII digits only
    if not match:
        raise OptionsError(f"--{name}: {brief(raw)} is not WIDTHxHEIGHT, e.g. 1280x800")
    width, height = int(match[1]), int(match[2])
    (min_w, min_h), (max_w, max_h) = MIN_WINDOW, MAX_WINDOW
    if not (min_w <= width <= max_w and min_h <= height <= max_h):
        raise OptionsError(f"--{name}: {brief(raw)} is outside {min_w}x{min_h}..{max_w}x{max_h}")
    return width, height


def numbers(name: str, raw: str, count: int, shape: str) -> tuple[float, ...]:
    """`count` comma-separated finite ASCII numbers ("-1.5,2", "1e-3, 4"); OptionsError naming the flag."""
    parts = raw.split(",")
    if len(parts) != count:
        raise OptionsError(f"--{name}: {brief(raw)} is not {shape} ({count} numbers separated by commas)")
    values = []
    for part in parts:
        text = part.strip()
        if len(text) > MAX_NUMBER_CHARS or not NUMBER.fullmatch(text):  # no "inf", "nan", "1_0" or "１"
            raise OptionsError(f"--{name}: {brief(text)} in {brief(raw)} is not a number")
        value = float(text)
        if not math.isfinite(value):
            raise OptionsError(f"--{name}: {brief(text)} is too large")
        values.append(0.0 if value == 0 else value)  # -0 is 0
    return tuple(values)


def point(name: str, raw: str) -> tuple[float, float]:
    x, y = numbers(name, raw, 2, "X,Y")
    return x, y


def domain(name: str, raw: str) -> tuple[float, float, float, float]:
    x0, x1, y0, y1 = numbers(name, raw, 4, "X0,X1,Y0,Y1")
    if not x0 < x1:
        raise OptionsError(f"--{name}: X0 must be less than X1 in {brief(raw)}")
    if not y0 < y1:
        raise OptionsError(f"--{name}: Y0 must be less than Y1 in {brief(raw)}")
    try:
        check_domain((x0, x1, y0, y1))
    except ValueError as error:
        raise OptionsError(f"--{name}: {error}") from None
    return x0, x1, y0, y1
