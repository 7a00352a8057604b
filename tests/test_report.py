"""Tests for the printed report: layout, stability, and sentences that match the numbers."""

import re

import pytest

from progsearch.compare import Comparison, compare
from progsearch.report import COLUMNS, LEGEND, WIDTH, clip, report, summary, table, wrap

SQUARES = [n * n for n in range(12)]
FIBONACCI = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597]
SMALL = {"time_limit": 60.0, "max_size": 5}  # stopped by max_size: the same result every run


@pytest.fixture(scope="module")
def squares() -> Comparison:
    return compare(SQUARES[:8], SQUARES[8:], **SMALL)


@pytest.fixture(scope="module")
def fibonacci() -> Comparison:
    # size 7 holds the first loops that fit but continue differently (1.5 s here)
    return compare(FIBONACCI[:12], FIBONACCI[12:], time_limit=60.0, max_size=7)


def rows_of(text: str) -> list[str]:
    """The table lines that start a row (a mark column, then the row number)."""
    return [line for line in text.splitlines() if re.match(r"^[ >*] +\d+ ", line)]


# -- layout -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["squares", "fibonacci"])
def test_plain_text_within_100_columns(name, request):
    text = report(request.getfixturevalue(name))
    assert text.isascii() and text.endswith("\n") and "\t" not in text
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert all(line == line.rstrip() for line in text.splitlines())


def test_same_bytes_for_the_same_input(squares):
    again = compare(SQUARES[:8], SQUARES[8:], **SMALL)
    assert squares.result.stats.stopped_by == "max_size"
    assert report(again) == report(squares) == str(squares)


def test_one_row_per_model_and_the_pick_marked(squares):
    lines = rows_of(report(squares))
    assert len(lines) == len(squares.rows)
    assert [line for line in lines if line.startswith(">")] == [lines[0]]
    assert re.match(r"^>\s+1 formula\s+13\.0 .* 4/4 .* n\*n$", lines[0])


def test_cells_are_the_json_values_formatted(squares):
    lines = rows_of(report(squares))
    for line, row in zip(lines, squares.rows):
        d = row.as_dict()
        cells = line.split()
        if d["mark"]:
            assert cells.pop(0) == d["mark"]
        expected = [col.cell(d) for col in COLUMNS[1:] if col.cell(d)]
        assert cells[: len(expected)] == expected
        assert " ".join(cells[len(expected):]).startswith(d["model"].split("; ")[0][:20])


def test_columns_line_up(squares):
    text = table(squares.rows)
    starts = {line.index(" formula ") for line in text if " formula " in line}
    assert len(starts) == 1  # the form column starts at the same place on every line


def test_legend_explains_every_mark_and_column(squares):
    text = report(squares)
    assert LEGEND in text
    for word in (">", "*", "bits", "train", "held-out", "rel err", "|w|", "none"):
        assert word in LEGEND
    assert [col.header for col in COLUMNS][1:] == ["#", "form", "bits", "chars", "train",
                                                  "held-out", "rel err", "|w|"]


def test_long_loop_rules_wrap_inside_the_model_column(fibonacci):
    text = table(fibonacci.rows)
    assert all(len(line) <= WIDTH for line in text)
    model_col = text[0].index("model")
    continued = [line for line in text if line.startswith(" " * model_col) and line.strip()]
    assert any(line.strip().startswith("a(0..1) = 0, 1") for line in continued)


# -- what the run shows: the sentences carry this run's own numbers ---------------------------
def test_summary_names_the_pick_and_its_heldout_score(squares):
    text = " ".join(summary(squares))
    assert "The pick is row 1, the formula n*n (13.0 bits" in text
    assert "It predicts all 4 held-out terms exactly." in text


def test_summary_states_the_lookup(squares):
    look = next(r for r in squares.rows if r.form == "lookup")
    text = " ".join(summary(squares))
    assert (f"The lookup (row {look.row}) reproduces the training terms too, at "
            f"{look.bits:.1f} bits") in text
    assert "predicts none of the held-out terms" in text


def test_summary_states_the_ridge_models(squares):
    text = " ".join(summary(squares))
    ridge = [r for r in squares.rows if r.form == "ridge"]
    best = min(ridge, key=lambda r: (r.rel_error, r.bits, r.row))
    exact = sum(r.exact == 4 for r in ridge)
    assert f"of the 20 ridge models (degree 1, 2, 3, 5; alpha 0 to 100), {exact} predict" in text
    assert f"is row {best.row}, {best.model}" in text
    assert "the weight norm falls at every step" in text
    assert "The norm falls as alpha rises at every degree." in text


def test_summary_says_where_programs_that_fit_diverge(fibonacci):
    text = " ".join(" ".join(summary(fibonacci)).split())
    differing = [r for r in fibonacci.rows if r.mark == "*"]
    assert len(differing) >= 2
    for r in differing:
        j = next(i for i, (p, q) in enumerate(zip(r.predictions, FIBONACCI[12:])) if p != q)
        assert (f"row {r.row} ({r.bits:.1f} bits) at a({12 + j}) = {r.predictions[j]} "
                f"instead of {FIBONACCI[12 + j]}") in text
    assert f"{fibonacci.n_same} continue as the pick does and {fibonacci.n_differ} do not" in text


def test_fibonacci_report_lists_programs_that_fit_but_differ(fibonacci):
    text = report(fibonacci)
    starred = [line for line in rows_of(text) if line.startswith("*")]
    assert len(starred) >= 2
    assert rows_of(text)[0].startswith(">") and " loop " in rows_of(text)[0]
    assert " 6/6 " in rows_of(text)[0]


def test_summary_says_when_a_longer_program_does_better():
    # the truth here is n*(n % 8): the shortest rule, n*n, is wrong and a longer one is right
    c = compare(SQUARES[:8], [0, 9, 20, 33], **SMALL, degrees=(1,), alphas=(0.0,))
    text = " ".join(summary(c))
    assert c.pick.model == "n*n" and c.pick.exact == 0
    assert "a longer program does better on the held-out terms" in text
    assert "Shortness is a bet, not a guarantee." in text


def test_summary_when_nothing_beats_the_table():
    terms = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    c = compare(terms[:8], terms[8:], time_limit=5.0, max_size=2, degrees=(1,), alphas=(0.0,))
    text = " ".join(summary(c))
    assert c.pick.form == "lookup"
    assert "Nothing shorter than the table itself was found" in text
    assert "None of the" in text and "continues differently" in text
    assert [line[0] for line in rows_of(report(c))] == [">", " "]


def test_predictions_section_groups_equal_predictions(squares):
    text = report(squares)
    section = text[text.index("The held-out terms a(8..11)"):text.index(LEGEND)]
    assert "  truth " in section and "64, 81, 100, 121" in section
    same = [r.row for r in squares.rows if r.predictions == (64, 81, 100, 121)]
    label = "rows " if len(same) > 1 else "row "
    assert re.search(rf"^  {label}1\b", section, re.MULTILINE)
    assert "none (a table has no next term)" in section


def test_header_gives_the_split_and_the_search(squares):
    head = report(squares).splitlines()[:4]
    assert head[0] == "progsearch compare: 8 training terms a(0..7), 4 held out a(8..11)"
    assert head[1] == "train:    0, 1, 4, 9, 16, 25, 36, 49"
    assert head[2] == "held out: 64, 81, 100, 121"
    assert "stopped by max_size" in head[3]



def test_report_imports_nothing_from_compare():
    """One-way flow: compare renders itself through report, so report must not import it."""
    import ast
    import pathlib

    import progsearch.findings
    import progsearch.report

    for module in (progsearch.report, progsearch.findings):
        tree = ast.parse(pathlib.Path(module.__file__).read_text())
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not imported & {"compare", "search", "progsearch.compare", "progsearch.search"}


def test_the_shared_text_helpers_are_importable_from_report():
    assert wrap("a b c d", "  ", "- ", width=5) == "- a b\n  c d"
    assert clip("abcdef", 5) == "ab..."
