"""Tests for compare(): the rows hold what the issue promises, checked against exact oracles."""

import decimal
import itertools
import json
import math

import numpy as np
import pytest
import sympy

from progsearch.compare import Comparison, Row, compare, relative_error
from progsearch.search import search

SQUARES = [n * n for n in range(12)]
FIBONACCI = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597]
N = sympy.Symbol("n", integer=True)


@pytest.fixture(scope="module")
def squares() -> Comparison:
    return compare(SQUARES[:8], SQUARES[8:])  # the default budget, as on the command line


@pytest.fixture(scope="module")
def fibonacci() -> Comparison:
    # the default budget reaches size 7 here (1.5 s), where the first loops appear that fit
    # but continue differently; bounding the size instead of the time keeps the test stable
    return compare(FIBONACCI[:12], FIBONACCI[12:], time_limit=60.0, max_size=7)


def programs(c: Comparison) -> list[Row]:
    return [r for r in c.rows if r.program is not None]


def ridge(c: Comparison) -> list[Row]:
    return [r for r in c.rows if r.form == "ridge"]


# -- the squares: 0, 1, 4, ..., 121 with the last 4 held out ---------------------------------
def test_squares_pick_is_the_formula_n_squared_and_exact(squares):
    pick = squares.pick
    assert pick.form == "formula" and pick.mark == ">" and pick.row == 1
    assert sympy.simplify(pick.program.to_sympy() - N**2) == 0
    assert (pick.exact, pick.k, pick.rel_error) == (4, 4, 0.0)
    assert pick.predictions == (64, 81, 100, 121)


def test_squares_lookup_has_no_prediction(squares):
    (look,) = [r for r in squares.rows if r.form == "lookup"]
    assert look.predictions is None and look.rel_error is None and look.exact == 0
    assert look.program.fits(SQUARES[:8])


def test_every_ridge_row_has_a_heldout_error(squares):
    rows = ridge(squares)
    assert len(rows) == 20  # 4 degrees x 5 alphas
    assert all(isinstance(r.rel_error, float) and math.isfinite(r.rel_error) for r in rows)
    assert all(len(r.predictions) == 4 and r.k == 4 for r in rows)


def test_weight_norm_falls_as_alpha_rises_at_every_degree(squares):
    for _, group in itertools.groupby(ridge(squares), key=lambda r: r.degree):
        group = sorted(group, key=lambda r: r.alpha)
        assert len(group) == 5
        assert all(b.weight_norm < a.weight_norm for a, b in itertools.pairwise(group))


def test_ridge_rows_agree_with_their_fits(squares):
    for r in ridge(squares):
        floats = r.fit.predict(range(8, 12))
        assert r.predictions == tuple(round(v) for v in floats)
        assert r.exact == sum(p == t for p, t in zip(r.predictions, SQUARES[8:]))
        assert r.rel_error == pytest.approx(np.linalg.norm(floats - SQUARES[8:])
                                            / np.linalg.norm(SQUARES[8:]), rel=1e-9, abs=1e-12)
        assert (r.bits, r.train_error, r.weight_norm) == (
            r.fit.weight_bits, r.fit.train_error, r.fit.weight_norm)


# -- Fibonacci: 12 training terms, 6 held out -------------------------------------------------
def test_fibonacci_pick_is_a_loop_and_exact(fibonacci):
    pick = fibonacci.pick
    assert pick.form == "loop"
    assert pick.exact == 6 and pick.predictions == tuple(FIBONACCI[12:])


def test_fibonacci_lists_two_programs_that_fit_but_differ(fibonacci):
    differing = [r for r in fibonacci.rows if r.mark == "*"]
    assert len(differing) >= 2
    for r in differing:  # re-checked here with exact integers, from the program itself
        assert r.program.terms(0, 12) == FIBONACCI[:12]
        assert r.program.terms(12, 18) != FIBONACCI[12:]
    assert len({r.predictions for r in differing}) == len(differing)  # each continues its own way


# -- which programs are listed -----------------------------------------------------------------
def test_rows_are_numbered_programs_first_by_bits_then_the_sweep(squares):
    assert [r.row for r in squares.rows] == list(range(1, len(squares.rows) + 1))
    progs = programs(squares)
    assert squares.rows[: len(progs)] == tuple(progs)
    assert [p.program.key() for p in progs] == sorted(p.program.key() for p in progs)


def test_one_best_row_per_form_found(squares, fibonacci):
    for c in (squares, fibonacci):
        found = {p.form for p in c.result.programs}
        listed = {r.form for r in programs(c) if r.role in ("pick", "lookup")
                  or r.role.startswith("best")}
        assert listed == found
        for r in programs(c):
            if r.role.startswith("best") or r.role == "lookup":
                first = next(p for p in c.result.programs if p.form == r.form)
                assert r.program is first


def test_differing_rows_are_the_shortest_of_their_continuation(squares):
    start = 8
    for r in squares.rows:
        if r.role == "fits, differs":
            same = [p for p in squares.result.programs
                    if p.continuation(start, 4) == r.predictions]
            assert same[0] is r.program


def test_at_most_max_differing_alternatives():
    c = compare(SQUARES[:8], SQUARES[8:], time_limit=5.0, max_size=6, max_differing=2,
                degrees=(1,), alphas=(0.0,))
    assert sum(r.role == "fits, differs" for r in c.rows) == 2
    none = compare(SQUARES[:8], SQUARES[8:], time_limit=5.0, max_size=6, max_differing=0,
                   degrees=(1,), alphas=(0.0,))
    assert not any(r.role == "fits, differs" for r in none.rows)


def test_counts_of_programs_that_agree_and_differ(squares):
    c = squares
    conts = [p.continuation(8, 4) for p in c.result.programs]
    own = c.pick.predictions
    assert c.n_fit == len(c.result.programs)
    assert c.n_same == sum(s == own for s in conts)
    assert c.n_differ == sum(s is not None and s != own for s in conts)
    assert c.continuations == len({s for s in conts if s is not None})


def test_every_listed_program_fits_the_training_terms(squares, fibonacci):
    for c in (squares, fibonacci):
        for r in programs(c):
            assert r.program.fits(list(c.train)) and r.train_error == 0.0


def test_offset_is_respected():
    c = compare([n * n for n in range(3, 11)], [121, 144], offset=3, time_limit=5.0,
                max_size=3, degrees=(2,), alphas=(0.0,))
    assert c.offset == 3 and c.pick.model == "n*n" and c.pick.exact == 2
    assert ridge(c)[0].predictions == (121, 144)


def test_huge_values_do_not_break_the_errors():
    terms = [2**(10 * n) for n in range(1, 13)]  # far beyond float range for ridge squares
    c = compare(terms[:10], terms[10:], time_limit=1.0, max_size=5, degrees=(1, 5),
                alphas=(0.0, 1.0))
    assert all(r.rel_error is not None and not math.isnan(r.rel_error) for r in ridge(c))
    json.dumps(c.as_dict(), allow_nan=False)


def test_terms_beyond_float_range_leave_out_the_ridge_rows():
    terms = [2**(400 * n) for n in range(1, 9)]
    c = compare(terms[:6], terms[6:], time_limit=1.0, max_size=4)
    assert c.rows and not ridge(c)
    assert "no ridge models" in str(c)


# -- scoring ----------------------------------------------------------------------------------
@pytest.mark.parametrize("pred, truth", [([1, 2, 3], [1, 2, 4]), ([0, 0], [0, 0]),
                                         ([10**200, 0], [1, 1]), ([5], [-3])])
def test_relative_error_of_integers_against_decimals(pred, truth):
    with decimal.localcontext(decimal.Context(prec=50)):
        num = sum(decimal.Decimal(p - t) ** 2 for p, t in zip(pred, truth))
        den = max(decimal.Decimal(1), sum(decimal.Decimal(t) ** 2 for t in truth))
        expected = float((num / den).sqrt())
    assert relative_error(pred, truth) == pytest.approx(expected, rel=1e-12)


def test_relative_error_beyond_floats_is_infinite():
    assert relative_error([10**700], [1]) == math.inf


def test_relative_error_of_floats_and_overflow():
    assert relative_error([1.5, 2.0], [1, 2]) == pytest.approx(0.5 / math.sqrt(5))
    assert relative_error([math.inf, 1.0], [1, 1]) == math.inf


def test_continuation_is_none_for_a_table_and_where_undefined():
    r = search([0, 1, 4, 9, 16, 25, 36, 49], time_limit=0.5, max_size=3)
    look = next(p for p in r.programs if p.form == "lookup")
    assert look.continuation(8, 2) is None
    assert r.best.continuation(8, 2) == (64, 81)


# -- arguments --------------------------------------------------------------------------------
@pytest.mark.parametrize("train, heldout, exc, match", [
    ("0 1 2", [3], TypeError, "train must be a sequence"),
    ([0, 1, 2], 3, TypeError, "heldout must be a sequence"),
    ([0, 1.5, 2], [3], TypeError, "train must contain only integers"),
    ([0, True], [3], TypeError, "train must contain only integers"),
    ([0], [3], ValueError, "train must have at least 2 terms"),
    ([0, 1, 2], [], ValueError, "heldout must have at least 1 terms"),
])
def test_bad_arguments_are_named(train, heldout, exc, match):
    with pytest.raises(exc, match=match):
        compare(train, heldout, time_limit=0.1)


def test_bad_max_differing_is_named():
    with pytest.raises(ValueError, match="max_differing"):
        compare([0, 1, 2], [3], time_limit=0.1, max_differing=-1)


def test_numpy_terms_are_accepted():
    c = compare(np.array(SQUARES[:8]), np.array(SQUARES[8:10]), time_limit=2.0, max_size=3,
                degrees=(2,), alphas=(0.0,))
    assert c.train == tuple(SQUARES[:8]) and type(c.train[0]) is int


def test_as_dict_is_plain_json_with_every_row(squares):
    d = json.loads(json.dumps(squares.as_dict(), allow_nan=False))
    assert len(d["rows"]) == len(squares.rows)
    assert d["rows"][0]["mark"] == ">" and d["rows"][0]["predictions"] == [64, 81, 100, 121]
    assert "program" not in d["rows"][0] and "fit" not in d["rows"][0]


def test_reprs(squares):
    assert repr(squares).startswith("Comparison(8 train, 4 held out, pick='n*n'")
    assert repr(squares.pick) == "Row(1, formula, 'n*n', 4/4 exact)"


# -- SymPy and LaTeX export of the programs in the rows (forms.py) -----------------------------
def _formulas_and_loops():
    found = []
    for terms in ([n * n + 1 for n in range(10)], [2**n for n in range(10)],
                  [math.factorial(n) for n in range(9)], FIBONACCI[:12],
                  [n * (n + 1) // 2 for n in range(10)], [(n % 3) * n for n in range(12)]):
        r = search(terms, time_limit=1.0, max_size=5)
        found += [(terms, p) for p in r.programs[:8] if p.form in ("formula", "loop")]
    return found


FOUND = _formulas_and_loops()


@pytest.mark.parametrize("terms, prog", [fp for fp in FOUND if fp[1].form == "formula"],
                         ids=lambda x: getattr(x, "source", None) and x.display())
def test_formula_to_sympy_evaluates_to_the_terms(terms, prog):
    expr = prog.to_sympy()
    (n,) = expr.free_symbols or {N}
    assert [int(expr.subs(n, i)) for i in range(len(terms))] == terms
    assert isinstance(prog.latex(), str) and prog.latex() == sympy.latex(expr)


@pytest.mark.parametrize("terms, prog", [fp for fp in FOUND if fp[1].form == "loop"],
                         ids=lambda x: getattr(x, "source", None) and x.display())
def test_loop_to_sympy_is_the_recurrence(terms, prog):
    eq = prog.to_sympy()
    assert isinstance(eq, sympy.Eq)
    (n,) = [s for s in eq.free_symbols if s.name == "n"]
    a = sympy.Function("a")
    (rhs,) = sympy.solve(eq, a(n))  # a(n) = rhs in earlier terms (a sum of them) and n
    for i in range(prog.order, len(terms)):
        at_n = rhs.subs(n, i + prog.offset).doit()  # a sum over earlier terms written out
        values = {a(j + prog.offset): terms[j] for j in range(i)}
        assert sympy.simplify(at_n.subs(values)) == terms[i]
    assert prog.latex() == sympy.latex(eq) and r"a{\left(n \right)} =" in prog.latex()


def test_export_found_both_forms():
    forms = {p.form for _, p in FOUND}
    assert forms == {"formula", "loop"}


def test_table_forms_have_no_sympy_form():
    r = search([3, 1, 4, 1, 5, 9, 2, 6], time_limit=0.3, max_size=2)
    look = next(p for p in r.programs if p.form == "lookup")
    with pytest.raises(TypeError, match="lookup"):
        look.to_sympy()
