"""The level file's fields, one checker each: what a well-formed level file holds and the problems it names."""

from __future__ import annotations

import math
import re

from . import terrains
from .calculus import METHODS
from .errors import ExpressionError, brief
from .data import MAX_MAGNITUDE
from .parse import parse
from .models import ModelSurface
from .surface import Surface, check_domain, require_small_derivatives

FALLBACK_LANGUAGE = "en"  # every text must have it: Level.text falls back to it
GRADIENT_METHODS = METHODS
MODULES = (
    "rise over run", "the gradient", "vectors point uphill", "Jacobian and Hessian", "chain rule",
    "Taylor series", "Newton and gradient descent", "linear regression",
)
REQUIRED = ("id", "title", "intro", "module", "surface", "start", "probes", "par", "tolerance",
            "taylor", "overlays")
OPTIONAL = ("gradient_method", "explore", "mode")
LEVEL_MODES = ("play", "depth")  # depth: heights only (no arrows, partials, ρ or Taylor), the Sandpit's first mode
ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2}")
MAX_FILE_BYTES = 1_000_000  # a level file larger than this is not a level
TEXT_LIMITS = {"title": 80, "intro": 1200}  # characters: a title fits a panel line or two, an intro a banner
OVERLAY_PATTERN = re.compile(r"[a-z]+")  # which names exist is the game's business
FILE_PATTERN = re.compile(r"^(\d\d)-([a-z0-9-]+)\.json$")
MAX_DATA = 200


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


class _Checker:
    """Collects "FILE: field: problem" lines."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def add(self, field: str, problem: str) -> None:
        self.problems.append(f"{self.name}: {field}: {problem}")


def _texts(ck: _Checker, raw: dict, field: str) -> dict[str, str] | None:
    """Texts by two-letter language code; English is required (which other languages a game needs is its business)."""
    value = raw.get(field)
    if not isinstance(value, dict):
        ck.add(field, f"expected an object of texts by language, with {FALLBACK_LANGUAGE!r}, got {type(value).__name__}")
        return None
    ok = True
    if FALLBACK_LANGUAGE not in value:
        ck.add(f"{field}.{FALLBACK_LANGUAGE}", "missing or empty text")
        ok = False
    for lang, text in value.items():
        if not (isinstance(lang, str) and LANGUAGE_PATTERN.fullmatch(lang)):
            ck.add(f"{field}.{lang}", "language keys must be two lower-case letters")
            ok = False
        elif not isinstance(text, str) or not text.strip():
            ck.add(f"{field}.{lang}", "missing or empty text")
            ok = False
        elif len(text) > TEXT_LIMITS[field]:
            ck.add(f"{field}.{lang}", f"{len(text)} characters; the limit is {TEXT_LIMITS[field]}")
            ok = False
    return dict(value) if ok else None


def _domain(ck: _Checker, value: object, field: str) -> tuple[float, float, float, float] | None:
    if not (isinstance(value, list) and len(value) == 4 and all(_is_number(v) for v in value)):
        ck.add(field, "expected [xmin, xmax, ymin, ymax] with four finite numbers")
        return None
    xmin, xmax, ymin, ymax = (float(v) for v in value)
    ok = True
    if not xmin < xmax:
        ck.add(field, f"xmin ({xmin:g}) must be less than xmax ({xmax:g})")
        ok = False
    if not ymin < ymax:
        ck.add(field, f"ymin ({ymin:g}) must be less than ymax ({ymax:g})")
        ok = False
    if ok:
        try:
            check_domain((xmin, xmax, ymin, ymax))
        except ValueError as error:
            ck.add(field, str(error))
            ok = False
    return (xmin, xmax, ymin, ymax) if ok else None


SEED_PATTERN = re.compile(r"^[A-Za-z0-9]{1,19}$")  # a kind's prefix and this make a class code's body


def _terrain(ck: _Checker, raw: dict, kind: str, level_id: str) -> Surface | None:
    """A generated Sandpit terrain: {"kind": KIND, "seed": "4821"}; the class code PREFIX + seed (+ its check
    character) builds the same map."""
    seed = raw.get("seed")
    if _is_int(seed) and 0 <= seed:
        seed = str(seed)
    if not (isinstance(seed, str) and SEED_PATTERN.match(seed)):
        ck.add("surface.seed", "expected 1 to 19 letters or digits (or a whole number), e.g. \"4821\"")
        return None
    return terrains.terrain(kind, terrains.PREFIX_OF[kind] + seed.upper(), name=level_id or "level")


MODEL_KINDS = {"regression": "line", "neuron": "neuron", "exp": "exp"}  # level-file kind → model (surfaces/models)


def _model_surface(ck: _Checker, raw: dict, kind: str, domain, level_id: str) -> Surface | None:
    data = raw.get("data")
    if not (isinstance(data, list) and 2 <= len(data) <= MAX_DATA):
        ck.add("surface.data", f"expected a list of 2 to {MAX_DATA} [x, y] points")
    elif not all(isinstance(p, list) and len(p) == 2 and all(_is_number(v) for v in p) for p in data):
        ck.add("surface.data", "every point must be [x, y] with two finite numbers")
    elif len({float(p[0]) for p in data}) < 2:
        ck.add("surface.data", "needs at least two different x values to fit a line")
    elif not all(abs(float(v)) <= MAX_MAGNITUDE for p in data for v in p):
        ck.add("surface.data", f"every number must lie within ±{MAX_MAGNITUDE:g}")
    elif kind == "neuron" and not all(0.0 <= float(p[1]) <= 1.0 for p in data):
        ck.add("surface.data", "a neuron's labels (the second numbers) must lie between 0 and 1")
    elif domain is not None or "domain" not in raw:
        xs, ys = [float(p[0]) for p in data], [float(p[1]) for p in data]
        try:
            return ModelSurface(MODEL_KINDS[kind], xs, ys, domain, name=level_id or "level")
        except ValueError as err:  # a chosen domain that check_domain refuses (a fit far out)
            ck.add("surface.domain", str(err))
    return None


def _surface(ck: _Checker, raw: object, level_id: str) -> Surface | None:
    if not isinstance(raw, dict):
        ck.add("surface", "expected an object with expression and domain (or kind, data and domain)")
        return None
    kind = raw.get("kind", "expression")
    allowed = {"expression": ("expression", "domain", "kind")}
    allowed.update({k: ("kind", "data", "domain") for k in MODEL_KINDS})
    allowed.update({name: ("kind", "seed") for name in terrains.KINDS})
    if not isinstance(kind, str) or kind not in allowed:
        known = ", ".join(repr(k) for k in (*MODEL_KINDS, *terrains.KINDS))
        ck.add("surface.kind", f"unknown kind {brief(kind)}; use one of {known} or give an expression")
        return None
    for key in raw:
        if key not in allowed[kind]:
            ck.add(f"surface.{key}", f"unknown key for a {kind} surface")
    if kind in terrains.KINDS:  # the map is the kind's own, -3..3 both ways
        return _terrain(ck, raw, kind, level_id)
    if kind in MODEL_KINDS:  # the domain is optional: without it one is chosen around the fit
        domain = _domain(ck, raw["domain"], "surface.domain") if "domain" in raw else None
        return _model_surface(ck, raw, kind, domain, level_id)
    domain = _domain(ck, raw.get("domain"), "surface.domain")
    tree = None
    text = raw.get("expression")
    if not isinstance(text, str):
        ck.add("surface.expression", "expected a string")
    else:
        try:
            tree = parse(text)
        except ExpressionError as err:
            ck.add("surface.expression", str(err))
    if tree is None or domain is None:
        return None
    surface = Surface(tree, domain, name=level_id or "level")
    try:
        require_small_derivatives(surface)
    except ExpressionError as err:
        ck.add("surface.expression", str(err))
        return None
    return surface


def _check_keys(ck: _Checker, raw: dict) -> None:
    for key in raw:
        if key not in REQUIRED and key not in OPTIONAL:
            ck.add(str(key), "unknown key")
    for key in REQUIRED:
        if key not in raw:
            ck.add(key, "missing")


def _level_id(ck: _Checker, raw: dict) -> str | None:
    level_id = raw.get("id")
    if "id" in raw and not (isinstance(level_id, str) and ID_PATTERN.match(level_id)):
        ck.add("id", "must match ^[a-z0-9-]+$ (lower-case letters, digits, '-')")
        return None
    return level_id


def _start(ck: _Checker, raw: dict) -> tuple[float, float] | None:
    start = raw.get("start")
    if start is None:
        return None
    if not (isinstance(start, list) and len(start) == 2 and all(_is_number(v) for v in start)):
        ck.add("start", "expected [x, y] with two finite numbers, or null")
        return None
    x, y = float(start[0]), float(start[1])
    surface = raw.get("surface") if isinstance(raw.get("surface"), dict) else {}
    dom = list(terrains.DOMAIN) if surface.get("kind") in terrains.KINDS else surface.get("domain")
    if (isinstance(dom, list) and len(dom) == 4 and all(_is_number(v) for v in dom)
            and not (dom[0] <= x <= dom[1] and dom[2] <= y <= dom[3])):
        ck.add("start", f"({x:g}, {y:g}) lies outside the domain {dom}")
    return x, y


def _budget(ck: _Checker, raw: dict) -> tuple[int | None, int | None]:
    """(probes, par), each None when invalid."""
    probes, par = raw.get("probes"), raw.get("par")
    if "probes" in raw and not (_is_int(probes) and 1 <= probes <= 99):
        ck.add("probes", "expected a whole number from 1 to 99")
        probes = None
    if "par" in raw and not (_is_int(par) and 1 <= par <= 99):
        ck.add("par", "expected a whole number from 1 to 99")
        par = None
    if _is_int(probes) and _is_int(par) and par > probes:
        ck.add("par", f"par ({par}) must not exceed the probe budget ({probes})")
    return probes, par


def _overlays(ck: _Checker, raw: dict) -> tuple[str, ...] | None:
    """The overlay names a level allows: distinct lower-case words (the game checks it knows them)."""
    overlays = raw.get("overlays")
    if "overlays" not in raw:
        return None
    if not (isinstance(overlays, list) and all(isinstance(o, str) for o in overlays)):
        ck.add("overlays", "expected a list of overlay names")
        return None
    for o in overlays:
        if not OVERLAY_PATTERN.fullmatch(o):
            ck.add("overlays", f"overlay name {brief(o)} must be lower-case letters")
    if len(set(overlays)) != len(overlays):
        ck.add("overlays", "duplicate overlay")
    return tuple(overlays)


def _module(ck: _Checker, raw: dict) -> None:
    module = raw.get("module")
    if "module" in raw and module not in MODULES:
        ck.add("module", f"unknown module {brief(module)}; known: {', '.join(MODULES)}")


def _tolerance_and_taylor(ck: _Checker, raw: dict) -> None:
    tol = raw.get("tolerance")
    if "tolerance" in raw and not (_is_number(tol) and 0 < tol <= 0.5):
        ck.add("tolerance", "expected a number in (0, 0.5] (a fraction of the surface's height range)")
    taylor = raw.get("taylor")
    if "taylor" in raw and not (_is_int(taylor) and taylor in (1, 2)):
        ck.add("taylor", "expected 1 or 2")


def _explore(ck: _Checker, raw: dict) -> None:
    if not isinstance(raw.get("explore", False), bool):
        ck.add("explore", "expected true or false (true: far exploring jumps are not judged by the gain ratio)")


def _mode(ck: _Checker, raw: dict) -> None:
    if raw.get("mode", "play") not in LEVEL_MODES:
        ck.add("mode", f"expected one of {', '.join(LEVEL_MODES)} (depth: heights only)")


def _method(ck: _Checker, raw: dict) -> None:
    method = raw.get("gradient_method", "central")
    if method not in GRADIENT_METHODS:
        ck.add("gradient_method", f"unknown method {brief(method)}; known: {', '.join(GRADIENT_METHODS)}")
