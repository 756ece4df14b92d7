"""Exact symbolic differentiation of expression trees (iterative, shares subtrees, simplifies constants).

Non-smooth functions use their piecewise derivatives: d abs(u) = sign(u)·du (0 at u = 0);
d min(u, v) = du where u <= v else dv; d max(u, v) = du where u >= v else dv (ties take the first
argument).  sqrt(u) at u = 0 gives an infinite derivative, as mathematics says.
"""

from __future__ import annotations

from . import expr as E
from .expr import Node, add, call, div, mul, neg, num, power, sub


def _log(u: Node) -> Node:
    """log(u), simplified where that is exact and more accurate: log(exp(w)) = w, log(c^v) = v·log(c)."""
    if u.op == "exp":
        return u.args[0]
    if u.op == "pow" and u.args[0].deps == 0 and u.args[0].op in ("num", "pi", "e") and u.args[0].value > 0:
        return mul(u.args[1], call("log", u.args[0]))
    return call("log", u)


def _rule(n: Node, d: list[Node], var: str) -> Node:
    """Derivative of node ``n`` given the derivatives ``d`` of its arguments."""
    op, a = n.op, n.args
    if op == "add":
        return add(*d)
    if op == "mul":
        terms = []
        for i, di in enumerate(d):
            if not (di.op == "num" and di.value == 0.0):
                terms.append(mul(*a[:i], di, *a[i + 1:]))
        return add(*terms)
    if op == "neg":
        return neg(d[0])
    if op == "div":
        # (u/v)' = (u' - (u/v)·v') / v, reusing the quotient node itself.
        return div(sub(d[0], mul(n, d[1])), a[1])
    if op == "pow":
        u, v = a
        if v.deps == 0:
            if v.op == "num":
                return mul(v, power(u, num(v.value - 1.0)), d[0])
            return mul(v, power(u, sub(v, E.ONE)), d[0])
        if u.deps == 0:
            return mul(n, _log(u), d[1])
        return mul(n, add(mul(d[1], _log(u)), div(mul(v, d[0]), u)))
    u = a[0] if a else None
    if op == "exp":
        return mul(n, d[0])
    if op == "log":
        return div(d[0], u)
    if op == "sqrt":
        return div(d[0], mul(num(2.0), n))
    if op == "sin":
        return mul(call("cos", u), d[0])
    if op == "cos":
        return neg(mul(call("sin", u), d[0]))
    if op == "tan":
        return mul(add(E.ONE, power(n, num(2.0))), d[0])
    if op == "sinh":
        return mul(call("cosh", u), d[0])
    if op == "cosh":
        return mul(call("sinh", u), d[0])
    if op == "tanh":
        # 1/cosh² rather than 1 - tanh², which cancels badly where tanh is close to ±1
        return div(d[0], power(call("cosh", u), num(2.0)))
    if op == "atan":
        return div(d[0], add(E.ONE, power(u, num(2.0))))
    if op == "sigmoid":
        # σ(u)·σ(−u) rather than σ(1 − σ), which cancels where σ is close to 1
        return mul(n, call("sigmoid", neg(u)), d[0])
    if op == "abs":
        return mul(call("sign", u), d[0])
    if op == "sign":
        return E.ZERO
    if op == "min":
        return call("selmin", a[0], a[1], d[0], d[1])
    if op == "max":
        return call("selmax", a[0], a[1], d[0], d[1])
    if op in ("selmin", "selmax"):
        return call(op, a[0], a[1], d[2], d[3])
    raise ValueError(f"cannot differentiate {op}")  # pragma: no cover


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
            memo[id(n)] = _rule(n, [memo[id(a)] for a in n.args], var)
    return memo[id(root)]
