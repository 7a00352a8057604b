"""Issue #14, the edges: huge integers, prefix predictions, time, Ctrl-C, memory, faithful
sources, strict input.  One test (or more) per reproducer of the issue, rerun as written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import progsearch
from progsearch.bigint import dumps, int_text, parse_int
from progsearch.cli import main
from progsearch.forms import Formula, Lookup, Loop
from progsearch.language import OP_BY_NAME, Apply, Const, Var
from progsearch.precurrence import PRecurrence

POWERS = [2**2**k for k in range(7)]  # the 2**2**k, k < 7
ZEROS = [0] * 20


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def source_values(source: str, ns: range) -> list[int]:
    namespace: dict = {}
    exec(source, namespace)
    return [namespace["a"](n) for n in ns]


def parse_json(text: str):
    return json.loads(text, parse_int=lambda s: parse_int(s, "JSON number"))


# -- 1. integers of any size ----------------------------------------------------------------
def test_a_term_past_pythons_digit_limit_goes_through_search_and_source():
    r = progsearch.search([10**4300, 1, 2])  # the issue: ValueError from Lookup.source
    assert r.best.form == "lookup" and r.best.fits([10**4300, 1, 2])
    assert source_values(r.best.source, range(3)) == [10**4300, 1, 2]
    assert "table of 3 values" in repr(r)


def test_huge_values_go_through_the_table_the_json_and_compare(capsys):
    terms = [int_text(t) for t in POWERS]
    code, out, err = run(["guess", *terms, "--next", "8"], capsys)
    assert code == 0 and not err
    big = int_text(2**2**14)  # a(14), 4933 digits: the table gives its ends and its length
    assert f"a(14) = {big[:10]}...{big[-10:]} (4,933 digits)" in out
    code, out, _ = run(["guess", *terms, "--next", "8", "--json"], capsys)
    doc = parse_json(out)
    assert code == 0 and doc["prediction"][7]["value"] == 2**2**14
    train = [*range(1, 8), 10**5000]
    code, out, _ = run(["compare", *map(int_text, train), "3", "--holdout", "1"], capsys)
    assert code == 0 and "10000000000" in out
    code, out, _ = run(["compare", *map(int_text, train), "3", "--holdout", "1", "--json"],
                       capsys)
    assert parse_json(out)["train"][-1] == 10**5000


def test_dumps_and_parse_int_round_trip_any_size():
    values = [0, -1, 10**4299, -(10**4300) - 7, 7**20000]
    assert parse_json(dumps({"v": values}))["v"] == values
    assert [parse_int(int_text(v), "v") for v in values] == values


def test_terms_past_the_librarys_own_limit_are_refused_naming_it():
    with pytest.raises(ValueError, match="terms must have at most 10000 digits; term 1"):
        progsearch.search([1, 10**10000, 3])
    assert progsearch.search([1, 10**9999, 3], time_limit=0.2).best.form == "lookup"


# -- 2. a continuation is a prefix ----------------------------------------------------------
def test_a_prediction_holds_up_to_the_first_term_the_program_cannot_compute(capsys):
    r = progsearch.search(POWERS)
    eight, nine = r.predict(8), r.predict(9)
    want = [2**2**k for k in range(7, 15)]
    assert [p.value for p in nine[:8]] == [p.value for p in eight] == want
    assert nine[8].value is None and nine[8].p_none == 1.0  # 2**2**15 is past the size guard
    code, out, _ = run(["guess", *map(str, POWERS), "--next", "9"], capsys)
    assert code == 0 and "a(15) = ?" in out and "a(15) is too large to compute here" in out
    assert "a(14) = 1189731495" in out  # the terms before it are still predicted


def test_prefix_stops_at_the_first_undefined_term():
    twelve_over = Formula(Apply(OP_BY_NAME["floordiv"],
                                (Const(12), Apply(OP_BY_NAME["sub"], (Const(6), Var("n"))))))
    assert twelve_over.prefix(3, 6) == (4, 6, 12)  # 12 // (6 - n): none at n = 6
    assert twelve_over.continuation(3, 6) is None and twelve_over.continuation(3, 3) == (4, 6, 12)
    assert Lookup([1, 2]).prefix(2, 3) == ()


# -- 3. time and Ctrl-C -----------------------------------------------------------------------
@pytest.mark.parametrize("terms, limit, size", [(ZEROS, 0.2, 8), ([0] * 40, 0.3, 12)])
def test_rechecks_and_ranking_are_inside_the_time_limit(terms, limit, size):
    t0 = time.perf_counter()
    r = progsearch.search(terms, time_limit=limit, max_size=size)
    assert time.perf_counter() - t0 <= 1.5 * limit + 0.3
    assert r.best.terms(0, 3) == [0, 0, 0] and r.best.form != "lookup"


def test_ctrl_c_in_the_rechecks_keeps_what_was_found(monkeypatch):
    calls = {"n": 0}
    real = Formula.fits

    def fits(self, terms):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(self, terms)

    monkeypatch.setattr(Formula, "fits", fits)
    r = progsearch.search(ZEROS, time_limit=5.0, max_size=5)
    assert r.stats.stopped_by == "interrupt"
    assert any(p.form == "formula" for p in r.programs)  # the 4 re-checked before it


def test_ctrl_c_in_a_finder_keeps_the_other_finders_programs():
    from progsearch.search import LADDER_FINDERS

    def interrupted(terms, offset, budget):
        raise KeyboardInterrupt

    r = progsearch.search([1, 2, 1, 2, 1, 2], finders=LADDER_FINDERS[:2] + (interrupted,))
    assert r.stats.stopped_by == "interrupt" and r.best.form == "periodic"


def _progsearch(args: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "progsearch", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_ctrl_c_during_the_search_prints_what_was_found():
    proc = _progsearch(["guess", *map(str, [0] * 30), "--max-size", "12", "--time-limit", "30"])
    time.sleep(2.5)  # imported, and searching
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "Traceback" not in err
    assert "stopped by interrupt" in out and "prediction" in out


def test_ctrl_c_during_the_import_is_one_line():
    code = textwrap.dedent("""
        import builtins, os, signal, sys
        sys.argv = ["progsearch", "guess", "1", "2", "3"]
        real = builtins.__import__
        def slow(name, *args, **kwargs):
            if name == "numpy":
                os.kill(os.getpid(), signal.SIGINT)
            return real(name, *args, **kwargs)
        builtins.__import__ = slow
        from progsearch.cli import main
        sys.exit(main())
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 130 and proc.stderr == "progsearch: interrupted\n"


# -- 4. memory ---------------------------------------------------------------------------------
MEMORY_TERMS = "-337 941 -692 -192 333 -902 -852 681 97 -808 -252 193 -882 863 39".split()


def test_the_memory_cap_bounds_the_peak_resident_memory():
    code = textwrap.dedent(f"""
        import progsearch
        from progsearch.engine.memory import rss_bytes
        idle = rss_bytes()
        r = progsearch.search({[int(t) for t in MEMORY_TERMS]}, max_size=10, time_limit=30,
                              max_memory_mb=150)
        peak = [int(line.split()[1]) * 1024 for line in open("/proc/self/status")
                if line.startswith("VmHWM")][0]
        print(r.stats.stopped_by, idle, peak)
    """)
    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs /proc")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    stopped, idle, peak = proc.stdout.split()
    assert stopped == "memory"
    assert int(peak) <= int(idle) + 150 * 2**20


def test_memory_limit_flag(capsys):
    code, _, err = run(["guess", "1", "2", "3", "--memory-limit", "0"], capsys)
    assert code == 2 and "--memory-limit" in err and err.count("\n") == 1
    code, out, _ = run(["guess", *MEMORY_TERMS, "--max-size", "10", "--time-limit", "30",
                        "--memory-limit", "50"], capsys)
    assert code == 0 and "stopped by memory" in out
    code, out, _ = run(["compare", "0", "1", "4", "9", "16", "25", "--holdout", "2",
                        "--memory-limit", "300", "--time-limit", "0.5"], capsys)
    assert code == 0 and "n*n" in out


# -- 5. faithful sources -------------------------------------------------------------------------
FIB = [0, 1]
while len(FIB) < 100:
    FIB.append(FIB[-1] + FIB[-2])


def test_sources_raise_valueerror_outside_the_range_where_the_program_is_defined():
    r = progsearch.search(FIB[80:92], offset=80)
    loop = r.best
    assert loop.form == "loop" and source_values(loop.source, range(80, 95)) == FIB[80:95]
    with pytest.raises(ValueError):
        source_values(loop.source, [79])
    with pytest.raises(ValueError):
        loop.terms(79, 80)
    table = next(p for p in r.programs if p.form == "lookup")
    for n in (79, 92):
        with pytest.raises(ValueError):
            source_values(table.source, [n])
        with pytest.raises(ValueError):
            table.terms(n, n + 1)


def test_sources_carry_the_librarys_guards():
    # the issue: -1 - factorial(comb(n, 10)) computed factorial(184756) at n = 20
    comb = Apply(OP_BY_NAME["binomial"], (Var("n"), Const(10)))
    prog = Formula(Apply(OP_BY_NAME["sub"], (Const(-1), Apply(OP_BY_NAME["factorial"], (comb,)))))
    t0 = time.perf_counter()
    with pytest.raises(ArithmeticError):
        source_values(prog.source, [20])
    with pytest.raises(ArithmeticError):
        prog.terms(20, 21)
    assert time.perf_counter() - t0 < 0.5
    assert source_values(prog.source, range(10, 12)) == prog.terms(10, 12)
    # an inexact division in a recurrence is no value, in the library and in the source
    half = Loop(PRecurrence(((2,), (-1,))), [1])  # 2 a(n) = a(n-1): a(1) is not an integer
    with pytest.raises(ArithmeticError):
        half.terms(0, 2)
    with pytest.raises(ArithmeticError):
        source_values(half.source, [1])
    # products and powers past the size guard: the source says it does not check
    square = Loop(Apply(OP_BY_NAME["mul"], (Var("a1"), Var("a1"))), [2])
    assert "does not check" in square.source


def test_a_filter_source_stops_where_the_library_does():
    from progsearch.filters import MAX_GAP, Filter

    stops = Filter(Apply(OP_BY_NAME["floordiv"], (Const(5), Var("n"))), 1, 1)  # k = 1..5 only
    assert source_values(stops.source, range(1, 6)) == [1, 2, 3, 4, 5]
    with pytest.raises(ArithmeticError, match=f"no k within {MAX_GAP}"):
        source_values(stops.source, [6])


# -- 6. strict input -----------------------------------------------------------------------------
@pytest.mark.parametrize("argv, message", [
    (["guess", "١٢٣", "4", "5", "6"], "term '١٢٣' is not an ASCII integer"),
    (["guess", "１２", "3", "4", "5"], "term '１２' is not an ASCII integer"),
    (["guess", "1", "2", "3", "--offset", "٣"], "--offset: '٣' is not an ASCII integer"),
    (["compare", "1", "2", "3", "4", "--holdout", "1", "--offset", "３"], "not an ASCII integer"),
    (["guess", "1", "2", "3", "4", "--next", str(10**20)], "must be between 1 and 1000"),
    (["guess", "1", "2", "3", "4", "--next", "1001"], "must be between 1 and 1000"),
    (["guess", "1_000", "2", "3"], "term '1_000' is not an integer"),
])
def test_bad_input_is_one_line(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and not out and err.count("\n") == 1 and message in err


def test_signs_commas_and_spaces_are_accepted(capsys):
    argv = ["guess", "+1,-2", " 3 ", "-4", "5", "--next", "1000", "--time-limit", "0.3"]
    code, out, _ = run(argv, capsys)
    assert code == 0 and "5 terms from n=0" in out


def test_compare_says_where_a_prediction_stops(capsys):
    terms = [int_text(2**2**k) for k in range(16)]  # a(15) is past the 20000-bit guard
    code, out, _ = run(["compare", *terms, "--holdout", "9", "--time-limit", "1"], capsys)
    assert code == 0 and "?: the prediction stops" in out
    assert "8/9" in out  # the pick predicts a(7)..a(14) exactly, then has no value
