"""Tests for the program forms: terms, runnable source, chars, repr, SymPy, honesty of Lookup."""

import math

import pytest
import sympy

import progsearch
from progsearch.forms import Formula, Lookup, Loop, Periodic, Program, expr_bits
from progsearch.language import OP_BY_NAME, Apply, Const, Var
from progsearch.programs import unguarded
from progsearch.recurrences import PRecurrence

ADD, SUB, MUL, DIV, POW, COMB, FACT = (OP_BY_NAME[k] for k in (
    "add", "sub", "mul", "floordiv", "pow", "binomial", "factorial"))
N, A1, A2 = Var("n"), Var("a1"), Var("a2")


def run_source(prog: Program):
    """Execute the program's Python source; return its function a(n)."""
    namespace: dict = {}
    exec(prog.source, namespace)  # noqa: S102 -- running the rendered program is the test
    return namespace["a"]


def catalan(n: int) -> int:
    return math.comb(2 * n, n) // (n + 1)


FIB = Loop(Apply(ADD, (A1, A2)), [0, 1])
CATALAN = Loop(PRecurrence(((1, 1), (2, -4))), [1])


def examples() -> list[tuple[Program, range, list[int]]]:
    """(program, indices, independently computed values) for every form and some offsets."""
    fib = [0, 1]
    while len(fib) < 30:
        fib.append(fib[-1] + fib[-2])
    fact_plus = Formula(Apply(ADD, (Apply(FACT, (N,)), Apply(COMB, (N, Const(2))))), offset=2)
    return [
        (Lookup([3, 5, 7, 9]), range(4), [3, 5, 7, 9]),
        (Lookup([4, -1, 0], offset=5), range(5, 8), [4, -1, 0]),
        (Lookup([8, 9], offset=-3), range(-3, -1), [8, 9]),
        (Periodic([1, 2, 0, 5]), range(12), [[1, 2, 0, 5][n % 4] for n in range(12)]),
        (Periodic([7, -7, 0], offset=4), range(4, 16),
         [[7, -7, 0][(n - 4) % 3] for n in range(4, 16)]),
        (Periodic([2, 3], offset=-1), range(-1, 9), [[2, 3][(n + 1) % 2] for n in range(-1, 9)]),
        (Formula(Apply(ADD, (Apply(MUL, (Const(2), N)), Const(3)))), range(20),
         [2 * n + 3 for n in range(20)]),
        (Formula(Apply(POW, (N, N)), offset=1), range(1, 25), [n**n for n in range(1, 25)]),
        (fact_plus, range(2, 30), [math.factorial(n) + math.comb(n, 2) for n in range(2, 30)]),
        (Formula(Apply(DIV, (N, Const(2))), offset=-4), range(-4, 8),
         [n // 2 for n in range(-4, 8)]),
        (FIB, range(30), fib),
        (Loop(Apply(ADD, (A1, A2)), [2, 1], offset=1), range(1, 20), None),
        (Loop(Apply(ADD, (Apply(MUL, (N, A1)), Const(1))), [1]), range(20), None),
        (CATALAN, range(40), [catalan(n) for n in range(40)]),
        (Loop(PRecurrence(((1,), (-2,))), [3], offset=3), range(3, 80),
         [3 * 2 ** (n - 3) for n in range(3, 80)]),
    ]


def independent(prog: Program, indices: range, want):
    """Values to compare with: given, or for the two loops above computed here."""
    if want is not None:
        return want
    if prog.offset == 1:  # Lucas numbers from n = 1
        a = [2, 1]
        while len(a) < len(indices):
            a.append(a[-1] + a[-2])
        return a
    a = [1]  # A000522: a(n) = n*a(n-1) + 1
    for n in range(1, len(indices)):
        a.append(n * a[-1] + 1)
    return a


@pytest.mark.parametrize("case", examples(), ids=lambda c: repr(c[0]))
def test_terms_and_source_agree_with_an_independent_computation(case):
    prog, indices, want = case
    want = independent(prog, indices, want)
    assert prog.terms(indices.start, indices.stop) == want
    a = run_source(prog)
    assert [a(n) for n in indices] == want
    assert prog.chars == len(unguarded(prog.source))
    assert prog.fits(want) and not prog.fits([v + 1 for v in want])
    if len(want) > 3:
        assert prog.terms(indices.start + 2, indices.stop) == want[2:]


@pytest.mark.parametrize("case", examples(), ids=lambda c: repr(c[0]))
def test_repr_is_readable(case):
    prog = case[0]
    text = repr(prog)
    assert text.startswith(type(prog).__name__ + "(")
    assert text.endswith(f"{prog.bits:.1f} bits)")
    assert "\n" not in text and prog.display() in text


def test_reprs_read_like_the_rule():
    assert repr(FIB) == f"Loop(a(n) = a(n-1) + a(n-2); a(0..1) = 0, 1, {FIB.bits:.1f} bits)"
    assert repr(Periodic([1, 2, 0])).startswith("Periodic([1, 2, 0][n % 3], ")
    assert repr(Lookup([3, 5, 7])).startswith("Lookup(table of 3 values, ")
    assert repr(Formula(Apply(POW, (Const(2), N)))).startswith("Formula(2**n, ")


# ---------------------------------------------------------------- lookup: memory, no rule


def test_lookup_predicts_nothing_past_its_table():
    table = Lookup([3, 5, 7], offset=1)
    assert table.predicts is False
    assert table.terms(1, 4) == [3, 5, 7]
    with pytest.raises(ValueError, match="ends at n=3"):
        table.terms(1, 5)
    with pytest.raises(ValueError, match="ends at n=3"):
        table.terms(4, 5)
    with pytest.raises(ValueError, match="from n=1"):
        table.terms(0, 2)
    with pytest.raises(TypeError):
        table.to_sympy()


def test_every_rule_form_predicts():
    assert all(case[0].predicts for case in examples() if case[0].form != "lookup")


def test_loops_and_formulas_start_at_their_offset():
    with pytest.raises(ValueError, match="from n=0"):
        FIB.terms(-1, 3)
    assert FIB.terms(5, 5) == []


def test_loop_results_do_not_depend_on_the_order_of_calls():
    fresh = Loop(Apply(ADD, (A1, A2)), [0, 1])
    late = fresh.terms(20, 25)
    assert late == FIB.terms(20, 25) == Loop(Apply(ADD, (A1, A2)), [0, 1]).terms(0, 25)[20:]
    assert fresh.terms(0, 3) == [0, 1, 1]


# ---------------------------------------------------------------- SymPy


def test_formula_to_sympy():
    n = sympy.Symbol("n", integer=True)
    f = Formula(Apply(SUB, (Apply(POW, (N, Const(3))), N)))
    assert sympy.expand(f.to_sympy() - (n**3 - n)) == 0
    assert f.latex() == sympy.latex(f.to_sympy())


def test_loop_to_sympy_is_an_equation_for_a_of_n():
    n = sympy.Symbol("n", integer=True)
    a = sympy.Function("a")
    assert FIB.to_sympy() == sympy.Eq(a(n), a(n - 1) + a(n - 2))
    eq = CATALAN.to_sympy()
    assert isinstance(eq, sympy.Eq)
    m = sympy.Symbol("n")
    # (n + 1) a(n) = (4n - 2) a(n - 1): check it on the Catalan numbers themselves
    values = {m: 5, a(m): catalan(5), a(m - 1): catalan(4)}
    assert sympy.simplify(eq.lhs.subs(values) - eq.rhs.subs(values)) == 0


def test_periodic_and_lookup_have_no_sympy_form():
    with pytest.raises(TypeError, match="periodic"):
        Periodic([1, 2]).to_sympy()


# ---------------------------------------------------------------- bits and ranking


def test_bits_grow_with_the_program():
    assert Lookup([1, 2, 3]).bits < Lookup([1, 2, 3, 4]).bits < Lookup([1, 2, 3, 400]).bits
    small, big = Formula(N), Formula(Apply(ADD, (N, Const(1))))
    assert small.bits < big.bits
    assert expr_bits(Const(1000), 1) > expr_bits(Const(1), 1)


def test_ranking_key_prefers_shorter_then_rule_over_memory():
    progs = [Lookup([1, 1]), Periodic([1]), Formula(Const(1)), Formula(N)]
    ranked = sorted(progs, key=Program.key)
    assert [p.bits for p in ranked] == sorted(p.bits for p in progs)
    assert ranked[-1].form == "lookup"


# ---------------------------------------------------------------- programs a search reports


@pytest.mark.parametrize("terms,offset", [
    ([0, 1, 1, 2, 3, 5, 8, 13, 21, 34], 0),
    ([n * n for n in range(1, 13)], 1),
    ([1, 2, 0, 5, 1, 2, 0, 5, 1, 2], 3),
    ([3 * 2**n - 1 for n in range(12)], 0),
])
def test_every_reported_program_is_runnable_source_that_fits(terms, offset):
    r = progsearch.search(terms, offset=offset, time_limit=30.0, max_size=4)
    assert len(r.programs) > 1
    for prog in r.programs:
        assert prog.offset == offset
        assert prog.terms(offset, offset + len(terms)) == terms
        a = run_source(prog)
        assert [a(n) for n in range(offset, offset + len(terms))] == terms, prog.source
        assert prog.chars == len(unguarded(prog.source))
        if prog.form in ("formula", "loop"):
            assert prog.to_sympy() is not None
