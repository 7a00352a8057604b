"""Tests for exact P-recursive recurrence solving: known families, honesty, exactness, errors."""

import math
import random
from fractions import Fraction

import numpy as np
import pytest
import sympy

from progsearch.budget import Budget
from progsearch.finders import find_p_recursive
from progsearch.rational import PRIME, nullspace, rank, residues
from progsearch.recurrences import (
    PRecurrence,
    _equations,
    _equations_mod_p,
    find_recurrences,
    given_terms,
)

TRAIN, TEST = 15, 10


# ---------------------------------------------------------------- independent generators


def linear(initial, weights, count):
    """a(n) = sum_k weights[k] * a(n-1-k), started from `initial`."""
    a = list(initial)
    while len(a) < count:
        a.append(sum(w * a[-1 - k] for k, w in enumerate(weights)))
    return a[:count]


def catalan(n):
    return math.comb(2 * n, n) // (n + 1)


def motzkin(n):
    return sum(math.comb(n, 2 * k) * catalan(k) for k in range(n // 2 + 1))


def derangements(n):  # inclusion-exclusion: n! * sum (-1)**k / k!
    return sum((-1) ** k * (math.factorial(n) // math.factorial(k)) for k in range(n + 1))


def arrangements(n):  # A000522: sum n! / k!
    return sum(math.factorial(n) // math.factorial(k) for k in range(n + 1))


N = TRAIN + TEST
FAMILIES = {
    "fibonacci": linear([0, 1], [1, 1], N),
    "lucas": linear([2, 1], [1, 1], N),
    "pell": linear([0, 1], [2, 1], N),
    "tribonacci": linear([0, 0, 1], [1, 1, 1], N),
    "powers of 2": [2**n for n in range(N)],
    "3^n + 1": [3**n + 1 for n in range(N)],
    "n*2^n": [n * 2**n for n in range(N)],
    "catalan": [catalan(n) for n in range(N)],
    "central binomial": [math.comb(2 * n, n) for n in range(N)],
    "motzkin": [motzkin(n) for n in range(N)],
    "derangements": [derangements(n) for n in range(N)],
    "A000522": [arrangements(n) for n in range(N)],
    "n^2 + (-1)^n": [n * n + (-1) ** n for n in range(N)],
    "factorials": [math.factorial(n) for n in range(N)],
    # p_0 vanishes at the start: the first terms are given, the recurrence runs after them
    "two fixed points": [math.comb(n, 2) * derangements(n - 2) if n >= 2 else 0 for n in range(N)],
    "factorials, a(0) = 7": [7] + [math.factorial(n) for n in range(1, N)],
}


def brute_force_next(rec, previous, n):
    """a(n) from the definition with Fraction arithmetic, coefficients evaluated term by term."""
    p = [sum(Fraction(c) * n**j for j, c in enumerate(row)) for row in rec.coeffs]
    value = -sum(p[i] * previous[-i] for i in range(1, rec.order + 1)) / p[0]
    return int(value) if value.denominator == 1 else None


# ---------------------------------------------------------------- finding and predicting


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_family_found_and_next_ten_predicted(name):
    terms = FAMILIES[name]
    found = find_recurrences(terms[:TRAIN])
    assert found, name
    best = found[0]
    given = given_terms(best, 0, TRAIN)
    start = given - best.order
    assert terms[:start] + best.extend(terms[start:given], start, N) == terms


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_every_returned_recurrence_is_exact_on_training_terms(name):
    train = FAMILIES[name][:TRAIN]
    for rec in find_recurrences(train):
        given = given_terms(rec, 0, TRAIN)
        start = given - rec.order
        assert train[:start] + rec.extend(train[start:given], start, TRAIN) == train
        for t in range(given, TRAIN):
            assert rec.next_value(train[:t], t) == brute_force_next(rec, train[:t], t)


def test_predictions_beyond_int64_are_exact():
    terms = [math.factorial(n) for n in range(30)]
    rec = find_recurrences(terms[:TRAIN])[0]
    predicted = rec.extend(terms[:1], 0, 30)
    assert predicted == terms and predicted[-1] > 2**63


def test_expected_shapes_and_coefficients():
    assert find_recurrences(FAMILIES["fibonacci"][:TRAIN])[0].coeffs == ((1,), (-1,), (-1,))
    assert find_recurrences(FAMILIES["tribonacci"][:TRAIN])[0].order == 3
    assert find_recurrences(FAMILIES["catalan"][:TRAIN])[0].coeffs == ((1, 1), (2, -4))
    motz = find_recurrences(FAMILIES["motzkin"][:TRAIN])[0]
    assert (motz.order, motz.degree) == (2, 1)


def test_huge_terms_and_large_offset():
    offset = 100  # catalan(100) has 57 digits
    terms = [catalan(n) for n in range(offset, offset + N)]
    assert terms[0] > 10**55
    rec = find_recurrences(terms[:TRAIN], offset=offset)[0]
    assert rec.coeffs == ((1, 1), (2, -4))  # same polynomials: n is the absolute index
    assert rec.extend(terms[:1], offset, offset + N) == terms


def test_negative_terms():
    terms = linear([3, -7], [-1, 2], N)  # a(n) = -a(n-1) + 2 a(n-2), signs alternate
    rec = find_recurrences(terms[:TRAIN])[0]
    assert rec.coeffs == ((1,), (1,), (-2,))
    assert rec.extend(terms[:2], 0, N) == terms


def test_negative_offset_uses_absolute_index():
    offset = -2
    terms = [math.factorial(n + 3) for n in range(offset, offset + N)]  # a(n) = (n+3) a(n-1)
    rec = find_recurrences(terms[:TRAIN], offset=offset)[0]
    assert rec.coeffs == ((1, 0), (-3, -1))
    assert rec.next_value([terms[0]], offset + 1) == terms[1]
    assert rec.extend(terms[:1], offset, offset + N) == terms
    assert find_recurrences(terms[:TRAIN], offset=0)[0].coeffs == ((1, 0), (-1, -1))


def test_update_source_agrees_with_next_value():
    for name, terms in FAMILIES.items():
        for rec in find_recurrences(terms[:TRAIN]):
            source = rec.update_source()
            for t in range(given_terms(rec, 0, TRAIN), N):
                expected = rec.next_value(terms[:t], t)
                assert eval(source, {"n": t, "a": terms[:t]}) == expected == terms[t], name


def test_update_source_is_readable():
    assert PRecurrence(((1,), (-1,), (-1,))).update_source() == "a[-1] + a[-2]"
    assert PRecurrence(((1,), (-2,), (1,))).update_source() == "2*a[-1] - a[-2]"
    assert PRecurrence(((1, 1), (2, -4))).update_source() == "((4*n - 2)*a[-1]) // (n + 1)"
    assert PRecurrence(((0, 1), (0, -2))).update_source() == "(2*n*a[-1]) // n"  # kept: n = 0
    assert PRecurrence(((0, 2), (-1, 0))).update_source() == "(a[-1]) // (2*n)"
    assert PRecurrence(((1, -1), (0, 1))).update_source() == "(n*a[-1]) // (n - 1)"


# ---------------------------------------------------------------- honesty


def test_random_sequences_have_no_recurrence():
    rng = random.Random(20240611)
    hits = sum(
        bool(find_recurrences([rng.randint(0, 1000) for _ in range(15)])) for _ in range(100)
    )
    assert hits <= 2


def test_too_few_terms_never_fit_by_construction():
    # order 1, degree 0 has 2 unknowns and len(terms) - 1 equations: 3 spare need 6 terms
    assert find_recurrences([1, 2, 4, 8, 16], min_spare=3) == []
    assert find_recurrences([1, 2, 4, 8, 16, 32], min_spare=3) == [PRecurrence(((1,), (-2,)))]
    assert find_recurrences([1, 2, 4, 8], min_spare=1) == [PRecurrence(((1,), (-2,)))]
    assert find_recurrences([5, 1, 4, 1, 5, 9, 2]) == []  # only order 1, degree 0 is tried


def test_all_zero_terms_give_nothing():
    assert find_recurrences([0] * 20) == []


def test_simplest_first_without_duplicates_within_limit():
    terms = FAMILIES["n^2 + (-1)^n"][:20]
    for limit in (1, 2, 3):
        found = find_recurrences(terms, limit=limit)
        assert 1 <= len(found) <= limit and len(set(found)) == len(found)
        sizes = [((r.order + 1) * (r.degree + 1), r.order) for r in found]
        assert sizes == sorted(sizes)
    assert find_recurrences(FAMILIES["fibonacci"][:20]) == [PRecurrence(((1,), (-1,), (-1,)))]


def test_recurrence_vanishing_leading_coefficient_runs_after_the_root():
    # n*2^n satisfies (n - 1) a(n) = 2n a(n-1); p_0(1) = 0, so a(1) is given, not computed
    train = FAMILIES["n*2^n"][:TRAIN]
    found = find_recurrences(train, max_order=1, max_degree=1)
    assert found == [PRecurrence(((-1, 1), (0, -2)))]
    loop = find_p_recursive(train, 0, Budget(1.0, 8, 1e9))[0]
    assert loop.initial == (0, 2) and loop.terms(0, N) == FAMILIES["n*2^n"]


# ---------------------------------------------------------------- the PRecurrence value type


def test_normalization_gcd_and_sign():
    assert PRecurrence(((-2, -2), (-4, 8))).coeffs == ((1, 1), (2, -4))
    assert PRecurrence(((0, -3), (6, 0))).coeffs == ((0, 1), (-2, 0))
    assert PRecurrence(((2, 0, 0), (-4, 0, 0))).coeffs == ((1,), (-2,))  # top degree trimmed
    assert PRecurrence([[3, 3], [6, -12]]) == PRecurrence(((1, 1), (2, -4)))
    for rec in find_recurrences(FAMILIES["motzkin"][:TRAIN]):
        flat = [c for row in rec.coeffs for c in row]
        assert math.gcd(*flat) == 1 and next(c for c in rec.coeffs[0] if c) > 0


def test_order_and_degree():
    rec = PRecurrence(((2, 1), (-1, -2), (3, -3)))
    assert (rec.order, rec.degree) == (2, 1)


def test_next_value_none_on_inexact_division_or_zero_leading_coefficient():
    rec = PRecurrence(((0, 1), (-1, 0)))  # n a(n) = a(n-1)
    assert rec.next_value([4], 2) == 2
    assert rec.next_value([3], 2) is None  # 3 / 2
    assert rec.next_value([4], 0) is None  # p_0(0) = 0
    assert rec.next_value([-6], 3) == -2
    assert rec.extend([5], 1, 4) is None  # a(2) = 5 / 2


def test_next_value_uses_last_order_terms():
    rec = PRecurrence(((1,), (-1,), (-1,)))
    assert rec.next_value([100, 2, 3], 7) == 5


def test_extend_short_ranges():
    rec = PRecurrence(((1,), (-1,), (-1,)))
    assert rec.extend([2, 1], 0, 1) == [2]
    assert rec.extend([2, 1], 5, 5) == []
    assert rec.extend([2, 1, 99], 0, 4) == [2, 1, 3, 4]


def test_given_terms_cover_the_roots_of_the_leading_polynomial():
    rec = PRecurrence(((-2, 1), (0, -1)))  # (n - 2)*a(n) = n*a(n-1)
    assert given_terms(rec, 0, 15) == 3  # a(0), a(1), a(2): p_0(2) = 0 leaves a(2) free
    assert given_terms(rec, 3, 15) == 1  # p_0 never vanishes from n = 4
    assert given_terms(rec, -3, 15) is None  # a root six steps in: not a recurrence for these
    assert given_terms(PRecurrence(((-40, 1), (0, -1))), 0, 15) is None  # a root past the terms


def test_a_root_past_the_terms_is_rejected():
    # (n - 20)*a(n) = (n - 19)*a(n-1) fits a(n) = 20 - n on 15 terms and has no a(20)
    terms = [20 - n for n in range(TRAIN)]
    assert all(rec.coeffs[0] != (-20, 1) for rec in find_recurrences(terms, limit=10))


def test_repr_and_str_are_the_equation():
    rec = PRecurrence(((1, 1), (2, -4)))
    assert str(rec) == "(n + 1)*a(n) = (4*n - 2)*a(n-1)"
    assert repr(rec) == "PRecurrence((n + 1)*a(n) = (4*n - 2)*a(n-1))"
    assert repr(PRecurrence(((1,), (-2,), (0,)))) == "PRecurrence(a(n) = 2*a(n-1), order=2)"


# ---------------------------------------------------------------- cross-checks with sympy


def test_to_sympy_equation_holds_on_the_terms():
    n, a = sympy.Symbol("n"), sympy.Function("a")
    for name in ("catalan", "motzkin", "derangements", "tribonacci"):
        terms = FAMILIES[name]
        rec = find_recurrences(terms[:TRAIN])[0]
        eq = rec.to_sympy()
        residual = eq.lhs - eq.rhs
        for t in range(rec.order, N):
            values = {a(t - i): sympy.Integer(terms[t - i]) for i in range(rec.order + 1)}
            assert residual.xreplace({n: t}).xreplace(values) == 0, name


def test_c_finite_recurrence_matches_sympy_rsolve():
    terms = FAMILIES["pell"]
    rec = find_recurrences(terms[:TRAIN])[0]
    n, a = sympy.Symbol("n"), sympy.Function("a")
    eq = rec.to_sympy()
    closed = sympy.rsolve(eq.lhs - eq.rhs, a(n), {a(0): terms[0], a(1): terms[1]})
    assert [sympy.expand(closed.subs(n, k)) for k in range(TRAIN, N)] == terms[TRAIN:]


def test_nullspace_matches_sympy():
    rng = random.Random(7)
    for _ in range(30):
        rows, cols = rng.randint(1, 6), rng.randint(1, 6)
        base = [[rng.randint(-4, 4) for _ in range(cols)] for _ in range(rows)]
        mixed = base + [[x + y for x, y in zip(base[0], base[-1])]]  # a dependent row
        basis = nullspace(mixed, cols)
        expected = sympy.Matrix(mixed).nullspace()
        assert len(basis) == len(expected) == cols - rank(mixed, cols)
        assert all(sum(x * y for x, y in zip(row, v)) == 0 for row in mixed for v in basis)
        if basis:
            assert sympy.Matrix(basis).rank() == len(basis)


def test_fast_modular_equations_match_exact_ones():
    rng = random.Random(3)
    values = [rng.randint(-(10**60), 10**60) for _ in range(12)]
    terms_mod_p = np.array([v % PRIME for v in values], dtype=np.int64)
    for offset in (-5, 0, 7):
        for order, degree in ((1, 0), (2, 3), (4, 1)):
            exact = _equations(values, offset, order, degree)
            assert len(exact) == len(values) - order
            ncols = (order + 1) * (degree + 1)
            fast = _equations_mod_p(terms_mod_p, offset, order, degree)
            assert (fast == residues(exact, ncols)).all()


# ---------------------------------------------------------------- argument errors


def test_errors_name_the_argument():
    with pytest.raises(TypeError, match="terms"):
        find_recurrences([1, 2, 3.5])
    with pytest.raises(TypeError, match="terms"):
        find_recurrences("12345")
    with pytest.raises(TypeError, match="terms"):
        find_recurrences(5)
    with pytest.raises(TypeError, match="offset"):
        find_recurrences([1, 2, 3], offset=1.5)
    with pytest.raises(ValueError, match="max_order"):
        find_recurrences([1, 2, 3], max_order=0)
    with pytest.raises(ValueError, match="max_degree"):
        find_recurrences([1, 2, 3], max_degree=-1)
    with pytest.raises(ValueError, match="min_spare"):
        find_recurrences([1, 2, 3], min_spare=-1)
    with pytest.raises(ValueError, match="limit"):
        find_recurrences([1, 2, 3], limit=0)
    with pytest.raises(TypeError, match="limit"):
        find_recurrences([1, 2, 3], limit="3")


def test_constructor_and_method_errors_name_the_argument():
    with pytest.raises(ValueError, match="coeffs"):
        PRecurrence(((1,),))
    with pytest.raises(ValueError, match="coeffs"):
        PRecurrence(((1, 2), (3,)))
    with pytest.raises(ValueError, match="coeffs"):
        PRecurrence(((0, 0), (1, 1)))
    with pytest.raises(TypeError, match="coeffs"):
        PRecurrence(((1.0,), (2,)))
    rec = PRecurrence(((1,), (-1,), (-1,)))
    with pytest.raises(ValueError, match="previous"):
        rec.next_value([1], 5)
    with pytest.raises(ValueError, match="initial"):
        rec.extend([1], 0, 5)
    with pytest.raises(TypeError, match="initial"):
        rec.extend([1, "2"], 0, 5)
