"""Compile expression DAGs into a flat register program and run it on numpy arrays."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from . import expr as E

_LEAVES = ("num", "pi", "e")
_ARITHMETIC = {"add": np.add, "mul": np.multiply, "div": np.divide}
# one-argument ufuncs: these can write into their operand's buffer
_UFUNCS = {name: kernel for name, kernel in E.KERNELS.items()
           if isinstance(kernel, np.ufunc) and kernel.nin == 1}


class _Arena:
    """Grid evaluation's buffer pool: full-size temporaries are recycled instead of allocated."""

    __slots__ = ("pool", "full", "dtype")

    def __init__(self, pool: list, x, y) -> None:
        self.pool = pool
        self.full = np.broadcast_shapes(np.shape(x), np.shape(y))
        self.dtype = np.result_type(x, y)

    def buffer(self, *operands):
        """A pooled output buffer when the result is full-size, else None (numpy allocates)."""
        if np.broadcast_shapes(*(np.shape(o) for o in operands)) == self.full:
            if self.pool:
                return self.pool.pop()
            return np.empty(self.full, dtype=self.dtype)
        return None


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
        owned = [False] * len(self.code)  # True: regs[i] is a pool buffer this program may overwrite
        arena = _Arena(pool, x, y) if pool is not None else None
        with np.errstate(all="ignore"):
            for i, (op, value, args) in enumerate(self.code):
                own = False
                if op in _LEAVES:
                    r = value
                elif op == "x":
                    r = x
                elif op == "y":
                    r = y
                elif op in _ARITHMETIC:
                    r, own = self._fold(i, _ARITHMETIC[op], args, regs, owned, arena)
                elif op in _UFUNCS:
                    r, own = self._unary(i, _UFUNCS[op], args[0], regs, owned, arena)
                else:
                    r = E.KERNELS[op](*(regs[a] for a in args))
                regs[i] = r
                owned[i] = own
                for d in self.free_after[i]:
                    if owned[d]:
                        pool.append(regs[d])  # type: ignore[union-attr]
                        owned[d] = False
                    regs[d] = None
        return [regs[o] for o in self.outputs]

    def _fold(self, i: int, uf, args: tuple[int, ...], regs: list, owned: list, arena: _Arena | None):
        """Left fold of an n-ary sum, product or quotient; returns (result, whether it is a pool buffer)."""
        r = regs[args[0]]
        own = owned[args[0]] and self.last[args[0]] == i
        if own:
            owned[args[0]] = False  # ownership moves to this instruction
        for a in args[1:]:
            b = regs[a]
            if own and np.broadcast_shapes(r.shape, np.shape(b)) == r.shape:
                uf(r, b, out=r)
            else:
                out = arena.buffer(r, b) if arena is not None else None
                if own and out is not None:
                    arena.pool.append(r)  # type: ignore[union-attr]
                r = uf(r, b, out=out) if out is not None else uf(r, b)
                own = out is not None
        return r, own

    def _unary(self, i: int, uf, arg: int, regs: list, owned: list, arena: _Arena | None):
        """A one-argument ufunc, in place when its operand dies here; returns (result, pool buffer?)."""
        a = regs[arg]
        if owned[arg] and self.last[arg] == i:
            owned[arg] = False
            return uf(a, out=a), True
        out = arena.buffer(a) if arena is not None else None
        return (uf(a, out=out), True) if out is not None else (uf(a), False)
