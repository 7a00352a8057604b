"""The guess demo: its claims hold in the computed result, and the command line works."""

import pytest
from progsearch.demos import guess


@pytest.fixture(scope="module")
def result() -> guess.GuessResult:
    return guess.run()


def test_default_sequence_is_two_to_the_n_minus_one(result: guess.GuessResult) -> None:
    assert result.terms == guess.DEFAULT == tuple(2**n - 1 for n in range(9))


def test_the_pick_predicts_the_continuation_of_the_default_sequence(result) -> None:
    start = len(result.terms)
    truth = tuple(2**n - 1 for n in range(start, start + guess.N_NEXT))
    assert result.pick.form != "lookup"
    assert result.pick.next == truth
    assert tuple(g.candidates[0][0] for g in result.guesses) == truth
    assert all(g.candidates[0][1] > 0.99 for g in result.guesses)


def test_rows_are_ranked_by_bits_and_the_lookup_predicts_nothing(result) -> None:
    bits = [row.bits for row in result.rows]
    assert bits == sorted(bits)
    assert [row.rank for row in result.rows] == list(range(1, len(result.rows) + 1))
    assert result.lookup.next is None
    assert result.lookup.bits > result.pick.bits


def test_probabilities_and_no_prediction_share_add_up_to_one(result) -> None:
    for g in result.guesses:
        assert sum(p for _, p in g.candidates) + g.p_none == pytest.approx(1.0)


def test_the_pick_source_runs_and_reproduces_the_terms(result) -> None:
    namespace: dict = {}
    exec(result.pick_source, namespace)  # noqa: S102 (the source the demo prints)
    assert [namespace["a"](n) for n in range(12)] == [2**n - 1 for n in range(12)]


def test_data_without_a_short_rule_gets_the_lookup_and_no_prediction() -> None:
    noise = guess.run([851, 637, 511, 270, 308, 41, 75, 16, 175, 814])  # drawn at random
    assert noise.pick.form == "lookup"
    assert all(not g.candidates and g.p_none == 1.0 for g in noise.guesses)
    assert "nothing shorter reproduces your terms" in " ".join(guess.report(noise).split())


def test_report_is_deterministic_and_fits_in_100_columns(result) -> None:
    text = guess.report(result)
    assert text == guess.report(guess.run())
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.splitlines()[0] == guess.__doc__.splitlines()[0]


def test_report_explains_each_kind_of_line(result) -> None:
    text = " ".join(guess.report(result).split())
    for start in ("- bits:", "- the pick (*)", "- the lookup row", "p is the share"):
        assert start in text
    assert f"({result.pick.bits:.1f} bits)" in text


def test_main_prints_the_default_report_and_returns_0(capsys) -> None:
    assert guess.main() == 0
    assert capsys.readouterr().out == guess.report(guess.run()) + "\n"


def test_main_takes_terms_from_the_command_line(capsys) -> None:
    assert guess.main(["1,", "2,", "4,", "8,", "16,", "32,", "64", "--next", "2"]) == 0
    out = capsys.readouterr().out
    assert "Your sequence, a(0..6): 1 2 4 8 16 32 64" in out
    assert "a(7) = 128" in out and "a(8) = 256" in out


def test_main_rejects_bad_input(capsys) -> None:
    assert guess.main(["5"]) == 2
    assert "at least 2 terms" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        guess.main(["1", "x"])


def test_rank_gives_every_program_its_continuation() -> None:
    from progsearch.guess import rank

    r = rank([0, 1, 4, 9, 16, 25], k=2, max_size=3)
    assert r.pick.display == "n*n" and r.pick.next == (36, 49)
    assert [row.rank for row in r.rows] == list(range(1, len(r.rows) + 1))
    assert r.lookup.next is None and r.rival is None or r.rival.next != r.pick.next
    assert repr(r.pick) == f"Ranked(1, formula 'n*n', {r.pick.bits:.1f} bits)"
