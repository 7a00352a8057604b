"""Tests for the weight-decay demo: its claims hold in the computed result, not just in the text."""

import doctest
import itertools
import runpy
import time
import types

import pytest
from progsearch.demos import weight_decay as demo

from progsearch import decay_story


@pytest.fixture(scope="module")
def result():
    return demo.run(with_search=False)


def test_weight_norm_falls_at_every_step(result):
    norms = [row.weight_norm for row in result.rows]
    assert all(later < earlier for earlier, later in itertools.pairwise(norms))


def test_sweep_goes_from_no_decay_to_strong_decay(result):
    assert result.rows[0].alpha == 0.0
    assert result.rows[-1].weight_norm < 0.01 * result.rows[0].weight_norm


def test_description_is_much_shorter_at_the_strong_end(result):
    bits = [row.weight_bits for row in result.rows]
    assert bits[-1] < bits[0] / 2
    assert bits[-1] == min(bits)


def test_training_error_grows_with_alpha(result):
    errors = [row.train_error for row in result.rows]
    assert all(later >= earlier for earlier, later in itertools.pairwise(errors))


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_heldout_error_is_lowest_in_the_middle(seed):
    rows = demo.run(seed, with_search=False).rows
    best = min(rows, key=lambda row: row.heldout_error)
    assert best.heldout_error < rows[0].heldout_error
    assert best.heldout_error < rows[-1].heldout_error


def test_the_u_is_deep_for_the_default_seed(result):
    best, first, last = result.best, result.rows[0], result.rows[-1]
    assert best.alpha not in (first.alpha, last.alpha)
    assert 5 * best.heldout_error < min(first.heldout_error, last.heldout_error)


def test_noise_floor_is_the_rule_against_the_heldout_terms(result):
    rule = [demo.rule(n) for n in range(demo.N_TRAIN, demo.N_TRAIN + demo.N_HELDOUT)]
    squares = [(a - b) ** 2 for a, b in zip(rule, result.heldout)]
    assert result.noise_floor == pytest.approx((sum(squares) / len(squares)) ** 0.5)
    assert result.noise_floor < result.best.heldout_error


def test_data_is_the_rule_plus_noise_of_the_stated_size(result):
    terms = list(result.train) + list(result.heldout)
    residuals = [t - demo.rule(n) for n, t in enumerate(terms)]
    spread = (sum(r * r for r in residuals) / len(residuals)) ** 0.5
    assert 0.5 * demo.SIGMA < spread < 1.5 * demo.SIGMA
    assert len(result.train) == demo.N_TRAIN and len(result.heldout) == demo.N_HELDOUT


def test_run_without_search_is_quick():
    start = time.perf_counter()
    demo.run(with_search=False)
    assert time.perf_counter() - start < 2.0


def test_run_with_search_stays_within_its_budget():
    start = time.perf_counter()
    demo.run()
    assert time.perf_counter() - start < 2 * demo.SEARCH_SECONDS + 5.0


def test_report_is_deterministic():
    assert demo.report(demo.run()) == demo.report(demo.run())


def test_report_is_plain_narrow_text(result):
    text = demo.report(result)
    assert text.isascii() and text.endswith("\n")
    assert max(len(line) for line in text.splitlines()) <= 100


def test_report_states_the_computed_numbers(result):
    text = demo.report(result)
    best = result.best
    assert f"{best.heldout_error:.1f} at alpha={best.alpha:g}" in text
    assert f"{result.rows[0].heldout_error:.1f} at alpha=0" in text
    assert f"{result.rows[-1].heldout_error:.1f} at alpha={result.rows[-1].alpha:g}" in text
    assert f"{result.noise_floor:.1f}" in text
    for row in result.rows:
        assert f"{row.alpha:8g} {row.weight_norm:9.3f}" in text


def test_report_says_when_the_bits_do_not_fall_at_every_step():
    rows = tuple(
        demo.AlphaRow(a, 1.0 / (i + 1), b, 1.0, 1.0, 0, (0.0,))
        for i, (a, b) in enumerate(zip(demo.ALPHAS, [9, 8, 7, 8, 6, 5, 4, 3, 2]))
    )
    assert "not at every step (alpha=0.01: 7 to 8)" in demo.bits_finding(rows)
    assert "at every step:" in demo.weights_finding(rows)


def test_no_u_is_reported_when_the_best_alpha_is_at_an_end():
    rows = tuple(
        demo.AlphaRow(a, 1.0, 1.0, 1.0, float(i), 0, (0.0,)) for i, a in enumerate(demo.ALPHAS)
    )
    assert "no U in this run" in demo.heldout_finding(rows, rows[0])


def fake_search(terms, offset=0, time_limit=2.0):
    """A stand-in for progsearch.search: the rule when it fits, else a lookup table."""
    if terms == [demo.rule(n) for n in range(len(terms))]:
        best = types.SimpleNamespace(
            form="formula",
            bits=27.0,
            display=lambda: "n*n + 3*n + 5",
            terms=lambda a, b: [demo.rule(n) for n in range(a, b)],
        )
    else:

        def table(a, b):
            if b > len(terms):
                raise IndexError("a lookup predicts nothing beyond its table")
            return terms[a:b]

        best = types.SimpleNamespace(form="lookup", bits=210.0, terms=table,
                                     display=lambda: f"table of {len(terms)} values")
    return types.SimpleNamespace(best=best)


def test_program_section_with_a_search(monkeypatch):
    monkeypatch.setattr(demo, "find_programs", fake_search)
    result = demo.run()
    clean, noisy = result.programs
    assert clean.matches_rule and clean.heldout_error == pytest.approx(result.noise_floor)
    assert noisy.form == "lookup" and noisy.heldout_error is None
    text = demo.report(result)
    assert "formula" in text and "27.0" in text and "which predicts nothing" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_program_section_says_when_search_is_missing(monkeypatch):
    monkeypatch.setattr(demo, "find_programs", None)
    result = demo.run()
    assert result.programs is None
    assert "skipped" in demo.report(result)


def test_main_prints_the_report_and_returns_zero(monkeypatch, capsys):
    monkeypatch.setattr(demo, "find_programs", None)
    assert demo.main() == 0
    assert capsys.readouterr().out == demo.report(demo.run()) + "\n"


def test_result_and_rows_print_readably(result):
    assert repr(result).startswith("WeightDecayResult(seed=0, 9 alphas, best alpha=")
    assert repr(result.rows[0]).startswith("AlphaRow(alpha=0, |w|=62.508")


def test_docstring_examples_pass():
    outcome = doctest.testmod(demo, optionflags=doctest.ELLIPSIS)
    assert outcome.attempted >= 7 and outcome.failed == 0  # rule() is doctested in decay_story
    outcome = doctest.testmod(decay_story, optionflags=doctest.ELLIPSIS)
    assert outcome.attempted > 10 and outcome.failed == 0


def test_program_rows_score_the_held_out_terms_after_the_training_terms(monkeypatch):
    monkeypatch.setattr(demo, "find_programs", fake_search)
    clean, noisy = demo.run().programs
    assert (clean.form, clean.bits, clean.source) == ("formula", 27.0, "n*n + 3*n + 5")
    assert (noisy.form, noisy.matches_rule) == ("lookup", False)


def test_the_demo_is_a_story_of_library_calls():
    import ast
    from pathlib import Path

    text = Path(demo.__file__).read_text()
    defs = [n for n in ast.parse(text).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert len(defs) <= 10 and len(text.splitlines()) <= 270


def test_runs_as_a_script():
    with pytest.raises(SystemExit) as done:
        runpy.run_path(demo.__file__, run_name="__main__")
    assert done.value.code == 0
