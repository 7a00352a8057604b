"""Two universes that write sequences in one alphabet, and the learners that read them.

Universe A runs programs drawn from the prior (``prior.py``); universe B draws every term
uniformly from the alphabet ``0..k-1``.  Both set aside constant sequences, and universe A
keeps only programs whose terms stay in the alphabet (a program followed by "mod k" is
another, longer program), so a guess made without knowledge of the next term is right with
probability exactly ``1/k`` in both.

A learner sees the training terms and names one digit for the next term; when it predicts
nothing, or a value outside the alphabet, it guesses: the first digit of a per-task random
order of the digits, which also breaks the mixture's ties.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..forms import Program
from ..ridge import best_ridge
from ..search import SearchResult, search
from .prior import MAX_TABLE, Bits, Rejected, read_program

LEARNERS = ("shortest program", "2**-bits mixture", "longest program", "best ridge", "lookup")


@dataclass(frozen=True)
class Setup:
    """The rules both universes and every learner share.

    >>> Setup()  # doctest: +NORMALIZE_WHITESPACE
    Setup(k=10, n_train=10, max_nodes=4, max_table=32, ridge_degrees=(1, 2),
          ridge_alphas=(0.01, 1.0), time_limit=120.0)
    """

    k: int = 10  # the alphabet is 0..k-1; chance is 1/k
    n_train: int = 10  # terms the learners see; they predict the next one
    max_nodes: int = 4  # nodes per expression, for the programs drawn and for the search
    max_table: int = MAX_TABLE  # longest table drawn
    ridge_degrees: tuple[int, ...] = (1, 2)  # best ridge's grid, picked on the training terms
    ridge_alphas: tuple[float, ...] = (0.01, 1.0)
    time_limit: float = 120.0  # seconds per search: a safety net, never the budget that stops it

    def __post_init__(self) -> None:
        least = {"k": 2, "n_train": 5, "max_nodes": 1, "max_table": 1}  # best ridge holds out 3
        for name, low in least.items():
            if getattr(self, name) < low:
                raise ValueError(f"{name} must be at least {low}, got {getattr(self, name)}")


@dataclass(frozen=True)
class Draw:
    """One sequence of a universe, and the program that wrote it (None in universe B).

    >>> Draw((1, 2, 3), "formula", "n + 1", 16.0).form
    'formula'
    """

    terms: tuple[int, ...]  # n_train + 1 terms: the training terms, then the one to predict
    form: str | None
    program: str | None
    bits: float | None


def draw_from_programs(rng: np.random.Generator, rejected: Counter, setup: Setup) -> Draw:
    """Draw programs until one writes a non-constant sequence in the alphabet.

    Each rejected draw is counted in ``rejected`` under its reason.

    >>> d = draw_from_programs(np.random.default_rng(0), Counter(), Setup())
    >>> len(d.terms), all(0 <= t < 10 for t in d.terms)
    (11, True)
    """
    while True:
        bits = Bits(rng)
        try:
            program = read_program(bits, setup.max_nodes, setup.max_table)
        except Rejected:
            rejected["outside the search's language"] += 1
            continue
        try:
            terms = program.terms(0, setup.n_train + 1)
        except (ArithmeticError, ValueError):
            rejected["fails to compute a term"] += 1
            continue
        if not all(0 <= t < setup.k for t in terms):
            rejected["leaves the alphabet"] += 1
        elif len(set(terms)) == 1:
            rejected["constant"] += 1
        else:
            return Draw(tuple(terms), program.form, program.display(), float(program.bits))


def draw_random(rng: np.random.Generator, rejected: Counter, setup: Setup) -> Draw:
    """Draw uniform digits until the sequence is not constant.

    >>> draw_random(np.random.default_rng(0), Counter(), Setup(n_train=5)).terms
    (8, 6, 5, 2, 3, 0)
    """
    while True:
        terms = tuple(int(t) for t in rng.integers(setup.k, size=setup.n_train + 1))
        if len(set(terms)) > 1:
            return Draw(terms, None, None, None)
        rejected["constant"] += 1


def next_value(program: Program, n: int) -> int | None:
    """What ``program`` says a(n) is, or None if it says nothing (a lookup, or undefined there).

    >>> from progsearch import Lookup, Periodic
    >>> next_value(Periodic([1, 2]), 3), next_value(Lookup([1, 2]), 3)
    (2, None)
    """
    if not program.predicts:
        return None
    try:
        return program.terms(n, n + 1)[0]
    except (ArithmeticError, ValueError):
        return None


def mixture_guess(result: SearchResult, order: list[int]) -> int:
    """The digit of ``order`` with the most mixture weight; the lookup's is spread over all.

    >>> mixture_guess(search([1, 2, 1, 2, 1, 2], max_size=2), [2, 1, 0])
    1
    """
    prediction = result.predict(1)[0]
    k = len(order)
    weight = dict.fromkeys(range(k), prediction.p_none / k)
    for value, p in prediction.candidates:
        if value in weight:
            weight[value] += p
    return max(order, key=lambda v: weight[v])  # max keeps the first of equals in ``order``


def ridge_value(train: list[int], setup: Setup) -> int:
    """The best ridge fit's prediction of the next term, rounded to an integer.

    >>> ridge_value([0, 1, 2, 3, 4, 5], Setup())
    6
    """
    fit = best_ridge(train, degrees=setup.ridge_degrees, alphas=setup.ridge_alphas)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a wild extrapolation becomes 0
        return fit.predict_int([len(train)])[0]


def guesses(train: list[int], order: list[int], setup: Setup) -> tuple[int, ...]:
    """One digit per learner of LEARNERS for the term after ``train``; ``order`` breaks ties.

    >>> guesses([0, 1, 2, 3, 4, 5, 6, 7], [9, 0, 1, 2, 3, 4, 5, 6, 7, 8], Setup())
    (8, 8, 8, 8, 9)
    """
    result = search(train, max_size=setup.max_nodes, time_limit=setup.time_limit)
    n = len(train)
    longest = [p for p in result.programs if p.predicts][-1:]
    values = (
        next_value(result.best, n),
        mixture_guess(result, order),
        next_value(longest[0], n) if longest else None,
        ridge_value(train, setup),
        None,  # the lookup table has nothing past its last entry
    )
    return tuple(v if v in range(setup.k) else order[0] for v in values)
