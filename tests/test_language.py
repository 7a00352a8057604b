"""Tests for the expression language: operator semantics and guards, rendering, SymPy export."""

import math
import random

import pytest
import sympy

from progsearch import ntheory
from progsearch.guards import MAX_RESULT_BITS
from progsearch.language import (
    CORE_OPS,
    LIBRARY_OPS,
    OP_BY_NAME,
    OPS,
    Apply,
    Const,
    Invalid,
    Var,
    calls,
    max_lag,
    variables,
)

ADD, SUB, MUL, DIV, MOD, POW, COMB, FACT = (OP_BY_NAME[k] for k in (
    "add", "sub", "mul", "floordiv", "mod", "pow", "binomial", "factorial"))
N = Var("n")


def random_expr(rng: random.Random, nodes: int, leaves: list, ops=CORE_OPS):
    """A random expression tree with exactly ``nodes`` nodes."""
    if nodes == 1:
        return rng.choice(leaves)
    if nodes == 2:
        return Apply(FACT, (random_expr(rng, 1, leaves),))
    op = rng.choice(ops)
    if op.arity == 1:
        return Apply(op, (random_expr(rng, nodes - 1, leaves, ops),))
    i = rng.randint(1, nodes - 2)
    return Apply(op, (random_expr(rng, i, leaves, ops),
                      random_expr(rng, nodes - 1 - i, leaves, ops)))


def python_value(e, env: dict):
    """Evaluate the rendered Python text of ``e`` (what a user would paste)."""
    a = [env[f"a{i}"] for i in range(len(env) - 1, 0, -1)]  # a[-1] is a1
    return eval(e.python(), {"comb": math.comb, "factorial": math.factorial, **ntheory.EXACT},
                {"n": env["n"], "a": a})


# ---------------------------------------------------------------- the operator table


def test_operator_table_is_complete_and_consistent():
    assert [op.name for op in CORE_OPS] == ["add", "sub", "mul", "floordiv", "mod", "pow",
                                            "binomial", "factorial"]
    assert OPS == CORE_OPS + LIBRARY_OPS
    assert all(OP_BY_NAME[op.name] is op for op in OPS)
    assert {op.name for op in CORE_OPS if op.commutative} == {"add", "mul"}
    assert [op.arity for op in CORE_OPS] == [2, 2, 2, 2, 2, 2, 2, 1]
    assert not any(op.library for op in CORE_OPS) and all(op.library for op in LIBRARY_OPS)
    assert {op.name for op in LIBRARY_OPS} <= set(ntheory.EXACT)
    assert all(op.prec == 9 and op.module == "progsearch.ntheory" for op in LIBRARY_OPS)
    assert repr(ADD) == "Op('add')"


def test_operators_follow_python_integer_semantics():
    values = range(-7, 8)
    for x in values:
        assert FACT.func(abs(x)) == math.factorial(abs(x))
        for y in values:
            assert ADD.func(x, y) == x + y and SUB.func(x, y) == x - y
            assert MUL.func(x, y) == x * y
            if y:
                assert DIV.func(x, y) == x // y and MOD.func(x, y) == x % y  # floor, sign of y
            if y >= 0:
                assert POW.func(x, y) == x**y
            if x >= 0 and y >= 0:
                assert COMB.func(x, y) == math.comb(x, y)
    assert ADD.func(2**100, 1) == 2**100 + 1  # exact, no int64 anywhere
    assert MUL.func(-(3**50), 3**50) == -(3**100)


@pytest.mark.parametrize("op,args,message", [
    (DIV, (5, 0), "division by zero"),
    (MOD, (5, 0), "modulo by zero"),
    (POW, (2, -1), "negative exponent"),
    (POW, (2, MAX_RESULT_BITS + 1), "power too large"),
    (POW, (-3, 2 * MAX_RESULT_BITS), "power too large"),
    (COMB, (-1, 2), "negative"),
    (COMB, (5, -2), "negative"),
    (FACT, (-1,), "negative"),
    (FACT, (10**6,), "too large"),
    (MUL, (2**MAX_RESULT_BITS, 2), "bits"),
])
def test_guards_raise_invalid_with_a_named_failure(op, args, message):
    with pytest.raises(Invalid, match=message):
        op.func(*args)
    assert issubclass(Invalid, ArithmeticError)


def test_no_guarded_operator_builds_an_integer_longer_than_the_limit():
    for op, args in [(MUL, (2**15000, 2**15000)), (COMB, (10**5, 5 * 10**4)),
                     (POW, (3, MAX_RESULT_BITS)), (POW, (7, MAX_RESULT_BITS // 2))]:
        try:
            value = op.func(*args)
        except Invalid:
            continue
        assert value.bit_length() <= MAX_RESULT_BITS, (op, args)


def test_guards_allow_what_fits():
    assert POW.func(2, MAX_RESULT_BITS - 1) == 2 ** (MAX_RESULT_BITS - 1)
    assert POW.func(1, 10**9) == 1 and POW.func(-1, 10**9 + 1) == -1 and POW.func(0, 0) == 1
    assert COMB.func(3, 5) == 0
    assert FACT.func(2000) == math.factorial(2000)


def test_an_invalid_operand_makes_the_whole_expression_invalid():
    e = Apply(ADD, (Const(1), Apply(DIV, (N, Apply(SUB, (N, N))))))
    with pytest.raises(Invalid):
        e.eval({"n": 3})


# ---------------------------------------------------------------- rendering


@pytest.mark.parametrize("expr,text", [
    (Apply(SUB, (N, Apply(SUB, (N, Const(1))))), "n - (n - 1)"),
    (Apply(SUB, (Apply(SUB, (N, Const(1))), N)), "n - 1 - n"),
    (Apply(ADD, (N, Apply(ADD, (N, Const(1))))), "n + n + 1"),
    (Apply(POW, (Const(2), Apply(POW, (N, Const(2))))), "2**n**2"),
    (Apply(POW, (Apply(POW, (Const(2), N)), Const(2))), "(2**n)**2"),
    (Apply(POW, (Const(-1), N)), "(-1)**n"),
    (Apply(MUL, (Const(-1), N)), "(-1)*n"),
    (Apply(DIV, (N, Apply(MUL, (N, Const(2))))), "n//(n*2)"),
    (Apply(MUL, (Apply(ADD, (N, Const(1))), N)), "(n + 1)*n"),
    (Apply(COMB, (Apply(ADD, (N, N)), N)), "comb(n + n, n)"),
    (Apply(FACT, (Apply(MOD, (N, Const(3))),)), "factorial(n%3)"),
    (Var("a2"), "a[-2]"),
])
def test_rendering_is_minimal_python(expr, text):
    assert expr.python() == text
    assert repr(expr) == text


def test_rendered_python_evaluates_like_the_tree():
    rng = random.Random(7)
    leaves = [N, Var("a1"), Var("a2")] + [Const(c) for c in (-3, -2, -1, 0, 1, 2, 3)]
    checked = 0
    for _ in range(3000):
        e = random_expr(rng, rng.randint(1, 9), leaves)
        for n in (-2, 0, 3, 5):
            env = {"n": n, "a1": rng.randint(-5, 5), "a2": rng.randint(-5, 5)}
            try:
                want = e.eval(env)
            except Invalid:
                continue
            assert python_value(e, env) == want, e.python()
            checked += 1
    assert checked > 3000


def test_nodes_variables_lag_and_calls():
    e = Apply(ADD, (Apply(FACT, (Var("a3"),)), Apply(COMB, (N, Const(2)))))
    assert e.nodes() == 6
    assert max_lag(e) == 3 and max_lag(N) == 0 and max_lag(Const(5)) == 0
    assert calls(e) == {"factorial", "comb"} and calls(Apply(ADD, (N, N))) == set()
    assert variables(0) == (N,)
    assert [v.name for v in variables(3)] == ["n", "a1", "a2", "a3", "d2", "d3"]


# ---------------------------------------------------------------- SymPy


def test_sympy_export_agrees_with_exact_evaluation():
    rng = random.Random(11)
    n = sympy.Symbol("n", integer=True)
    leaves = [N] + [Const(c) for c in (-2, -1, 1, 2, 3)]
    checked = 0
    for _ in range(150):
        e = random_expr(rng, rng.randint(1, 7), leaves)
        try:
            s = e.sympy()
        except ZeroDivisionError:  # SymPy folds a constant zero divisor: invalid everywhere
            for v in (0, 1, 4):
                with pytest.raises(Invalid):
                    e.eval({"n": v})
            continue
        for v in (0, 1, 4):
            try:
                want = e.eval({"n": v})
            except Invalid:
                continue
            if abs(want) > 10**30:
                continue
            assert sympy.simplify(s.subs(n, v)) == want, e.python()
            checked += 1
    assert checked > 150


def test_library_operators_render_export_and_evaluate_alike():
    n = sympy.Symbol("n", integer=True)
    rng = random.Random(5)
    for op in LIBRARY_OPS:
        for _ in range(20):
            e = random_expr(rng, rng.randint(op.arity + 1, 4), [N, Const(2), Const(3)])
            e = Apply(op, (e,) if op.arity == 1 else (e, rng.choice([N, Const(3)])))
            for v in (1, 4, 9):
                try:
                    want = e.eval({"n": v})
                except Invalid:
                    continue
                assert python_value(e, {"n": v}) == want, e.python()
                if abs(want) < 10**12:
                    assert e.sympy().subs(n, v) == want, e.python()


def test_sympy_of_previous_terms_is_a_shifted_function():
    n = sympy.Symbol("n", integer=True)
    a = sympy.Function("a")
    assert Apply(ADD, (Var("a1"), Var("a2"))).sympy() == a(n - 1) + a(n - 2)
    assert Apply(FACT, (N,)).sympy() == sympy.factorial(n)
