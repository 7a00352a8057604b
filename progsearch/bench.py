"""The benchmark runner behind ``progsearch bench``: every solver on every OEIS sequence.

Protocol (``benchmarks/README.md``): a solver sees the first 15 terms of a sequence and its
offset, and predicts the next 10 (``terms[15:25]``).  A sequence is *solved* when all 10
predictions are exactly right; a solver may also decline (``None``).  A *false prediction* is a
prediction made and not all right: the cost of guessing, which the report shows next to the
number solved.

A solver is a function ``(train, offset, k, time_limit) -> list[int] | None``.  Values are exact:
a guesser that predicts a non-integer (``7/2``) has its value kept as a string, which never
equals a term, so the prediction counts as made and wrong.

Each solver call gets ``time_limit`` seconds and is abandoned at ``2 * time_limit + 1`` seconds
(``SIGALRM`` in the process running it; where that is impossible, such as a worker thread, the
call runs to its end and a late answer is discarded).  Sequences run in parallel through joblib,
so an enclosing ``joblib.parallel_config`` (a Dask or Ray cluster) is honoured.
"""

from __future__ import annotations

import argparse
import json
import math
import numbers
import signal
import statistics
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from fractions import Fraction
from functools import cache, partial
from pathlib import Path
from typing import Any, TextIO

import joblib
import sympy
from sympy.concrete.guess import (
    find_simple_recurrence_vector,
    guess,
    guess_generating_function,
    guess_generating_function_rational,
)

from progsearch.cmdline import ArgumentError, Parser
from progsearch.ridge import best_ridge
from progsearch.search import search

TRAIN = 15  # terms a solver sees
PREDICT = 10  # terms it must predict: terms[15:25]
TIERS = ("classic", "sample")
DATA_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "oeis_public.json"

# A prediction, like [21, 34, 55]; a value that is not an integer is kept as a string, like '7/2'
Prediction = list[int | str]
Solver = Callable[[list[int], int, int, float], "Prediction | None"]


# %% loading


def _check_entry(entry: object, where: str) -> dict:
    """The entry if it has an id, an int offset, at least 25 int terms and a known tier."""
    if not isinstance(entry, dict):
        raise TypeError(f"{where} must be a dict, got {type(entry).__name__}")
    terms = entry.get("terms")
    ok = (
        isinstance(entry.get("id"), str)
        and isinstance(entry.get("offset"), int)
        and isinstance(terms, list)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in terms)
    )
    if not ok:
        raise ValueError(f"{where} needs 'id' (str), 'offset' (int) and 'terms' (list of int)")
    if len(terms) < TRAIN + PREDICT:
        raise ValueError(f"{where} ({entry['id']}) has {len(terms)} terms, fewer than 25")
    if entry.get("tier") not in TIERS:
        raise ValueError(f"{where} ({entry['id']}) has tier {entry.get('tier')!r}, not in {TIERS}")
    return entry


def _stratified(entries: list[dict], limit: int) -> list[dict]:
    """The first ``limit`` entries taking each tier in proportion to its size, in file order."""
    rank = {}
    for tier in TIERS:
        members = [i for i, e in enumerate(entries) if e["tier"] == tier]
        for j, i in enumerate(members):
            rank[i] = (j / len(members), TIERS.index(tier))  # like (0.25, 1)
    keep = sorted(sorted(rank, key=rank.__getitem__)[:limit])
    return [entries[i] for i in keep]


def load_benchmark(
    path: str | Path | None = None, tier: str | None = None, limit: int | None = None
) -> list[dict]:
    """Benchmark entries (id, offset, terms, tier), optionally one tier and a stratified subset.

    ``limit`` keeps the first entries of each tier in proportion to the tier's size (so both
    tiers appear once ``limit >= 2``), in file order.

    >>> [(e["id"], e["tier"]) for e in load_benchmark(limit=3)]
    [('A000015', 'sample'), ('A000031', 'sample'), ('A000139', 'classic')]
    >>> len(load_benchmark(tier="classic"))
    64
    """
    if tier not in (None, *TIERS):
        raise ValueError(f"tier must be None, 'classic' or 'sample', got {tier!r}")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
        raise TypeError(f"limit must be an int or None, got {limit!r}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    p = DATA_PATH if path is None else Path(path)
    if not p.is_file():
        where = "the packaged benchmark file" if path is None else "path"
        raise ValueError(f"{where} {str(p)!r} does not exist; pass path= (or --data) a JSON file")
    try:
        data = json.loads(p.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"path {str(p)!r} is not valid JSON: {exc}") from None
    if not isinstance(data, list):
        raise TypeError(f"path {str(p)!r} must hold a JSON list of entries")
    entries = [_check_entry(e, f"entry {i} of {p.name}") for i, e in enumerate(data)]
    if tier is not None:
        entries = [e for e in entries if e["tier"] == tier]
    return entries if limit is None else _stratified(entries, limit)


# %% exact values and series


def _exact(v: Any) -> int | str:
    """An exact value as an int, or as its string when it is not an integer.

    >>> _exact(Fraction(6, 3)), _exact(Fraction(7, 2)), _exact(3.0)
    (2, '7/2', '3.00000000000000')
    """
    if isinstance(v, numbers.Integral) and not isinstance(v, bool):
        return int(v)
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else str(v)
    v = sympy.sympify(v)
    if not v.is_Number:
        v = sympy.simplify(v)
    return int(v) if v.is_Integer else str(v)  # a Float is never exact: '3.0' stays wrong


def _fraction(c: Any) -> Fraction | Any:
    """A SymPy rational as a Fraction; any other SymPy number unchanged."""
    return Fraction(int(c.p), int(c.q)) if c.is_Rational else c


def _rational_series(expr: Any, x: Any, n: int) -> list[Fraction]:
    """The first ``n`` Taylor coefficients at 0 of a rational function, exactly.

    >>> x = sympy.Symbol("x")
    >>> [int(c) for c in _rational_series(x / (1 - x - x**2), x, 7)]
    [0, 1, 1, 2, 3, 5, 8]
    """
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    p = [_fraction(c) for c in reversed(sympy.Poly(num, x, domain="QQ").all_coeffs())]
    q = [_fraction(c) for c in reversed(sympy.Poly(den, x, domain="QQ").all_coeffs())]
    if q[0] == 0:
        raise ValueError("the generating function has a pole at 0")
    out: list[Fraction] = []
    for i in range(n):  # q * out = p  =>  out[i] = (p[i] - sum_{j>=1} q[j] out[i-j]) / q[0]
        s = p[i] if i < len(p) else Fraction(0)
        s -= sum(q[j] * out[i - j] for j in range(1, min(i, len(q) - 1) + 1))
        out.append(s / q[0])
    return out


def _series(expr: Any, x: Any, n: int) -> list:
    """The first ``n`` Taylor coefficients at 0 of a generating function SymPy guessed.

    Exact when ``expr`` is rational, or when ``expr'/expr`` is (roots of rational functions,
    ``exp`` of their integrals); otherwise SymPy's ``series``.

    >>> x = sympy.Symbol("x")
    >>> c = _series(sympy.exp(x + x**2 / 2), x, 7)  # egf of the involutions
    >>> [int(c[j] * math.factorial(j)) for j in range(7)]
    [1, 1, 2, 4, 10, 26, 76]
    """
    if expr.is_rational_function(x):
        return _rational_series(expr, x, n)
    log_derivative = sympy.cancel(sympy.diff(expr, x) / expr)
    f0 = sympy.simplify(expr.subs(x, 0))
    if log_derivative.is_rational_function(x) and f0.is_finite and f0 != 0:
        return _from_log_derivative(_fraction(f0), _rational_series(log_derivative, x, n), n)
    s = expr.series(x, 0, n).removeO()
    return [_fraction(s.coeff(x, i)) for i in range(n)]


def _from_log_derivative(f0: Any, w: list, n: int) -> list:
    """The first ``n`` coefficients of f from f(0) and the coefficients ``w`` of f'/f.

    >>> [int(c) for c in _from_log_derivative(1, [2] * 5, 4)]  # f'/f = 2/(1-x): f = 1/(1-x)**2
    [1, 2, 3, 4]
    """
    v = [f0]
    for m in range(n - 1):  # f' = f * (f'/f): (m+1) v[m+1] = sum_{j<=m} v[j] w[m-j]
        v.append(sum(v[j] * w[m - j] for j in range(m + 1)) / Fraction(m + 1))
    return v


# %% solvers


def solve_lookup(train: list[int], offset: int, k: int, time_limit: float) -> None:
    """A table of the training terms: reproduces them, predicts nothing.

    >>> solve_lookup([1, 2, 3], 0, 2, 1.0) is None
    True
    """


def solve_progsearch(train: list[int], offset: int, k: int, time_limit: float) -> Prediction | None:
    """The shortest program found by ``progsearch.search``; None when it is the lookup, or
    has no value past the training terms (an operator leaves its domain there).

    >>> solve_progsearch([3 * n + 1 for n in range(15)], 0, 3, 1.0)
    [46, 49, 52]
    """
    best = search(train, offset=offset, time_limit=time_limit).best
    following = best.continuation(offset + len(train), k)
    return None if following is None else [_exact(v) for v in following]


def solve_ridge(train: list[int], offset: int, k: int, time_limit: float) -> Prediction:
    """``best_ridge`` (degree and alpha chosen on the training terms) rounded to integers.

    A prediction that is not finite is kept as the string ``'nan'``.

    >>> solve_ridge([2 * n for n in range(15)], 0, 3, 1.0)
    [30, 32, 34]
    """
    fit = best_ridge(train, offset=offset)
    indices = range(offset + len(train), offset + len(train) + k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # not finite -> 0, marked below
        ints, floats = fit.predict_int(indices), fit.predict(indices)
    return [v if math.isfinite(f) else "nan" for v, f in zip(ints, floats)]


def solve_sympy_rec(train: list[int], offset: int, k: int, time_limit: float) -> Prediction | None:
    """SymPy's ``find_simple_recurrence_vector``, extended exactly past the training terms.

    >>> solve_sympy_rec([0, 1, 1, 2, 3, 5, 8, 13, 21, 34], 0, 3, 1.0)
    [55, 89, 144]
    """
    q = [int(c) for c in find_simple_recurrence_vector(list(train))]  # sum q[j] a(n-j) = 0
    if len(q) <= 1 or q[0] == 0:
        return None
    a = [Fraction(v) for v in train]
    for _ in range(k):
        a.append(-sum(q[j] * a[-j] for j in range(1, len(q))) / q[0])
    return [_exact(v) for v in a[len(train) :]]


def solve_sympy_gfr(train: list[int], offset: int, k: int, time_limit: float) -> Prediction | None:
    """SymPy's ``guess_generating_function_rational``, its series expanded exactly.

    >>> solve_sympy_gfr([2**n for n in range(10)], 0, 3, 1.0)
    [1024, 2048, 4096]
    """
    x = sympy.Symbol("x")
    gf = guess_generating_function_rational(list(train), X=x)
    if gf is None:
        return None
    return [_exact(c) for c in _rational_series(gf, x, len(train) + k)[len(train) :]]


def solve_sympy_guess(
    train: list[int], offset: int, k: int, time_limit: float
) -> Prediction | None:
    """SymPy's ``guess`` on the terms after the leading zeros; its first formula, evaluated.

    ``guess`` numbers its input from ``i0 = 1``, so train[j] is at ``i0 = j - zeros + 1``.

    >>> solve_sympy_guess([0] + [n * n for n in range(1, 12)], 0, 3, 1.0)
    [144, 169, 196]
    """
    zeros = next((j for j, v in enumerate(train) if v != 0), len(train))
    tail = list(train[zeros:])
    if len(tail) < 3:
        return None
    found = guess(tail)  # [] when nothing fits, or when a zero follows the leading zeros
    if not found:
        return None
    i0 = sympy.Symbol("i0")
    first = len(tail) + 1  # i0 of train[len(train)]
    return [_exact(found[0].subs(i0, first + j).doit()) for j in range(k)]


GF_KINDS = ("ogf", "egf", "lgf", "hlgf", "lgdogf", "lgdegf")


def solve_sympy_gf(
    kind: str, train: list[int], offset: int, k: int, time_limit: float
) -> Prediction | None:
    """SymPy's ``guess_generating_function(types=[kind])``, read back into terms exactly.

    The sequence is numbered from 0 as SymPy does (train[j] is a_j): ``egf`` is
    sum a_j x^j / j!, ``lgf`` is the ogf of (-1)^j a_j / (j+1), ``hlgf`` of a_j / (j+1),
    ``lgdogf`` and ``lgdegf`` of f'/f for the ogf and egf f.

    >>> solve_sympy_gf("egf", [math.factorial(j) for j in range(10)], 0, 2, 1.0)
    [3628800, 39916800]
    """
    if kind not in GF_KINDS:
        raise ValueError(f"kind must be one of {GF_KINDS}, got {kind!r}")
    x, n = sympy.Symbol("x"), len(train) + k
    gf = guess_generating_function(list(train), X=x, types=[kind]).get(kind)
    if gf is None:
        return None
    if kind in ("lgdogf", "lgdegf"):
        c = _from_log_derivative(Fraction(train[0]), _series(gf, x, n - 1), n)  # a_0 != 0
    else:
        c = _series(gf, x, n)
    scale = {  # a_j = scale(j) * [x^j] gf
        "ogf": lambda j: 1,
        "egf": math.factorial,
        "lgf": lambda j: (-1) ** j * (j + 1),
        "hlgf": lambda j: j + 1,
        "lgdogf": lambda j: 1,
        "lgdegf": math.factorial,
    }[kind]
    return [_exact(c[j] * scale(j)) for j in range(len(train), n)]


SOLVERS: dict[str, Solver] = {
    "progsearch": solve_progsearch,
    "lookup": solve_lookup,
    "ridge": solve_ridge,
    "sympy_rec": solve_sympy_rec,
    "sympy_gfr": solve_sympy_gfr,
    "sympy_guess": solve_sympy_guess,
    **{f"sympy_{kind}": partial(solve_sympy_gf, kind) for kind in GF_KINDS},
}
BASELINES = tuple(name for name in SOLVERS if name == "ridge" or name.startswith("sympy_"))


def _resolve_solvers(solvers: Mapping[str, Solver] | Sequence[str]) -> dict[str, Solver]:
    """Solver names (or 'sympy' for every SymPy guesser) or a name -> function mapping."""
    if isinstance(solvers, Mapping):
        out = dict(solvers)
    elif isinstance(solvers, str) or not isinstance(solvers, Sequence):
        raise TypeError(f"solvers must be a list of names or a mapping, got {solvers!r}")
    else:
        out = {}
        for name in solvers:
            names = [s for s in SOLVERS if s.startswith("sympy_")] if name == "sympy" else [name]
            for s in names:
                if s not in SOLVERS:
                    raise ValueError(f"solvers: unknown solver {s!r}; known: {', '.join(SOLVERS)}")
                out[s] = SOLVERS[s]
    if not out or not all(isinstance(k, str) and callable(f) for k, f in out.items()):
        raise ValueError("solvers must name at least one solver, each mapped to a function")
    return out


# %% running


class _Timeout(BaseException):
    """Raised by SIGALRM inside a solver call; a BaseException so `except Exception` misses it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _Timeout in this block after ``seconds``, where SIGALRM can (the main thread)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def hard_limit(time_limit: float) -> float:
    """Seconds after which a solver call is abandoned.

    >>> hard_limit(2.0)
    5.0
    """
    return 2 * time_limit + 1


@dataclass(frozen=True)
class Row:
    """One solver on one sequence: its prediction, the verdict and the time it took."""

    id: str
    tier: str
    solver: str
    prediction: list | None  # None: no prediction made
    solved: bool  # all PREDICT terms exactly right
    false: bool  # a prediction made and not all right
    seconds: float
    status: str  # 'ok', 'timeout' or 'error: ExceptionName'

    @property
    def made(self) -> bool:
        """True when the solver made a prediction."""
        return self.prediction is not None

    @property
    def mark(self) -> str:
        """One word for progress lines: solved, false, -, timeout or error."""
        if self.status != "ok":
            return self.status.split(":")[0]
        return "solved" if self.solved else "false" if self.false else "-"


def _normalized(prediction: object) -> list | None:
    """A prediction as a list of ints and strings (non-integers), or None."""
    if prediction is None:
        return None
    if isinstance(prediction, (str, bytes)) or not isinstance(prediction, Sequence):
        raise TypeError(f"a solver must return a list or None, got {type(prediction).__name__}")
    return [v if isinstance(v, str) else _exact(v) for v in prediction]


def _run_one(entry: dict, name: str, solver: Solver, time_limit: float) -> Row:
    """Run one solver on one entry under the deadline and judge its prediction."""
    train, truth = list(entry["terms"][:TRAIN]), list(entry["terms"][TRAIN : TRAIN + PREDICT])
    status, prediction = "ok", None
    start = time.perf_counter()
    try:
        with _deadline(hard_limit(time_limit)):
            prediction = _normalized(solver(train, entry["offset"], PREDICT, time_limit))
    except _Timeout:
        status = "timeout"
    except Exception as exc:  # noqa: BLE001  a guesser that raises has made no prediction
        status = f"error: {type(exc).__name__}"
    seconds = time.perf_counter() - start
    if status == "ok" and seconds > hard_limit(time_limit):  # no SIGALRM here: discard it late
        status, prediction = "timeout", None
    solved = prediction == truth
    false = prediction is not None and not solved
    return Row(entry["id"], entry["tier"], name, prediction, solved, false, seconds, status)


@cache
def _warm_up(name: str) -> None:
    """Run a packaged solver once, untimed, so first-call costs (lazy imports) are not timed."""
    with suppress(Exception, _Timeout), _deadline(30.0):  # once per process (cached)
        SOLVERS[name]([2**n for n in range(TRAIN)], 0, PREDICT, 0.2)


def _run_entry(entry: dict, solvers: dict[str, Solver], time_limit: float) -> list[Row]:
    """Every solver on one entry, in the given order."""
    for name, f in solvers.items():
        if SOLVERS.get(name) is f:
            _warm_up(name)
    return [_run_one(entry, name, f, time_limit) for name, f in solvers.items()]


def _percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of values at or below it.

    >>> _percentile([4.0, 1.0, 3.0, 2.0], 90)
    4.0
    """
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


class BenchResult:
    """Rows of a benchmark run (one per sequence and solver) with per-tier summaries.

    >>> right = Row("A000045", "classic", "progsearch", [1] * 10, True, False, 0.5, "ok")
    >>> wrong = Row("A000045", "classic", "sympy_rec", [2] * 10, False, True, 0.1, "ok")
    >>> result = BenchResult([right, wrong], ["progsearch", "sympy_rec"], 2.0)
    >>> result.tiers(), result.summary("classic")["sympy_rec"]["false_rate"]
    (['classic', 'all'], 1.0)
    >>> result.ratio()["best_baseline"], result.ratio()["ratio"] is None  # 1 solved over 0
    ('sympy_rec', True)
    """

    def __init__(self, rows: list[Row], solvers: Sequence[str], time_limit: float) -> None:
        self.rows = list(rows)
        self.solvers = list(solvers)
        self.time_limit = time_limit

    def __repr__(self) -> str:
        n = len({r.id for r in self.rows})
        return f"BenchResult({n} sequences, solvers={self.solvers}, time_limit={self.time_limit})"

    def __str__(self) -> str:
        return self.report()

    def tiers(self) -> list[str]:
        """The tiers present, in TIERS order, then 'all'."""
        present = {r.tier for r in self.rows}
        return [t for t in TIERS if t in present] + ["all"]

    def summary(self, tier: str = "all") -> dict[str, dict[str, Any]]:
        """Per solver: solved, rate, made, false, false_rate (false / made), median_s, p90_s."""
        out = {}
        for name in self.solvers:
            rows = [r for r in self.rows if r.solver == name and tier in ("all", r.tier)]
            n, made = len(rows), sum(r.made for r in rows)
            solved, false = sum(r.solved for r in rows), sum(r.false for r in rows)
            times = [r.seconds for r in rows] or [0.0]
            out[name] = {
                "sequences": n,
                "solved": solved,
                "rate": solved / n if n else 0.0,
                "made": made,
                "false": false,
                "false_rate": false / made if made else 0.0,
                "median_s": statistics.median(times),
                "p90_s": _percentile(times, 90),
                "timeouts": sum(r.status == "timeout" for r in rows),
                "errors": sum(r.status.startswith("error") for r in rows),
            }
        return out

    def ratio(self, tier: str = "all") -> dict[str, Any] | None:
        """progsearch's solved count over the best baseline's (first in solver order on ties)."""
        summary = self.summary(tier)
        baselines = [s for s in self.solvers if s in BASELINES]
        if "progsearch" not in summary or not baselines:
            return None
        best = max(baselines, key=lambda s: summary[s]["solved"])  # max keeps the first tie
        ours, theirs = summary["progsearch"]["solved"], summary[best]["solved"]
        return {
            "progsearch": ours,
            "best_baseline": best,
            "baseline_solved": theirs,
            "ratio": ours / theirs if theirs else None,
        }

    def report(self) -> str:
        """The per-tier tables as plain fixed-width text."""
        n_seq = {t: len({r.id for r in self.rows if t in ("all", r.tier)}) for t in self.tiers()}
        head = (
            f"progsearch bench: {n_seq['all']} sequences; train on {TRAIN} terms, predict "
            f"{PREDICT}\ntime limit {self.time_limit:g} s per sequence and solver "
            f"(abandoned at {hard_limit(self.time_limit):g} s)\n"
            f"solved: all {PREDICT} right; false: predicted, not all right; false%: false / made\n"
            "median, p90: seconds per sequence (50th, 90th percentile); t/o: timeouts; "
            "err: errors\n"
        )
        blocks = [head]
        for tier in self.tiers():
            plural = "" if n_seq[tier] == 1 else "s"
            lines = [f"tier {tier} ({n_seq[tier]} sequence{plural})"]
            lines.append(
                f"{'solver':<14}{'solved':>7}{'rate':>8}{'made':>6}{'false':>7}{'false%':>8}"
                f"{'median':>9}{'p90':>9}{'t/o':>5}{'err':>5}"
            )
            for name, s in self.summary(tier).items():
                lines.append(
                    f"{name:<14}{s['solved']:>7}{s['rate']:>8.1%}{s['made']:>6}{s['false']:>7}"
                    f"{s['false_rate']:>8.1%}{s['median_s']:>9.3f}{s['p90_s']:>9.3f}"
                    f"{s['timeouts']:>5}{s['errors']:>5}"
                )
            r = self.ratio(tier)
            if r is not None:
                value = "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}"
                lines.append(
                    f"progsearch / best baseline ({r['best_baseline']}): "
                    f"{r['progsearch']} / {r['baseline_solved']} = {value}"
                )
            blocks.append("\n".join(lines) + "\n")
        return "\n".join(blocks)

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-ready dict, with one row per sequence and solver."""
        return {
            "protocol": {
                "train": TRAIN,
                "predict": PREDICT,
                "time_limit": self.time_limit,
                "hard_limit": hard_limit(self.time_limit),
            },
            "solvers": self.solvers,
            "tiers": {
                t: {"summary": self.summary(t), "ratio": self.ratio(t)} for t in self.tiers()
            },
            "rows": [asdict(r) for r in self.rows],
        }


def _progress_line(i: int, n: int, rows: list[Row]) -> str:
    """Like ``[37/464] A000045 classic progsearch=solved sympy_rec=false 0.4s``."""
    marks = " ".join(f"{r.solver}={r.mark}" for r in rows)
    return f"[{i}/{n}] {rows[0].id} {rows[0].tier} {marks} {sum(r.seconds for r in rows):.1f}s"


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

    >>> entries = load_benchmark(tier="classic", limit=2)
    >>> run_benchmark(entries, ["lookup", "sympy_rec"], progress=False)
    BenchResult(2 sequences, solvers=['lookup', 'sympy_rec'], time_limit=2.0)
    """
    if not isinstance(time_limit, (int, float)) or isinstance(time_limit, bool):
        raise TypeError(f"time_limit must be a number, got {time_limit!r}")
    if not time_limit > 0:
        raise ValueError(f"time_limit must be positive, got {time_limit}")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs == 0):
        raise ValueError(f"jobs must be a nonzero int or None, got {jobs!r}")
    entries = [_check_entry(e, f"entry {i}") for i, e in enumerate(entries)]
    chosen = _resolve_solvers(solvers)
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


# %% command line


def _positive(cast: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse type: ``cast`` the text and require a positive value."""

    def check(text: str) -> Any:
        value = cast(text)
        if not value > 0:
            raise ValueError(text)
        return value

    check.__name__ = f"positive {cast.__name__}"
    return check


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="progsearch bench", description="Run solvers on the public OEIS benchmark.")
    p.add_argument(
        "--time-limit",
        type=_positive(float),
        default=2.0,
        metavar="S",
        help="seconds per sequence and solver (default 2)",
    )
    p.add_argument("--tier", choices=TIERS, help="only this tier")
    p.add_argument(
        "--limit", type=_positive(int), metavar="N", help="a stratified subset of N sequences"
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="parallel workers (joblib n_jobs; -1: all cores)",
    )
    p.add_argument("--json", action="store_true", help="print JSON, with one row per run")
    p.add_argument(
        "--solvers",
        default=",".join(SOLVERS),
        metavar="A,B",
        help=f"comma-separated subset of: {', '.join(SOLVERS)}; 'sympy' = all sympy_*",
    )
    p.add_argument("--data", metavar="PATH", help="benchmark JSON (default: the packaged copy)")
    p.add_argument(
        "--throughput",
        action="store_true",
        help="run progsearch.throughput with the other arguments instead",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run ``progsearch bench``; print the report; return the exit status (2: bad arguments).

    >>> main(["--jobs", "0"])
    2
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--throughput" in argv:
        from progsearch import throughput

        return throughput.main([a for a in argv if a != "--throughput"])
    try:
        args = _parser().parse_args(argv)
        if args.jobs == 0:
            raise ValueError("argument --jobs: must be nonzero")
        solvers = _resolve_solvers([s.strip() for s in args.solvers.split(",") if s.strip()])
        entries = load_benchmark(args.data, tier=args.tier, limit=args.limit)
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except ArgumentError as exc:
        print(exc, file=sys.stderr)
        return 2
    except (ValueError, TypeError) as exc:
        print(f"progsearch bench: error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = run_benchmark(entries, solvers, time_limit=args.time_limit, jobs=args.jobs)
    wall = time.perf_counter() - started
    if args.json:
        print(json.dumps({**result.to_json(), "wall_s": wall}, indent=1))
    else:
        print(result.report() + f"\nwall time {wall:.1f} s with --jobs {args.jobs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
