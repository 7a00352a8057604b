"""Tests for the integer codes and program lengths: real code words, prefix-freeness, Kraft.

The Elias delta code is rebuilt here as actual bit strings; the program lengths are checked
against Kraft's inequality by enumerating every program of a small class, form by form.
"""

import itertools
import math

import pytest

from progsearch.forms import RULE_KIND_BITS, RULE_KINDS, Formula, Lookup, Loop, Periodic, expr_bits
from progsearch.language import CORE_OPS, LIBRARY_OPS, OPS, Apply, Const, Var, variables
from progsearch.length import (
    FORM_TAG_BITS,
    count_bits,
    elias_delta_bits,
    int_bits,
    table_bits,
    zigzag,
)
from progsearch.linear_rules import MAX_PARTS, PARTS, LinearRule
from progsearch.recurrences import PRecurrence

EPS = 1e-9


# ---------------------------------------------------------------- an independent encoder


def gamma_word(n: int) -> str:
    """Elias gamma: floor(log2 n) zeros, then n in binary."""
    binary = bin(n)[2:]
    return "0" * (len(binary) - 1) + binary


def delta_word(n: int) -> str:
    """Elias delta: gamma of the bit length of n, then n in binary without its leading 1."""
    binary = bin(n)[2:]
    return gamma_word(len(binary)) + binary[1:]


def delta_decode(bits: str) -> tuple[int, str]:
    """Read one delta code word from the front of ``bits``; return (value, rest)."""
    zeros = len(bits) - len(bits.lstrip("0"))
    length = int(bits[zeros: 2 * zeros + 1], 2)
    rest = bits[2 * zeros + 1:]
    return int("1" + rest[: length - 1], 2), rest[length - 1:]


def zigzag_ref(v: int) -> int:
    """0, -1, 1, -2, 2, ... -> 0, 1, 2, 3, 4, ... by listing them in that order."""
    return 2 * v if v >= 0 else 2 * (-v) - 1


def is_prefix_free(words: list[str]) -> bool:
    """No word is a prefix of another: after sorting, a prefix sits right before an extension."""
    words = sorted(words)
    return len(set(words)) == len(words) and not any(
        b.startswith(a) for a, b in itertools.pairwise(words))


# ---------------------------------------------------------------- the codes


def test_the_reference_encoder_decodes_what_it_encodes():
    stream = "".join(delta_word(n) for n in range(1, 300))
    decoded = []
    while stream:
        value, stream = delta_decode(stream)
        decoded.append(value)
    assert decoded == list(range(1, 300))


def test_elias_delta_lengths_match_real_code_words():
    for n in range(1, 2001):
        assert elias_delta_bits(n) == len(delta_word(n)), n
    for n in (2**31 - 1, 2**31, 2**63 - 1, 2**64, 10**100, 3**1000):
        assert elias_delta_bits(n) == len(delta_word(n)), n


def test_elias_delta_code_words_are_prefix_free_and_satisfy_kraft():
    words = [delta_word(n) for n in range(1, 2001)]
    assert is_prefix_free(words)
    assert sum(2.0 ** -elias_delta_bits(n) for n in range(1, 2001)) <= 1.0


def test_elias_delta_is_defined_from_one():
    for bad in (0, -1, -(2**70)):
        with pytest.raises(ValueError, match="n must be at least 1"):
            elias_delta_bits(bad)


def test_zigzag_is_a_bijection_onto_the_naturals():
    values = range(-1000, 1001)
    images = [zigzag(v) for v in values]
    assert sorted(images) == list(range(2001))
    assert all(zigzag(v) == zigzag_ref(v) for v in values)
    assert [zigzag(v) for v in (0, -1, 1, -2, 2)] == [0, 1, 2, 3, 4]


def test_integer_code_is_delta_of_zigzag_and_prefix_free():
    words = {v: delta_word(zigzag_ref(v) + 1) for v in range(-1000, 1001)}
    assert all(int_bits(v) == len(w) for v, w in words.items())
    assert is_prefix_free(list(words.values()))
    big = -(10**50)
    assert int_bits(big) == len(delta_word(zigzag_ref(big) + 1))


def test_big_integers_cost_more_than_small_ones():
    assert int_bits(0) < int_bits(1) <= int_bits(-1) < int_bits(100) < int_bits(10**6)
    assert all(int_bits(v) <= int_bits(v + 1) for v in range(500))
    assert all(int_bits(-v) <= int_bits(-v - 1) for v in range(500))


def test_count_code_and_its_domain():
    assert [count_bits(n) for n in range(6)] == [len(delta_word(n + 1)) for n in range(6)]
    with pytest.raises(ValueError, match="count must be at least 0"):
        count_bits(-1)


def test_table_code_is_its_length_then_its_entries():
    for values in ([], [0], [3, 5], [-7, 0, 1000, 2**70]):
        word = delta_word(len(values) + 1) + "".join(delta_word(zigzag_ref(v) + 1)
                                                      for v in values)
        assert table_bits(values) == len(word)
    tables = [list(t) for size in range(4) for t in itertools.product(range(-2, 3), repeat=size)]
    words = [delta_word(len(t) + 1) + "".join(delta_word(zigzag_ref(v) + 1) for v in t)
             for t in tables]
    assert is_prefix_free(words)


# ---------------------------------------------------------------- Kraft over expressions


def all_expressions(leaves: list, max_nodes: int) -> dict[int, list]:
    """Every expression tree over ``leaves`` and OPS, grouped by node count."""
    by_size = {1: list(leaves)}
    for size in range(2, max_nodes + 1):
        out = []
        for op in OPS:
            if op.arity == 1:
                out += [Apply(op, (e,)) for e in by_size[size - 1]]
                continue
            for i in range(1, size - 1):
                out += [Apply(op, (x, y)) for x in by_size[i] for y in by_size[size - 1 - i]]
        by_size[size] = out
    return by_size


def weight_by_size(n_vars: int, const_weight: float, max_nodes: int) -> list[float]:
    """Total 2**-bits of the trees of each size, by the recursion of the code itself:
    a node is one of n_vars + const + core operators + the escape ``lib`` symbols, and a
    ``lib`` node then one of the library operators; a constant leaf also pays its integer
    code."""
    p = 1.0 / (n_vars + 1 + len(CORE_OPS) + 1)  # each symbol of the alphabet
    q = p / len(LIBRARY_OPS)  # each library operator: lib, then its name
    unary = p * sum(op.arity == 1 for op in CORE_OPS) + q * sum(op.arity == 1 for op in LIBRARY_OPS)
    binary = p * sum(op.arity == 2 for op in CORE_OPS) + q * sum(
        op.arity == 2 for op in LIBRARY_OPS)
    w = [0.0, p * (n_vars + const_weight)]
    for size in range(2, max_nodes + 1):
        pairs = sum(w[i] * w[size - 1 - i] for i in range(1, size - 1))
        w.append(unary * w[size - 1] + binary * pairs)
    return w


def test_the_node_code_is_complete_over_its_symbols():
    # The symbols of a node (variables, const, core ops, lib then a library op) are a
    # complete prefix code: their probabilities sum to exactly 1.
    for n_vars in (1, 2, 6):
        p = 1.0 / (n_vars + 1 + len(CORE_OPS) + 1)
        leaves = [Var("n")] * n_vars
        total = n_vars * p + p + sum(2.0 ** -(expr_bits(Apply(op, (leaves[0],) * op.arity),
                                                        n_vars) - op.arity * math.log2(1 / p))
                                     for op in OPS)
        assert total == pytest.approx(1.0, rel=1e-12)
    assert len(OPS) == len(CORE_OPS) + len(LIBRARY_OPS) and LIBRARY_OPS


@pytest.mark.parametrize("consts,max_nodes", [(range(-5, 6), 4), (range(-1, 2), 5)])
def test_kraft_over_all_formula_expressions(consts, max_nodes):
    leaves = [Var("n")] + [Const(c) for c in consts]
    by_size = all_expressions(leaves, max_nodes)
    total = 0.0
    for size, exprs in by_size.items():
        assert all(e.nodes() == size for e in exprs)
        part = math.fsum(2.0 ** -expr_bits(e, 1) for e in exprs)
        const_weight = math.fsum(2.0 ** -int_bits(c) for c in consts)
        assert part == pytest.approx(weight_by_size(1, const_weight, max_nodes)[size], rel=1e-9)
        total += part
    assert 0.0 < total <= 1.0
    # A formula program adds its form tag: the formulas hold at most a quarter of the mass.
    formulas = math.fsum(2.0 ** -Formula(e).bits for exprs in by_size.values() for e in exprs)
    assert formulas <= 2.0**-FORM_TAG_BITS + EPS


def test_kraft_in_the_limit_of_all_integers_and_all_sizes():
    # The integer code is complete (sums to 1 over all integers), so the mass of every
    # expression of every size is the limit of the recursion with const_weight = 1.
    consts = math.fsum(2.0 ** -int_bits(v) for v in range(-(2**16), 2**16))
    assert 0.9 < consts <= 1.0  # delta code words of 2**17 integers: most of the mass
    for n_vars in (1, 2, 4):
        assert math.fsum(weight_by_size(n_vars, 1.0, 60)) <= 1.0


def test_kraft_over_loop_rules_with_previous_terms():
    for order in (1, 2, 3):
        leaves = list(variables(order)) + [Const(c) for c in range(-3, 4)]
        by_size = all_expressions(leaves, 3)
        total = math.fsum(2.0 ** -expr_bits(e, len(variables(order))) for exprs in by_size.values()
                          for e in exprs)
        assert 0.0 < total <= 1.0


# ---------------------------------------------------------------- Kraft over whole programs


def small_programs() -> dict[str, list]:
    """Every program of each form in a small class (distinct code words)."""
    small = range(-3, 4)
    tables = [t for size in range(1, 4) for t in itertools.product(small, repeat=size)]
    formulas = [e for es in all_expressions([Var("n")] + [Const(c) for c in small], 3).values()
                for e in es]
    rules = []
    for order in (1, 2):
        leaves = list(variables(order)) + [Const(c) for c in range(-2, 3)]
        exprs = [e for es in all_expressions(leaves, 3).values() for e in es]
        for init in itertools.product(range(-2, 3), repeat=order):
            rules += [Loop(e, init) for e in exprs]
    recurrences = set()
    for order, degree in itertools.product((1, 2), (0, 1)):
        for flat in itertools.product((-1, 0, 1), repeat=(order + 1) * (degree + 1)):
            rows = [flat[i * (degree + 1):(i + 1) * (degree + 1)] for i in range(order + 1)]
            try:
                rec = PRecurrence(rows)
            except ValueError:
                continue  # p_0 identically zero: not a recurrence
            if rec.order == order and rec.degree == degree:
                recurrences.add(rec)
    prec_loops = [Loop(rec, init) for rec in recurrences for late in (0, 1)  # given terms
                  for init in itertools.product((-1, 0, 1), repeat=rec.order + late)]
    linear = {LinearRule(parts, coeffs, q)  # normalized: a set of distinct rules
              for k in range(1, MAX_PARTS + 1) for parts in itertools.combinations(PARTS, k)
              for coeffs in itertools.product((-2, -1, 1, 2), repeat=k) for q in (1, 2, 3)}
    linear_loops = [Loop(rule, init) for rule in linear for size in (1, 2)
                    for init in itertools.product((-1, 0, 1), repeat=size)
                    if rule.defined(size, 0)]  # else not a loop (Loop raises ValueError)
    return {"lookup": [Lookup(t) for t in tables], "periodic": [Periodic(t) for t in tables],
            "formula": [Formula(e) for e in formulas],
            "loop": rules + prec_loops + linear_loops}


def test_kraft_over_programs_of_every_form():
    programs = small_programs()
    total = 0.0
    for form, progs in programs.items():
        assert progs and all(p.form == form for p in progs)
        part = math.fsum(2.0 ** -p.bits for p in progs)
        assert part <= 2.0**-FORM_TAG_BITS + EPS, form  # each form tag owns a quarter
        total += part
    assert total <= 1.0


def test_kraft_holds_within_each_kind_of_loop_rule():
    by_kind: dict[str, float] = {}
    for loop in small_programs()["loop"]:
        kind = {PRecurrence: "P-recursive", LinearRule: "linear"}.get(type(loop.rule),
                                                                      "expression")
        by_kind[kind] = by_kind.get(kind, 0.0) + 2.0 ** -loop.bits
    assert sorted(by_kind) == sorted(RULE_KINDS)
    for kind, mass in by_kind.items():  # each kind owns a third of the loop tag's share
        assert mass <= 2.0 ** -(FORM_TAG_BITS + RULE_KIND_BITS) + EPS, kind


def test_program_bits_are_tag_plus_body():
    fib = Loop(Apply(OPS[0], (Var("a1"), Var("a2"))), [0, 1])
    assert fib.bits == pytest.approx(FORM_TAG_BITS + RULE_KIND_BITS + count_bits(2) + int_bits(0)
                                     + int_bits(1) + expr_bits(fib.rule, len(variables(2))))
    assert Lookup([3, 5]).bits == FORM_TAG_BITS + table_bits([3, 5])
    assert Periodic([3, 5]).bits == Lookup([3, 5]).bits
    n_bits = math.log2(11)  # n, const, 8 core operators, lib
    assert Formula(Var("n")).bits == pytest.approx(FORM_TAG_BITS + n_bits)
