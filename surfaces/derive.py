"""Exact symbolic differentiation of expression trees (iterative, shares subtrees, simplifies constants).

The operators' rules are here; each function's rule sits in its entry of functions.TABLE (including the
piecewise derivatives of abs, min and max).  sqrt(u) at u = 0 gives an infinite derivative, as
mathematics says.
"""

from __future__ import annotations

from . import expr as E
from .expr import Node, add, call, div, mul, neg, num, power, sub
from .functions import TABLE


def _log(u: Node) -> Node:
    """log(u), simplified where that is exact and more accurate: log(exp(w)) = w, log(c^v) = v·log(c)."""
    if u.op == "exp":
        return u.args[0]
    if u.op == "pow" and u.args[0].deps == 0 and u.args[0].op in ("num", "pi", "e") and u.args[0].value > 0:
        return mul(u.args[1], call("log", u.args[0]))
    return call("log", u)


def _product(n: Node, d: list[Node]) -> Node:
    """Product rule over all factors, skipping factors whose derivative is 0."""
    terms = []
    for i, di in enumerate(d):
        if not (di.op == "num" and di.value == 0.0):
            terms.append(mul(*n.args[:i], di, *n.args[i + 1:]))
    return add(*terms)


def _quotient(n: Node, d: list[Node]) -> Node:
    """(u/v)' = (u' - (u/v)·v') / v, reusing the quotient node itself."""
    return div(sub(d[0], mul(n, d[1])), n.args[1])


def _power(n: Node, d: list[Node]) -> Node:
    """u^v for a constant exponent, a constant base, or both variable."""
    u, v = n.args
    if v.deps == 0:
        if v.op == "num":
            return mul(v, power(u, num(v.value - 1.0)), d[0])
        return mul(v, power(u, sub(v, E.ONE)), d[0])
    if u.deps == 0:
        return mul(n, _log(u), d[1])
    return mul(n, add(mul(d[1], _log(u)), div(mul(v, d[0]), u)))


_OPERATORS = {
    "add": lambda n, d: add(*d),
    "mul": _product,
    "neg": lambda n, d: neg(d[0]),
    "div": _quotient,
    "pow": _power,
}


def _rule(n: Node, d: list[Node]) -> Node:
    """Derivative of node ``n`` given the derivatives ``d`` of its arguments."""
    operator = _OPERATORS.get(n.op)
    if operator is not None:
        return operator(n, d)
    function = TABLE.get(n.op)
    if function is None:  # pragma: no cover - every op of the language is an operator or in the table
        raise ValueError(f"cannot differentiate {n.op}")
    return function.derivative(E, n.args, n, d)


def hessian_cost(root: Node) -> float:
    """An upper estimate of the argument slots the second derivatives of ``root`` take, without building them.

    Sums and functions add their arguments' costs; a product of k factors turns into k products of k factors
    per derivative (k² slots, k³ for the second), which is what makes long products explode."""
    first: dict[int, float] = {}
    second: dict[int, float] = {}
    for n in E.postorder([root]):
        args = [id(a) for a in n.args]
        k = len(args)
        if not n.deps or not n.args:
            d1, d2 = float(bool(n.deps)), 0.0
        elif n.op == "mul":  # k terms of k factors; each term's derivative again k terms of k factors
            d1 = k * (k + 1.0) + sum(first[a] for a in args)
            d2 = k * k * (k + 1.0) + sum(second[a] for a in args) + k * sum(first[a] for a in args)
        else:  # new nodes point at the (shared) arguments and their derivatives
            d1 = 2.0 + k + sum(first[a] for a in args)
            d2 = 4.0 + 2.0 * k + sum(second[a] + first[a] for a in args)
        first[id(n)], second[id(n)] = d1, d2
    return second[id(root)] + first[id(root)]


def differentiate(root: Node, var: str) -> Node:
    """d root / d var for var in {"x", "y"}; subtrees not depending on var give 0 without work."""
    bit = E.DEP_X if var == "x" else E.DEP_Y
    if var not in ("x", "y"):
        raise ValueError("var must be 'x' or 'y'")
    memo: dict[int, Node] = {}
    for n in E.postorder([root]):
        if not n.deps & bit:
            memo[id(n)] = E.ZERO
        elif n.op == var:
            memo[id(n)] = E.ONE
        else:
            memo[id(n)] = _rule(n, [memo[id(a)] for a in n.args])
    return memo[id(root)]
