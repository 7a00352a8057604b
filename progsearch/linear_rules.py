"""LinearRule: a(n) as a rational combination of one or two parts of the earlier terms.

``a(n) = (c_1*x_1 + c_2*x_2) / q``, each ``x`` one of PARTS: 1, n, a(n-1), a(n-2), a(n//2),
a((n+1)//2), a(n/2) at even n (0 at odd n), and the sums of products of two earlier terms whose
indices add up to a fixed total (the sequence's self-convolution).  Sums like these are how counts
of trees and of bracketings are built: the Catalan numbers are ``sum(a(i)*a(n-1-i))``, and
the Wedderburn-Etherington numbers (binary trees without order) are half of
``sum(a(i)*a(n-i), 0 < i < n)`` plus ``a(n/2)`` at even n.  Splitting n into its two
halves, ``a(n//2) + a((n+1)//2)``, is how divide-and-conquer counts are built.  The loop
engine's expressions cannot read a sum or a((n+1)//2), and a(n/2) at even n takes it seven
nodes (``a(n//2)*(1 - n%2)``), so these rules' coefficients are solved exactly
(fit_linear_rules) as the P-recursive ones are; Loop runs them (forms.py).

The sums are over positions in the list of terms (``a[0]`` is the first term, at the offset):
``s_k`` at position t is ``sum(a[i]*a[t-k-i])`` over ``0 <= i <= t - k``, and ``s_0`` leaves
out ``i = 0`` and ``i = t``, which would read a(n) itself.  A sum reads every earlier term,
so a loop with one gives no value past position MAX_SUM_POSITION: no prediction, not a hang.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .guards import MAX_RESULT_BITS
from .length import count_bits, int_bits

__all__ = ["MAX_PARTS", "PARTS", "LinearRule", "fit_linear_rules", "part_value"]

PARTS = ("1", "n", "a1", "a2", "h2", "c2", "e2", "s0", "s1", "s2")  # the code's order
NEW_PARTS = frozenset({"c2", "e2", "s0", "s1", "s2"})  # a rule without one is the engine's to find
MAX_PARTS = 2  # three parts fit powers of 8 in several ways, and gave a false prediction
MAX_SUM_POSITION = 1000  # a sum reads every earlier term: about n**2/2 products up to here
MIN_SPARE = 3  # equations beyond the unknowns, so that a fit is evidence (as recurrences.py)
LATE_START = 3  # the rule may start this many terms after its parts are first defined


def part_value(name: str, a: Sequence[int], offset: int) -> int | None:
    """The part ``name`` for the next term, a(n) with n = offset + len(a), from the earlier
    terms ``a``; None where it is not defined (an index before the first term, or past
    MAX_SUM_POSITION for a sum).

    >>> a = [0, 1, 1, 1, 2]  # a(0..4); the next is a(5)
    >>> [part_value(p, a, 0) for p in PARTS]
    [1, 5, 2, 1, 1, 1, 0, 6, 3, 2]
    """
    t = len(a)
    n = offset + t
    if name in ("1", "n"):
        return 1 if name == "1" else n
    if name in ("a1", "a2"):
        lag = int(name[1])
        return a[t - lag] if t >= lag else None
    if name in ("h2", "c2", "e2"):
        j = (n + 1) // 2 - offset if name == "c2" else n // 2 - offset
        if not 0 <= j < t:
            return None
        return a[j] if name != "e2" or n % 2 == 0 else 0
    k = int(name[1])
    if t < max(1, k) or t > MAX_SUM_POSITION:
        return None
    low = 1 if k == 0 else 0
    return sum(a[i] * a[t - k - i] for i in range(low, t - k - low + 1))


def _normalize(parts, coeffs, denominator) -> tuple[tuple[str, ...], tuple[int, ...], int]:
    """Validated parts in PARTS order with their coefficients, gcd of all numbers 1."""
    parts, coeffs = tuple(parts), tuple(coeffs)
    if not 1 <= len(parts) <= MAX_PARTS or len(coeffs) != len(parts):
        raise ValueError(f"parts and coeffs must be 1 to {MAX_PARTS} of each, got {parts}, "
                         f"{coeffs}")
    if any(p not in PARTS for p in parts) or len(set(parts)) != len(parts):
        raise ValueError(f"parts must be distinct names from {PARTS}, got {parts}")
    numbers = coeffs + (denominator,)
    if any(isinstance(c, bool) or not isinstance(c, int) for c in numbers):
        raise TypeError(f"coeffs and denominator must be integers, got {coeffs}, {denominator!r}")
    if denominator < 1 or 0 in coeffs:
        raise ValueError(f"coeffs must be nonzero and denominator at least 1, got {coeffs}, "
                         f"{denominator}")
    g = math.gcd(*numbers)
    pairs = sorted(zip(parts, coeffs), key=lambda pc: PARTS.index(pc[0]))
    return (tuple(p for p, _ in pairs), tuple(c // g for _, c in pairs), denominator // g)


@dataclass(frozen=True)
class LinearRule:
    """a(n) = sum(coeffs[j] * part_j) / denominator, no value where the division is inexact.

    >>> LinearRule(("s0", "e2"), (1, 1), 2)  # binary trees without order
    LinearRule(a(n) = ((a(n/2) if n % 2 == 0 else 0) + sum(a(i)*a(n - i) for 1 <= i <= n - 1))/2)
    """

    parts: tuple[str, ...]
    coeffs: tuple[int, ...]
    denominator: int = 1

    def __post_init__(self) -> None:
        parts, coeffs, q = _normalize(self.parts, self.coeffs, self.denominator)
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "coeffs", coeffs)
        object.__setattr__(self, "denominator", q)

    def bits(self) -> float:
        """How many parts, which ones (one choice among the subsets of that many), each
        coefficient and the denominator: a prefix code, so Kraft holds (tests/test_length.py).

        >>> round(LinearRule(("s1",), (1,)).bits(), 3)  # 1 or 2; which of 10; 1; denominator 1
        9.322
        """
        which = math.log2(math.comb(len(PARTS), len(self.parts)))
        return (math.log2(MAX_PARTS) + which + sum(int_bits(c) for c in self.coeffs)
                + count_bits(self.denominator - 1))

    def next_value(self, a: Sequence[int], offset: int) -> int | None:
        """a(n) for n = offset + len(a) from the earlier terms; None where a part is not
        defined, the division is inexact or the value passes the library's size guard.

        >>> catalan, half = LinearRule(("s1",), (1,)), LinearRule(("s1",), (1,), 2)
        >>> catalan.next_value([1, 1, 2, 5], 0), half.next_value([1, 1, 2], 0)
        (14, None)
        """
        total = 0
        for part, c in zip(self.parts, self.coeffs):
            value = part_value(part, a, offset)
            if value is None:
                return None
            total += c * value
        quotient, remainder = divmod(total, self.denominator)
        if remainder or quotient.bit_length() > MAX_RESULT_BITS:
            return None
        return quotient

    def _combine(self, texts: Sequence[str]) -> str:
        """'(c1*x1 + c2*x2)' over the denominator, as text."""
        body = ""
        for c, text in zip(self.coeffs, texts):
            sign = (" - " if c < 0 else " + ") if body else ("-" if c < 0 else "")
            body += sign + (text if abs(c) == 1 else f"{abs(c)}*{text}")
        return body if self.denominator == 1 else f"({body}) // {self.denominator}"

    def update_source(self, offset: int = 0) -> str:
        """Python for a(n) from ``n`` and the list ``a`` of the terms so far (a[0] is the
        term at ``offset``).

        >>> LinearRule(("s1",), (1,)).update_source()
        'sum(a[i]*a[-1 - i] for i in range(len(a)))'
        >>> LinearRule(("a1", "e2"), (1, 1)).update_source(1)
        'a[-1] + (a[n//2 - 1] if n % 2 == 0 else 0)'
        """
        return self._combine([_part_source(p, offset) for p in self.parts])

    def text(self, offset: int = 0) -> str:
        """The rule for a reader, in the indices of the sequence.

        >>> LinearRule(("s1", "a1"), (3, -1)).text()
        '-a(n-1) + 3*sum(a(i)*a(n - 1 - i) for 0 <= i <= n - 1)'
        """
        return self._combine([_part_text(p, offset) for p in self.parts]).replace(" // ", "/")

    def __str__(self) -> str:
        return f"a(n) = {self.text()}"

    def __repr__(self) -> str:
        return f"LinearRule({self})"

    def to_sympy(self, offset: int = 0):
        """The rule as a sympy Eq in a(n) (Function 'a', Symbol 'n').

        >>> LinearRule(("s1",), (1,)).to_sympy()
        Eq(a(n), Sum(a(i)*a(-i + n - 1), (i, 0, n - 1)))
        """
        import sympy  # imported here: sympy is slow to import and only needed for export

        n, a = sympy.Symbol("n", integer=True), sympy.Function("a")
        parts = [c * _part_sympy(p, offset, n, a) for p, c in zip(self.parts, self.coeffs)]
        total = sum(parts, sympy.Integer(0))
        return sympy.Eq(self.denominator * a(n), total)


def _index(c: int) -> str:
    """'n', 'n + 2' or 'n - 1': the index n shifted by c."""
    return "n" if c == 0 else f"n + {c}" if c > 0 else f"n - {-c}"


def _sum_bounds(part: str, offset: int) -> tuple[int, int]:
    """(the lowest index i, the shift s of the total i + j = n + s) of a sum part."""
    k = int(part[1])
    return offset + (1 if k == 0 else 0), offset - k


def _part_text(part: str, offset: int) -> str:
    """The part in the sequence's indices, like 'a(n-1)' or 'sum(a(i)*a(n - i) ...)'."""
    if part in ("1", "n"):
        return part
    if part in ("a1", "a2"):
        return f"a(n-{part[1]})"
    if part in ("h2", "c2"):
        return "a(n//2)" if part == "h2" else "a((n+1)//2)"
    if part == "e2":
        return "(a(n/2) if n % 2 == 0 else 0)"
    low, s = _sum_bounds(part, offset)
    return f"sum(a(i)*a({_index(s)} - i) for {low} <= i <= {_index(s - low)})"


def _part_source(part: str, offset: int) -> str:
    """The part in Python, from ``n`` and the list ``a`` of the terms so far."""
    if part in ("1", "n"):
        return part
    if part in ("a1", "a2"):
        return f"a[-{part[1]}]"
    half = f"a[{_index(-offset).replace('n', 'n//2', 1)}]"  # the list starts at a(offset)
    if part == "h2":
        return half
    if part == "c2":
        return f"a[{_index(-offset).replace('n', '(n + 1)//2', 1)}]"
    if part == "e2":
        return f"({half} if n % 2 == 0 else 0)"
    k = int(part[1])
    return {0: "sum(a[i]*a[-i] for i in range(1, len(a)))",
            1: "sum(a[i]*a[-1 - i] for i in range(len(a)))",
            2: "sum(a[i]*a[-2 - i] for i in range(len(a) - 1))"}[k]


def _part_sympy(part: str, offset: int, n, a):
    """The part as a SymPy expression in n."""
    import sympy

    if part in ("1", "n"):
        return sympy.Integer(1) if part == "1" else n
    if part in ("a1", "a2"):
        return a(n - int(part[1]))
    if part in ("h2", "c2"):
        return a(sympy.floor(n / 2)) if part == "h2" else a(sympy.ceiling(n / 2))
    if part == "e2":
        return sympy.Piecewise((a(n / 2), sympy.Eq(n % 2, 0)), (0, True))
    low, s = _sum_bounds(part, offset)
    i = sympy.Symbol("i", integer=True)
    return sympy.Sum(a(i) * a(n + s - i), (i, low, n + s - low))


# ------------------------------------------------------------------------------ the fit


def _subsets() -> list[tuple[int, ...]]:
    """Indices into PARTS of the subsets tried, fewest parts first: each has a new part."""
    return [idx for k in range(1, MAX_PARTS + 1) for idx in itertools.combinations(
        range(len(PARTS)), k) if any(PARTS[i] in NEW_PARTS for i in idx)]


def _solve(rows: list[tuple[tuple[int, ...], int]]) -> list[Fraction] | None:
    """The one coefficient vector c with sum(c*x) == v on every row (x, v) (one or two
    unknowns); None if there is none, or more than one.

    >>> _solve([((1, 0), 1), ((1, 1), 3), ((1, 2), 5)])
    [Fraction(1, 1), Fraction(2, 1)]
    """
    nonzero = [r for r, (x, _) in enumerate(rows) if any(x)]
    if not nonzero:
        return None
    x0, v0 = rows[nonzero[0]]
    if len(x0) == 1:
        coeffs = [Fraction(v0, x0[0])]
    else:  # a second row not parallel to the first; Cramer's rule
        dets = ((x1, v1, x0[0] * x1[1] - x0[1] * x1[0]) for x1, v1 in rows)
        x1, v1, det = next((d for d in dets if d[2]), (None, None, 0))
        if not det:
            return None  # the two columns are parallel on these rows: no unique solution
        coeffs = [Fraction(v0 * x1[1] - v1 * x0[1], det), Fraction(x0[0] * v1 - x1[0] * v0, det)]
    if all(sum(c * x for c, x in zip(coeffs, xs)) == v for xs, v in rows):
        return coeffs
    return None


def _as_rule(idx: tuple[int, ...], coeffs: list[Fraction]) -> LinearRule | None:
    """The rule with these rational coefficients; None if one is 0 (a smaller subset's)."""
    if 0 in coeffs:
        return None
    q = math.lcm(*(c.denominator for c in coeffs))
    return LinearRule(tuple(PARTS[i] for i in idx), tuple(int(c * q) for c in coeffs), q)


def fit_linear_rules(terms: Sequence[int], offset: int = 0,
                     check: Callable[[], None] = lambda: None) -> list[tuple[LinearRule, int]]:
    """Every rule of at most MAX_PARTS parts, one of them new (NEW_PARTS), that gives
    each term from some position on: pairs (rule, how many first terms it is given).  The
    coefficients are solved exactly; a rule must hold on MIN_SPARE more terms than it has
    coefficients.  ``check`` is called once per term and per subset of parts, to stop a long
    input in time.

    >>> fit_linear_rules([1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862])[:1]
    [(LinearRule(a(n) = sum(a(i)*a(n - 1 - i) for 0 <= i <= n - 1)), 1)]
    """
    table = []
    for t in range(len(terms)):
        check()
        table.append([part_value(p, terms[:t], offset) for p in PARTS])
    found = []
    for idx in _subsets():
        check()
        defined = [t for t in range(len(terms)) if all(table[t][i] is not None for i in idx)]
        first = max(1, min(defined, default=len(terms)))
        for start in range(first, first + LATE_START + 1):
            rows = [(tuple(table[t][i] for i in idx), terms[t]) for t in range(start, len(terms))]
            if len(rows) < len(idx) + MIN_SPARE or any(None in x for x, _ in rows):
                break
            coeffs = _solve(rows)
            rule = None if coeffs is None else _as_rule(idx, coeffs)
            if rule is not None:
                found.append((rule, start))
                break
    return found
