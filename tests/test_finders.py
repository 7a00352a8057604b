"""Tests for the finders and the budget: each finder keeps its contract, search() is the finders
run in order, a budget stop is noted and reported, and a transform can wrap any finder."""

import itertools
import time

import pytest

from progsearch.budget import Budget
from progsearch.engine import Stop
from progsearch.enumeration import find_expressions
from progsearch.finders import find_lookup, find_p_recursive, find_periodic
from progsearch.forms import Program
from progsearch.search import FINDERS, run_finders, search

FIB = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
SEQUENCES = [
    (FIB, 0),
    ([n * n for n in range(1, 13)], 1),
    ([1, 2, 0, 5, 1, 2, 0, 5, 1, 2], 3),
    ([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7], -2),
]


def roomy() -> Budget:
    return Budget(60.0, max_size=4, max_bytes=2**30)


# ---------------------------------------------------------------- the budget


def test_budget_stops_at_the_deadline_and_names_it():
    budget = Budget(1e-6, max_size=8, max_bytes=2**30)
    time.sleep(1e-3)
    with pytest.raises(Stop, match="time_limit"):
        budget.check()


def test_budget_stops_over_the_memory_cap_only():
    budget = Budget(60.0, max_size=8, max_bytes=1000)
    budget.check(nbytes=1000)
    with pytest.raises(Stop, match="memory"):
        budget.check(nbytes=1001)


def test_budget_reports_the_first_stop_and_ctrl_c_stops_every_later_check():
    budget = roomy()
    budget.check()
    budget.stopped("interrupt")
    budget.stopped("memory")
    assert budget.stats.stopped_by == "interrupt"
    with pytest.raises(Stop, match="interrupt"):
        budget.check()
    assert "stopped_by='interrupt'" in repr(budget)


# ---------------------------------------------------------------- each finder's contract


@pytest.mark.parametrize("find", FINDERS)
@pytest.mark.parametrize("terms,offset", SEQUENCES)
def test_every_finder_returns_programs_that_reproduce_the_terms(find, terms, offset):
    for prog in find(terms, offset, roomy()):
        assert isinstance(prog, Program)
        assert prog.offset == offset
        assert prog.terms(offset, offset + len(terms)) == terms


def test_the_finders_run_in_order_from_memory_to_enumeration():
    assert FINDERS[:4] == (find_lookup, find_periodic, find_p_recursive, find_expressions)
    assert [f.__name__ for f in FINDERS[4:]] == ["find_beatty", "find_linear_loops",
                                                "find_filters", "find_transforms"]


def test_exact_finders_find_their_form_and_nothing_else():
    assert [p.form for p in find_lookup(FIB, 0, roomy())] == ["lookup"]
    assert find_periodic(FIB, 0, roomy()) == []
    assert find_periodic([4, 4, 4], 0, roomy())[0].period == (4,)
    assert [p.display() for p in find_p_recursive(FIB, 0, roomy())] == [
        "a(n) = a(n-1) + a(n-2); a(0..1) = 0, 1"]


def test_only_the_engine_finder_counts_work_in_the_stats():
    budget = roomy()
    for find in (find_lookup, find_periodic, find_p_recursive):
        find(FIB, 0, budget)
    assert (budget.stats.candidates, budget.stats.max_size, budget.stats.stopped_by) == (0, 0, "")
    find_expressions(FIB, 0, budget)
    assert budget.stats.candidates > 0 and budget.stats.max_size == 4


# ---------------------------------------------------------------- search() is the finders in order


def test_search_is_run_finders_with_the_whole_table():
    whole = search(FIB, time_limit=60.0, max_size=4)
    again = run_finders(FIB, 0, roomy())
    ranked = [[(p.source, p.bits) for p in r.programs] for r in (whole, again)]
    assert ranked[0] == ranked[1]
    assert whole.stats.candidates == again.stats.candidates


def test_a_subset_of_finders_gives_a_subset_of_forms_and_no_engine_work():
    r = run_finders(FIB, 0, roomy(), finders=[find_lookup, find_periodic])
    assert [p.form for p in r.programs] == ["lookup"]
    assert (r.stats.candidates, r.stats.max_size, r.stats.stopped_by) == (0, 0, "max_size")


def test_a_stopped_finder_is_reported_and_later_finders_still_run():
    def greedy(terms, offset, budget):
        try:
            budget.check(nbytes=budget.max_bytes + 1)
        except Stop as stop:
            budget.stopped(stop.reason)
        return []

    r = run_finders(FIB, 0, roomy(), finders=[greedy, find_lookup])
    assert r.stats.stopped_by == "memory"
    assert r.best.form == "lookup"


# ---------------------------------------------------------------- a transform wraps a finder


class Summed(Program):
    """a(offset) = first, a(n+1) = a(n) + d(n): the partial sums of the program d (test only)."""

    def __init__(self, inner: Program, first: int):
        super().__init__(inner.offset)
        self.inner, self.first, self.form = inner, first, inner.form

    def body_bits(self) -> float:
        return self.inner.body_bits() + 1  # one more bit: the transform's tag (a sketch)

    def terms(self, start: int, stop: int) -> list[int]:
        values = [self.first]
        for d in self.inner.terms(self.offset, stop - 1):
            values.append(values[-1] + d)
        return values[start - self.offset: stop - self.offset]

    @property
    def source(self) -> str:
        return f"# partial sums from {self.first} of\n{self.inner.source}"

    def display(self) -> str:
        return f"partial sums of {self.inner.display()}"


def partial_sums_of(find):
    """A finder for the sequences whose differences ``find`` explains."""
    def find_summed(terms, offset, budget):
        differences = [b - a for a, b in itertools.pairwise(terms)]
        return [Summed(p, terms[0]) for p in find(differences, offset, budget)]
    return find_summed


def test_a_transform_wraps_any_finder_with_the_same_signature_and_budget():
    terms = [0, 1, 3, 3, 4, 6, 6, 7, 9, 9, 10, 12]  # differences repeat 1, 2, 0
    budget = roomy()
    r = run_finders(terms, 0, budget, finders=[find_lookup, partial_sums_of(find_periodic),
                                               partial_sums_of(find_expressions)])
    assert r.best.display() == "partial sums of [1, 2, 0][n % 3]"
    assert r.best.terms(0, 15) == terms + [12, 13, 15]
    assert all(p.fits(terms) for p in r.programs)
    assert budget.stats.candidates > 0  # the wrapped engine finder counted its work
