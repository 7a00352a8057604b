"""A size's rows, computed lazily and once: values, where they are defined, required hashes.

Sums, differences and products are kept by hash alone (linear.py); their rows are computed
only when their size is first used as operands.  The last size a budget reaches is never
computed at all.
"""

from __future__ import annotations

import numpy as np

from ..kernels import SENT
from .banks import Bank
from .evaluate import evaluate
from .state import EngineState

I64 = np.int64
U64 = np.uint64
BLOCK = 1 << 14  # rows computed at once: their temporaries stay in the cache


def compute_rows(eng: EngineState, b: Bank) -> None:
    """Fill in a bank's values, validity, unknowns and required hashes (all or nothing)."""
    vals = np.empty((len(b), len(eng.hash.w)), dtype=I64)
    valid = np.ones(len(b), dtype=bool)
    b.h2, b.sent = np.empty(len(b), dtype=U64), np.empty(len(b), dtype=bool)
    for k, i, j, start, stop in b.segs:
        op = eng.ops[k]
        for r0 in range(start, stop, BLOCK):
            eng.check()
            rows = slice(r0, min(r0 + BLOCK, stop))
            a = eng.bank(i).vals[b.left[rows]]
            c = None if op.arity == 1 else eng.bank(j).vals[b.right[rows]]
            v, bad = evaluate(op, a, c)
            np.putmask(v, bad, SENT)
            vals[rows] = v
            valid[rows] = ~bad[:, eng.required].any(axis=1)
            b.sent[rows] = bad.any(axis=1)  # bad: exactly where v is SENT
            b.h2[rows] = eng.hash.of_required(v)
    sent = np.flatnonzero(b.sent)
    own = eng.hash.of_rows(vals[sent])
    valid[sent] &= _unique_unknowns(eng, own, b.h[sent], valid[sent])
    b.h[sent] = own  # from now on their own hashes: operands' marks in them could cancel
    b.vals, b.valid = vals, valid
    eng.bank_bytes += b.nbytes - 16 * len(b)


def _unique_unknowns(eng: EngineState, own: np.ndarray, kept: np.ndarray,
                     valid: np.ndarray) -> np.ndarray:
    """For rows with an unknown value (their own hashes, the hashes they were kept by, and
    whether they are valid): False where the row is already kept.

    Sums, differences and products were kept by the hash of their values and their operands'
    unknown marks (hashing.py), not by the hash of their row, so two equal rows can both have
    been kept.  Their own hashes settle it: the first keeps its place.
    """
    keep = np.ones(len(own), dtype=bool)
    rows = np.flatnonzero(valid & (own != kept))  # kept by another hash than their own
    if rows.size:
        h = own[rows]
        new = ~eng.keys.contains(h)
        _, first = np.unique(h, return_index=True)
        new &= np.isin(np.arange(len(rows)), first)
        keep[rows[~new]] = False
        eng.keys.add(np.sort(h[new]))
    return keep
