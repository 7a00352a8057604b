"""Tests for `progsearch compare`: through progsearch.cli.main and as a real subprocess."""

import contextlib
import io
import itertools
import json
import re
import subprocess
import sys

import pytest

from progsearch.cli import main
from progsearch.compare import compare
from progsearch.report import COLUMNS, table

SQUARES = [str(n * n) for n in range(12)]
FIBONACCI = [str(v) for v in (0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987,
                               1597)]


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(["compare", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^[ >*] +\d+ ", line)]


@pytest.fixture(scope="module")
def squares_json() -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["compare", *SQUARES, "--holdout", "4", "--json"]) == 0
    return json.loads(buf.getvalue())


# -- the squares, default budget: what the issue asks for --------------------------------------
def test_squares_report(capsys):
    code, out, err = run([*SQUARES, "--holdout", "4"], capsys)
    assert code == 0 and err == ""
    rows = table_rows(out)
    assert rows[0].startswith(">") and " formula " in rows[0] and " 4/4 " in rows[0]
    assert rows[0].endswith("n*n")
    look = [r for r in rows if " lookup " in r]
    assert len(look) == 1 and " none " in look[0]
    ridge = [r for r in rows if " ridge " in r]
    assert len(ridge) == 20 and all(re.search(r"\d/4 +[\d.e+-]+ ", r) for r in ridge)


def test_squares_json_rows(squares_json):
    rows = squares_json["rows"]
    pick = rows[0]
    assert pick["mark"] == ">" and pick["form"] == "formula" and pick["exact"] == 4
    assert pick["predictions"] == [64, 81, 100, 121] and pick["rel_error"] == 0.0
    (look,) = [r for r in rows if r["form"] == "lookup"]
    assert look["predictions"] is None and look["rel_error"] is None
    ridge = [r for r in rows if r["form"] == "ridge"]
    assert all(isinstance(r["rel_error"], float) for r in ridge)
    for d in sorted({r["degree"] for r in ridge}):
        norms = [r["weight_norm"] for r in sorted((r for r in ridge if r["degree"] == d),
                                                  key=lambda r: r["alpha"])]
        assert all(b < a for a, b in itertools.pairwise(norms))
    assert squares_json["train"] == [n * n for n in range(8)]
    assert squares_json["heldout"] == [64, 81, 100, 121]


def test_json_rows_carry_every_column_of_the_table(squares_json):
    for row in squares_json["rows"]:
        for col in COLUMNS:
            assert set(col.keys) <= set(row)
        assert "model" in row and "predictions" in row


def test_table_cells_come_from_the_json_rows():
    c = compare([n * n for n in range(8)], [64, 81, 100, 121], time_limit=60.0, max_size=4)
    printed = table_rows("\n".join(table(c.rows)))
    for line, d in zip(printed, json.loads(json.dumps(c.as_dict()))["rows"]):
        cells = [col.cell(d) for col in COLUMNS]
        parts = [x.ljust(col.width) if col.left else x.rjust(col.width)
                 for col, x in zip(COLUMNS, cells)]
        assert line.startswith(" ".join(parts) + "  " + d["model"].split("; ")[0][:30])


def test_fibonacci_report(capsys):
    code, out, _ = run([*FIBONACCI, "--holdout", "6"], capsys)
    assert code == 0
    rows = table_rows(out)
    assert rows[0].startswith(">") and " loop " in rows[0] and " 6/6 " in rows[0]
    assert "stopped by" in out and "The pick is row 1, the loop" in out


def test_offset_and_time_limit_are_passed_on(capsys):
    terms = [str(n * n) for n in range(1, 11)]
    code, out, _ = run([*terms, "--holdout", "2", "--offset", "1", "--time-limit", "0.5",
                        "--json"], capsys)
    d = json.loads(out)
    assert code == 0 and d["offset"] == 1 and d["rows"][0]["predictions"] == [81, 100]
    assert d["rows"][0]["model"] == "n*n"


def test_commas_between_terms(capsys):
    code, out, _ = run(["0,1,4,9,16", "25,36,49", "--holdout", "2", "--time-limit", "0.3",
                        "--json"], capsys)
    assert code == 0 and json.loads(out)["heldout"] == [36, 49]


# -- bad input: one line on stderr, exit code 2, never a traceback -----------------------------
@pytest.mark.parametrize("argv, message", [
    (["0", "1", "1.5", "4", "--holdout", "1"], "term '1.5' is not an integer"),
    (["0", "1", "nan", "4", "--holdout", "1"], "term 'nan' is not an integer"),
    (["0", "one", "2", "4", "--holdout", "1"], "term 'one' is not an integer"),
    (["0", "1", "4", "--holdout", "2"], "--holdout must be at least 1 and leave at least 2"),
    (["0", "1", "4", "9", "--holdout", "0"], "--holdout must be at least 1"),
    (["0", "1", "4", "9", "--holdout", "-1"], "--holdout must be at least 1"),
    (["0", "1", "4", "9", "--holdout", "1", "--time-limit", "nan"],
     "argument --time-limit: 'nan' must be a positive number of seconds"),
    (["0", "1", "4", "9", "--holdout", "1", "--time-limit", "soon"],
     "argument --time-limit: 'soon' is not a number"),
])
def test_bad_input_is_one_line(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("progsearch compare: error: ")
    assert message in err


def test_huge_and_long_tokens_are_one_short_line(capsys):
    code, _, err = run(["0", "1", "2", "9" * 10_001, "5", "--holdout", "1"], capsys)
    assert code == 2 and err.count("\n") == 1 and "digits" in err and len(err) < 120
    code, _, err = run(["0", "1", "2", "x" * 5000, "5", "--holdout", "1"], capsys)
    assert code == 2 and err.count("\n") == 1 and len(err) < 120


def test_library_errors_are_one_line(capsys):
    code, _, err = run([str(n) for n in range(1200)] + ["--holdout", "1"], capsys)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("progsearch compare: error: ") and "at most 1000 terms" in err


def test_plot_without_matplotlib_says_how_to_install(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    code, out, err = run([*SQUARES, "--holdout", "4", "--plot", "x.png"], capsys)
    assert code == 2 and out == ""
    assert err == ("progsearch compare: error: plotting needs matplotlib: "
                   "pip install 'progsearch[plot]'\n")


def test_plot_to_an_unwritable_path_is_one_line(capsys, tmp_path):
    code, _, err = run(["0", "1", "4", "9", "16", "25", "--holdout", "1", "--time-limit", "0.2",
                        "--plot", str(tmp_path / "missing" / "x.png")], capsys)
    assert code == 2 and err.count("\n") == 1


# -- the plot ---------------------------------------------------------------------------------
def test_plot_writes_a_png(capsys, tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "fib.png"
    code, out, err = run([*FIBONACCI, "--holdout", "6", "--time-limit", "0.5", "--plot",
                          str(path)], capsys)
    assert code == 0 and "The pick is" in out and f"plot written to {path}" in err
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_draws_a_few_continuations_and_uses_a_log_scale_for_wide_ranges():
    pytest.importorskip("matplotlib")
    from progsearch.plot import continuations, plot_comparison

    fib = [int(t) for t in FIBONACCI]
    c = compare(fib[:12], fib[12:], time_limit=60.0, max_size=7, degrees=(1, 3),
                alphas=(0.0, 1.0))
    ax = plot_comparison(c).axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    drawn = [r for r in continuations(c) if r.form != "lookup"]
    assert all(any(lab.startswith(f"{r.mark}{r.row} ") for lab in labels) for r in drawn)
    assert "training terms" in labels and "held-out terms" in labels
    assert ax.get_yscale() == "symlog"  # 0 .. 1597: orders of magnitude, with a zero
    sq = compare(list(range(0, 64, 8)), [64, 72], time_limit=0.3, max_size=3, degrees=(1,),
                 alphas=(0.0,))
    assert plot_comparison(sq).axes[0].get_yscale() == "linear"


# -- the real command line --------------------------------------------------------------------
def _progsearch(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "progsearch", "compare", *argv],
                          capture_output=True, text=True, timeout=120, check=False)


def test_subprocess_squares():
    done = _progsearch(*SQUARES, "--holdout", "4")
    assert done.returncode == 0, done.stderr
    rows = table_rows(done.stdout)
    assert rows[0].startswith(">") and rows[0].endswith("n*n") and " 4/4 " in rows[0]


def test_subprocess_json():
    done = _progsearch(*SQUARES, "--holdout", "4", "--json", "--time-limit", "0.5")
    assert done.returncode == 0 and json.loads(done.stdout)["rows"][0]["mark"] == ">"


@pytest.mark.parametrize("argv", [["0", "1", "x", "--holdout", "1"],
                                  ["0", "1", "4", "--holdout", "5"]])
def test_subprocess_bad_input(argv):
    done = _progsearch(*argv)
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert done.stderr.startswith("progsearch compare: error: ")


def test_ctrl_c_is_one_line_and_status_130(capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("progsearch.cli.compare.compare", interrupted)
    code, out, err = run([*SQUARES, "--holdout", "4"], capsys)
    assert (code, out, err) == (130, "", "progsearch: interrupted\n")
