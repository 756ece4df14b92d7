"""Fast evaluation on a rectangular grid: separable rewriting so 1-D parts stay 1-D until combined.

x-only subtrees are evaluated on the 1-D ``xs`` row and y-only ones on the ``ys`` column; numpy
broadcasting makes a 2-D array only where both meet.  Sums and products are regrouped (constant and
x-only terms first, then y-only, then mixed), and exp of a sum is split into a product of exps, so a
Gaussian exp(-((x-a)^2 + (y-b)^2)/w) costs one 2-D multiplication instead of a 2-D exp.
"""

from __future__ import annotations

import weakref

import numpy as np

from . import expr as E
from .expr import Node
from .program import Program


def _linear_terms(node: Node) -> list[tuple[float, Node]]:
    """Split ``node`` into a sum of coefficient × subtree through +, unary -, c*·, ·/c (no recursion)."""
    out: list[tuple[float, Node]] = []
    stack: list[tuple[float, Node]] = [(1.0, node)]
    while stack:
        c, n = stack.pop()
        if n.op == "add":
            stack.extend((c, t) for t in reversed(n.args))
        elif n.op == "neg":
            stack.append((-c, n.args[0]))
        elif n.op == "mul" and n.args[0].op == "num":
            rest = n.args[1:]
            stack.append((c * n.args[0].value, rest[0] if len(rest) == 1 else Node("mul", rest)))
        elif n.op == "div" and n.args[1].op == "num" and n.args[1].value != 0.0:
            stack.append((c / n.args[1].value, n.args[0]))
        else:
            out.append((c, n))
    return out


def _group(op: str, parts: list[Node]) -> Node:
    """Combine with ``op`` as consts+x-only, then y-only, then mixed, without re-flattening."""
    classes: list[list[Node]] = [[], [], []]
    flat: list[Node] = []
    for p in parts:  # splice already-grouped mixed sums/products so 1-D parts can merge
        flat.extend(p.args if p.op == op and p.deps == E.DEP_X | E.DEP_Y else (p,))
    for p in flat:
        classes[{0: 0, E.DEP_X: 0, E.DEP_Y: 1}.get(p.deps, 2)].append(p)
    if op == "mul":
        # within the first class, constants first so they multiply the 1-D row
        classes[0].sort(key=lambda p: p.deps)
    groups: list[Node] = []
    for cls in classes[:2]:
        if len(cls) == 1:
            groups.append(cls[0])
        elif cls:
            groups.append(Node(op, tuple(cls)))
    groups.extend(classes[2])
    return groups[0] if len(groups) == 1 else Node(op, tuple(groups))


def separable(root: Node) -> Node:
    """An equivalent tree (up to rounding) arranged for cheap evaluation on a grid."""
    memo: dict[int, Node] = {}
    for n in E.postorder([root]):
        args = tuple(memo[id(a)] for a in n.args)
        if n.deps != E.DEP_X | E.DEP_Y:
            new = n
        elif n.op in ("add", "mul"):
            new = _group(n.op, list(args))
        elif n.op == "exp":
            terms = _linear_terms(n.args[0])
            buckets: dict[int, list[Node]] = {}
            for c, t in terms:
                t2 = memo.get(id(t), t)
                buckets.setdefault(t.deps, []).append(t2 if c == 1.0 else E.mul(E.num(c), t2))
            if len(buckets) > 1 and (E.DEP_X in buckets or E.DEP_Y in buckets):
                factors = [Node("exp", (b[0] if len(b) == 1 else Node("add", tuple(b)),))
                           for b in buckets.values()]
                new = _group("mul", factors)
            else:
                new = Node("exp", args)
        else:
            new = Node(n.op, args) if args != n.args else n
        memo[id(n)] = new
    return memo[id(root)]


POOLS_KEPT = 2  # evaluators (surfaces) that keep their buffer pool between calls; the others give theirs back
POOL_BYTES = 32 << 20  # ... and the pools kept hold at most this many bytes (a 4K map's pool held ~100 MB)
_RECENT: list["weakref.ref[GridEvaluator]"] = []  # the evaluators that evaluated last, newest last


def _pool_bytes(evaluator: "GridEvaluator") -> int:
    return sum(a.nbytes for pool in evaluator.pools.values() for a in pool)


def _keep_pool_of(evaluator: "GridEvaluator") -> None:
    """Mark `evaluator` as the newest; the pools of older ones, and any beyond POOL_BYTES (newest kept first),
    are freed (memory stays bounded however many surfaces and window sizes a session sees)."""
    _RECENT[:] = [ref for ref in _RECENT if ref() is not None and ref() is not evaluator] + [weakref.ref(evaluator)]
    while len(_RECENT) > POOLS_KEPT:
        old = _RECENT.pop(0)()
        if old is not None:
            old.pools = {}
    held = 0
    for ref in reversed(_RECENT):
        kept = ref()
        if kept is not None:
            size = _pool_bytes(kept)
            if held + size > POOL_BYTES:
                kept.pools = {}
            else:
                held += size


def pooled_bytes() -> int:
    """Bytes the grid evaluators' buffer pools hold between calls."""
    return sum(_pool_bytes(e) for e in (ref() for ref in _RECENT) if e is not None)


class GridEvaluator:
    """Evaluates one surface on grids: grid(xs, ys) -> array (len(ys), len(xs))."""

    def __init__(self, root: Node, exact: Program) -> None:
        self.program = Program([separable(root)])
        self.exact = exact
        self.pools: dict[tuple, list] = {}  # reusable 2-D buffers of the latest grid shape (and dtype)

    def __call__(self, xs, ys, dtype=np.float32, keep_inf: bool = False) -> np.ndarray:
        xs = np.asarray(xs, dtype=np.float64).ravel()
        ys = np.asarray(ys, dtype=np.float64).ravel()
        work = np.float32 if np.dtype(dtype) == np.float32 else np.float64
        xr = xs.astype(work)[None, :]
        yc = ys.astype(work)[:, None]
        key = (len(ys), len(xs), np.dtype(work).str)
        pool = self.pools.get(key)
        if pool is None:  # a new size: the buffers of the old one are of no use any more
            pool = []
            self.pools = {key: pool}
        (r,) = self.program.run(xr, yc, pool=pool)
        _keep_pool_of(self)  # after the run: the pool now holds this size's buffers
        shape = (len(ys), len(xs))
        with np.errstate(over="ignore", invalid="ignore"):  # float64 beyond float32 becomes inf: redone below
            out = np.asarray(r, dtype=dtype)
        if out.shape != shape:
            out = np.broadcast_to(out, shape).copy()
        elif out is r and (r is xr or r is yc):
            out = out.copy()
        if not np.isfinite(out).all():
            bad = ~np.isfinite(out)
            # the fast path may overflow (float32, split exps): redo those cells exactly in float64
            iy, ix = np.nonzero(bad)
            (exact,) = self.exact.run(xs[ix], ys[iy])
            with np.errstate(all="ignore"):
                exact = np.broadcast_to(np.asarray(exact, dtype=np.float64), ix.shape).astype(dtype)
                keep = np.isfinite(exact) | (np.isposinf(exact) if keep_inf else False)
                out[iy, ix] = np.where(keep, exact, np.nan)
        return out
