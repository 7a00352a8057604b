"""Operators on int64 blocks with unknowns: the kernels of an operator's row, and ``SENT``.

The kernels (progsearch/kernels.py) flag where a value is undefined; here an unknown operand
(``SENT``) makes the result unknown too, and a result that would read as ``SENT`` is flagged.
"""

from __future__ import annotations

import numpy as np

from ..kernels import SENT
from ..language import Op


def evaluate(op: Op, a: np.ndarray, b: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Values of ``a op b`` and where they are undefined (overflow, domain, unknown input).

    >>> from progsearch.language import OP_BY_NAME
    >>> [x.tolist() for x in evaluate(OP_BY_NAME["floordiv"], np.array([7, 7]), np.array([2, 0]))]
    [[3, 7], [False, True]]
    """
    unknown = a == SENT if b is None else (a == SENT) | (b == SENT)
    with np.errstate(all="ignore"):
        r, bad = op.kernel(a, b)
    return r, bad | unknown | (r == SENT)


def evaluate_row(op: Op, a: np.ndarray, b: np.ndarray):
    """Values of ``a op b`` for a block ``a`` and one operand row ``b`` (bad None: all defined).

    A constant ``b`` (the common case: a divisor, a modulus, an exponent) takes the row's
    scalar fast path, if it has one.  Unknown values in ``a`` are left to the caller (which
    knows where they are).
    """
    c = int(b[0])
    if op.scalar is not None and c != SENT and (b == c).all():
        with np.errstate(all="ignore"):
            r, bad = op.scalar(a, c)
    else:
        with np.errstate(all="ignore"):
            r, bad = op.kernel(a, b)
        bad = bad | (b == SENT) | (r == SENT)
    return r, (bad if bad is not None and bad.any() else None)


def divmod_row(div: Op, mod: Op, a: np.ndarray, b: np.ndarray) -> list[tuple]:
    """``evaluate_row`` of floordiv and of mod at once: one division for both.

    >>> from progsearch.language import OP_BY_NAME as O
    >>> [v.tolist() for v, _ in divmod_row(O["floordiv"], O["mod"], np.array([[7, -7]]),
    ...                                    np.array([2, 2]))]
    [[[3, -4]], [[1, 1]]]
    """
    c = int(b[0])
    if c == SENT or c == 0 or not (b == c).all():
        return [evaluate_row(div, a, b), evaluate_row(mod, a, b)]
    with np.errstate(all="ignore"):  # SENT // -1 overflows; SENT rows are flagged by the caller
        q = np.floor_divide(a, c)
    return [(q, None), (a - q * c, None)]


def domain_rows(test, vals: np.ndarray, req: np.ndarray) -> np.ndarray:
    """Rows whose values pass an operand's domain test at every required point (a cheap
    prefilter; ``test`` None: every row).

    >>> domain_rows(lambda v: v != 0, np.array([[1, 0], [0, 1]]), np.array([True, False]))
    array([ True, False])
    """
    if test is None:
        return np.ones(len(vals), dtype=bool)
    return test(vals[:, req]).all(axis=1)
