"""Issue 13: the command line a new user meets (discoverable, nothing cut, the right reasons)."""

import pytest

from progsearch.cli import main

FIB = "0 1 1 2 3 5 8 13 21 34 55".split()
FAST = ["--time-limit", "1", "--max-size", "5"]


def cli(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("progsearch 0.")


def test_a_bare_call_prints_the_usage(capsys):
    code, out, _ = cli([], capsys)
    assert code == 2 and out.startswith("usage: progsearch") and "guess" in out


def test_demo_help_lists_the_demos(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in ("bee", "guess", "no_free_lunch", "occam", "weight_decay"))


def test_extra_demo_arguments_are_an_error(capsys):
    code, out, err = cli(["demo", "bee", "extra"], capsys)
    assert code == 2 and out == "" and "demo bee takes no arguments, got: extra" in err


def test_next_beyond_the_limit_is_an_error_not_a_silent_cut(capsys):
    for command in (["guess", *FIB], ["compare", *FIB, "--holdout", "2"]):
        code, _, err = cli([*command, "--next", "2000"], capsys)
        assert code == 2 and "--next: '2000' must be between 1 and 1000" in err


def test_compare_takes_max_size_and_next(capsys):
    squares = [str(n * n) for n in range(10)]
    code, out, _ = cli(["compare", *squares, "--holdout", "2", "--max-size", "3", "--next", "3",
                        "--time-limit", "1"], capsys)
    assert code == 0 and "sizes up to 3" in out
    assert out.rstrip().endswith("the pick (row 1) continues: a(10..12) = 100, 121, 144")


def test_nothing_is_cut_and_top_lists_more(capsys):
    code, out, _ = cli(["guess", *FIB, *FAST, "--top", "2"], capsys)
    lines = out.splitlines()
    assert code == 0 and max(map(len, lines)) <= 100
    assert "a(0..1) = 0, 1" in out  # a loop keeps its initial values
    assert "none: a table has no" in out and "next term" in out  # the lookup's reason, whole
    rows = [line for line in lines if line[2:5].strip().isdigit()]
    ranks = [int(line[2:5]) for line in rows]
    assert ranks[:2] == [1, 2] and len(ranks) == 3 and ranks[2] > 3  # the top 2, the lookup
    assert "  ..." in lines and f"({ranks[2] - 3} more program" in out and "--top N lists" in out
    assert not any(line.rstrip().endswith("...") for line in lines if line != "  ...")


def test_a_formula_too_large_to_compute_is_not_a_table(capsys):
    code, out, _ = cli(["guess", "2", "4", "16", "256", "65536", "--next", "12", *FAST], capsys)
    pick = out[out.index(">   1"):out.index("    2  lookup")]
    assert code == 0 and "2**2**n" in pick and "a table" not in pick
    assert "a(15) is too large to compute here" in " ".join(pick.split())


def test_a_constant_sequence_reads_as_its_value(capsys):
    _, out, _ = cli(["guess", "3", "3", "3", "3", "3", "3", *FAST], capsys)
    assert "[3][n % 1]" not in out and "[3][" not in out
    assert out.splitlines()[4].split()[:4] == [">", "1", "formula", "11.0"]


def test_a_simplified_rendering_next_to_the_program(capsys):
    _, out, _ = cli(["guess", "-5", "-3", "-1", "1", "3", "5", "7", "9", *FAST], capsys)
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "n + n - 5" in line)
    assert lines[at + 1].strip() == "= 2*n - 5"


def test_sympy_and_latex_on_the_command_line(capsys):
    _, out, _ = cli(["guess", "1", "4", "9", "16", "25", "--offset", "1", "--sympy", "--latex",
                     *FAST], capsys)
    assert out.splitlines()[-2:] == ["sympy: n**2", "latex: n^{2}"]


def test_progress_lines_with_verbose_and_none_without(capsys):
    code, _, err = cli(["guess", *FIB, *FAST, "--verbose"], capsys)
    sizes = [line for line in err.splitlines() if line.startswith("size ")]
    assert code == 0 and sizes and sizes[-1].startswith("size 5: ")
    assert all(" M candidates, " in s and " M distinct, " in s and s.endswith(" s") for s in sizes)
    _, _, quiet = cli(["guess", *FIB, *FAST], capsys)  # stderr is no terminal under pytest
    assert quiet == ""


def test_compare_progress_with_verbose(capsys):
    squares = [str(n * n) for n in range(10)]
    _, _, err = cli(["compare", *squares, "--holdout", "2", "--max-size", "3", "--verbose",
                     "--time-limit", "1"], capsys)
    assert err.splitlines()[-1].startswith("size 3: ")


def test_the_compare_report_gives_the_reason_a_row_predicts_nothing():
    from types import SimpleNamespace

    from progsearch.report import _none
    from progsearch.search import search

    huge = search([2, 4, 16, 256, 65536], max_size=5, time_limit=1.0).best  # 2**2**n
    table = search([3, 1, 4, 1, 5], max_size=2, time_limit=1.0).programs[-1]  # the lookup
    rows = [SimpleNamespace(program=huge), SimpleNamespace(program=table)]
    c = SimpleNamespace(rows=rows, offset=0, train=(2, 4, 16, 256, 65536), heldout=(0,) * 11)
    assert "a(15) is too large to compute here" in _none(c, 1)  # not "a table has no next term"
    assert _none(c, 2) == "none (a table has no next term)"
