"""Tests for search(): it finds the rule behind known sequences, stays honest on random data,
re-verifies everything exactly, respects its budgets, rejects bad input and predicts sanely.

The slow parts (27 searches with the default 2 s time limit, 100 searches of 0.3 s) run in a
pool of two processes, so the wall time stays near half the CPU time.
"""

import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

import progsearch
from progsearch import search

TRAIN, TEST = 15, 10
WORKERS = max(1, min(2, os.cpu_count() or 1))


# ---------------------------------------------------------------- independent generators


def linear(initial, weights):
    """a(n) = sum_k weights[k] * a(n-1-k), started from ``initial``."""
    def gen(count):
        a = list(initial)
        while len(a) < count:
            a.append(sum(w * a[-1 - k] for k, w in enumerate(weights)))
        return a[:count]
    return gen


def closed(f, start=0):
    return lambda count: [f(n) for n in range(start, start + count)]


def motzkin(count):
    """M(n) = sum_k C(n, 2k) * Catalan(k)."""
    return [sum(math.comb(n, 2 * k) * math.comb(2 * k, k) // (k + 1) for k in range(n // 2 + 1))
            for n in range(count)]


def derangements(count):
    """!n = n! * sum_{k<=n} (-1)^k / k!, exactly: sum of n!/k! with signs."""
    return [sum((-1) ** k * (math.factorial(n) // math.factorial(k)) for k in range(n + 1))
            for n in range(count)]


def a000522(count):
    """a(0) = 1, a(n) = n*a(n-1) + 1."""
    a = [1]
    while len(a) < count:
        a.append(len(a) * a[-1] + 1)
    return a


def sum_of_squares(count):
    out, total = [], 0
    for n in range(count):
        total += n * n
        out.append(total)
    return out


CATALAN = closed(lambda n: math.comb(2 * n, n) // (n + 1))

SEQUENCES = {  # name: (generator of the first terms, offset)
    "2n+3": (closed(lambda n: 2 * n + 3), 0),
    "n^2": (closed(lambda n: n * n), 0),
    "n^3-n": (closed(lambda n: n**3 - n), 0),
    "triangular": (closed(lambda n: n * (n + 1) // 2), 0),
    "2^n": (closed(lambda n: 2**n), 0),
    "3^n+1": (closed(lambda n: 3**n + 1), 0),
    "2^n-1": (closed(lambda n: 2**n - 1), 0),
    "n*2^n": (closed(lambda n: n * 2**n), 0),
    "2^n+n": (closed(lambda n: 2**n + n), 0),
    "n!": (closed(math.factorial), 0),
    "fibonacci": (linear([0, 1], [1, 1]), 0),
    "lucas": (linear([2, 1], [1, 1]), 0),
    "pell": (linear([0, 1], [2, 1]), 0),
    "tribonacci": (linear([0, 0, 1], [1, 1, 1]), 0),
    "catalan": (CATALAN, 0),
    "C(2n,n)": (closed(lambda n: math.comb(2 * n, n)), 0),
    "motzkin": (motzkin, 0),
    "derangements": (derangements, 0),
    "A000522": (a000522, 0),
    "n mod 3": (closed(lambda n: n % 3), 0),
    "floor(n/2)": (closed(lambda n: n // 2), 0),
    "(-1)^n": (closed(lambda n: (-1) ** n), 0),
    "n^2+(-1)^n": (closed(lambda n: n * n + (-1) ** n), 0),
    "sum of squares": (sum_of_squares, 0),
    "period 1,2,0,5": (closed(lambda n: (1, 2, 0, 5)[n % 4]), 0),
    "n^n from 1": (closed(lambda n: n**n, 1), 1),
    "squares from 1": (closed(lambda n: n * n, 1), 1),
}
FAR = {"2^n": 81, "n!": 31, "catalan": 41, "fibonacci": 100, "n*2^n": 70, "3^n+1": 60}


def summarize(job):
    """Run one search in a worker; return plain data (expressions hold unpicklable lambdas)."""
    terms, offset, kwargs, far = job
    r = search(terms, offset=offset, **kwargs)
    best = r.best
    start = offset + len(terms)
    return {
        "form": best.form, "source": best.source, "repr": repr(best),
        "next": best.terms(start, start + TEST) if best.predicts else None,
        "far": best.terms(offset, offset + far) if best.predicts and far else None,
        "all_fit": all(p.terms(offset, start) == terms for p in r.programs),
        "all_int": all(type(v) is int for p in r.programs for v in p.terms(offset, start)),
        "stats": r.stats.as_dict(),
    }


def run_all(jobs):
    """Summaries of many searches, two at a time when the platform can fork."""
    if WORKERS == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [summarize(job) for job in jobs]
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(summarize, jobs))


@pytest.fixture(scope="module")
def acceptance():
    """The 27 acceptance sequences, each searched from its first 15 terms, default budgets."""
    names = list(SEQUENCES)
    jobs = []
    for name in names:
        gen, offset = SEQUENCES[name]
        jobs.append((gen(TRAIN), offset, {}, FAR.get(name, 0)))
    return dict(zip(names, run_all(jobs)))


# ---------------------------------------------------------------- it finds the rule


@pytest.mark.parametrize("name", list(SEQUENCES))
def test_best_program_predicts_the_next_ten_terms(acceptance, name):
    gen, _ = SEQUENCES[name]
    found = acceptance[name]
    assert found["next"] == gen(TRAIN + TEST)[TRAIN:], found["repr"]
    assert found["form"] != "lookup"
    assert found["stats"]["stopped_by"] in ("time_limit", "max_size")


@pytest.mark.parametrize("name", list(SEQUENCES))
def test_every_program_reproduces_its_training_terms_with_python_ints(acceptance, name):
    assert acceptance[name]["all_fit"] and acceptance[name]["all_int"]


@pytest.mark.parametrize("name", sorted(FAR))
def test_predictions_past_int64_are_exact(acceptance, name):
    gen, _ = SEQUENCES[name]
    far = acceptance[name]["far"]
    assert far == gen(FAR[name])
    assert max(abs(v) for v in far) > 2**63


def test_training_terms_past_int64_are_handled_exactly():
    terms = [2 ** (5 * n) - 1 for n in range(TRAIN)]  # passes 2**63 at n = 13
    r = search(terms, time_limit=1.0)
    assert r.best.form != "lookup"
    assert r.best.terms(0, 30) == [2 ** (5 * n) - 1 for n in range(30)]
    assert all(p.fits(terms) for p in r.programs)


# ---------------------------------------------------------------- honesty on random data


def test_random_data_is_best_explained_by_its_table():
    # 100 sequences of 15 random integers; time_limit 0.3 s each (not the default 2 s) to
    # keep the suite fast: the claim is that nothing short fits noise, at any budget.
    rng = np.random.default_rng(2024)
    jobs = [(rng.integers(0, 1001, size=TRAIN).tolist(), 0, {"time_limit": 0.3}, 0)
            for _ in range(100)]
    found = run_all(jobs)
    lookups = sum(f["form"] == "lookup" for f in found)
    assert lookups >= 95, [f["repr"] for f in found if f["form"] != "lookup"]
    assert all(f["all_fit"] for f in found)


# ---------------------------------------------------------------- budgets

FIB = linear([0, 1], [1, 1])(12)


def test_stats_fields():
    r = search(FIB, time_limit=60.0, max_size=4)
    s = r.stats
    assert set(s.as_dict()) == {"candidates", "distinct", "max_size", "elapsed_s", "stopped_by"}
    assert isinstance(s.candidates, int) and isinstance(s.distinct, int)
    assert s.candidates > 0 and s.distinct > 0
    assert isinstance(s.elapsed_s, float) and s.elapsed_s >= 0.0
    assert (s.max_size, s.stopped_by) == (4, "max_size")


def test_max_size_budget():
    r = search(FIB, time_limit=60.0, max_size=3)
    assert r.stats.stopped_by == "max_size"
    assert 1 <= r.stats.max_size <= 3
    bigger = search(FIB, time_limit=60.0, max_size=5)
    assert bigger.stats.max_size == 5
    assert bigger.stats.candidates > r.stats.candidates
    assert bigger.stats.distinct > r.stats.distinct


def test_max_size_one_still_runs_the_exact_forms():
    r = search(FIB, time_limit=60.0, max_size=1)
    assert r.stats.stopped_by == "max_size" and r.stats.max_size == 1
    assert r.best.terms(12, 14) == [144, 233]  # the P-recursive solver needs no enumeration


def test_tiny_time_limit_stops_cleanly_with_a_valid_best():
    r = search(FIB, time_limit=1e-6)
    assert r.stats.stopped_by == "time_limit"
    assert r.best.fits(FIB)
    assert r.best.terms(0, len(FIB)) == FIB


def test_tiny_memory_budget_stops_cleanly():
    r = search(FIB, time_limit=60.0, max_memory_mb=0.001)
    assert r.stats.stopped_by == "memory"
    assert r.best.fits(FIB)


@pytest.mark.parametrize("terms", [FIB, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7]])
def test_same_input_and_size_budget_give_the_same_ranking(terms):
    runs = [search(terms, time_limit=60.0, max_size=5) for _ in range(2)]
    assert [p.source for p in runs[0].programs] == [p.source for p in runs[1].programs]
    assert [p.bits for p in runs[0].programs] == [p.bits for p in runs[1].programs]
    assert runs[0].stats.candidates == runs[1].stats.candidates


def test_ranking_is_by_bits():
    r = search(FIB, time_limit=60.0, max_size=5)
    bits = [p.bits for p in r.programs]
    assert bits == sorted(bits)
    assert r.best is r.programs[0]
    assert len({p.source for p in r.programs}) == len(r.programs)
    assert sum(p.form == "lookup" for p in r.programs) == 1


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("terms,error,message", [
    ([], ValueError, "terms must have at least 2"),
    ([5], ValueError, "terms must have at least 2"),
    (list(range(100_000)), ValueError, "terms must have at most"),
    ([1, 2, "3"], TypeError, "terms must be integers; term 2"),
    ([1, 2.0, 3], TypeError, "terms must be integers; term 1"),
    ([1, None, 3], TypeError, "terms must be integers; term 1"),
    ([1, 2, float("nan")], TypeError, "terms must be integers; term 2"),
    ([1, np.nan, 3], TypeError, "terms must be integers; term 1"),
    ([True, False, True], TypeError, "terms must be integers; term 0"),
    ([1, 2, np.float64(3.0)], TypeError, "terms must be integers; term 2"),
    ("123", TypeError, "terms must be a sequence"),
    (None, TypeError, "terms must be a sequence"),
    (5, TypeError, "terms must be a sequence"),
    ({1, 2, 3}, TypeError, "terms must be a sequence"),
])
def test_bad_terms_are_rejected_with_a_message_naming_them(terms, error, message):
    with pytest.raises(error, match=message):
        search(terms, time_limit=0.1)


@pytest.mark.parametrize("kwargs,error,message", [
    ({"time_limit": 0}, ValueError, "time_limit"),
    ({"time_limit": -1.0}, ValueError, "time_limit"),
    ({"time_limit": 1e12}, ValueError, "time_limit"),
    ({"time_limit": float("nan")}, ValueError, "time_limit"),
    ({"time_limit": float("inf")}, ValueError, "time_limit"),
    ({"time_limit": "2"}, TypeError, "time_limit"),
    ({"time_limit": None}, TypeError, "time_limit"),
    ({"time_limit": True}, TypeError, "time_limit"),
    ({"max_size": 0}, ValueError, "max_size"),
    ({"max_size": -3}, ValueError, "max_size"),
    ({"max_size": 10**6}, ValueError, "max_size"),
    ({"max_size": 3.0}, TypeError, "max_size"),
    ({"max_size": "3"}, TypeError, "max_size"),
    ({"max_size": True}, TypeError, "max_size"),
    ({"offset": 1.5}, TypeError, "offset"),
    ({"offset": "0"}, TypeError, "offset"),
    ({"offset": None}, TypeError, "offset"),
    ({"offset": False}, TypeError, "offset"),
    ({"offset": 10**12}, ValueError, "offset"),
    ({"max_memory_mb": 0}, ValueError, "max_memory_mb"),
    ({"max_memory_mb": -5}, ValueError, "max_memory_mb"),
    ({"max_memory_mb": "big"}, TypeError, "max_memory_mb"),
])
def test_bad_budgets_and_offsets_are_rejected_with_a_message_naming_them(kwargs, error,
                                                                         message):
    with pytest.raises(error, match=message):
        search(FIB, **kwargs)


def test_good_input_of_other_integer_types_is_accepted():
    as_numpy = search(np.array(FIB), time_limit=60.0, max_size=3)
    as_tuple = search(tuple(np.int64(v) for v in FIB), offset=np.int32(0), time_limit=60.0,
                      max_size=3)
    assert as_numpy.terms == as_tuple.terms == FIB
    assert all(type(v) is int for v in as_numpy.terms)
    assert as_numpy.best.source == as_tuple.best.source


def test_a_thousand_digit_number_gives_a_sensible_result():
    huge = 7 * 10**999 + 3
    terms = [huge, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    r = search(terms, time_limit=0.3)
    assert r.best.fits(terms)
    assert r.best.form == "lookup" or r.best.terms(0, len(terms)) == terms
    arithmetic = [huge + 5 * n for n in range(10)]
    r = search(arithmetic, time_limit=0.3)
    assert r.best.terms(10, 12) == [huge + 50, huge + 55]


@pytest.mark.parametrize("k,error,message", [
    (-1, ValueError, "k must be"),
    (10**9, ValueError, "k must be"),
    (1.0, TypeError, "k must be an integer"),
    ("3", TypeError, "k must be an integer"),
    (None, TypeError, "k must be an integer"),
    (True, TypeError, "k must be an integer"),
])
def test_predict_rejects_a_bad_k(k, error, message):
    r = search(FIB, time_limit=60.0, max_size=2)
    with pytest.raises(error, match=message):
        r.predict(k)


# ---------------------------------------------------------------- predict


def check_predictions(preds, start):
    for j, pred in enumerate(preds):
        assert pred.n == start + j
        probs = [p for _, p in pred.candidates]
        assert all(0.0 <= p <= 1.0 for p in probs) and 0.0 <= pred.p_none <= 1.0
        assert sum(probs) + pred.p_none <= 1.0 + 1e-9
        assert probs == sorted(probs, reverse=True)
        assert len({v for v, _ in pred.candidates}) == len(pred.candidates)


def test_fibonacci_next_term_is_21_and_probable():
    terms = [0, 1, 1, 2, 3, 5, 8, 13]
    r = search(terms, time_limit=1.0)
    preds = r.predict(5)
    check_predictions(preds, 8)
    assert preds[0].value == 21 and preds[0].p > 0.5
    assert [p.value for p in preds] == [21, 34, 55, 89, 144]
    assert repr(preds[0]).startswith("Prediction(n=8: 21, p=")
    assert r.predict(0) == []


def test_random_data_predicts_nothing_with_confidence():
    rng = np.random.default_rng(7)
    for _ in range(3):
        terms = rng.integers(0, 1001, size=TRAIN).tolist()
        r = search(terms, time_limit=0.3)
        preds = r.predict(3)
        check_predictions(preds, TRAIN)
        for pred in preds:
            assert pred.p_none > 0.5
            assert pred.p_none > pred.p


def test_a_lookup_only_result_predicts_nothing():
    r = search([5, 7], time_limit=0.1)
    assert [p.form for p in r.programs] == ["lookup"]
    (pred,) = r.predict(1)
    assert pred.candidates == () and pred.value is None and pred.p_none == 1.0
    assert "none" in repr(pred)


def test_public_api_names():
    for name in ("search", "SearchResult", "SearchStats", "Prediction", "Program", "Lookup",
                 "Periodic", "Loop", "Formula"):
        assert hasattr(progsearch, name)
    r = search(FIB, time_limit=60.0, max_size=2)
    assert "SearchResult(best=" in repr(r) and "stopped_by='max_size'" in repr(r)
