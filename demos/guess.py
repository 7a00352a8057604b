"""Guess the rule: the shortest programs behind your sequence, explained line by line

Type a few terms of an integer sequence; the search finds every program up to a fixed size that
reproduces them exactly, ranks them by length in bits, and predicts the next terms with a
probability for each value. The report explains every line: what bits are, why the pick is the
pick, what the lookup row means, and where the probabilities come from.

Run it: ``python demos/guess.py 0 1 3 7 15 31 63``, ``python -m progsearch.demos.guess 1 2 4 8``
or ``progsearch demo guess``. Without terms it guesses a default sequence. Commas are allowed
between terms; ``--offset N`` says the first term is a(N); ``--next K`` predicts K terms.
"""

# %%
# The search (``progsearch.guess.rank``). It is exhaustive up to MAX_SIZE nodes per expression,
# so for the default sequence every run finds the same programs and prints the same bytes: no
# randomness, no seed. The time limit is a safety net for long or huge inputs; when it is what
# stops the search, the report says so, and the result may then depend on the machine.

from __future__ import annotations

import argparse
import functools
import sys
import textwrap
from collections.abc import Sequence

from progsearch.guess import GuessResult, odds, rank
from progsearch.report import WIDTH, clip, wrap
from progsearch.text import plural, where

DEFAULT = (0, 1, 3, 7, 15, 31, 63, 127, 255)  # 2**n - 1, the Mersenne numbers
MAX_SIZE = 6  # largest expression searched, in nodes
TIME_LIMIT = 20.0  # seconds: a safety net, far above what MAX_SIZE needs on a short sequence
N_NEXT = 3  # terms predicted
SHOWN = 8  # programs listed, before the lookup row
item = functools.partial(wrap, indent="  ", first="- ")  # a paragraph as a list item


def run(terms: Sequence[int] | None = None, *, offset: int = 0, k: int = N_NEXT,
        max_size: int = MAX_SIZE) -> GuessResult:
    """Search ``terms`` (DEFAULT if None) and predict the next ``k`` terms.

    >>> r = run([1, 2, 4, 8, 16, 32, 64], max_size=3)
    >>> r.pick.display, r.guesses[0].candidates[0][0]
    ('2**n', 128)
    """
    terms = DEFAULT if terms is None else terms
    return rank(terms, offset=offset, k=k, max_size=max_size, time_limit=TIME_LIMIT)


# %%
# The report: the ranking, then a paragraph for each kind of line in it, then the prediction.
# Every number in a sentence is the run's. Each paragraph is a list item (``item``).


def table(r: GuessResult) -> list[str]:
    """The ranking: the shortest SHOWN programs, then the lookup row."""
    nxt_head = f"next {len(r.guesses)} terms"
    lines = [f"  {'rank':>4}  {'form':<9} {'bits':>6} {'chars':>6}  {nxt_head:<22}  program"]
    shown = list(r.rows[:SHOWN])
    if r.lookup not in shown:
        if r.lookup.rank > SHOWN + 1:
            shown.append(None)  # a gap
        shown.append(r.lookup)
    for row in shown:
        if row is None:
            lines.append(f"  {'...':>4}  ({r.lookup.rank - SHOWN - 1} more programs)")
            continue
        mark = "*" if row.rank == 1 else " "
        nxt = "nothing" if row.next is None else " ".join(map(str, row.next))
        lines.append(f"  {mark}{row.rank:>3}  {row.form:<9} {row.bits:6.1f} {row.chars:6d}  "
                     f"{clip(nxt, 22):<22}  {clip(row.display, WIDTH - 57)}")
    return lines


def contenders(r: GuessResult) -> list[str]:
    """The paragraphs on the pick, on rank 2 and on the shortest program that disagrees."""
    pick, rival = r.pick, r.rival
    out = []
    if pick.form == "lookup":
        out.append(item(
            f"the pick (*) is the lookup: no program up to size {r.max_size} that is shorter "
            f"than your {len(r.terms)} terms reproduces them. The search has no guess; more "
            "terms, or a larger size, might find one."
        ))
    else:
        out.append(item(
            f"the pick (*) is the shortest program that reproduces all {len(r.terms)} terms: "
            f"the {pick.form} {pick.display} ({pick.bits:.1f} bits). Every row of the table "
            "reproduces them exactly too; the pick is simply the shortest, which is Occam's "
            "razor measured in bits."
        ))
    if len(r.rows) > 2 and r.rows[1].form != "lookup":
        second = r.rows[1]
        agree = "agrees with the pick on" if second.next == pick.next else "differs from it on"
        out.append(item(
            f"rank 2, the {second.form} {clip(second.display, 40)}, is "
            f"{second.bits - pick.bits:.1f} bits longer, {odds(second.bits - pick.bits)} times "
            f"as probable, and {agree} the next {len(r.guesses)} terms."
        ))
    if rival is not None and rival.form != "lookup":
        out.append(item(
            f"the shortest program that predicts differently is rank {rival.rank}, "
            f"{clip(rival.display, 40)}: {rival.bits - pick.bits:.1f} bits longer, "
            f"{odds(rival.bits - pick.bits)} times as probable. It fits your terms just as well; "
            "only its length speaks against it."
        ))
    elif pick.form != "lookup":
        predicting = sum(row.next is not None for row in r.rows)
        out.append(item(
            f"no program found predicts differently: all {predicting} programs that predict "
            f"agree on the next {len(r.guesses)} terms, so the prediction does not hang on "
            "which of them is the pick."
        ))
    return out


def explanations(r: GuessResult) -> list[str]:
    """One paragraph for each kind of line in the table, with the run's numbers."""
    pick, lookup = r.pick, r.lookup
    n_next = r.offset + len(r.terms)
    out = [item(
        "bits: the length of the program written in one prefix-free binary code: log2(6) = 2.6 "
        "bits say which form it is (lookup, periodic, loop, formula, filter, transform), each "
        "node of an expression costs "
        "log2 of the number of symbols that could stand there, and every number is written in "
        "an integer code in which bigger numbers take more bits. A program of b bits gets prior "
        "probability 2**-b: one bit longer, half as probable."
    ), *contenders(r)]
    shortest_chars = min(r.rows, key=lambda row: (row.chars, row.rank))
    if shortest_chars.rank != pick.rank:
        out.append(item(
            f"chars counts the Python source, which you can count by hand. It need not rank "
            f"the same as bits: rank {shortest_chars.rank} is {shortest_chars.chars} characters "
            f"against the pick's {pick.chars}, because a loop pays for its boilerplate in "
            "characters but not in bits."
        ))
    out.append(item(
        f"the lookup row (rank {lookup.rank}) is the table of your terms, {lookup.bits:.1f} bits. "
        f"It reproduces any data and predicts nothing past it: 'nothing' in the next-terms "
        + (f"column. It is {lookup.bits - pick.bits:.1f} bits longer than the pick, so the "
           "pick compresses your terms: it found a pattern." if lookup.rank != 1 else
           "column. Here it is the pick: nothing shorter reproduces your terms.")
    ))
    out.append(item(
        f"the search evaluated {r.candidates:,} candidate expressions up to size {r.max_size} "
        f"and kept the {plural(len(r.rows), 'program')} above (stopped by: {r.stopped_by}). "
        f"Looking for a(n) from n = {n_next} on, it uses nothing but your terms."
    ))
    return out


def prediction(r: GuessResult) -> list[str]:
    """The predicted terms with their probabilities, and what the probabilities are."""
    lines = []
    width = max((len(str(g.candidates[0][0])) for g in r.guesses if g.candidates), default=1)
    label = max(len(f"a({g.n})") for g in r.guesses)
    for g in r.guesses:
        if not g.candidates:
            lines.append(f"  {f'a({g.n})':<{label}} = ?   no program shorter than the table "
                         "predicts it")
            continue
        (value, p), others = g.candidates[0], g.candidates[1:3]
        rest = "; ".join(f"{v} with p = {q:.1e}" for v, q in others)
        lines.append(f"  {f'a({g.n})':<{label}} = {value:<{width}}   p = {p:.6f}"
                     + (f"   (then {rest})" if rest else ""))
    none = r.guesses[0].p_none
    lines.append(wrap(
        f"p is the share of the 2**-bits weight of all {len(r.rows)} programs found (the table "
        f"lists the shortest) that give this value (the lookup's share, {none:.1e}, is 'no "
        "prediction'). It is the probability the value has if the sequence was written by a "
        "program drawn with probability 2**-bits, given that it starts with your terms, counting "
        f"the programs up to size {r.max_size}.", "  ", "  "))
    return lines


def report(r: GuessResult) -> str:
    """The printed report: plain text, at most WIDTH columns, the same bytes for the same run."""
    title = __doc__.splitlines()[0]
    parts = [
        f"{title}\n{'=' * len(title)}",
        f"Your sequence, {where(r.offset, len(r.terms))}: "
        + clip(" ".join(map(str, r.terms)), WIDTH - 30),
        "\n".join(table(r)),
        "How to read it, line by line:\n" + "\n".join(explanations(r)),
        "The prediction, with probabilities:\n" + "\n".join(prediction(r)),
        "The pick, as Python you can run:\n"
        + textwrap.indent(r.pick_source.rstrip("\n"), "    "),
    ]
    return "\n\n".join(parts)


# %%
# The command line: terms as arguments (commas allowed), or none for the default sequence.


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The terms and options in ``argv``.

    >>> parse(["1,", "2", "-3", "--next", "2"]).terms
    [1, 2, -3]
    """
    parser = argparse.ArgumentParser(prog="guess", description=__doc__.splitlines()[0])
    parser.add_argument("terms", nargs="*", help="the terms a(offset), a(offset+1), ...")
    parser.add_argument("--offset", type=int, default=0, help="index of the first term")
    parser.add_argument("--next", type=int, default=N_NEXT, help="how many terms to predict")
    args = parser.parse_args(list(argv))
    words = " ".join(args.terms).replace(",", " ").split()
    try:
        args.terms = [int(w) for w in words]
    except ValueError:
        parser.error(f"terms must be integers, got {' '.join(words)!r}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report for the terms in ``argv``, or for DEFAULT if there are none."""
    args = parse(argv or [])
    try:
        result = run(args.terms or None, offset=args.offset, k=args.next)
    except (TypeError, ValueError) as error:
        print(f"guess: {error}", file=sys.stderr)
        return 2
    print(report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
