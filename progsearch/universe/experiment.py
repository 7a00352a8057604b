"""The No-Free-Lunch experiment: every learner scored in both universes, with 95% intervals.

Accuracy comes with a Wilson score interval, which stays inside [0, 1] and behaves well near 0
and 1: the p with ``|p_hat - p| <= z * sqrt(p (1 - p) / n)``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .worlds import LEARNERS, Draw, Setup, draw_from_programs, draw_random, guesses

Z95 = 1.959963984540054  # the 97.5% quantile of the standard normal


def wilson(right: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for ``right`` successes in ``n`` trials.

    >>> [round(x, 4) for x in wilson(20, 200)]
    [0.0657, 0.1494]
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if not 0 <= right <= n:
        raise ValueError(f"right must be between 0 and n={n}, got {right}")
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if right == 0 else centre - half  # exact at the ends, where rounding would show
    high = 1.0 if right == n else centre + half
    return low, high


@dataclass(frozen=True)
class Score:
    """One learner in one universe: right out of n, and the 95% interval of its accuracy.

    >>> Score("lookup", 20, 200)
    Score(lookup: 20/200 = 10.0%, 95% interval [6.6%, 14.9%])
    """

    learner: str
    right: int
    n: int

    @property
    def accuracy(self) -> float:
        return self.right / self.n

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.right, self.n)

    def __repr__(self) -> str:
        low, high = self.interval
        return (f"Score({self.learner}: {self.right}/{self.n} = {self.accuracy:.1%}, "
                f"95% interval [{low:.1%}, {high:.1%}])")


@dataclass(frozen=True)
class Universe:
    """The sequences of one universe, every learner's guesses, and what was rejected."""

    name: str
    draws: tuple[Draw, ...]
    guesses: tuple[tuple[int, ...], ...]  # guesses[t][j]: learner j's digit on sequence t
    rejected: dict  # reason -> draws rejected for it

    def score(self, learner: str) -> Score:
        """How often ``learner`` (one of LEARNERS) named the last term."""
        j = LEARNERS.index(learner)
        right = sum(g[j] == d.terms[-1] for d, g in zip(self.draws, self.guesses))
        return Score(learner, right, len(self.draws))

    @property
    def scores(self) -> tuple[Score, ...]:
        """Every learner's score, in the order of LEARNERS."""
        return tuple(self.score(learner) for learner in LEARNERS)

    def __repr__(self) -> str:
        s = self.score(LEARNERS[0])
        return (f"Universe({self.name!r}, {len(self.draws)} sequences, {s.learner} right "
                f"{s.right}/{s.n})")


DrawFn = Callable[[np.random.Generator, Counter, Setup], Draw]  # like draw_random


def run_universe(name: str, draw: DrawFn, rng: np.random.Generator, n_tasks: int,
                 setup: Setup) -> Universe:
    """Draw ``n_tasks`` sequences with ``draw`` and collect every learner's guess on each.

    >>> u = run_universe("B", draw_random, np.random.default_rng(0), 2, Setup(n_train=6))
    >>> u
    Universe('B', 2 sequences, shortest program right 0/2)
    >>> len(u.guesses[0]) == len(LEARNERS)
    True
    """
    rejected: Counter = Counter()
    draws, made = [], []
    for _ in range(n_tasks):
        d = draw(rng, rejected, setup)
        order = [int(v) for v in rng.permutation(setup.k)]
        draws.append(d)
        made.append(guesses(list(d.terms[:-1]), order, setup))
    return Universe(name, tuple(draws), tuple(made), dict(sorted(rejected.items())))


@dataclass(frozen=True)
class Experiment:
    """Universe A (programs) and universe B (random digits), drawn with one seeded generator."""

    seed: int
    setup: Setup
    programs: Universe  # universe A
    noise: Universe  # universe B

    @property
    def chance(self) -> float:
        """The accuracy of a blind guess, the same in both universes: 1/k."""
        return 1 / self.setup.k

    def __repr__(self) -> str:
        a, b = self.programs.score(LEARNERS[0]), self.noise.score(LEARNERS[0])
        return (f"Experiment(seed={self.seed}, {a.n} + {b.n} sequences; shortest program "
                f"{a.accuracy:.1%} in universe A, {b.accuracy:.1%} in universe B)")


DEFAULT_SETUP = Setup()


def experiment(seed: int = 0, n_tasks: int = 200, setup: Setup = DEFAULT_SETUP) -> Experiment:
    """Universe A, then universe B, ``n_tasks`` sequences each, with the generator of ``seed``.

    >>> experiment(n_tasks=2, setup=Setup(n_train=6))  # doctest: +ELLIPSIS
    Experiment(seed=0, 2 + 2 sequences; shortest program ...% in universe A, ...% in universe B)
    """
    if n_tasks < 1:
        raise ValueError(f"n_tasks must be at least 1, got {n_tasks}")
    rng = np.random.default_rng(seed)
    return Experiment(
        seed=seed,
        setup=setup,
        programs=run_universe("A: programs", draw_from_programs, rng, n_tasks, setup),
        noise=run_universe("B: random digits", draw_random, rng, n_tasks, setup),
    )
