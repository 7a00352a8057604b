"""The engine: grows expressions size by size, keeps one per distinct row, collects hits.

Each size is built in two parts (:meth:`Engine.grow`): first its target hits, all of them
(hash joins for ``+ - *``, the other operators computed, computed.py); then its sums,
differences and products are hashed and kept (linear.py), and after them the computed rows.
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable

import numpy as np

from ..kernels import SENT
from ..language import OPS, Apply, Expr, Op
from .banks import Bank, Pending
from .blocks import blocks_of, expected_new
from .computed import binary, unary
from .evaluate import domain_rows
from .hashing import RowHash
from .keyset import KeySet
from .linear import LINEAR, hash_block, join
from .memory import MemoryCap
from .records import EngineStats, Hit, Stop
from .rows import compute_rows

I64 = np.int64


class Engine:
    """Enumerate expressions over ``leaves`` by size; collect those whose row hits ``target``.

    ``leaf_vals`` has one row per leaf; ``required`` marks the points where a value must be
    defined; ``target`` gives the wanted value at each required point (None: no target).

    >>> from progsearch.language import Var
    >>> eng = Engine([Var("n")], np.array([[1, 2, 3]]), np.array([True] * 3), np.array([2, 4, 6]))
    >>> eng.grow(); eng.grow(); [str(eng.expr(h)) for h in eng.solutions]
    ['n + n']
    """

    def __init__(self, leaves: list[Expr], leaf_vals: np.ndarray, required: np.ndarray,
                 target: np.ndarray | None = None, ops: tuple[Op, ...] = OPS, seed: int = 0):
        self.leaves, self.ops = list(leaves), ops
        self.required = np.asarray(required, dtype=bool)
        self.target = None if target is None else np.asarray(target, dtype=I64)
        self.hash = RowHash(self.required, seed)
        self.t2 = None if target is None else self.hash.of_required_values(self.target[None])[0]
        self.keys = KeySet()
        self.banks: list[Bank | None] = [None]
        self.stats = EngineStats()
        self.solutions: list[Hit] = []
        self.pending_bytes = 0  # memory of the size being built
        self.bank_bytes = 0  # updated when a bank is made or computed
        self._stale_keys = False
        self.check: Callable[[], None] = lambda: None  # the budget of the current call
        self.max_bytes = float("inf")  # the memory budget, if the caller has one (limit)
        self.memory: MemoryCap | None = None  # the search's measured memory cap, if any
        self.deadline = math.inf  # when the caller's time is up (perf_counter), if it says
        self._add_leaves(np.asarray(leaf_vals, dtype=I64))

    def __repr__(self) -> str:
        return (f"Engine({len(self.leaves)} leaves, {self.stats.distinct} distinct, "
                f"size {self.stats.max_size})")

    @property
    def w(self) -> np.ndarray:
        """The hash weights, one per evaluation point."""
        return self.hash.w

    @property
    def nbytes(self) -> int:
        """Memory held by the banks, the key set and the size being built."""
        return self.bank_bytes + self.keys.nbytes + self.pending_bytes

    def _add_leaves(self, vals: np.ndarray) -> None:
        ok = ~(((vals == SENT) & self.required).any(axis=1))
        h = self.hash.of_rows(vals)
        keep = [i for i in range(len(vals)) if ok[i] and h[i] not in set(h[:i][ok[:i]].tolist())]
        idx = np.array(keep, dtype=np.intp)
        bank = Bank(idx.astype(np.int32), np.zeros(len(idx), np.int32), h[idx],
                    [(-1, 0, 0, 0, len(idx))])
        bank.vals, bank.valid = vals[idx], np.ones(len(idx), dtype=bool)
        bank.h2 = self.hash.of_required_values(bank.vals[:, self.required])
        bank.sent = (bank.vals == SENT).any(axis=1)
        self.keys.add(bank.h)
        self.banks.append(bank)
        if self.target is not None:
            hit = np.flatnonzero(bank.h2 == self.t2)
            self.solutions += [Hit(1, -1, 1, int(r)) for r in hit]
        self.stats.distinct = len(idx)
        self.stats.max_size = 1

    # -- the banks -------------------------------------------------------------------------
    def bank(self, size: int) -> Bank:
        """The bank of a size, with its rows computed (once; all or nothing)."""
        b = self.banks[size]
        if b.vals is None:
            self.need(len(b) * (8 * len(self.w) + 10))  # its rows, validity and hashes
            compute_rows(self, b)
        return b

    def operands(self, op: Op, pos: int, size: int) -> np.ndarray:
        """Rows of a size usable as operand ``pos`` of ``op``: valid, and in its domain."""
        b = self.bank(size)
        test = op.domain[pos]
        if test not in b.domain:
            self.need(9 * len(b))  # the test's mask, then the rows' indices
            b.domain[test] = np.flatnonzero(b.valid & domain_rows(test, b.vals, self.required))
        return b.domain[test]

    def keep(self, parts: Pending, k: int, i: int, j: int, h: np.ndarray,
             operands: Callable) -> None:
        """Keep the rows whose hash is new: not seen before, and first of equals in the block.

        ``operands(idx)`` gives the operand rows of the candidates at ``idx`` (built only for
        the rows kept).
        """
        keys = self.keys
        if KeySet.LOAD * (len(keys) + len(h)) > len(keys.tables[0]):  # the key set will double
            self.need(KeySet.bytes_per_slot() * 2 * len(keys.tables[0]) + 24 * len(keys))
        if len(parts) + len(h) > len(parts.h):  # the rows kept will double their room
            self.need(16 * 2 * len(parts.h))
        idx = keys.add_new(h)
        parts.append(k, i, j, h[idx], *operands(idx))
        self.pending_bytes += 16 * len(idx)

    def limit(self, max_bytes: float, memory: MemoryCap | None,
              deadline: float = math.inf) -> None:
        """The memory it may use (its share of the budget, and the search's measured cap), and
        when its time is up (the key set reserves room only for what that time can bring)."""
        self.max_bytes, self.memory, self.deadline = max_bytes, memory, deadline

    # -- enumeration -----------------------------------------------------------------------
    def grow(self, check: Callable[[], None] = lambda: None, keep: bool = True) -> None:
        """Enumerate the next size; ``check`` raises :class:`Stop` when a budget runs out.

        First the size's target hits are found, all of them (hash joins for ``+ - *``, the
        other operators computed); then its sums, differences and products are enumerated and
        kept.  A size cut short leaves the engine as it was, except that when only the
        second part was cut short its hits are kept (``stats.hit_size`` is then one more than
        ``stats.max_size``).  With ``keep=False`` (the last size a search will look at) only
        the hits are found and nothing is kept.
        """
        if not keep:
            self._hits_only(check)
            return
        if self._stale_keys:  # a size was cut short: forget its keys
            self.need(self.keys.nbytes + 24 * len(self.keys))
            self.keys = KeySet()
            self.keys.add(np.sort(np.concatenate([b.h for b in self.banks[1:]])))
            self._stale_keys = False
        self.check = check
        size = self.stats.max_size + 1
        t0, c0 = time.perf_counter(), self.stats.candidates
        later: list[tuple] = []  # computed rows, kept after + - * so that those win ties
        self.pending_bytes = 0
        blocks = blocks_of(self.ops, size)
        parts = Pending(expected_new(self.banks, blocks))
        find_hits = self.stats.hit_size < size  # False when a cut-short try already found them
        hits: list[Hit] | None = [] if find_hits else None
        try:
            self._reserve(expected_new(self.banks, blocks))
            self._first_part(size, blocks, later, hits, check)
            if find_hits:
                self.solutions += hits
                self.stats.hit_size = size
            check()
            for k, op, i, j in blocks:
                if op.name in LINEAR:
                    hash_block(self, k, op, i, j, parts, check)
            for k, i, j, h, left, right in later:
                self.keep(parts, k, i, j, h, lambda idx, lt=left, rt=right: (lt[idx], rt[idx]))
        except Stop:  # the candidates were evaluated and stay counted; the size is dropped
            self.pending_bytes = 0
            self._stale_keys = True
            raise
        new = self._close(parts)
        self.stats.max_size = size
        self.stats.distinct += new
        self.stats.per_size.append((size, self.stats.candidates - c0, new,
                                    time.perf_counter() - t0))

    def _hits_only(self, check: Callable[[], None]) -> None:
        """The first part of :meth:`grow` alone: the next size's hits, no rows kept."""
        size = self.stats.max_size + 1
        if self.stats.hit_size >= size or self.target is None:
            return
        self.check = check
        t0, c0 = time.perf_counter(), self.stats.candidates
        hits: list[Hit] = []
        self._first_part(size, blocks_of(self.ops, size), None, hits, check)
        self.solutions += hits
        self.stats.hit_size = size
        self.stats.per_size.append((size, self.stats.candidates - c0, 0,
                                    time.perf_counter() - t0))

    def _first_part(self, size, blocks, later, hits, check) -> None:
        """Computed operators (new rows set aside in ``later`` unless None), the joins' hits.

        ``x // c`` and ``x % c`` of the same operands are computed together.
        """
        mods = {(i, j): (k, op) for k, op, i, j in blocks if op.name == "mod"}
        twins = {(i, j) for _, op, i, j in blocks if op.name == "floordiv"} & mods.keys()
        for k, op, i, j in blocks:
            if op.arity == 1:
                unary(self, size, k, op, later, hits, check)
            elif op.name == "floordiv" and (i, j) in twins:
                binary(self, size, k, op, i, j, later, hits, check, twin=mods[i, j])
            elif op.name == "mod" and (i, j) in twins:
                continue  # computed with its floordiv twin
            elif op.name not in LINEAR:
                binary(self, size, k, op, i, j, later, hits, check)
            elif hits is not None and self.target is not None:
                hits += join(self, size, k, op, i, j)

    # -- memory ----------------------------------------------------------------------------
    def need(self, nbytes: float) -> None:
        """Raise Stop("memory") unless ``nbytes`` more fit under the search's memory cap."""
        if self.memory is not None:
            self.memory.check(nbytes)

    def _reserve(self, extra: int) -> None:
        """Make room in the key set up front, as much as fits in half the memory budget and in
        the memory the cap has left (the old tables and a sorted copy of the keys stay while
        the new ones fill)."""
        left = float("inf") if self.memory is None else self.memory.left()
        extra = self._in_time(extra)
        while extra > 1 << 16:
            slots = 1 << (KeySet.LOAD * (len(self.keys) + extra) - 1).bit_length()
            others = self.nbytes - self.keys.nbytes
            new = KeySet.bytes_per_slot() * slots
            if others + new < self.max_bytes / 2 and new + 24 * len(self.keys) < left / 2:
                self.keys.reserve(extra)
                return
            extra //= 2

    def _in_time(self, extra: int) -> int:
        """``extra`` new keys, or fewer: as many as the time left can bring at twice the rate
        of the sizes so far.  A reservation for more would be set up in vain, and a large one
        takes long enough (0.4 s for a 0.7 GB table, measured) to overrun a short time limit.
        """
        seconds = sum(s[3] for s in self.stats.per_size)
        if self.deadline == math.inf or seconds <= 0:
            return extra
        rate = sum(s[2] for s in self.stats.per_size) / seconds
        return min(extra, int(2 * rate * max(self.deadline - time.perf_counter(), 0.0)))

    def _close(self, parts: Pending) -> int:
        """Make the size's bank from the kept rows, in the order they were built."""
        self.pending_bytes = 0
        self.banks.append(parts.bank())
        self.bank_bytes += self.banks[-1].nbytes
        return len(parts)

    # -- reading results -------------------------------------------------------------------
    def expr_at(self, size: int, row: int) -> Expr:
        """Rebuild the expression of a kept row."""
        b = self.banks[size]
        seg = b.segs[bisect.bisect_right([s[3] for s in b.segs], row) - 1]
        if seg[0] < 0:
            return self.leaves[int(b.left[row])]
        return self._apply(seg[0], seg[1], int(b.left[row]), seg[2], int(b.right[row]))

    def expr(self, hit: Hit) -> Expr:
        """The expression of a target hit."""
        if hit.op < 0:
            return self.expr_at(1, hit.a)
        return self._apply(hit.op, hit.i, hit.a, hit.j, hit.b)

    def _apply(self, k: int, i: int, a: int, j: int, b: int) -> Apply:
        """Operator ``k`` on row ``a`` of size ``i`` (and row ``b`` of size ``j``)."""
        op = self.ops[k]
        args = (self.expr_at(i, a),)
        if op.arity == 2:
            args += (self.expr_at(j, b),)
        return Apply(op, args)

