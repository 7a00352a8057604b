"""progsearch: the shortest program that fits the data, measured in bits."""

from .forms import Formula, Lookup, Loop, Periodic, Program
from .search import Prediction, SearchResult, SearchStats, search

__all__ = ["Formula", "Lookup", "Loop", "Periodic", "Prediction", "Program", "SearchResult",
           "SearchStats", "search"]
