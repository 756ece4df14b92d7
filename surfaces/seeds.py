"""Class codes ("PEAK-4821-B") -> deterministic terrain, using a pure-Python integer PRNG.

A code is letters A-Z and digits; case, spaces and dashes do not matter.  Its last character is a check
character by ISO/IEC 7064 MOD 37-2 (the pure system for alphanumeric data: weights 2^k mod 37, a prime),
which refuses every single-character substitution and every transposition of two neighbours (and of two
characters one apart).  A body whose check value would be 36 (ISO's supplementary '*') has no code.
The canonical display form groups the body in fours and puts the check character alone at the end,
e.g. "PEAK-4821-B"; the level title shows it.

The compact code (no dashes) is hashed with 64-bit FNV-1a and fed to splitmix64.  All parameters come
from integer arithmetic and are rounded to 3 decimals in the expression text, so every machine builds
the identical expression (and exact derivatives).  A code whose first four characters are a kind's prefix
(BOWL, WAVE, GRID, ROCK, PIKE) builds that Sandpit terrain instead (surfaces/terrains.py); new_code never
makes such a prefix by chance (its words are consonant-vowel pairs from BDFGHKLMNPRSTVZ and AEU).
"""

from __future__ import annotations

import functools
import math
import random
import secrets

from .parse import parse
from . import terrains
from .prng import SplitMix64, fnv1a as _fnv1a
from .surface import Surface

MAX_CODE_LENGTH = 24  # letters and digits, check character included
MIN_CODE_LENGTH = 2  # at least one character and the check character
SEED_DOMAIN = (-3.0, 3.0, -3.0, 3.0)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CHECK_MODULUS = 37  # ISO/IEC 7064 MOD 37-2
GROUP = 4  # characters per dash-separated group of the display form
EXAMPLE_CODE = "PEAK-4821-B"
# new_code's alphabet leaves out what reads alike on a board: no I or O beside 1 and 0, no 0 or 1 at all
_CONSONANTS = "BDFGHKLMNPRSTVZ"
_VOWELS = "AEU"
_DIGITS = "23456789"
_LOOKALIKES = "01IO"


def checksum(text: str, alphabet: str = ALPHABET, modulus: int = CHECK_MODULUS) -> int:
    """ISO/IEC 7064 pure-system checksum (radix 2) of `text`: 1 for a valid code."""
    total = 0
    for ch in text:
        total = (2 * total + alphabet.index(ch)) % modulus
    return total


def check_character(body: str, alphabet: str = ALPHABET, modulus: int = CHECK_MODULUS) -> str | None:
    """The check character that makes `body` + it a valid code; None when it would be outside `alphabet`."""
    value = (1 - 2 * checksum(body, alphabet, modulus)) % modulus
    return alphabet[value] if value < len(alphabet) else None


def compact_code(code: str) -> str:
    """`code` upper-cased without spaces and dashes; ValueError (clear message) for anything but a code's shape."""
    if not isinstance(code, str):
        raise ValueError(f"class code must be text such as {EXAMPLE_CODE}")
    bad = next((c for c in code if not (c.isascii() and c.isalnum()) and c != "-" and not c.isspace()), None)
    if bad is not None:
        raise ValueError(f"class code may only contain letters A-Z, digits and '-', not {bad!r}")
    norm = "".join(code.split()).replace("-", "").upper()
    if not norm:
        raise ValueError(f"class code is empty: use letters, digits and '-', e.g. {EXAMPLE_CODE}")
    if len(norm) > MAX_CODE_LENGTH:
        raise ValueError(f"class code is too long: {len(norm)} characters (limit {MAX_CODE_LENGTH})")
    if len(norm) < MIN_CODE_LENGTH:
        raise ValueError(f"class code is too short: it needs at least {MIN_CODE_LENGTH} characters, "
                         "the last one a check character")
    return norm


def display_code(compact: str) -> str:
    """The display form of a compact code: the body in groups of four, then the check character ("PEAK-4821-B")."""
    body, check = compact[:-1], compact[-1:]
    groups = [body[i:i + GROUP] for i in range(0, len(body), GROUP)]
    return "-".join(groups + [check])


def normalize_code(code: str) -> str:
    """The display form of a valid class code (case, spaces and dashes normalised); ValueError if it is not one."""
    norm = compact_code(code)
    if checksum(norm) != 1:
        # the right check character is never named: that would turn every typo into another valid code
        raise ValueError("class code is mistyped (or from before version 0.2): its last character, the check character, does not match the rest")
    return display_code(norm)


def is_valid_code(code: str) -> bool:
    """True when `code` is a class code whose check character matches."""
    try:
        normalize_code(code)
    except ValueError:
        return False
    return True


def new_code(rng: random.Random | None = None, kind: str | None = None) -> str:
    """A fresh valid class code such as "BAKE-4827-L": a word-ish prefix, four digits, the check character.

    With ``kind`` (one of terrains.KINDS) the prefix is that kind's ("ROCK-4827-X"); KeyError for another kind.
    `rng` defaults to the system's secure source (`secrets`), which the browser build also has."""
    rng = rng or secrets.SystemRandom()
    fixed = terrains.PREFIX_OF[kind] if kind is not None else None
    while True:
        prefix = fixed or "".join(rng.choice(pool) for pool in (_CONSONANTS, _VOWELS, _CONSONANTS, _VOWELS))
        body = prefix + "".join(rng.choice(_DIGITS) for _ in range(4))
        check = check_character(body)
        if check is not None and check not in _LOOKALIKES:
            return display_code(body + check)


def _gaussian(h: float, cx: float, cy: float, w: float) -> str:
    return f"{h:.3f}*exp(-((x - {cx:.3f})^2 + (y - {cy:.3f})^2)/{w:.3f})"


def _terrain_text(rng: SplitMix64) -> str:
    n = 5 + rng.below(5)
    summit = rng.uniform(5.0, 7.0)
    sigma = rng.uniform(0.5, 0.95)
    terms = [_gaussian(summit, rng.uniform(-1.8, 1.8), rng.uniform(-1.8, 1.8), 2 * sigma * sigma)]
    for _ in range(n - 1):
        if rng.below(4) == 0:
            h = -rng.uniform(1.0, 2.5)
        else:
            h = summit * rng.uniform(0.2, 0.6)
        sigma = rng.uniform(0.35, 1.2)
        terms.append(_gaussian(h, rng.uniform(-2.7, 2.7), rng.uniform(-2.7, 2.7), 2 * sigma * sigma))
    tilt_x, tilt_y = rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25)
    amp, kx, ky = rng.uniform(0.1, 0.3), rng.uniform(1.2, 2.6), rng.uniform(1.2, 2.6)
    phase = rng.uniform(0.0, 2 * math.pi)
    terms.append(f"{tilt_x:.3f}*x + {tilt_y:.3f}*y")
    terms.append(f"{amp:.3f}*sin({kx:.3f}*x + {phase:.3f})*cos({ky:.3f}*y)")
    return " + ".join(terms)


def _good(s: Surface) -> bool:
    """One interior summit, clearly (>= 10 % of the range) above every other local maximum.

    Heights stay within -9.5..9.5 so the numbers on screen are tidy.
    """
    zmin, zmax = s.value_range()
    if not -9.5 <= zmin < zmax <= 9.5:
        return False
    x, y, v = s.peak()
    xmin, xmax, ymin, ymax = s.domain
    if not (xmin + 0.4 < x < xmax - 0.4 and ymin + 0.4 < y < ymax - 0.4):
        return False
    others = [m[2] for m in s.local_maxima()[1:]]
    return not others or v - max(others) >= 0.1 * (zmax - zmin)


def from_seed(code: str) -> Surface:
    """The terrain for class code ``code`` (case, spaces and dashes ignored); ValueError if it is not a valid code.

    A code that begins with a kind's prefix (BOWL, WAVE, GRID, ROCK, PIKE: surfaces/terrains.py) builds that kind
    from the code without its check character; any other code builds the classic hills."""
    norm = normalize_code(code)
    compact = norm.replace("-", "")
    kind = terrains.kind_of(compact)
    if kind is not None:
        return terrains.terrain(kind, compact[:-1], name=norm)
    return _build(norm)


@functools.lru_cache(maxsize=32)
def _build(norm: str) -> Surface:
    """The terrain of a normalised code (its name); the hash reads the compact form, so dashes never matter."""
    rng = SplitMix64(_fnv1a(norm.replace("-", "")))
    s = None
    for _ in range(64):
        text = _terrain_text(rng)
        s = Surface(parse(text, max_length=4000), SEED_DOMAIN, name=norm)
        if _good(s):
            return s
    assert s is not None
    return s  # pragma: no cover - practically unreachable


