"""The step-rule engine (DESIGN "Step rules"): parsing, names, persistence, numpy semantics, hostile rules."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from surfaces.rule import INPUTS, RuleError, compile_rule
from surfaces.rule_parse import MAX_STATEMENTS
from tests.hostile import corpus

ZERO = (0.0,) * 9


def run(text: str, *inputs: float) -> tuple[float, float]:
    rule = compile_rule(text)
    return rule.step(rule.new_state(), *(inputs or ZERO))


def test_gradient_rule_reads_the_inputs() -> None:
    assert run("dx = 0.5*gx\ndy = 0.5*gy", 1, 2, 3, 4, -6, 0, 0, 0, 0) == (2.0, -3.0)


def test_every_input_has_its_place() -> None:
    values = (1.5, -2.0, 3.25, 4.0, 5.5, -6.0, 7.0, 8.5, 9.0)
    for name, value in zip(INPUTS, values):
        assert run(f"dx = {name}; dy = 0", *values)[0] == value


def test_semicolons_new_lines_comments_and_blank_statements() -> None:
    text = "# a comment\n\ndx = 1 ; ; dy = 2 # trailing\n;"
    assert run(text) == (1.0, 2.0)


def test_own_variables_start_at_zero_and_persist() -> None:
    rule = compile_rule("vx = 0.9*vx + gx; vy = 0.9*vy + gy; dx = 0.1*vx; dy = 0.1*vy")
    state = rule.new_state()
    vx = 0.0
    for k, gx in enumerate((1.0, -2.0, 0.5, 3.0)):
        dx, _ = rule.step(state, 0, 0, 0, gx, 0, 0, 0, 0, k)
        vx = 0.9 * vx + gx
        assert dx == 0.1 * vx
    assert rule.values(state)["vx"] == vx
    fresh = rule.new_state()  # a new run starts from 0 again
    assert rule.step(fresh, 0, 0, 0, 1.0, 0, 0, 0, 0, 0)[0] == 0.1


def test_a_variable_read_before_its_assignment_reads_the_last_step() -> None:
    rule = compile_rule("dx = prev; prev = gx; dy = 0")
    state = rule.new_state()
    assert rule.step(state, 0, 0, 0, 5.0, 0, 0, 0, 0, 0)[0] == 0.0
    assert rule.step(state, 0, 0, 0, 7.0, 0, 0, 0, 0, 1)[0] == 5.0


def test_newton_rule_solves_the_two_by_two_system() -> None:
    text = "det = hxx*hyy - hxy^2\ndx = -(hyy*gx - hxy*gy)/det\ndy = -(hxx*gy - hxy*gx)/det"
    g = np.array([1.0, -2.0])
    h = np.array([[-2.0, 0.5], [0.5, -1.0]])
    dx, dy = run(text, 0, 0, 0, g[0], g[1], h[0, 0], h[0, 1], h[1, 1], 0)
    assert np.allclose([dx, dy], -np.linalg.solve(h, g), rtol=1e-14)


@pytest.mark.parametrize("text, line, column, word", [
    ("dx = gz; dy = 1", 1, 6, "unknown name 'gz'"),
    ("dx = 1\ndy = 2*gz", 2, 8, "unknown name 'gz'"),
    ("x = 1; dx = 1; dy = 1", 1, 1, "x is an input"),
    ("dx = 1\n  k = 2\ndy = 1", 2, 3, "k is an input"),
    ("__class__ = 1", 1, 1, "unexpected character '_'"),
    ("dx = gx.real; dy = 1", 1, 8, "unexpected character '.'"),
    ("dx = 1", 1, 7, "must set dy"),
    ("dy = 1", 1, 7, "must set dx"),
    ("dx = 1\ndy = sin gx", 2, 10, "'(' after sin"),
    ("dx = (1; dy = 1", 1, 8, "')'"),
    ("dx = 1 2; dy = 1", 1, 8, "found '2'"),
    ("sin = 1; dx = 1; dy = 1", 1, 1, "function"),
    ("pi = 3; dx = 1; dy = 1", 1, 1, "constant"),
    ("dx = 1e400; dy = 1", 1, 6, "number too large"),
    ("dx = max(gx); dy = 1", 1, 6, "takes 2 arguments"),
    ("", 1, 1, "empty rule"),
    ("dx == 1", 1, 5, "expected"),
    ("1 = dx", 1, 1, "a name to assign"),
])
def test_errors_name_line_and_column(text: str, line: int, column: int, word: str) -> None:
    with pytest.raises(RuleError) as caught:
        compile_rule(text)
    error = caught.value
    assert (error.line, error.column) == (line, column), str(error)
    assert str(error).startswith(f"line {line}, column {column}: ")
    assert word in str(error)
    lines = text.split("\n")
    assert sum(len(s) + 1 for s in lines[:line - 1]) + column - 1 == error.position


@given(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3), st.floats(-1e3, 1e3), st.floats(-1e3, 1e3))
@settings(max_examples=200, deadline=None)
def test_linear_rules_match_python(a: float, b: float, gx: float, gy: float) -> None:
    text = f"dx = {a!r}*gx - {b!r}*gy\ndy = ({a!r} + gy)*{b!r}"
    assert run(text, 0, 0, 0, gx, gy, 0, 0, 0, 0) == (a * gx - b * gy, (a + gy) * b)


@given(st.sampled_from(["exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "abs"]),
       st.floats(allow_nan=True, allow_infinity=True, width=64))
@settings(max_examples=300, deadline=None)
def test_functions_follow_numpy_including_nan_and_inf(name: str, t: float) -> None:
    dx, _ = run(f"dx = {name}(gx); dy = 0", 0, 0, 0, t, 0, 0, 0, 0, 0)
    with np.errstate(all="ignore"):
        ref = float(getattr(np, {"atan": "arctan"}.get(name, name))(np.float64(t)))
    assert dx == ref or (math.isnan(dx) and math.isnan(ref))


@pytest.mark.parametrize("text, expected", [
    ("dx = 1/(gx-gx); dy = 0", math.inf), ("dx = log(gx-gx); dy = 0", -math.inf), ("dx = 0/0; dy = 0", math.nan),
    ("dx = exp(1000); dy = 0", math.inf), ("dx = (-8)^(1/3); dy = 0", math.nan), ("dx = 9^9^9^9; dy = 0", math.inf),
    ("dx = min(1/(gx-gx), 3); dy = 0", 3.0), ("dx = sqrt(-1); dy = 0", math.nan),
])
def test_arithmetic_never_raises(text: str, expected: float) -> None:
    dx, _ = run(text)
    assert dx == expected or (math.isnan(dx) and math.isnan(expected))


def _answered(text: str) -> None:
    start = time.perf_counter()
    try:
        rule = compile_rule(text)
    except RuleError:
        pass
    else:
        state = rule.new_state()
        for k in range(3):
            dx, dy = rule.step(state, 0.3, -0.7, 1.2, 0.5, -0.25, -1.0, 0.1, -2.0, k)
            assert isinstance(dx, float) and isinstance(dy, float)
    elapsed = time.perf_counter() - start
    assert elapsed < 30.0, elapsed  # a hang, not a timing assert (answered within 1 s: see the benchmark)


@pytest.mark.parametrize("expression", corpus())
def test_hostile_expressions_are_refused_or_run(expression: str) -> None:
    _answered(f"dx = {expression}\ndy = {expression}")
    _answered(f"dx = {expression}")
    _answered(expression)


@pytest.mark.parametrize("text", [
    "a=1;" * 10_000 + "dx=1;dy=1",
    "\n".join(f"v{i} = v{i} + 1" for i in range(MAX_STATEMENTS + 1)) + "\ndx=1\ndy=1",
    "dx = " + "+".join(["gx"] * 600) + "; dy = 0",
    "dx = " + "(" * 5000 + "gx" + ")" * 5000 + "; dy = 0",
    "dx = __import__('os'); dy = 0", "dx = gx; dy = gy; exec = 1", "__class__ = 0; dx = 0; dy = 0",
    "dx = lambda: 1", "dx = [gx for gx in gy]", "dx = 'x'; dy = 0", "dx = gx if gy else 1", "dx=1;dy=1;" + "#" * 1990,
])
def test_hostile_rules(text: str) -> None:
    _answered(text)


def test_long_rules_are_refused_at_once() -> None:
    with pytest.raises(RuleError, match="too long"):
        compile_rule("a=1;" * 10_000)
    with pytest.raises(RuleError, match="too many statements"):
        compile_rule("\n".join(f"v{i} = 1" for i in range(MAX_STATEMENTS + 1)))


def test_wide_sums_do_not_nest() -> None:
    text = "dx = " + "+".join(["gx"] * 150) + "\ndy = " + "*".join(["1.01"] * 90)
    dx, dy = run(text, 0, 0, 0, 1.0, 0, 0, 0, 0, 0)
    assert dx == 150.0 and dy == pytest.approx(1.01 ** 90)
