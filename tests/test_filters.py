"""Tests for the filter form and its finder: terms against a brute-force scan, the scan bound,
runnable source, Kraft, what the finder finds (and does not), and the budget."""

import itertools
import math
import random
import time

import pytest
import sympy

from progsearch.budget import Budget
from progsearch.filters import MAX_GAP, MAX_SPAN, Filter, find_filters
from progsearch.forms import expr_bits
from progsearch.language import OP_BY_NAME, OPS, Apply, Const, Invalid, Var
from progsearch.length import FORM_TAG_BITS, int_bits
from progsearch.programs import FORM_ORDER, unguarded
from progsearch.search import LADDER_FINDERS, run_finders

K = Var("n")  # the predicate's variable k


def op(name, *args):
    return Apply(OP_BY_NAME[name], tuple(Const(a) if isinstance(a, int) else a for a in args))


def brute(pred, k0: int, count: int) -> list[int]:
    """The first ``count`` k >= k0 with pred(k) true: a plain loop."""
    out, k = [], k0
    while len(out) < count:
        if pred(k):
            out.append(k)
        k += 1
    return out


def _floor5(k: int) -> int:
    return 0 if k == 0 else 5 // k  # 5 // 0 is undefined: false


def _comb2(k: int) -> int:
    return 0 if k < 0 else math.comb(k, 2) % 2  # comb of a negative: undefined, false


# (predicate expression, the same predicate in plain Python, k0, offset)
CASES = [
    (op("mod", K, 4), lambda k: k % 4 != 0, 0, 1),  # not a multiple of 4
    (op("floordiv", op("mod", K, 4), 3), lambda k: k % 4 == 3, -5, 0),  # 3 mod 4
    (op("mod", op("mul", K, K), 3), lambda k: k % 3 != 0, 1, 1),  # k*k % 3: not mod 3
    (op("floordiv", 5, K), lambda k: _floor5(k) != 0, -3, 2),  # Invalid at k=0
    (op("mod", op("binomial", K, 2), 2), lambda k: _comb2(k) != 0, -4, -3),
    (op("sub", K, 7), lambda k: k != 7, 3, 0),
]


# ---------------------------------------------------------------- the program


@pytest.mark.parametrize("pred,plain,k0,offset", CASES)
def test_terms_match_a_brute_force_scan(pred, plain, k0, offset):
    prog = Filter(pred, k0, offset)
    want = brute(plain, k0, 8)
    assert prog.terms(offset, offset + 8) == want
    assert prog.terms(offset + 3, offset + 6) == want[3:6]
    assert Filter(pred, k0, offset).terms(offset + 2, offset + 5) == want[2:5]  # fresh, no cache
    assert prog.fits(want) and not prog.fits(want[:-1] + [want[-1] + 1])


@pytest.mark.parametrize("pred,plain,k0,offset", CASES)
def test_source_reproduces_the_terms_and_refuses_below_the_offset(pred, plain, k0, offset):
    prog = Filter(pred, k0, offset)
    namespace: dict = {}
    exec(prog.source, namespace)
    assert [namespace["a"](n) for n in range(offset, offset + 8)] == prog.terms(offset, offset + 8)
    with pytest.raises(ValueError, match=f"defined from n={offset}"):
        namespace["a"](offset - 1)
    with pytest.raises(ValueError, match=f"the filter is defined from n={offset}"):
        prog.terms(offset - 1, offset + 2)


def test_source_imports_what_the_predicate_calls():
    prog = Filter(op("mod", op("factorial", op("mod", K, 4)), 2), 0, 0)
    assert prog.source.startswith("from progsearch.guards import factorial\n")
    namespace: dict = {}
    exec(prog.source, namespace)
    assert [namespace["a"](n) for n in range(6)] == brute(lambda k: k % 4 in (0, 1), 0, 6)


def test_the_scan_bound_is_no_value_not_a_hang():
    t0 = time.perf_counter()
    stops = Filter(op("floordiv", 5, K), 1, 1)  # true for k = 1..5, never after
    assert stops.terms(1, 6) == [1, 2, 3, 4, 5]
    with pytest.raises(Invalid, match=f"no k within {MAX_GAP}"):
        stops.terms(1, 7)
    assert stops.continuation(6, 3) is None and stops.continuation(4, 2) == (4, 5)
    assert not stops.fits([1, 2, 3, 4, 5, 6])
    never = Filter(op("sub", K, K), 0, 0)  # k - k: never true
    assert never.continuation(0, 1) is None
    first = time.perf_counter() - t0
    t1 = time.perf_counter()
    assert stops.continuation(6, 1) is None  # the scan is kept: asking again is immediate
    assert time.perf_counter() - t1 < 0.01 < first < 10.0


def test_a_short_gap_limit_does_not_spoil_the_cache():
    every50 = Filter(op("floordiv", op("mod", K, 50), 49), 0, 0)  # k = 49, 99, 149, ...
    assert every50.first_terms(2, max_gap=10) is None
    assert every50.first_terms(3) == [49, 99, 149]
    assert every50.first_terms(4, max_gap=49) is None
    assert every50.terms(0, 4) == [49, 99, 149, 199]


def test_display_sympy_and_latex_read_as_the_rule():
    three = Filter(op("floordiv", op("mod", K, 4), 3), 3, 0)
    assert three.display() == "a(n) = the (n+1)-th k >= 3 with k%4//3"
    assert Filter(K, -2, 1).display() == "a(n) = the n-th k >= -2 with k"
    assert Filter(K, 0, 4).display().startswith("a(n) = the (n-3)-th k")
    k = sympy.Symbol("k", integer=True)
    assert three.to_sympy() == sympy.floor(sympy.Mod(k, 4) / 3)
    assert r"k \geq 3" in three.latex() and r"\neq 0" in three.latex()
    assert repr(three).startswith("Filter(a(n) = the (n+1)-th k >= 3 with k%4//3, ")
    assert three.form == "filter" and three.chars == len(unguarded(three.source))


# ---------------------------------------------------------------- length and Kraft


def expressions(leaves: list, max_nodes: int) -> list:
    """Every expression tree over ``leaves`` and OPS with at most ``max_nodes`` nodes."""
    by_size = {1: list(leaves)}
    for size in range(2, max_nodes + 1):
        by_size[size] = [Apply(o, (e,)) for o in OPS if o.arity == 1 for e in by_size[size - 1]]
        by_size[size] += [Apply(o, (x, y)) for o in OPS if o.arity == 2
                          for i in range(1, size - 1)
                          for x, y in itertools.product(by_size[i], by_size[size - 1 - i])]
    return [e for es in by_size.values() for e in es]


def test_bits_are_tag_then_k0_then_the_predicate():
    pred = op("mod", K, 4)
    prog = Filter(pred, 17, 1)
    assert prog.bits == pytest.approx(FORM_TAG_BITS + int_bits(17) + expr_bits(pred, 1))
    assert Filter(pred, 0).bits < Filter(pred, 1).bits < Filter(pred, 1000).bits


def test_kraft_over_a_small_class_of_filters():
    preds = expressions([K] + [Const(c) for c in range(-3, 4)], 3)
    filters = [Filter(p, k0) for p in preds for k0 in range(-30, 31)]
    body = math.fsum(2.0 ** -f.body_bits() for f in filters)
    assert 0.0 < body <= 1.0
    assert body == pytest.approx(math.fsum(2.0 ** -int_bits(k) for k in range(-30, 31))
                                 * math.fsum(2.0 ** -expr_bits(p, 1) for p in preds))
    # a form tag in front: the filters hold at most one tag's share of the mass
    assert math.fsum(2.0 ** -f.bits for f in filters) <= 2.0 ** -FORM_TAG_BITS + 1e-9


# ---------------------------------------------------------------- the finder


def first(rule, start: int, count: int) -> list[int]:
    """The first ``count`` integers k >= start with rule(k): independent of the library."""
    return list(itertools.islice((k for k in itertools.count(start) if rule(k)), count))


RULES = [
    ("odd numbers", lambda k: k % 2 == 1, 0, 1),
    ("non-multiples of 3", lambda k: k % 3 != 0, 1, 1),
    ("1 or 2 mod 4", lambda k: k % 4 in (1, 2), 1, 0),
    ("3 mod 4 from 10", lambda k: k % 4 == 3, 10, 0),
    ("1 mod 3 from -20", lambda k: k % 3 == 1, -20, 0),
    ("0 or 1 mod 4", lambda k: k % 4 in (0, 1), 0, 1),
]


@pytest.mark.parametrize("name,rule,start,offset", RULES)
def test_the_finder_finds_a_filter_that_predicts_the_next_ten(name, rule, start, offset):
    seq = first(rule, start, 25)
    train, future = seq[:15], seq[15:]
    budget = Budget(60.0, max_size=8, max_bytes=2**31)
    found = find_filters(train, offset, budget)
    assert found and all(isinstance(p, Filter) and p.fits(train) for p in found)
    best = min(found, key=lambda p: p.bits)
    assert best.terms(offset + 15, offset + 25) == future, best
    assert budget.stats.candidates > 0 and budget.stats.distinct > 0


def test_on_random_increasing_sequences_whatever_is_found_fits_and_is_long():
    rng = random.Random(11)
    for span in (40, 120, MAX_SPAN):
        for _ in range(2):
            train = sorted(rng.sample(range(span + 1), 15))
            budget = Budget(60.0, 8, 2**31)
            found = find_filters(train, 0, budget)
            assert budget.stats.candidates > 0  # the engine was grown: the sequence qualified
            assert all(p.fits(train) for p in found)
            assert all(p.bits > 40 for p in found), found


@pytest.mark.parametrize("terms", [
    [1, 2, 3],  # too few
    [1, 3, 3, 5, 7],  # not strictly increasing
    [9, 7, 5, 3, 1],
    [0, 1, 2, MAX_SPAN + 1],  # spans too many integers
    [2**62, 2**62 + 1, 2**62 + 2, 2**62 + 3],  # beyond the engine's int64 points
])
def test_the_finder_declines_what_is_not_a_filter_in_range(terms):
    budget = Budget(60.0, 8, 2**31)
    assert find_filters(terms, 0, budget) == [] and budget.stats.candidates == 0


def test_the_finder_respects_the_size_and_time_budgets():
    train = first(lambda k: k % 3 != 0, 1, 15)  # k*k%3: five nodes
    small = find_filters(train, 1, Budget(60.0, max_size=4, max_bytes=2**31))
    assert all(p.predicate.nodes() <= 4 for p in small)
    assert any(p.predicate.nodes() == 5 for p in find_filters(train, 1, Budget(60, 5, 2**31)))
    budget = Budget(1e-4, max_size=8, max_bytes=2**31)
    time.sleep(1e-3)
    t0 = time.perf_counter()
    assert find_filters(first(lambda k: k % 4 in (1, 2), 1, 15), 1, budget) == []
    assert time.perf_counter() - t0 < 0.5 and budget.stats.stopped_by == "time_limit"


def test_the_finder_stops_on_the_memory_cap():
    budget = Budget(60.0, max_size=8, max_bytes=10_000)
    find_filters(first(lambda k: k % 4 in (1, 2), 1, 15), 1, budget)
    assert budget.stats.stopped_by == "memory"


def test_run_finders_with_the_filter_finder_end_to_end(monkeypatch):
    if "filter" not in FORM_ORDER:  # until the search registers the form
        monkeypatch.setitem(FORM_ORDER, "filter", len(FORM_ORDER))
    seq = first(lambda k: k % 3 != 0, 1, 25)
    r = run_finders(seq[:15], 1, Budget(10.0, 8, 2**31), finders=LADDER_FINDERS + (find_filters,))
    assert r.best.form == "filter" and r.best.fits(seq[:15])
    assert [p.value for p in r.predict(10)] == seq[15:]



def test_a_value_past_a_guard_is_unknown_not_false():
    """p(k) past a table's bound (primepi beyond the sieve) ends the scan: no wrong term."""
    from sympy import primepi

    from progsearch.language import OP_BY_NAME
    from progsearch.ntheory import SIEVE_LIMIT

    pred = Apply(OP_BY_NAME["mod"], (Apply(OP_BY_NAME["primepi"], (Var("n"),)), Const(2)))
    k0 = SIEVE_LIMIT - 40
    prog = Filter(pred, k0=k0)
    truth = [k for k in range(k0, SIEVE_LIMIT + 1) if primepi(k) % 2]
    assert prog.terms(0, len(truth)) == truth  # within the table: exact
    with pytest.raises(Invalid, match="past a guard"):  # at once, not after a long scan
        prog.first_terms(len(truth) + 1, max_gap=10**6)  # the next needs primepi past the table


def test_consecutive_integers_are_not_a_filter():
    """Every k kept is the formula k0 + n: the filter finder leaves it to the formula form."""
    assert find_filters(list(range(3, 18)), 0, Budget(5.0, 5, 2**30)) == []
