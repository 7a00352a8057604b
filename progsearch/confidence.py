"""How sure a prediction is: the ``2**-bits`` mixture, what it cannot see, and a level in words.

The mixture weighs every program found by ``2**-bits``.  Two weights in it predict nothing:

* the lookup table's (it reproduces the terms and has no next term);
* the **unsearched mass**: the search stopped at some expression size, so one program at the
  shortest length it did not reach (:func:`unsearched_bits`) stands for the programs it did
  not look at, which might fit the terms and continue in any other way.

A value's share ``p`` is its programs' weight over the whole, these two included.  Ties between
values of equal weight go to the value of the better-ranked program (fewer bits, then rule
before memory, then shorter source: ``Program.key``), the same rule that picks the pick, so the
pick and the mixture agree on ties.

The share is not a chance of being right: on the public OEIS benchmark, predictions whose
share is below 0.01 are right about three times in four, since the stand-in for the unsearched
programs is pessimistic.  What tells right from wrong there is how much the pick compresses the
terms: its length over the lookup table's (``ratio``).  So the confidence printed in words is a
level (:data:`LEVELS`) of that ratio and of the agreement among the programs found, and the
chance it stands for is measured: the share of the benchmark's predictions at that level that
were right (:data:`CALIBRATION`, measured by ``benchmarks/calibrate.py``; see
benchmarks/README.md).  The ratio bounds were chosen on that benchmark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .forms import node_symbols
from .length import FORM_TAG_BITS
from .search import SearchResult

# (words, the largest ratio of the pick's bits to the lookup's, the least agreement): the first
# level whose bounds a prediction meets; the last level takes every other prediction
LEVELS = (("almost certain", 1 / 8, 0.99), ("likely", 0.4, 0.5), ("a guess", math.inf, 0.0))
# level -> (right, predictions) on the public benchmark: 15 terms shown, the next 10 predicted
# with the defaults of `progsearch guess` (benchmarks/calibrate.py; benchmarks/README.md)
CALIBRATION: dict[str, tuple[int, int]] = {
    "almost certain": (350, 360), "likely": (1362, 1550), "a guess": (354, 450)}


def unsearched_bits(max_size: int) -> float:
    """Bits of the shortest formula one node larger than the sizes searched.

    >>> round(unsearched_bits(8), 1)  # the form tag, then 9 nodes among 11 symbols
    33.7
    """
    return FORM_TAG_BITS + (max_size + 1) * math.log2(node_symbols(1))


@dataclass(frozen=True)
class Confidence:
    """One predicted term: the value, its share of the mixture, the weights that predict nothing,
    and the two numbers its level is read from."""

    n: int
    value: int | None  # None: nothing found predicts a(n)
    p: float  # the value's share of the mixture, lookup and unsearched mass included
    p_lookup: float  # the lookup table's share
    p_unsearched: float  # the unsearched mass's share
    p_none: float  # every share that predicts nothing here (the two above, and programs
    # undefined at n)
    ratio: float = 1.0  # the pick's bits over the lookup table's: how much it compresses
    agree: float = 0.0  # the value's share among the programs found (no unsearched mass)
    candidates: tuple = ()  # the mixture of the programs found: ((value, share), ...)

    @property
    def level(self) -> str:
        """The words for this prediction (:data:`LEVELS`); 'no prediction' without a value.

        >>> Confidence(9, 55, 0.99, 0.0, 0.01, 0.01, ratio=0.1, agree=1.0).level
        'almost certain'
        """
        if self.value is None:
            return "no prediction"
        return next(words for words, most, least in LEVELS
                    if self.ratio <= most and self.agree >= least)

    def words(self) -> str:
        """The level, and how often predictions at that level were right on the benchmark.

        >>> Confidence(3, 8, 0.42, 0.0, 0.1, 0.1).words().split(" (")[0]
        'a guess'
        """
        right, made = CALIBRATION.get(self.level, (0, 0))
        if not made:
            return self.level
        return f"{self.level} ({right / made:.0%} right on the benchmark)"

    def __repr__(self) -> str:
        return f"Confidence(a({self.n}) = {self.value}, p={self.p:.3f}, {self.level})"


def confidence(r: SearchResult, k: int = 1) -> list[Confidence]:
    """The next ``k`` terms with their confidence (the mixture, lookup and unsearched mass in it).

    >>> from progsearch.search import search
    >>> c = confidence(search([n * n for n in range(15)], max_size=8), 1)[0]
    >>> c.value, c.level, c.p_lookup < 1e-9 < c.p_unsearched < 0.001, round(c.ratio, 2)
    (225, 'almost certain', True, 0.07)
    """
    low = r.programs[0].bits
    weights = [2.0 ** (low - p.bits) for p in r.programs]
    # a noisy pick: the stand-in fits no better than the pick, so it pays the pick's residuals
    u_bits = unsearched_bits(r.stats.max_size) + getattr(r.programs[0], "residual_bits", 0.0)
    unsearched = 2.0 ** min(low - u_bits, 1000.0)  # no overflow
    found = sum(weights)
    total = found + unsearched
    lookup = sum(w for p, w in zip(r.programs, weights) if p.form == "lookup")
    table = next((p.bits for p in r.programs if p.form == "lookup"), low)
    ratio = low / table if table > 0 else 1.0
    out = []
    for m in r.predict(k):  # the mixture of the programs found, ties broken as the pick
        value, agree = m.candidates[0] if m.candidates else (None, 0.0)
        none = m.p_none * found + unsearched
        out.append(Confidence(m.n, value, agree * found / total, lookup / total,
                              unsearched / total, none / total, ratio, agree, m.candidates))
    return out
