"""Loops whose rule sums over the earlier terms (linear_rules.py): the parts against slow
oracles, the exact fit, the loop that runs a rule (its source, its bound) and the search.

Sequences with such rules are generated here by independent code: counting trees and
partitions by other recurrences, or closed forms.
"""

import functools
import math
import random

import pytest

from progsearch import search
from progsearch.budget import Budget
from progsearch.finders import find_linear_loops
from progsearch.forms import RULE_KIND_BITS, Loop
from progsearch.guards import MAX_RESULT_BITS
from progsearch.language import Invalid
from progsearch.length import FORM_TAG_BITS, count_bits, int_bits
from progsearch.linear_fit import fit_linear_rules
from progsearch.linear_rules import (
    MAX_SUM_POSITION,
    PARTS,
    LinearRule,
    part_value,
)


def unordered_binary_trees(count: int) -> list[int]:
    """Binary trees whose two subtrees are not ordered, by leaves (from 0 leaves): a tree of
    n leaves is a multiset of two trees of i and n - i leaves, i <= n - i."""
    a = [0, 1]
    for n in range(2, count):
        pairs = sum(a[i] * a[n - i] for i in range(1, (n + 1) // 2))
        if n % 2 == 0:
            pairs += math.comb(a[n // 2] + 1, 2)  # two trees of n/2 leaves, repeats allowed
        a.append(pairs)
    return a[:count]


@functools.cache
def binary_partitions(n: int, largest: int) -> int:
    """The partitions of n into powers of 2, none above ``largest``."""
    if n == 0:
        return 1
    return sum(binary_partitions(n - p, p) for p in (2**k for k in range(n.bit_length()))
               if p <= min(n, largest))


def catalan(count: int) -> list[int]:
    return [math.comb(2 * n, n) // (n + 1) for n in range(count)]


def slow_part(name: str, a: list[int], offset: int) -> int | None:
    """part_value by another route: the sums as all pairs (i, j) of positions with i + j equal
    to the total; the halves from the absolute index."""
    t, n = len(a), offset + len(a)
    known = {offset + p: v for p, v in enumerate(a)}
    if name == "1":
        return 1
    if name == "n":
        return n
    if name in ("a1", "a2"):
        return known.get(n - int(name[1]))
    if name == "h2":
        return known.get(n // 2)
    if name == "c2":
        return known.get(-(-n // 2)) if -(-n // 2) < n else None  # the ceiling of n/2
    if name == "e2":
        return (known[n // 2] if n % 2 == 0 else 0) if n // 2 in known and n // 2 < n else None
    k = int(name[1])
    if t < max(1, k) or t > MAX_SUM_POSITION:
        return None
    pairs = [(i, j) for i in range(t) for j in range(t) if i + j == t - k]
    if k == 0:
        pairs = [(i, j) for i in range(1, t) for j in range(1, t) if i + j == t]
    return sum(a[i] * a[j] for i, j in pairs)


def test_every_part_agrees_with_a_slow_oracle_on_random_inputs():
    rng = random.Random(5)
    for _ in range(300):
        a = [rng.randint(-50, 50) for _ in range(rng.randint(0, 12))]
        offset = rng.randint(-4, 4)
        for name in PARTS:
            assert part_value(name, a, offset) == slow_part(name, a, offset), (name, a, offset)


def test_a_sum_has_no_value_past_its_bound():
    zeros = [0] * MAX_SUM_POSITION
    assert part_value("s1", zeros, 0) == 0
    assert part_value("s1", zeros + [0], 0) is None
    assert part_value("a1", zeros + [0], 0) == 0  # only the sums are bounded


def test_rules_are_normalized_and_bad_ones_named():
    assert LinearRule(("e2", "s0"), (2, 2), 4) == LinearRule(("s0", "e2"), (1, 1), 2)
    with pytest.raises(ValueError, match="parts"):
        LinearRule(("s9",), (1,))
    with pytest.raises(ValueError, match="parts"):
        LinearRule(("s1", "s1"), (1, 1))
    with pytest.raises(ValueError, match="parts and coeffs"):
        LinearRule(("s1", "s2", "n"), (1, 1, 1))
    with pytest.raises(ValueError, match="nonzero"):
        LinearRule(("s1",), (0,))
    with pytest.raises(ValueError, match="denominator"):
        LinearRule(("s1",), (1,), 0)
    with pytest.raises(TypeError, match="integers"):
        LinearRule(("s1",), (1.5,))


def test_the_fit_finds_the_rule_of_unordered_binary_trees_and_it_predicts():
    terms = unordered_binary_trees(40)
    fits = fit_linear_rules(terms[:15], 0)
    assert (LinearRule(("s0", "e2"), (1, 1), 2), 2) in fits
    for rule, given in fits:  # every fit reproduces the training terms
        assert Loop(rule, terms[:given]).terms(0, 15) == terms[:15]
    best = search(terms[:15], time_limit=30.0).best  # the finder runs after the engine
    assert best.form == "loop" and best.terms(15, 40) == terms[15:40]


@pytest.mark.parametrize("name, offset, terms, rule", [
    ("Catalan", 0, catalan(20), LinearRule(("s1",), (1,))),
    ("binary partitions", 0, [binary_partitions(n, n) for n in range(20)],
     LinearRule(("a1", "e2"), (1, 1))),
    ("2-adic valuation of 2n", 1, [(n & -n).bit_length() for n in range(1, 21)],
     LinearRule(("1", "e2"), (1, 1))),
    ("halves: n - 2**(k-1), at most 2**k, for 2**k <= n", 1,
     [1] + [min(n - 2 ** (n.bit_length() - 2), 2 ** (n.bit_length() - 1)) for n in range(2, 21)],
     LinearRule(("h2", "c2"), (1, 1))),
])
def test_the_fit_finds_sums_and_halves_from_independent_code(name, offset, terms, rule):
    fits = dict(fit_linear_rules(terms[:15], offset))
    assert rule in fits, (name, fits)
    loop = Loop(rule, terms[:fits[rule]], offset)
    assert loop.terms(offset, offset + 20) == terms
    best = search(terms[:15], offset=offset, time_limit=30.0).best
    assert best.terms(offset + 15, offset + 20) == terms[15:], (name, best)


def test_random_terms_and_short_inputs_fit_no_rule():
    rng = random.Random(11)
    for _ in range(50):
        assert fit_linear_rules([rng.randint(0, 1000) for _ in range(15)], 0) == []
    # one coefficient needs MIN_SPARE = 3 equations more than one: 4 terms after the first
    assert fit_linear_rules(catalan(4), 0) == []
    assert fit_linear_rules(catalan(5), 0) == [(LinearRule(("s1",), (1,)), 1)]


def test_a_rule_may_start_late_and_pays_for_its_given_terms():
    terms = [1, 5, 2]  # a(2) = 2 is an exception: the rule would give 5 + 1*1
    while len(terms) < 15:
        t = len(terms)
        terms.append(terms[-1] + sum(terms[i] * terms[t - 2 - i] for i in range(t - 1)))
    rule = LinearRule(("a1", "s2"), (1, 1))
    assert (rule, 3) in fit_linear_rules(terms, 0)
    loops = find_linear_loops(terms, 0, Budget(1.0, 8, 1e9))
    assert [(loop.rule, loop.initial) for loop in loops] == [(rule, tuple(terms[:3]))]
    assert Loop(rule, terms[:3]).bits > Loop(rule, terms[:2]).bits  # one more given term


def test_a_linear_loop_source_runs_and_says_where_the_library_stops():
    trees = unordered_binary_trees(30)
    loop = Loop(LinearRule(("s0", "e2"), (1, 1), 2), trees[:2])
    ns: dict = {}
    exec(loop.source, ns)
    assert [ns["a"](m) for m in range(30)] == trees
    assert f"nor past a({MAX_SUM_POSITION})" in loop.source
    shifted = Loop(LinearRule(("a1", "e2"), (1, 1)), [1], offset=1)
    exec(shifted.source, ns)
    assert [ns["a"](m) for m in range(1, 20)] == shifted.terms(1, 20)
    assert "nor past a(" not in shifted.source  # no sum, no bound on n


def test_a_linear_loop_gives_no_value_past_the_bound_or_the_size_guard():
    zeros = Loop(LinearRule(("s1",), (1,)), [0])
    assert zeros.terms(MAX_SUM_POSITION, MAX_SUM_POSITION + 1) == [0]
    with pytest.raises(Invalid):
        zeros.terms(0, MAX_SUM_POSITION + 2)
    huge = Loop(LinearRule(("s1",), (1,)), [2 ** (MAX_RESULT_BITS - 5)])
    with pytest.raises(Invalid):
        huge.terms(0, 2)  # a(1) = a(0)**2 passes the guard: no value, never a wrong one


def test_a_linear_loop_costs_tag_kind_given_terms_and_rule():
    loop = Loop(LinearRule(("s0", "e2"), (1, 1), 2), [0, 1])
    expected = (FORM_TAG_BITS + RULE_KIND_BITS + count_bits(2) + int_bits(0) + int_bits(1)
                + math.log2(2) + math.log2(math.comb(len(PARTS), 2)) + 2 * int_bits(1)
                + count_bits(1))
    assert loop.bits == pytest.approx(expected)


@pytest.mark.parametrize("rule, initial, offset", [
    (LinearRule(("s0", "e2"), (1, 1), 2), [0, 1], 0),
    (LinearRule(("a1", "s0"), (1, 1)), [0, 1], 3),
    (LinearRule(("s1", "h2"), (2, -1)), [1], 1),
    (LinearRule(("a2", "s2"), (1, 3)), [2, -1], -2),
    (LinearRule(("h2", "c2"), (1, 1)), [0, 1, 1], 0),
    (LinearRule(("c2", "n"), (2, -1)), [5, 4], 1),
])
def test_a_linear_loop_renders_to_sympy_that_gives_its_terms(rule, initial, offset):
    import sympy

    loop = Loop(rule, initial, offset)
    eq = loop.to_sympy()
    a, n = sympy.Function("a"), sympy.Symbol("n", integer=True)
    terms = loop.terms(offset, offset + 12)
    values = {a(offset + j): v for j, v in enumerate(terms)}
    for m in range(offset + len(initial), offset + 12):
        lhs = eq.lhs.subs(n, m).doit().subs(values)
        rhs = eq.rhs.subs(n, m).doit().subs(values)
        assert lhs == rhs == rule.denominator * terms[m - offset]


def test_the_benchmark_labels_a_linear_loop():
    from progsearch.bench.how import how

    assert how(Loop(LinearRule(("s1",), (1,)), [1])) == "loop (linear, sums)"


def test_a_loop_refuses_initial_values_after_which_its_rule_has_no_value():
    with pytest.raises(ValueError, match="initial"):
        Loop(LinearRule(("h2",), (1,)), [5, 6], offset=3)  # a(5) would read a(2)
    with pytest.raises(ValueError, match="initial"):
        Loop(LinearRule(("s2",), (1,)), [1])  # a sum of the terms two back: none yet
    with pytest.raises(ValueError, match="initial"):
        Loop(LinearRule(("c2",), (1,)), [4])  # a(1) would read a((1+1)//2), itself


def library_and_source(loop: Loop, count: int) -> tuple[list, list]:
    """The loop's first ``count`` terms from the library and from its source; each list ends
    with 'none' at the first term that one does not give."""
    ns: dict = {}
    exec(loop.source, ns)
    out: tuple[list, list] = ([], [])
    for m in range(loop.offset, loop.offset + count):
        for values, get in zip(out, (lambda m: loop.terms(m, m + 1)[0], ns["a"])):
            if values[-1:] != ["none"]:
                try:
                    values.append(get(m))
                except (Invalid, ArithmeticError):
                    values.append("none")
    return out


def test_the_source_gives_the_library_values_at_every_offset():
    rng = random.Random(3)
    checked = 0
    for _ in range(1500):
        parts = tuple(rng.sample(PARTS, rng.randint(1, 2)))
        rule = LinearRule(parts, tuple(rng.choice((-3, -2, -1, 1, 2, 3)) for _ in parts),
                          rng.randint(1, 3))
        offset, given = rng.randint(-6, 8), rng.randint(0, 6)
        initial = [rng.randint(-3, 3) for _ in range(given)]
        if not rule.defined(given, offset):
            with pytest.raises(ValueError, match="initial"):
                Loop(rule, initial, offset)
            continue
        library, source = library_and_source(Loop(rule, initial, offset), 14)
        assert library == source, (rule, initial, offset)
        checked += 1
    assert checked > 500
