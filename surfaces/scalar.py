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

from .functions import TABLE
from .program import Program

# what math/float arithmetic raises where numpy returns inf or nan
SCALAR_ERRORS = (ValueError, OverflowError, ZeroDivisionError)

_LEAVES = ("num", "pi", "e")


def _via_numpy(ufunc: Callable) -> Callable[[float], float]:
    """Call a numpy ufunc on one float; non-finite results go to the numpy fallback like math errors do."""
    def call(t: float) -> float:
        with np.errstate(all="ignore"):
            r = float(ufunc(t))
        if r - r != 0.0 and t - t == 0.0:  # non-finite from a finite argument: let the numpy path decide
            raise OverflowError
        return r
    return call


def _agrees(fn: Callable, ref: Callable, name: str) -> bool:
    """True when ``fn`` gives bit-identical results to the numpy ufunc on a spread of arguments."""
    rng = np.random.default_rng(12345)
    t = np.concatenate([rng.uniform(-4.0, 4.0, 400), rng.uniform(-40.0, 40.0, 200),
                        np.linspace(-1.0, 1.0, 201)])
    if name in ("log", "sqrt"):
        t = np.abs(t) + 1e-3
    ref_values = ref(t)
    return all(fn(v) == r for v, r in zip(t.tolist(), ref_values.tolist()))


def _function_table() -> dict[str, Callable]:
    """Each function's float version; a libm routine that disagrees with numpy here goes through numpy."""
    table: dict[str, Callable] = {}
    for name, f in TABLE.items():
        table[name] = f.scalar if not f.libm or _agrees(f.scalar, f.numpy, name) else _via_numpy(f.numpy)
    return table


def _pow(a: float, b: float) -> float:
    """expr._power as the numpy path applies it to scalars (every scalar there is a float)."""
    if b == 2.0:
        return a * a
    if b == 1.0:
        return a
    return math.pow(a, b)


FUNCTIONS = _function_table()
BINARY: dict[str, Callable] = {"add": operator.add, "mul": operator.mul, "div": operator.truediv}
MAX_DEPTH = 64  # closures nest at most this deep; deeper values go through a register (Python's stack is ~1000)


# Binary closures by operand kind: F = inlined subtree (a closure of r), R = register r[i], C = constant.
# Each table maps the two kinds to a maker, so a call builds only the one closure it returns.
_ADD = {
    "FF": lambda a, b: lambda r: a(r) + b(r), "FR": lambda a, b: lambda r: a(r) + r[b],
    "RF": lambda a, b: lambda r: r[a] + b(r), "RR": lambda a, b: lambda r: r[a] + r[b],
    "FC": lambda a, b: lambda r: a(r) + b, "CF": lambda a, b: lambda r: a + b(r),
    "RC": lambda a, b: lambda r: r[a] + b, "CR": lambda a, b: lambda r: a + r[b],
}
_MUL = {
    "FF": lambda a, b: lambda r: a(r) * b(r), "FR": lambda a, b: lambda r: a(r) * r[b],
    "RF": lambda a, b: lambda r: r[a] * b(r), "RR": lambda a, b: lambda r: r[a] * r[b],
    "FC": lambda a, b: lambda r: a(r) * b, "CF": lambda a, b: lambda r: a * b(r),
    "RC": lambda a, b: lambda r: r[a] * b, "CR": lambda a, b: lambda r: a * r[b],
}
_DIV = {
    "FF": lambda a, b: lambda r: a(r) / b(r), "FR": lambda a, b: lambda r: a(r) / r[b],
    "RF": lambda a, b: lambda r: r[a] / b(r), "RR": lambda a, b: lambda r: r[a] / r[b],
    "FC": lambda a, b: lambda r: a(r) / b, "CF": lambda a, b: lambda r: a / b(r),
    "RC": lambda a, b: lambda r: r[a] / b, "CR": lambda a, b: lambda r: a / r[b],
}


def _binary(table: dict[str, Callable]) -> Callable[..., Callable | None]:
    def make(ka: str, a, kb: str, b) -> Callable | None:
        maker = table.get(ka + kb)
        return maker(a, b) if maker else None
    return make


_add, _mul, _div = _binary(_ADD), _binary(_MUL), _binary(_DIV)


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


def _fold_closure(op: str, ops: list[tuple[str, object]], depths: list[int] | None = None,
                  spill: Callable[[Callable], tuple[str, object]] | None = None) -> Callable:
    """An n-ary sum, product or quotient as a left fold (((a+b)+c)+d), like the numpy path.

    Each fused step nests one closure deeper; with `spill`, the running value is stored in a register
    whenever the nesting reaches MAX_DEPTH (the same floats, without unbounded recursion)."""
    make = _FAST_BINARY[op]
    depths = depths or [0] * len(ops)
    kind, acc = ops[0]
    depth = depths[0]
    for (kb, b), db in zip(ops[1:], depths[1:]):
        fn = make(kind, acc, kb, b) or _apply(BINARY[op], [(kind, acc), (kb, b)])
        kind, acc = "F", fn
        depth = max(depth, db) + 1
        if spill is not None and depth >= MAX_DEPTH:
            (kind, acc), depth = spill(fn), 0
    return acc if kind == "F" else _getter(kind, acc)  # type: ignore[return-value]


def _pow_closure(ops: list[tuple[str, object]]) -> Callable:
    (ka, a), (kb, b) = ops
    if kb == "C" and b == 2.0:  # expr._power: an exponent 2 is a*a, 1 is a
        return _square_of(ka, a)
    if kb == "C" and b == 1.0:
        return _getter(ka, a)
    return _apply(_pow, ops)


def _neg_closure(ops: list[tuple[str, object]]) -> Callable:
    ka, a = ops[0]
    if ka == "F":
        return lambda r: -a(r)  # type: ignore[operator]
    if ka == "R":
        return lambda r: -r[a]
    return _apply(operator.neg, ops)


def _closure(op: str, ops: list[tuple[str, object]], depths: list[int] | None = None,
             spill: Callable[[Callable], tuple[str, object]] | None = None) -> Callable:
    """The closure of r computing one instruction from its operands."""
    if op in _FAST_BINARY:
        return _fold_closure(op, ops, depths, spill)
    if op == "pow":
        return _pow_closure(ops)
    if op == "neg":
        return _neg_closure(ops)
    if op in FUNCTIONS:
        return _apply(FUNCTIONS[op], ops)
    raise ValueError(f"no scalar kernel for {op!r}")  # pragma: no cover - every op is listed above


def _use_counts(program: Program) -> list[int]:
    """How often each register is read; outputs count twice (they always live in registers)."""
    uses = [0] * len(program.code)
    for _, _, args in program.code:
        for a in args:
            uses[a] += 1
    for o in program.outputs:
        uses[o] += 2
    return uses


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
        uses = _use_counts(program)
        operand: list[tuple[str, object]] = [("C", 0.0)] * n
        depth = [0] * n  # how deep the closure of an inlined ("F") operand nests
        lets: list[tuple[int, Callable]] = []
        template: list[float] = [0.0] * (n + 1)
        self.ix = self.iy = n  # the last register is scratch for an unused x or y

        def spill(closure: Callable) -> tuple[str, object]:
            """Compute `closure` into a new scratch register (in order) and read it from there."""
            template.append(0.0)
            lets.append((len(template) - 1, closure))
            return ("R", len(template) - 1)

        for i, (op, value, args) in enumerate(code):
            if op in _LEAVES:
                operand[i] = ("C", value)
                template[i] = value
            elif op in ("x", "y"):
                if op == "x":
                    self.ix = i
                else:
                    self.iy = i
                operand[i] = ("R", i)
            else:
                closure = _closure(op, [operand[a] for a in args], [depth[a] for a in args], spill)
                depth[i] = 1 + max((depth[a] for a in args), default=0)
                if uses[i] > 1 or depth[i] >= MAX_DEPTH:
                    lets.append((i, closure))
                    operand[i], depth[i] = ("R", i), 0
                else:
                    operand[i] = ("F", closure)
        self.template = template
        self.lets = tuple(lets)
        self.outputs = tuple(program.outputs)
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
