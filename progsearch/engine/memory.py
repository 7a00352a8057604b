"""The memory cap, measured: how much the process holds now, against a cap on its growth.

A :class:`MemoryCap` allows the search ``limit`` bytes of resident memory above what the process
held when the cap was made (its peak RSS then stays under that plus ``limit``).  The engine asks
it before each large allocation (:meth:`MemoryCap.check` with the bytes it is about to take) and
sizes its reservations from :meth:`MemoryCap.left`; the budget asks it at every check.  Resident
memory is read from ``/proc/self/statm`` (Linux); elsewhere from ``resource.getrusage``, whose
peak is a safe stand-in for the current value.

A search's budget holds its cap (``Budget.memory``); the finder that builds an engine hands it
over with the engine's share of the memory budget (``Engine.limit``).
"""

from __future__ import annotations

import os
import time

from .records import Stop

MARGIN = 16 * 2**20  # bytes kept free for what runs between two checks (a tile's temporaries)
REFRESH_S = 0.001  # read the resident memory at most this often

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes() -> int:
    """The resident memory of this process, in bytes.

    >>> rss_bytes() > 0
    True
    """
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, else KiB


class MemoryCap:
    """At most ``limit`` bytes of resident memory above what the process holds now.

    >>> cap = MemoryCap(2**30)
    >>> cap.check(2**20)  # a MiB more fits
    >>> try:
    ...     cap.check(2**31)
    ... except Stop as stop:
    ...     print(stop.reason)
    memory
    """

    def __init__(self, limit: float):
        self.limit = float(limit)
        self.margin = min(MARGIN, self.limit / 8)
        self.base = rss_bytes()
        self._rss, self._when = self.base, time.perf_counter()

    def used(self) -> int:
        """Bytes held above the base now (read at most every REFRESH_S)."""
        now = time.perf_counter()
        if now - self._when >= REFRESH_S:
            self._rss, self._when = rss_bytes(), now
        return max(self._rss - self.base, 0)

    def left(self) -> float:
        """Bytes that may still be taken (the margin kept aside)."""
        return self.limit - self.margin - self.used()

    def check(self, extra: float = 0) -> None:
        """Raise Stop("memory") if taking ``extra`` more bytes would pass the cap."""
        if extra > 0:
            self._when = -1.0  # a large allocation: measure now, not from the last reading
        if extra > self.left():
            raise Stop("memory")

    def __repr__(self) -> str:
        return f"MemoryCap({self.used() / 2**20:.0f} of {self.limit / 2**20:.0f} MiB used)"

