"""The ranked table that `progsearch guess` prints, and its JSON twin."""

from __future__ import annotations

import textwrap

from progsearch.bigint import int_text
from progsearch.forms import Program
from progsearch.search import SearchResult, predicted

LEGEND = ("bits: length of the program in one prefix-free binary code (form tag, log2 of the "
          "choices\n      at each expression node, Elias delta for integers); 2**-bits is its "
          "prior weight.\n      > marks the pick: the fewest bits. chars: length of its Python "
          "source.")
SHOWN = 10  # programs listed in the table (the lookup is always listed too)


def program_dict(prog: Program, start: int, k: int) -> dict:
    """The JSON fields of a program, with its ``k`` terms from index ``start`` (fewer where it
    stops: up to the first it cannot compute; None for a table).

    >>> from progsearch.search import search
    >>> d = program_dict(search([1, 2, 3, 4], max_size=3).best, 4, 2)
    >>> d["form"], d["program"], d["next"]
    ('formula', '1 + n', [5, 6])
    """
    nxt = prog.prefix(start, k) if prog.predicts else None
    return {"form": prog.form, "bits": round(prog.bits, 3), "chars": prog.chars,
            "program": prog.display(), "source": prog.source,
            "next": None if nxt is None else list(nxt)}


def result_dict(r: SearchResult, k: int) -> dict:
    """The JSON document of a search: best, programs, prediction, stats.

    >>> from progsearch.search import search
    >>> list(result_dict(search([1, 2, 3, 4], max_size=3), 2))
    ['terms', 'offset', 'best', 'programs', 'prediction', 'stats']
    """
    start = r.offset + len(r.terms)
    return {"terms": r.terms, "offset": r.offset,
            "best": program_dict(r.best, start, k),
            "programs": [program_dict(p, start, k) for p in r.programs],
            "prediction": [{"n": p.n, "value": p.value, "p": round(p.p, 6),
                            "p_none": round(p.p_none, 6),
                            "candidates": [[v, round(q, 6)] for v, q in p.candidates[:5]]}
                           for p in r.predict(k)],
            "stats": {**r.stats.as_dict(), "elapsed_s": round(r.stats.elapsed_s, 3)}}


def _short(values: tuple[int, ...] | None, width: int) -> str:
    if values is None:
        return "(none: a table has no next term)"[:width]
    text = ", ".join(map(int_text, values))
    return text if len(text) <= width else text[: width - 3] + "..."


def _row(rank: int, prog: Program, pick: bool, nxt: tuple[int, ...] | None) -> str:
    """One table line, at most 100 columns: the program first, then as much of the next terms."""
    text = prog.display()
    text = text if len(text) <= 60 else text[:57] + "..."
    width = max(44, len(text))
    head = f"{'>' if pick else ' '} {rank:>3}  {prog.form:<9} {prog.bits:>7.1f} {prog.chars:>6}  "
    return f"{head}{text:<{width}}  {_short(nxt, 100 - len(head) - width - 2)}"


def guess_table(r: SearchResult, k: int = 5) -> str:
    """The ranked table of a search, with the pick marked, a legend and the prediction.

    >>> from progsearch.search import search
    >>> table = guess_table(search([1, 2, 3, 4], max_size=3), 2).splitlines()
    >>> table[4].split()[:3], "1 + n" in table[4]
    (['>', '1', 'formula'], True)
    """
    s = r.stats
    lines = [(f"{len(r.terms)} terms from n={r.offset}; searched sizes up to {s.max_size} in "
             f"{s.elapsed_s:.2f} s (stopped by {s.stopped_by})"),
             f"{s.candidates:,} candidates evaluated, {s.distinct:,} distinct programs kept", "",
             f"  {'#':>3}  {'form':<9} {'bits':>7} {'chars':>6}  {'program':<44}  next {k}"]
    shown = [(i, p) for i, p in enumerate(r.programs) if i < SHOWN or p.form == "lookup"]
    for i, p in shown:
        if i >= SHOWN and shown and i != shown[0][0]:
            lines.append(f"  {'...':>3}")
        lines.append(_row(i + 1, p, i == 0, r.continuation(p, k)))
    lines += ["", LEGEND, "", _prediction_line(r, k)]
    return "\n".join(lines)


def _prediction_line(r: SearchResult, k: int) -> str:
    preds = r.predict(k)
    if not preds or preds[0].value is None or preds[0].p_none > 0.5:
        p_none = preds[0].p_none if preds else 1.0
        return (f"prediction: none. The lookup table carries {p_none:.0%} of the weight: "
                "nothing shorter than the data was found.")
    shown = predicted(preds)
    parts = [f"a({p.n}) = {int_text(p.value)} (p={p.p:.2f})" for p in preds[:shown]]
    text = (f"prediction (2**-bits mixture of all {len(r.programs)} programs): "
            + ", ".join(parts))
    if shown < len(preds):  # most of the weight has no value there: the prediction stops
        stop = preds[shown]
        text += (f"; it stops at a({stop.n}): programs with {stop.p_none:.0%} of the weight "
                 "give no value there")
    return textwrap.fill(text, width=100, subsequent_indent="    ")
