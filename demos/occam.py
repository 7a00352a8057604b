"""Occam's ladder: the shortest program that fits is the one that extrapolates

Four sequences, each made by a known rule: a polynomial, an exponential, a recurrence and a
periodic sequence. The search sees only the first 10 terms; the next 5 are held out. For each
sequence the demo climbs the ladder of program forms, from pure memory to pure rule:

    lookup  ->  periodic  ->  loop  ->  formula

and prints, for the shortest program of each form that reproduces the 10 training terms, its
length in bits, the length of its Python source in characters, and how many held-out terms it
gets wrong. A last row shows a program that fits the training terms too but misses held-out
terms: the shortest such program the search found, or a rule bent after the tenth term. Every
program in a table fits the training data exactly; only the held-out column tells them apart.

Run it: ``python demos/occam.py``, ``python -m progsearch.demos.occam`` or
``progsearch demo occam``.
"""

# %%
# The sequences. Each is given by its rule, so the held-out terms are exact. There is no
# randomness in this demo and no seed: the search is exhaustive up to a fixed program size
# (MAX_SIZE nodes per expression), so every run finds the same programs and prints the same
# bytes. The time limit is only a safety net, far above what the searches need.

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable

from progsearch.occam import LADDER, TIME_LIMIT, Ladder, OccamResult, Rung, climb
from progsearch.report import WIDTH, clip, wrap

N_TRAIN, N_HELDOUT = 10, 5
MAX_SIZE = 6  # largest expression searched, in nodes: 1 + n*n has 5, 3*2**n has 5


def fibonacci(n: int) -> int:
    """The Fibonacci numbers, a(n) = a(n-1) + a(n-2) from 0, 1.

    >>> [fibonacci(n) for n in range(8)]
    [0, 1, 1, 2, 3, 5, 8, 13]
    """
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


SEQUENCES: tuple[tuple[str, str, Callable[[int], int]], ...] = (  # (kind, rule, a)
    ("a polynomial", "a(n) = n*n + 1", lambda n: n * n + 1),
    ("an exponential", "a(n) = 3 * 2**n", lambda n: 3 * 2**n),
    ("a recurrence", "a(n) = a(n-1) + a(n-2), a(0) = 0, a(1) = 1", fibonacci),
    ("a periodic sequence", "1, 4, 2, repeated", lambda n: (1, 4, 2)[n % 3]),
)


# %%
# The run: one search per sequence on its first N_TRAIN terms (``progsearch.occam.climb``).
# It keeps the shortest program of each form and scores it on the next N_HELDOUT terms: a lookup
# table has no value past its last entry, so it predicts nothing; any other program is run on
# the held-out indices. "wrong" counts the held-out terms it does not give exactly; RMSE is the
# root mean squared difference.
#
# A program that fits and misses always exists. Add comb(n, 10) to a rule
# (``progsearch.occam.bent``): it is 0 for n < 10, so the training terms do not change, and 1
# at n = 10, so the held-out terms do. The bent program is counted in bits by the library's
# code like any other; the table shows it, or a shorter program the search found that also fits
# and misses, whichever is shorter.


def run(max_size: int = MAX_SIZE) -> OccamResult:
    """Climb the ladder on every sequence of SEQUENCES.

    >>> run(max_size=3).ladders[0].lookup.wrong is None  # the table predicts nothing
    True
    """
    total = N_TRAIN + N_HELDOUT
    ladders = (climb([a(n) for n in range(N_TRAIN)], [a(n) for n in range(N_TRAIN, total)],
                     kind=kind, rule=rule, max_size=max_size, time_limit=TIME_LIMIT)
               for kind, rule, a in SEQUENCES)
    return OccamResult(max_size, tuple(ladders))


# %%
# The report: one table per sequence, then what the tables show. Every sentence that states a
# result is built from the run.


def terms_line(values: tuple[int, ...]) -> str:
    """Terms separated by spaces, clipped to fit a table line.

    >>> terms_line((1, 2, 3))
    '1 2 3'
    """
    return clip(" ".join(map(str, values)), WIDTH - 24)


def rung_line(r: Rung | None, label: str, why_none: str) -> str:
    """One table row (two or more lines if the program is long, or if it misses)."""
    if r is None:
        return f"   {label:<13} {'-':>6} {'-':>5} {'-':>7} {'-':>9}   {why_none}"
    mark = "*" if r.is_pick else " "
    wrong = "none" if r.wrong is None else f"{r.wrong} of {N_HELDOUT}"
    error = "-" if r.rmse is None else f"{r.rmse:.1f}"
    head = f" {mark} {r.label:<13} {r.bits:6.1f} {r.chars:5d} {wrong:>7} {error:>9}   "
    program = r.display
    if r.wrong:
        program += "; its held-out terms: " + " ".join(map(str, r.predicted))
    body = textwrap.wrap(program, WIDTH - len(head), subsequent_indent="  ",
                         break_on_hyphens=False)
    return "\n".join([head + body[0]] + [" " * len(head) + line for line in body[1:]])


def ladder_table(i: int, ladder: Ladder, max_size: int) -> str:
    """The ladder of one sequence as a block of text."""
    last = N_TRAIN + N_HELDOUT - 1
    none = {
        "lookup": "-",
        "periodic": "no period repeats in the training terms",
        "loop": f"no loop up to size {max_size} fits",
        "formula": f"no formula up to size {max_size} fits",
    }
    lines = [
        f"{i}. {ladder.kind[0].upper()}{ladder.kind[1:]}: {ladder.rule}",
        f"   train     a(0..{N_TRAIN - 1}):   {terms_line(ladder.train)}",
        f"   held out  a({N_TRAIN}..{last}): {terms_line(ladder.heldout)}",
        "",
        "   program         bits chars   wrong      RMSE   (held-out: wrong of 5, RMSE)",
    ]
    lines += [rung_line(ladder.rungs[form], form, none[form]) for form in LADDER]
    lines.append(rung_line(ladder.misses, "fits, misses", "none found"))
    return "\n".join(lines + ["", wrap(ladder_finding(ladder), "   ")])


def ladder_finding(ladder: Ladder) -> str:
    """What one table shows, from its numbers."""
    pick, lookup = ladder.pick, ladder.lookup
    right = "gets every held-out term right" if pick.wrong == 0 else (
        f"gets {pick.wrong} of {N_HELDOUT} held-out terms wrong")
    text = (
        f"The pick is the {pick.form} program, {pick.bits:.1f} bits: it {right}. The lookup fits "
        f"the same {N_TRAIN} terms just as exactly, costs {lookup.bits - pick.bits:.1f} bits more, "
        f"and predicts nothing."
    )
    if ladder.misses is not None:
        m = ladder.misses
        text += (
            f" The last row fits the same {N_TRAIN} terms too, is {m.bits - pick.bits:.1f} bits "
            f"longer than the pick, and gets {m.wrong} of {N_HELDOUT} held-out terms wrong."
        )
    return text


def legend() -> str:
    """What the columns mean."""
    return wrap(
        "bits: the length of the program in a prefix-free binary code (a form tag of log2(6) "
        "bits, "
        "log2 of the choices at each expression node, an integer code for every number), the "
        "length the search ranks by. chars: the length of its Python source, which pays for "
        "the loop's boilerplate, so it need not rank the same. * marks the pick, the shortest "
        "program overall. wrong: held-out terms not exactly right; 'none' means no prediction."
    )


def summary(result: OccamResult) -> str:
    """What all the tables show together, from their numbers."""
    ladders = result.ladders
    exact = [lad for lad in ladders if lad.pick.wrong == 0]
    silent = [lad for lad in ladders if lad.lookup.wrong is None]
    misses = [lad for lad in ladders if lad.misses is not None]
    lines = [
        f"- The shortest program that fits got every held-out term right on {len(exact)} of "
        f"{len(ladders)} sequences"
        + ("." if len(exact) == len(ladders) else
           f"; it missed on: {', '.join(lad.kind for lad in ladders if lad not in exact)}."),
        (
            f"- The lookup fitted all {len(ladders)} training sets exactly and made a prediction "
            f"on {len(ladders) - len(silent)} of them: memory reproduces, it does not extrapolate."
        ),
    ]
    if misses:
        gaps = [lad.misses.bits - lad.pick.bits for lad in misses]
        span = f"{min(gaps):.1f}" if f"{min(gaps):.1f}" == f"{max(gaps):.1f}" else (
            f"{min(gaps):.1f} to {max(gaps):.1f}")
        lines.append(
            f"- On {len(misses)} of {len(ladders)} sequences a longer program also fits and misses "
            f"held-out terms; it is {span} bits longer than the pick: at least "
            f"2**{math.floor(min(gaps))} times less probable under the 2**-bits prior."
        )
    lines.append(
        "- Fitting the data does not single out a rule: every row fits. Length does."
    )
    return "\n".join(wrap(line, "").replace("\n", "\n  ") for line in lines)


def report(result: OccamResult) -> str:
    """The printed report: plain text, at most WIDTH columns, the same bytes for the same run."""
    intro = wrap(
        f"Each sequence: the search sees a(0..{N_TRAIN - 1}) and finds every program up to "
        f"size {result.max_size} that reproduces them; a({N_TRAIN}..{N_TRAIN + N_HELDOUT - 1}) "
        "are held out. One row per form: the shortest program of that form that fits."
    )
    title = __doc__.splitlines()[0]
    parts = [f"{title}\n{'=' * len(title)}\n{intro}\n\n{legend()}"]
    parts += [ladder_table(i, lad, result.max_size) for i, lad in enumerate(result.ladders, 1)]
    parts.append("What the ladders show:\n" + summary(result))
    return "\n\n".join(parts)


def main() -> int:
    """Print the report of the default run."""
    print(report(run()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
