"""Time limits of a solver call: a deadline by SIGALRM, and the hard limit that abandons it.

Each solver call gets ``time_limit`` seconds and is abandoned at ``2 * time_limit + 1`` seconds
(``SIGALRM`` in the process running it; where that is impossible, such as a worker thread, the
call runs to its end and a late answer is discarded by the runner).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Timeout(BaseException):
    """Raised by SIGALRM inside a solver call; a BaseException so `except Exception` misses it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise Timeout


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Timeout in this block after ``seconds``, where SIGALRM can (the main thread).

    >>> import time
    >>> try:
    ...     with deadline(0.05):
    ...         time.sleep(5)
    ... except Timeout:
    ...     print("abandoned")
    abandoned
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def hard_limit(time_limit: float) -> float:
    """Seconds after which a solver call is abandoned.

    >>> hard_limit(2.0)
    5.0
    """
    return 2 * time_limit + 1
