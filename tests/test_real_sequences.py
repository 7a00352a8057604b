"""Real sequences of number theory: from 15 terms, the best program predicts the next 10.

Each sequence is generated here by independent code (sympy.ntheory or plain Python), never by
the library's operators.  The search runs with its default size limit (8), and stops there.
"""

import itertools
import math

import pytest
from sympy import divisor_count, divisor_sigma, factorint, prime, totient

from progsearch import search
from progsearch.language import Apply


def n_repeated(count: int) -> list[int]:
    """1, 2, 2, 3, 3, 3, ...: n appears n times (from n = 1)."""
    out = []
    k = 1
    while len(out) < count:
        out += [k] * k
        k += 1
    return out[:count]


def prime_powers(count: int) -> list[int]:
    """1 and the powers p**e (e >= 1) of primes, in order."""
    return [k for k in range(1, 10**4) if k == 1 or len(factorint(k)) == 1][:count]


def squarefree(count: int) -> list[int]:
    """The numbers k >= 1 that no square > 1 divides."""
    return [k for k in range(1, 10**4) if all(e == 1 for e in factorint(k).values())][:count]


PRIMES = [prime(k) for k in range(1, 26)]
FOUND = {  # name: (offset, terms); the list of real sequences
    "primes": (1, PRIMES),
    "prime powers": (1, prime_powers(25)),
    "tau": (1, [int(divisor_count(n)) for n in range(1, 26)]),
    "sigma": (1, [int(divisor_sigma(n)) for n in range(1, 26)]),
    "phi": (1, [int(totient(n)) for n in range(1, 26)]),
    "squarefree": (1, squarefree(25)),
    "floor(n*sqrt(2))": (0, [math.floor(n * math.sqrt(2)) for n in range(25)]),
    "n appears n times": (1, n_repeated(25)),
    "binary weight": (0, [bin(n).count("1") for n in range(25)]),
    "digit sum": (0, [sum(map(int, str(n))) for n in range(25)]),
    "partial sums of primes": (1, list(itertools.accumulate(PRIMES))),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_the_search_predicts_number_theory_sequences(name):
    offset, terms = FOUND[name]
    result = search(terms[:15], offset=offset, time_limit=60)  # stopped by size, not time
    best = result.best
    assert result.stats.stopped_by != "time_limit"
    assert list(best.continuation(offset + 15, 10)) == terms[15:], best
    namespace: dict = {}
    exec(best.source, namespace)  # the rendered Python runs and reproduces every term
    assert [namespace["a"](n) for n in range(offset, offset + 25)] == terms


def triangle(entry, count: int) -> list[int]:
    """entry(i, j) for 0 <= j <= i, read by rows."""
    rows = (entry(i, j) for i in itertools.count() for j in range(i + 1))
    return list(itertools.islice(rows, count))


TRIANGLES = {  # name: (offset, terms), read by rows with nested loops
    "i - j from n = 0": (0, triangle(lambda i, j: i - j, 25)),
    "j from n = 1": (1, triangle(lambda i, j: j, 25)),
}


@pytest.mark.parametrize("name", sorted(TRIANGLES))
def test_the_search_reads_a_triangle_by_rows(name):
    offset, terms = TRIANGLES[name]
    best = search(terms[:15], offset=offset, time_limit=60).best
    assert list(best.continuation(offset + 15, 10)) == terms[15:], best


def test_the_index_operators_are_given_the_shifted_index_only():
    offset, terms = TRIANGLES["j from n = 1"]
    result = search(terms[:15], offset=offset, time_limit=60)
    calls = [e for p in result.programs if p.form == "formula" for e in _subexpressions(p.expr)
             if isinstance(e, Apply) and e.op.name in ("trirow", "tricol")]
    assert calls
    for call in calls:  # each argument is n + c: its values step by 1
        values = [call.args[0].eval({"n": n}) for n in range(offset, offset + 15)]
        assert all(b - a == 1 for a, b in zip(values, values[1:])), call


def _subexpressions(expr):
    yield expr
    for arg in getattr(expr, "args", ()):
        yield from _subexpressions(arg)
