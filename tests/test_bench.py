"""The benchmark runner: loading, the baselines, the accounting, the report and the CLI."""

import importlib.util
import io
import json
import math
import random
import time
from fractions import Fraction
from pathlib import Path

import joblib
import pytest

from progsearch.bench import (
    BASELINES,
    DATA_PATH,
    SOLVERS,
    BenchResult,
    data,
    hard_limit,
    load_benchmark,
    resolve_solvers,
    run_benchmark,
    run_one,
    solve_lookup,
    solve_sympy_rec,
)
from progsearch.bench.how import Made, how
from progsearch.budget import Budget
from progsearch.cli import main as cli_main
from progsearch.finders import find_p_recursive


def main(argv):
    """``progsearch bench ARGV``: the exit code."""
    return cli_main(["bench", *argv])

SHARED = Path("/work/shared/data/oeis_public.json")
SLACK = 20.0  # time limit for real baselines: generous, so a loaded machine cannot fail a test


def fibonacci(n):
    a = [0, 1]
    while len(a) < n:
        a.append(a[-1] + a[-2])
    return a[:n]


def entry(terms, id="A999999", tier="classic", offset=0):
    return {"id": id, "offset": offset, "terms": list(terms), "tier": tier}


# %% loading


def test_packaged_copy_loads_all_entries():
    entries = load_benchmark()
    assert len(entries) == 464
    assert {e["tier"] for e in entries} == {"classic", "sample"}
    assert all(len(e["terms"]) >= 25 for e in entries)
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)


@pytest.mark.skipif(not SHARED.is_file(), reason="shared data not present")
def test_packaged_copy_is_a_byte_copy_of_the_shared_data():
    assert DATA_PATH.read_bytes() == SHARED.read_bytes()


def test_tier_filter():
    assert len(load_benchmark(tier="classic")) == 64
    assert {e["tier"] for e in load_benchmark(tier="sample")} == {"sample"}


def test_limit_is_stratified_deterministic_and_in_file_order():
    ten = load_benchmark(limit=10)
    assert len(ten) == 10
    assert [e["tier"] for e in ten].count("classic") in (1, 2)  # 64 / 464 of 10
    assert ten == load_benchmark(limit=10)
    ids = [e["id"] for e in ten]
    assert ids == sorted(ids)
    assert {e["tier"] for e in load_benchmark(limit=2)} == {"classic", "sample"}
    assert load_benchmark(tier="classic", limit=3) == load_benchmark(tier="classic")[:3]
    assert len(load_benchmark(limit=10_000)) == 464


def test_load_errors_name_the_argument(tmp_path):
    with pytest.raises(ValueError, match="tier"):
        load_benchmark(tier="hard")
    with pytest.raises(ValueError, match="limit"):
        load_benchmark(limit=0)
    with pytest.raises(TypeError, match="limit"):
        load_benchmark(limit=2.5)
    with pytest.raises(ValueError, match="path .*does not exist"):
        load_benchmark(tmp_path / "missing.json")
    short = tmp_path / "short.json"
    short.write_text(json.dumps([entry(range(20))]))
    with pytest.raises(ValueError, match="fewer than 25"):
        load_benchmark(short)
    bad_tier = tmp_path / "tier.json"
    bad_tier.write_text(json.dumps([entry(range(30), tier="hard")]))
    with pytest.raises(ValueError, match="tier"):
        load_benchmark(bad_tier)


def test_missing_packaged_copy_says_so(monkeypatch, tmp_path):
    monkeypatch.setattr(data, "DATA_PATH", tmp_path / "gone.json")
    with pytest.raises(ValueError, match="packaged benchmark file"):
        load_benchmark()


# %% the baselines

EASY = {
    "fibonacci": fibonacci(25),
    "powers of 2": [2**n for n in range(25)],
    "factorials": [math.factorial(n) for n in range(25)],
    "catalan": [math.comb(2 * n, n) // (n + 1) for n in range(25)],
    "n+1": [n + 1 for n in range(25)],
    "squares": [n * n for n in range(25)],
    "(n+1) 2^(n+1)": [(n + 1) * 2 ** (n + 1) for n in range(25)],
}


@pytest.mark.parametrize(
    "solver, sequence",
    [
        ("ridge", "squares"),
        ("sympy_rec", "fibonacci"),
        ("sympy_gfr", "fibonacci"),
        ("sympy_guess", "catalan"),
        ("sympy_guess", "squares"),  # a leading zero is stripped, indices shift
        ("sympy_ogf", "fibonacci"),
        ("sympy_egf", "factorials"),
        ("sympy_lgf", "n+1"),
        ("sympy_hlgf", "n+1"),
        ("sympy_lgdogf", "powers of 2"),
        ("sympy_lgdegf", "factorials"),
        ("sympy_lgdegf", "(n+1) 2^(n+1)"),  # egf (1+2x) exp(2x): exact via the log-derivative
    ],
)
def test_each_baseline_solves_an_easy_sequence(solver, sequence):
    row = run_one(entry(EASY[sequence]), solver, SOLVERS[solver], SLACK)
    assert row.status == "ok"
    assert row.solved and not row.false
    assert row.prediction == EASY[sequence][15:25]
    assert all(type(v) is int for v in row.prediction)


@pytest.mark.parametrize("solver", [s for s in SOLVERS if s != "progsearch"])
def test_baselines_on_a_random_sequence_predict_nothing_or_are_marked_false(solver):
    rng = random.Random(7)
    terms = [rng.randrange(1, 1000) for _ in range(25)]
    row = run_one(entry(terms), solver, SOLVERS[solver], SLACK)
    assert not row.solved
    assert row.false == row.made


def test_ridge_predicts_on_the_absolute_index_with_the_offset():
    terms = [3 * n + 1 for n in range(5, 30)]  # a(n) = 3n + 1 from n = 5
    row = run_one(entry(terms, offset=5), "ridge", SOLVERS["ridge"], SLACK)
    assert row.solved


def test_a_non_integer_prediction_is_exact_and_false():
    train = [2 ** (14 - j) for j in range(15)]  # 2 a(n) = a(n-1): the next terms are 1/2, 1/4
    assert solve_sympy_rec(train, 0, 3, 1.0) == ["1/2", "1/4", "1/8"]
    row = run_one(entry(train + [0] * 10), "sympy_rec", SOLVERS["sympy_rec"], 1.0)
    assert row.made and row.false and not row.solved


def test_lookup_never_predicts():
    assert solve_lookup(fibonacci(15), 0, 10, 1.0) is None


def test_sympy_group_name_expands_to_every_sympy_guesser():
    chosen = resolve_solvers(["lookup", "sympy"])
    assert list(chosen) == ["lookup"] + [s for s in SOLVERS if s.startswith("sympy_")]
    assert set(chosen) - {"lookup"} < set(BASELINES)
    with pytest.raises(ValueError, match="solvers: unknown solver 'nope'"):
        resolve_solvers(["nope"])


# %% accounting with fake solvers


def truth_for(train, offset, k, time_limit):
    """Knows the data: continues the pattern the tests use (a(n) = n)."""
    n0 = offset + len(train)
    return list(range(n0, n0 + k))


def off_by_one(train, offset, k, time_limit):
    return [v + 1 for v in truth_for(train, offset, k, time_limit)]


def declines(train, offset, k, time_limit):
    return None


def raises(train, offset, k, time_limit):
    raise ZeroDivisionError("boom")


def sleeps(train, offset, k, time_limit):
    time.sleep(30)
    return truth_for(train, offset, k, time_limit)


def half(train, offset, k, time_limit):
    return [Fraction(v, 2) * 2 for v in truth_for(train, offset, k, time_limit)]  # exact ints


FAKES = {
    "right": truth_for,
    "wrong": off_by_one,
    "none": declines,
    "raises": raises,
    "fraction": half,
}


def identity_entries():
    return [
        entry(range(30), id="A000001", tier="classic"),
        entry(range(30), id="A000002", tier="sample"),
        entry(range(30), id="A000003", tier="sample"),
    ]


def test_solved_and_false_accounting_on_fakes():
    result = run_benchmark(identity_entries(), FAKES, time_limit=1.0, progress=False)
    assert len(result.rows) == 3 * len(FAKES)
    s = result.summary("all")
    assert (s["right"]["solved"], s["right"]["made"], s["right"]["false"]) == (3, 3, 0)
    assert (s["wrong"]["solved"], s["wrong"]["made"], s["wrong"]["false"]) == (0, 3, 3)
    assert s["wrong"]["false_rate"] == 1.0
    assert (s["none"]["made"], s["none"]["false"], s["none"]["false_rate"]) == (0, 0, 0.0)
    assert (s["raises"]["made"], s["raises"]["errors"]) == (0, 3)
    assert s["fraction"]["solved"] == 3
    assert result.summary("classic")["right"]["sequences"] == 1
    assert result.summary("sample")["right"]["rate"] == 1.0
    raised = [r for r in result.rows if r.solver == "raises"]
    assert {r.status for r in raised} == {"error: ZeroDivisionError"}


def test_a_slow_solver_is_abandoned_at_the_hard_limit():
    start = time.perf_counter()
    result = run_benchmark(identity_entries()[:1], {"slow": sleeps}, time_limit=0.1, progress=False)
    (row,) = result.rows
    assert row.status == "timeout" and not row.made
    assert time.perf_counter() - start < 5  # abandoned at 2 * 0.1 + 1 s, not after 30 s
    assert row.seconds == pytest.approx(hard_limit(0.1), abs=0.5)


def test_a_late_answer_from_a_worker_thread_is_discarded():
    def late(train, offset, k, time_limit):
        time.sleep(hard_limit(time_limit) + 0.2)  # no SIGALRM in a thread: runs to the end
        return truth_for(train, offset, k, time_limit)

    with joblib.parallel_config(backend="threading", n_jobs=2):
        result = run_benchmark(
            identity_entries()[:2], {"late": late}, time_limit=0.01, jobs=None, progress=False
        )
    assert [r.status for r in result.rows] == ["timeout", "timeout"]


def test_rows_follow_entry_order_and_progress_has_one_line_per_sequence():
    out = io.StringIO()
    result = run_benchmark(identity_entries(), {"right": truth_for}, progress=out)
    assert [r.id for r in result.rows] == ["A000001", "A000002", "A000003"]
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("[1/3] A00000") and "right=solved" in lines[0]
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_parallel_run_matches_serial_run():
    entries = load_benchmark(limit=4)
    kw = {"time_limit": SLACK, "progress": False}
    one = run_benchmark(entries, ["lookup", "sympy_rec"], jobs=1, **kw)
    two = run_benchmark(entries, ["lookup", "sympy_rec"], jobs=2, **kw)
    assert [(r.id, r.solver, r.prediction, r.solved) for r in one.rows] == [
        (r.id, r.solver, r.prediction, r.solved) for r in two.rows
    ]


def test_backends_without_generators_still_run():
    entries = load_benchmark(limit=2)
    with joblib.parallel_config(backend="multiprocessing", n_jobs=2):
        result = run_benchmark(entries, ["lookup", "sympy_rec"], jobs=None, progress=False)
    assert [r.id for r in result.rows] == [e["id"] for e in entries for _ in range(2)]


def test_run_benchmark_argument_errors():
    with pytest.raises(ValueError, match="time_limit"):
        run_benchmark(identity_entries(), ["lookup"], time_limit=0)
    with pytest.raises(ValueError, match="jobs"):
        run_benchmark(identity_entries(), ["lookup"], jobs=0)
    with pytest.raises(TypeError, match="solvers"):
        run_benchmark(identity_entries(), "lookup")
    with pytest.raises(ValueError, match="fewer than 25"):
        run_benchmark([entry(range(10))], ["lookup"])


# %% the report


def test_report_shows_both_tiers_and_the_ratio_to_the_best_baseline():
    fakes = {"progsearch": truth_for, "sympy_rec": off_by_one, "ridge": declines}
    result = run_benchmark(identity_entries(), fakes, progress=False)
    text = result.report()
    assert "tier classic (1 sequence)" in text
    assert "tier sample (2 sequences)" in text
    assert "tier all (3 sequences)" in text
    assert "progsearch / best baseline (sympy_rec): 3 / 0 = n/a" in text
    assert text == BenchResult(result.rows, result.solvers, result.time_limit).report()
    ratio = run_benchmark(
        identity_entries(), {"progsearch": truth_for, "ridge": truth_for}, progress=False
    ).ratio("sample")
    assert ratio == {"progsearch": 2, "best_baseline": "ridge", "baseline_solved": 2, "ratio": 1.0}
    assert "BenchResult(3 sequences" in repr(result)


def test_report_columns_line_up():
    result = run_benchmark(identity_entries(), FAKES, progress=False)
    table = [
        ln for ln in result.report().splitlines() if ln.startswith(("solver", "right", "wrong"))
    ]
    assert len({len(ln) for ln in table}) == 1


def test_json_carries_the_summary_and_the_rows():
    result = run_benchmark(identity_entries(), {"right": truth_for}, progress=False)
    data = json.loads(json.dumps(result.to_json()))
    assert set(data["tiers"]) == {"classic", "sample", "all"}
    assert data["tiers"]["all"]["summary"]["right"]["solved"] == 3
    assert data["rows"][0]["prediction"] == list(range(15, 25))
    assert data["protocol"]["train"] == 15 and data["protocol"]["predict"] == 10


def labelled(label):
    """A fake solver that says how it made its (right) prediction."""
    def solve(train, offset, k, time_limit):
        return Made(truth_for(train, offset, k, time_limit), label)
    return solve


def test_the_how_table_counts_solved_and_false_per_label_and_tier():
    fakes = {"progsearch": labelled("filter+nt"), "wrong": off_by_one}
    result = run_benchmark(identity_entries(), fakes, progress=False)
    assert [r.how for r in result.rows if r.solver == "progsearch"] == ["filter+nt"] * 3
    assert all(r.how == "" for r in result.rows if r.solver == "wrong")  # it said nothing
    assert result.by_how("sample") == {"filter+nt": {"solved": ["A000002", "A000003"],
                                                     "false": []}}
    block = result.report().split("how the predictions were made")[1].splitlines()
    assert block[1].split() == ["form", "classic", "sample", "all"]
    assert block[2].split() == ["filter+nt", "1", "/", "0", "2", "/", "0", "3", "/", "0"]
    data = json.loads(json.dumps(result.to_json()))
    assert data["tiers"]["all"]["by_how"]["filter+nt"]["solved"] == ["A000001", "A000002",
                                                                     "A000003"]
    assert data["rows"][0]["how"] == "filter+nt"


def test_a_report_without_labels_has_no_how_table():
    result = run_benchmark(identity_entries(), {"right": truth_for}, progress=False)
    assert "how the predictions were made" not in result.report() and not result.by_how()


def test_how_names_the_form_the_library_and_the_transform():
    from progsearch.forms import Formula
    from progsearch.language import OP_BY_NAME, Apply, Var
    from progsearch.transforms import Transformed

    n = Var("n")
    plain = Formula(Apply(OP_BY_NAME["mul"], (n, n)))
    library = Formula(Apply(OP_BY_NAME["isprime"], (n,)))
    assert (how(plain), how(library)) == ("formula", "formula+nt")
    assert how(Transformed("halves", [plain, library])) == "halves(formula + formula+nt)"
    terms = [1]
    for k in range(1, 12):
        terms.append(k * terms[-1] + 1)  # a(n) = n a(n-1) + 1: P-recursive
    found = find_p_recursive(terms, 0, Budget(10.0, 8, 2**30))
    assert found and {how(p) for p in found} == {"loop (P-recursive)"}


# %% the command line


@pytest.mark.parametrize(
    "argv",
    [
        ["--time-limit", "-1"],
        ["--time-limit", "soon"],
        ["--time-limit", "inf"],
        ["--tier", "hard"],
        ["--limit", "0"],
        ["--jobs", "0"],
        ["--solvers", "lookup,nope"],
        ["--data", "/nonexistent/file.json"],
        ["--frobnicate"],
    ],
)
def test_bad_arguments_give_one_line_and_status_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("progsearch bench: error:")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert "--time-limit" in capsys.readouterr().out


def test_main_json_run(capsys):
    assert main(["--limit", "2", "--solvers", "lookup,sympy_rec", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["solvers"] == ["lookup", "sympy_rec"]
    assert len(data["rows"]) == 4
    assert set(data["tiers"]) == {"classic", "sample", "all"}


def test_main_text_run(capsys):
    assert main(["--tier", "classic", "--limit", "2", "--solvers", "lookup"]) == 0
    captured = capsys.readouterr()
    assert "tier classic (2 sequences)" in captured.out
    assert "tier sample" not in captured.out
    assert captured.err.count("\n") == 2  # one progress line per sequence


def test_throughput_flag_switches_to_the_throughput_flags(monkeypatch, capsys):
    seen = []
    monkeypatch.setattr("progsearch.cli.bench.run_throughput", lambda args: seen.append(args) or 0)
    assert main(["--max-size", "4", "--throughput", "--seed", "3"]) == 0
    assert (seen[0].max_size, seen[0].seed, seen[0].time_limit) == (4, 3, 120.0)
    assert main(["--throughput", "--jobs", "2"]) == 2  # --jobs is the benchmark's, not its
    err = capsys.readouterr().err
    assert err == "progsearch bench --throughput: error: unrecognized arguments: --jobs 2\n"


# %% end to end with the real search


def test_end_to_end_with_progsearch_on_three_sequences():
    if importlib.util.find_spec("progsearch.search") is None:
        pytest.skip("progsearch.search does not exist yet")
    entries = load_benchmark(limit=3)
    result = run_benchmark(
        entries, ["progsearch", "lookup", "sympy_rec"], time_limit=1.0, progress=False
    )
    assert len(result.rows) == 9
    assert all(r.status == "ok" for r in result.rows if r.solver == "progsearch")
    assert "progsearch / best baseline (sympy_rec)" in result.report()
