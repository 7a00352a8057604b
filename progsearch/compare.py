"""compare(): programs and weight decay side by side on terms held out from the search.

The search sees only the training terms.  Each row is one model: the shortest program (the
pick), the best program of each other form, the lookup, up to five more programs that reproduce
every training term but continue differently, and ridge regression over a sweep of weight
decay.  Every row is scored on the held-out terms: how many it predicts exactly, and its
relative error ``|prediction - truth| / |truth|`` (Euclidean norms over the held-out terms).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np

from .forms import Program
from .html import preformatted
from .noise.rows import two_part_row, two_part_table
from .report import report
from .ridge import ALPHAS, DEGREES, RidgeFit, ridge_sweep
from .search import MAX_MEMORY_MB, MAX_SIZE, SearchResult, search

FORMS = ("formula", "loop", "filter", "transform", "periodic", "lookup")  # "best of each form"
MAX_DIFFERING = 5  # programs listed that fit the training terms but continue differently
FLOAT_BITS = 1023  # ridge needs the training terms in float range: below 2**1023

Values = tuple[int | None, ...]  # like (64, 81, 100, 121); None where a ridge value overflowed


@dataclass(frozen=True, repr=False)
class Row:
    """One model: what it is, its length in bits, its errors, and its held-out predictions.

    ``role`` says why the row is listed: ``pick`` (the shortest program), ``best <form>``,
    ``lookup``, ``fits, differs`` (fits every training term, continues differently) or
    ``ridge``.  ``mark`` is ``>`` for the pick and ``*`` for a program that fits every training
    term but predicts the held-out terms differently from the pick.
    """

    row: int  # 1-based position in the table
    mark: str
    role: str
    form: str  # lookup | periodic | loop | formula | ridge
    model: str  # like 'n*n' or 'ridge d=3 alpha=0.01'
    bits: float  # program length; for ridge, the bits of its weights at 2**-10 precision
    chars: int | None  # length of the Python source (programs only)
    train_error: float  # RMSE on the training terms: 0 for a program, which fits exactly
    exact: int  # held-out terms predicted exactly (ridge: after rounding)
    k: int  # held-out terms
    rel_error: float | None  # None when the model predicts nothing (the lookup)
    predictions: Values | None
    weight_norm: float | None = None  # ridge only, in scaled units
    degree: int | None = None
    alpha: float | None = None
    source: str | None = None  # the program's Python source
    program: Program | None = field(default=None, compare=False)
    fit: RidgeFit | None = field(default=None, compare=False)
    residual_bits: float | None = None  # noisy mode: bits of the training residuals (bits: model)

    def as_dict(self) -> dict:
        """The row as JSON-ready data (no objects; a non-finite error becomes None)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)
               if f.name not in ("program", "fit")
               and (f.name != "residual_bits" or self.residual_bits is not None)}
        out["predictions"] = None if self.predictions is None else list(self.predictions)
        for key in ("bits", "train_error", "rel_error", "weight_norm"):
            if out[key] is not None and not math.isfinite(out[key]):
                out[key] = None
        return out

    def __repr__(self) -> str:
        return f"Row({self.row}, {self.form}, {self.model!r}, {self.exact}/{self.k} exact)"


@dataclass(frozen=True, repr=False)
class Comparison:
    """The rows of a comparison and what they were computed from; ``print()`` gives the report."""

    train: tuple[int, ...]
    heldout: tuple[int, ...]
    offset: int
    rows: tuple[Row, ...]
    result: SearchResult = field(compare=False)
    n_fit: int  # programs found that reproduce the training terms (the lookup included)
    n_same: int  # of those, the ones that continue exactly as the pick does (the pick included)
    n_differ: int  # of those, the ones that give other values for the held-out terms
    continuations: int  # distinct held-out continuations among the programs that predict
    noise: bool = False  # noisy mode: rows carry residual bits, ranked by the two-part length

    @property
    def pick(self) -> Row:
        """The shortest program: the row marked ``>``."""
        return next(r for r in self.rows if r.role == "pick")

    def as_dict(self) -> dict:
        """The comparison as JSON-ready data: the terms, the search and every row."""
        s = self.result.stats
        return {"offset": self.offset, "train": list(self.train), "heldout": list(self.heldout),
                "search": {"max_size": s.max_size, "stopped_by": s.stopped_by,
                           "candidates": s.candidates, "elapsed_s": round(s.elapsed_s, 3)},
                "programs_fit": self.n_fit, "programs_same_as_pick": self.n_same,
                "programs_differing": self.n_differ,
                "continuations": self.continuations,
                **({"noise": True} if self.noise else {}),
                "rows": [r.as_dict() for r in self.rows]}

    def _repr_html_(self) -> str:
        """The printed report as an HTML block, for notebooks."""
        return preformatted(str(self))

    def __str__(self) -> str:
        text = report(self)  # the report renders any comparison-shaped object
        return text + "\n" + two_part_table(self.rows) if self.noise else text

    def __repr__(self) -> str:
        return (f"Comparison({len(self.train)} train, {len(self.heldout)} held out, "
                f"pick={self.pick.model!r}, {len(self.rows)} rows)")


# -- argument checks ------------------------------------------------------------------------

def in_float_range(terms: Sequence[int]) -> bool:
    """Whether ridge can take the terms: every one below 2**FLOAT_BITS in size.

    >>> in_float_range([1, 2**1023 - 1]), in_float_range([2**1023])
    (True, False)
    """
    return max(abs(v) for v in terms).bit_length() <= FLOAT_BITS

def _ints(values: object, name: str, least: int) -> tuple[int, ...]:
    """The values as a tuple of Python ints, or an error naming the argument."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise TypeError(f"{name} must be a sequence of integers, got {type(values).__name__}")
    out = tuple(values)
    for v in out:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Integral):
            raise TypeError(f"{name} must contain only integers, got {v!r}")
    if len(out) < least:
        raise ValueError(f"{name} must have at least {least} terms, got {len(out)}")
    return tuple(int(v) for v in out)


def _count(v: object, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {v!r}")
    if v < 0:
        raise ValueError(f"{name} must be at least 0, got {v}")
    return int(v)


# -- scoring --------------------------------------------------------------------------------
def relative_error(predicted: Sequence[float], truth: Sequence[int]) -> float:
    """``|predicted - truth| / max(1, |truth|)`` in Euclidean norm; exact for integers.

    >>> relative_error([3, 4], [0, 0]), relative_error([1, 2], [1, 2])
    (5.0, 0.0)
    """
    if all(isinstance(p, int) for p in predicted):  # exact: the ratio of two big integers
        num = sum((p - t) ** 2 for p, t in zip(predicted, truth))
        den = max(1, sum(t * t for t in truth))
        try:
            return math.sqrt(num / den)
        except OverflowError:  # the ratio is beyond floats: go through logarithms
            try:
                return math.exp((math.log(num) - math.log(den)) / 2)
            except OverflowError:  # and so is its square root
                return math.inf
    scale = max(1, max(abs(t) for t in truth))  # compare scaled floats: no overflow
    with np.errstate(over="ignore", invalid="ignore"):
        floats = np.array(predicted, dtype=float)  # past float range, divide by the inverse:
        scaled = floats * (1 / scale) if scale.bit_length() > 1000 else floats / scale
        diff = scaled - np.array([t / scale for t in truth])
        den = max(1 / scale, math.sqrt(sum((t / scale) ** 2 for t in truth)))
        err = float(np.sqrt(np.sum(diff**2))) / den
    return err if math.isfinite(err) else math.inf


def _exact(predicted: Sequence[int | None], truth: Sequence[int]) -> int:
    return sum(p == t for p, t in zip(predicted, truth))


# -- rows -----------------------------------------------------------------------------------
def _program_row(prog: Program, role: str, start: int, heldout: tuple[int, ...]) -> Row:
    pred = None  # a table predicts nothing; a program up to the first term it cannot compute
    if prog.predicts:
        seq = prog.prefix(start, len(heldout))
        pred = seq + (None,) * (len(heldout) - len(seq))
    err = None if pred is None else math.inf if None in pred else relative_error(pred, heldout)
    return Row(0, "", role, prog.form, prog.display(), prog.bits, prog.chars, 0.0,
               0 if pred is None else _exact(pred, heldout), len(heldout), err, pred,
               source=prog.source, program=prog)


def _ridge_row(fit: RidgeFit, start: int, heldout: tuple[int, ...]) -> Row:
    floats = fit.predict(range(start, start + len(heldout))).tolist()
    pred = tuple(round(v) if math.isfinite(v) else None for v in floats)
    return Row(0, "", "ridge", "ridge", fit.name, fit.weight_bits, None, fit.train_error,
               _exact(pred, heldout), len(heldout), relative_error(floats, heldout), pred,
               weight_norm=fit.weight_norm, degree=fit.degree, alpha=fit.alpha, fit=fit)


def _chosen(result: SearchResult, start: int, k: int,
            max_differing: int) -> tuple[list[tuple[Program, str]], int, int, int]:
    """The programs to list with their roles; how many continue as the pick, how many do not
    (with a value at every held-out term), and how many continuations there are."""
    pick = result.best
    own = pick.continuation(start, k)
    chosen: dict[int, tuple[Program, str]] = {id(pick): (pick, "pick")}
    for form in FORMS:  # the best (shortest) program of each form
        best = next((p for p in result.programs if p.form == form), None)
        if best is not None and id(best) not in chosen:
            chosen[id(best)] = (best, "lookup" if form == "lookup" else f"best {form}")
    seen: set[tuple[int, ...]] = set()
    same = differ = 0
    for p in result.programs:  # ranked by bits: the first of each continuation is its shortest
        seq = p.continuation(start, k)
        if seq is None or seq == own:
            same += seq is not None
            continue
        differ += 1
        if seq not in seen and len(seen) < max_differing:
            chosen.setdefault(id(p), (p, "fits, differs"))
        seen.add(seq)
    ranked = sorted(chosen.values(), key=lambda pr: pr[0].key())
    return ranked, same, differ, len(seen) + (own is not None)


def compare(train: Sequence[int], heldout: Sequence[int], *, offset: int = 0,
            time_limit: float = 2.0, max_size: int = MAX_SIZE, degrees: Sequence[int] = DEGREES,
            alphas: Sequence[float] = ALPHAS, max_differing: int = MAX_DIFFERING,
            max_memory_mb: float = MAX_MEMORY_MB, noise: bool = False) -> Comparison:
    """Search programs on ``train`` only, fit the ridge sweep, and score all on ``heldout``.

    The ridge sweep is left out when a training term is beyond float range (2**1023).  With
    ``noise=True`` the search is noisy (``search(noise=True)``) and every row carries its
    model bits (``bits``) and its training residuals' bits (``residual_bits``) apart.

    >>> c = compare([0, 1, 4, 9, 16, 25, 36, 49], [64, 81], time_limit=0.5, max_size=3)
    >>> c.pick.model, c.pick.exact, c.pick.k
    ('n*n', 2, 2)
    """
    train_t, heldout_t = _ints(train, "train", 2), _ints(heldout, "heldout", 1)
    max_differing = _count(max_differing, "max_differing")
    result = search(train_t, offset=offset, time_limit=time_limit, max_size=max_size,
                    max_memory_mb=max_memory_mb, noise=noise)
    start = result.offset + len(train_t)
    chosen, same, differ, continuations = _chosen(result, start, len(heldout_t), max_differing)
    rows = [_program_row(p, role, start, heldout_t) for p, role in chosen]
    if in_float_range(train_t):  # else no ridge rows
        fits = ridge_sweep(list(train_t), offset=result.offset, degrees=degrees, alphas=alphas)
        rows += [_ridge_row(fit, start, heldout_t) for fit in fits]
    own = next(r.predictions for r in rows if r.role == "pick")
    rows = [_numbered(i, r, own) for i, r in enumerate(rows, 1)]
    if noise:
        rows = [two_part_row(r, train_t, result.offset) for r in rows]
    return Comparison(train_t, heldout_t, result.offset, tuple(rows), result, len(result.programs),
                      same, differ, continuations, noise)


def _numbered(i: int, row: Row, own: Values | None) -> Row:
    """The row with its number and mark: > the pick, * fits but continues differently."""
    differs = row.program is not None and row.predictions is not None and row.predictions != own
    mark = ">" if row.role == "pick" else "*" if differs else ""
    return replace(row, row=i, mark=mark)
