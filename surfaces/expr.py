"""Immutable expression trees: nodes, simplifying constructors, numeric kernels and canonical text."""

from __future__ import annotations

import math
from typing import Callable, Iterable, Sequence

import numpy as np

from .functions import TABLE

# Bit flags telling which variables a subtree depends on.
DEP_X = 1
DEP_Y = 2



def _power(a, b):
    if isinstance(b, float):
        if b == 2.0:
            return a * a
        if b == 1.0:
            return a
    return np.power(a, b)


# numpy kernels, shared by constant folding and evaluation (so both agree bit for bit).
KERNELS: dict[str, Callable] = {
    **{name: f.numpy for name, f in TABLE.items()},
    "neg": np.negative, "div": np.divide, "pow": _power,
}


class Node:
    """One immutable node: ``op`` is num, x, y, pi, e, add, mul, neg, div, pow or a function name.

    ``pi`` and ``e`` are kept as named constant leaves (not folded) so the canonical text stays
    readable ("2*pi*x"); ``value`` holds their number.
    """

    __slots__ = ("op", "args", "value", "deps")

    def __init__(self, op: str, args: tuple = (), value: float = 0.0) -> None:
        deps = DEP_X if op == "x" else DEP_Y if op == "y" else 0
        for a in args:
            deps |= a.deps
        object.__setattr__(self, "op", op)
        object.__setattr__(self, "args", tuple(args))
        object.__setattr__(self, "value", float(value))
        object.__setattr__(self, "deps", deps)

    def __setattr__(self, name, value):
        raise AttributeError("Node is immutable")

    def __repr__(self) -> str:
        return f"Node({to_string(self)!r})"


X = Node("x")
Y = Node("y")
PI = Node("pi", (), math.pi)
E = Node("e", (), math.e)
ZERO = Node("num", (), 0.0)
ONE = Node("num", (), 1.0)


def num(v: float) -> Node:
    """A numeric constant."""
    v = float(v)
    if v == 0.0 and math.copysign(1.0, v) > 0:
        return ZERO
    if v == 1.0:
        return ONE
    return Node("num", (), v)


def fold(op: str, values: Sequence[float]) -> float:
    """Apply ``op`` to constant arguments with the evaluation kernels (may give inf/nan)."""
    with np.errstate(all="ignore"):
        if op == "add":
            return float(sum(values[1:], values[0]))
        if op == "mul":
            r = values[0]
            for v in values[1:]:
                r = r * v
            return float(r)
        return float(KERNELS[op](*(np.float64(v) for v in values)))


def add(*terms: Node) -> Node:
    """Sum; flattens nested sums, merges constants into the first constant's place, drops 0."""
    flat: list[Node] = []
    for t in terms:
        flat.extend(t.args if t.op == "add" else (t,))
    consts = [t.value for t in flat if t.op == "num"]
    if len(consts) == len(flat):
        return num(fold("add", consts)) if consts else ZERO
    if consts:
        total = fold("add", consts)
        out: list[Node] = []
        placed = False
        for t in flat:
            if t.op != "num":
                out.append(t)
            elif not placed:
                placed = True
                if total != 0.0:
                    out.append(num(total))
        flat = out
    return flat[0] if len(flat) == 1 else Node("add", tuple(flat))


def mul(*factors: Node) -> Node:
    """Product; flattens, pulls out negations, folds constants to one leading factor.

    0*a -> 0, 1*a -> a, -1*a -> -a; so "-x*y" and "x*-y" are both -(x*y).
    """
    flat: list[Node] = []
    sign = 1.0
    for f in factors:
        while f.op == "neg":
            sign = -sign
            f = f.args[0]
        flat.extend(f.args if f.op == "mul" else (f,))
    consts = [f.value for f in flat if f.op == "num"]
    if sign < 0:
        consts.append(-1.0)
    if len(consts) == len(flat) + (sign < 0):
        return num(fold("mul", consts)) if consts else ONE
    rest = [f for f in flat if f.op != "num"]
    c = fold("mul", consts) if consts else 1.0
    if c == 0.0:
        return ZERO
    body = rest[0] if len(rest) == 1 else Node("mul", tuple(rest))
    if c == 1.0:
        return body
    if c == -1.0:
        return neg(body)
    return Node("mul", (num(c), *rest))


def neg(a: Node) -> Node:
    """Negation; folds constants, --a -> a, -(c*a) -> (-c)*a."""
    if a.op == "num":
        return num(-a.value)
    if a.op == "neg":
        return a.args[0]
    if a.op == "mul" and a.args[0].op == "num":
        return mul(num(-a.args[0].value), *a.args[1:])
    return Node("neg", (a,))


def sub(a: Node, b: Node) -> Node:
    """Difference a - b."""
    return add(a, neg(b))


def div(a: Node, b: Node) -> Node:
    """Quotient; folds constants, a/1 -> a, 0/b -> 0."""
    if a.op == "num" and b.op == "num":
        return num(fold("div", (a.value, b.value)))
    if b.op == "num" and b.value == 1.0:
        return a
    if a.op == "num" and a.value == 0.0:
        return ZERO
    return Node("div", (a, b))


def power(a: Node, b: Node) -> Node:
    """Power a^b; folds constants, a^1 -> a, a^0 -> 1."""
    if a.op == "num" and b.op == "num":
        return num(fold("pow", (a.value, b.value)))
    if b.op == "num":
        if b.value == 1.0:
            return a
        if b.value == 0.0:
            return ONE
    return Node("pow", (a, b))


def call(name: str, *args: Node) -> Node:
    """Function application; folds constant arguments."""
    if all(a.op == "num" for a in args):
        return num(fold(name, [a.value for a in args]))
    if name in ("selmin", "selmax") and args[2] is args[3]:
        return args[2]
    return Node(name, tuple(args))


def postorder(roots: Iterable[Node]) -> list[Node]:
    """Distinct nodes of the DAG under ``roots``, children before parents (iterative, no recursion)."""
    seen: set[int] = set()
    out: list[Node] = []
    stack: list[tuple[Node, bool]] = [(r, False) for r in reversed(list(roots))]
    while stack:
        node, done = stack.pop()
        if done:
            out.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for a in reversed(node.args):
            if id(a) not in seen:
                stack.append((a, False))
    return out


def count_nodes(root: Node) -> int:
    """Number of distinct nodes in the DAG."""
    return len(postorder([root]))


def format_number(v: float) -> str:
    """Shortest text that parses back to exactly ``v`` (integers without '.0')."""
    if math.isfinite(v) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return repr(v)


# Precedence levels of printed forms: 1 sum, 2 product/quotient, 3 unary minus, 4 power, 5 atom.
def to_string(root: Node) -> str:
    """Canonical text: parsing it gives back the same tree (hence bit-identical values)."""
    memo: dict[int, tuple[str, int]] = {}

    def wrap(node: Node, level: int) -> str:
        text, lv = memo[id(node)]
        return text if lv >= level else f"({text})"

    for n in postorder([root]):
        op = n.op
        if op == "num":
            v = n.value
            if v < 0 or (v == 0 and math.copysign(1.0, v) < 0):
                memo[id(n)] = ("-" + format_number(-v), 3)
            else:
                memo[id(n)] = (format_number(v), 5)
        elif op in ("x", "y", "pi", "e"):
            memo[id(n)] = (op, 5)
        elif op == "add":
            parts = [wrap(n.args[0], 1)]
            for t in n.args[1:]:
                if t.op == "neg":
                    parts.append(" - " + wrap(t.args[0], 2))
                elif t.op == "num" and memo[id(t)][1] == 3:
                    parts.append(" - " + format_number(-t.value))
                elif t.op == "mul" and t.args[0].op == "num" and t.args[0].value < 0:
                    factors = [format_number(-t.args[0].value)] + [wrap(f, 3) for f in t.args[1:]]
                    parts.append(" - " + "*".join(factors))
                else:
                    parts.append(" + " + wrap(t, 2))
            memo[id(n)] = ("".join(parts), 1)
        elif op == "mul":
            first = wrap(n.args[0], 2)
            memo[id(n)] = ("*".join([first] + [wrap(f, 3) for f in n.args[1:]]), 2)
        elif op == "div":
            memo[id(n)] = (wrap(n.args[0], 2) + "/" + wrap(n.args[1], 3), 2)
        elif op == "neg" and n.args[0].op == "mul":
            # "-a*b" parses as (-a)*b, which mul() normalises back to -(a*b).
            inner = n.args[0].args
            text = "*".join(["-" + wrap(inner[0], 4)] + [wrap(f, 3) for f in inner[1:]])
            memo[id(n)] = (text, 2)
        elif op == "neg":
            memo[id(n)] = ("-" + wrap(n.args[0], 4), 3)
        elif op == "pow":
            memo[id(n)] = (wrap(n.args[0], 5) + "^" + wrap(n.args[1], 3), 4)
        else:
            memo[id(n)] = (f"{op}({', '.join(wrap(a, 1) for a in n.args)})", 5)
    return memo[id(root)][0]
