"""Loops that read a(n//2) and a(n//3): evaluation, rendering, bits, and the search finding them.

The sequences are generated here from rules written in Python, so nothing is hard-coded: a
search passes when its program continues the generated sequence past the training terms.
"""

import math

import pytest

from progsearch import search
from progsearch.forms import Loop
from progsearch.language import (
    CORE_OPS,
    DIVISORS,
    OP_BY_NAME,
    Apply,
    Const,
    Invalid,
    Var,
    variables,
)

ADD, MOD = OP_BY_NAME["add"], OP_BY_NAME["mod"]


def generate(rule, first, offset, count):
    """Terms of a(n) = rule(n, a) from the given first terms, a read as a dict by index."""
    a = {offset + i: v for i, v in enumerate(first)}
    for n in range(offset + len(first), offset + count):
        a[n] = rule(n, a)
    return [a[n] for n in range(offset, offset + count)]


def binary_weight(n, a):
    return a[n // 2] + n % 2


def floor_log2(n, a):
    return a[n // 2] + 1


def ternary_partitions(n, a):  # a(n) = a(n-3) + a(n//3): partitions into powers of 3
    return a[n - 3] + a[n // 3]


def test_variables_of_a_loop_include_the_divided_terms():
    assert [v.name for v in variables(2)] == ["n", "a1", "a2"] + [f"d{c}" for c in DIVISORS]
    assert variables(0) == (Var("n"),)


@pytest.mark.parametrize("offset", [-1, 0, 1, 3])
def test_a_loop_reads_a_of_n_over_2_and_its_source_runs(offset):
    rule = Apply(ADD, (Var("d2"), Apply(MOD, (Var("n"), Const(2)))))
    start = max(offset + 1, 2 * offset, 1)  # from here on a(n//2) is an earlier term
    initial = list(range(1, start - offset + 1))
    loop = Loop(rule, initial, offset)
    want = generate(binary_weight, initial, offset, 30)
    assert loop.terms(offset, offset + 30) == want
    namespace: dict = {}
    exec(loop.source, namespace)  # noqa: S102 -- the rendered Python gives the same terms
    assert [namespace["a"](n) for n in range(start, offset + 30)] == want[start - offset:]
    assert "a(n//2)" in loop.display()


def test_a_term_before_the_first_is_invalid_not_a_wrong_number():
    loop = Loop(Var("d3"), [5], offset=2)  # a(3) would read a(1): before a(2), the first
    with pytest.raises(Invalid):
        loop.terms(2, 4)
    assert loop.continuation(3, 2) is None


def test_every_loop_pays_for_the_divided_terms_in_its_bits():
    # a(n//2) is one symbol among n, a(n-1), a(n//2), a(n//3), const and the operators, so it
    # costs what a(n-1) costs, and each node of a loop's rule is priced among all of them
    assert Loop(Var("d2"), [0]).bits == Loop(Var("a1"), [0]).bits
    per_node = math.log2(len(variables(1)) + 1 + len(CORE_OPS) + 1)  # + the escape lib
    longer = Loop(Apply(ADD, (Var("a1"), Var("d2"))), [0]).bits - Loop(Var("a1"), [0]).bits
    assert len(variables(1)) == 2 + len(DIVISORS)
    assert math.isclose(longer, 2 * per_node)


@pytest.mark.parametrize("rule, first, offset, form", [
    (binary_weight, [0], 0, "formula"),  # bitcount(n), a library operator, is shorter
    (floor_log2, [0], 1, "loop"),
    (ternary_partitions, [1, 1, 1], 0, "transform"),  # its partial sums: s(n-1) + s(n//3)
])
def test_the_search_finds_divide_and_conquer_recurrences(rule, first, offset, form):
    terms = generate(rule, first, offset, 25)
    best = search(terms[:15], offset=offset).best
    assert best.form == form
    assert list(best.continuation(offset + 15, 10)) == terms[15:]
