"""The rows of a benchmark run, their per-tier summaries, and the report as text and JSON."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from progsearch.bench.data import PREDICT, TIERS, TRAIN
from progsearch.bench.limits import hard_limit
from progsearch.bench.solvers import BASELINES


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
    how: str = ""  # how the prediction was made, when the solver says (see bench/how.py)

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


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of values at or below it.

    >>> percentile([4.0, 1.0, 3.0, 2.0], 90)
    4.0
    """
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def _summary(rows: list[Row]) -> dict[str, Any]:
    """Solved, rate, made, false, false_rate (false / made), median_s, p90_s of some rows."""
    n, made = len(rows), sum(r.made for r in rows)
    solved, false = sum(r.solved for r in rows), sum(r.false for r in rows)
    times = [r.seconds for r in rows] or [0.0]
    return {
        "sequences": n,
        "solved": solved,
        "rate": solved / n if n else 0.0,
        "made": made,
        "false": false,
        "false_rate": false / made if made else 0.0,
        "median_s": statistics.median(times),
        "p90_s": percentile(times, 90),
        "timeouts": sum(r.status == "timeout" for r in rows),
        "errors": sum(r.status.startswith("error") for r in rows),
    }


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
        return {
            name: _summary([r for r in self.rows if r.solver == name and tier in ("all", r.tier)])
            for name in self.solvers
        }

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
        blocks = [self._tier_block(t, n_seq[t]) for t in self.tiers()]
        return "\n".join([head] + blocks + ([self._how_block()] if self.by_how() else []))

    def by_how(self, tier: str = "all") -> dict[str, dict[str, list[str]]]:
        """Per label of how predictions were made: the ids solved and the ids false.

        >>> row = Row("A1", "sample", "progsearch", [1], True, False, 0.1, "ok", "formula")
        >>> BenchResult([row], ["progsearch"], 1.0).by_how()
        {'formula': {'solved': ['A1'], 'false': []}}
        """
        out: dict[str, dict[str, list[str]]] = {}
        for r in self.rows:
            if r.how and tier in ("all", r.tier):
                entry = out.setdefault(r.how, {"solved": [], "false": []})
                entry["solved" if r.solved else "false"].append(r.id)
        return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]["solved"]), kv[0])))

    def _how_block(self) -> str:
        """Solved and false predictions per form and transform, per tier."""
        tiers = self.tiers()  # the last is "all": its table lists every label, in order
        tables = {t: self.by_how(t) for t in tiers}
        width = max(map(len, tables["all"])) + 2
        lines = ["how the predictions were made (solved / false)",
                 f"{'form':<{width}}" + "".join(f"{t:>12}" for t in tiers)]
        for label in tables["all"]:
            cells = [tables[t].get(label, {"solved": [], "false": []}) for t in tiers]
            lines.append(f"{label:<{width}}" + "".join(
                f"{len(c['solved']):>7} /{len(c['false']):>3}" for c in cells))
        return "\n".join(lines) + "\n"

    def _tier_block(self, tier: str, n: int) -> str:
        """The table of one tier, with the ratio line when there is one."""
        lines = [
            f"tier {tier} ({n} sequence{'' if n == 1 else 's'})",
            (f"{'solver':<14}{'solved':>7}{'rate':>8}{'made':>6}{'false':>7}{'false%':>8}"
             f"{'median':>9}{'p90':>9}{'t/o':>5}{'err':>5}"),
        ]
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
        return "\n".join(lines) + "\n"

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
                t: {"summary": self.summary(t), "ratio": self.ratio(t), "by_how": self.by_how(t)}
                for t in self.tiers()
            },
            "rows": [asdict(r) for r in self.rows],
        }
