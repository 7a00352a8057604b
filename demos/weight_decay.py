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

from dataclasses import dataclass

from progsearch import search as find_programs  # a module attribute: tests may replace it
from progsearch.decay_story import (
    ALPHAS,
    DEGREE,
    RULE,
    SEED,
    SIGMA,
    AlphaRow,
    ProgramRow,
    alpha_row,
    bits_finding,
    heldout_finding,
    lowest_heldout,
    program_row,
    programs_section,
    rmse,
    rule,
    sweep_table,
    train_finding,
    weights_block,
    weights_finding,
)
from progsearch.decay_story import noisy_terms as draw
from progsearch.report import wrap
from progsearch.ridge import best_ridge, fit_ridge

N_TRAIN, N_HELDOUT = 15, 8
SEARCH_SECONDS = 60.0  # a safety net for each of the two searches: the size limit stops them


def noisy_terms(seed: int = SEED) -> list[int]:
    """The rule plus Gaussian noise of standard deviation SIGMA, rounded: training + held out.

    >>> noisy_terms()[:5]
    [10, 4, 41, 27, 12]
    """
    return draw(N_TRAIN + N_HELDOUT, seed)


# %%
# One row per alpha (``progsearch.decay_story.alpha_row``). ``fit_ridge`` scales the index so the
# training terms sit at x in [0, 1] and divides the target by its largest training magnitude, so
# alpha means the same for any sequence. ``bits`` writes each of the 5 weights rounded to a
# multiple of 2**-10 with the same integer code the programs use (Elias delta); the intercept is
# left out, as weight decay leaves it alone.
#
# The programs. Search looks for the shortest program that reproduces the training terms
# exactly. It gets the rule's own terms (no noise) and the noisy terms. A program that is only a
# lookup table predicts nothing beyond its table: its held-out error is left blank
# (``progsearch.decay_story.program_row``).
#
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
        return lowest_heldout(self.rows)

    def __repr__(self) -> str:
        return (f"WeightDecayResult(seed={self.seed}, {len(self.rows)} alphas, "
                f"best alpha={self.best.alpha:g} held-out {self.best.heldout_error:.1f}, "
                f"picked alpha={self.picked.alpha:g})")


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
        programs = tuple(
            program_row(data, find_programs(terms, offset=0, time_limit=SEARCH_SECONDS).best,
                        heldout, start=N_TRAIN, rule_terms=truth[N_TRAIN:])
            for data, terms in (("the rule, no noise", truth[:N_TRAIN]), ("the noisy terms", train))
        )
    return WeightDecayResult(seed=seed, train=tuple(train), heldout=tuple(heldout),
                             rows=tuple(rows), picked=alpha_row(picked, heldout),
                             noise_floor=rmse(truth[N_TRAIN:], heldout), programs=programs)


# %%
# The report. Every sentence that states a result takes its numbers from the run; the sentences
# about the sweep are ``progsearch.decay_story``'s ``*_finding`` functions.


def report(result: WeightDecayResult) -> str:
    """The printed report: plain text, at most 100 columns, the same bytes for the same run.

    >>> report(run(with_search=False)).splitlines()[0]
    'Weight decay on a noisy sequence: smaller weights, a shorter description, and a U in the error'
    """
    last = N_TRAIN + N_HELDOUT - 1
    parts = [
        __doc__.splitlines()[0],
        data_section(result),
        sweep_table(result.rows, last, result.heldout[-1]),
        findings_section(result),
        programs_section(result.programs, result.best),
    ]
    return "\n\n".join(parts) + "\n"


def data_section(result: WeightDecayResult) -> str:
    """Where the numbers come from.

    >>> data_section(run(with_search=False)).splitlines()[0]
    'Data: a(n) = n*n + 3*n + 5 plus Gaussian noise (sigma 40, seed 0), rounded to integers.'
    """
    last = N_TRAIN + N_HELDOUT - 1
    return "\n".join([
        (f"Data: a(n) = {RULE} plus Gaussian noise (sigma {SIGMA:g}, seed {result.seed}), "
        "rounded to integers."),
        f"  train     n = 0..{N_TRAIN - 1}:  " + " ".join(map(str, result.train)),
        f"  held out  n = {N_TRAIN}..{last}: " + " ".join(map(str, result.heldout)),
        "            (beyond the training range: every model must extrapolate)",
        (f"Model: ridge regression on x, x**2, ..., x**{DEGREE} with x = n / {N_TRAIN - 1}; "
        f"the target is divided by {max(map(abs, result.train))}."),
    ])


def findings_section(result: WeightDecayResult) -> str:
    """What the run shows, in sentences whose numbers are computed from it.

    >>> findings_section(run(with_search=False)).splitlines()[0]
    'What this run shows:'
    """
    rows, best, picked = result.rows, result.best, result.picked
    gap = best.heldout_error - result.noise_floor
    texts = [
        weights_finding(rows),
        bits_finding(rows),
        train_finding(rows),
        heldout_finding(rows, best),
        (f"The rule itself misses the held-out terms by {result.noise_floor:.1f} (RMSE): that is "
        f"the noise. The best alpha is {gap:.1f} above it."),
        ("Picked on the training terms only (best_ridge, the last 3 as validation): "
        f"alpha={picked.alpha:g}, held-out {picked.heldout_error:.1f}."),
    ]
    bullets = [wrap(text, "  ", "- ", width=99) for text in texts]
    return "\n".join(["What this run shows:", bullets[0],
                      weights_block([rows[0], best, rows[-1]]), *bullets[1:]])


def main() -> int:
    """Print the report of the default run.

    >>> main()  # doctest: +ELLIPSIS
    Weight decay on a noisy sequence: ...
    0
    """
    print(report(run()))
    return 0


if __name__ == "__main__":
    from progsearch.progress import on_stderr

    with on_stderr(after=1.0):  # progress lines when standard error is a terminal
        raise SystemExit(main())
