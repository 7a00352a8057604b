"""Bottom-up enumeration of expressions by size, with observational equivalence, in NumPy.

Every expression is a row of int64 values on the evaluation points.  Two expressions with the
same row are the same to the search, and only the first (smallest) is kept.  A *candidate*
is one expression built from kept ones (an operator applied to operands) whose value row is
looked up for equivalence: the unit of work counted in ``candidates``.

Speed comes from hashing rows without computing them: the hash h(v) = sum(v_i * w_i) mod 2**64
is linear, so h(x + y) = h(x) + h(y), h(x - y) = h(x) - h(y), and h(x * y) is a bilinear form
``(X * w) @ Y.T``.  Whole blocks of sums, differences and products are hashed with one outer
sum or one integer matrix product; only the rows whose hash is new are computed, checked for
overflow and stored.  The other operators are computed for whole blocks at once.

Overflow is never silent: a value that leaves int64 (or an operator outside its domain) at a
*required* point (a training term) discards the expression; at other points (beyond the
training range) it becomes ``SENT``, "unknown", and stays unknown through later operators.
Every reported program is re-checked with exact Python integers elsewhere (forms.py).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .hashset import HashSet, fix
from .language import OPS, Apply, Const, Expr, Op

I64 = np.int64
U64 = np.uint64
SENT = np.iinfo(I64).min  # "unknown": overflowed or undefined at a point that is not required
SAFE = 2.0**63 - 2.0**12  # a float product below this is a product below 2**63 exactly
CHUNK = 1 << 14  # candidates per block: large enough for NumPy, small enough for the cache
# The search only builds these operators with a small right operand (a documented restriction of
# the search, not of the language): the cost of these kernels grows with every pair they see.
MAX_RIGHT_SIZE = {"floordiv": 3, "mod": 3, "pow": 3, "binomial": 1}
FACT = np.array([1] + list(np.cumprod(np.arange(1, 21, dtype=I64))), dtype=I64)  # 0! .. 20!


@dataclass
class Bank:
    """All kept expressions of one size: value rows and how each was built."""

    vals: np.ndarray  # (N, m) int64
    op: np.ndarray  # (N,) operator index into OPS, or -1 - leaf index
    left: np.ndarray  # (N,) global id of the first operand
    right: np.ndarray  # (N,) global id of the second operand (-1 if none)

    def __len__(self) -> int:
        return len(self.op)

    def __repr__(self) -> str:
        return f"Bank({len(self)} expressions)"


@dataclass
class EngineStats:
    """Work done: candidates hashed, distinct expressions kept, sizes completed."""

    candidates: int = 0
    distinct: int = 0
    max_size: int = 0
    stopped_by: str = ""
    per_size: list = field(default_factory=list)  # (size, candidates, distinct, seconds)


class Stop(Exception):
    """Raised inside the enumeration when a budget runs out."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Engine:
    """Enumerate expressions over ``leaves`` by size; report those whose row hits ``target``.

    ``required`` marks the points where a value must be defined; ``target`` gives the wanted
    value at each required point (or None to enumerate without a target).
    """

    def __init__(self, leaves: list[Expr], leaf_vals: np.ndarray, required: np.ndarray,
                 target: np.ndarray | None = None, ops: tuple[Op, ...] = OPS, seed: int = 0):
        self.leaves, self.ops = list(leaves), ops
        self.required = np.asarray(required, dtype=bool)
        self.target = None if target is None else np.asarray(target, dtype=I64)
        m = leaf_vals.shape[1]
        rng = np.random.default_rng(seed)
        self.w = rng.integers(0, 2**63, size=m, dtype=I64).astype(U64) * U64(2) + U64(1)
        self.seen = HashSet()
        self.banks: list[Bank] = [Bank(np.zeros((0, m), I64), *(np.zeros(0, I64),) * 3)]
        self.starts = [0]  # global id of each bank's first row
        self.hashes: list[np.ndarray] = [np.zeros(0, U64)]
        self._pending: list[tuple] = []
        self.stats = EngineStats()
        self.solutions: list[int] = []
        self._check: Callable[[], None] = lambda: None
        self._add_leaves(np.asarray(leaf_vals, dtype=I64))

    def __repr__(self) -> str:
        return (f"Engine({len(self.leaves)} leaves, {self.stats.distinct} distinct, "
                f"size {self.stats.max_size})")

    # -- hashing -------------------------------------------------------------------------
    def row_hash(self, vals: np.ndarray) -> np.ndarray:
        """Raw hash of each row: sum of v_i * w_i mod 2**64 (linear; the table key is fix(h))."""
        return (vals.view(U64) * self.w).sum(axis=1, dtype=U64)

    # -- storage -------------------------------------------------------------------------
    @property
    def nbytes(self) -> int:
        return sum(b.vals.nbytes + 24 * len(b) for b in self.banks) + self.seen.nbytes

    def _add_leaves(self, vals: np.ndarray) -> None:
        ok = ~(((vals == SENT) & self.required).any(axis=1))
        h = self.row_hash(vals)
        new = np.zeros(len(vals), dtype=bool)
        new[ok] = self.seen.insert(fix(h[ok]))
        idx = np.flatnonzero(new)
        self._open(1)
        self._store(1, vals[idx], -1 - idx, np.full(len(idx), -1), np.full(len(idx), -1),
                    h[idx])
        self._close()
        self.stats.max_size = 1

    def _store(self, size, vals, op, left, right, h) -> None:
        """Append rows to the bank being built (joined once the size is done)."""
        if not len(op):
            return
        start = self.starts[size] + sum(len(p[1]) for p in self._pending)
        self._pending.append((vals, op, left, right, h))
        self.stats.distinct += len(op)
        if self.target is not None:
            hit = (vals[:, self.required] == self.target).all(axis=1)
            self.solutions.extend((start + np.flatnonzero(hit)).tolist())

    def _open(self, size: int) -> None:
        m = self.banks[0].vals.shape[1]
        self.starts.append(self.starts[-1] + len(self.banks[-1]))
        self._pending = [(np.zeros((0, m), I64),) + (np.zeros(0, I64),) * 3 + (np.zeros(0, U64),)]

    def _close(self) -> None:
        vals, op, left, right, h = (np.concatenate(col) for col in zip(*self._pending))
        self.banks.append(Bank(vals, op, left, right))
        self.hashes.append(h)
        self._pending = []

    # -- enumeration ---------------------------------------------------------------------
    def grow(self, check: Callable[[], None] = lambda: None) -> None:
        """Enumerate the next size; ``check`` raises :class:`Stop` when a budget runs out."""
        self._check = check
        size = self.stats.max_size + 1
        t0, c0, d0 = time.perf_counter(), self.stats.candidates, self.stats.distinct
        self._open(size)
        try:
            for k, op in enumerate(self.ops):
                if op.arity == 1:
                    self._unary(size, k, op)
                    continue
                for i in range(1, size - 1):
                    j = size - 1 - i
                    if not (op.commutative and i > j) and j <= MAX_RIGHT_SIZE.get(op.name, j):
                        self._binary(size, k, op, i, j)
        finally:
            self._close()
        self.stats.max_size = size
        self.stats.per_size.append((size, self.stats.candidates - c0,
                                    self.stats.distinct - d0, time.perf_counter() - t0))

    def _unary(self, size: int, k: int, op: Op) -> None:
        src = self.banks[size - 1]
        for r0 in range(0, len(src), CHUNK):
            ids = np.arange(r0, min(r0 + CHUNK, len(src)))
            a = src.vals[ids]
            keep = _domain_rows(op.name, None, a, self.required)
            ids, a = ids[keep], a[keep]
            vals, bad = _evaluate(op.name, a, None)
            self._accept(size, k, ids + self.starts[size - 1], np.full(len(ids), -1), vals, bad)

    def _binary(self, size: int, k: int, op: Op, i: int, j: int) -> None:
        left, right = self.banks[i], self.banks[j]
        lrows = _domain_rows(op.name, "left", left.vals, self.required)
        rrows = _domain_rows(op.name, "right", right.vals, self.required)
        li, ri = np.flatnonzero(lrows), np.flatnonzero(rrows)
        if not len(li) or not len(ri):
            return
        linear = op.name in ("add", "sub", "mul")
        hl, hr = self.hashes[i][li], self.hashes[j][ri]
        if op.name == "mul":
            wl = left.vals[li].view(U64) * self.w
            rv = right.vals[ri].view(U64)
        step = max(1, CHUNK // len(ri))
        for a0 in range(0, len(li), step):
            self._check()
            a = np.arange(a0, min(a0 + step, len(li)))
            if op.name == "add":
                h = hl[a, None] + hr[None, :]
            elif op.name == "sub":
                h = hl[a, None] - hr[None, :]
            elif op.name == "mul":
                h = wl[a] @ rv.T
            if op.commutative and i == j:  # x+y == y+x: keep pairs with left <= right
                pa, pb = np.nonzero(a[:, None] <= np.arange(len(ri))[None, :])
            else:
                pa, pb = np.divmod(np.arange(len(a) * len(ri)), len(ri))
                pa = pa
            self.stats.candidates += len(pa)
            if linear:
                h = h[pa, pb] if op.commutative and i == j else h.ravel()
                fresh = self.seen.probably_new(fix(h))
                pa, pb, h = pa[fresh], pb[fresh], h[fresh]
            else:
                h = None
            lid, rid = li[a[pa]], ri[pb]
            vals, bad = _evaluate(op.name, left.vals[lid], right.vals[rid])
            self._accept(size, k, lid + self.starts[i], rid + self.starts[j], vals, bad, h)

    def _accept(self, size, k, lid, rid, vals, bad, h=None) -> None:
        """Keep the rows that are defined where required and new; store them.

        ``h`` holds the rows' hashes when the caller knows them (linear operators); it is
        recomputed for rows that hold an unknown value.
        """
        if not len(vals):
            return
        if bad.any():
            ok = np.flatnonzero(~(bad & self.required).any(axis=1))
            vals, bad = vals[ok], bad[ok]
            lid, rid = lid[ok], rid[ok]
            np.putmask(vals, bad, SENT)
            h = None
        if h is None:
            h = self.row_hash(vals)
        new = self.seen.insert(fix(h))
        self._store(size, vals[new], np.full(int(new.sum()), k), lid[new], rid[new], h[new])

    # -- reading results -----------------------------------------------------------------
    def locate(self, gid: int) -> tuple[int, int]:
        """(size, row) of a global id."""
        size = int(np.searchsorted(self.starts, gid, side="right")) - 1
        return size, gid - self.starts[size]

    def expr(self, gid: int) -> Expr:
        """Rebuild the expression tree of a kept row."""
        size, row = self.locate(gid)
        b = self.banks[size]
        code = int(b.op[row])
        if code < 0:
            return self.leaves[-1 - code]
        op = self.ops[code]
        args = (self.expr(int(b.left[row])),)
        if op.arity == 2:
            args += (self.expr(int(b.right[row])),)
        return Apply(op, args)

    def values(self, gid: int) -> np.ndarray:
        size, row = self.locate(gid)
        return self.banks[size].vals[row]


# -- operator kernels ----------------------------------------------------------------------
def _domain_rows(name: str, side: str | None, vals: np.ndarray, req: np.ndarray) -> np.ndarray:
    """Operands that can be valid for an operator at every required point (a cheap prefilter)."""
    v = vals[:, req]
    if name in ("floordiv", "mod") and side == "right":
        return (v != 0).all(axis=1)
    if name == "pow" and side == "right":
        return ((v >= 0) & (v <= 63)).all(axis=1)
    if name == "binomial":
        return ((v >= 0) & (v <= (1000 if side == "left" else 30))).all(axis=1)
    if name == "factorial":
        return ((v >= 0) & (v <= 20)).all(axis=1)
    return np.ones(len(vals), dtype=bool)


def _evaluate(name: str, a: np.ndarray, b: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Values of ``a op b`` and where they are undefined (overflow, domain, unknown input)."""
    unknown = a == SENT if b is None else (a == SENT) | (b == SENT)
    with np.errstate(all="ignore"):
        r, bad = KERNELS[name](a, b)
    return r, bad | unknown | (r == SENT)


def _add(a, b):
    r = a + b
    return r, ((a ^ r) & (b ^ r)) < 0


def _sub(a, b):
    r = a - b
    return r, ((a ^ b) & (a ^ r)) < 0


def _mul(a, b):
    return a * b, np.abs(a.astype(float) * b.astype(float)) >= SAFE


def _floordiv(a, b):
    bad = (b == 0) | ((a == SENT) & (b == -1))
    return np.floor_divide(a, np.where(bad, 1, b)), bad


def _mod(a, b):
    bad = b == 0
    return np.remainder(a, np.where(bad, 1, b)), bad


def _pow(a, b):
    bad = (b < 0) | (b > 63)
    e = np.where(bad, 0, b)
    bad |= e * np.log2(np.maximum(np.abs(a.astype(float)), 1.0)) >= 62.99
    return np.power(np.where(bad, 0, a), e), bad


def _binomial_table(top: int = 1000, kmax: int = 62) -> np.ndarray:
    """C(x, k) for 0 <= x <= top, 0 <= k <= kmax, exact; SENT where it leaves int64."""
    table = np.full((top + 1, kmax + 1), SENT, dtype=I64)
    for x in range(top + 1):
        for k in range(kmax + 1):
            c = math.comb(x, k)
            if c < 2**63:
                table[x, k] = c
    return table


BINOMIAL = _binomial_table()


def _binomial(a, b):
    bad = (a < 0) | (a >= BINOMIAL.shape[0]) | (b < 0) | (b >= BINOMIAL.shape[1])
    r = BINOMIAL[np.where(bad, 0, a), np.where(bad, 0, b)]
    return r, bad | (r == SENT)


def _factorial(a, _b):
    bad = (a < 0) | (a > 20)
    return FACT[np.where(bad, 0, a)], bad


KERNELS = {"add": _add, "sub": _sub, "mul": _mul, "floordiv": _floordiv, "mod": _mod,
           "pow": _pow, "binomial": _binomial, "factorial": _factorial}


def constant_leaves(values) -> list[Const]:
    """Constant leaves in the given order (cheapest first keeps the cheaper of equals)."""
    return [Const(int(v)) for v in values]
