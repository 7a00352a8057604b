"""Candidates of the computed operators (every operator but ``+ - *``): their rows computed
for whole blocks, the target hits noted, the valid rows set aside to be kept after the size's
sums, differences and products (which then win ties: ``n*n``, not ``n**2``, whose constant
costs bits).  ``x // c`` and ``x % c`` of the same operands are computed together."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..kernels import SENT
from ..language import Op
from .evaluate import divmod_row, evaluate, evaluate_row
from .records import MAX_HITS, Hit
from .state import EngineState

ROWS = 1 << 13  # computed candidates per block: their rows (8 bytes a point) stay in the cache


def unary(eng: EngineState, size: int, k: int, op: Op, later: list | None, hits: list | None,
          check: Callable[[], None]) -> None:
    """Candidates ``op(x)`` for every usable x of the size before."""
    src = eng.operands(op, 0, size - 1)
    for r0 in range(0, len(src), ROWS):
        check()
        rows = src[r0:r0 + ROWS]
        eng.stats.candidates += len(rows)
        vals, bad = evaluate(op, eng.bank(size - 1).vals[rows], None)
        note(eng, size, k, size - 1, 0, rows, np.zeros(len(rows), np.intp), vals, bad,
             later, hits)


def binary(eng: EngineState, size: int, k: int, op: Op, i: int, j: int, later: list | None,
           hits: list | None, check: Callable[[], None], twin: tuple | None = None) -> None:
    """Candidates ``x op y``, x of size i and y of size j; ``twin`` = (index, mod) with
    floordiv shares the operands and the division."""
    li, ri = eng.operands(op, 0, i), eng.operands(op, 1, j)
    if not len(li) or not len(ri):
        return
    if len(li) < ROWS // 4:  # few left rows: gather pairs into blocks instead
        _pairs(eng, size, k, op, i, j, li, ri, later, hits, check, twin)
        return
    L, R = eng.bank(i), eng.bank(j)
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
                results = zip((k, twin[0]), divmod_row(op, twin[1], a, R.vals[r]))
            else:
                results = [(k, evaluate_row(op, a, R.vals[r]))]
            for kk, (vals, bad) in results:
                eng.stats.candidates += len(lrow)
                if unknown.size:
                    vals[unknown] = np.where(a_sent, SENT, vals[unknown])
                note(eng, size, kk, i, j, lrow, np.full(len(lrow), r), vals, bad, later, hits)


def _pairs(eng, size, k, op, i, j, li, ri, later, hits, check, twin) -> None:
    """:func:`binary` for few left rows: blocks of (left, right) pairs."""
    L, R = eng.bank(i), eng.bank(j)
    step = max(1, ROWS // len(li))
    for r0 in range(0, len(ri), step):
        check()
        pb, pa = np.divmod(np.arange(min(step, len(ri) - r0) * len(li)), len(li))
        lrow, rrow = li[pa], ri[r0 + pb]
        for kk, o in [(k, op)] + ([twin] if twin else []):
            eng.stats.candidates += len(lrow)
            vals, bad = evaluate(o, L.vals[lrow], R.vals[rrow])
            note(eng, size, kk, i, j, lrow, rrow, vals, bad, later, hits)


def note(eng: EngineState, size: int, k: int, i: int, j: int, lrow: np.ndarray,
         rrow: np.ndarray, vals: np.ndarray, bad: np.ndarray | None, later: list | None,
         hits: list | None) -> None:
    """Note the target hits among computed rows (all of them); set aside the valid rows in
    ``later`` (None: hits only, nothing kept)."""
    if bad is not None:
        np.putmask(vals, bad, SENT)
        ok = ~bad[:, eng.required].any(axis=1)
    want_hits = eng.target is not None and hits is not None
    if later is None:  # hits only: the required points are enough
        h, h2 = None, eng.hash.of_required(vals)
    else:
        h, h2 = eng.hash.of_rows_and_required(vals, want_hits)
    if want_hits:  # a row seen before may continue differently past the points
        hit = h2 == eng.t2
        hit = np.flatnonzero(hit if bad is None else hit & ok)
        hits += [Hit(size, k, i, int(lrow[r]), j, int(rrow[r])) for r in hit[:MAX_HITS]]
    if later is None:
        return
    if bad is not None:
        sel = np.flatnonzero(ok)
        h, lrow, rrow = h[sel], lrow[sel], rrow[sel]
    later.append((k, i, j, h, lrow.astype(np.int32), rrow.astype(np.int32)))
    eng.pending_bytes += 16 * len(h)
