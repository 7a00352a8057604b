"""Programs and weight decay on one bits axis on noisy data: what demos/noisy_occam.py computes.

Every model is a two-part description of the training terms: its own bits, then the bits of
its residuals under the one residual code of noise.code (a scale, then a discretized
Gaussian).  A program's bits are its two-part length's first part (noise.Fitted); a ridge
fit's are the bits of its weights at 2**-10 precision (ridge.weight_bits_of, the intercept and
the target's scale left out, so its description is if anything longer), and its residuals are
those of its predictions rounded to integers.  Each row is then scored on held-out terms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .decay_story import ALPHAS, DEGREE, SEED, noisy_terms, rule
from .forms import Program
from .noise import residual_bits_one
from .occam import rmse
from .ridge import RidgeFit, fit_ridge
from .search import search
from .text import clip


@dataclass(frozen=True)
class BitsRow:
    """One model on the bits axis: its bits, its residuals' bits, and its held-out error."""

    kind: str  # "program" or "ridge"
    name: str
    model_bits: float
    residual_bits: float
    heldout_rmse: float | None  # None: predicts nothing (the lookup)
    train_rmse: float

    @property
    def total(self) -> float:
        """The two-part length of the training terms."""
        return self.model_bits + self.residual_bits

    def __repr__(self) -> str:
        return f"BitsRow({self.kind} {self.name!r}, {self.total:.1f} bits)"


def ridge_row(fit: RidgeFit, train: Sequence[int], heldout: Sequence[int]) -> BitsRow:
    """A ridge fit as a two-part description: weight bits, then its rounded residuals' bits.

    >>> row = ridge_row(fit_ridge([1, 3, 5, 7], degree=1, alpha=0.0), [1, 3, 5, 7], [9])
    >>> row.model_bits, row.residual_bits, row.heldout_rmse
    (21.0, 1.0, 0.0)
    """
    n = len(train)
    fitted = fit.predict_int(range(fit.offset, fit.offset + n))
    bits, _ = residual_bits_one([t - p for t, p in zip(train, fitted)])
    start = fit.offset + n
    held = fit.predict(range(start, start + len(heldout)))
    return BitsRow("ridge", fit.name, fit.weight_bits, bits,
                   rmse(held, heldout), rmse(fitted, train))


def program_row(prog: Program, train: Sequence[int], heldout: Sequence[int]) -> BitsRow:
    """A program of a noisy search (a noise.Fitted) with its held-out error."""
    start = prog.offset + len(train)
    seq = prog.continuation(start, len(heldout))
    held = None if seq is None else rmse(seq, heldout)
    fit = prog.terms(prog.offset, start)
    return BitsRow("program", prog.display().split(", residual sd")[0], prog.program_bits,
                   prog.residual_bits, held, rmse(fit, train))


@dataclass(frozen=True)
class NoisyRun:
    """Everything the demo prints: the data, the rows, and the figures its sentences use."""

    n_train: int
    train: tuple[int, ...]
    heldout: tuple[int, ...]
    programs: tuple[BitsRow, ...]  # the noisy search's programs, shortest two-part first
    ridges: tuple[BitsRow, ...]  # one per alpha
    noise_rmse: float  # the rule itself on the held-out terms
    pick: Program

    @property
    def best_ridge(self) -> BitsRow:
        """The ridge row with the least held-out error (chosen by looking at the held-out terms)."""
        return min(self.ridges, key=lambda r: r.heldout_rmse)

    @property
    def shortest_ridge(self) -> BitsRow:
        """The ridge row ridge itself would choose, without the held-out terms: the shortest
        two-part length (weight bits + residual bits) on the training terms."""
        return min(self.ridges, key=lambda r: r.total)

    def __repr__(self) -> str:
        return f"NoisyRun({self.n_train} train, pick={self.programs[0].name!r})"


def run(n_train: int, n_heldout: int = 8, *, shown: int = 6, max_size: int = 8,
        seed: int = SEED) -> NoisyRun:
    """Search (noisy mode) and fit the ridge sweep on the first ``n_train`` terms; score both.

    >>> r = run(8, 4, max_size=3)
    >>> r.programs[0].kind, len(r.ridges)
    ('program', 9)
    """
    terms = noisy_terms(n_train + n_heldout, seed)
    train, heldout = terms[:n_train], terms[n_train:]
    result = search(train, noise=True, max_size=max_size, time_limit=60.0)
    progs = list(result.programs[:shown])
    progs += [p for p in result.programs[shown:] if p.form == "lookup"][:1]
    rows = tuple(program_row(p, train, heldout) for p in progs)
    ridges = tuple(ridge_row(fit_ridge(train, degree=DEGREE, alpha=a), train, heldout)
                   for a in ALPHAS)
    truth = [rule(n) for n in range(n_train, n_train + n_heldout)]
    return NoisyRun(n_train, tuple(train), tuple(heldout), rows, ridges, rmse(truth, heldout),
                    result.best)


def axis_table(run: NoisyRun) -> str:
    """Programs and ridge rows on one bits axis, shortest two-part length first.

    >>> axis_table(run(8, 4, max_size=3)).splitlines()[0].split()[:4]
    ['model', 'bits', '+', 'residual']
    """
    rows = sorted(run.programs + run.ridges, key=lambda r: r.total)
    lines = [f"{'model':<34} {'bits':>6} + {'residual':>8} = {'total':>6}  {'train RMSE':>10}"
             f"  {'held-out RMSE':>13}"]
    for r in rows:
        held = "(none)" if r.heldout_rmse is None else f"{r.heldout_rmse:.1f}"
        mark = ">" if r.name == run.programs[0].name and r.kind == "program" else " "
        name = clip(r.name, 32)
        lines.append(f"{mark} {name:<32} {r.model_bits:>6.1f} + {r.residual_bits:>8.1f} = "
                     f"{r.total:>6.1f}  {r.train_rmse:>10.1f}  {held:>13}")
    return "\n".join(lines)


def verdict(run: NoisyRun) -> dict:
    """The figures the issue asks about: the pick's held-out RMSE against the noise's and ridge's.

    >>> sorted(verdict(run(8, 4, max_size=3)))  # doctest: +NORMALIZE_WHITESPACE
    ['beats_mdl_ridge', 'beats_ridge', 'best_ridge', 'best_ridge_rmse', 'mdl_ridge',
     'mdl_ridge_rmse', 'noise_rmse', 'pick', 'pick_rmse', 'within_10_percent']
    """
    pick, ridge, mdl = run.programs[0], run.best_ridge, run.shortest_ridge
    held = math.inf if pick.heldout_rmse is None else pick.heldout_rmse
    return {"pick": pick.name, "pick_rmse": held, "noise_rmse": run.noise_rmse,
            "within_10_percent": held <= 1.1 * run.noise_rmse,
            "best_ridge": ridge.name, "best_ridge_rmse": ridge.heldout_rmse,
            "beats_ridge": held < ridge.heldout_rmse,
            "mdl_ridge": mdl.name, "mdl_ridge_rmse": mdl.heldout_rmse,
            "beats_mdl_ridge": held < mdl.heldout_rmse}
