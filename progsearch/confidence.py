"""How sure a prediction is: the ``2**-bits`` mixture, with what it cannot see, in words.

The mixture weighs every program found by ``2**-bits``.  Two weights in it predict nothing:

* the lookup table's (it reproduces the terms and has no next term);
* the **unsearched mass**: the search stopped at some expression size, so it stands for the
  programs it did not look at by one program at the shortest length it did not reach
  (:func:`unsearched_bits`), which might fit the terms and continue in any other way.

A value's probability is its programs' share of the whole, these two included.  Ties between
values of equal weight go to the value of the better-ranked program (fewer bits, then rule
before memory, then shorter source: ``Program.key``), the same rule that picks the pick, so
the pick and the mixture agree on ties.

The probability is printed as a level in words (:data:`LEVELS`) with the share of predictions
at that level that were right on the public OEIS benchmark (:data:`CALIBRATION`, measured by
``benchmarks/calibrate.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .display import next_terms
from .forms import node_symbols
from .length import FORM_TAG_BITS
from .search import SearchResult

# (lowest probability, words): the first level whose bound the probability reaches
LEVELS = ((0.99, "almost certain"), (0.9, "likely"), (0.5, "a fair guess"),
          (0.0, "a long shot"))
# level -> (right, predictions) on the public benchmark: 15 terms shown, the next 10 predicted
# with the defaults of `progsearch guess`; benchmarks/calibrate.py measures it (see
# benchmarks/README.md, "How sure the printed confidence is")
CALIBRATION: dict[str, tuple[int, int]] = {}


def unsearched_bits(max_size: int) -> float:
    """Bits of the shortest formula one node larger than the sizes searched.

    >>> round(unsearched_bits(8), 1)  # the form tag, then 9 nodes among 11 symbols
    33.7
    """
    return FORM_TAG_BITS + (max_size + 1) * math.log2(node_symbols(1))


@dataclass(frozen=True)
class Confidence:
    """One predicted term: the value, its probability, and the weights that predict nothing."""

    n: int
    value: int | None  # None: nothing found predicts a(n)
    p: float  # the value's share of the mixture, lookup and unsearched mass included
    p_lookup: float  # the lookup table's share
    p_unsearched: float  # the unsearched mass's share
    p_none: float  # every weight that predicts nothing here (the two above, and programs
    # undefined at n)

    @property
    def level(self) -> str:
        """The words for ``p`` (:data:`LEVELS`); 'no prediction' without a value."""
        if self.value is None:
            return "no prediction"
        return next(words for bound, words in LEVELS if self.p >= bound)

    def words(self) -> str:
        """The level, and how often predictions at that level were right on the benchmark.

        >>> Confidence(3, 8, 0.42, 0.0, 0.1, 0.1).words().split(":")[0]
        'a long shot'
        """
        right, made = CALIBRATION.get(self.level, (0, 0))
        if not made:
            return self.level
        return f"{self.level}: {right / made:.0%} of such predictions were right on the benchmark"

    def __repr__(self) -> str:
        return f"Confidence(a({self.n}) = {self.value}, p={self.p:.3f}, {self.level})"


def confidence(r: SearchResult, k: int = 1) -> list[Confidence]:
    """The next ``k`` terms with their confidence (the mixture, lookup and unsearched mass in it).

    >>> from progsearch.search import search
    >>> c = confidence(search([0, 1, 4, 9, 16, 25, 36, 49, 64, 81], max_size=8), 1)[0]
    >>> c.value, c.level, c.p_lookup < 1e-9 < c.p_unsearched < 0.001
    (100, 'almost certain', True)
    """
    start = r.offset + len(r.terms)
    low = r.programs[0].bits
    weights = [2.0 ** (low - p.bits) for p in r.programs]
    unsearched = 2.0 ** (low - unsearched_bits(r.stats.max_size))
    total = sum(weights) + unsearched
    lookup = sum(w for p, w in zip(r.programs, weights) if p.form == "lookup")
    columns = [next_terms(p, start, k)[0] for p in r.programs]  # values up to where it stops
    out = []
    for j in range(k):
        votes: dict[int, list] = {}  # value -> [weight, rank of its best program]
        for rank, (seq, w) in enumerate(zip(columns, weights)):
            if j < len(seq):
                votes.setdefault(seq[j], [0.0, rank])[0] += w
        best = min(votes.items(), key=lambda vw: (-vw[1][0], vw[1][1]), default=None)
        value, weight = (None, 0.0) if best is None else (best[0], best[1][0])
        none = total - sum(w for w, _ in votes.values())
        out.append(Confidence(start + j, value, weight / total, lookup / total,
                              unsearched / total, none / total))
    return out
