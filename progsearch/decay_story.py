"""A weight-decay sweep scored beyond the training terms, and what it shows, in rows and words.

One :class:`AlphaRow` per ridge fit (``progsearch.ridge``): the size of its weights, the bits to
write them, its error on the training and on the held-out terms.  One :class:`ProgramRow` per
program found by search, scored on the same held-out terms, so that weights and programs share
the bits axis.  The ``*_finding`` functions turn a sweep into sentences whose numbers come from
it: the weights shrink, the description shortens, the training error grows, and the held-out
error draws a U.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .forms import Program
from .report import clip, wrap
from .ridge import RidgeFit

LINE = 99  # the sweep's report is wrapped one column short of 100

RULE = "n*n + 3*n + 5"  # the rule behind the weight-decay demos' data: 5 + n*(n + 3)
SIGMA, SEED = 40.0, 0  # the standard deviation of its noise, and the draw
DEGREE = 5  # the ridge features x, x**2, ..., x**5
ALPHAS = (0.0, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0)  # the weight decays swept


def rule(n: int) -> int:
    """The rule behind the data.

    >>> [rule(n) for n in range(4)]
    [5, 9, 15, 23]
    """
    return n * n + 3 * n + 5


def noisy_terms(count: int, seed: int = SEED, sigma: float = SIGMA) -> list[int]:
    """The rule plus Gaussian noise, rounded: the demos' draws, ``count`` of them.

    >>> noisy_terms(5)
    [10, 4, 41, 27, 12]
    """
    noise = np.random.default_rng(seed).normal(0.0, sigma, count)
    return [round(rule(n) + e) for n, e in enumerate(noise)]


def rmse(predicted: Sequence[int], actual: Sequence[int]) -> float:
    """Root mean squared error between two equally long lists of numbers, to 9 decimals.

    >>> rmse([1, 2, 3], [1, 2, 6])
    1.732050808
    """
    if len(predicted) != len(actual):
        raise ValueError(f"predicted has {len(predicted)} values and actual {len(actual)}")
    return round(float(np.sqrt(np.mean((np.array(predicted) - np.array(actual)) ** 2.0))), 9)


def future_terms(program: Program, start: int, stop: int) -> list[int] | None:
    """The program's terms at ``start..stop-1``, or None if it predicts nothing there.

    >>> from progsearch import Lookup, Formula
    >>> from progsearch.language import Var
    >>> future_terms(Formula(Var("n")), 2, 4), future_terms(Lookup([1, 2]), 2, 4)
    ([2, 3], None)
    """
    try:
        values = program.terms(start, stop)
    except (IndexError, ValueError):
        return None
    ok = isinstance(values, list) and all(isinstance(v, int) for v in values)
    return values if ok and len(values) == stop - start else None


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
        return (f"AlphaRow(alpha={self.alpha:g}, |w|={self.weight_norm:.3f}, "
                f"bits={self.weight_bits:g}, heldout_error={self.heldout_error:.1f})")


def alpha_row(fit: RidgeFit, heldout: Sequence[int]) -> AlphaRow:
    """Summarize a fit on the held-out terms that follow its training terms.

    >>> from progsearch.ridge import fit_ridge
    >>> alpha_row(fit_ridge([1, 3, 5], degree=1, alpha=0.0), [7, 10])
    AlphaRow(alpha=0, |w|=0.800, bits=21, heldout_error=0.7)
    """
    start = fit.offset + fit.n_train
    return AlphaRow(alpha=fit.alpha, weight_norm=fit.weight_norm, weight_bits=fit.weight_bits,
                    train_error=fit.train_error, heldout_error=fit.rmse(heldout, start=start),
                    last_prediction=fit.predict_int([start + len(heldout) - 1])[0],
                    weights=fit.weights)


@dataclass(frozen=True)
class ProgramRow:
    """The best program found on one version of the training data, scored beyond it."""

    data: str
    form: str
    bits: float
    source: str
    heldout_error: float | None  # None: the program predicts nothing beyond its training terms
    matches_rule: bool  # True if it gives the rule's value at every held-out index

    def __repr__(self) -> str:
        return f"ProgramRow({self.data}: {self.form}, bits={self.bits:g}, {self.source!r})"


def program_row(data: str, best: Program, heldout: Sequence[int], *, start: int,
                rule_terms: Sequence[int]) -> ProgramRow:
    """Score ``best`` on the ``heldout`` terms from index ``start``, and against the rule's.

    >>> from progsearch import Formula
    >>> from progsearch.language import Var
    >>> program_row("rule", Formula(Var("n")), [3, 5], start=3, rule_terms=[3, 4])
    ProgramRow(rule: formula, bits=6.04439, 'n')
    """
    predicted = future_terms(best, start, start + len(heldout))
    return ProgramRow(data=data, form=best.form, bits=float(best.bits),
                      source=best.display(),  # one line: the expression, or the table's size
                      heldout_error=None if predicted is None else rmse(predicted, heldout),
                      matches_rule=predicted == list(rule_terms))


def trend(alphas: Sequence[float], values: Sequence[float], fmt: str, *, rising: bool) -> str:
    """'at every step', or which steps along ``alphas`` go against the direction.

    >>> trend((0, 1, 2, 3), [5, 4, 4.5, 3], ".1f", rising=False)
    'though not at every step (alpha=2: 4.0 to 4.5)'
    """
    wrong = [f"alpha={alpha:g}: {u:{fmt}} to {v:{fmt}}"
             for alpha, (u, v) in zip(alphas[1:], itertools.pairwise(values))
             if (v < u if rising else v > u)]
    return f"though not at every step ({'; '.join(wrong)})" if wrong else "at every step"


def _alphas(rows: Sequence[AlphaRow]) -> tuple[float, ...]:
    return tuple(r.alpha for r in rows)


def weights_finding(rows: Sequence[AlphaRow]) -> str:
    """How |w| falls along the sweep.

    >>> rows = [AlphaRow(a, w, 9, 1, 1, 0, ()) for a, w in [(0, 3.0), (1, 2.0), (10, 1.0)]]
    >>> weights_finding(rows)
    'The weights shrink at every step: |w| is 3.000 at alpha=0 and 1.000 at alpha=10.'
    """
    norms = [r.weight_norm for r in rows]
    return (f"The weights shrink {trend(_alphas(rows), norms, '.3f', rising=False)}: |w| is "
            f"{norms[0]:.3f} at alpha=0 and {norms[-1]:.3f} at alpha={rows[-1].alpha:g}.")


def weights_block(rows: Sequence[AlphaRow]) -> str:
    """The weights of a few rows, one row a line, in scaled units.

    >>> print(weights_block([AlphaRow(0.1, 1, 9, 1, 1, 0, (1.5, -2.0))]))
        weights at alpha=0.1:       1.500  -2.000
    """
    return "\n".join(f"    weights at {'alpha=' + format(r.alpha, 'g') + ':':<14}"
                     + "".join(f"{w:8.3f}" for w in r.weights) for r in rows)


def bits_finding(rows: Sequence[AlphaRow]) -> str:
    """How the bits of the weights fall along the sweep, and why they may rise on the way.

    >>> rows = [AlphaRow(a, 1, b, 1, 1, 0, (0.0,)) for a, b in [(0, 30), (1, 20), (10, 9)]]
    >>> bits_finding(rows)
    'The description shrinks with them, from 30 to 9 bits, at every step.'
    """
    bits = [r.weight_bits for r in rows]
    how = trend(_alphas(rows), bits, "g", rising=False)
    why = ("" if how == "at every step" else
           f". Decay spreads the weight over all {len(rows[0].weights)} powers, and several "
           "middling weights can cost more bits than a few big ones beside near-zeros")
    return f"The description shrinks with them, from {bits[0]:g} to {bits[-1]:g} bits, {how}{why}."


def train_finding(rows: Sequence[AlphaRow]) -> str:
    """How the training error moves along the sweep.

    >>> rows = [AlphaRow(a, 1, 9, e, 1, 0, ()) for a, e in [(0, 1.0), (1, 2.0)]]
    >>> train_finding(rows)[:57]
    'Training error grows at every step, from 1.00 to 2.00: sq'
    """
    errors = [r.train_error for r in rows]
    how = trend(_alphas(rows), errors, ".2f", rising=True)
    moral = (": squeezing never buys a closer fit to the training terms"
             if how == "at every step" else "")
    return f"Training error grows {how}, from {errors[0]:.2f} to {errors[-1]:.2f}{moral}."


def heldout_finding(rows: Sequence[AlphaRow], best: AlphaRow) -> str:
    """Where the held-out error is lowest, and how it falls before and rises after it.

    >>> rows = [AlphaRow(a, 1, 9, 1, e, 0, ()) for a, e in [(0, 9.0), (1, 2.0), (10, 5.0)]]
    >>> heldout_finding(rows, rows[1])[:61]
    'Held-out error falls at every step from 9.0 at alpha=0 to 2.0'
    """
    errors, i, alphas = [r.heldout_error for r in rows], list(rows).index(best), _alphas(rows)
    lowest = f"{best.heldout_error:.1f} at alpha={best.alpha:g}"
    if i in (0, len(rows) - 1):
        return f"Held-out error is lowest at one end of the sweep, {lowest}: no U in this run."
    down = trend(alphas[: i + 1], errors[: i + 1], ".1f", rising=False)
    up = trend(alphas[i:], errors[i:], ".1f", rising=True)
    return (f"Held-out error falls {down} from {errors[0]:.1f} at alpha=0 to {lowest}, then rises "
            f"{up} to {errors[-1]:.1f} at alpha={rows[-1].alpha:g}: wild weights chase the noise, "
            "tiny weights cannot even follow the rule.")


def lowest_heldout(rows: Sequence[AlphaRow]) -> AlphaRow:
    """The row with the lowest held-out error (the first one on a tie).

    >>> lowest_heldout([AlphaRow(a, 1, 9, 1, e, 0, ()) for a, e in [(0, 2.0), (1, 2.0)]]).alpha
    0
    """
    return min(rows, key=lambda row: row.heldout_error)


def sweep_table(rows: Sequence[AlphaRow], last: int, last_value: int) -> str:
    """One line per alpha: weights, bits, errors, the prediction of a(``last``), and a legend.

    >>> print(sweep_table([AlphaRow(0, 2, 9, 1, 3, 7, (0.5,))], 4, 8).splitlines()[1])
           0     2.000       9        1.00           3.0              7  <- lowest held-out error
    """
    best = lowest_heldout(rows)
    head = (f"   alpha       |w|    bits  train RMSE  held-out RMSE  a({last}) predicted"
            f" (data: {last_value})")
    lines = [head] + [f"{r.alpha:8g} {r.weight_norm:9.3f} {r.weight_bits:7g} {r.train_error:11.2f}"
                      f" {r.heldout_error:13.1f} {r.last_prediction:14d}"
                      + ("  <- lowest held-out error" if r == best else "") for r in rows]
    legend = (f"|w| is the length of the weight vector. bits: the {len(rows[0].weights)} weights, "
              "each rounded to a multiple of 2**-10 and written with the integer code the "
              "programs use (the intercept is not counted). RMSE: root mean squared error.")
    return "\n".join([*lines, wrap(legend, width=LINE)])


def program_findings(clean: ProgramRow, noisy: ProgramRow) -> list[str]:
    """What the searches on exact and on noisy terms show, in sentences built from them.

    >>> rule_row = ProgramRow("rule", "formula", 30.0, "n*n + 3*n + 5", 30.2, True)
    >>> table_row = ProgramRow("noisy", "lookup", 200.0, "[10, 4][n]", None, False)
    >>> program_findings(rule_row, table_row)[2][:60]
    'On the noisy terms the best program is a lookup of 200.0 bit'
    """
    beyond = ("gives the rule's value at every held-out index" if clean.matches_rule
              else "does not give the rule's values beyond the training terms")
    noisy_tail = ("which predicts nothing beyond the training terms" if noisy.heldout_error is None
                  else f"with held-out RMSE {noisy.heldout_error:.1f}")
    found = [
        ("A program reproduces its training terms exactly; ridge only comes close to them, and its "
        "bits count the weights alone, not the misses."),
        (f"On the rule's own terms the search finds a {clean.form} of {clean.bits:.1f} bits that "
        f"{beyond}."),
        (f"On the noisy terms the best program is a {noisy.form} of {noisy.bits:.1f} bits, "
        f"{noisy_tail}."),
    ]
    if clean.matches_rule and noisy.heldout_error is None:
        found.append("Exact search finds the rule in exact data and nothing shorter than the data "
                     "in noisy data; weight decay gives up exactness and still predicts. Noisy "
                     "mode gives it up too: progsearch demo noisy_occam ranks programs by their "
                     "bits plus their residuals' bits on these terms.")
    return found


def programs_section(programs: Sequence[ProgramRow] | None, best: AlphaRow) -> str:
    """The best programs found by search (clean, noisy), beside the best ridge fit, on one axis.

    >>> print(programs_section(None, AlphaRow(1, 1, 9, 1, 1, 0, ())).splitlines()[1])
      (skipped: progsearch.search is not available in this installation yet)
    """
    title = "The best program found by search on the same data, on the same bits axis:"
    if programs is None:
        return f"{title}\n  (skipped: progsearch.search is not available in this installation yet)"
    lines = [title, f"  {'data':<20} {'form':<9} {'bits':>7} {'held-out RMSE':>14}  program"]
    for p in programs:
        error = "-" if p.heldout_error is None else f"{p.heldout_error:.1f}"
        lines.append(f"  {p.data:<20} {p.form:<9} {p.bits:7.1f} {error:>14}  {clip(p.source, 43)}")
    lines += [(f"  {'the noisy terms':<20} {'ridge':<9} {best.weight_bits:7.1f} "
              f"{best.heldout_error:14.1f}  alpha={best.alpha:g}, "
              f"train RMSE {best.train_error:.2f}"),
              "  Every held-out RMSE is against the noisy held-out terms; - means no prediction.",
              ""]
    lines += [wrap(text, "  ", "- ", width=LINE) for text in program_findings(*programs)]
    return "\n".join(lines)
