"""The noisy benchmark: the classics with Gaussian noise, the noisy search against ridge.

Each classic's first 15 terms get Gaussian noise of standard deviation 5% of each term's size
(``sigma_i = 0.05 |a_i|``, rounded to an integer; one fixed seed, one stream per sequence in
file order).  The noisy search (``search(noise=True)``, default budget) and ridge
(``best_ridge``, degree and alpha chosen on the training terms) each predict the next 10 terms,
which are scored against the true (noiseless) terms: *exact* when all 10 are right, *near* when
all 10 are within 10% (two noise sigmas) of the truth, so exact where a term is below 10.  The
report gives both counts for both, how often the pick is the lookup, and the noisy search's
median and p90 time next to the exact search's median on the same terms.
"""

from __future__ import annotations

import decimal
import math
import statistics
import time
from dataclasses import dataclass

import numpy as np

from ..compare import in_float_range as _floats  # ridge can take the terms
from ..search import search
from .data import PREDICT, TRAIN, load_benchmark
from .result import percentile
from .solvers import solve_ridge

SEED = 2026
REL_SIGMA = 0.05
NEAR = 0.10


def add_noise(terms: list[int], rng: np.random.Generator) -> list[int]:
    """Each term plus Gaussian noise of sd 5% of its size, rounded (exact for big terms).

    >>> add_noise([0, 100, 10**30], np.random.default_rng(0))[:2]
    [0, 99]
    """
    e = rng.normal(size=len(terms))
    scale = decimal.Decimal(REL_SIGMA)
    return [a + int((decimal.Decimal(float(x)) * scale * a).to_integral_value())
            for a, x in zip(terms, e)]


def _score(pred: list[int] | None, truth: list[int]) -> tuple[bool, bool]:
    """(exact, near): all right; all within 10% of the truth (so exact below 10)."""
    if pred is None or any(not isinstance(p, int) for p in pred):
        return False, False
    exact = list(pred) == list(truth)
    return exact, all(abs(p - t) <= NEAR * abs(t) for p, t in zip(pred, truth))


@dataclass(frozen=True)
class NoisyRow:
    """One classic: its pick, the seconds of the noisy search, and each solver's scores."""

    id: str
    pick: str
    lookup: bool
    seconds: float
    exact_seconds: float  # the exact search on the same terms, for scale on a loaded machine
    search: tuple[bool, bool]  # (exact, near)
    ridge: tuple[bool, bool]

    def __repr__(self) -> str:
        return f"NoisyRow({self.id}, {self.pick!r}, {self.seconds:.2f} s)"


def run_one(entry: dict, rng: np.random.Generator, time_limit: float = 2.0) -> NoisyRow:
    """The noisy search and ridge on one classic's noisy training terms."""
    terms, offset = entry["terms"], entry["offset"]
    train, truth = add_noise(terms[:TRAIN], rng), terms[TRAIN:TRAIN + PREDICT]
    t0 = time.perf_counter()
    r = search(train, offset=offset, time_limit=time_limit, noise=True)
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    search(train, offset=offset, time_limit=time_limit)
    exact_seconds = time.perf_counter() - t0
    pred = r.best.continuation(offset + TRAIN, PREDICT)
    ridge = solve_ridge(train, offset, PREDICT, time_limit) if _floats(train) else None
    return NoisyRow(entry["id"], r.best.display()[:50], r.best.form == "lookup", seconds,
                    exact_seconds, _score(pred, truth), _score(ridge, truth))


def run_noisy(limit: int | None = None, time_limit: float = 2.0,
              data: str | None = None) -> list[NoisyRow]:
    """Every classic (or the first ``limit``), with the fixed seed.

    >>> rows = run_noisy(limit=1, time_limit=0.5)
    >>> len(rows), rows[0].seconds > 0
    (1, True)
    """
    entries = load_benchmark(data, tier="classic")[:limit]
    rng = np.random.default_rng(SEED)
    return [run_one(e, rng, time_limit) for e in entries]


def summary(rows: list[NoisyRow]) -> dict:
    """The counts and times the report prints."""
    secs = sorted(r.seconds for r in rows)
    exact = [r.exact_seconds for r in rows]
    return {"sequences": len(rows), "seed": SEED, "rel_sigma": REL_SIGMA,
            "search_exact": sum(r.search[0] for r in rows),
            "search_near": sum(r.search[1] for r in rows),
            "ridge_exact": sum(r.ridge[0] for r in rows),
            "ridge_near": sum(r.ridge[1] for r in rows),
            "lookup_picks": sum(r.lookup for r in rows),
            "median_s": statistics.median(secs) if secs else math.nan,
            "p90_s": percentile(secs, 90) if secs else math.nan,  # the bench's nearest rank
            "exact_median_s": statistics.median(exact) if exact else math.nan}


def report(rows: list[NoisyRow]) -> str:
    """The noisy benchmark's report: what each recovers, and the noisy search's time.

    >>> print(report([NoisyRow("A1", "n", False, 1.0, 0.5, (True, True), (False, True))]))
    ... # doctest: +NORMALIZE_WHITESPACE
    noisy classics: 1 sequences, 15 terms with Gaussian noise (sd 5% of each term, seed 2026);
    predict the next 10 noiseless terms
      solver          exact  within 10%
      noisy search        1           1
      ridge               0           1
    lookup picks: 0 (nothing predicted); noisy search time: median 1.000 s, p90 1.000 s
    (the exact search on the same terms: median 0.500 s, on the same machine in the same run)
    """
    s = summary(rows)
    return "\n".join([
        f"noisy classics: {s['sequences']} sequences, {TRAIN} terms with Gaussian noise (sd "
        f"{REL_SIGMA:.0%} of each term, seed {SEED});\npredict the next {PREDICT} noiseless terms",
        f"  {'solver':<14} {'exact':>6}  {'within 10%':>10}",
        f"  {'noisy search':<14} {s['search_exact']:>6}  {s['search_near']:>10}",
        f"  {'ridge':<14} {s['ridge_exact']:>6}  {s['ridge_near']:>10}",
        f"lookup picks: {s['lookup_picks']} (nothing predicted); noisy search time: median "
        f"{s['median_s']:.3f} s, p90 {s['p90_s']:.3f} s",
        f"(the exact search on the same terms: median {s['exact_median_s']:.3f} s, on the same "
        "machine in the same run)"])
