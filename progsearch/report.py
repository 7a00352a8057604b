"""The printed report of a comparison: a fixed-width table, a legend, and what the run shows.

Plain text, at most 100 columns, and the same bytes for the same comparison (no clock times:
the search's own time is in the JSON).  Every cell of the table is computed from the JSON form
of its row (``as_dict()``), through :data:`COLUMNS`, so the two cannot disagree.

The report renders what it is given: any object shaped like :class:`ComparisonLike` (such as
``progsearch.compare.Comparison``, whose ``str()`` is this report).  It imports nothing from
``compare``; the paragraphs at the end come from :mod:`progsearch.findings`, the text helpers
from :mod:`progsearch.text` (``wrap``, ``clip`` and ``WIDTH`` are re-exported here).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .display import next_terms, tidy
from .findings import ComparisonLike, RowLike, summary
from .text import WIDTH, clip, num, span, values, where, wrap

__all__ = ["COLUMNS", "LEGEND", "WIDTH", "Column", "ComparisonLike", "RowLike", "clip", "header",
           "predictions", "report", "summary", "table", "wrap"]


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
    Column("form", 9, ("form",), lambda d: d["form"], left=True),
    Column("bits", 6, ("bits",), lambda d: f"{d['bits']:.1f}"),
    Column("chars", 5, ("chars",), lambda d: "-" if d["chars"] is None else str(d["chars"])),
    Column("train", 8, ("train_error",), lambda d: num(d["train_error"])),
    Column("held-out", 8, ("exact", "k", "predictions"), _heldout),
    Column("rel err", 8, ("rel_error",), lambda d: num(d["rel_error"])),
    Column("|w|", 7, ("weight_norm",), lambda d: "" if d["weight_norm"] is None
           else num(d["weight_norm"])),
)
NO_NEXT = "none (a table has no next term)"
STOPS = "  (?: the prediction stops: the program has no value from that term on)"
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


# -- the parts of the report ----------------------------------------------------------------
def header(c: ComparisonLike) -> list[str]:
    """The first lines: what was trained on, what was held out, how far the search went.

    >>> from progsearch import compare
    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,))
    >>> header(c)[0]
    'progsearch compare: 6 training terms a(0..5), 1 held out a(6)'
    """
    n, k, s = len(c.train), len(c.heldout), c.result.stats
    start = c.offset + n
    title = f"progsearch compare: {n} training terms {where(c.offset, n)}"
    found = f"{c.n_fit} programs reproduce the training terms"
    return [f"{title}, {k} held out {where(start, k)}",
            f"train:    {values(c.train, WIDTH - 10)}",
            f"held out: {values(c.heldout, WIDTH - 10)}",
            f"search:   {found} (sizes up to {s.max_size}, stopped by {s.stopped_by})"]


def table(rows: Sequence[RowLike]) -> list[str]:
    r"""The fixed-width table: one line per row, the model text last (wrapped if long).

    >>> from progsearch import compare
    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,),
    ...             alphas=(1.0,))
    >>> print("\n".join(table(c.rows)))
       # form        bits chars    train held-out  rel err     |w|  model
    >  1 formula     17.0    27        0      1/1        0          1 + n
       2 transform   19.2    83        0      1/1        0          differences: a(n) - a(n-1) = 1
                                                                    a(0) = 1
       3 lookup      45.6    43        0     none        -          table of 6 values
       4 ridge       20.0     -        1      0/1    0.294   0.343  ridge d=1 alpha=1
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
        out += lines([col.cell(d) for col in COLUMNS], tidy(d["model"]))
    return out


def predictions(c: ComparisonLike) -> list[str]:
    r"""The held-out terms and each row's prediction, rows with equal predictions together.

    >>> from progsearch import compare
    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,),
    ...             alphas=(0.0,))
    >>> print("\n".join(predictions(c)))
    The held-out terms a(6) and what each row predicts:
      truth        7
      rows 1-2, 4  7
      row 3        none (a table has no next term)
    """
    groups: dict[object, list[int]] = {}
    for r in c.rows:
        groups.setdefault(r.predictions, []).append(r.row)
    labelled = [("truth", c.heldout)] + [(f"rows {span(nums)}" if len(nums) > 1
                                          else f"row {nums[0]}", pred)
                                         for pred, nums in groups.items()]
    width = min(24, max(len(label) for label, _ in labelled))
    indices = where(c.offset + len(c.train), len(c.heldout))
    out = [f"The held-out terms {indices} and what each row predicts:"]
    for label, pred in labelled:
        text = _none(c, groups[None][0]) if pred is None else values(pred, WIDTH - 4 - width)
        if len(label) > width:
            out += [f"  {label}", f"  {'':<{width}}  {text}"]
        else:
            out.append(f"  {label:<{width}}  {text}")
    if any(r.form != "ridge" and r.predictions is not None and None in r.predictions
           for r in c.rows):
        out.append(STOPS)
    return out


def _none(c: ComparisonLike, number: int) -> str:
    """Why row ``number`` predicts nothing: a table has no next term, or what its program says."""
    prog = getattr(c.rows[number - 1], "program", None)
    why = (next_terms(prog, c.offset + len(c.train), len(c.heldout))[1] or ""
           if prog is not None else "")
    return NO_NEXT if not why else f"none ({why})"


def report(c: ComparisonLike) -> str:
    """The whole report: header, table, predictions, legend, and what the run shows.

    >>> from progsearch import compare
    >>> c = compare([0, 1, 4, 9, 16, 25, 36, 49], [64, 81], time_limit=0.5, max_size=3,
    ...             degrees=(2,), alphas=(0.0, 1.0))
    >>> print(report(c).splitlines()[6])
    >  1 formula     13.0    25        0      2/2        0          n*n
    """
    parts = [header(c), table(c.rows), predictions(c), LEGEND.splitlines(), summary(c)]
    return "\n\n".join("\n".join(p) for p in parts) + "\n"
