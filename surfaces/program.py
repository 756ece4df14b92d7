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

    def run(self, x, y, pool: list | None = None) -> list:
        """Evaluate all roots; ``x`` and ``y`` are arrays (any broadcastable shapes) or scalars.

        With a ``pool`` (grid evaluation) large temporaries are reused: an instruction writes into
        an operand it reads for the last time, or into a recycled buffer of the same shape, and
        dropped temporaries go back to the pool.  This avoids allocating (and first touching)
        megabytes per instruction.
        """
        regs: list = [None] * len(self.code)
        owned = [False] * len(self.code)
        free_after, last = self.free_after, self.last
        inplace = pool is not None
        full = np.broadcast_shapes(np.shape(x), np.shape(y)) if inplace else ()
        dtype = np.result_type(x, y) if inplace else None

        def buffer(*operands):
            """A pooled output buffer when the result is full-size, else None (numpy allocates)."""
            if inplace and np.broadcast_shapes(*(np.shape(o) for o in operands)) == full:
                if pool:
                    return pool.pop()
                return np.empty(full, dtype=dtype)
            return None

        with np.errstate(all="ignore"):
            for i, (op, value, args) in enumerate(self.code):
                own = False
                if op in _LEAVES:
                    r = value
                elif op == "x":
                    r = x
                elif op == "y":
                    r = y
                elif op in ("add", "mul", "div"):
                    uf = np.add if op == "add" else np.multiply if op == "mul" else np.divide
                    r = regs[args[0]]
                    own = owned[args[0]] and last[args[0]] == i
                    if own:
                        owned[args[0]] = False  # ownership moves to this instruction
                    for a in args[1:]:
                        b = regs[a]
                        if own and np.broadcast_shapes(r.shape, np.shape(b)) == r.shape:
                            uf(r, b, out=r)
                        else:
                            out = buffer(r, b)
                            if own and out is not None:
                                pool.append(r)  # type: ignore[union-attr]
                            r = uf(r, b, out=out) if out is not None else uf(r, b)
                            own = out is not None
                elif op in _UFUNCS:
                    a = regs[args[0]]
                    if owned[args[0]] and last[args[0]] == i:
                        owned[args[0]] = False
                        r = _UFUNCS[op](a, out=a)
                        own = True
                    else:
                        out = buffer(a)
                        r = _UFUNCS[op](a, out=out) if out is not None else _UFUNCS[op](a)
                        own = out is not None
                elif op == "pow":
                    r = E.KERNELS["pow"](regs[args[0]], regs[args[1]])
                elif op == "sigmoid":
                    r = _sigmoid(regs[args[0]])
                else:
                    r = E.KERNELS[op](*(regs[a] for a in args))
                regs[i] = r
                owned[i] = own
                for d in free_after[i]:
                    if owned[d]:
                        pool.append(regs[d])  # type: ignore[union-attr]
                        owned[d] = False
                    regs[d] = None
        return [regs[o] for o in self.outputs]
