"""The solvers: progsearch, the lookup table, ridge regression and SymPy's guessers.

A solver is a function ``(train, offset, k, time_limit) -> list[int] | None``: it sees the
training terms and their offset and predicts the next ``k``, or declines with None.  Values are
exact: a non-integer prediction (``7/2``) is kept as a string, which never equals a term.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from functools import partial

import sympy
from sympy.concrete.guess import (
    find_simple_recurrence_vector,
    guess,
    guess_generating_function,
    guess_generating_function_rational,
)

from progsearch.bench.how import Made, how
from progsearch.bench.series import exact, from_log_derivative, rational_series, series
from progsearch.ridge import best_ridge
from progsearch.search import search

# A prediction, like [21, 34, 55]; a value that is not an integer is kept as a string, like '7/2'
Prediction = list[int | str]
Solver = Callable[[list[int], int, int, float], "Prediction | None"]


def solve_lookup(train: list[int], offset: int, k: int, time_limit: float) -> None:
    """A table of the training terms: reproduces them, predicts nothing.

    >>> solve_lookup([1, 2, 3], 0, 2, 1.0) is None
    True
    """


def solve_progsearch(train: list[int], offset: int, k: int, time_limit: float) -> Prediction | None:
    """The shortest program found by ``progsearch.search``; None when it is the lookup, or
    has no value past the training terms (an operator leaves its domain there).  The list
    says how it was made (bench/how.py), for the report's table of forms.

    >>> made = solve_progsearch([3 * n + 1 for n in range(15)], 0, 3, 10.0)
    >>> made, made.how  # a(n) - a(n-1) = 3, a(0) = 1: the shortest
    (Made([46, 49, 52], how='differences(formula)'), 'differences(formula)')
    """
    best = search(train, offset=offset, time_limit=time_limit).best
    following = best.continuation(offset + len(train), k)
    return None if following is None else Made([exact(v) for v in following], how(best))


def solve_ridge(train: list[int], offset: int, k: int, time_limit: float) -> Prediction:
    """``best_ridge`` (degree and alpha chosen on the training terms) rounded to integers.

    A prediction that is not finite is kept as the string ``'nan'``.

    >>> solve_ridge([2 * n for n in range(15)], 0, 3, 1.0)
    [30, 32, 34]
    """
    fit = best_ridge(train, offset=offset)
    indices = range(offset + len(train), offset + len(train) + k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # not finite -> 0, marked below
        ints, floats = fit.predict_int(indices), fit.predict(indices)
    return [v if math.isfinite(f) else "nan" for v, f in zip(ints, floats)]


def solve_sympy_rec(train: list[int], offset: int, k: int, time_limit: float) -> Prediction | None:
    """SymPy's ``find_simple_recurrence_vector``, extended exactly past the training terms.

    >>> solve_sympy_rec([0, 1, 1, 2, 3, 5, 8, 13, 21, 34], 0, 3, 1.0)
    [55, 89, 144]
    """
    q = [int(c) for c in find_simple_recurrence_vector(list(train))]  # sum q[j] a(n-j) = 0
    if len(q) <= 1 or q[0] == 0:
        return None
    a = [Fraction(v) for v in train]
    for _ in range(k):
        a.append(-sum(q[j] * a[-j] for j in range(1, len(q))) / q[0])
    return [exact(v) for v in a[len(train) :]]


def solve_sympy_gfr(train: list[int], offset: int, k: int, time_limit: float) -> Prediction | None:
    """SymPy's ``guess_generating_function_rational``, its series expanded exactly.

    >>> solve_sympy_gfr([2**n for n in range(10)], 0, 3, 1.0)
    [1024, 2048, 4096]
    """
    x = sympy.Symbol("x")
    gf = guess_generating_function_rational(list(train), X=x)
    if gf is None:
        return None
    return [exact(c) for c in rational_series(gf, x, len(train) + k)[len(train) :]]


def solve_sympy_guess(
    train: list[int], offset: int, k: int, time_limit: float
) -> Prediction | None:
    """SymPy's ``guess`` on the terms after the leading zeros; its first formula, evaluated.

    ``guess`` numbers its input from ``i0 = 1``, so train[j] is at ``i0 = j - zeros + 1``.

    >>> solve_sympy_guess([0] + [n * n for n in range(1, 12)], 0, 3, 1.0)
    [144, 169, 196]
    """
    zeros = next((j for j, v in enumerate(train) if v != 0), len(train))
    tail = list(train[zeros:])
    if len(tail) < 3:
        return None
    found = guess(tail)  # [] when nothing fits, or when a zero follows the leading zeros
    if not found:
        return None
    i0 = sympy.Symbol("i0")
    first = len(tail) + 1  # i0 of train[len(train)]
    return [exact(found[0].subs(i0, first + j).doit()) for j in range(k)]


GF_KINDS = ("ogf", "egf", "lgf", "hlgf", "lgdogf", "lgdegf")
_GF_SCALE = {  # a_j = scale(j) * [x^j] gf
    "ogf": lambda j: 1,
    "egf": math.factorial,
    "lgf": lambda j: (-1) ** j * (j + 1),
    "hlgf": lambda j: j + 1,
    "lgdogf": lambda j: 1,
    "lgdegf": math.factorial,
}


def solve_sympy_gf(
    kind: str, train: list[int], offset: int, k: int, time_limit: float
) -> Prediction | None:
    """SymPy's ``guess_generating_function(types=[kind])``, read back into terms exactly.

    The sequence is numbered from 0 as SymPy does (train[j] is a_j): ``egf`` is
    sum a_j x^j / j!, ``lgf`` is the ogf of (-1)^j a_j / (j+1), ``hlgf`` of a_j / (j+1),
    ``lgdogf`` and ``lgdegf`` of f'/f for the ogf and egf f.

    >>> solve_sympy_gf("egf", [math.factorial(j) for j in range(10)], 0, 2, 1.0)
    [3628800, 39916800]
    """
    if kind not in GF_KINDS:
        raise ValueError(f"kind must be one of {GF_KINDS}, got {kind!r}")
    x, n = sympy.Symbol("x"), len(train) + k
    gf = guess_generating_function(list(train), X=x, types=[kind]).get(kind)
    if gf is None:
        return None
    if kind in ("lgdogf", "lgdegf"):
        c = from_log_derivative(Fraction(train[0]), series(gf, x, n - 1), n)  # a_0 != 0
    else:
        c = series(gf, x, n)
    return [exact(c[j] * _GF_SCALE[kind](j)) for j in range(len(train), n)]


SOLVERS: dict[str, Solver] = {
    "progsearch": solve_progsearch,
    "lookup": solve_lookup,
    "ridge": solve_ridge,
    "sympy_rec": solve_sympy_rec,
    "sympy_gfr": solve_sympy_gfr,
    "sympy_guess": solve_sympy_guess,
    **{f"sympy_{kind}": partial(solve_sympy_gf, kind) for kind in GF_KINDS},
}
BASELINES = tuple(name for name in SOLVERS if name == "ridge" or name.startswith("sympy_"))


def resolve_solvers(solvers: Mapping[str, Solver] | Sequence[str]) -> dict[str, Solver]:
    """Solver names (or 'sympy' for every SymPy guesser) or a name -> function mapping.

    >>> list(resolve_solvers(["lookup", "ridge"]))
    ['lookup', 'ridge']
    """
    if isinstance(solvers, Mapping):
        out = dict(solvers)
    elif isinstance(solvers, str) or not isinstance(solvers, Sequence):
        raise TypeError(f"solvers must be a list of names or a mapping, got {solvers!r}")
    else:
        out = {}
        for name in solvers:
            names = [s for s in SOLVERS if s.startswith("sympy_")] if name == "sympy" else [name]
            for s in names:
                if s not in SOLVERS:
                    raise ValueError(f"solvers: unknown solver {s!r}; known: {', '.join(SOLVERS)}")
                out[s] = SOLVERS[s]
    if not out or not all(isinstance(k, str) and callable(f) for k, f in out.items()):
        raise ValueError("solvers must name at least one solver, each mapped to a function")
    return out
