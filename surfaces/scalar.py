"""Scalar fast path: run a compiled ``Program`` on two Python floats with ``math`` instead of numpy.

One probe evaluates a handful of straight-line programs at a single point.  Through numpy every
instruction is a ufunc call on 0-d arrays (about 1 µs each); here an instruction is one call of an
``operator``/``math`` function on floats (about 0.1 µs).  The instruction list is built once from the
same register program the numpy path runs (no ``eval``/``exec``), so both apply the same operations to
the same operands in the same order and agree bit for bit wherever ``math`` and numpy use the same
libm routine (checked at import for every function, see ``_agrees``; a function that disagrees here is
called through its numpy ufunc instead).

Where numpy quietly gives inf/nan, ``math`` raises (``ValueError`` for log(0), sqrt(-1), sin(inf) and
pow domain errors, ``OverflowError`` for exp(1000), ``ZeroDivisionError`` for 1/0).  ``run`` lets those
escape (``SCALAR_ERRORS``); the caller (``Surface``) then evaluates that one call on the numpy path, so
results are the same nan/inf as before, never an exception.
"""

from __future__ import annotations

import math
import operator
from typing import Callable

import numpy as np

from .program import Program

# what math/float arithmetic raises where numpy returns inf or nan
SCALAR_ERRORS = (ValueError, OverflowError, ZeroDivisionError)

_LEAVES = ("num", "pi", "e")


def _sigmoid(t: float) -> float:
    """Same formula as expr._sigmoid (so the same rounding)."""
    e = math.exp(-abs(t))
    return 1.0 / (1.0 + e) if t >= 0 else e / (1.0 + e)


def _sign(t: float) -> float:
    """np.sign on floats: 1, -1, 0.0 for ±0, nan for nan."""
    return 1.0 if t > 0 else -1.0 if t < 0 else t if t != t else 0.0


def _minimum(a: float, b: float) -> float:
    """np.minimum on floats (nan propagates; ties return the second argument, like numpy)."""
    return a if a < b or a != a else b


def _maximum(a: float, b: float) -> float:
    return a if a > b or a != a else b


def _selmin(a: float, b: float, u: float, v: float) -> float:
    return u if a <= b else v


def _selmax(a: float, b: float, u: float, v: float) -> float:
    return u if a >= b else v


def _via_numpy(ufunc: Callable) -> Callable[[float], float]:
    """Call a numpy ufunc on one float; non-finite results go to the numpy fallback like math errors do."""
    def call(t: float) -> float:
        with np.errstate(all="ignore"):
            r = float(ufunc(t))
        if r - r != 0.0 and t - t == 0.0:  # non-finite from a finite argument: let the numpy path decide
            raise OverflowError
        return r
    return call


_MATH: dict[str, tuple[Callable, Callable]] = {  # name: (math version, numpy reference)
    "exp": (math.exp, np.exp), "log": (math.log, np.log), "sqrt": (math.sqrt, np.sqrt),
    "sin": (math.sin, np.sin), "cos": (math.cos, np.cos), "tan": (math.tan, np.tan),
    "sinh": (math.sinh, np.sinh), "cosh": (math.cosh, np.cosh), "tanh": (math.tanh, np.tanh),
    "atan": (math.atan, np.arctan),
}


def _agrees(fn: Callable, ref: Callable, name: str) -> bool:
    """True when ``fn`` gives bit-identical results to the numpy ufunc on a spread of arguments."""
    rng = np.random.default_rng(12345)
    t = np.concatenate([rng.uniform(-4.0, 4.0, 400), rng.uniform(-40.0, 40.0, 200),
                        np.linspace(-1.0, 1.0, 201)])
    if name in ("log", "sqrt"):
        t = np.abs(t) + 1e-3
    ref_values = ref(t)
    return all(fn(v) == r for v, r in zip(t.tolist(), ref_values.tolist()))


def _unary_table() -> dict[str, Callable]:
    table: dict[str, Callable] = {}
    for name, (fn, ref) in _MATH.items():
        table[name] = fn if _agrees(fn, ref, name) else _via_numpy(ref)
    table.update({"abs": abs, "neg": operator.neg, "sign": _sign, "sigmoid": _sigmoid})
    return table


def _square(a: float, _: float) -> float:
    return a * a


def _first(a: float, _: float) -> float:
    return a


def _pow(a: float, b: float) -> float:
    """expr._power as the numpy path applies it to scalars (every scalar there is a float)."""
    if b == 2.0:
        return a * a
    if b == 1.0:
        return a
    return math.pow(a, b)


UNARY = _unary_table()
BINARY: dict[str, Callable] = {
    "add": operator.add, "mul": operator.mul, "div": operator.truediv, "pow": _pow,
    "min": _minimum, "max": _maximum,
}
QUAD: dict[str, Callable] = {"selmin": _selmin, "selmax": _selmax}


# Binary closures by operand kind: F = inlined subtree (a closure of r), R = register r[i], C = constant.
def _add(ka: str, a, kb: str, b) -> Callable | None:
    return {
        "FF": lambda r: a(r) + b(r), "FR": lambda r: a(r) + r[b], "RF": lambda r: r[a] + b(r),
        "RR": lambda r: r[a] + r[b], "FC": lambda r: a(r) + b, "CF": lambda r: a + b(r),
        "RC": lambda r: r[a] + b, "CR": lambda r: a + r[b],
    }.get(ka + kb)


def _mul(ka: str, a, kb: str, b) -> Callable | None:
    return {
        "FF": lambda r: a(r) * b(r), "FR": lambda r: a(r) * r[b], "RF": lambda r: r[a] * b(r),
        "RR": lambda r: r[a] * r[b], "FC": lambda r: a(r) * b, "CF": lambda r: a * b(r),
        "RC": lambda r: r[a] * b, "CR": lambda r: a * r[b],
    }.get(ka + kb)


def _div(ka: str, a, kb: str, b) -> Callable | None:
    return {
        "FF": lambda r: a(r) / b(r), "FR": lambda r: a(r) / r[b], "RF": lambda r: r[a] / b(r),
        "RR": lambda r: r[a] / r[b], "FC": lambda r: a(r) / b, "CF": lambda r: a / b(r),
        "RC": lambda r: r[a] / b, "CR": lambda r: a / r[b],
    }.get(ka + kb)


def _square_of(ka: str, a) -> Callable:
    if ka == "R":
        return lambda r: r[a] * r[a]
    if ka == "C":
        return lambda r: a * a

    def square(r):
        t = a(r)
        return t * t
    return square


def _getter(kind: str, a) -> Callable:
    """Any operand as a closure of r (for the rarer operations)."""
    if kind == "F":
        return a
    if kind == "R":
        return lambda r: r[a]
    return lambda r: a


def _apply(fn: Callable, operands: list[tuple[str, object]]) -> Callable:
    if len(operands) == 1:
        ka, a = operands[0]
        if ka == "F":
            return lambda r: fn(a(r))  # type: ignore[operator]
        if ka == "R":
            return lambda r: fn(r[a])
    if len(operands) == 2:
        (ka, a), (kb, b) = operands
        ga, gb = _getter(ka, a), _getter(kb, b)
        return lambda r: fn(ga(r), gb(r))
    getters = [_getter(k, v) for k, v in operands]
    return lambda r: fn(*[g(r) for g in getters])


_FAST_BINARY = {"add": _add, "mul": _mul, "div": _div}


class ScalarProgram:
    """A ``Program`` as a chain of closures over a register list of floats (built once, no eval).

    A node used once is inlined into its parent's closure; a node used more than once (or an output)
    is computed once into a register by a top-level closure, in program order.  n-ary sums and
    products are left folds in the numpy path's order (((a+b)+c)+d), so every operation sees the same
    operands as there.  Constants are baked into the closures.
    """

    __slots__ = ("template", "lets", "outputs", "ix", "iy", "first")

    def __init__(self, program: Program) -> None:
        code = program.code
        n = len(code)
        uses = [0] * n
        for _, _, args in code:
            for a in args:
                uses[a] += 1
        for o in program.outputs:
            uses[o] += 2  # outputs always live in registers
        operand: list[tuple[str, object]] = [("C", 0.0)] * n
        lets: list[tuple[int, Callable]] = []
        ix = iy = n  # the last register is scratch for an unused x or y
        for i, (op, value, args) in enumerate(code):
            if op in _LEAVES:
                operand[i] = ("C", value)
                continue
            if op in ("x", "y"):
                if op == "x":
                    ix = i
                else:
                    iy = i
                operand[i] = ("R", i)
                continue
            ops = [operand[a] for a in args]
            if op in _FAST_BINARY:
                make = _FAST_BINARY[op]
                kind, acc = ops[0]
                for kb, b in ops[1:]:
                    fn = make(kind, acc, kb, b) or _apply(BINARY[op], [(kind, acc), (kb, b)])
                    kind, acc = "F", fn
                closure = acc if kind == "F" else _getter(kind, acc)
            elif op == "pow":
                (ka, a), (kb, b) = ops
                if kb == "C" and b == 2.0:  # expr._power: an exponent 2 is a*a, 1 is a
                    closure = _square_of(ka, a)
                elif kb == "C" and b == 1.0:
                    closure = _getter(ka, a)
                else:
                    closure = _apply(_pow, ops)
            elif op == "neg":
                ka, a = ops[0]
                if ka == "F":
                    closure = lambda r, a=a: -a(r)  # type: ignore[misc]  # noqa: E731
                elif ka == "R":
                    closure = lambda r, a=a: -r[a]  # type: ignore[misc]  # noqa: E731
                else:
                    closure = _apply(operator.neg, ops)
            elif op in UNARY:
                closure = _apply(UNARY[op], ops)
            elif op in BINARY:
                closure = _apply(BINARY[op], ops)
            elif op in QUAD:
                closure = _apply(QUAD[op], ops)
            else:  # pragma: no cover - every op of the language is listed above
                raise ValueError(f"no scalar kernel for {op!r}")
            if uses[i] > 1:
                lets.append((i, closure))
                operand[i] = ("R", i)
            else:
                operand[i] = ("F", closure)
        template: list[float] = [0.0] * (n + 1)
        for i, (op, value, _) in enumerate(code):
            if op in _LEAVES:
                template[i] = value
        self.template = template
        self.lets = tuple(lets)
        self.outputs = tuple(program.outputs)
        self.ix, self.iy = ix, iy
        # a single closure computing the first output, when nothing needs a register (value programs)
        self.first = None
        if len(lets) == 1 and lets[0][0] == self.outputs[0]:
            self.first = lets[0][1]

    def run(self, x: float, y: float) -> list[float]:
        """All outputs at one point (floats). May raise one of SCALAR_ERRORS: then use the numpy path."""
        r = self.template[:]
        r[self.ix] = x
        r[self.iy] = y
        for i, fn in self.lets:
            r[i] = fn(r)
        return [r[o] for o in self.outputs]

    def value(self, x: float, y: float) -> float:
        """The first output only."""
        r = self.template[:]
        r[self.ix] = x
        r[self.iy] = y
        first = self.first
        if first is not None:
            return first(r)
        for i, fn in self.lets:
            r[i] = fn(r)
        return r[self.outputs[0]]


def as_real_scalar(v) -> float | None:
    """``v`` as a float when it is a real Python/numpy scalar (or 0-d real array), else None."""
    t = type(v)
    if t is float:
        return v
    if t is int or isinstance(v, (float, int, np.floating, np.integer, np.bool_)):
        return float(v)
    if isinstance(v, np.ndarray) and v.ndim == 0 and v.dtype.kind in "fiub":
        return float(v)
    return None
