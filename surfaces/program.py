"""Compile expression DAGs into a flat register program and run it on numpy arrays."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from . import expr as E

_LEAVES = ("num", "pi", "e")
_UFUNCS = {
    "exp": np.exp, "log": np.log, "sqrt": np.sqrt, "sin": np.sin, "cos": np.cos, "tan": np.tan,
    "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "atan": np.arctan, "abs": np.abs,
    "sign": np.sign, "neg": np.negative,
}


def _sigmoid(t):
    if np.iscomplexobj(t):
        return 1.0 / (1.0 + np.exp(-t))
    return E.KERNELS["sigmoid"](t)


class Program:
    """Straight-line code for several roots at once, with common subexpressions computed once."""

    def __init__(self, roots: Sequence[E.Node]) -> None:
        index: dict[int, int] = {}
        slots: dict[tuple, int] = {}
        code: list[tuple[str, float, tuple[int, ...]]] = []
        for n in E.postorder(roots):
            args = tuple(index[id(a)] for a in n.args)
            key = (n.op, n.value if n.op in _LEAVES else 0.0, args)
            if key not in slots:
                slots[key] = len(code)
                code.append(key)
            index[id(n)] = slots[key]
        self.code = code
        self.outputs = [index[id(r)] for r in roots]
        last = [-1] * len(code)
        for i, (_, _, args) in enumerate(code):
            for a in args:
                last[a] = i
        for o in self.outputs:
            last[o] = len(code)
        # registers that can be dropped after instruction i
        self.free_after: list[tuple[int, ...]] = [() for _ in code]
        drops: dict[int, list[int]] = {}
        for r, i in enumerate(last):
            if 0 <= i < len(code):
                drops.setdefault(i, []).append(r)
        for i, rs in drops.items():
            self.free_after[i] = tuple(rs)

    def __len__(self) -> int:
        return len(self.code)

    def run(self, x, y) -> list:
        """Evaluate all roots; ``x`` and ``y`` are arrays (any broadcastable shapes) or scalars."""
        regs: list = [None] * len(self.code)
        free_after = self.free_after
        with np.errstate(all="ignore"):
            for i, (op, value, args) in enumerate(self.code):
                if op in _LEAVES:
                    r = value
                elif op == "x":
                    r = x
                elif op == "y":
                    r = y
                elif op == "add":
                    r = regs[args[0]]
                    for a in args[1:]:
                        r = r + regs[a]
                elif op == "mul":
                    r = regs[args[0]]
                    for a in args[1:]:
                        r = r * regs[a]
                elif op == "div":
                    r = np.divide(regs[args[0]], regs[args[1]])
                elif op == "pow":
                    r = E.KERNELS["pow"](regs[args[0]], regs[args[1]])
                elif op in _UFUNCS:
                    r = _UFUNCS[op](regs[args[0]])
                elif op == "sigmoid":
                    r = _sigmoid(regs[args[0]])
                else:
                    r = E.KERNELS[op](*(regs[a] for a in args))
                regs[i] = r
                for d in free_after[i]:
                    regs[d] = None
        return [regs[o] for o in self.outputs]
