"""Step rules (DESIGN "Step rules"): a learner's few assignments, compiled to closures over floats and run per step.

    rule = surfaces.rule.compile_rule("vx = 0.9*vx + gx; vy = 0.9*vy + gy; dx = 0.1*vx; dy = 0.1*vy")
    state = rule.new_state()
    dx, dy = rule.step(state, x, y, f, gx, gy, hxx, hxy, hyy, k)

Own variables start at 0 and keep their value from one step to the next (they live in ``state``).
Arithmetic follows numpy's float64 rules: where ``math`` raises (1/0, log(-1), exp(1000)) the operation is
done by numpy instead, so a rule gives inf or nan, never an exception; the caller decides what a non-finite
step means.  No eval, no recursion beyond the parser's nesting limit.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

from .functions import TABLE
from .rule_parse import INPUTS, OUTPUTS, RuleError, parse_rule
from .scalar import FUNCTIONS as SCALAR, SCALAR_ERRORS

Getter = Callable[[list], float]


def _numpy(fn: Callable, *args: float) -> float:
    with np.errstate(all="ignore"):
        return float(fn(*(np.float64(a) for a in args)))


def _safe(name: str) -> Callable:
    fast, slow = SCALAR[name], TABLE[name].numpy

    def call(*args: float) -> float:
        try:
            return fast(*args)
        except SCALAR_ERRORS:
            return _numpy(slow, *args)
    return call


_CALLS = {name: _safe(name) for name in TABLE}


def _div(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        return _numpy(np.divide, a, b)


def _pow(a: float, b: float) -> float:
    if b == 2.0:
        return a * a
    try:
        return math.pow(a, b)
    except SCALAR_ERRORS:
        return _numpy(np.power, a, b)


def _leaf(tree: tuple, slots: dict[str, int]) -> tuple[str, object]:
    """("C", value) for a constant, ("R", register) for a name, ("F", closure) otherwise."""
    if tree[0] == "num":
        return "C", tree[1]
    if tree[0] == "var":
        return "R", slots[tree[1]]
    return "F", _compile(tree, slots)


def _getter(kind: str, a) -> Getter:
    if kind == "F":
        return a
    if kind == "R":
        return lambda r: r[a]
    return lambda r: a


def _sum(terms: tuple, slots: dict[str, int]) -> Getter:
    parts = [(sign, _getter(*_leaf(t, slots))) for sign, t in terms]
    if len(parts) == 2:
        (sa, a), (sb, b) = parts
        if sa > 0:
            return (lambda r: a(r) + b(r)) if sb > 0 else (lambda r: a(r) - b(r))

    def total(r: list) -> float:
        s = 0.0
        for sign, g in parts:
            s = s + g(r) if sign > 0 else s - g(r)
        return s
    return total


def _prod(factors: tuple, slots: dict[str, int]) -> Getter:
    leaves = [(op, _leaf(t, slots)) for op, t in factors]
    if len(leaves) == 2 and leaves[1][0] == "*":
        (ka, a), (kb, b) = leaves[0][1], leaves[1][1]
        if ka == "C" and kb == "R":
            return lambda r: a * r[b]
        if ka == "C" and kb == "F":
            return lambda r: a * b(r)
        if ka == "R" and kb == "R":
            return lambda r: r[a] * r[b]
    parts = [(op, _getter(*leaf)) for op, leaf in leaves]

    def product(r: list) -> float:
        p = parts[0][1](r)
        for op, g in parts[1:]:
            p = p * g(r) if op == "*" else _div(p, g(r))
        return p
    return product


def _compile(tree: tuple, slots: dict[str, int]) -> Getter:
    op = tree[0]
    if op in ("num", "var"):
        return _getter(*_leaf(tree, slots))
    if op == "sum":
        return _sum(tree[1], slots)
    if op == "prod":
        return _prod(tree[1], slots)
    if op == "neg":
        a = _compile(tree[1], slots)
        return lambda r: -a(r)
    if op == "pow":
        base, exponent = _compile(tree[1], slots), _compile(tree[2], slots)
        return lambda r: _pow(base(r), exponent(r))
    fn = _CALLS[tree[1]]
    args = [_compile(t, slots) for t in tree[2]]
    if len(args) == 1:
        a = args[0]
        return lambda r: fn(a(r))
    a, b = args
    return lambda r: fn(a(r), b(r))


class StepRule:
    """A compiled step rule; ``variables`` are its own names (dx and dy among them), in order of first assignment."""

    def __init__(self, text: str) -> None:
        statements = parse_rule(text)
        self.text = text
        own: list[str] = []
        for target, _ in statements:
            if target not in own:
                own.append(target)
        self.variables = tuple(own)
        slots = {name: i for i, name in enumerate(INPUTS + self.variables)}
        self.code = tuple((slots[target], _compile(tree, slots)) for target, tree in statements)
        self.dx, self.dy = slots[OUTPUTS[0]], slots[OUTPUTS[1]]
        self.size = len(slots)

    def new_state(self) -> list[float]:
        """Registers for one run: the inputs, then the own variables (all 0 at the start)."""
        return [0.0] * self.size

    def step(self, state: list[float], x: float, y: float, f: float, gx: float, gy: float,
             hxx: float, hxy: float, hyy: float, k: float) -> tuple[float, float]:
        """(dx, dy) for one step; updates the own variables in ``state``. Never raises on numbers."""
        state[0:9] = (float(x), float(y), float(f), float(gx), float(gy), float(hxx), float(hxy), float(hyy),
                      float(k))
        for target, fn in self.code:
            state[target] = fn(state)
        return state[self.dx], state[self.dy]

    def values(self, state: list[float]) -> dict[str, float]:
        """The own variables' current values by name."""
        return {name: state[len(INPUTS) + i] for i, name in enumerate(self.variables)}


def compile_rule(text: str) -> StepRule:
    """Parse and compile a rule, or raise RuleError (an ExpressionError) naming the line and column."""
    return StepRule(text)


__all__ = ["INPUTS", "OUTPUTS", "RuleError", "StepRule", "compile_rule"]
