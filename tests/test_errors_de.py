"""German wording of the math core's error messages, for every shape of error the parser and class codes give."""

import pytest

import surfaces
from game.text.errors import error_text

BAD_EXPRESSIONS = ["", "   ", "x +", "(x", "exp(x", "exp x", "x)", "foo(x)", "X", "xy", "sinx", "min(x)",
                   "exp(x, y)", "9^9^9^9", "log(-1)", "x" * 501, "(" * 60 + "x" + ")" * 60, "\u0445", "x $ y",
                   "x * * y", "max(x y"]
BAD_CODES = ["", "A" * 100, "PEAK_1", "A", "PEAK-4821-Q", "PEAK-4821"]


def messages() -> list[str]:
    found = []
    for text in BAD_EXPRESSIONS:
        with pytest.raises(surfaces.ExpressionError) as info:
            surfaces.from_expression(text)
        found.append(str(info.value))
    for code in BAD_CODES:
        with pytest.raises(ValueError) as info:
            surfaces.from_seed(code)
        found.append(str(info.value))
    return found


@pytest.mark.parametrize("message", messages())
def test_every_error_shape_has_german_wording(message):
    german = error_text(message, "de")
    assert german != message
    for english in (" at position ", "expected", "found", "unknown", "takes", "too ", "class code", " or '"):
        assert english not in german, german
    digits = [ch for ch in message if ch.isdigit()]
    assert [ch for ch in german if ch.isdigit()][:len(digits)] == digits or "Position" in german


def test_english_and_unknown_messages_are_unchanged():
    assert error_text("expected ')' at position 3, found the end", "en") == "expected ')' at position 3, found the end"
    assert error_text("something new", "de") == "something new"


def test_a_typical_message_reads_well():
    assert (error_text("expected ')' at position 29 (to close exp( at position 2), found the end", "de")
            == "An Position 29 erwartet: ')' (zum Schließen von exp( an Position 2); gefunden: das Ende")
