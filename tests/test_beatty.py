"""The Beatty finder against independent code: floors of quadratic irrationals computed with
60-digit decimals, and a brute force over the constant C."""

import decimal
import random
import time

import pytest

from progsearch import search
from progsearch.beatty import A_MAX, D_MAX, Q_MAX, beatty_fits, find_beatty
from progsearch.budget import Budget


def exact_terms(a, q, c, d, start, count):
    """floor((a*n + sqrt(q)*n + c) / d) with 60-digit decimals (q not a square: never an
    integer for n > 0, so no rounding lands on the wrong side)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        root = decimal.Decimal(q).sqrt()
        return [int(((a * n + c + root * n) / d).to_integral_value(decimal.ROUND_FLOOR))
                for n in range(start, start + count)]


def squarefree(q):
    return all(q % (p * p) for p in range(2, q + 1))


def grid_samples(count, seed=3):
    rng = random.Random(seed)
    qs = [q for q in range(2, Q_MAX + 1) if squarefree(q)]
    for _ in range(count):
        yield (rng.randint(-A_MAX, A_MAX), rng.choice(qs), rng.randint(-5, 5),
               rng.randint(1, D_MAX), rng.randint(0, 3))


@pytest.mark.parametrize("a, q, c, d, start", list(grid_samples(12)))
def test_the_generating_constants_are_found_and_every_fit_is_exact(a, q, c, d, start):
    terms = exact_terms(a, q, c, d, start, 15)
    fits = beatty_fits(terms, start)
    assert any(f[:2] == (a, q) and f[3] == d for f in fits)
    for fa, fq, fc, fd in fits:
        assert exact_terms(fa, fq, fc, fd, start, 15) == terms


def test_no_fit_is_missed_against_a_brute_force_over_c():
    terms = exact_terms(1, 5, 0, 2, 1, 12)  # floor(n*phi)
    fits = {(a, q, d) for a, q, _, d in beatty_fits(terms, 1)}
    for a in range(-A_MAX, A_MAX + 1):
        for q in (2, 3, 5, 6, 7, 10):
            for d in range(1, D_MAX + 1):
                brute = any(exact_terms(a, q, c, d, 1, 12) == terms for c in range(-30, 31))
                assert brute == ((a, q, d) in fits), (a, q, d)


def test_lower_wythoff_from_15_terms_predicts_the_next_10():
    terms = exact_terms(1, 5, 0, 2, 1, 25)  # floor(n*phi), A000201
    best = find_beatty(terms[:15], 1, Budget(5.0, 8, 1e9))[0]
    assert best.terms(16, 26) == terms[15:]
    assert best.fits(terms)


def test_the_search_says_floor_n_sqrt_3():
    terms = exact_terms(0, 3, 0, 1, 0, 25)
    r = search(terms[:15], time_limit=10.0)
    assert [p.value for p in r.predict(10)] == terms[15:]


def test_only_squarefree_roots_are_named():
    for terms, start in [(exact_terms(1, 5, 0, 2, 1, 15), 1), (exact_terms(0, 8, 0, 1, 0, 15), 0)]:
        qs = {q for _, q, _, _ in beatty_fits(terms, start)}
        assert qs and all(squarefree(q) for q in qs)


def test_random_terms_have_no_beatty_formula():
    rng = random.Random(5)
    found = sum(bool(find_beatty(sorted(rng.sample(range(200), 15)), 0, Budget(5.0, 8, 1e9)))
                for _ in range(50))
    assert found == 0


def test_an_expired_budget_stops_the_finder_and_says_why():
    budget = Budget(0.001, 8, 1e9)
    time.sleep(0.01)
    assert find_beatty(exact_terms(0, 2, 0, 1, 0, 15), 0, budget) == []
    assert budget.stats.stopped_by == "time_limit"


def test_too_few_or_too_large_terms_are_not_searched():
    budget = Budget(5.0, 8, 1e9)
    assert find_beatty([0, 1, 2, 4], 0, budget) == []
    assert find_beatty([2**50 + k for k in range(0, 20, 2)], 0, budget) == []
    assert find_beatty(list(range(3, 30, 3)), 0, budget) == []  # 3*n + 3, found elsewhere
    assert find_beatty(exact_terms(0, 2, 0, 1, 0, 10), 0, budget)
