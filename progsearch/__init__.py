"""progsearch: the shortest program that fits the data, measured in bits."""

import os as _os
import signal as _signal
import sys as _sys


def _command_line() -> bool:
    """Whether this process is the ``progsearch`` command (the script, or ``python -m``)."""
    arg0 = _sys.argv[0] if _sys.argv else ""
    return arg0 == "-m" or _os.path.basename(arg0) in ("progsearch", "progsearch.exe")


def _interrupted(signum, frame):  # pragma: no cover - runs on Ctrl-C while the command starts
    """Ctrl-C while the command imports: one line and exit 130, wherever the import was (a
    library may turn the KeyboardInterrupt into an ImportError, so it is not caught)."""
    print("progsearch: interrupted", file=_sys.stderr, flush=True)
    _os._exit(130)


_ON_CTRL_C = _signal.getsignal(_signal.SIGINT)
if _command_line() and _ON_CTRL_C is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _interrupted)  # until the imports are done (cli/__init__.py)

from .compare import Comparison, compare  # noqa: E402
from .forms import Formula, Lookup, Loop, Periodic, Program  # noqa: E402
from .search import Prediction, SearchResult, SearchStats, search  # noqa: E402

__all__ = ["Comparison", "Formula", "Lookup", "Loop", "Periodic", "Prediction", "Program",
           "ProgramSearchRegressor", "SearchResult", "SearchStats", "compare", "search"]


def __getattr__(name: str):
    if name == "ProgramSearchRegressor":  # imports scikit-learn: only when asked for
        from .estimator import ProgramSearchRegressor

        return ProgramSearchRegressor
    raise AttributeError(f"module 'progsearch' has no attribute {name!r}")
