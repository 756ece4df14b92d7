"""German wording for the math core's error messages (the core speaks English; the player may not)."""

from __future__ import annotations

import re

# Phrases inside the messages, longest first so that compound phrases win over their parts.
PHRASES: tuple[tuple[str, str], ...] = (
    ("a number, x, y, a function or '('", "eine Zahl, x, y, eine Funktion oder '('"),
    ("an operator such as + - * / ^ or the end", "ein Operator wie + - * / ^ oder das Ende"),
    ("an operator or the end", "ein Operator oder das Ende"),
    ("; only ASCII letters, digits and + - * / ^ ( ) , are allowed",
     "; erlaubt sind nur ASCII-Buchstaben, Ziffern und + - * / ^ ( ) ,"),
    ("',' or ')'", "',' oder ')'"),
    ("the end", "das Ende"),
    ("unnamed character", "unbenanntes Zeichen"),
)

# (English pattern, German template): whole-message shapes of surfaces.ExpressionError and the class-code check.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"unexpected character (?P<ch>.+?) at position (?P<pos>\d+)(?P<rest>.*)",
     "unerwartetes Zeichen {ch} an Position {pos}{rest}"),
    (r"expected (?P<what>.+?) at position (?P<pos>\d+) \(to close the '\(' at position (?P<open>\d+)\), found (?P<found>.+)",
     "erwartet: {what} an Position {pos} (um die '(' an Position {open} zu schließen), gefunden: {found}"),
    (r"expected (?P<what>.+?) at position (?P<pos>\d+) \(to close (?P<f>\w+)\( at position (?P<open>\d+)\), found (?P<found>.+)",
     "erwartet: {what} an Position {pos} (um {f}( an Position {open} zu schließen), gefunden: {found}"),
    (r"expected '\(' after (?P<f>\w+) at position (?P<pos>\d+), found (?P<found>.+)",
     "erwartet: '(' nach {f} an Position {pos}, gefunden: {found}"),
    (r"expected (?P<what>.+?) at position (?P<pos>\d+), found (?P<found>.+)",
     "erwartet: {what} an Position {pos}, gefunden: {found}"),
    (r"expression nested too deeply at position (?P<pos>\d+) \(limit (?P<n>\d+)\)",
     "Ausdruck zu tief verschachtelt an Position {pos} (Grenze {n})"),
    (r"unmatched '\)' at position (?P<pos>\d+)", "')' ohne passende '(' an Position {pos}"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+) \(did you mean (?P<guess>[^)]*\))\?\); known: (?P<known>.+)",
     "unbekannter Name '{name}' an Position {pos} (meintest du {guess}?); bekannt: {known}"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+) \(names are lower-case: (?P<lower>[^)]*)\); known: (?P<known>.+)",
     "unbekannter Name '{name}' an Position {pos} (Namen werden kleingeschrieben: {lower}); bekannt: {known}"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+) \(for a product write (?P<prod>[^)]*)\); known: (?P<known>.+)",
     "unbekannter Name '{name}' an Position {pos} (für ein Produkt schreibe {prod}); bekannt: {known}"),
    (r"unknown name '(?P<name>[^']*)' at position (?P<pos>\d+); known: (?P<known>.+)",
     "unbekannter Name '{name}' an Position {pos}; bekannt: {known}"),
    (r"(?P<f>\w+) takes 1 argument, got (?P<got>\d+) at position (?P<pos>\d+)",
     "{f} braucht 1 Argument, bekam {got} an Position {pos}"),
    (r"(?P<f>\w+) takes (?P<n>\d+) arguments, got (?P<got>\d+) at position (?P<pos>\d+)",
     "{f} braucht {n} Argumente, bekam {got} an Position {pos}"),
    (r"number too large at position (?P<pos>\d+)", "Zahl zu groß an Position {pos}"),
    (r"undefined constant value at position (?P<pos>\d+)",
     "konstanter Wert ohne Ergebnis (z. B. 1/0 oder log(-1)) an Position {pos}"),
    (r"expression too long: (?P<n>\d+) characters, limit (?P<limit>\d+) at position (?P<pos>\d+)",
     "Ausdruck zu lang: {n} Zeichen, Grenze {limit} an Position {pos}"),
    (r"empty expression: expected (?P<what>.+) at position 0", "leerer Ausdruck: erwartet {what} an Position 0"),
    (r"expression too large \(more than (?P<n>\d+) nodes\) at position 0",
     "Ausdruck zu groß (mehr als {n} Knoten) an Position 0"),
    (r"class code is empty: use letters, digits and '-', e\.g\. (?P<ex>\S+)",
     "Klassencode ist leer: Buchstaben, Ziffern und '-' verwenden, z. B. {ex}"),
    (r"class code is too long: (?P<n>\d+) characters \(limit (?P<limit>\d+)\)",
     "Klassencode ist zu lang: {n} Zeichen (Grenze {limit})"),
    (r"class code may only contain letters A-Z, digits and '-', not (?P<bad>.+)",
     "Klassencode darf nur Buchstaben A-Z, Ziffern und '-' enthalten, nicht {bad}"),
)
_COMPILED = tuple((re.compile(pattern + r"\Z", re.DOTALL), template) for pattern, template in PATTERNS)


def _phrases(text: str) -> str:
    for english, german in PHRASES:
        text = text.replace(english, german)
    return text


def error_text(message: str, lang: str) -> str:
    """`message` in the player's language: German when lang is "de" and the shape is known, else unchanged."""
    if lang != "de":
        return message
    for pattern, template in _COMPILED:
        match = pattern.match(message)
        if match:
            return template.format(**{key: _phrases(value) for key, value in match.groupdict().items()})
    return message
