"""The engine throughput benchmark: its figures add up, and its command line fails on one line."""

import json

import pytest

from progsearch.bench import throughput
from progsearch.cli import main


@pytest.fixture(scope="module")
def fig():
    return throughput.measure(max_size=6)


def test_every_size_up_to_the_limit_is_measured_whole(fig):
    assert [row["size"] for row in fig["sizes"]] == [2, 3, 4, 5, 6]
    assert fig["cut_short"] is None
    assert sum(row["candidates"] for row in fig["sizes"]) == fig["candidates"]
    assert fig["distinct"] == sum(row["distinct"] for row in fig["sizes"]) + 12  # + the leaves
    elapsed = fig["elapsed_s"]  # rounded to 1 ms
    rate = fig["candidates_per_s"]
    low, high = fig["candidates"] / (elapsed + 5e-4), fig["candidates"] / (elapsed - 5e-4)
    assert low - 1 <= rate <= high + 1


def test_a_time_limit_cuts_the_last_size_and_says_so():
    fig = throughput.measure(max_size=9, time_limit=0.05)
    cut, done = fig["cut_short"], [row["size"] for row in fig["sizes"]]
    assert cut is not None and cut["size"] == (done[-1] + 1 if done else 2)
    assert "cut short" in throughput.report({**fig, "report_25_s": 0, "report_25_first_s": 0})


def test_the_report_prints_the_figures(fig):
    text = throughput.report({**fig, "report_25_s": 0.5, "report_25_first_s": 2.0})
    assert f"{fig['candidates']:,} candidates" in text
    assert f"{fig['candidates_per_s']:,} candidates/s" in text
    for row in fig["sizes"]:
        assert f"{row['candidates']:,}" in text
    assert "cut short" not in text and "random read" in text


def test_the_command_prints_json(monkeypatch, capsys):
    monkeypatch.setattr(throughput, "report_seconds",
                        lambda: {"report_25_s": 0.5, "report_25_first_s": 2.0})
    assert main(["bench", "--throughput", "--max-size", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [row["size"] for row in out["sizes"]] == [2, 3, 4]
    assert out["gather_ns"] > 0 and out["bare_add_ns_per_row"] > 0


@pytest.mark.parametrize("argv", [["--max-size", "40"], ["--max-size", "x"],
                                  ["--time-limit", "-1"], ["--frobnicate"]])
def test_bad_arguments_get_one_line_and_status_2(argv, capsys):
    assert main(["bench", "--throughput", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("progsearch bench") and "\n" not in err


def test_out_of_range_flags_name_the_flag(capsys):
    assert main(["bench", "--throughput", "--time-limit", "5000"]) == 2
    assert capsys.readouterr().err == "progsearch bench: error: --time-limit must be in (0, 3600]\n"


def test_timed_report_times_the_comparison_and_its_text():
    terms = [n * n for n in range(10)]
    text, seconds = throughput.timed_report(terms, holdout=3, time_limit=5.0, max_size=3)
    assert text.startswith("progsearch compare: 7 training terms")
    assert "n*n" in text  # the squares are found within size 3
    assert 0 < seconds < 60
