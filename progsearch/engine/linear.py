"""Sums, differences and products by their hashes: kept without computing their rows, and
their target hits found by hash joins.

The row hash is linear (hashing.py): h(x + y) = h(x) + h(y), h(x - y) = h(x) - h(y), and
h(x * y) = (X * w) @ Y: a block of sums is one outer sum, a block of products one integer
matrix product.  A hit x + y = t on the required points is h2(y) = h2(t) - h2(x): a join of
two sorted arrays (meet in the middle), not a row per pair.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..language import Op
from .banks import Pending
from .records import MAX_HITS, Hit
from .state import EngineState

U64 = np.uint64
LINEAR = ("add", "sub", "mul")  # the operators with a hash algebra: the others are computed
CHUNK = 1 << 16  # hashed candidates per block: large enough for NumPy, small enough for the cache


def hash_block(eng: EngineState, k: int, op: Op, i: int, j: int, parts: Pending,
               check: Callable[[], None]) -> None:
    """Hash every x op y (x of size i, y of size j) without computing it; keep the new ones.

    A block is a tile of at most CHUNK (left, right) pairs: its temporaries stay in the
    cache, and in memory the process already has (a fresh page costs far more here than
    the arithmetic on it).
    """
    li, ri = eng.operands(op, 0, i), eng.operands(op, 1, j)
    if not len(li) or not len(ri):
        return
    L, R = eng.bank(i), eng.bank(j)
    hl, hr = L.h[li], R.h[ri]
    ml, mr = _marks(eng, L, li), _marks(eng, R, ri)  # operands' unknowns (hashing.py)
    wl = rv_t = None
    if op.name == "mul":
        eng.need(8 * len(eng.hash.w) * (len(li) + len(ri)))  # the two operand copies below
        wl = L.vals[li].view(U64) * eng.hash.w
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
            _add_marks(h, ml, mr, a, b)
            h, rows = _pairs_of_tile(h, li, ri, a, b, tri)
            eng.stats.candidates += len(h)
            eng.keep(parts, k, i, j, h, rows)


def _marks(eng: EngineState, bank, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where in ``rows`` the rows with unknowns are (ascending), and their unknown marks."""
    at = np.flatnonzero(bank.sent[rows])
    return at, eng.hash.unknown_marks(bank.vals[rows[at]])


def _add_marks(h: np.ndarray, left: tuple, right: tuple, a: slice, b: slice) -> None:
    """Add the unknown marks of the tile's operands (left rows ``a``, right columns ``b``).

    >>> h = np.zeros((2, 2), dtype=U64)
    >>> left = (np.array([0]), np.array([5], dtype=U64))
    >>> right = (np.array([0]), np.array([3], dtype=U64))
    >>> _add_marks(h, left, right, slice(0, 2), slice(0, 2)); h.tolist()
    [[8, 5], [3, 0]]
    """
    lo, hi = np.searchsorted(left[0], (a.start, a.stop))
    if hi > lo:
        h[left[0][lo:hi] - a.start] += left[1][lo:hi, None]
    lo, hi = np.searchsorted(right[0], (b.start, b.stop))
    if hi > lo:
        h[:, right[0][lo:hi] - b.start] += right[1][lo:hi]


def _pairs_of_tile(h: np.ndarray, li, ri, a: slice, b: slice, tri: bool):
    """The tile's hashes as one array, and the operand rows of given positions in it."""
    if tri:  # x+y == y+x: only pairs with left <= right
        pa, pb = np.nonzero(np.arange(a.start, a.stop)[:, None] <= np.arange(b.start, b.stop))
        return h[pa, pb], lambda idx: (li[a.start + pa[idx]], ri[b.start + pb[idx]])
    n = b.stop - b.start
    return h.ravel(), lambda idx: (li[a.start + idx // n], ri[b.start + idx % n])


def join(eng: EngineState, size: int, k: int, op: Op, i: int, j: int) -> list[Hit]:
    """Pairs (x, y) with x op y equal to the target on the required points."""
    li, ri = eng.operands(op, 0, i), eng.operands(op, 1, j)
    if op.name == "mul":
        return _join_mul(eng, size, k, i, li, j, ri)
    hl = eng.bank(i).h2[li]
    want = (eng.t2 - hl) if op.name == "add" else (hl - eng.t2)  # y = t - x, or y = x - t
    return [Hit(size, k, i, int(li[a]), j, int(ri[b]))
            for a, b in match(want, eng.bank(j).h2[ri])]


def _join_mul(eng: EngineState, size: int, k: int, i: int, li: np.ndarray, j: int,
              ri: np.ndarray) -> list[Hit]:
    """x * y = t: y = t // x where x divides t; points where x = 0 = t leave y free."""
    req, w2 = eng.required, eng.hash.w2
    eng.need(8 * (len(eng.hash.w) + 4 * int(req.sum())) * len(li))  # x, its tests, quotients
    x = eng.bank(i).vals[li][:, req]
    t = eng.target
    zero = x == 0
    with np.errstate(all="ignore"):
        safe = np.where(zero, 1, x)
        ok = ~(zero & (t != 0)).any(axis=1) & ((t % safe == 0) | zero).all(axis=1)
        q = np.where(zero, 0, t // safe)
    y, h2 = eng.bank(j).vals, eng.bank(j).h2[ri]
    points = np.flatnonzero(req)
    out: list[Hit] = []
    patterns: dict = {}
    for r in np.flatnonzero(ok):
        patterns.setdefault(zero[r].tobytes(), []).append(r)
    for key in sorted(patterns):
        rs = np.array(patterns[key])
        w = np.where(zero[rs[0]], U64(0), w2[req])
        want = (q[rs].view(U64) * w).sum(axis=1, dtype=U64)
        free = points[zero[rs[0]]]  # y is free where x = 0 = t: hash y without them
        have = h2 - y[np.ix_(ri, free)].view(U64) @ w2[free] if free.size else h2
        out += [Hit(size, k, i, int(li[rs[a]]), j, int(ri[b])) for a, b in match(want, have)]
    return out


def match(want: np.ndarray, have: np.ndarray) -> list[tuple[int, int]]:
    """Index pairs (a, b) with want[a] == have[b], at most MAX_HITS, in a fixed order.

    The smaller side is sorted and the larger one looked up in it.

    >>> match(np.array([5, 7], dtype=np.uint64), np.array([7, 1, 5, 7], dtype=np.uint64))
    [(1, 0), (0, 2), (1, 3)]
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
