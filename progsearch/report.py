"""The printed report of a comparison: a fixed-width table, a legend, and what the run shows.

Plain text, at most 100 columns, and the same bytes for the same comparison (no clock times:
the search's own time is in the JSON).  Every cell of the table is computed from the JSON form
of its row (``Row.as_dict()``), through :data:`COLUMNS`, so the two cannot disagree.
"""

from __future__ import annotations

import itertools
import math
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .compare import Comparison, Row, compare

WIDTH = 100


def _num(v: float | None) -> str:
    """A number in 3 significant digits; '0' for zero, 'inf' for infinity, '-' for none."""
    if v is None:
        return "-"
    return "0" if v == 0 else "inf" if math.isinf(v) else f"{v:.3g}"


def _heldout(d: dict) -> str:
    return "none" if d["predictions"] is None else f"{d['exact']}/{d['k']}"


@dataclass(frozen=True)
class Column:
    """One table column: header, width, and the cell text from a row's JSON dict."""

    header: str
    width: int
    keys: tuple[str, ...]  # the JSON keys the cell is made from
    cell: Callable[[dict], str]
    left: bool = False

    def __repr__(self) -> str:
        return f"Column({self.header!r}, {self.width})"


COLUMNS = (
    Column("", 1, ("mark",), lambda d: d["mark"], left=True),
    Column("#", 2, ("row",), lambda d: str(d["row"])),
    Column("form", 8, ("form",), lambda d: d["form"], left=True),
    Column("bits", 6, ("bits",), lambda d: f"{d['bits']:.1f}"),
    Column("chars", 5, ("chars",), lambda d: "-" if d["chars"] is None else str(d["chars"])),
    Column("train", 8, ("train_error",), lambda d: _num(d["train_error"])),
    Column("held-out", 8, ("exact", "k", "predictions"), _heldout),
    Column("rel err", 8, ("rel_error",), lambda d: _num(d["rel_error"])),
    Column("|w|", 7, ("weight_norm",), lambda d: "" if d["weight_norm"] is None
           else _num(d["weight_norm"])),
)
NO_NEXT = "none (a table has no next term)"
MODEL_HEADER = "model"  # the last column takes the rest of the line; its key is "model"

LEGEND = """\
>  the pick: the shortest program that reproduces every training term, chosen without the
   held-out terms.  *  reproduces every training term too, but continues differently.
bits: program length in one prefix-free code (form tag, log2 of the choices at each node, Elias
   delta for integers); for ridge, the bits to write its weights to 2**-10 (intercept free).
train: root mean squared error on the training terms (0 for a program: it fits them exactly).
held-out: terms predicted exactly (ridge: rounded to the nearest integer) out of those held out;
   none: the lookup has no next term.  rel err: |prediction - truth| / |truth| over them.
|w|: the ridge weight norm (x scaled to [0, 1], y to [-1, 1]); alpha is the weight decay."""


# -- text helpers ---------------------------------------------------------------------------
def _values(values: Sequence[int | None], width: int) -> str:
    """Comma-separated values, cut with '...' to fit ``width``.

    >>> _values([1, 22, 333], 8)
    '1, 22...'
    """
    text = ", ".join("?" if v is None else str(v) for v in values)
    return text if len(text) <= width else text[: width - 3] + "..."


def _span(numbers: Sequence[int]) -> str:
    """Row numbers as ranges.

    >>> _span([1, 2, 3, 5, 7, 8])
    '1-3, 5, 7-8'
    """
    parts, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        parts.append(str(numbers[i]) if i == j else f"{numbers[i]}-{numbers[j]}")
        i = j + 1
    return ", ".join(parts)


def wrap(text: str, indent: str = "", first: str | None = None, width: int = WIDTH) -> str:
    """``text`` wrapped to ``width`` columns, lines after ``indent``; ``first`` starts line one.

    >>> wrap("a b c", "  ", "- ")
    '- a b c'
    >>> print(wrap("one two three", indent="  ", width=9))
      one two
      three
    """
    first = indent if first is None else first
    return textwrap.fill(text, width, initial_indent=first, subsequent_indent=indent)


def clip(text: str, width: int) -> str:
    """The text cut to ``width`` characters, ending in '...' if it was cut.

    >>> clip("abcdefgh", 6), clip("abc", 6)
    ('abc...', 'abc')
    """
    return text if len(text) <= width else text[: width - 3] + "..."


def _fill(text: str) -> str:
    return textwrap.fill(text, WIDTH, break_on_hyphens=False)


def _all(k: int) -> str:
    return "the held-out term" if k == 1 else f"all {k} held-out terms"


def _where(first: int, count: int) -> str:
    return f"a({first})" if count == 1 else f"a({first}..{first + count - 1})"


# -- the parts of the report ----------------------------------------------------------------
def header(c: Comparison) -> list[str]:
    """The first lines: what was trained on, what was held out, how far the search went.

    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,))
    >>> header(c)[0]
    'progsearch compare: 6 training terms a(0..5), 1 held out a(6)'
    """
    n, k, s = len(c.train), len(c.heldout), c.result.stats
    start = c.offset + n
    title = f"progsearch compare: {n} training terms {_where(c.offset, n)}"
    found = f"{c.n_fit} programs reproduce the training terms"
    return [f"{title}, {k} held out {_where(start, k)}",
            f"train:    {_values(c.train, WIDTH - 10)}",
            f"held out: {_values(c.heldout, WIDTH - 10)}",
            f"search:   {found} (sizes up to {s.max_size}, stopped by {s.stopped_by})"]


def table(rows: Sequence[Row]) -> list[str]:
    r"""The fixed-width table: one line per row, the model text last (wrapped if long).

    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,),
    ...             alphas=(1.0,))
    >>> print("\n".join(table(c.rows)))
       # form       bits chars    train held-out  rel err     |w|  model
    >  1 formula    16.0    27        0      1/1        0          1 + n
       2 lookup     45.0    43        0     none        -          table of 6 values
       3 ridge      20.0     -        1      0/1    0.294   0.343  ridge d=1 alpha=1
    """

    def lines(cells: list[str], model: str) -> list[str]:
        parts = [c.ljust(col.width) if col.left else c.rjust(col.width)
                 for col, c in zip(COLUMNS, cells)]
        head = " ".join(parts) + "  "
        room = WIDTH - len(head)
        pieces = [w for part in model.split("; ")  # a loop: its rule, then its initial values
                  for w in textwrap.wrap(part, room, break_on_hyphens=False)] or [""]
        return [(head + pieces[0]).rstrip()] + [" " * len(head) + p for p in pieces[1:]]

    out = lines([col.header for col in COLUMNS], MODEL_HEADER)
    for r in rows:
        d = r.as_dict()
        out += lines([col.cell(d) for col in COLUMNS], d["model"])
    return out


def predictions(c: Comparison) -> list[str]:
    r"""The held-out terms and each row's prediction, rows with equal predictions together.

    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,),
    ...             alphas=(0.0,))
    >>> print("\n".join(predictions(c)))
    The held-out terms a(6) and what each row predicts:
      truth      7
      rows 1, 3  7
      row 2      none (a table has no next term)
    """
    groups: dict[object, list[int]] = {}
    for r in c.rows:
        groups.setdefault(r.predictions, []).append(r.row)
    labelled = [("truth", c.heldout)] + [(f"rows {_span(nums)}" if len(nums) > 1
                                          else f"row {nums[0]}", pred)
                                         for pred, nums in groups.items()]
    width = min(24, max(len(label) for label, _ in labelled))
    where = _where(c.offset + len(c.train), len(c.heldout))
    out = [f"The held-out terms {where} and what each row predicts:"]
    for label, pred in labelled:
        text = NO_NEXT if pred is None else _values(pred, WIDTH - 4 - width)
        if len(label) > width:
            out += [f"  {label}", f"  {'':<{width}}  {text}"]
        else:
            out.append(f"  {label:<{width}}  {text}")
    return out


# -- what the run shows ---------------------------------------------------------------------
def _departure(pred: Sequence[int | None], own: Sequence[int | None] | None) -> int:
    """The first held-out position where ``pred`` differs from ``own``."""
    if own is None:
        return 0
    return next(i for i, (p, q) in enumerate(zip(pred, own)) if p != q)


def _pick_text(c: Comparison) -> str:
    p, n, k = c.pick, len(c.train), len(c.heldout)
    if p.form == "lookup":
        return (f"Nothing shorter than the table itself was found: the pick is the lookup (row "
                f"{p.row}, {p.bits:.1f} bits), which reproduces the {n} training terms and "
                f"predicts none of the {k} held-out terms.")
    text = (f"The pick is row {p.row}, the {p.form} {p.model} ({p.bits:.1f} bits, {p.chars} "
            f"characters of Python): the shortest of the {c.n_fit} programs found that reproduce "
            f"all {n} training terms, chosen without looking at the held-out terms. ")
    if p.predictions is None:
        return text + f"It gives no value for the {k} held-out terms: it is undefined there."
    if p.exact == k:
        return text + f"It predicts {_all(k)} exactly."
    return text + (f"It predicts {p.exact} of the {k} held-out terms exactly; its relative "
                   f"error is {_num(p.rel_error)}.")


def _lookup_text(c: Comparison) -> str:
    look = next((r for r in c.rows if r.form == "lookup"), None)
    if look is None or look.role == "pick":
        return ""
    return (f"The lookup (row {look.row}) reproduces the training terms too, at {look.bits:.1f} "
            f"bits, {look.bits / c.pick.bits:.1f} times the pick, and predicts none of the "
            "held-out terms: a table has no next term.")


def _ridge_text(c: Comparison) -> str:
    ridge = [r for r in c.rows if r.form == "ridge"]
    if not ridge:
        return ("Weight decay: no ridge models, as the training terms are beyond float range "
                "(2**1023).")
    k = len(c.heldout)
    alphas = sorted({r.alpha for r in ridge})
    degrees = ", ".join(str(d) for d in sorted({r.degree for r in ridge}))
    best = min(ridge, key=lambda r: (r.rel_error, r.bits, r.row))
    worst = max(ridge, key=lambda r: (r.rel_error, -r.row))
    exact = sum(r.exact == k for r in ridge)
    how_many = {0: "none predicts", 1: "one predicts"}.get(exact, f"{exact} predict")
    text = (f"Weight decay: of the {len(ridge)} ridge models (degree {degrees}; alpha "
            f"{alphas[0]:g} to {alphas[-1]:g}), {how_many} {_all(k)} after "
            f"rounding. The closest, chosen after seeing the held-out terms, is row {best.row}, "
            f"{best.model}: {best.exact}/{k} exact, relative error {_num(best.rel_error)}, "
            f"{best.bits:.0f} bits of weights against the pick's {c.pick.bits:.1f} bits of "
            f"program; the farthest is row {worst.row}, {worst.model}, relative error "
            f"{_num(worst.rel_error)}.")
    return text + " " + _decay_text(ridge)


def _falls(rows: list[Row]) -> bool:
    """Whether the weight norm falls at every step of ``rows`` (sorted by alpha)."""
    return all(b.weight_norm < a.weight_norm for a, b in itertools.pairwise(rows))


def _decay_text(ridge: list[Row]) -> str:
    by_degree = {d: sorted((r for r in ridge if r.degree == d), key=lambda r: r.alpha)
                 for d in sorted({r.degree for r in ridge})}
    d, rows = max(by_degree.items())
    if len(rows) < 2:
        return ""
    first, last = rows[0], rows[-1]
    how = ("falls at every step" if _falls(rows) else "falls"
           if last.weight_norm < first.weight_norm else "does not fall")
    rises = "rises" if last.train_error > first.train_error else "does not rise"
    everywhere = len(by_degree) > 1 and all(_falls(group) for group in by_degree.values())
    also = " The norm falls as alpha rises at every degree." if everywhere else ""
    return (f"At degree {d}, as alpha rises from {first.alpha:g} to {last.alpha:g} the weight "
            f"norm {how}, from {_num(first.weight_norm)} to {_num(last.weight_norm)}, and the "
            f"training error {rises}, from {_num(first.train_error)} to "
            f"{_num(last.train_error)}.{also}")


def _divergence_text(c: Comparison) -> str:
    differing = [r for r in c.rows if r.mark == "*"]
    start, own = c.offset + len(c.train), c.pick.predictions
    if not differing:
        return (f"None of the {c.n_fit} programs found that reproduce the training terms "
                "continues differently from the pick within this search budget (sizes up to "
                f"{c.result.stats.max_size}).")
    text = (f"Of the {c.n_fit} programs that reproduce the training terms, {c.n_same} continue "
            f"as the pick does and {c.n_differ} do not, giving {c.continuations - 1} other "
            "continuations of the held-out terms: the training terms cannot tell these programs "
            "apart, only their length does. ")
    parts = []
    for r in differing:
        j = _departure(r.predictions, own)
        instead = "" if own is None else f" instead of {own[j]}"
        parts.append(f"row {r.row} ({r.bits:.1f} bits) at a({start + j}) = "
                     f"{r.predictions[j]}{instead}")
    text += "They part from the pick: " + "; ".join(parts) + "."
    better = [r for r in differing if r.exact > c.pick.exact]
    if better:
        b = better[0]
        text += (f" Here a longer program does better on the held-out terms: row {b.row} gets "
                 f"{b.exact}/{len(c.heldout)}. Shortness is a bet, not a guarantee.")
    return text


def summary(c: Comparison) -> list[str]:
    """A few paragraphs on what this run shows, with its own numbers, wrapped to 100 columns.

    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,))
    >>> print(summary(c)[2])
    predicts the held-out term exactly.
    """
    texts = [_pick_text(c), _lookup_text(c), _divergence_text(c), _ridge_text(c)]
    return "\n\n".join(_fill(t) for t in texts if t).splitlines()


def report(c: Comparison) -> str:
    """The whole report: header, table, predictions, legend, and what the run shows.

    >>> c = compare([0, 1, 4, 9, 16, 25, 36, 49], [64, 81], time_limit=0.5, max_size=3,
    ...             degrees=(2,), alphas=(0.0, 1.0))
    >>> print(report(c).splitlines()[6])
    >  1 formula    12.0    25        0      2/2        0          n*n
    """
    parts = [header(c), table(c.rows), predictions(c), LEGEND.splitlines(), summary(c)]
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


def timed_report(terms: Sequence[int], *, holdout: int, **kwargs) -> tuple[str, float]:
    """Compare on all but the last ``holdout`` terms and render the report: (text, seconds).

    For the benchmark: the seconds cover the search, the ridge sweep and the rendering.

    >>> text, seconds = timed_report(list(range(10)), holdout=2, time_limit=0.2, max_size=3)
    >>> text.startswith('progsearch compare: 8 training terms'), seconds < 60
    (True, True)
    """
    terms = list(terms)
    t0 = time.perf_counter()
    text = report(compare(terms[:-holdout], terms[-holdout:], **kwargs))
    return text, time.perf_counter() - t0
