"""The budgets a search runs within (time, size, memory) and its account of the work done.

One :class:`Budget` is shared by every finder of a search.  A finder that can run long calls
``budget.check(nbytes)`` often; it raises :class:`~progsearch.engine.Stop` naming the budget
that ran out, and the finder then notes it (``budget.stopped(reason)``) and returns what it
has.  Work the stats count (candidates, distinct, size reached) goes into ``budget.stats``.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from .engine import Stop


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

    >>> b = Budget(60.0, max_size=8, max_bytes=2**20)
    >>> b.check(nbytes=2**10)  # in time, within memory: nothing happens
    >>> try:
    ...     b.check(nbytes=2**21)
    ... except Stop as stop:
    ...     print(stop.reason)
    memory
    """

    def __init__(self, time_limit: float, max_size: int, max_bytes: float):
        self.start = time.perf_counter()
        self.deadline = self.start + time_limit
        self.max_size, self.max_bytes = max_size, max_bytes
        self.stats = SearchStats()

    def check(self, nbytes: float = 0) -> None:
        """Raise Stop past the deadline, when nbytes is over the memory cap, or after Ctrl-C."""
        if self.stats.stopped_by == "interrupt":
            raise Stop("interrupt")  # the user asked to stop: no later finder should start work
        if time.perf_counter() > self.deadline:
            raise Stop("time_limit")
        if nbytes > self.max_bytes:
            raise Stop("memory")

    def stopped(self, reason: str) -> None:
        """Note the budget that stopped a finder; the first one noted is the one reported.

        >>> b = Budget(1.0, 8, 1e9)
        >>> b.stopped("memory"); b.stopped("time_limit"); b.stats.stopped_by
        'memory'
        """
        self.stats.stopped_by = self.stats.stopped_by or reason

    def elapsed(self) -> float:
        """Seconds since the budget started."""
        return time.perf_counter() - self.start

    def __repr__(self) -> str:
        left = self.deadline - time.perf_counter()
        return (f"Budget({left:.2f} s left, max_size={self.max_size}, "
                f"max_bytes={self.max_bytes:.0f}, stopped_by={self.stats.stopped_by!r})")
