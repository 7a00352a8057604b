"""The ranked table that `progsearch guess` prints, and its JSON twin.

Nothing in a row is cut: a long program or a long list of next terms wraps onto more lines
(a loop breaks after its rule, before its initial values), so every row fits 100 columns.
"""

from __future__ import annotations

import textwrap

from progsearch.confidence import LEVELS, Confidence, confidence, unsearched_bits
from progsearch.display import next_terms, next_text, show, simplified, table_rows
from progsearch.forms import Program
from progsearch.noise.program import Fitted
from progsearch.search import SearchResult
from progsearch.text import WIDTH, integer, plural

LEGEND = """\
bits: length of the program in one prefix-free binary code (form tag, log2 of the choices at each
      expression node, Elias delta for integers); 2**-bits is its prior weight.
      > marks the pick: the fewest bits. chars: length of its Python source. A line '= ...'
      under a program is a simpler SymPy rendering of it (display only, checked on the terms)."""
SHOWN = 10  # programs listed in the table by default (the lookup is always listed too)
HEAD = 33  # columns before the program: mark, rank, form, bits, chars
PROGRAM = 42  # columns of the program text


def program_dict(prog: Program, start: int, k: int) -> dict:
    """The JSON fields of a program, with its ``k`` terms from index ``start``.

    ``next`` holds the terms up to the first the program cannot compute (null for a table,
    which predicts nothing); ``stops`` then says why.  A program of a noisy search (a
    noise.Fitted) also carries its two-part length's parts: ``program_bits`` (with the model
    tag and constants) + ``residual_bits`` = ``bits``, the residuals' ``scale`` index and their
    coded standard deviation ``residual_sd`` (0 for an exact fit).

    >>> from progsearch.search import search
    >>> d = program_dict(search([1, 2, 3, 4], max_size=3).best, 4, 2)
    >>> d["form"], d["program"], d["next"], d["stops"]
    ('formula', '1 + n', [5, 6], None)
    """
    values, why = next_terms(prog, start, k)
    out = {"form": prog.form, "bits": round(prog.bits, 3), "chars": prog.chars,
           "program": show(prog), "source": prog.source,
           "next": list(values) if prog.predicts else None, "stops": why}
    if isinstance(prog, Fitted):
        out.update(program_bits=round(prog.program_bits, 3),
                   residual_bits=round(prog.residual_bits, 3), scale=prog.scale,
                   residual_sd=round(prog.sigma, 6))
    return out


def noisy_pick(r: SearchResult) -> bool:
    """Whether the pick is an approximate fit (its residuals coded at a scale, not exact).

    >>> from progsearch.search import search
    >>> noisy_pick(search([1, 2, 3, 4], max_size=3))
    False
    """
    return isinstance(r.best, Fitted) and r.best.scale > 0


def _confidence_dict(c: Confidence, noisy: bool = False) -> dict:
    """A predicted term in JSON: value, share, level, the shares that predict nothing, and the
    candidates of the mixture of the programs found (``SearchResult.predict``).  For a noisy
    pick the value and ``p`` are the mixture's first candidate and there is no level (the
    levels were measured on exact data)."""
    value, p, level = c.value, c.p, c.level
    if noisy:
        value, p = c.candidates[0] if c.candidates else (None, 0.0)
        level = None
    return {"n": c.n, "value": value, "p": round(p, 6), "confidence": level,
            "ratio": round(c.ratio, 6), "p_lookup": round(c.p_lookup, 6),
            "p_unsearched": round(c.p_unsearched, 6), "p_none": round(c.p_none, 6),
            "candidates": [[v, round(q, 6)] for v, q in c.candidates[:5]]}


def result_dict(r: SearchResult, k: int) -> dict:
    """The JSON document of a search: best, programs, prediction (with confidence), stats.

    >>> from progsearch.search import search
    >>> list(result_dict(search([1, 2, 3, 4], max_size=3), 2))
    ['terms', 'offset', 'best', 'programs', 'prediction', 'stats']
    """
    start = r.offset + len(r.terms)
    noise = {"noise": True} if isinstance(r.best, Fitted) else {}
    return {"terms": r.terms, "offset": r.offset, **noise,
            "best": program_dict(r.best, start, k),
            "programs": [program_dict(p, start, k) for p in r.programs],
            "prediction": [_confidence_dict(c, noisy_pick(r)) for c in confidence(r, k)],
            "stats": {**r.stats.as_dict(), "elapsed_s": round(r.stats.elapsed_s, 3)}}


def _program_lines(prog: Program, terms: list[int], offset: int, simplify: bool) -> list[str]:
    """The program text wrapped to its column; a loop's initial values on their own line."""
    parts = show(prog).split("; ") if prog.form == "loop" else [show(prog)]
    lines = [w for part in parts
             for w in textwrap.wrap(part, PROGRAM, break_on_hyphens=False,
                                    subsequent_indent="  ")]
    simple = simplified(prog, terms, offset) if simplify else None
    if simple is not None:
        lines += textwrap.wrap("= " + simple, PROGRAM, subsequent_indent="  ")
    return lines


def _next_lines(prog: Program, start: int, k: int) -> list[str]:
    """The next terms wrapped to their column, and where they stop, why."""
    return textwrap.wrap(next_text(prog, start, k), WIDTH - HEAD - PROGRAM - 2,
                         break_on_hyphens=False) or [""]


def _row(rank: int, prog: Program, r: SearchResult, k: int, simplify: bool) -> list[str]:
    """The lines of one row: the program and its next terms side by side, nothing cut."""
    mark = ">" if rank == 1 else " "
    head = f"{mark} {rank:>3}  {prog.form:<9} {prog.bits:>7.1f} {prog.chars:>6}  "
    left = _program_lines(prog, r.terms, r.offset, simplify)
    right = _next_lines(prog, r.offset + len(r.terms), k)
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    return [(head if i == 0 else " " * HEAD) + f"{a:<{PROGRAM}}  {b}".rstrip()
            for i, (a, b) in enumerate(zip(left, right))]


def guess_table(r: SearchResult, k: int = 5, top: int = SHOWN, simplify: bool = True) -> str:
    """The ranked table of a search (the first ``top`` rows and the lookup), a legend and the
    prediction with its confidence.

    >>> from progsearch.search import search
    >>> table = guess_table(search([1, 2, 3, 4], max_size=3), 2).splitlines()
    >>> table[4].split()[:3], "1 + n" in table[4]
    (['>', '1', 'formula'], True)
    """
    s = r.stats
    lines = [(f"{len(r.terms)} terms from n={r.offset}; searched sizes up to {s.max_size} in "
              f"{s.elapsed_s:.2f} s (stopped by {s.stopped_by})"),
             f"{s.candidates:,} candidates evaluated, {s.distinct:,} distinct programs kept", "",
             f"  {'#':>3}  {'form':<9} {'bits':>7} {'chars':>6}  {'program':<{PROGRAM}}  next {k}"]
    rows = table_rows(r.programs, top)
    for i, p in rows:
        if i > top:  # a gap before the lookup
            lines.append(f"  {'...':>3}")
        lines += _row(i + 1, p, r, k, simplify)
    if len(r.programs) > len(rows):
        lines.append(f"  ({plural(len(r.programs) - len(rows), 'more program')}: --top N lists "
                     "more)")
    return "\n".join(lines + ["", LEGEND, ""] + prediction_lines(r, k))


def prediction_lines(r: SearchResult, k: int) -> list[str]:
    """The mixture's prediction, each term with its share and the confidence in words."""
    if noisy_pick(r):
        return noisy_prediction_lines(r, k)
    rows = confidence(r, k)
    if not rows:
        return []
    first = rows[0]
    u_bits = unsearched_bits(r.stats.max_size)
    weights = (f"In the mixture the lookup table carries {first.p_lookup:.2g} of the weight and "
               f"the unsearched mass {first.p_unsearched:.2g} (one program at {u_bits:.1f} bits, "
               f"size {r.stats.max_size + 1}, stands for those the search did not reach).")
    if first.value is None:  # the lookup's share says little when it is the pick: left out
        more = "" if r.best.form == "lookup" else f" {weights}"
        return [textwrap.fill(f"prediction: none. {_none_reason(r, first)}{more}", WIDTH)]
    out = [f"prediction (the 2**-bits mixture of the {len(r.programs)} programs found and the "
           "unsearched mass):"]
    pick_values, pick_why = next_terms(r.best, rows[0].n, k)  # where the pick stops, and why
    stop = len(pick_values)
    for j, c in enumerate(rows):
        left = f"  a({c.n}) = {'?' if c.value is None else integer(c.value)}"
        words = f"share {c.p:.3f}  {c.words()}" if c.value is not None else "no prediction"
        if c.value is None and j == stop:
            words += f" (the pick: {pick_why})"
        lines = [f"{left:<24}{words}"] if len(left) < 24 else [left, f"{'':<24}{words}"]
        out += [wrapped for line in lines
                for wrapped in textwrap.wrap(line, WIDTH, subsequent_indent=" " * 26)]
    table = next((p.bits for p in r.programs if p.form == "lookup"), r.best.bits)
    compress = (f"The pick is {first.ratio:.2f} of the lookup table's length ({r.best.bits:.1f} "
                f"of {table:.1f} bits).")
    return out + [textwrap.fill(f"{weights} {compress}", WIDTH), _levels_line()]


def noisy_prediction_lines(r: SearchResult, k: int) -> list[str]:
    """A noisy pick's prediction: each term's most probable value under the mixture, whose
    programs spread their votes by their residual codes, and the pick's residual scale.

    >>> from progsearch.search import search
    >>> r = search([5, 9, 18, 23, 33, 45, 59, 72, 91, 113, 129, 155, 181], noise=True,
    ...            max_size=6, time_limit=60.0)
    >>> [line.split()[0] for line in noisy_prediction_lines(r, 1)]
    ['prediction', 'code):', 'a(13)', 'The']
    """
    sd = r.best.sigma
    out = textwrap.wrap(f"prediction (the 2**-bits mixture of the {len(r.programs)} programs "
                        "found, each spreading its vote by its residual code):", WIDTH)
    for m in r.predict(k):
        value, q = m.candidates[0] if m.candidates else (None, 0.0)
        left = f"  a({m.n}) = {'?' if value is None else integer(value)}"
        out.append(f"{left:<24}p {q:.3f} for this exact value")
    return out + [textwrap.fill(
        f"The pick's residuals are coded at sd {sd:.3g}: a term off its rule by up to {2 * sd:.3g}"
        " is usual (about 95%). No confidence level in words: the levels were measured on "
        "exact data (benchmarks/README.md).", WIDTH)]


def _none_reason(r: SearchResult, c: Confidence) -> str:
    if r.best.form == "lookup":
        return ("Nothing shorter than the data was found: the pick is the lookup table, which has "
                "no next term.")
    why = next_terms(r.best, c.n, 1)[1] or "no value"
    return f"No program found has a value at n={c.n} (the pick: {why})."


def _levels_line() -> str:
    (top, most, least), (mid, most2, least2), (low, _, _) = LEVELS
    return textwrap.fill(
        f"confidence: {top} when the pick is at most {most:.3g} of the table's length and the "
        f"programs found agree (share among them >= {least:g}); {mid} at most {most2:g} and "
        f">= {least2:g}; {low} otherwise. The share right at each level is measured on the "
        "public OEIS benchmark, the one the bounds were chosen on (benchmarks/README.md).", WIDTH)
