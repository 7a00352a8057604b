"""The budgets a search runs within (time, size, memory) and its account of the work done.

One :class:`Budget` is shared by every finder of a search.  A finder that can run long calls
``budget.check(nbytes)`` often; it raises :class:`~progsearch.engine.Stop` naming the budget
that ran out, and the finder then notes it (``budget.stopped(reason)``) and returns what it
has.  Work the stats count (candidates, distinct, size reached) goes into ``budget.stats``.

Time: the search's own work stops at ``deadline``, FINISH_SHARE of the time limit before its
``end``; the work that makes its results (re-checking hits, ranking) runs in that last share
and asks :meth:`Budget.finished` as it goes, so that the whole search ends by ``end``.

Memory: ``max_bytes`` caps what the process holds above what it held when the budget was made,
measured (engine.memory.MemoryCap), not estimated; the engines size their reservations from it.
"""

from __future__ import annotations

import copy
import time
from dataclasses import asdict, dataclass

from .engine import Stop
from .engine.memory import MemoryCap

FINISH_SHARE = 0.1  # of the time limit: kept for re-checking hits and ranking them


@dataclass
class SearchStats:
    """What the search did: candidates evaluated, distinct kept, size reached, time, why stopped."""

    candidates: int = 0
    distinct: int = 0
    max_size: int = 0
    elapsed_s: float = 0.0
    stopped_by: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


class Budget:
    """A deadline ``time_limit`` seconds from now, a size limit, a memory cap, and the stats.

    >>> b = Budget(60.0, max_size=8, max_bytes=2**30)
    >>> b.check(nbytes=2**10)  # in time, within memory: nothing happens
    >>> try:
    ...     b.check(nbytes=2**31)
    ... except Stop as stop:
    ...     print(stop.reason)
    memory
    """

    def __init__(self, time_limit: float, max_size: int, max_bytes: float):
        self.start = time.perf_counter()
        self.end = self.start + time_limit  # nothing of the search runs past it
        self.deadline = self.start + time_limit * (1 - FINISH_SHARE)  # the finders' work
        self.max_size, self.max_bytes = max_size, max_bytes
        self.memory = MemoryCap(max_bytes)
        self.interrupted = False  # the user pressed Ctrl-C: every later phase stops at once
        self.stats = SearchStats()

    def check(self, nbytes: float = 0, keep: float | None = None) -> None:
        """Raise Stop past the deadline, over the memory cap, or after Ctrl-C.

        The memory is what the process holds above what it held at the start (measured);
        ``nbytes``, what the caller counts it holds, stops it too if that is over the cap.
        Work on results (re-checks, scoring) passes ``keep``: it may run past the deadline,
        up to ``keep`` of the time limit before the end (:meth:`finished`).
        """
        if self.interrupted:
            raise Stop("interrupt")  # the user asked to stop: no later finder should start work
        if (time.perf_counter() > self.deadline) if keep is None else self.out_of_time(keep):
            raise Stop("time_limit")
        if nbytes > self.max_bytes:
            raise Stop("memory")
        self.memory.check()

    def finished(self, keep: float = 0.0) -> bool:
        """Whether the time is up but ``keep`` of the time limit (or the user pressed Ctrl-C).

        Work on results stops there: re-checking hits keeps a share for the ranking after it.

        >>> Budget(60.0, 8, 1e9).finished(), Budget(60.0, 8, 1e9).finished(keep=1.0)
        (False, True)
        """
        return self.interrupted or self.out_of_time(keep)

    def out_of_time(self, keep: float = 0.0) -> bool:
        """Whether the time is up but ``keep`` of the time limit (Ctrl-C aside)."""
        return time.perf_counter() > self.end - keep * (self.end - self.start)

    def child(self, seconds: float, max_size: int) -> Budget:
        """A budget for an inner search: ``seconds`` from now, never past this one's deadline
        or end; a smaller size limit; this one's memory cap; stats of its own.

        >>> parent = Budget(60.0, 8, 1e9)
        >>> inner = parent.child(100.0, 6)
        >>> inner.max_size, inner.end <= parent.end, inner.deadline <= parent.deadline
        (6, True, True)
        >>> inner.memory is parent.memory, inner.stats is parent.stats
        (True, False)
        """
        child = copy.copy(self)  # the same memory cap; the Ctrl-C flag as it stands
        seconds = max(seconds, 0.0)
        child.start = time.perf_counter()
        child.end = min(child.start + seconds, self.end)
        child.deadline = min(child.start + seconds * (1 - FINISH_SHARE), self.deadline)
        child.max_size, child.stats = max_size, SearchStats()
        return child

    def stopped(self, reason: str) -> None:
        """Note the budget that stopped a finder; the first one noted is the one reported.

        >>> b = Budget(1.0, 8, 1e9)
        >>> b.stopped("memory"); b.stopped("time_limit"); b.stats.stopped_by
        'memory'
        """
        self.stats.stopped_by = self.stats.stopped_by or reason
        self.interrupted = self.interrupted or reason == "interrupt"

    def elapsed(self) -> float:
        """Seconds since the budget started."""
        return time.perf_counter() - self.start

    def __repr__(self) -> str:
        left = self.end - time.perf_counter()
        return (f"Budget({left:.2f} s left, max_size={self.max_size}, "
                f"max_bytes={self.max_bytes:.0f}, stopped_by={self.stats.stopped_by!r})")
