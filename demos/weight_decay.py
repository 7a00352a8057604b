"""Weight decay on a noisy sequence: smaller weights, a shorter description, and a U in the error

A quadratic rule, ``a(n) = n*n + 3*n + 5``, is observed with Gaussian noise and rounded to
integers. Ridge regression fits a degree-5 polynomial to the first 15 terms and is asked for the
next 8, beyond the training range. The weight-decay strength ``alpha`` goes from 0 (plain least
squares) to very strong. For every ``alpha`` the demo prints the size of the weights, the bits it
takes to write them down, and the error on the training and on the held-out terms.

Weight decay is a price on every weight. With no price the five weights grow wild to chase the
noise, and the curve shoots off beyond the data; with a crushing price they shrink to nothing and
the curve is almost flat. In between, the held-out error is smallest. The last section puts the
shortest program found by search on the same bits axis.

Run it: ``python demos/weight_decay.py`` or ``python -m progsearch.demos.weight_decay``.
"""

# %%
# The data. The rule is a quadratic; the noise has standard deviation 40, fixed by a seed, and
# every observation is rounded to an integer, as the terms of a sequence must be. The first 15
# terms are for training; the next 8 are held out and lie beyond the training range, so every
# model below is asked to extrapolate.

from __future__ import annotations

import itertools
import textwrap
import types
from dataclasses import dataclass

import numpy as np

from progsearch.ridge import RidgeFit, best_ridge, fit_ridge

try:  # the search API may not be installed yet; the last section then says so and stops
    from progsearch import search as find_programs
except ImportError:
    find_programs = None
if isinstance(find_programs, types.ModuleType):  # the submodule, not yet re-exported
    find_programs = getattr(find_programs, "search", None)

SEED = 0
RULE = "n*n + 3*n + 5"
SIGMA = 40.0  # standard deviation of the noise
N_TRAIN, N_HELDOUT = 15, 8
DEGREE = 5  # features x, x**2, ..., x**5
ALPHAS = (0.0, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0)
SEARCH_SECONDS = 1.0  # time limit for each of the two searches
WIDTH = 100


def rule(n: int) -> int:
    """The rule behind the data.

    >>> [rule(n) for n in range(4)]
    [5, 9, 15, 23]
    """
    return n * n + 3 * n + 5


def noisy_terms(seed: int = SEED) -> list[int]:
    """The rule plus Gaussian noise of standard deviation SIGMA, rounded: training + held out.

    >>> noisy_terms()[:5]
    [10, 4, 41, 27, 12]
    """
    noise = np.random.default_rng(seed).normal(0.0, SIGMA, N_TRAIN + N_HELDOUT)
    return [round(rule(n) + e) for n, e in enumerate(noise)]


# %%
# One row per alpha. ``fit_ridge`` scales the index so the training terms sit at x in [0, 1] and
# divides the target by its largest training magnitude, so alpha means the same for any sequence.
# ``bits`` writes each of the 5 weights rounded to a multiple of 2**-10 with the same integer code
# the programs use (Elias delta); the intercept is left out, as weight decay leaves it alone.


@dataclass(frozen=True)
class AlphaRow:
    """One ridge fit: its weights' size and bits, its errors, and its last prediction."""

    alpha: float
    weight_norm: float
    weight_bits: float
    train_error: float
    heldout_error: float
    last_prediction: int  # its prediction of the last held-out term
    weights: tuple[float, ...]  # in the scaled units of fit_ridge

    def __repr__(self) -> str:
        return (
            f"AlphaRow(alpha={self.alpha:g}, |w|={self.weight_norm:.3f}, "
            f"bits={self.weight_bits:g}, heldout_error={self.heldout_error:.1f})"
        )


def alpha_row(fit: RidgeFit, heldout: list[int]) -> AlphaRow:
    """Summarize a fit on the held-out terms that follow its training terms.

    >>> alpha_row(fit_ridge([1, 3, 5], degree=1, alpha=0.0), [7, 10]).last_prediction
    9
    """
    start = fit.offset + fit.n_train
    return AlphaRow(
        alpha=fit.alpha,
        weight_norm=fit.weight_norm,
        weight_bits=fit.weight_bits,
        train_error=fit.train_error,
        heldout_error=fit.rmse(heldout, start=start),
        last_prediction=fit.predict_int([start + len(heldout) - 1])[0],
        weights=fit.weights,
    )


# %%
# The programs. Search looks for the shortest program that reproduces the training terms
# exactly. It gets the rule's own terms (no noise) and the noisy terms. A program that is only a
# lookup table predicts nothing beyond its table: its held-out error is left blank.


@dataclass(frozen=True)
class ProgramRow:
    """The best program found on one version of the training data."""

    data: str
    form: str
    bits: float
    source: str
    heldout_error: float | None  # None: the program predicts nothing beyond its training terms
    matches_rule: bool  # True if it gives the rule's value at every held-out index

    def __repr__(self) -> str:
        return f"ProgramRow({self.data}: {self.form}, bits={self.bits:g}, {self.source!r})"


def program_row(data: str, best, heldout: list[int]) -> ProgramRow:
    """Score ``best``, a program found on the training terms, on the held-out terms after them.

    >>> found = types.SimpleNamespace(form="formula", bits=30, display=lambda: "n*n + 3*n + 5",
    ...                               terms=lambda a, b: [rule(n) for n in range(a, b)])
    >>> program_row("rule", found, [277, 311]).heldout_error
    2.0
    """
    predicted = future_terms(best, N_TRAIN, N_TRAIN + len(heldout))
    return ProgramRow(
        data=data,
        form=best.form,
        bits=float(best.bits),
        source=best.display(),  # one line: the expression, or the table's size
        heldout_error=None if predicted is None else rmse(predicted, heldout),
        matches_rule=predicted == [rule(n) for n in range(N_TRAIN, N_TRAIN + len(heldout))],
    )


def shortest(terms: list[int]):
    """The best (shortest) program search finds for ``terms`` within SEARCH_SECONDS.

    >>> shortest([1, 2, 3]).bits > 0 if find_programs else True
    True
    """
    return find_programs(terms, offset=0, time_limit=SEARCH_SECONDS).best


def future_terms(program, start: int, stop: int) -> list[int] | None:
    """The program's terms at ``start..stop-1``, or None if it predicts nothing there.

    >>> future_terms(types.SimpleNamespace(terms=lambda a, b: list(range(a, b))), 2, 4)
    [2, 3]
    """
    try:
        values = program.terms(start, stop)
    except (IndexError, ValueError):
        return None
    ok = isinstance(values, list) and all(isinstance(v, int) for v in values)
    return values if ok and len(values) == stop - start else None


def rmse(predicted: list[int], actual: list[int]) -> float:
    """Root mean squared error between two equally long lists of numbers.

    >>> rmse([1, 2, 3], [1, 2, 6])
    1.732050808
    """
    return round(float(np.sqrt(np.mean((np.array(predicted) - np.array(actual)) ** 2.0))), 9)


# %%
# The run: one ridge fit per alpha, alpha picked honestly by ``best_ridge`` (on the training
# terms only: fit on the first 12, score on the last 3), the rule's own score on the held-out
# terms (the noise floor), and the two searches.


@dataclass(frozen=True)
class WeightDecayResult:
    """Everything the report prints, computed by ``run``."""

    seed: int
    train: tuple[int, ...]
    heldout: tuple[int, ...]
    rows: tuple[AlphaRow, ...]
    picked: AlphaRow  # alpha chosen by best_ridge on the training terms only
    noise_floor: float  # held-out error of the rule itself
    programs: tuple[ProgramRow, ...] | None  # None: search is not available

    @property
    def best(self) -> AlphaRow:
        """The row with the lowest held-out error (the first one on a tie)."""
        return min(self.rows, key=lambda row: row.heldout_error)

    def __repr__(self) -> str:
        return (
            f"WeightDecayResult(seed={self.seed}, {len(self.rows)} alphas, "
            f"best alpha={self.best.alpha:g} held-out {self.best.heldout_error:.1f}, "
            f"picked alpha={self.picked.alpha:g})"
        )


def run(seed: int = SEED, *, with_search: bool = True) -> WeightDecayResult:
    """Fit ridge at every alpha on the noisy terms of ``seed`` and score it on the held-out terms.

    >>> result = run(with_search=False)
    >>> result.best.alpha, result.rows[0].alpha
    (0.1, 0.0)
    """
    terms = noisy_terms(seed)
    train, heldout = terms[:N_TRAIN], terms[N_TRAIN:]
    rows = [alpha_row(fit_ridge(train, degree=DEGREE, alpha=a), heldout) for a in ALPHAS]
    picked = best_ridge(train, degrees=(DEGREE,), alphas=ALPHAS, holdout=3)
    truth = [rule(n) for n in range(N_TRAIN + N_HELDOUT)]
    programs = None
    if with_search and find_programs is not None:
        programs = (
            program_row("the rule, no noise", shortest(truth[:N_TRAIN]), heldout),
            program_row("the noisy terms", shortest(train), heldout),
        )
    return WeightDecayResult(
        seed=seed,
        train=tuple(train),
        heldout=tuple(heldout),
        rows=tuple(rows),
        picked=alpha_row(picked, heldout),
        noise_floor=rmse(truth[N_TRAIN:], heldout),
        programs=programs,
    )


# %%
# The report. Every sentence that states a result takes its numbers from the run.


def report(result: WeightDecayResult) -> str:
    """The printed report: plain text, at most 100 columns, the same bytes for the same run.

    >>> report(run(with_search=False)).splitlines()[0]
    'Weight decay on a noisy sequence: smaller weights, a shorter description, and a U in the error'
    """
    parts = [
        __doc__.splitlines()[0],
        data_section(result),
        table_section(result),
        findings_section(result),
        programs_section(result),
    ]
    return "\n\n".join(parts) + "\n"


def data_section(result: WeightDecayResult) -> str:
    """Where the numbers come from.

    >>> data_section(run(with_search=False)).splitlines()[0]
    'Data: a(n) = n*n + 3*n + 5 plus Gaussian noise (sigma 40, seed 0), rounded to integers.'
    """
    last = N_TRAIN + N_HELDOUT - 1
    return "\n".join(
        [
            (
                f"Data: a(n) = {RULE} plus Gaussian noise (sigma {SIGMA:g}, seed {result.seed}), "
                "rounded to integers."
            ),
            f"  train     n = 0..{N_TRAIN - 1}:  " + " ".join(map(str, result.train)),
            f"  held out  n = {N_TRAIN}..{last}: " + " ".join(map(str, result.heldout)),
            "            (beyond the training range: every model must extrapolate)",
            (
                f"Model: ridge regression on x, x**2, ..., x**{DEGREE} with x = n / {N_TRAIN - 1}; "
                f"the target is divided by {max(map(abs, result.train))}."
            ),
        ]
    )


def table_section(result: WeightDecayResult) -> str:
    """One line per alpha: weights, bits, errors, and the last prediction.

    >>> table_section(run(with_search=False)).splitlines()[1]
    '       0    62.508     118       27.56         882.6          -1374'
    """
    last = N_TRAIN + N_HELDOUT - 1
    head = (
        f"   alpha       |w|    bits  train RMSE  held-out RMSE  a({last}) predicted"
        f" (data: {result.heldout[-1]})"
    )
    lines = [head] + [
        f"{r.alpha:8g} {r.weight_norm:9.3f} {r.weight_bits:7g} {r.train_error:11.2f}"
        f" {r.heldout_error:13.1f} {r.last_prediction:14d}"
        + ("  <- lowest held-out error" if r == result.best else "")
        for r in result.rows
    ]
    legend = (
        f"|w| is the length of the weight vector. bits: the {DEGREE} weights, each rounded to a "
        "multiple of 2**-10 and written with the integer code the programs use (the intercept "
        "is not counted). RMSE: root mean squared error."
    )
    return "\n".join([*lines, textwrap.fill(legend, WIDTH - 1)])


def findings_section(result: WeightDecayResult) -> str:
    """What the run shows, in sentences whose numbers are computed from it.

    >>> findings_section(run(with_search=False)).splitlines()[0]
    'What this run shows:'
    """
    rows, best, picked = result.rows, result.best, result.picked
    gap = best.heldout_error - result.noise_floor
    return "\n".join(
        [
            "What this run shows:",
            bullet(weights_finding(rows)),
            weights_block([rows[0], best, rows[-1]]),
            bullet(bits_finding(rows)),
            bullet(train_finding(rows)),
            bullet(heldout_finding(rows, best)),
            bullet(
                f"The rule itself misses the held-out terms by {result.noise_floor:.1f} (RMSE): "
                f"that is the noise. The best alpha is {gap:.1f} above it."
            ),
            bullet(
                "Picked on the training terms only (best_ridge, the last 3 as validation): "
                f"alpha={picked.alpha:g}, held-out {picked.heldout_error:.1f}."
            ),
        ]
    )


def bullet(text: str) -> str:
    """A list item wrapped to fit in WIDTH columns.

    >>> print(bullet("word " * 24))
    - word word word word word word word word word word word word word word word word word word word
      word word word word word
    """
    return textwrap.fill(text, WIDTH - 1, initial_indent="- ", subsequent_indent="  ")


def trend(alphas: tuple[float, ...], values: list[float], fmt: str, *, rising: bool) -> str:
    """'at every step', or which steps along ``alphas`` go against the direction.

    >>> trend((0, 1, 2, 3), [5, 4, 4.5, 3], ".1f", rising=False)
    'though not at every step (alpha=2: 4.0 to 4.5)'
    """
    wrong = [
        f"alpha={alpha:g}: {u:{fmt}} to {v:{fmt}}"
        for alpha, (u, v) in zip(alphas[1:], itertools.pairwise(values))
        if (v < u if rising else v > u)
    ]
    return f"though not at every step ({'; '.join(wrong)})" if wrong else "at every step"


def weights_finding(rows: tuple[AlphaRow, ...]) -> str:
    """How |w| falls along the sweep.

    >>> weights_finding(run(with_search=False).rows)
    'The weights shrink at every step: |w| is 62.508 at alpha=0 and 0.003 at alpha=1000.'
    """
    norms = [r.weight_norm for r in rows]
    return (
        f"The weights shrink {trend(ALPHAS, norms, '.3f', rising=False)}: |w| is {norms[0]:.3f} "
        f"at alpha=0 and {norms[-1]:.3f} at alpha={rows[-1].alpha:g}."
    )


def weights_block(rows: list[AlphaRow]) -> str:
    """The weights of a few rows, one row a line, in scaled units.

    >>> print(weights_block([run(with_search=False).rows[0]]))
        weights at alpha=0:        -1.583  16.413 -41.004  41.717 -14.622
    """
    return "\n".join(
        f"    weights at {'alpha=' + format(r.alpha, 'g') + ':':<14}"
        + "".join(f"{w:8.3f}" for w in r.weights)
        for r in rows
    )


def bits_finding(rows: tuple[AlphaRow, ...]) -> str:
    """How the bits of the weights fall along the sweep, and why they may rise on the way.

    >>> bits_finding(run(with_search=False).rows)[:60]
    'The description shrinks with them, from 118 to 25 bits, thou'
    """
    bits = [r.weight_bits for r in rows]
    how = trend(ALPHAS, bits, "g", rising=False)
    why = (
        ""
        if how == "at every step"
        else f". Decay spreads the weight over all {DEGREE} powers, and several middling weights "
        "can cost more bits than a few big ones beside near-zeros"
    )
    return f"The description shrinks with them, from {bits[0]:g} to {bits[-1]:g} bits, {how}{why}."


def train_finding(rows: tuple[AlphaRow, ...]) -> str:
    """How the training error moves along the sweep.

    >>> train_finding(run(with_search=False).rows)[:57]
    'Training error grows at every step, from 27.56 to 61.95: '
    """
    errors = [r.train_error for r in rows]
    how = trend(ALPHAS, errors, ".2f", rising=True)
    moral = (
        ": squeezing never buys a closer fit to the training terms"
        if how == "at every step"
        else ""
    )
    return f"Training error grows {how}, from {errors[0]:.2f} to {errors[-1]:.2f}{moral}."


def heldout_finding(rows: tuple[AlphaRow, ...], best: AlphaRow) -> str:
    """Where the held-out error is lowest, and how it falls before and rises after it.

    >>> heldout_finding(run(with_search=False).rows, run(with_search=False).best)[:52]
    'Held-out error falls at every step from 882.6 at alp'
    """
    errors, i = [r.heldout_error for r in rows], rows.index(best)
    lowest = f"{best.heldout_error:.1f} at alpha={best.alpha:g}"
    if i in (0, len(rows) - 1):
        return f"Held-out error is lowest at one end of the sweep, {lowest}: no U in this run."
    down = trend(ALPHAS[: i + 1], errors[: i + 1], ".1f", rising=False)
    up = trend(ALPHAS[i:], errors[i:], ".1f", rising=True)
    return (
        f"Held-out error falls {down} from {errors[0]:.1f} at alpha=0 to {lowest}, then rises "
        f"{up} to {errors[-1]:.1f} at alpha={rows[-1].alpha:g}: wild weights chase the noise, "
        "tiny weights cannot even follow the rule."
    )


def programs_section(result: WeightDecayResult) -> str:
    """The best programs found by search, beside the best ridge fit, on one bits axis.

    >>> programs_section(run(with_search=False)).splitlines()[1]
    '  (skipped: progsearch.search is not available in this installation yet)'
    """
    title = "The best program found by search on the same data, on the same bits axis:"
    if result.programs is None:
        return title + "\n  (skipped: progsearch.search is not available in this installation yet)"
    best = result.best
    lines = [title, f"  {'data':<20} {'form':<9} {'bits':>7} {'held-out RMSE':>14}  program"]
    for p in result.programs:
        error = "-" if p.heldout_error is None else f"{p.heldout_error:.1f}"
        source = clip(p.source, 43)
        lines.append(f"  {p.data:<20} {p.form:<9} {p.bits:7.1f} {error:>14}  {source}")
    lines.append(
        f"  {'the noisy terms':<20} {'ridge':<9} {best.weight_bits:7.1f} "
        f"{best.heldout_error:14.1f}  alpha={best.alpha:g}, train RMSE {best.train_error:.2f}"
    )
    lines.append(
        "  Every held-out RMSE is against the noisy held-out terms; - means no prediction."
    )
    lines.append("")
    lines.extend(bullet(text) for text in program_findings(*result.programs))
    return "\n".join(lines)


def program_findings(clean: ProgramRow, noisy: ProgramRow) -> list[str]:
    """What the two searches show, in sentences built from their results.

    >>> rule_row = ProgramRow("rule", "formula", 30.0, "n*n + 3*n + 5", 30.2, True)
    >>> table_row = ProgramRow("noisy", "lookup", 200.0, "[10, 4][n]", None, False)
    >>> program_findings(rule_row, table_row)[2][:60]
    'On the noisy terms the best program is a lookup of 200.0 bit'
    """
    beyond = (
        "gives the rule's value at every held-out index"
        if clean.matches_rule
        else "does not give the rule's values beyond the training terms"
    )
    noisy_tail = (
        "which predicts nothing beyond the training terms"
        if noisy.heldout_error is None
        else f"with held-out RMSE {noisy.heldout_error:.1f}"
    )
    findings = [
        (
            "A program reproduces its training terms exactly; ridge only comes close to them, "
            "and its bits count the weights alone, not the misses."
        ),
        (
            f"On the rule's own terms the search finds a {clean.form} of {clean.bits:.1f} bits "
            f"that {beyond}."
        ),
        (
            f"On the noisy terms the best program is a {noisy.form} of {noisy.bits:.1f} bits, "
            f"{noisy_tail}."
        ),
    ]
    if clean.matches_rule and noisy.heldout_error is None:
        findings.append(
            "Exact search finds the rule in exact data and nothing shorter than the data in noisy "
            "data; weight decay gives up exactness and still predicts."
        )
    return findings


def clip(text: str, width: int) -> str:
    """The text cut to ``width`` characters, ending in '...' if it was cut.

    >>> clip("abcdefgh", 6), clip("abc", 6)
    ('abc...', 'abc')
    """
    return text if len(text) <= width else text[: width - 3] + "..."


def main() -> int:
    """Print the report of the default run.

    >>> main()  # doctest: +ELLIPSIS
    Weight decay on a noisy sequence: ...
    0
    """
    print(report(run()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
