"""progsearch: the shortest program that fits the data, measured in bits."""

from .compare import Comparison, compare
from .forms import Formula, Lookup, Loop, Periodic, Program
from .search import Prediction, SearchResult, SearchStats, search

__all__ = ["Comparison", "Formula", "Lookup", "Loop", "Periodic", "Prediction", "Program",
           "ProgramSearchRegressor", "SearchResult", "SearchStats", "compare", "search"]


def __getattr__(name: str):
    if name == "ProgramSearchRegressor":  # imports scikit-learn: only when asked for
        from .estimator import ProgramSearchRegressor

        return ProgramSearchRegressor
    raise AttributeError(f"module 'progsearch' has no attribute {name!r}")
