"""The runner: every solver on every sequence, each call under its time limits, in parallel.

Sequences run in parallel through joblib, so an enclosing ``joblib.parallel_config`` (a Dask or
Ray cluster) is honoured.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping, Sequence
from contextlib import suppress
from functools import cache
from typing import TextIO

import joblib

from progsearch.bench.data import PREDICT, TRAIN, check_entry
from progsearch.bench.limits import Timeout, deadline, hard_limit
from progsearch.bench.result import BenchResult, Row
from progsearch.bench.series import exact
from progsearch.bench.solvers import SOLVERS, Solver, resolve_solvers


def _normalized(prediction: object) -> list | None:
    """A prediction as a list of ints and strings (non-integers), or None."""
    if prediction is None:
        return None
    if isinstance(prediction, (str, bytes)) or not isinstance(prediction, Sequence):
        raise TypeError(f"a solver must return a list or None, got {type(prediction).__name__}")
    return [v if isinstance(v, str) else exact(v) for v in prediction]


def run_one(entry: dict, name: str, solver: Solver, time_limit: float) -> Row:
    """Run one solver on one entry under the deadline and judge its prediction.

    >>> e = {"id": "A1", "tier": "classic", "offset": 0, "terms": list(range(25))}
    >>> run_one(e, "lookup", SOLVERS["lookup"], 1.0).mark
    '-'
    """
    train, truth = list(entry["terms"][:TRAIN]), list(entry["terms"][TRAIN : TRAIN + PREDICT])
    status, prediction, label = "ok", None, ""
    start = time.perf_counter()
    try:
        with deadline(hard_limit(time_limit)):
            made = solver(train, entry["offset"], PREDICT, time_limit)
            prediction, label = _normalized(made), getattr(made, "how", "")
    except Timeout:
        status = "timeout"
    except Exception as exc:  # noqa: BLE001  a guesser that raises has made no prediction
        status = f"error: {type(exc).__name__}"
    seconds = time.perf_counter() - start
    if status == "ok" and seconds > hard_limit(time_limit):  # no SIGALRM here: discard it late
        status, prediction = "timeout", None
    solved = prediction == truth
    false = prediction is not None and not solved
    return Row(entry["id"], entry["tier"], name, prediction, solved, false, seconds, status,
               label if prediction is not None else "")


@cache
def _warm_up(name: str) -> None:
    """Run a packaged solver once, untimed, so first-call costs (lazy imports) are not timed."""
    with suppress(Exception, Timeout), deadline(30.0):  # once per process (cached)
        SOLVERS[name]([2**n for n in range(TRAIN)], 0, PREDICT, 0.2)


def _run_entry(entry: dict, solvers: dict[str, Solver], time_limit: float) -> list[Row]:
    """Every solver on one entry, in the given order."""
    for name, f in solvers.items():
        if SOLVERS.get(name) is f:
            _warm_up(name)
    return [run_one(entry, name, f, time_limit) for name, f in solvers.items()]


def _progress_line(i: int, n: int, rows: list[Row]) -> str:
    """Like ``[37/464] A000045 classic progsearch=solved sympy_rec=false 0.4s``."""
    marks = " ".join(f"{r.solver}={r.mark}" for r in rows)
    return f"[{i}/{n}] {rows[0].id} {rows[0].tier} {marks} {sum(r.seconds for r in rows):.1f}s"


def _check_arguments(time_limit: object, jobs: object) -> None:
    """TypeError or ValueError naming ``time_limit`` or ``jobs`` when it is not usable."""
    if not isinstance(time_limit, (int, float)) or isinstance(time_limit, bool):
        raise TypeError(f"time_limit must be a number, got {time_limit!r}")
    if not time_limit > 0:
        raise ValueError(f"time_limit must be positive, got {time_limit}")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs == 0):
        raise ValueError(f"jobs must be a nonzero int or None, got {jobs!r}")


def run_benchmark(
    entries: Sequence[dict],
    solvers: Mapping[str, Solver] | Sequence[str],
    *,
    time_limit: float = 2.0,
    jobs: int | None = 1,
    progress: bool | TextIO | None = True,
) -> BenchResult:
    """Run every solver on every entry, sequences in parallel with joblib.

    ``jobs=None`` takes ``n_jobs`` (and the backend, always) from an enclosing
    ``joblib.parallel_config``; ``progress`` is a stream, True for stderr, or False.

    >>> from progsearch.bench.data import load_benchmark
    >>> entries = load_benchmark(tier="classic", limit=2)
    >>> run_benchmark(entries, ["lookup", "sympy_rec"], progress=False)
    BenchResult(2 sequences, solvers=['lookup', 'sympy_rec'], time_limit=2.0)
    """
    _check_arguments(time_limit, jobs)
    entries = [check_entry(e, f"entry {i}") for i, e in enumerate(entries)]
    chosen = resolve_solvers(solvers)
    stream = sys.stderr if progress is True else progress or None
    order = {e["id"]: i for i, e in enumerate(entries)}
    tasks = (joblib.delayed(_run_entry)(e, chosen, time_limit) for e in entries)
    try:
        parallel = joblib.Parallel(n_jobs=jobs, return_as="generator_unordered")
    except ValueError:  # a backend without generators (multiprocessing, Ray): rows at the end
        parallel = joblib.Parallel(n_jobs=jobs)
    done: list[list[Row]] = []
    for rows in parallel(tasks):
        done.append(rows)
        if stream is not None:
            print(_progress_line(len(done), len(entries), rows), file=stream, flush=True)
    done.sort(key=lambda rows: order[rows[0].id])
    return BenchResult([r for rows in done for r in rows], list(chosen), time_limit)
