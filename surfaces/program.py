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
        self.last = last
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

    def run(self, x, y, inplace: bool = False) -> list:
        """Evaluate all roots; ``x`` and ``y`` are arrays (any broadcastable shapes) or scalars.

        With ``inplace`` (grid evaluation), temporaries this run created are overwritten by the
        instruction that reads them last, which saves allocating large 2-D arrays.
        """
        regs: list = [None] * len(self.code)
        owned = [False] * len(self.code)
        free_after, last = self.free_after, self.last
        with np.errstate(all="ignore"):
            for i, (op, value, args) in enumerate(self.code):
                own = False
                if op in _LEAVES:
                    r = value
                elif op == "x":
                    r = x
                elif op == "y":
                    r = y
                elif op in ("add", "mul"):
                    uf = np.add if op == "add" else np.multiply
                    r = regs[args[0]]
                    own = inplace and owned[args[0]] and last[args[0]] == i
                    for a in args[1:]:
                        b = regs[a]
                        if own and np.broadcast_shapes(r.shape, np.shape(b)) == r.shape:
                            uf(r, b, out=r)
                        else:
                            r = uf(r, b)
                            own = inplace and isinstance(r, np.ndarray)
                elif op == "div":
                    a, b = regs[args[0]], regs[args[1]]
                    if (inplace and owned[args[0]] and last[args[0]] == i
                            and np.broadcast_shapes(a.shape, np.shape(b)) == a.shape):
                        r = np.divide(a, b, out=a)
                    else:
                        r = np.divide(a, b)
                    own = inplace and isinstance(r, np.ndarray)
                elif op == "pow":
                    r = E.KERNELS["pow"](regs[args[0]], regs[args[1]])
                    own = inplace and isinstance(r, np.ndarray) and r is not regs[args[0]]
                elif op in _UFUNCS:
                    a = regs[args[0]]
                    if inplace and owned[args[0]] and last[args[0]] == i:
                        r = _UFUNCS[op](a, out=a)
                    else:
                        r = _UFUNCS[op](a)
                    own = inplace and isinstance(r, np.ndarray)
                elif op == "sigmoid":
                    r = _sigmoid(regs[args[0]])
                    own = inplace and isinstance(r, np.ndarray)
                else:
                    r = E.KERNELS[op](*(regs[a] for a in args))
                    own = inplace and isinstance(r, np.ndarray) and all(r is not regs[a] for a in args)
                regs[i] = r
                owned[i] = own
                for d in free_after[i]:
                    regs[d] = None
        return [regs[o] for o in self.outputs]
