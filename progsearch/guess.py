"""A search result as a ranking to explain: every program with its rank, bits and next terms.

:func:`rank` runs the search on some terms and keeps what a reader of the ranking needs: each
program's rank, form, length in bits and in characters, and the next terms it predicts; the
mixture's prediction for each future term; and how far the search went.  The guess demo
explains such a ranking line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .search import MAX_SIZE, Prediction, search


@dataclass(frozen=True)
class Ranked:
    """One program of the ranking."""

    rank: int  # 1 = the pick
    form: str
    bits: float
    chars: int
    display: str  # like '2**n - 1'
    next: tuple[int, ...] | None  # its next terms; None: it predicts nothing

    def __repr__(self) -> str:
        return f"Ranked({self.rank}, {self.form} {self.display!r}, {self.bits:.1f} bits)"


@dataclass(frozen=True)
class GuessResult:
    """A ranking of the programs that reproduce some terms, and the prediction they make."""

    terms: tuple[int, ...]
    offset: int
    rows: tuple[Ranked, ...]  # every program found, ranked by bits
    pick_source: str  # the pick as runnable Python
    guesses: tuple[Prediction, ...]  # one per predicted term
    candidates: int  # expressions the search evaluated
    max_size: int  # expression size the search completed
    stopped_by: str

    @property
    def pick(self) -> Ranked:
        """The shortest program: rank 1."""
        return self.rows[0]

    @property
    def lookup(self) -> Ranked:
        """The table of the terms: always in the ranking, as it reproduces anything."""
        return next(row for row in self.rows if row.form == "lookup")

    @property
    def rival(self) -> Ranked | None:
        """The shortest program whose next terms differ from the pick's, if any."""
        return next((row for row in self.rows[1:] if row.next != self.pick.next), None)

    def __repr__(self) -> str:
        return (f"GuessResult({len(self.terms)} terms, pick {self.pick.form} "
                f"{self.pick.display!r}, {self.pick.bits:.1f} bits, next {self.pick.next})")


def rank(terms: Sequence[int], *, offset: int = 0, k: int = 3, max_size: int = MAX_SIZE,
         time_limit: float = 2.0) -> GuessResult:
    """Search ``terms`` (the first is a(``offset``)), rank the programs, predict ``k`` terms.

    >>> r = rank([1, 2, 4, 8, 16, 32, 64], max_size=3)
    >>> r.pick.display, r.pick.next, r.guesses[0].value, r.lookup.next
    ('2**n', (128, 256, 512), 128, None)
    """
    terms = tuple(terms)
    result = search(list(terms), offset=offset, time_limit=time_limit, max_size=max_size)
    start = offset + len(terms)
    rows = tuple(Ranked(i, p.form, float(p.bits), p.chars, p.display(), p.continuation(start, k))
                 for i, p in enumerate(result.programs, 1))
    return GuessResult(terms, offset, rows, result.best.source, tuple(result.predict(k)),
                       result.stats.candidates, result.stats.max_size, result.stats.stopped_by)


def odds(bits: float) -> str:
    """How much less probable a program ``bits`` longer is, as a power of two and a number.

    >>> odds(1.0), odds(30.0)
    ('2**-1.0 = 0.5', '2**-30.0 = 9.3e-10')
    """
    x = 2.0**-bits
    return f"2**-{bits:.1f} = " + (f"{x:.2g}" if x >= 0.01 else f"{x:.1e}")
