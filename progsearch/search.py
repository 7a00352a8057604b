"""search(): run every form within the budgets, rank programs by bits, predict by mixture.

Order of work: the lookup (always), periodic tables, exact P-recursive recurrences, then the
expression engine for formulas and for loops (teacher forcing: the known previous terms are
the loop's inputs), one size at a time, alternating, until a budget runs out.  A size that
is cut short by a budget is discarded, so the ranking depends only on the sizes completed.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from .engine import SENT, Engine, Stop
from .forms import Formula, Lookup, Loop, Periodic, Program
from .language import DIVISORS, Const, Var, max_lag, variables
from .recurrences import find_recurrences

CONSTANTS = (1, 2, 3, -1, 4, 5, 6, 7, 8, 9, 10)  # constant leaves, cheapest code first
LOOP_CONSTANTS = (1, 2, 3, -1)  # a loop's update rarely needs more; fewer leaves, deeper search
EXTRA_POINTS = 5  # formulas are also evaluated at this many indices past the training range
LOOP_ORDER = 3  # loops found by the engine read up to a(n-3)
MIN_POINTS = 4  # the engine needs this many representable training values to judge a fit
MAX_SOLUTIONS = 200  # programs kept from each engine
MAX_SIZE = 8  # default size limit: the deepest size both engines finish in well under 2 s
MAX_TERMS = 1000
MAX_DIGITS = 10_000
FIT = 2**62  # values the engine handles exactly (int64 with room)


@dataclass
class SearchStats:
    """What the search did: candidates evaluated, distinct kept, size reached, time, why it stopped."""

    candidates: int = 0
    distinct: int = 0
    max_size: int = 0
    elapsed_s: float = 0.0
    stopped_by: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Prediction:
    """One future term: candidate values with probabilities, and the mass that predicts nothing."""

    n: int
    candidates: tuple  # ((value, probability), ...), most probable first
    p_none: float  # weight of programs (the lookup) that make no prediction

    @property
    def value(self) -> int | None:
        return self.candidates[0][0] if self.candidates else None

    @property
    def p(self) -> float:
        return self.candidates[0][1] if self.candidates else 0.0

    def __repr__(self) -> str:
        if not self.candidates:
            return f"Prediction(n={self.n}: none, p_none={self.p_none:.2f})"
        return f"Prediction(n={self.n}: {self.value}, p={self.p:.3f})"


class SearchResult:
    """Every program found that reproduces the terms, ranked by bits (shortest first)."""

    def __init__(self, terms: list[int], offset: int, programs: list[Program], stats: SearchStats):
        self.terms, self.offset, self.stats = terms, offset, stats
        self.programs = sorted(programs, key=Program.key)

    @property
    def best(self) -> Program:
        return self.programs[0]

    def predict(self, k: int = 1) -> list[Prediction]:
        """The next ``k`` terms: each value's probability under the ``2**-bits`` mixture.

        >>> r = search([1, 2, 4, 8, 16, 32, 64, 128], time_limit=1.0)
        >>> r.predict(1)[0].value
        256
        """
        k = _check_int(k, "k", 0, 10_000)
        start = self.offset + len(self.terms)
        low = self.programs[0].bits
        votes: list[dict[int, float]] = [{} for _ in range(k)]
        total = none = 0.0
        for prog in self.programs:
            weight = 2.0 ** (low - prog.bits)
            seq = prog.continuation(start, k)
            if seq is None:
                none += weight
            else:
                for j, v in enumerate(seq):
                    votes[j][v] = votes[j].get(v, 0.0) + weight
            total += weight
        return [Prediction(start + j, tuple(sorted(((v, w / total) for v, w in vote.items()),
                                                   key=lambda vw: (-vw[1], vw[0]))), none / total)
                for j, vote in enumerate(votes)]

    def __repr__(self) -> str:
        return (f"SearchResult(best={self.best!r}, {len(self.programs)} programs, "
                f"stopped_by={self.stats.stopped_by!r})")


# -- argument checks ------------------------------------------------------------------------
def _check_int(v, name: str, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(v).__name__}")
    if not lo <= v <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, got {v}")
    return int(v)


def _check_float(v, name: str, lo: float, hi: float) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(v).__name__}")
    if not (math.isfinite(v) and lo < v <= hi):
        raise ValueError(f"{name} must be above {lo} and at most {hi}, got {v}")
    return float(v)


def check_terms(terms) -> list[int]:
    """Validate a sequence of integers; return it as a list of Python ints.

    >>> check_terms([1, 2, 3])
    [1, 2, 3]
    """
    if isinstance(terms, (str, bytes)) or not isinstance(terms, (Sequence, np.ndarray)):
        raise TypeError(f"terms must be a sequence of integers, got {type(terms).__name__}")
    out = []
    for i, t in enumerate(terms):
        if isinstance(t, bool) or not isinstance(t, numbers.Integral):
            raise TypeError(f"terms must be integers; term {i} is {t!r}")
        out.append(int(t))
    if len(out) < 2:
        raise ValueError(f"terms must have at least 2 terms, got {len(out)}")
    if len(out) > MAX_TERMS:
        raise ValueError(f"terms must have at most {MAX_TERMS} terms, got {len(out)}")
    for i, t in enumerate(out):
        if abs(t).bit_length() > MAX_DIGITS * 3.33:
            raise ValueError(f"terms must have at most {MAX_DIGITS} digits; term {i} is longer")
    return out


# -- the search -----------------------------------------------------------------------------
def search(terms: Sequence[int], *, offset: int = 0, time_limit: float = 2.0,
           max_size: int = MAX_SIZE, max_memory_mb: float = 2000.0) -> SearchResult:
    """Find the programs that reproduce ``terms`` (a(offset), a(offset+1), ...), ranked by bits.

    >>> r = search([0, 1, 1, 2, 3, 5, 8, 13, 21, 34], time_limit=1.0)
    >>> r.best.form, r.best.terms(10, 13)
    ('loop', [55, 89, 144])
    """
    terms = check_terms(terms)
    offset = _check_int(offset, "offset", -10**6, 10**6)
    time_limit = _check_float(time_limit, "time_limit", 0.0, 86_400.0)
    max_size = _check_int(max_size, "max_size", 1, 40)
    max_memory_mb = _check_float(max_memory_mb, "max_memory_mb", 0.0, 10.0**6)
    t0 = time.perf_counter()
    programs: list[Program] = [Lookup(terms, offset)]
    programs += _periodic(terms, offset)
    programs += _recurrences(terms, offset)
    engines = [e for e in (_formula_engine(terms, offset), _loop_engine(terms, offset)) if e]
    stats = SearchStats()
    for _, eng in engines:
        eng.max_bytes = max_memory_mb * 2**20 / len(engines)
    stats.stopped_by = _grow([e for _, e in engines], t0 + time_limit, max_size,
                             max_memory_mb * 2**20)
    for kind, eng in engines:
        programs += _engine_programs(kind, eng, terms, offset)
        stats.candidates += eng.stats.candidates
        stats.distinct += eng.stats.distinct
    stats.max_size = min((eng.stats.hit_size for _, eng in engines), default=0)
    stats.elapsed_s = time.perf_counter() - t0
    return SearchResult(terms, offset, _unique(programs, offset + len(terms)), stats)


def _unique(programs: list[Program], start: int) -> list[Program]:
    """Drop repeats: the same source, or the same form, length and next 10 terms."""
    seen, out = set(), []
    for p in sorted(programs, key=Program.key):
        nxt = p.continuation(start, 10)
        same = (p.form, round(p.bits, 6), nxt)
        if p.source not in seen and same not in seen:
            seen.update((p.source, same))
            out.append(p)
    return out


def _periodic(terms: list[int], offset: int) -> list[Program]:
    """The shortest period that repeats at least twice in the terms, if any."""
    for p in range(1, len(terms) // 2 + 1):
        if all(terms[i] == terms[i - p] for i in range(p, len(terms))):
            return [Periodic(terms[:p], offset)]
    return []


def _recurrences(terms: list[int], offset: int) -> list[Program]:
    found = []
    for rec in find_recurrences(terms, offset=offset):
        prog = Loop(rec, terms[:rec.order], offset)
        if prog.fits(terms):
            found.append(prog)
    return found


def _leaf_matrix(columns: list[list[int]]) -> np.ndarray:
    """int64 rows; a value too big for the engine becomes SENT (unknown)."""
    return np.array([[v if abs(v) < FIT else SENT for v in col] for col in columns], dtype=np.int64)


def _formula_engine(terms: list[int], offset: int):
    points = list(range(offset, offset + len(terms) + EXTRA_POINTS))
    required = np.array([i < len(terms) and abs(terms[i]) < FIT for i in range(len(points))])
    if required.sum() < MIN_POINTS:
        return None
    consts = [Const(c) for c in CONSTANTS]
    leaves = [Var("n")] + consts
    vals = _leaf_matrix([points] + [[c.value] * len(points) for c in consts])
    target = np.array([t for t, r in zip(terms, required) if r], dtype=np.int64)
    return "formula", Engine(leaves, vals, required, target)


def _loop_engine(terms: list[int], offset: int):
    """Teacher forcing: the known previous terms are the inputs at each training index.

    The index just past the training terms is one more point (not required): its inputs are
    all known, so loops that fit but predict differently stay distinct.
    """
    k = LOOP_ORDER
    fits = [abs(t) < FIT for t in terms]
    usable = next((i for i, ok in enumerate(fits) if not ok), len(terms))  # representable prefix
    if usable - k < MIN_POINTS:
        return None
    idx = list(range(k, usable + (usable == len(terms))))
    consts = [Const(c) for c in LOOP_CONSTANTS]
    leaves = list(variables(k)) + consts
    cols = [[offset + i for i in idx]] + [[terms[i - lag] for i in idx] for lag in range(1, k + 1)]
    for c in DIVISORS:  # a(n//c): a term before a(n), else unknown (and the leaf unusable)
        at = [(offset + i) // c - offset for i in idx]
        cols.append([terms[j] if 0 <= j < i else SENT for i, j in zip(idx, at)])
    vals = _leaf_matrix(cols + [[c.value] * len(idx) for c in consts])
    required = np.array([i < usable for i in idx])
    target = np.array([terms[i] for i in idx if i < usable], dtype=np.int64)
    return "loop", Engine(leaves, vals, required, target)


def _grow(engines: list[Engine], deadline: float, max_size: int, max_bytes: float) -> str:
    """Grow the engines one size at a time, alternating; return the budget that stopped them."""

    def check() -> None:
        if time.perf_counter() > deadline:
            raise Stop("time_limit")
        if sum(e.nbytes for e in engines) > max_bytes:
            raise Stop("memory")

    try:
        while True:
            live = [e for e in engines if e.stats.hit_size < max_size]
            if not live:
                return "max_size"
            for eng in sorted(live, key=lambda e: e.stats.hit_size):
                check()
                eng.grow(check, keep=eng.stats.hit_size + 1 < max_size)  # the last: hits only
    except Stop as stop:
        return stop.reason
    except KeyboardInterrupt:
        return "interrupt"


def _engine_programs(kind: str, eng: Engine, terms: list[int], offset: int) -> list[Program]:
    """Programs from the engine's target hits, re-checked with exact integers.

    Of the programs that continue alike (the next 10 terms), only the shortest is kept.
    """
    best: dict = {}
    start = offset + len(terms)
    for hit in eng.solutions:
        if len(best) >= MAX_SOLUTIONS:
            break
        expr = eng.expr(hit)
        if kind == "formula":
            candidates = [Formula(expr, offset)]
        else:
            lag = max_lag(expr)
            if lag == 0:
                continue  # a formula in disguise: the formula engine owns it
            candidates = [Loop(expr, terms[:lag], offset), Loop(expr, terms[:LOOP_ORDER], offset)]
        prog = next((p for p in candidates if p.fits(terms)), None)
        if prog is None:
            continue
        key = prog.continuation(start, 10)
        if key not in best or prog.key() < best[key].key():
            best[key] = prog
    return list(best.values())
