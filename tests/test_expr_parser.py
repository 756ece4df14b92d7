"""Parser: valid syntax, error positions and messages, hostile input, limits and round-trips."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import surfaces
from surfaces import ExpressionError
from surfaces.expr import to_string
from surfaces.parse import MAX_DEPTH, MAX_LENGTH, parse

from exprgen import expressions, points

X, Y = 0.7, -1.3

VALID = [
    ("2", lambda x, y: 2.0),
    ("0.5 + .5 + 1e-3 + 2E+1", lambda x, y: 0.5 + 0.5 + 1e-3 + 20.0),
    ("x - y", lambda x, y: x - y),
    ("x*y/2", lambda x, y: x * y / 2),
    ("x^2", lambda x, y: x ** 2),
    ("x**2", lambda x, y: x ** 2),
    ("-x^2", lambda x, y: -(x ** 2)),
    ("2^3^2", lambda x, y: 2.0 ** 9),
    ("2^-1", lambda x, y: 0.5),
    ("x - -y", lambda x, y: x + y),
    ("+x", lambda x, y: x),
    ("1/2x", lambda x, y: 0.5 * x),
    ("2x", lambda x, y: 2 * x),
    ("3(x+1)", lambda x, y: 3 * (x + 1)),
    ("(x+1)(y-1)", lambda x, y: (x + 1) * (y - 1)),
    ("2 sin(x)", lambda x, y: 2 * math.sin(x)),
    ("2pi", lambda x, y: 2 * math.pi),
    ("x y", lambda x, y: x * y),
    ("2x^2", lambda x, y: 2 * x * x),
    ("e^x", lambda x, y: math.exp(x)),
    ("exp(1) - e", lambda x, y: 0.0),
    ("pi", lambda x, y: math.pi),
    ("sqrt(x^2 + y^2)", lambda x, y: math.hypot(x, y)),
    ("log(2)", lambda x, y: math.log(2)),
    ("sin(x) + cos(y) + tan(x)", lambda x, y: math.sin(x) + math.cos(y) + math.tan(x)),
    ("sinh(x) + cosh(y) + tanh(x) + atan(y)",
     lambda x, y: math.sinh(x) + math.cosh(y) + math.tanh(x) + math.atan(y)),
    ("sigmoid(x)", lambda x, y: 1 / (1 + math.exp(-x))),
    ("abs(y)", lambda x, y: abs(y)),
    ("min(x, y) + max(x, y)", lambda x, y: x + y),
    ("\u2212x \u00d7 2 \u00b7 y", lambda x, y: -x * 2 * y),
    ("  x\t+\ny  ", lambda x, y: x + y),
]


@pytest.mark.parametrize("text,ref", VALID)
def test_valid_expressions_evaluate_correctly(text, ref):
    s = surfaces.from_expression(text)
    assert float(s(X, Y)) == pytest.approx(ref(X, Y), rel=1e-14, abs=1e-14)


INVALID = [
    ("", 0, "empty"),
    ("   ", 0, "empty"),
    ("x +", 3, "expected a number, x, y, a function or '('"),
    ("(x + 1", 6, "expected ')'"),
    ("x + 1)", 5, "unmatched ')'"),
    ("2 3", 2, "expected an operator"),
    ("x ^ * 2", 4, "expected a number"),
    ("foo(x)", 0, "unknown name 'foo'"),
    ("sinx", 0, "did you mean sin(x)"),
    ("xy", 0, "write x*y"),
    ("2*PI", 2, "names are lower-case: pi"),
    ("eхp(x)", 1, "CYRILLIC SMALL LETTER HA"),
    ("sin x", 4, "expected '(' after sin"),
    ("sin(x, y)", 0, "sin takes 1 argument"),
    ("min(x)", 0, "min takes 2 arguments"),
    ("max(x, y, 1)", 0, "max takes 2 arguments"),
    ("x $ y", 2, "unexpected character '$'"),
    ("x + y;", 5, "unexpected character ';'"),
    ("x = 1", 2, "unexpected character '='"),
    ("1e999", 0, "number too large"),
    ("1/0 + x", 1, "number too large"),
    ("log(-1) + x", 0, "undefined"),
    ("\u0445 + 1", 0, "CYRILLIC SMALL LETTER HA"),
    ("x + \u0443", 4, "U+0443"),
    ("x\u00b2", 1, "SUPERSCRIPT TWO"),
    ("2\uff0bx", 1, "FULLWIDTH PLUS SIGN"),
]


@pytest.mark.parametrize("text,position,needle", INVALID)
def test_invalid_expressions_report_position_and_expectation(text, position, needle):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.position == position
    assert needle in str(info.value)
    assert f"position {position}" in str(info.value)
    assert isinstance(info.value, ValueError)


HOSTILE = [
    ("__import__('os')", 0),
    ("x.__class__", 1),
    ("lambda: 1", 0),
    ("[x for x in y]", 0),
    ('os.system("ls")', 0),
    ("exec(1)", 0),
    ("eval('x')", 0),
    ("x if y else 1", 2),
    ("9^9^9^9", 3),
    ("10**10**10", 2),
    ("exp(exp(exp(10)))", 4),
    ("(" * 10_000 + "x" + ")" * 10_000, MAX_LENGTH),
    ("x+" * 500_000 + "x", MAX_LENGTH),
    ("(" * (MAX_DEPTH + 5) + "x" + ")" * (MAX_DEPTH + 5), MAX_DEPTH),
    ("-" * 400 + "x", MAX_DEPTH),
    ("sin(" * 100 + "x" + ")" * 100, None),
    ("x^" * 200 + "x", None),
]


@pytest.mark.parametrize("text,position", HOSTILE)
def test_hostile_input_is_rejected_quickly(text, position):
    start = time.perf_counter()
    with pytest.raises(ExpressionError) as info:
        surfaces.from_expression(text)
    assert time.perf_counter() - start < 1.0
    if position is not None:
        assert info.value.position == position
    assert 0 <= info.value.position <= len(text)


def test_limits_are_errors_not_hangs():
    with pytest.raises(ExpressionError, match="too long"):
        parse("x" * (MAX_LENGTH + 1))
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * 60 + "x" + ")" * 60)
    # right at the limits it works
    parse("(" * (MAX_DEPTH - 1) + "x" + ")" * (MAX_DEPTH - 1))
    parse("+".join(["x"] * (MAX_LENGTH // 2)))


def test_long_chains_do_not_recurse():
    # 166 divisions form a deep left-leaning tree: derivatives and printing must not hit recursion limits
    text = "x" + "/1.01" * 83 + "/y" * 83
    s = surfaces.from_expression(text[:MAX_LENGTH])
    assert np.isfinite(s.gradient(1.0, 1.0)).all()
    assert np.isfinite(s.hessian(1.0, 1.0)).all()
    assert parse(s.expression) is not None


def test_non_string_is_rejected():
    with pytest.raises(ExpressionError):
        parse(42)  # type: ignore[arg-type]


def test_canonical_text_examples():
    assert surfaces.from_expression("3*exp(-((x-1)^2 + y^2)) - 0.2*x").expression == \
        "3*exp(-((x - 1)^2 + y^2)) - 0.2*x"
    assert surfaces.from_expression("2x + 3(y+1)").expression == "2*x + 3*(y + 1)"
    assert surfaces.from_expression("x*-y").expression == "-x*y"
    assert surfaces.from_expression("2*pi*x").expression == "2*pi*x"
    assert surfaces.from_expression("(x^y)^3 + x^y^3").expression == "(x^y)^3 + x^y^3"
    assert surfaces.from_expression("x^2^3").expression == "x^8"


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(expressions(max_leaves=10), points())
def test_round_trip_is_exact(pair, pt):
    text, _ = pair
    try:
        tree = parse(text)
    except ExpressionError:
        return
    canonical = to_string(tree)
    again = parse(canonical)
    assert to_string(again) == canonical
    a = surfaces.from_expression(text)
    b = surfaces.from_expression(canonical)
    x = np.array([pt[0], 0.3, -1.7])
    y = np.array([pt[1], 1.1, 0.4])
    np.testing.assert_array_equal(a(x, y), b(x, y))


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="xy0123456789.+-*/^() ,eapisnqrtlogcmdb\u2212", max_size=40))
def test_random_text_never_crashes(text):
    try:
        s = surfaces.from_expression(text)
    except ExpressionError as err:
        assert 0 <= err.position <= len(text)
        return
    s(np.array([0.5, -1.0]), np.array([0.25, 2.0]))


def test_function_names_are_public_in_documented_order_and_each_parses_evaluates_and_differentiates():
    assert surfaces.FUNCTION_NAMES == ("exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan",
                                       "sigmoid", "abs", "min", "max")
    for name in surfaces.FUNCTION_NAMES:
        args = ", ".join(["x + 2", "y + 3"][: 2 if name in ("min", "max") else 1])
        s = surfaces.from_expression(f"{name}({args})")
        value, (gx, gy), _ = s.value_gradient_hessian(0.25, 0.5)
        assert math.isfinite(value) and math.isfinite(gx) and math.isfinite(gy), name


def test_the_reference_oracles_know_every_function():
    """sympy (tests/exprgen.py) and mpmath (benchmarks) implement the language independently; they must keep up with it."""
    from benchmarks import accuracy
    from exprgen import _UNARY
    from surfaces.functions import TABLE

    one_argument = {name for name in surfaces.FUNCTION_NAMES if name not in ("min", "max")}
    assert set(_UNARY) == one_argument
    pytest.importorskip("mpmath")
    import mpmath

    assert set(TABLE) <= set(accuracy._mp_ops(mpmath))  # every function the trees can hold, internal ones too
