"""Every distinct formula the engine keeps as a noisy candidate: its bits and its two-part length.

The engine stores how each kept expression was built (an operator and operand rows), not the
expression; :func:`bank_extra_bits` prices a whole bank from the banks below it in one pass per
block of rows alike, exactly as ``forms.expr_bits`` prices one expression: ``log2`` of the
node symbols a node, plus each constant's integer code and each library operator's name.
:func:`best_candidates` scores every valid row of every kept size by its two-part length
(noise.fit.two_part, affine) in whole NumPy passes and returns the few shortest.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ..engine import Engine
from ..forms import LIBRARY_BITS, node_symbols
from ..language import Const
from ..length import FORM_TAG_BITS, int_bits
from .code import AFFINE_TAG_BITS, _ss_bits
from .fit import two_part

TOP = 8  # candidates returned, shortest two-part length first
BLOCK = 1024  # rows scored exactly at once
LB_CHUNK = 8192  # rows bounded at once


def _leaf_extra(leaf) -> float:
    return float(int_bits(leaf.value)) if isinstance(leaf, Const) else 0.0


def bank_extra_bits(eng: Engine, upto: int) -> list[np.ndarray]:
    """Per kept size 1..upto: each row's bits beyond its node symbols (constants, library names).

    >>> from progsearch.language import Var
    >>> eng = Engine([Var("n"), Const(3)], np.array([[0, 1, 2], [3, 3, 3]]), np.ones(3, bool))
    >>> eng.grow(); eng.grow(); extra = bank_extra_bits(eng, 3)
    >>> extra[0].tolist(), sorted(set(extra[2].tolist())) == [0.0, 5.0, 5.0 + LIBRARY_BITS, 10.0]
    ([0.0, 5.0], True)
    """
    out: list[np.ndarray] = [np.zeros(0)]  # index 0 unused: sizes start at 1
    for size in range(1, upto + 1):
        b = eng.banks[size]
        extra = np.zeros(len(b))
        for k, i, j, start, stop in b.segs:
            if k < 0:
                leaves = b.left[start:stop]
                extra[start:stop] = [_leaf_extra(eng.leaves[int(x)]) for x in leaves]
                continue
            op = eng.ops[k]
            part = out[i][b.left[start:stop]] + (LIBRARY_BITS if op.library else 0.0)
            if op.arity == 2:
                part = part + out[j][b.right[start:stop]]
            extra[start:stop] = part
        out.append(extra)
    return out[1:]


def lower_bounds(bits: np.ndarray, f: np.ndarray, y: np.ndarray) -> np.ndarray:
    """A lower bound on each row's affine two-part length: its bits, the tag, and the residual
    bits of the real least-squares fit (no integer constants do better; their bits are >= 0).

    >>> from progsearch.noise import affine_fit
    >>> lb = lower_bounds(np.zeros(2), np.array([[0, 1, 2], [0, 0, 1]]), np.array([1, 3, 5]))
    >>> exact = affine_fit([[0, 1, 2], [0, 0, 1]], [1, 3, 5]).total
    >>> bool((lb <= exact).all()), round(float(lb[0]), 3)  # the tag log2(3), exact: 1
    (True, 2.585)
    """
    n, yc = f.shape[1], y.astype(np.float64) - y.mean()
    syy = float(yc @ yc)
    ss = np.empty(len(f))
    for lo in range(0, len(f), LB_CHUNK):  # chunks that stay in cache
        ff = f[lo: lo + LB_CHUNK].astype(np.float64)
        ff -= ff.mean(axis=1, keepdims=True)
        sff, sfy = np.einsum("ij,ij->i", ff, ff), ff @ yc
        with np.errstate(divide="ignore", invalid="ignore"):
            ss[lo: lo + LB_CHUNK] = syy - np.where(sff > 0, sfy * sfy / sff, 0.0)
    ss = np.maximum(ss - 1e-6 * syy - 1e-9, 0.0)  # a margin for rounding
    res = _ss_bits(ss, ss < 1, n)[0]  # an integer residual vector that is not 0 has SS >= 1
    out = bits + AFFINE_TAG_BITS + res
    return np.where(np.isfinite(out), out, np.inf)


def best_candidates(eng: Engine, y, top: int = TOP, check: Callable[[], None] = lambda: None,
                    max_size: int | None = None) -> list[tuple[float, int, int]]:
    """The ``top`` kept formulas with the least two-part length on ``y`` (the required points).

    Returns (total bits, size, row) sorted shortest first (ties: smaller size, earlier row).
    Every valid row of every kept size (up to ``max_size``, if given) gets a lower bound in one
    vectorized pass; rows are then scored exactly (noise.fit.two_part, affine) in blocks, least
    bound first, until the bound passes the ``top``-th best total so far: no row is skipped
    that could be among the best.  ``check()`` is called before each size and block; it may
    raise Stop.  A formula's bits are its form tag and ``expr_bits``, as in Formula.

    >>> from progsearch.language import Var
    >>> eng = Engine([Var("n"), Const(3)], np.array([[0, 1, 2, 3]]), np.ones(4, bool))
    >>> eng.grow(); eng.grow()
    >>> [(round(t, 2), str(eng.expr_at(s, r))) for t, s, r in best_candidates(eng, [1, 4, 7, 9])]
    ... # doctest: +ELLIPSIS
    [(25.9, 'n'), (34.88, 'factorial(n)'), ...]
    """
    y = np.asarray(y, dtype=np.int64)
    per_node = math.log2(node_symbols(1))
    sizes = eng.stats.max_size if max_size is None else min(max_size, eng.stats.max_size)
    extras = bank_extra_bits(eng, sizes)
    cols = np.flatnonzero(eng.required)
    cols = slice(0, len(cols)) if cols[-1] == len(cols) - 1 else cols  # a view when a prefix
    found: list[tuple[float, int, int]] = []
    for size in range(1, sizes + 1):
        check()
        b = eng.bank(size)
        f = b.vals[:, cols]
        bits = FORM_TAG_BITS + per_node * size + extras[size - 1]
        lb = np.where(b.valid, lower_bounds(bits, f, y), np.inf)
        order = np.argsort(lb, kind="stable")
        for lo in range(0, len(order), BLOCK):
            bar = found[top - 1][0] if len(found) >= top else np.inf  # found: sorted
            idx = order[lo: lo + BLOCK]
            idx = idx[lb[idx] <= bar]
            if not len(idx):
                break
            check()
            total = two_part(bits[idx], f[idx], y, affine=True).total
            found += [(float(t), size, int(i)) for t, i in zip(total, idx) if t <= bar]
            found = sorted(found)[:top]
    return found
