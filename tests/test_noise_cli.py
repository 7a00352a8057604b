"""Noisy mode at the edges: --noisy on guess, compare and bench, decimal terms, compare's rows."""

import json
import math

import numpy as np
import pytest

from progsearch.bench import noisy as bench_noisy
from progsearch.cli import main
from progsearch.cli.shared import InputError
from progsearch.cli.values import parse_values, units_note
from progsearch.compare import compare
from progsearch.forms import Lookup
from progsearch.length import count_bits
from progsearch.noise.values import decimal_terms

LINE = "4 3 5 9 13 14 14 16 18 20 23 26".split()  # about 2n + 3, with noise


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- decimals


@pytest.mark.parametrize("values, want", [
    (["1.5", "2.25", "-3"], ([150, 225, -300], 2)),
    ([0.1, 2], ([1, 20], 1)),  # a float is read through its shortest repr
    (["1e3", "2"], ([1000, 2], 0)),
    ([7, 8], ([7, 8], 0)),
])
def test_decimals_are_read_at_the_precision_given(values, want):
    assert decimal_terms(values) == want


@pytest.mark.parametrize("bad", ["nan", "inf", "-Infinity", "1.2.3", "x", "٣"])
def test_non_finite_or_non_numbers_are_refused_in_one_line(bad):
    with pytest.raises(InputError, match="is not a finite number") as e:
        parse_values(["1", bad])
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("words", [["1", "0.1234567890123"], ["0.1234567890123", "2.5"]])
def test_more_decimals_than_read_are_refused_as_such_in_one_line(words):
    with pytest.raises(InputError) as e:
        parse_values(words)
    assert str(e.value) == ("term '0.1234567890123' has 13 decimals; at most 12 are read (round "
                            "the terms to the precision they have)")
    assert parse_values(["0.123456789012", "1"]) == ([123456789012, 10**12], 12)  # 12: read


def test_a_non_number_after_a_too_precise_term_is_named():
    with pytest.raises(InputError, match="^term 'x' is not a finite number$"):
        parse_values(["0.1234567890123", "x"])


def test_library_refusals_name_the_term():
    with pytest.raises(ValueError, match="term 1 is 'nan'"):
        decimal_terms([1, float("nan")])
    with pytest.raises(TypeError, match="term 0"):
        decimal_terms([True])
    assert units_note(1).startswith("terms read at 1 decimals")


# ---------------------------------------------------------------- guess and compare


def test_guess_noisy_finds_the_line_and_reads_decimals(capsys):
    code, out, _ = run(["guess", "--noisy", "--max-size", "4", "--next", "2", *LINE], capsys)
    assert code == 0 and out.splitlines()[4].split()[:3] == [">", "1", "formula"]
    assert "27, 29" in out  # 2n + 3 at n = 12, 13
    tenths = [f"{int(v) / 10:.1f}" for v in LINE]
    code, out, _ = run(["guess", "--noisy", "--max-size", "4", "--next", "1", *tenths], capsys)
    assert code == 0 and "units of 0.1" in out


def test_guess_without_noisy_still_refuses_decimals(capsys):
    code, out, err = run(["guess", "1.5", "2"], capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_guess_noisy_refuses_nan_with_one_line(capsys):
    code, out, err = run(["guess", "--noisy", "1", "nan", "3"], capsys)
    assert code == 2 and out == "" and err.strip().endswith("term 'nan' is not a finite number")


def test_compare_noisy_rows_carry_model_and_residual_bits(capsys):
    code, out, _ = run(["compare", "--noisy", "--json", "--holdout", "3", *LINE], capsys)
    rows = json.loads(out)["rows"]
    assert code == 0 and json.loads(out)["noise"] is True
    assert all(r["residual_bits"] is not None for r in rows)
    pick = next(r for r in rows if r["role"] == "pick")
    assert pick["train_error"] > 0 and pick["residual_bits"] > 1  # not an exact fit
    code, out, _ = run(["compare", "--noisy", "--holdout", "3", *LINE], capsys)
    assert "two-part lengths of the training terms" in out


def test_guess_noisy_json_carries_program_and_residual_bits(capsys):
    from test_noise import ref_point_bits, ref_residual_bits

    code, out, _ = run(["guess", "--noisy", "--json", "--max-size", "4", *LINE], capsys)
    doc, terms = json.loads(out), [int(v) for v in LINE]
    best = doc["best"]
    assert code == 0 and doc["noise"] is True and best["scale"] > 0
    namespace: dict = {}
    exec(best["source"], namespace)  # the pick's own source gives its model values
    resid = [t - namespace["a"](n) for n, t in enumerate(terms)]
    assert best["residual_bits"] == pytest.approx(ref_residual_bits(resid), abs=1e-3)
    at_scale = count_bits(best["scale"]) + sum(ref_point_bits(r, best["scale"]) for r in resid)
    assert best["residual_bits"] == pytest.approx(at_scale, abs=1e-3)  # the scale it names
    assert best["residual_sd"] == pytest.approx(0.25 * 2 ** ((best["scale"] - 1) / 4))
    assert best["bits"] == pytest.approx(best["program_bits"] + best["residual_bits"], abs=2e-3)
    lookup = next(p for p in doc["programs"] if p["form"] == "lookup")
    assert lookup["residual_bits"] == 1.0 and lookup["scale"] == 0  # exact: 'all residuals 0'
    assert lookup["program_bits"] == pytest.approx(Lookup(terms).bits + math.log2(3), abs=1e-3)
    code, out, _ = run(["guess", "--json", "--max-size", "3", *LINE], capsys)
    exact = json.loads(out)
    assert "noise" not in exact and "residual_bits" not in exact["best"]


def test_guess_noisy_prints_the_mixture_probability_and_no_benchmark_level(capsys):
    from progsearch.search import search
    budget = ["--max-size", "6", "--time-limit", "60"]  # stopped by size: the same both times
    code, out, _ = run(["guess", *LINE, "--noisy", "--next", "2", *budget], capsys)
    assert code == 0
    want = search([int(v) for v in LINE], noise=True, max_size=6, time_limit=60).predict(2)
    for m in want:
        value, p = m.candidates[0]
        assert f"a({m.n}) = {value}" in out and f"p {p:.3f} for this exact value" in out
    assert "share" not in out and "right on the benchmark" not in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_guess_noisy_json_prediction_is_the_mixture_and_has_no_level(capsys):
    code, out, _ = run(["guess", *LINE, "--noisy", "--next", "2", "--json", "--max-size", "6"],
                       capsys)
    assert code == 0
    for row in json.loads(out)["prediction"]:
        assert row["confidence"] is None
        assert [row["value"], row["p"]] == row["candidates"][0]
        assert row["p"] < 0.5  # a noisy rule does not claim one exact value


def test_compare_rows_add_up_to_the_search_ranking():
    terms = [int(v) for v in LINE]
    c = compare(terms[:9], terms[9:], noise=True, max_size=4, time_limit=60.0)
    for row in c.rows:
        if row.program is not None:
            assert math.isclose(row.bits + row.residual_bits, row.program.bits)
    exact = compare(terms[:9], terms[9:], max_size=3, time_limit=60.0)
    assert all(r.residual_bits is None for r in exact.rows)
    assert "residual_bits" not in exact.as_dict()["rows"][0] and "noise" not in exact.as_dict()


# ---------------------------------------------------------------- bench


def test_bench_noise_is_five_percent_and_fixed_by_the_seed():
    terms = [10**6] * 2000
    noisy = bench_noisy.add_noise(terms, np.random.default_rng(0))
    rel = (np.array(noisy) - 10**6) / 10**6
    assert abs(rel.std() - 0.05) < 0.005 and abs(rel.mean()) < 0.005
    assert noisy == bench_noisy.add_noise(terms, np.random.default_rng(0))
    big = bench_noisy.add_noise([3**700], np.random.default_rng(1))[0]
    assert abs(big - 3**700) < 3**700 // 4  # exact integers past float range


def test_bench_scores_exact_and_near():
    assert bench_noisy._score([100, 0], [100, 0]) == (True, True)
    assert bench_noisy._score([109, 0], [100, 0]) == (False, True)
    assert bench_noisy._score([111, 0], [100, 0]) == (False, False)
    assert bench_noisy._score([100, 1], [100, 0]) == (False, False)  # exact below 10
    assert bench_noisy._score(None, [1]) == (False, False)


def test_bench_noisy_flag_prints_the_report(capsys):
    code, out, _ = run(["bench", "--noisy", "--limit", "1", "--time-limit", "0.5"], capsys)
    assert code == 0 and "noisy search" in out and "ridge" in out and "median" in out
    code, out, _ = run(["bench", "--noisy", "--limit", "1", "--time-limit", "0.5", "--json"],
                       capsys)
    data = json.loads(out)
    assert data["sequences"] == 1 and len(data["rows"]) == 1 and data["rel_sigma"] == 0.05


def test_bench_p90_is_the_nearest_rank_and_ridge_takes_every_float_range_term():
    rows = [bench_noisy.NoisyRow(f"A{i}", "n", False, float(i), 1.0, (False, False),
                                 (False, False)) for i in range(1, 11)]
    # nearest rank: the smallest time with at least 90% of the 10 at or below it is the 9th
    assert bench_noisy.summary(rows)["p90_s"] == 9.0
    assert bench_noisy.summary(rows[:1])["p90_s"] == 1.0
    big = [2**1022 + 3**600 * k for k in range(15)]  # 1023-bit terms: floats, so ridge runs
    assert bench_noisy._floats(big) and float(max(big)) < math.inf
    assert not bench_noisy._floats(big + [2**1023])  # float(2**1023) is finite, ridge refuses
