"""Progress of long work: one line per completed search size, on a stream the caller chooses.

The search reports through a context variable, so nothing between the command line and the
engine passes a callback along: ``with reporting(Printer(sys.stderr)): search(...)`` prints
``size 9: 38.4 M candidates, 13.8 M distinct, 5.6 s`` as each size completes.  The hooks are
three calls: :func:`search_started` and :func:`search_done` (in ``search``) and
:func:`size_done` (in the engine finder, when every engine has completed a size).  Without a
reporter they do nothing.  This module imports nothing from progsearch, so any layer can use it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Event:
    """One report: a size completed ('size'), or a search started or done ('start', 'done')."""

    kind: str
    size: int = 0
    candidates: int = 0
    distinct: int = 0
    stopped_by: str = ""

    def __repr__(self) -> str:
        return f"Event({self.kind}, size {self.size})"


Reporter = Callable[[Event], None]
_CURRENT: ContextVar[Reporter | None] = ContextVar("progsearch_progress", default=None)


@contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Send the progress of every search run inside the block to ``reporter`` (None: nowhere).

    >>> seen = []
    >>> with reporting(seen.append):
    ...     size_done(3, 1000, 10)
    >>> seen
    [Event(size, size 3)]
    """
    token = _CURRENT.set(reporter)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _send(event: Event) -> None:
    reporter = _CURRENT.get()
    if reporter is not None:
        reporter(event)


def search_started() -> None:
    """A search begins (its finders will report the sizes they complete)."""
    _send(Event("start"))


def size_done(size: int, candidates: int, distinct: int) -> None:
    """Every engine of the search has completed ``size``; the counts so far."""
    _send(Event("size", size, candidates, distinct))


def search_done(size: int, stopped_by: str) -> None:
    """A search ended at ``size``, stopped by ``stopped_by``."""
    _send(Event("done", size, stopped_by=stopped_by))


def size_line(size: int, candidates: int, distinct: int, seconds: float) -> str:
    """The progress line of a completed size.

    >>> size_line(9, 38_412_000, 13_790_000, 5.63)
    'size 9: 38.4 M candidates, 13.8 M distinct, 5.6 s'
    """
    return (f"size {size}: {candidates / 1e6:.1f} M candidates, {distinct / 1e6:.1f} M distinct, "
            f"{seconds:.1f} s")


class Printer:
    """Print progress lines to ``stream``: each size of a search once (a transform's inner
    searches repeat small sizes: not printed), and how the search stopped when a budget cut it.

    With ``after`` > 0 (the demos, which run hundreds of short searches) a size is printed only
    once the search has run that many seconds, and every ``after`` seconds a line counts the
    searches done.

    >>> import io
    >>> out = io.StringIO()
    >>> p = Printer(out, clock=iter(range(100)).__next__)
    >>> p(Event("start")); p(Event("size", 1, 10, 5)); p(Event("size", 1, 20, 9))
    >>> p(Event("done", 1, stopped_by="memory"))
    >>> print(out.getvalue(), end="")
    size 1: 0.0 M candidates, 0.0 M distinct, 1.0 s
    stopped by memory after size 1, 3.0 s
    """

    def __init__(self, stream: TextIO, after: float = 0.0,
                 clock: Callable[[], float] = time.perf_counter):
        self.stream, self.after, self.clock = stream, after, clock
        self.begun = self.last_line = clock()
        self.started = self.shown = self.searches = 0

    def __call__(self, event: Event) -> None:
        now = self.clock()
        if event.kind == "start":
            self.started, self.shown = now, 0
        elif event.kind == "size" and event.size > self.shown:
            self.shown = event.size
            if now - self.started >= self.after:
                self._print(size_line(event.size, event.candidates, event.distinct,
                                      now - self.started), now)
        elif event.kind == "done":
            self.searches += 1
            if event.stopped_by not in ("", "max_size") and not self.after:
                self._print(f"stopped by {event.stopped_by} after size {event.size}, "
                            f"{now - self.started:.1f} s", now)
            elif self.after and now - self.last_line >= self.after:
                self._print(f"{self.searches} searches done, {now - self.begun:.1f} s", now)

    def _print(self, line: str, now: float) -> None:
        print(line, file=self.stream, flush=True)
        self.last_line = now

    def __repr__(self) -> str:
        return f"Printer({self.searches} searches, after={self.after})"


def on_stderr(verbose: bool = False, after: float = 0.0):
    """A block that prints progress to standard error if it is a terminal or ``verbose``.

    >>> with on_stderr(verbose=False):  # under pytest standard error is no terminal
    ...     size_done(1, 0, 0)
    """
    stream = sys.stderr
    if verbose or (stream is not None and stream.isatty()):
        return reporting(Printer(stream, after))
    return reporting(None)
