"""Bottom-up enumeration of expressions by size, with observational equivalence, in NumPy.

Every expression has a row of int64 values on the evaluation points.  Two expressions with
the same row are the same to the search, and only the first (smallest) is kept.  A
*candidate* is one expression built from kept ones (an operator applied to operands) whose
row is looked up for equivalence: the unit of work counted in ``candidates``.

Where the speed comes from:

* Rows are hashed without being computed.  h(v) = sum(v_i * w_i) mod 2**64 is linear, so
  h(x + y) = h(x) + h(y), h(x - y) = h(x) - h(y), and h(x * y) is the bilinear form
  ``(X * w) @ Y.T``: a block of sums is one outer sum, a block of products one integer matrix
  product.  The other operators compute their rows for whole blocks.
* A size's rows are computed lazily, once, when the size is first used as operands; the
  last size the budget reaches is never computed at all, and the last size a search asks
  for only has its target hits found (``grow(keep=False)``).
* Each block of candidates costs one gather in the set of kept hashes (:class:`KeySet`, which
  the block's new hashes then join), and one sort of its new hashes, which removes the
  duplicates within the block.  That gather is what bounds the speed: a random read in a
  table far bigger than the cache (``progsearch bench --throughput`` prints its cost).
* Hits on the target by ``+ - *`` are found by a hash join on the required points (meet in
  the middle: x + y = t exactly when h(y) = h(t) - h(x)), not by computing every row.

Overflow is never silent: a value that leaves int64 (or an operator outside its domain) at a
*required* point (a training term) makes the expression invalid; at other points (beyond the
training range) it becomes ``SENT``, "unknown", and stays unknown through later operators.
Every reported program is re-checked with exact Python integers (forms.py, search.py).

Known limitation: a sum, difference or product is kept by the hash of its wrapped values
before its row is computed, so one that overflows at a required point (found invalid later)
can shadow a valid row equal to it mod 2**64 at every point.  That takes values near 2**63 at
every evaluation point; the search's leaves stay below 2**62.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .kernels import (  # re-exported for callers and tests
    SENT,
    _divmod_row,
    _domain_rows,
    _evaluate,
    _evaluate_row,
)
from .keyset import KeySet
from .language import OPS, Apply, Expr, Op

I64 = np.int64
U64 = np.uint64
CHUNK = 1 << 16  # hashed candidates per block: large enough for NumPy, small enough for the cache
ROWS = 1 << 13  # computed candidates per block: their rows (8 bytes a point) stay in the cache
MAX_HITS = 64  # target hits kept per block of the join (the search keeps the shortest anyway)
# The search builds these operators only with a small right operand (a documented restriction
# of the search, not of the language): their kernels cost a computed row per candidate.
MAX_RIGHT_SIZE = {"floordiv": 3, "mod": 3, "pow": 3, "binomial": 1, "factorial": 3}
MAX_LEFT_SIZE = {"pow": 3, "binomial": 3}  # a base or a top of more nodes nearly always overflows
LINEAR = ("add", "sub", "mul")


@dataclass
class Bank:
    """All kept expressions of one size: how each was built, its hash, and (lazily) its row."""

    left: np.ndarray  # row of the first operand in its bank (int32), or the leaf index
    right: np.ndarray  # row of the second operand in its bank (0 if none)
    h: np.ndarray  # raw hash of the row
    segs: list  # (op index or -1 for leaves, left size, right size, start, stop): rows built alike
    vals: np.ndarray | None = None  # (N, m) int64 row values, once computed
    valid: np.ndarray | None = None  # defined at every required point
    h2: np.ndarray | None = None  # hash of the row on the required points only
    sent: np.ndarray | None = None  # the row holds an unknown value somewhere
    domain: dict = field(default_factory=dict)  # (operator, side): rows usable as operands

    def __len__(self) -> int:
        return len(self.h)

    def __repr__(self) -> str:
        state = "computed" if self.vals is not None else "hashed"
        return f"Bank({len(self)} expressions, {state})"

    @property
    def nbytes(self) -> int:
        extra = 0 if self.vals is None else self.vals.nbytes + 10 * len(self)  # valid h2 sent
        return 16 * len(self) + extra


class Pending:
    """The rows a size keeps, written in place as they come, then handed over as its bank.

    Room for the expected number is taken up front (and doubled if that runs out): nothing
    is copied at the end, and pages are only touched when written.

    >>> p = Pending(4)
    >>> p.append(0, 1, 2, np.array([7, 8], dtype=np.uint64), np.array([0, 1]), np.array([1, 1]))
    >>> p.append(0, 1, 2, np.array([9], dtype=np.uint64), np.array([2]), np.array([0]))
    >>> p.bank().segs, len(p)
    ([(0, 1, 2, 0, 3)], 3)
    """

    def __init__(self, capacity: int):
        cap = max(int(capacity), 1024)
        self.h = np.empty(cap, dtype=U64)
        self.left, self.right = np.empty(cap, dtype=np.int32), np.empty(cap, dtype=np.int32)
        self.segs: list[tuple] = []
        self.n = 0

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"Pending({self.n} rows, room for {len(self.h)})"

    def append(self, k: int, i: int, j: int, h: np.ndarray, left: np.ndarray,
               right: np.ndarray) -> None:
        """Rows built by operator ``k`` from sizes ``i`` and ``j``: hashes and operand rows."""
        m = len(h)
        if not m:
            return
        if self.n + m > len(self.h):
            self._grow(max(self.n + m, 2 * len(self.h)))
        at = slice(self.n, self.n + m)
        self.h[at], self.left[at], self.right[at] = h, left, right
        if self.segs and self.segs[-1][:3] == (k, i, j):  # the same kind as the last: one run
            self.segs[-1] = (k, i, j, self.segs[-1][3], self.n + m)
        else:
            self.segs.append((k, i, j, self.n, self.n + m))
        self.n += m

    def _grow(self, cap: int) -> None:
        for name in ("h", "left", "right"):
            old = getattr(self, name)
            new = np.empty(cap, dtype=old.dtype)
            new[:self.n] = old[:self.n]
            setattr(self, name, new)

    def bank(self) -> Bank:
        """The rows as a bank (views: the room not used is never touched)."""
        n = self.n
        return Bank(self.left[:n], self.right[:n], self.h[:n], self.segs)


@dataclass(frozen=True)
class Hit:
    """An expression whose row equals the target on every required point."""

    size: int
    op: int  # operator index, or -1 for a leaf
    i: int  # size of the first operand (or 1 for a leaf)
    a: int  # its row
    j: int = 0  # size of the second operand (0 if none)
    b: int = 0


@dataclass
class EngineStats:
    """Work done: candidates hashed, distinct expressions kept, sizes completed."""

    candidates: int = 0
    distinct: int = 0
    max_size: int = 0  # sizes enumerated and kept
    hit_size: int = 1  # sizes whose target hits are all known
    per_size: list = field(default_factory=list)  # (size, candidates, distinct, seconds)


class Stop(Exception):
    """Raised inside the enumeration when a budget runs out."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Engine:
    """Enumerate expressions over ``leaves`` by size; collect those whose row hits ``target``.

    ``leaf_vals`` has one row per leaf; ``required`` marks the points where a value must be
    defined; ``target`` gives the wanted value at each required point (None: no target).
    """

    def __init__(self, leaves: list[Expr], leaf_vals: np.ndarray, required: np.ndarray,
                 target: np.ndarray | None = None, ops: tuple[Op, ...] = OPS, seed: int = 0):
        self.leaves, self.ops = list(leaves), ops
        self.required = np.asarray(required, dtype=bool)
        self.target = None if target is None else np.asarray(target, dtype=I64)
        m = leaf_vals.shape[1]
        rng = np.random.default_rng(seed)
        self.w = rng.integers(0, 2**62, size=m, dtype=I64).astype(U64) * U64(2) + U64(1)
        self.w2 = np.where(self.required, self.w, U64(0))
        # The required points first: then a row's hash is its required-points hash plus the rest.
        self.nreq = int(self.required.sum())
        self.req_first = bool(self.required[:self.nreq].all())
        self.t2 = None if target is None else self._h2_of(self.target[None, :])[0]
        self.keys = KeySet()
        self.banks: list[Bank | None] = [None]
        self.stats = EngineStats()
        self.solutions: list[Hit] = []
        self._pending_bytes = 0
        self._bank_bytes = 0  # updated when a bank is made or computed
        self._stale_keys = False
        self._check: Callable[[], None] = lambda: None
        self.max_bytes = float("inf")  # the memory budget, if the caller has one
        self._add_leaves(np.asarray(leaf_vals, dtype=I64))

    def __repr__(self) -> str:
        return (f"Engine({len(self.leaves)} leaves, {self.stats.distinct} distinct, "
                f"size {self.stats.max_size})")

    # -- hashing -------------------------------------------------------------------------
    def row_hash(self, vals: np.ndarray) -> np.ndarray:
        """Raw hash of each row: sum of v_i * w_i mod 2**64."""
        return vals.view(U64) @ self.w

    def _h2_of(self, req_vals: np.ndarray) -> np.ndarray:
        """Hash of rows given on the required points only."""
        return (req_vals.view(U64) * self.w2[self.required]).sum(axis=1, dtype=U64)

    @property
    def nbytes(self) -> int:
        """Memory held by the banks, the key set and the size being built."""
        return self._bank_bytes + self.keys.nbytes + self._pending_bytes

    # -- leaves --------------------------------------------------------------------------
    def _add_leaves(self, vals: np.ndarray) -> None:
        ok = ~(((vals == SENT) & self.required).any(axis=1))
        h = self.row_hash(vals)
        keep = [i for i in range(len(vals)) if ok[i] and h[i] not in set(h[:i][ok[:i]].tolist())]
        idx = np.array(keep, dtype=np.intp)
        bank = Bank(idx.astype(np.int32), np.zeros(len(idx), np.int32), h[idx],
                    [(-1, 0, 0, 0, len(idx))])
        bank.vals, bank.valid = vals[idx], np.ones(len(idx), dtype=bool)
        bank.h2 = self._h2_of(bank.vals[:, self.required])
        bank.sent = (bank.vals == SENT).any(axis=1)
        self.keys.add(bank.h)
        self.banks.append(bank)
        if self.target is not None:
            hit = np.flatnonzero(bank.h2 == self.t2)
            self.solutions += [Hit(1, -1, 1, int(r)) for r in hit]
        self.stats.distinct = len(idx)
        self.stats.max_size = 1

    # -- computing a bank's rows ---------------------------------------------------------
    def bank(self, size: int) -> Bank:
        """The bank of a size, with its rows computed (once; all or nothing)."""
        b = self.banks[size]
        if b.vals is None:
            vals = np.empty((len(b), len(self.w)), dtype=I64)
            valid = np.ones(len(b), dtype=bool)
            b.h2, b.sent = np.empty(len(b), dtype=U64), np.empty(len(b), dtype=bool)
            for k, i, j, start, stop in b.segs:
                for r0 in range(start, stop, CHUNK // 4):  # small blocks: temporaries stay cached
                    self._check()
                    rows = slice(r0, min(r0 + CHUNK // 4, stop))
                    a = self.bank(i).vals[b.left[rows]]
                    c = None if self.ops[k].arity == 1 else self.bank(j).vals[b.right[rows]]
                    v, bad = _evaluate(self.ops[k].name, a, c)
                    np.putmask(v, bad, SENT)
                    vals[rows] = v
                    valid[rows] = ~bad[:, self.required].any(axis=1)
                    b.sent[rows] = bad.any(axis=1)  # bad: exactly where v is SENT
                    b.h2[rows] = self._required_hashes(v)
            valid &= self._unique_unknowns(vals, b.sent & valid, b.h)
            b.vals, b.valid = vals, valid
            self._bank_bytes += b.nbytes - 16 * len(b)
        return b

    def _unique_unknowns(self, vals: np.ndarray, sent: np.ndarray, kept: np.ndarray) -> np.ndarray:
        """False for rows with an unknown value whose row is already kept.

        Sums, differences and products were kept by the hash of their wrapped values; where
        a value became unknown that is not the hash of the row, so two equal rows can both
        have been kept.  Their true hashes settle it: the first keeps its place.
        """
        keep = np.ones(len(vals), dtype=bool)
        rows = np.flatnonzero(sent)
        rows = rows[self.row_hash(vals[rows]) != kept[rows]]  # kept by another hash than their own
        if rows.size:
            h = self.row_hash(vals[rows])
            new = ~self.keys.contains(h)
            _, first = np.unique(h, return_index=True)
            new &= np.isin(np.arange(len(rows)), first)
            keep[rows[~new]] = False
            self.keys.add(np.sort(h[new]))
        return keep

    # -- enumeration ---------------------------------------------------------------------
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
            self.keys = KeySet()
            self.keys.add(np.sort(np.concatenate([b.h for b in self.banks[1:]])))
            self._stale_keys = False
        self._check = check
        size = self.stats.max_size + 1
        t0, c0 = time.perf_counter(), self.stats.candidates
        later: list[tuple] = []  # computed rows, kept after + - * so that those win ties
        self._pending_bytes = 0
        blocks = self._blocks(size)
        parts = Pending(self._expected_new(blocks))
        find_hits = self.stats.hit_size < size  # False when a cut-short try already found them
        hits: list[Hit] | None = [] if find_hits else None
        try:
            self._reserve(self._expected_new(blocks))
            self._first_part(size, blocks, later, hits, check)
            if find_hits:
                self.solutions += hits
                self.stats.hit_size = size
            check()
            for k, op, i, j in blocks:
                if op.name in LINEAR:
                    self._binary(size, k, op, i, j, parts, None, check)
            for k, i, j, h, left, right in later:
                self._keep(parts, k, i, j, h, lambda idx, lt=left, rt=right: (lt[idx], rt[idx]))
        except Stop:  # the candidates were evaluated and stay counted; the size is dropped
            self._pending_bytes = 0
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
        self._check = check
        t0, c0 = time.perf_counter(), self.stats.candidates
        hits: list[Hit] = []
        self._first_part(size, self._blocks(size), None, hits, check)
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
                self._unary(size, k, op, later, hits, check)
            elif op.name == "floordiv" and (i, j) in twins:
                self._binary(size, k, op, i, j, later, hits, check, twin=mods[i, j])
            elif op.name == "mod" and (i, j) in twins:
                continue  # computed with its floordiv twin
            elif op.name not in LINEAR:
                self._binary(size, k, op, i, j, later, hits, check)
            elif hits is not None and self.target is not None:
                hits += self._join(size, k, op.name, i, self._operands(op.name, "left", i),
                                   j, self._operands(op.name, "right", j))

    def _reserve(self, extra: int) -> None:
        """Make room in the key set up front, as much as fits in half the memory budget."""
        while extra > 1 << 16:
            slots = 1 << (KeySet.LOAD * (len(self.keys) + extra) - 1).bit_length()
            if self.nbytes - self.keys.nbytes + KeySet.bytes_per_slot() * slots < self.max_bytes / 2:
                self.keys.reserve(extra)
                return
            extra //= 2

    def _expected_new(self, blocks: list[tuple]) -> int:
        """A guess at the rows the next size keeps: 40% of its candidates.

        (40% is what a sequence with no short rule keeps; reserving room up front saves
        rebuilding the key set halfway through the size.)
        """
        pairs = sum(len(self.banks[i]) * (len(self.banks[j]) if j else 1)
                    for _, op, i, j in blocks)
        return min(int(0.4 * pairs), 1 << 25)

    def _blocks(self, size: int) -> list[tuple]:
        """(operator index, operator, left size, right size) of every block of a size."""
        out = []
        for k, op in enumerate(self.ops):
            if op.arity == 1:
                if size - 1 <= MAX_RIGHT_SIZE.get(op.name, size):
                    out.append((k, op, size - 1, 0))
                continue
            for i in range(1, size - 1):
                j = size - 1 - i
                if (not (op.commutative and i > j) and j <= MAX_RIGHT_SIZE.get(op.name, j)
                        and i <= MAX_LEFT_SIZE.get(op.name, i)):
                    out.append((k, op, i, j))
        return out

    def _close(self, parts: Pending) -> int:
        """Make the size's bank from the kept rows, in the order they were built."""
        self._pending_bytes = 0
        self.banks.append(parts.bank())
        self._bank_bytes += self.banks[-1].nbytes
        return len(parts)

    def _operands(self, name: str, side: str | None, size: int) -> np.ndarray:
        b = self.bank(size)
        if (name, side) not in b.domain:
            b.domain[name, side] = np.flatnonzero(
                b.valid & _domain_rows(name, side, b.vals, self.required))
        return b.domain[name, side]

    def _keep(self, parts, k, i, j, h, operands) -> None:
        """Keep the rows whose hash is new: not seen before, and first of equals in the block.

        ``operands(idx)`` gives the operand rows of the candidates at ``idx`` (built only for
        the rows kept).
        """
        seen, fill = self.keys.lookup(h)
        idx = np.flatnonzero(~seen)
        hs, fill = h[idx], fill[idx]
        if len(idx) > 1:
            # One plain sort of (hash prefix | position), cheaper than an argsort: equal
            # hashes end up adjacent, the first built first.  Two different hashes with one
            # prefix can only keep a duplicate, never lose a row.
            low = max(16, int(len(idx) - 1).bit_length())
            packed = (hs >> U64(low) << U64(low)) | np.arange(len(idx), dtype=U64)
            packed.sort()
            pos = (packed & U64((1 << low) - 1)).astype(np.intp)
            hs = hs[pos]
            first = np.ones(len(hs), dtype=bool)
            first[1:] = hs[1:] != hs[:-1]
            keep = np.zeros(len(idx), dtype=bool)
            keep[pos[first]] = True  # the first of equals, back in the order built
            idx, hs, fill = idx[keep], hs[first], fill[pos[first]]
        self.keys.add(hs, fill)  # sorted by prefix: their buckets are written in address order
        parts.append(k, i, j, h[idx], *operands(idx))
        self._pending_bytes += 16 * len(idx)

    def _unary(self, size, k, op, parts, hits, check) -> None:
        src = self._operands(op.name, None, size - 1)
        for r0 in range(0, len(src), ROWS):
            check()
            rows = src[r0:r0 + ROWS]
            self.stats.candidates += len(rows)
            vals, bad = _evaluate(op.name, self.bank(size - 1).vals[rows], None)
            self._computed(size, k, size - 1, 0, rows, np.zeros(len(rows), np.intp), vals, bad,
                           parts, hits)

    def _binary(self, size, k, op, i, j, parts, hits, check, twin=None) -> None:
        """Candidates ``x op y``; ``twin`` (mod, with floordiv) shares the operands."""
        li = self._operands(op.name, "left", i)
        ri = self._operands(op.name, "right", j)
        if not len(li) or not len(ri):
            return
        if op.name in LINEAR:
            self._linear(k, op, i, li, j, ri, parts, check)
            return
        L, R = self.bank(i), self.bank(j)
        if len(li) < ROWS // 4:  # few left rows: gather pairs into blocks instead
            step = max(1, ROWS // len(li))
            for r0 in range(0, len(ri), step):
                check()
                pb, pa = np.divmod(np.arange(min(step, len(ri) - r0) * len(li)), len(li))
                lrow, rrow = li[pa], ri[r0 + pb]
                for kk, o in [(k, op)] + ([twin] if twin else []):
                    self.stats.candidates += len(lrow)
                    vals, bad = _evaluate(o.name, L.vals[lrow], R.vals[rrow])
                    self._computed(size, kk, i, j, lrow, rrow, vals, bad, parts, hits)
            return
        for l0 in range(0, len(li), ROWS):
            lrow = li[l0:l0 + ROWS]
            a = L.vals[lrow]
            # Operands are defined at every required point; their unknowns (elsewhere) stay
            # unknown, patched in the few rows that have them.
            unknown = np.flatnonzero(L.sent[lrow])
            a_sent = a[unknown] == SENT
            for r in ri:
                check()
                if twin:
                    results = zip((k, twin[0]), _divmod_row(a, R.vals[r]))
                else:
                    results = [(k, _evaluate_row(op.name, a, R.vals[r]))]
                for kk, (vals, bad) in results:
                    self.stats.candidates += len(lrow)
                    if unknown.size:
                        vals[unknown] = np.where(a_sent, SENT, vals[unknown])
                    self._computed(size, kk, i, j, lrow, np.full(len(lrow), r), vals, bad,
                                   parts, hits)

    def _computed(self, size, k, i, j, lrow, rrow, vals, bad, later, hits) -> None:
        """Note target hits among computed rows (all of them); set aside the valid ones, to be
        looked up and kept after the size's sums, differences and products (which then win
        ties: ``n*n``, not ``n**2``, whose constant costs bits)."""
        if bad is not None:
            np.putmask(vals, bad, SENT)
            ok = ~bad[:, self.required].any(axis=1)
        want_hits = self.target is not None and hits is not None
        if later is None:  # hits only: the required points are enough
            h, h2 = None, self._required_hashes(vals)
        else:
            h, h2 = self._hashes(vals, want_hits)
        if want_hits:  # a row seen before may continue differently past the points
            hit = h2 == self.t2
            hit = np.flatnonzero(hit if bad is None else hit & ok)
            hits += [Hit(size, k, i, int(lrow[r]), j, int(rrow[r])) for r in hit[:MAX_HITS]]
        if later is None:
            return
        if bad is not None:
            sel = np.flatnonzero(ok)
            h, lrow, rrow = h[sel], lrow[sel], rrow[sel]
        later.append((k, i, j, h, lrow.astype(np.int32), rrow.astype(np.int32)))
        self._pending_bytes += 16 * len(h)

    def _required_hashes(self, vals: np.ndarray) -> np.ndarray:
        """Hashes of computed rows on the required points only."""
        v = vals.view(U64)
        return v[:, :self.nreq] @ self.w[:self.nreq] if self.req_first else v @ self.w2

    def _hashes(self, vals: np.ndarray, required_too: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """Row hashes of computed rows, and (if asked) their required-points hashes."""
        v = vals.view(U64)
        if not required_too:
            return v @ self.w, None
        h2 = self._required_hashes(vals)
        if self.req_first:  # one product per point: h = h2 + the rest
            return h2 + v[:, self.nreq:] @ self.w[self.nreq:], h2
        return v @ self.w, h2

    def _linear(self, k, op, i, li, j, ri, parts, check) -> None:
        """Hash whole blocks of x+y, x-y, x*y without computing them; keep the new ones.

        A block is a tile of at most CHUNK (left, right) pairs: its temporaries stay in the
        cache, and in memory the process already has (a fresh page costs far more here than
        the arithmetic on it).
        """
        L, R = self.bank(i), self.bank(j)
        hl, hr = L.h[li], R.h[ri]
        if op.name == "mul":
            wl = L.vals[li].view(U64) * self.w
            rv_t = R.vals[ri].view(U64).T  # column-major: NumPy's integer matmul likes it
        width = min(len(ri), CHUNK)
        step = max(1, CHUNK // width)
        tri = op.commutative and i == j
        for a0 in range(0, len(li), step):
            a = slice(a0, min(a0 + step, len(li)))
            # tiles of one left row (step 1) start at its own column when only left <= right
            # is wanted: the tiles before it would hold no pair
            for b0 in range(a0 if tri and width < len(ri) else 0, len(ri), width):
                check()
                b = slice(b0, min(b0 + width, len(ri)))
                if op.name == "add":
                    h = hl[a, None] + hr[None, b]
                elif op.name == "sub":
                    h = hl[a, None] - hr[None, b]
                else:
                    h = wl[a] @ rv_t[:, b]
                if tri:  # x+y == y+x: only pairs with left <= right
                    pa, pb = np.nonzero(np.arange(a.start, a.stop)[:, None]
                                        <= np.arange(b.start, b.stop))
                    h = h[pa, pb]
                    rows = (lambda idx, pa=pa, pb=pb, a0=a.start, b0=b.start:
                            (li[a0 + pa[idx]], ri[b0 + pb[idx]]))
                else:
                    h = h.ravel()
                    n = b.stop - b.start
                    rows = (lambda idx, a0=a.start, b0=b.start, n=n:
                            (li[a0 + idx // n], ri[b0 + idx % n]))
                self.stats.candidates += len(h)
                self._keep(parts, k, i, j, h, rows)

    def _join(self, size, k, name, i, li, j, ri) -> list[Hit]:
        """Pairs (x, y) with x op y equal to the target on the required points."""
        L, R = self.bank(i), self.bank(j)
        if name == "mul":
            return self._join_mul(size, k, i, li, j, ri)
        hl = L.h2[li]
        want = (self.t2 - hl) if name == "add" else (hl - self.t2)  # y = t - x, or y = x - t
        return [Hit(size, k, i, int(li[a]), j, int(ri[b])) for a, b in _match(want, R.h2[ri])]

    def _join_mul(self, size, k, i, li, j, ri) -> list[Hit]:
        """x * y = t: y = t // x where x divides t; points where x = 0 = t leave y free."""
        x = self.bank(i).vals[li][:, self.required]
        t = self.target
        zero = x == 0
        with np.errstate(all="ignore"):
            safe = np.where(zero, 1, x)
            ok = ~(zero & (t != 0)).any(axis=1) & ((t % safe == 0) | zero).all(axis=1)
            q = np.where(zero, 0, t // safe)
        y, h2 = self.bank(j).vals, self.bank(j).h2[ri]
        points = np.flatnonzero(self.required)
        out: list[Hit] = []
        rows = np.flatnonzero(ok)
        patterns = {}
        for r in rows:
            patterns.setdefault(zero[r].tobytes(), []).append(r)
        for key in sorted(patterns):
            rs = np.array(patterns[key])
            w = np.where(zero[rs[0]], U64(0), self.w2[self.required])
            want = (q[rs].view(U64) * w).sum(axis=1, dtype=U64)
            free = points[zero[rs[0]]]  # y is free where x = 0 = t: hash y without them
            have = h2 - y[np.ix_(ri, free)].view(U64) @ self.w2[free] if free.size else h2
            out += [Hit(size, k, i, int(li[rs[a]]), j, int(ri[b])) for a, b in _match(want, have)]
        return out

    # -- reading results -----------------------------------------------------------------
    def expr_at(self, size: int, row: int) -> Expr:
        """Rebuild the expression of a kept row."""
        b = self.banks[size]
        seg = b.segs[bisect.bisect_right([s[3] for s in b.segs], row) - 1]
        if seg[0] < 0:
            return self.leaves[int(b.left[row])]
        op = self.ops[seg[0]]
        args = (self.expr_at(seg[1], int(b.left[row])),)
        if op.arity == 2:
            args += (self.expr_at(seg[2], int(b.right[row])),)
        return Apply(op, args)

    def expr(self, hit: Hit) -> Expr:
        """The expression of a target hit."""
        if hit.op < 0:
            return self.expr_at(1, hit.a)
        op = self.ops[hit.op]
        args = (self.expr_at(hit.i, hit.a),)
        if op.arity == 2:
            args += (self.expr_at(hit.j, hit.b),)
        return Apply(op, args)


def _match(want: np.ndarray, have: np.ndarray) -> list[tuple[int, int]]:
    """Index pairs (a, b) with want[a] == have[b], at most MAX_HITS, in a fixed order.

    The smaller side is sorted and the larger one looked up in it.
    """
    swap = len(want) > len(have)
    small, large = (have, want) if swap else (want, have)
    order = np.argsort(small, kind="stable")
    sorted_small = small[order]
    lo = np.searchsorted(sorted_small, large, side="left")
    hi = np.searchsorted(sorted_small, large, side="right")
    out = []
    for x in np.flatnonzero(hi > lo):
        out += [(int(x), int(order[p])) if swap else (int(order[p]), int(x))
                for p in range(lo[x], hi[x])]
        if len(out) >= MAX_HITS:
            break
    return out[:MAX_HITS]
