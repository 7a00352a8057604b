"""Exact linear algebra over the rationals, on integer vectors, with a fast modular rank filter.

Rows are lists of Python integers; elimination is fraction-free (every row stays integer, divided
by the gcd of its entries), so results are exact whatever the size of the numbers.  Residues
modulo the prime ``PRIME = 2**31 - 1`` give a cheap int64 rank: the rank mod p never exceeds
the rank over Q, so a filter built on it never loses a solution.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

PRIME = 2**31 - 1  # Mersenne prime for the modular rank filter; squares fit in int64

Vector = list[int]  # like [2, -1, 0]: one row of integer coefficients


def primitive(v: Vector) -> Vector:
    """v divided by the gcd of its entries.

    >>> primitive([4, -6, 0])
    [2, -3, 0]
    """
    g = math.gcd(*v)
    return [x // g for x in v] if g > 1 else v


def _eliminate(row: Vector, pivot: Vector, col: int) -> Vector:
    """An integer combination of row and pivot that is zero at col."""
    g = math.gcd(row[col], pivot[col])
    keep, take = pivot[col] // g, row[col] // g
    return primitive([keep * x - take * y for x, y in zip(row, pivot)])


def rref(rows: Sequence[Vector], ncols: int) -> tuple[list[Vector], list[int]]:
    """Fraction-free reduced row echelon form: the nonzero rows and their pivot columns.

    >>> rref([[1, 2, 3], [2, 4, 7]], 3)
    ([[1, 2, 0], [0, 0, 1]], [0, 2])
    """
    rows = [list(r) for r in rows if any(r)]
    pivots: list[int] = []
    for col in range(ncols):
        rank = len(pivots)
        candidates = [k for k in range(rank, len(rows)) if rows[k][col]]
        if not candidates:
            continue
        best = min(candidates, key=lambda k: abs(rows[k][col]))
        rows[rank], rows[best] = rows[best], rows[rank]
        for k, row in enumerate(rows):
            if k != rank and row[col]:
                rows[k] = _eliminate(row, rows[rank], col)
        pivots.append(col)
    return rows[: len(pivots)], pivots


def nullspace(rows: Sequence[Vector], ncols: int) -> list[Vector]:
    """Integer basis of {v : row . v = 0 for every row}, one vector per free column.

    >>> nullspace([[1, 1, -2]], 3)
    [[-1, 1, 0], [2, 0, 1]]
    """
    reduced, pivots = rref(rows, ncols)
    basis = []
    for free in (c for c in range(ncols) if c not in pivots):
        scale = math.lcm(*(row[p] for row, p in zip(reduced, pivots) if row[free]))
        v = [0] * ncols
        v[free] = scale
        for row, p in zip(reduced, pivots):
            v[p] = -row[free] * (scale // row[p])
        basis.append(primitive(v))
    return basis


def rank(rows: Sequence[Vector], ncols: int) -> int:
    """Exact rank over the rationals.

    >>> rank([[1, 2], [2, 4], [0, 0]], 2)
    1
    """
    return len(rref(rows, ncols)[1])


def in_span(v: Vector, known: list[Vector]) -> bool:
    """Whether v is a rational combination of the vectors known (False when known is empty).

    >>> in_span([2, 4], [[1, 2]]), in_span([1, 0], [[1, 2]])
    (True, False)
    """
    return bool(known) and rank(known + [v], len(v)) == rank(known, len(v))


def dot(u: Sequence[int], v: Sequence[int]) -> int:
    """The exact dot product.

    >>> dot([1, 2, 3], [4, 5, 6])
    32
    """
    return sum(x * y for x, y in zip(u, v))


def residues(rows: Sequence[Vector], ncols: int) -> np.ndarray:
    """The rows modulo PRIME as an int64 matrix.

    >>> residues([[-1, 2**31]], 2).tolist()
    [[2147483646, 1]]
    """
    return np.array([[x % PRIME for x in row] for row in rows], dtype=np.int64).reshape(-1, ncols)


def independent_mod_p(m: np.ndarray) -> list[int]:
    """Indices of a maximal set of rows of m (residues mod PRIME) that are independent mod PRIME.

    >>> independent_mod_p(residues([[1, 2], [2, 4], [0, 1]], 2))
    [0, 2]
    """
    unused = np.ones(len(m), dtype=bool)
    chosen: list[int] = []
    for col in range(m.shape[1]):
        candidates = np.flatnonzero(unused & (m[:, col] != 0))
        if candidates.size == 0:
            continue
        k = int(candidates[0])
        unused[k] = False
        chosen.append(k)
        pivot = m[k] * pow(int(m[k, col]), -1, PRIME) % PRIME  # 1 at col
        m = (m - m[:, col, None] * pivot) % PRIME  # residues < 2**31: no int64 overflow
    return sorted(chosen)


def exact_nullspace(rows: list[Vector], ncols: int) -> list[Vector]:
    """Nullspace over Q, solved on rows independent mod p and then checked on every row.

    >>> exact_nullspace([[1, 1, -2], [2, 2, -4]], 3)
    [[-1, 1, 0], [2, 0, 1]]
    """
    basis = nullspace([rows[k] for k in independent_mod_p(residues(rows, ncols))], ncols)
    if all(dot(row, v) == 0 for v in basis for row in rows):
        return basis
    return nullspace(rows, ncols)  # p divided a minor: rare, redo with every row
