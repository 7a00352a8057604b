"""Real sequences of number theory: from 15 terms, the best program predicts the next 10.

Each sequence is generated here by independent code (sympy.ntheory or plain Python), never by
the library's operators.  The ones the default search (size 8) does not find are listed with
the reason, and checked to stay out of reach (so that finding them later is noticed).
"""

import math

import pytest
from sympy import divisor_count, divisor_sigma, totient

from progsearch import search


def n_repeated(count: int) -> list[int]:
    """1, 2, 2, 3, 3, 3, ...: n appears n times (from n = 1)."""
    out = []
    k = 1
    while len(out) < count:
        out += [k] * k
        k += 1
    return out[:count]


FOUND = {  # name: (offset, terms)
    "tau": (1, [int(divisor_count(n)) for n in range(1, 26)]),
    "sigma": (1, [int(divisor_sigma(n)) for n in range(1, 26)]),
    "phi": (1, [int(totient(n)) for n in range(1, 26)]),
    "binary weight": (0, [bin(n).count("1") for n in range(25)]),
    "digit sum": (0, [sum(map(int, str(n))) for n in range(25)]),
    "floor(n*sqrt(2))": (0, [math.floor(n * math.sqrt(2)) for n in range(25)]),
}
NOT_FOUND = {  # (round(sqrt(2n)) = (isqrt(8n - 7) + 1)//2: 10 nodes, past size 8)
    "n appears n times": (1, n_repeated(25)),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_the_search_predicts_number_theory_sequences(name):
    offset, terms = FOUND[name]
    result = search(terms[:15], offset=offset)
    best = result.best
    assert best.form == "formula", best
    assert list(best.continuation(offset + 15, 10)) == terms[15:], best
    namespace: dict = {}
    exec(best.source, namespace)  # the rendered Python runs and reproduces every term
    assert [namespace["a"](n) for n in range(offset, offset + 25)] == terms


@pytest.mark.parametrize("name", sorted(NOT_FOUND))
def test_sequences_past_the_default_size_are_not_predicted(name):
    offset, terms = NOT_FOUND[name]
    best = search(terms[:15], offset=offset).best
    assert list(best.continuation(offset + 15, 10) or []) != terms[15:]
