"""The math core's error messages for people: positions counted from 1, in the player's language (catalogues).

surfaces counts a character's position from 0, as Python does (ExpressionError.position, "at position 0" in its
own messages, for notebooks and scripts). A person counts from 1: every message the game shows or prints passes
through one_based first, so the first character is "position 1" on screen, on the command line and in a
level check."""

from __future__ import annotations

import re

from game.text.catalog import SOURCE, lookup

# Phrases inside the messages (the core's English, key of the wording), longest first so that compound phrases
# win over their parts.
PHRASES: tuple[tuple[str, str], ...] = (
    ("a number, x, y, a function or '('", "error.phrase.operand"),
    ("an operator such as + - * / ^ or the end", "error.phrase.operator_long"),
    ("an operator or the end", "error.phrase.operator"),
    ("; only ASCII letters, digits and + - * / ^ ( ) , are allowed", "error.phrase.ascii_only"),
    ("',' or ')'", "error.phrase.comma_or_paren"),
    ("the end", "error.phrase.the_end"),
    ("unnamed character", "error.phrase.unnamed"),
)

# (English pattern, catalogue key): whole-message shapes of surfaces.ExpressionError and the class-code check.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"unexpected character (?P<ch>.+?) at position (?P<pos>\d+)(?P<rest>.*)", "error.unexpected_character"),
    (r"expected (?P<what>.+?) at position (?P<pos>\d+) \(to close the '\(' at position (?P<open>\d+)\), found (?P<found>.+)",
     "error.expected_close_paren"),
    (r"expected (?P<what>.+?) at position (?P<pos>\d+) \(to close (?P<f>\w+)\( at position (?P<open>\d+)\), found (?P<found>.+)",
     "error.expected_close_call"),
    (r"expected '\(' after (?P<f>\w+) at position (?P<pos>\d+), found (?P<found>.+)", "error.expected_paren_after"),
    (r"expected (?P<what>.+?) at position (?P<pos>\d+), found (?P<found>.+)", "error.expected"),
    (r"expression nested too deeply at position (?P<pos>\d+) \(limit (?P<n>\d+)\)", "error.nested"),
    (r"unmatched '\)' at position (?P<pos>\d+)", "error.unmatched"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+) \(did you mean (?P<guess>[^)]*\))\?\); known: (?P<known>.+)",
     "error.unknown_guess"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+) \(names are lower-case: (?P<lower>[^)]*)\); known: (?P<known>.+)",
     "error.unknown_lower"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+) \(for a product write (?P<prod>[^)]*)\); known: (?P<known>.+)",
     "error.unknown_product"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+); known: (?P<known>.+)", "error.unknown"),
    (r"(?P<f>\w+) takes 1 argument, got (?P<got>\d+) at position (?P<pos>\d+)", "error.takes_one"),
    (r"(?P<f>\w+) takes (?P<n>\d+) arguments, got (?P<got>\d+) at position (?P<pos>\d+)", "error.takes_many"),
    (r"number too large at position (?P<pos>\d+)", "error.number_large"),
    (r"undefined constant value at position (?P<pos>\d+)", "error.undefined_constant"),
    (r"expression too long: (?P<n>\d+) characters, limit (?P<limit>\d+) at position (?P<pos>\d+)", "error.too_long"),
    (r"empty expression: expected (?P<what>.+) at position 0", "error.empty"),
    (r"expression too large \(more than (?P<n>\d+) nodes\) at position 0", "error.too_large"),
    (r"expression too large to differentiate \(its Hessian would take more than (?P<limit>\S+) terms; write x\^n "
     r"for a product of equal factors\) at position (?P<pos>\d+)", "error.too_costly"),
    (r"the formula has no value anywhere on the map", "error.undefined_everywhere"),
    (r"class code is empty: use letters, digits and '-', e\.g\. (?P<ex>\S+)", "error.code_empty"),
    (r"class code is too long: (?P<n>\d+) characters \(limit (?P<limit>\d+)\)", "error.code_long"),
    (r"class code may only contain letters A-Z, digits and '-', not (?P<bad>.+)", "error.code_chars"),
    (r"class code is too short: it needs at least (?P<n>\d+) characters, the last one a check character",
     "error.code_short"),
    (r"class code is mistyped \(or from before version 0\.2\): its last character, the check character, does not "
     r"match the rest",
     "error.code_mistyped"),
)
_COMPILED = tuple((re.compile(pattern + r"\Z", re.DOTALL), key) for pattern, key in PATTERNS)
_POSITION = re.compile(r"\bposition (\d+)\b")


def one_based(message: str, offset: int = 0) -> str:
    """A core message with each 0-based "position N" as people count, from 1: "at position 0" → "at position 1".

    Apply it once, to a message straight from surfaces (an ExpressionError, a level file's problem). `offset`:
    characters before the text the core parsed (leading spaces the caller stripped), so the position counts in
    the text as the person typed it."""
    return _POSITION.sub(lambda match: f"position {int(match.group(1)) + offset + 1}", message)


def _phrases(text: str, lang: str) -> str:
    """`text` with the core's English phrases replaced by their wording in `lang` (kept where it has none)."""
    for english, key in PHRASES:
        if english in text:
            text = text.replace(english, lookup(key, lang) or english)
    return text


def error_text(message: str, lang: str) -> str:
    """`message` in `lang` when its shape is known and the catalogue words it; English (the core's own) unchanged."""
    if lang == SOURCE:
        return message
    for pattern, key in _COMPILED:
        match = pattern.match(message)
        if match:
            template = lookup(key, lang)
            if template is None:
                return message
            return template.format(**{name: _phrases(value, lang) for name, value in match.groupdict().items()})
    return message


__all__ = ["error_text", "one_based", "PATTERNS", "PHRASES"]
