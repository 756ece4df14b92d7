"""The one options schema: command-line flags and URL query parameters both parse through it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import parse_qsl, quote

from game.core.option_values import (  # noqa: F401  (the limits and choices are read as options.X too)
    AUTOPLAY, DEFAULT_DOMAIN, DEFAULT_LANGUAGE, LAB_OVERLAYS, LANGUAGE_PATTERN, MAX_NUMBER_CHARS, MAX_PROBES, MAX_TEXT,
    MAX_URL_PARAMETERS, MAX_WINDOW, MIN_WINDOW, MODES, NUMBER, OVERLAYS, PALETTES, PLAY_OVERLAYS, OptionsError,
    is_language_code)
from game.core.option_values import choice as _choice, count as _count, domain as _domain, language as _language
from game.core.option_values import level_id as _level_id, overlays as _overlays, point as _point, scale as _scale
from game.core.option_values import size as _size, text as _text
from game.core import climb_options
from game.core.option_values import csv_file as _csv_file, level_ref as _level_ref, player as _player
from game.core.scale import CLASSROOM_HEIGHT, FULLSCREEN_HEIGHT, MIN_SCALE, window_scale
from surfaces.errors import brief
from surfaces.models import KINDS as FITS


@dataclass(frozen=True)
class Options:
    """Everything a run of Uphill can be told, from the CLI or the URL."""

    level: str | None = None
    seed: str | None = None
    expr: str | None = None
    domain: tuple[float, float, float, float] | None = None  # the map of --expr (None: DEFAULT_DOMAIN)
    classroom: bool = False
    scale: float | None = None  # --scale; None: from the window (window_scale)
    palette: str = "viridis"
    lang: str = ""  # --lang; "" (not given): the language last chosen in the game, else DEFAULT_LANGUAGE
    hide: tuple[str, ...] = ()
    show: tuple[str, ...] = ()  # overlays on from the start (the lab's are off otherwise)
    fullscreen: bool = False
    headless: bool = False
    frames: int | None = None
    probes: tuple[tuple[float, float], ...] = ()  # --probe X,Y in the order given
    claim: bool = False
    autoplay: str | None = None
    screenshot: str | None = None
    record: str | None = None
    replay: str | None = None
    size: tuple[int, int] | None = None
    fuzz: int | None = None
    fuzz_seed: int = 0
    mode: str = "play"  # play | depth (heights only, the Sandpit's first mode) | lab (map revealed, no score)

    # --- the calculus lab's fields (issue 12) ---
    reveal: bool = False  # --reveal: the map without fog (a figure for a slide; lab mode always reveals)

    view: str = "map"  # the 3D view (issue 12): map | 3d, what play shows first (D switches)

    # --- climbers' and step rules' fields (issue 13) ---
    rule: str | None = None  # --rule: the learner's step rule (checked when parsed)
    race: tuple[str, ...] = ()  # --race: climbers from the same start, one JSON line each

    # --- model levels' fields (issue 14) ---
    data: str | None = None  # --data FILE.csv: play the loss landscape of a model fitted to this data
    fit: str = "line"  # --fit: the model (line | neuron | exp)

    # --- the classroom's fields (issue 15) ---
    export_csv: str | None = None  # --export-csv: the latest game's probes as CSV after the run
    classes: tuple[str, ...] = ()  # --class: students' recordings (files or folders) shown together
    player: str | None = None  # --player: the name a recording carries

    # --- every learner's fields (issue 16) ---
    sound: bool = False  # --sound: a tone for each probe (M toggles; the choice is remembered)

    def effective_scale(self, size: tuple[int, int] | None = None, fullscreen: bool = False) -> float:
        """The UI scale for a window of `size` (fullscreen or not): --scale when given; else classroom mode and
        fullscreen pick it from the window (window_scale); else 1. Without a size classroom mode means 2×."""
        if self.scale is not None:
            return self.scale
        if self.classroom:
            return window_scale(size, CLASSROOM_HEIGHT) if size is not None else 2.0
        if fullscreen and size is not None:
            return window_scale(size, FULLSCREEN_HEIGHT)
        return MIN_SCALE

    def initial_hidden(self) -> frozenset[str]:
        """The overlays switched off at the start: --hide, and the lab's unless --show names them."""
        return frozenset((set(self.hide) | set(LAB_OVERLAYS)) - set(self.show))

    def effective_palette(self) -> str:
        """Classroom mode switches to the projector palette unless another was chosen."""
        return "projector" if self.classroom and self.palette == "viridis" else self.palette

    @property
    def scripted(self) -> bool:
        """True when the run plays by itself (--probe, --claim or --autoplay): it ends with one JSON line."""
        return bool(self.probes or self.claim or self.autoplay)


def _plain(value: float) -> str:
    """A number as a URL or flag value that parses back to the same float ("2", "-1.5", "1e-07")."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


@dataclass(frozen=True)
class Spec:
    """One option: how it is spelled, parsed and explained, and whether the web accepts it."""

    name: str
    help: str
    parse: Callable[[str, str], Any] | None = None  # None: a flag without a value
    metavar: str = ""
    web: bool = True
    repeat: bool = False  # may be given more than once; the Options field holds every value in order
    field: str = ""  # the Options field, when it is not the flag's name (--probe fills `probes`)

    @property
    def attribute(self) -> str:
        """The Options field it sets (the flag's name with "_" for "-", unless `field` names it)."""
        return self.field or self.name.replace("-", "_")


SCHEMA: tuple[Spec, ...] = (
    Spec("level", "play the built-in level with this id (see `uphill levels`), or a level file FILE.json",
         _level_ref, "ID|FILE.json"),
    Spec("seed", "play the terrain of a class code, e.g. PEAK-4821-B", _text, "CODE"),
    Spec("expr", 'play on your own surface, e.g. "3*exp(-(x^2+y^2)) - 0.2x"', _text, "EXPR"),
    Spec("domain", "the map of --expr: x from X0 to X1, y from Y0 to Y1 (default -3,3,-3,3)", _domain,
         "X0,X1,Y0,Y1"),
    Spec("classroom", "projector mode: UI scale from the window height (1080p: 2x), projector palette, help open"),
    Spec("scale", "UI scale from 1 to 3 (default: 1; in classroom mode or fullscreen from the window height)",
         _scale, "1..3"),
    Spec("palette", f"map palette: {', '.join(PALETTES)}", _choice(PALETTES), "NAME"),
    Spec("lang", "language code, e.g. en, de or fr (default: the one last chosen in the game, else en)", _language,
         "LANG"),
    Spec("hide", f"hide overlays: {', '.join(OVERLAYS)}", _overlays, "OVERLAY,..."),
    Spec("show", f"show overlays from the start: {', '.join(OVERLAYS)}", _overlays, "OVERLAY,..."),
    Spec("fullscreen", "start in fullscreen (F11 toggles)", web=False),
    Spec("size", "window size, e.g. 1280x800", _size, "WxH"),
    Spec("headless", "run without a window (SDL dummy driver)", web=False),
    Spec("frames", "quit after N frames", _count(1, 10_000_000), "N", web=False),
    Spec("probe", "place a probe at X,Y, as a player would (repeatable, in order); prints one JSON line", _point,
         "X,Y", web=False, repeat=True, field="probes"),
    Spec("claim", "claim the last probe as the summit (after --probe)", web=False),
    Spec("autoplay", f"the game plays itself (on from the last --probe) and prints one JSON line: {', '.join(AUTOPLAY)}", _choice(AUTOPLAY), "POLICY", web=False),
    Spec("screenshot", "save the last frame as PNG", _text, "FILE.png", web=False),
    Spec("record", "record the session's actions to a JSON file", _text, "FILE.json", web=False),
    Spec("replay", "replay actions from a recorded JSON file", _text, "FILE.json", web=False),
    Spec("fuzz", "drive N random events through every scene and print one JSON line", _count(1, 10_000_000), "N",
         web=False),
    Spec("fuzz-seed", "the seed of --fuzz's random events", _count(0, 999_999_999), "S", web=False),
    Spec("mode", f"play (scored), depth (heights only: no arrows, partials or Taylor) or lab (map revealed, "
         f"every tool, no score)", _choice(MODES), "MODE"),
)
# Each feature area adds its flags in its own tuple (SCHEMA is their sum).

LAB_SCHEMA: tuple[Spec, ...] = (
    Spec("reveal", "show the whole map without fog, without claiming (a figure for a slide)", web=False),
)

# the 3D view (issue 12)
from game.core.option_values import VIEWS  # noqa: E402  (here, in the 3D view's own block)

LAB_SCHEMA += (Spec("view", f"start in the map or the 3D view: {', '.join(VIEWS)} (D switches)", _choice(VIEWS),
                    "map|3d"),)

CLIMB_SCHEMA: tuple[Spec, ...] = (
    Spec("rule", 'your step rule, e.g. "dx = 0.5*gx; dy = 0.5*gy" (inputs x y f gx gy hxx hxy hyy k; '
         'for --autoplay rule, --race and the A key)', climb_options.rule, "RULE"),
    Spec("race", f"climbers from the same start, one JSON line each: {', '.join(climb_options.RACERS)}",
         climb_options.race, "POLICY,..."),
)

MODEL_SCHEMA: tuple[Spec, ...] = (
    Spec("data", "play the loss landscape of a model fitted to your data: a CSV file with two numeric columns "
         "(x, y; header optional; up to 10 000 rows)", _text, "FILE.csv", web=False),
    Spec("fit", f"the model --data fits: {', '.join(FITS)} (default line: y = m*x + c; neuron: a = sigmoid(w*x + b); "
         "exp: y = a*exp(-b*x))", _choice(FITS), "KIND", web=False),
)

CLASS_SCHEMA: tuple[Spec, ...] = (
    Spec("export-csv", "after the run, write the latest game's probes as CSV (one row per probe)", _csv_file,
         "FILE.csv", web=False),
    Spec("class", "show students' recordings (files or folders; repeatable, or several paths) on one map",
         _text, "FILE_OR_DIR", web=False, repeat=True, field="classes"),
    Spec("player", "the player's name a --record recording carries (the class overlay shows it)", _player, "NAME"),
)

ACCESS_SCHEMA: tuple[Spec, ...] = (
    Spec("sound", "sound on: each probe a tone, pitch = height, left/right = slope east-west (M toggles)"),
)

SCHEMA = SCHEMA + LAB_SCHEMA + CLIMB_SCHEMA + MODEL_SCHEMA + CLASS_SCHEMA + ACCESS_SCHEMA
_BY_NAME = {spec.name: spec for spec in SCHEMA}
TRUE_WORDS = ("1", "true", "yes", "on", "")
FALSE_WORDS = ("0", "false", "no", "off")


def _check_exclusive(values: dict[str, Any]) -> None:
    chosen = [name for name in ("level", "seed", "expr", "data") if values.get(name) is not None]
    if len(chosen) > 1:
        raise OptionsError(f"--{chosen[0]} and --{chosen[1]} cannot be used together; choose one surface")
    if values.get("record") and values.get("replay"):
        raise OptionsError("--record and --replay cannot be used together")
    busy = [name for name in ("autoplay", "replay") if values.get(name)]
    if values.get("fuzz") and busy:
        raise OptionsError(f"--fuzz and --{busy[0]} cannot be used together: both drive the game")
    scripted = [name for name in ("probe", "claim") if values.get(_BY_NAME[name].attribute)]
    drivers = [name for name in ("replay", "fuzz") if values.get(name)]
    if scripted and drivers:
        raise OptionsError(f"--{scripted[0]} and --{drivers[0]} cannot be used together: both drive the game")
    if values.get("fuzz") and not values.get("headless"):  # in a window it would export files and go fullscreen
        raise OptionsError("--fuzz runs without a window: use it with --headless")
    if values.get("claim") and not values.get("probes") and not values.get("autoplay"):
        raise OptionsError("--claim needs a probe to claim: give --probe X,Y (or --autoplay POLICY)")
    if values.get("fit") is not None and values.get("data") is None:
        raise OptionsError("--fit chooses the model of --data: use it with --data FILE.csv")
    if values.get("domain") is not None and values.get("expr") is None:
        raise OptionsError("--domain sets the map of a typed formula: use it with --expr")


def _build(values: dict[str, Any]) -> Options:
    _check_exclusive(values)
    climb_options.check(values)
    return Options(**values)


def parse_args(argv: list[str]) -> Options:
    """Parse command-line flags (`--name value`, `--name=value`, `--flag`); raise OptionsError on the first problem."""
    values: dict[str, Any] = {}
    index = 0
    spec: Spec | None = None
    while index < len(argv):
        token = argv[index]
        index += 1
        if spec is not None and spec.name == "class" and not token.startswith("--"):
            _store(values, spec, spec.parse(spec.name, token))  # --class A.json B.json: several paths
            continue
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
        _store(values, spec, spec.parse(name, raw))
    return _build(values)


def _store(values: dict[str, Any], spec: Spec, value: Any) -> None:
    """Set the option's value; a repeatable option collects every value in order (OptionsError past MAX_PROBES)."""
    if not spec.repeat:
        values[spec.attribute] = value
        return
    collected = values.get(spec.attribute, ()) + (value,)
    if len(collected) > MAX_PROBES:
        raise OptionsError(f"--{spec.name}: given more than {MAX_PROBES} times")
    values[spec.attribute] = collected


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
                _store(values, spec, spec.parse(spec.name, raw))
        except OptionsError as error:
            problems.append(str(error).removeprefix("--") + " (using the default)")
    surfaces_named = [name for name in ("level", "seed", "expr") if name in values]
    for name in surfaces_named[1:]:  # level beats seed beats expr
        problems.append(f"{name} ignored: {surfaces_named[0]} was given too; choose one surface")
        values.pop(name)
    if "record" in values and "replay" in values:
        values.pop("record")
    if "domain" in values and "expr" not in values:
        problems.append("domain ignored: it sets the map of a typed formula (expr)")
        values.pop("domain")
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
        for item in value if spec.repeat else (value,):
            parts.append(f"{spec.name}={quote(_query_text(spec, item), safe=',-.')}")
    return "&".join(parts)


def _query_text(spec: Spec, value: Any) -> str:
    """One option value as its parser reads it back."""
    if isinstance(value, bool):
        return "1"
    if spec.name == "size":
        return f"{value[0]}x{value[1]}"
    if isinstance(value, tuple):
        return ",".join(_plain(item) if isinstance(item, float) else str(item) for item in value)
    return str(value)


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
        flag = f"--{spec.name}" + (f" {spec.metavar}" if spec.metavar else "") + ("..." if spec.repeat else "")
        note = "" if spec.web else "  [desktop]"
        lines.append(f"  {flag:<26}{spec.help}{note}")
    return "\n".join(lines)


def replace(options: Options, **changes: Any) -> Options:
    """A copy of `options` with some fields changed."""
    return dataclasses.replace(options, **changes)


__all__ = ["Options", "OptionsError", "SCHEMA", "Spec", "parse_args", "parse_query", "to_query", "usage", "replace",
           "PALETTES", "LANGUAGE_PATTERN", "DEFAULT_LANGUAGE", "is_language_code",
           "OVERLAYS", "AUTOPLAY", "DEFAULT_DOMAIN", "window_scale"]
