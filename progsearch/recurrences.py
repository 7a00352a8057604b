"""Exact solving of linear recurrences with polynomial coefficients (P-recursive sequences).

A P-recursive sequence satisfies ``sum_{i=0..r} p_i(n) * a(n-i) = 0`` for integer polynomials
``p_i`` of degree at most ``d`` in the absolute index ``n``.  Constant ``p_i`` give the C-finite
sequences (Fibonacci, ``2**n``), order 1 gives the hypergeometric ones (factorials, Catalan).

The unknowns are the ``(r + 1) * (d + 1)`` coefficients; every known ``a(n)`` with
``n >= offset + r`` gives one linear equation in them.  A shape is only tried when there are at
least ``min_spare`` equations more than unknowns, so a solution is evidence, not a fit by
construction.  The equations are solved exactly over the rationals (fraction-free integer
elimination); a rank computed modulo the prime ``2**31 - 1`` first rejects the shapes without
a solution (rank mod p never exceeds the rank over Q, so the filter never loses a solution).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_PRIME = 2**31 - 1  # Mersenne prime for the modular rank filter; squares fit in int64
_LOOKAHEAD = 50  # p_0(n) must not vanish this far past the last known term

Poly = tuple[int, ...]  # like (-2, 4) for 4*n - 2: the coefficient of n**j sits at index j
Vector = list[int]  # the unknowns of one shape: coefficient of n**j in p_i at i*(d + 1) + j


# ---------------------------------------------------------------- polynomials and rendering


def _peval(poly: Sequence[int], n: int) -> int:
    """p(n) by Horner's rule."""
    value = 0
    for c in reversed(poly):
        value = value * n + c
    return value


def _shift(poly: Sequence[int], s: int) -> Vector:
    """Coefficients of p(n + s)."""  # (n + s)**j = sum_m C(j, m) s**(j-m) n**m
    out = [0] * len(poly)
    for j, c in enumerate(poly):
        for m in range(j + 1):
            out[m] += c * math.comb(j, m) * s ** (j - m)
    return out


def _monomial(c: int, j: int) -> str:
    """|c| * n**j as text, like '3*n**2', 'n', '5'."""
    power = "" if j == 0 else "n" if j == 1 else f"n**{j}"
    if not power:
        return str(abs(c))
    return power if abs(c) == 1 else f"{abs(c)}*{power}"


def _join(parts: list[tuple[bool, str]]) -> str:
    """Signed parts [(negative, text), ...] as 'x - y + z'; '0' when empty."""
    if not parts:
        return "0"
    text = ("-" if parts[0][0] else "") + parts[0][1]
    return text + "".join((" - " if neg else " + ") + body for neg, body in parts[1:])


def _poly_str(poly: Sequence[int]) -> str:
    """Python text of a polynomial in n, highest power first, like '4*n - 2'."""
    terms = [(c < 0, _monomial(c, j)) for j, c in reversed(list(enumerate(poly))) if c]
    return _join(terms)


def _leading(poly: Sequence[int]) -> int:
    """The coefficient of the highest nonzero power (0 for the zero polynomial)."""
    return next((c for c in reversed(poly) if c), 0)


def _term(poly: Sequence[int], atom: str) -> tuple[bool, str] | None:
    """poly(n) * atom as (negative, text of its magnitude); None when poly is zero."""
    nonzero = [j for j, c in enumerate(poly) if c]
    if not nonzero:
        return None
    if len(nonzero) == 1:
        c = poly[nonzero[0]]
        factor = _monomial(c, nonzero[0])
        return c < 0, atom if factor == "1" else f"{factor}*{atom}"
    negative = _leading(poly) < 0
    magnitude = [-c for c in poly] if negative else poly
    return negative, f"({_poly_str(magnitude)})*{atom}"


def _sum_str(polys: Sequence[Sequence[int]], atoms: Sequence[str]) -> str:
    """Text of sum_k polys[k](n) * atoms[k], zero terms omitted."""
    return _join([t for t in map(_term, polys, atoms) if t is not None])


# ---------------------------------------------------------------- the recurrence


def _check_int(value: object, name: str) -> int:
    """value as an int, or TypeError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    return int(value)


def _check_ints(values: object, name: str) -> list[int]:
    """values as a list of ints, or TypeError naming the argument."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a sequence of integers, got {values!r}")
    out = list(values)
    if any(isinstance(v, bool) or not isinstance(v, numbers.Integral) for v in out):
        raise TypeError(f"{name} must contain only integers, got {out!r}")
    return [int(v) for v in out]


def _normalize(coeffs: object) -> tuple[Poly, ...]:
    """Validated coefficient rows with gcd 1, p_0's first nonzero coefficient positive and no
    all-zero top degree."""
    if isinstance(coeffs, (str, bytes)) or not hasattr(coeffs, "__iter__"):
        raise TypeError(f"coeffs must be a sequence of rows of integers, got {coeffs!r}")
    rows = [_check_ints(row, "coeffs") for row in coeffs]
    if len(rows) < 2 or len({len(row) for row in rows}) != 1 or not rows[0]:
        raise ValueError(f"coeffs must be at least 2 non-empty rows of equal length, got {coeffs}")
    if not any(rows[0]):
        raise ValueError(f"coeffs: p_0 must not be identically zero, got {coeffs}")
    g = math.gcd(*(c for row in rows for c in row))
    sign = -1 if next(c for c in rows[0] if c) < 0 else 1
    while len(rows[0]) > 1 and not any(row[-1] for row in rows):
        rows = [row[:-1] for row in rows]
    return tuple(tuple(sign * c // g for c in row) for row in rows)


@dataclass(frozen=True)
class PRecurrence:
    """sum_{i=0..order} p_i(n) * a(n-i) = 0, with integer polynomials p_i in the absolute index n.

    >>> PRecurrence(((1, 1), (2, -4)))  # Catalan numbers
    PRecurrence((n + 1)*a(n) = (4*n - 2)*a(n-1))
    """

    # coeffs[i][j] is the coefficient of n**j in p_i; rows have degree + 1 entries. Normalized
    # on construction: overall gcd 1, the first nonzero coefficient of p_0 (lowest power of n)
    # positive, and the highest power of n not zero in every row.
    coeffs: tuple[Poly, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "coeffs", _normalize(self.coeffs))

    @property
    def order(self) -> int:
        """How many previous terms a(n) depends on.

        >>> PRecurrence(((1,), (-1,), (-1,))).order
        2
        """
        return len(self.coeffs) - 1

    @property
    def degree(self) -> int:
        """The highest power of n in any coefficient polynomial.

        >>> PRecurrence(((1, 1), (2, -4))).degree
        1
        """
        return len(self.coeffs[0]) - 1

    def next_value(self, previous: Sequence[int], n: int) -> int | None:
        """a(n) from previous = [..., a(n-2), a(n-1)]; None when p_0(n) == 0 or division is inexact.

        >>> cat = PRecurrence(((1, 1), (2, -4)))
        >>> cat.next_value([1, 1, 2, 5], 4), cat.next_value([7], 4)
        (14, None)
        """
        if len(previous) < self.order:
            raise ValueError(f"previous must hold at least {self.order} terms, got {previous!r}")
        p0 = _peval(self.coeffs[0], n)
        if p0 == 0:
            return None
        rest = sum(_peval(p, n) * previous[-i] for i, p in enumerate(self.coeffs) if i)
        quotient, remainder = divmod(-rest, p0)
        return None if remainder else quotient

    def extend(self, initial: Sequence[int], offset: int, stop: int) -> list[int] | None:
        """a(offset), ..., a(stop-1) from the first `order` terms `initial`; None if a step fails.

        >>> PRecurrence(((1,), (-1,), (-1,))).extend([0, 1], 0, 10)
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
        """
        values = _check_ints(initial, "initial")
        if len(values) < self.order:
            raise ValueError(f"initial must hold at least {self.order} terms, got {values!r}")
        values = values[: self.order][: max(0, stop - offset)]
        for n in range(offset + len(values), stop):
            value = self.next_value(values, n)
            if value is None:
                return None
            values.append(value)
        return values

    def update_source(self) -> str:
        """Python expression for a(n) from n and the list a (a[-1] = a(n-1)), exact // division.

        >>> PRecurrence(((1, 1), (2, -4))).update_source()
        '((4*n - 2)*a[-1]) // (n + 1)'
        >>> PRecurrence(((1,), (-1,), (-1,))).update_source()
        'a[-1] + a[-2]'
        """
        sign = -1 if _leading(self.coeffs[0]) < 0 else 1  # keep the divisor's lead positive
        numerator = [[-sign * c for c in p] for p in self.coeffs[1:]]
        text = _sum_str(numerator, [f"a[-{i}]" for i in range(1, self.order + 1)])
        divisor = _poly_str([sign * c for c in self.coeffs[0]])
        if divisor == "1":
            return text
        if not (divisor.isdigit() or divisor == "n"):
            divisor = f"({divisor})"
        return f"({text}) // {divisor}"

    def __str__(self) -> str:
        sign = -1 if _leading(self.coeffs[0]) < 0 else 1
        lhs = _sum_str([[sign * c for c in self.coeffs[0]]], ["a(n)"])
        rhs = [[-sign * c for c in p] for p in self.coeffs[1:]]
        return f"{lhs} = {_sum_str(rhs, [f'a(n-{i})' for i in range(1, self.order + 1)])}"

    def __repr__(self) -> str:
        hidden = "" if any(self.coeffs[-1]) else f", order={self.order}"  # p_order is zero
        return f"PRecurrence({self}{hidden})"

    def to_sympy(self):
        """The recurrence as a sympy Eq in a(n), a(n - 1), ... (Function 'a', Symbol 'n').

        >>> PRecurrence(((1, 1), (2, -4))).to_sympy()
        Eq((n + 1)*a(n), (4*n - 2)*a(n - 1))
        """
        import sympy  # imported here: sympy is slow to import and only needed for export

        n, a = sympy.Symbol("n"), sympy.Function("a")
        sign = -1 if _leading(self.coeffs[0]) < 0 else 1
        polys = [sum(sign * c * n**j for j, c in enumerate(p)) for p in self.coeffs]
        rhs = sum((-polys[i] * a(n - i) for i in range(1, self.order + 1)), sympy.Integer(0))
        return sympy.Eq(polys[0] * a(n), rhs)


# ---------------------------------------------------------------- exact linear algebra


def _primitive(v: Vector) -> Vector:
    """v divided by the gcd of its entries."""
    g = math.gcd(*v)
    return [x // g for x in v] if g > 1 else v


def _eliminate(row: Vector, pivot: Vector, col: int) -> Vector:
    """An integer combination of row and pivot that is zero at col."""
    g = math.gcd(row[col], pivot[col])
    keep, take = pivot[col] // g, row[col] // g
    return _primitive([keep * x - take * y for x, y in zip(row, pivot)])


def _rref(rows: Sequence[Vector], ncols: int) -> tuple[list[Vector], list[int]]:
    """Fraction-free reduced row echelon form: the nonzero rows and their pivot columns."""
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


def _nullspace(rows: Sequence[Vector], ncols: int) -> list[Vector]:
    """Integer basis of {v : row . v = 0 for every row}, one vector per free column."""
    reduced, pivots = _rref(rows, ncols)
    basis = []
    for free in (c for c in range(ncols) if c not in pivots):
        scale = math.lcm(*(row[p] for row, p in zip(reduced, pivots) if row[free]))
        v = [0] * ncols
        v[free] = scale
        for row, p in zip(reduced, pivots):
            v[p] = -row[free] * (scale // row[p])
        basis.append(_primitive(v))
    return basis


def _rank(rows: Sequence[Vector], ncols: int) -> int:
    """Exact rank over the rationals."""
    return len(_rref(rows, ncols)[1])


def _residues(rows: Sequence[Vector], ncols: int) -> np.ndarray:
    """The rows modulo _PRIME as an int64 matrix."""
    return np.array([[x % _PRIME for x in row] for row in rows], dtype=np.int64).reshape(-1, ncols)


def _independent_mod_p(m: np.ndarray) -> list[int]:
    """Indices of a maximal set of rows of m that are independent modulo _PRIME."""
    unused = np.ones(len(m), dtype=bool)
    chosen: list[int] = []
    for col in range(m.shape[1]):
        candidates = np.flatnonzero(unused & (m[:, col] != 0))
        if candidates.size == 0:
            continue
        k = int(candidates[0])
        unused[k] = False
        chosen.append(k)
        pivot = m[k] * pow(int(m[k, col]), -1, _PRIME) % _PRIME  # 1 at col
        m = (m - m[:, col, None] * pivot) % _PRIME  # residues < 2**31: no int64 overflow
    return sorted(chosen)


def _dot(u: Sequence[int], v: Sequence[int]) -> int:
    return sum(x * y for x, y in zip(u, v))


# ---------------------------------------------------------------- the search


def _equations(values: Sequence[int], offset: int, order: int, degree: int) -> list[Vector]:
    """One row per n >= offset + order: the factor n**j * a(n-i) of each unknown."""
    rows = []
    for t in range(order, len(values)):
        powers = [(offset + t) ** j for j in range(degree + 1)]
        rows.append([p * values[t - i] for i in range(order + 1) for p in powers])
    return rows


def _equations_mod_p(values: np.ndarray, offset: int, order: int, degree: int) -> np.ndarray:
    """_equations modulo _PRIME, computed column by column from the residues of the terms."""
    n = np.arange(offset + order, offset + len(values)) % _PRIME
    powers = [np.ones_like(n)]
    for _ in range(degree):
        powers.append(powers[-1] * n % _PRIME)
    window = [values[order - i : len(values) - i] for i in range(order + 1)]
    return np.stack([p * w % _PRIME for w in window for p in powers], axis=1)


def _shapes(max_order: int, max_degree: int) -> list[tuple[int, int]]:
    """(order, degree) pairs, fewest unknowns first, then lower order."""
    pairs = [(r, d) for r in range(1, max_order + 1) for d in range(max_degree + 1)]
    return sorted(pairs, key=lambda rd: ((rd[0] + 1) * (rd[1] + 1), rd[0]))


def _multiples(rec: PRecurrence, order: int, degree: int) -> list[Vector]:
    """n**j * rec shifted back k steps, as vectors of shape (order, degree)."""  # all still fit
    out = []
    for k in range(order - rec.order + 1):
        shifted = [_shift(p, -k) for p in rec.coeffs]
        for j in range(degree - rec.degree + 1):
            v = [0] * ((order + 1) * (degree + 1))
            for i, poly in enumerate(shifted):
                start = (k + i) * (degree + 1) + j
                v[start : start + len(poly)] = poly
            out.append(v)
    return out


def _exact_nullspace(rows: list[Vector], ncols: int) -> list[Vector]:
    """Nullspace over Q, solved on rows independent mod p and then checked on every row."""
    basis = _nullspace([rows[k] for k in _independent_mod_p(_residues(rows, ncols))], ncols)
    if all(_dot(row, v) == 0 for v in basis for row in rows):
        return basis
    return _nullspace(rows, ncols)  # p divided a minor: rare, redo with every row


def _accept(v: Vector, values: list[int], offset: int, order: int) -> PRecurrence | None:
    """The recurrence with unknowns v if p_0 never vanishes and it reproduces every term."""
    width = len(v) // (order + 1)
    coeffs = [v[i * width : (i + 1) * width] for i in range(order + 1)]
    if not any(coeffs[0]):
        return None
    rec = PRecurrence(coeffs)
    stop = offset + len(values)
    if any(_peval(rec.coeffs[0], n) == 0 for n in range(offset + order, stop + _LOOKAHEAD + 1)):
        return None
    return rec if rec.extend(values[:order], offset, stop) == values else None


def _in_span(v: Vector, known: list[Vector]) -> bool:
    return bool(known) and _rank(known + [v], len(v)) == _rank(known, len(v))


def _solve_shape(
    values: list[int], offset: int, order: int, degree: int, found: list[PRecurrence], room: int
) -> list[PRecurrence]:
    """New recurrences of one shape that are not multiples of those already found."""
    ncols = (order + 1) * (degree + 1)
    residues = np.array([v % _PRIME for v in values], dtype=np.int64)
    equations = _equations_mod_p(residues, offset, order, degree)
    nullity_p = ncols - len(_independent_mod_p(equations))  # >= the nullity over Q
    known = [v for rec in found for v in _multiples(rec, order, degree)]
    if nullity_p == 0 or (known and len(_independent_mod_p(_residues(known, ncols))) >= nullity_p):
        return []  # no solution, or every solution is a multiple of a known recurrence
    rows = _equations(values, offset, order, degree)
    new: list[PRecurrence] = []
    for v in sorted(_exact_nullspace(rows, ncols), key=lambda v: (sum(map(abs, v)), v)):
        rec = None if _in_span(v, known) else _accept(v, values, offset, order)
        if rec is not None and rec not in found + new:
            new.append(rec)
            known.append(v)
        if len(new) >= room:
            break
    return new


def _check_at_least(value: object, name: str, low: int) -> int:
    """value as an int >= low, or TypeError/ValueError naming the argument."""
    value = _check_int(value, name)
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    return value


def find_recurrences(
    terms: Sequence[int],
    *,
    offset: int = 0,
    max_order: int = 4,
    max_degree: int = 3,
    min_spare: int = 3,
    limit: int = 3,
) -> list[PRecurrence]:
    """Recurrences that reproduce every term exactly, simplest first, at most `limit` of them.

    >>> find_recurrences([0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89])
    [PRecurrence(a(n) = a(n-1) + a(n-2))]
    >>> find_recurrences([1, 1, 2, 5, 14, 42, 132, 429, 1430])
    [PRecurrence((n + 1)*a(n) = (4*n - 2)*a(n-1))]
    """
    values = _check_ints(terms, "terms")
    offset = _check_int(offset, "offset")
    max_order = _check_at_least(max_order, "max_order", 1)
    max_degree = _check_at_least(max_degree, "max_degree", 0)
    min_spare = _check_at_least(min_spare, "min_spare", 0)
    limit = _check_at_least(limit, "limit", 1)
    found: list[PRecurrence] = []
    if not any(values):
        return found
    for order, degree in _shapes(max_order, max_degree):
        equations = len(values) - order
        if len(found) < limit and equations >= (order + 1) * (degree + 1) + min_spare:
            found += _solve_shape(values, offset, order, degree, found, limit - len(found))
    return found
