"""Tests for transforms: each kind rebuilds the terms as direct computation does, its source runs,
its code length is its parts (Kraft holds), and the transform finder finds sequences the plain
search cannot, predicts them right, and still leaves random data to the lookup."""

import itertools
import math
import random

import pytest
import sympy

from progsearch.budget import Budget
from progsearch.enumeration import find_expressions
from progsearch.forms import Formula, Lookup, Loop, Periodic
from progsearch.language import OP_BY_NAME, Apply, Const, Var
from progsearch.length import FORM_TAG_BITS, int_bits
from progsearch.programs import FORM_ORDER, unguarded
from progsearch.search import LADDER_FINDERS, run_finders
from progsearch.transform_finders import (
    absorb,
    find_transforms,
    make_transform_finder,
    transformed_terms,
)
from progsearch.transforms import KIND_BITS, KINDS, NEEDS_FIRST, Transformed, inner_offsets

N = Var("n")


def op(name, *args):
    return Apply(OP_BY_NAME[name], tuple(Const(a) if isinstance(a, int) else a for a in args))


SQUARE = op("mul", N, N)  # n*n
LINE = op("add", op("mul", 3, N), 1)  # 3*n + 1
FIB_RULE = op("add", Var("a1"), Var("a2"))
COUNT = op("add", SQUARE, 1)  # n*n + 1: repeats, the value v appears v*v + 1 times


@pytest.fixture(autouse=True)
def transform_is_ranked(monkeypatch):
    """Program.key ranks by FORM_ORDER; until programs.py lists "transform", list it here."""
    if "transform" not in FORM_ORDER:
        monkeypatch.setitem(FORM_ORDER, "transform", len(FORM_ORDER))


def roomy() -> Budget:
    return Budget(60.0, max_size=8, max_bytes=2**31)


# ---------------------------------------------------------------- reconstruction, kind by kind


def direct(kind, offset, first, stop):
    """a(offset .. stop-1) computed straight from the definitions with the inner rules above."""
    if kind == "differences":  # a(n) = a(n-1) + n*n
        return [first + sum(j * j for j in range(offset + 1, n + 1)) for n in range(offset, stop)]
    if kind == "partial_sums":  # s(n) = n*n is a(offset) + ... + a(n)
        return [n * n - ((n - 1) ** 2 if n > offset else 0) for n in range(offset, stop)]
    if kind == "ratios":  # a(n) = a(n-1) * (3n + 1)
        return [first * math.prod(3 * j + 1 for j in range(offset + 1, n + 1))
                for n in range(offset, stop)]
    if kind == "repeats":  # first, first + 1, ... each v written out v*v + 1 times
        runs = ([v] * (v * v + 1) for v in itertools.count(first))
        return list(itertools.islice(itertools.chain.from_iterable(runs), stop - offset))
    if kind == "given":  # a(offset) = first, then n*n
        return [first] + [n * n for n in range(offset + 1, stop)]
    return [((n - offset) // 2) ** 2 if (n - offset) % 2 == 0 else 3 * ((n - offset) // 2) + 1
            for n in range(offset, stop)]  # halves: m*m and 3m + 1, interleaved


def example(kind, offset, first=None):
    inner = {"differences": [SQUARE], "partial_sums": [SQUARE], "ratios": [LINE],
             "halves": [SQUARE, LINE], "repeats": [COUNT], "given": [SQUARE]}[kind]
    first = first if kind in NEEDS_FIRST else None
    parts = [Formula(e, o) for e, o in zip(inner, inner_offsets(kind, offset, first or 0))]
    return Transformed(kind, parts, offset, first)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("offset", [0, 3, -2])
def test_each_kind_rebuilds_the_terms_of_direct_computation(kind, offset):
    prog = example(kind, offset, first=-7)
    want = direct(kind, offset, -7, offset + 20)
    assert prog.terms(offset, offset + 20) == want
    windows = [(offset + 1, offset + 6), (offset + 5, offset + 12), (offset + 4, offset + 4)]
    for start, stop in windows:
        assert prog.terms(start, stop) == want[start - offset: stop - offset]
    assert prog.fits(want[:12]) and not prog.fits(want[:11] + [want[11] + 1])
    assert prog.continuation(offset + 20, 3) == tuple(direct(kind, offset, -7, offset + 23)[20:])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("offset", [0, 2, -3])
def test_the_source_runs_reproduces_the_terms_and_refuses_below_the_offset(kind, offset):
    prog = example(kind, offset, first=5)
    namespace: dict = {}
    exec(prog.source, namespace)
    a = namespace["a"]
    assert [a(n) for n in range(offset, offset + 15)] == prog.terms(offset, offset + 15)
    with pytest.raises(ValueError, match=f"at least {offset}"):
        a(offset - 1)
    with pytest.raises(ValueError, match="transform is defined from"):
        prog.terms(offset - 1, offset + 2)
    assert prog.chars == len(unguarded(prog.source))


def test_inner_loops_are_renamed_in_the_source_and_the_display():
    fib = Transformed("differences", [Loop(FIB_RULE, [0, 1], offset=1)], offset=0, first=1)
    namespace: dict = {}
    exec(fib.source, namespace)
    sums = list(itertools.accumulate([1, 0, 1, 1, 2, 3, 5, 8, 13, 21]))  # 1 + fib(0..n-1)
    assert [namespace["a"](n) for n in range(10)] == sums == fib.terms(0, 10)
    assert "def d(m):" in fib.source
    assert fib.display() == ("differences: a(n) - a(n-1) = d(n) "
                             "[d(n) = d(n-1) + d(n-2); d(1..2) = 0, 1]; a(0) = 1")


def test_displays_name_the_direction_of_each_kind():
    texts = [example(kind, 1, first=2).display() for kind in KINDS]
    assert texts == ["differences: a(n) - a(n-1) = n*n; a(1) = 2",
                     "partial sums: a(1) + ... + a(n) = n*n",
                     "ratios: a(n) / a(n-1) = 3*n + 1; a(1) = 2",
                     "halves: a(2n+1) = n*n, a(2n+2) = 3*n + 1",
                     "repeats: 2, 3, ... in turn, each n appearing n*n + 1 times",
                     "a(1) = 2, then a(n) = n*n"]
    assert repr(example("ratios", 0, 2)).startswith("Transformed(ratios: a(n) / a(n-1) = 3*n + 1")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "repeats"])
def test_the_sympy_form_evaluates_to_the_terms(kind):
    prog = example(kind, 2, first=3)
    eq = prog.to_sympy()
    n = sympy.Symbol("n", integer=True)
    values = [eq.rhs.subs(n, k).doit() for k in range(2, 10)]
    assert values == prog.terms(2, 10)
    assert prog.latex()


def test_a_loop_inside_gives_its_own_equation_and_a_table_has_no_sympy_form():
    fib = Transformed("ratios", [Loop(FIB_RULE, [1, 2], offset=1)], first=1)
    main, rule = fib.to_sympy()
    assert str(main) == "Eq(a(n), Product(r(j), (j, 1, n)))"
    assert str(rule) == "Eq(r(n), r(n - 2) + r(n - 1))"
    with pytest.raises(TypeError, match="periodic"):
        Transformed("partial_sums", [Periodic([1, 2])]).to_sympy()
    with pytest.raises(TypeError, match="repeats"):
        example("repeats", 0, 1).to_sympy()


def test_no_value_where_the_inner_program_has_none():
    inverse = Formula(op("floordiv", 12, op("sub", N, 4)), offset=1)  # 12 // (n - 4): none at n = 4
    prog = Transformed("differences", [inverse], offset=0, first=0)
    assert prog.terms(0, 4) == [0, -4, -10, -22]
    assert prog.continuation(2, 2) == (-10, -22) and prog.continuation(3, 3) is None
    assert not prog.fits([0, -4, -10, -22, 0])
    halves = Transformed("halves", [Periodic([1]), Lookup([7, 8, 9])], offset=0)
    assert halves.terms(0, 6) == [1, 7, 1, 8, 1, 9]
    assert not halves.predicts and halves.continuation(0, 3) is None


@pytest.mark.parametrize("args,match", [
    (("sums", [Formula(SQUARE)]), "kind must be one of"),
    (("differences", [Formula(SQUARE)], 0, 1), r"must start at n=\(1,\)"),
    (("halves", [Formula(SQUARE)]), r"must start at n=\(0, 0\)"),
    (("ratios", [Formula(SQUARE, 1)]), "first: a ratios transform needs a first value"),
    (("partial_sums", [Formula(SQUARE)], 0, 4), "first: a partial_sums transform takes no"),
])
def test_bad_arguments_are_refused_by_name(args, match):
    with pytest.raises(ValueError, match=match):
        Transformed(*args)


def test_parts_that_are_not_programs_are_refused():
    with pytest.raises(TypeError, match="parts must be programs"):
        Transformed("partial_sums", [SQUARE])


# ---------------------------------------------------------------- code length and Kraft


def test_the_kind_code_is_complete_and_bits_are_the_parts():
    assert len(KINDS) * 2.0**-KIND_BITS == pytest.approx(1.0)
    sq, line = Formula(SQUARE, 1), Formula(LINE, 0)
    assert Transformed("differences", [sq], 0, -5).bits == pytest.approx(
        FORM_TAG_BITS + KIND_BITS + FORM_TAG_BITS + sq.body_bits() + int_bits(-5))
    assert Transformed("partial_sums", [line]).bits == pytest.approx(
        FORM_TAG_BITS + KIND_BITS + line.bits)
    assert Transformed("halves", [Formula(SQUARE), line]).bits == pytest.approx(
        FORM_TAG_BITS + KIND_BITS + Formula(SQUARE).bits + line.bits)


def small_inner(offset):
    """Distinct inner programs: formulas of up to two nodes and short periodic tables."""
    leaves = [N] + [Const(c) for c in range(-3, 4)]
    unary = [o for o in OP_BY_NAME.values() if o.arity == 1]
    exprs = leaves + [Apply(o, (e,)) for o in unary for e in leaves]
    tables = [t for size in (1, 2) for t in itertools.product(range(-2, 3), repeat=size)]
    return [Formula(e, offset) for e in exprs] + [Periodic(t, offset) for t in tables]


def test_kraft_over_a_class_of_transformed_programs():
    firsts = range(-4, 5)
    total, sources, count = 0.0, set(), 0
    for kind in KINDS:
        starts = firsts if kind in NEEDS_FIRST else [None]
        pools = [small_inner(o) for o in inner_offsets(kind, 0)]  # their bits: any offset
        progs = [Transformed(kind, parts, 0, f) for f in starts for parts in itertools.product(
            *[small_inner(o) for o in inner_offsets(kind, 0, f or 0)])]
        sources.update(p.source for p in progs)
        count += len(progs)
        part = math.fsum(2.0**-p.bits for p in progs)
        # tag, kind, inner programs, first value: the sum factors into Kraft sums of each part
        factors = [math.fsum(2.0**-q.bits for q in pool) for pool in pools]
        factors.append(math.fsum(2.0**-int_bits(f) for f in firsts) if kind in NEEDS_FIRST else 1)
        assert part == pytest.approx(2.0**-(FORM_TAG_BITS + KIND_BITS) * math.prod(factors))
        assert all(0.0 < f <= 1.0 for f in factors)
        total += part
    assert len(sources) == count  # distinct programs, distinct code words
    assert 0.0 < total <= 2.0**-FORM_TAG_BITS  # within the transform form tag's share


# ---------------------------------------------------------------- the finder


def test_transformed_terms_apply_only_where_they_should():
    terms = [1, 2, 6, 24, 120, 720, 5040, 40320]
    assert transformed_terms("differences", terms) == [[1, 4, 18, 96, 600, 4320, 35280]]
    assert transformed_terms("partial_sums", terms)[0][:4] == [1, 3, 9, 33]
    assert transformed_terms("ratios", terms) == [[2, 3, 4, 5, 6, 7, 8]]
    assert transformed_terms("ratios", [2, 4, 6, 8]) is None  # 4 does not divide 6
    assert transformed_terms("ratios", [0, 0, 0, 0]) is None
    assert transformed_terms("halves", terms) == [[1, 6, 120, 5040], [2, 24, 720, 40320]]
    assert transformed_terms("halves", terms[:7]) is None
    assert transformed_terms("given", terms) == [terms[1:]]
    assert transformed_terms("given", terms[:5]) is None
    assert transformed_terms("differences", [1, 2, 3]) is None
    with pytest.raises(ValueError, match="kind must be one of"):
        transformed_terms("logs", terms)


def test_found_programs_fit_and_wrap_neither_tables_nor_transforms():
    terms = [1, 2, 2, 4, 3, 6, 4, 8, 5, 10, 6, 12]  # halves n + 1 and 2n + 2
    budget = roomy()
    found = find_transforms(terms, 4, budget)
    assert found and all(p.fits(terms) and p.offset == 4 for p in found)
    inner = [q for p in found for q in p.parts]
    assert not {q.form for q in inner} & {"lookup", "transform"}
    assert budget.stats.candidates > 0  # the inner searches' work is counted
    assert budget.stats.max_size == 0  # the size reached stays the outer search's to say


def test_a_spent_budget_stops_the_finder_and_a_spent_share_is_not_reported():
    spent = Budget(1e-9, max_size=8, max_bytes=2**31)
    assert find_transforms(list(range(12)), 0, spent) == []
    assert spent.stats.stopped_by == "time_limit"
    parent = roomy()
    child = parent.child(0.0, 6)
    find_expressions([1, 2, 3, 4, 5, 6, 7], 0, child)
    assert child.stats.stopped_by == "time_limit" and child.max_size == 6
    absorb(parent, child)
    assert parent.stats.stopped_by == ""  # only the child's share ran out
    assert spent.child(10.0, 6).deadline == spent.deadline
    assert spent.child(10.0, 6).end == spent.end  # never past the parent's end


def test_make_transform_finder_refuses_bad_settings():
    with pytest.raises(ValueError, match="kinds must be among"):
        make_transform_finder(kinds=["logs"])
    with pytest.raises(ValueError, match="size_cut"):
        make_transform_finder(size_cut=-1)


# ---------------------------------------------------------------- end to end


def best_with_and_without(terms):
    with_ = run_finders(terms, 0, roomy(), LADDER_FINDERS + (find_transforms,))
    plain = run_finders(terms, 0, roomy(), LADDER_FINDERS)
    return plain.best, with_.best


def sequence(step, first, count, combine):
    values = [first]
    for n in range(1, count):
        values.append(combine(values[-1], step(n)))
    return values


def test_partial_sums_of_the_squares_are_predicted():
    terms = [sum(k * k for k in range(n + 1)) for n in range(25)]  # 0, 1, 5, 14, 30, ...
    _, best = best_with_and_without(terms[:15])
    assert best.continuation(15, 10) == tuple(terms[15:])


@pytest.mark.parametrize("step", [lambda n: n * (n + 1), lambda n: n**3 % 7])
def test_sequences_known_by_their_differences_are_predicted(step):
    terms = sequence(step, 0, 25, lambda a, d: a + d)
    plain, best = best_with_and_without(terms[:15])
    assert best.continuation(15, 10) == tuple(terms[15:])
    assert best.bits <= plain.bits


def test_an_interleaving_is_found_only_by_the_halves():
    terms = [(n // 2) ** 2 if n % 2 == 0 else 3 * (n // 2) + 1 for n in range(25)]
    plain, best = best_with_and_without(terms[:15])
    assert plain.form == "lookup"
    assert (best.form, best.kind) == ("transform", "halves")
    assert best.continuation(15, 10) == tuple(terms[15:])


def test_products_are_found_by_their_ratios_where_the_plain_search_stops_short():
    double_factorials = sequence(lambda n: 2 * n - 1, 1, 25, lambda a, r: a * r)
    plain, best = best_with_and_without(double_factorials[:15])
    assert plain.continuation(15, 10) == best.continuation(15, 10) == tuple(double_factorials[15:])
    wavy = sequence(lambda n: (n % 3 + 1) * n, 1, 25, lambda a, r: a * r)  # no short loop
    plain, best = best_with_and_without(wavy[:15])
    assert plain.form == "lookup"
    assert (best.form, best.kind) == ("transform", "ratios")
    assert best.continuation(15, 10) == tuple(wavy[15:])


def test_random_sequences_still_end_at_the_lookup():
    rng = random.Random(2024)
    forms = []
    for _ in range(20):
        terms = [rng.randint(0, 1000) for _ in range(15)]
        forms.append(run_finders(terms, 0, roomy(), LADDER_FINDERS + (find_transforms,)).best.form)
    assert forms.count("lookup") >= 19


def test_repeats_finds_n_appearing_n_times_and_only_counts_that_compress():
    runs = ([v] * v for v in itertools.count(1))  # 1, 2, 2, 3, 3, 3, ...: v appears v times
    terms = list(itertools.islice(itertools.chain.from_iterable(runs), 30))
    find = make_transform_finder(kinds=["repeats"])
    best = min(find(terms[:15], 1, roomy()), key=lambda p: p.bits)
    assert best.display() == "repeats: 1, 2, ... in turn, each n appearing n times"
    assert best.terms(16, 31) == terms[15:]
    rng = random.Random(3)
    for _ in range(10):  # random run lengths: whatever is found must beat their table
        counts = [rng.randint(1, 6) for _ in range(6)]
        seq = [v for v, c in enumerate(counts) for _ in range(c)] + [len(counts)]  # 6 runs, 1 more
        assert transformed_terms("repeats", seq) == [counts]
        assert all(p.parts[0].bits < Lookup(counts).bits for p in find(seq, 0, roomy()))


def test_repeats_apply_only_to_runs_of_consecutive_values():
    assert transformed_terms("repeats", [0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4]) == [[1, 2, 3, 4]]
    assert transformed_terms("repeats", [0, 1, 1, 3, 3, 3, 4, 4, 4, 4, 5]) is None  # a jump
    assert transformed_terms("repeats", [0, 1, 2, 3, 4, 5, 6, 7, 8]) is None  # nothing repeats
    assert transformed_terms("repeats", [0, 0, 1, 1, 2, 2, 2, 2]) is None  # 3 complete runs


def test_a_rule_whose_first_term_is_an_exception_is_found_and_paid_for():
    terms = [7] + [n * n * n + 1 for n in range(1, 25)]  # a(0) = 7 "by convention"
    _, best = best_with_and_without(terms[:15])
    assert (best.form, best.kind) == ("transform", "given")
    assert best.continuation(15, 10) == tuple(terms[15:])
    inner = best.parts[0]
    assert best.bits == pytest.approx(FORM_TAG_BITS + KIND_BITS + inner.bits + int_bits(7))


def test_a_rule_that_holds_from_the_first_term_is_not_split():
    _, best = best_with_and_without([n * n * n + 1 for n in range(15)])
    assert best.form == "formula"


def test_a_formula_that_also_gives_the_first_term_and_a_loop_are_not_wrapped_as_given():
    squares = [n * n for n in range(12)]
    found = make_transform_finder(kinds=["given"])(squares, 0, roomy())
    assert not any(isinstance(p.parts[0], (Formula, Loop)) for p in found)
    catalan = [1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796]  # a loop from a(1) fits too
    assert not make_transform_finder(kinds=["given"])(catalan, 0, roomy())
    shifted = [5] + squares[1:]  # the same formulas, now with an exception at n = 0
    found = make_transform_finder(kinds=["given"])(shifted, 0, roomy())
    assert any(p.parts[0].display() == "n*n" for p in found)
