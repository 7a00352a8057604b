"""The engine finder: formulas and loops whose rule is an expression, found by enumeration.

Two engines (engine.py) grow side by side, one size at a time: one for formulas over ``n``,
evaluated at the training indices and a few past them, and one for loops (teacher forcing:
the known previous terms are the loop's inputs, so a recurrence search is an ordinary
expression search).  A size cut short by a budget is discarded, so what is found depends
only on the sizes completed.  Every hit is re-checked with exact integers before it is kept.
"""

from __future__ import annotations

import numpy as np

from .budget import Budget
from .engine import SENT, Engine, Stop
from .forms import Formula, Loop, Program
from .language import CORE_OPS, DIVISORS, Const, Var, max_lag, variables
from .progress import size_done

CONSTANTS = (1, 2, 3, -1, 4, 5, 6, 7, 8, 9, 10)  # constant leaves, cheapest code first
LOOP_CONSTANTS = (1, 2, 3, -1)  # a loop's update rarely needs more; fewer leaves, deeper search
EXTRA_POINTS = 5  # formulas are also evaluated at this many indices past the training range
LOOP_ORDER = 3  # loops found by the engine read up to a(n-3)
MIN_POINTS = 4  # the engine needs this many representable training values to judge a fit
MAX_SOLUTIONS = 200  # programs kept from each engine
MAX_RECHECKED = 2000  # engine hits re-checked at most, shortest first (all-zero data has many)
RANKING_SHARE = 0.05  # of the time limit: re-checks stop this long before the end, for ranking
FIT = 2**62  # values the engine handles exactly (int64 with room)


def _leaf_matrix(columns: list[list[int]]) -> np.ndarray:
    """int64 rows; a value too big for the engine becomes SENT (unknown)."""
    return np.array([[v if abs(v) < FIT else SENT for v in col] for col in columns], dtype=np.int64)


def formula_engine(terms: list[int], offset: int) -> tuple[str, Engine] | None:
    """("formula", an engine over n), or None when too few terms fit in int64.

    >>> kind, eng = formula_engine([1, 4, 9, 16, 25], offset=1)
    >>> kind, eng.target.tolist()
    ('formula', [1, 4, 9, 16, 25])
    """
    points = list(range(offset, offset + len(terms) + EXTRA_POINTS))
    required = np.array([i < len(terms) and abs(terms[i]) < FIT for i in range(len(points))])
    if required.sum() < MIN_POINTS:
        return None
    consts = [Const(c) for c in CONSTANTS]
    leaves = [Var("n")] + consts
    vals = _leaf_matrix([points] + [[c.value] * len(points) for c in consts])
    target = np.array([t for t, r in zip(terms, required) if r], dtype=np.int64)
    return "formula", Engine(leaves, vals, required, target)


def loop_engine(terms: list[int], offset: int) -> tuple[str, Engine] | None:
    """("loop", an engine over the previous terms), or None when too few terms fit in int64.

    Teacher forcing: the known previous terms are the inputs at each training index.  The
    index just past the training terms is one more point (not required): its inputs are all
    known, so loops that fit but predict differently stay distinct.
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
    return "loop", Engine(leaves, vals, required, target, ops=CORE_OPS)  # no library: speed


def _grow(engines: list[Engine], budget: Budget) -> None:
    """Grow the engines one size at a time, alternating, up to budget.max_size; note a stop."""

    def check() -> None:
        budget.check(sum(e.nbytes for e in engines))

    try:
        while live := [e for e in engines if e.stats.hit_size < budget.max_size]:
            for eng in sorted(live, key=lambda e: e.stats.hit_size):
                check()
                keep = eng.stats.hit_size + 1 < budget.max_size  # the last size: hits only
                eng.grow(check, keep=keep)
            size_done(min(e.stats.hit_size for e in engines),
                      sum(e.stats.candidates for e in engines),
                      sum(e.stats.distinct for e in engines))
    except Stop as stop:
        budget.stopped(stop.reason)
    except KeyboardInterrupt:
        budget.stopped("interrupt")


def _engine_programs(kind: str, eng: Engine, terms: list[int], offset: int,
                     budget: Budget | None = None) -> list[Program]:
    """Programs from the engine's target hits, re-checked with exact integers.

    Of the programs that continue alike (the next 10 terms), only the shortest is kept.  At
    most MAX_RECHECKED hits are re-checked, none once the budget's time is up or on Ctrl-C.
    """
    best: dict = {}
    try:
        _recheck(kind, eng, terms, offset, budget, best)
    except KeyboardInterrupt:  # keep what was re-checked
        if budget is not None:
            budget.stopped("interrupt")
    return list(best.values())


def _recheck(kind: str, eng: Engine, terms: list[int], offset: int, budget: Budget | None,
             best: dict) -> None:
    start = offset + len(terms)
    for n, hit in enumerate(eng.solutions):
        if len(best) >= MAX_SOLUTIONS or n >= MAX_RECHECKED:
            break
        if budget is not None and budget.finished(keep=RANKING_SHARE):
            budget.stopped("interrupt" if budget.interrupted else "time_limit")
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


def find_expressions(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """Formulas and loops found by growing both engines within the budget (the engine finder).

    >>> budget = Budget(60.0, max_size=4, max_bytes=2**30)
    >>> progs = find_expressions([0, 1, 4, 9, 16, 25, 36, 49], 0, budget)
    >>> min(progs, key=Program.key).display(), budget.stats.max_size
    ('n*n', 4)
    """
    return [p for kind, eng in grow_engines(terms, offset, budget)
            for p in _engine_programs(kind, eng, terms, offset, budget)]


def grow_engines(terms: list[int], offset: int, budget: Budget) -> list[tuple[str, Engine]]:
    """The formula and loop engines (those that apply), grown within the budget, which they
    share (memory split evenly); their work is counted in ``budget.stats``."""
    engines = [e for e in (formula_engine(terms, offset), loop_engine(terms, offset)) if e]
    for _, eng in engines:
        eng.limit(budget.max_bytes / len(engines), budget.memory, budget.deadline)
    _grow([e for _, e in engines], budget)
    for _, eng in engines:
        budget.stats.candidates += eng.stats.candidates
        budget.stats.distinct += eng.stats.distinct
    budget.stats.max_size = min((eng.stats.hit_size for _, eng in engines), default=0)
    return engines
