"""The occam demo: its claims hold in the computed ladders, not just in the printed text."""

import pytest
from progsearch.demos import occam


@pytest.fixture(scope="module")
def result() -> occam.OccamResult:
    return occam.run()


def test_one_ladder_per_kind_of_sequence(result: occam.OccamResult) -> None:
    kinds = [ladder.kind for ladder in result.ladders]
    assert kinds == ["a polynomial", "an exponential", "a recurrence", "a periodic sequence"]


def test_the_pick_is_the_shortest_rung_and_gets_every_heldout_term_right(result) -> None:
    for ladder in result.ladders:
        found = [r for r in ladder.rungs.values() if r is not None]
        assert ladder.pick.bits == min(r.bits for r in found)
        assert ladder.pick.wrong == 0, ladder
        assert ladder.pick.rmse == 0.0


def test_the_lookup_fits_but_has_no_prediction(result) -> None:
    for ladder in result.ladders:
        lookup = ladder.lookup
        assert lookup.form == "lookup"
        assert lookup.predicted is None and lookup.wrong is None
        assert lookup.bits > ladder.pick.bits


def test_the_pick_is_not_the_lookup(result) -> None:
    assert all(ladder.pick.form != "lookup" for ladder in result.ladders)


def test_each_rung_is_the_shortest_of_its_form_and_really_predicts_what_it_says(result) -> None:
    for ladder, (_, _, a) in zip(result.ladders, occam.SEQUENCES):
        truth = [a(n) for n in range(occam.N_TRAIN, occam.N_TRAIN + occam.N_HELDOUT)]
        assert list(ladder.heldout) == truth
        for form, r in ladder.rungs.items():
            if r is not None and r.predicted is not None:
                assert r.form == form
                assert r.wrong == sum(p != t for p, t in zip(r.predicted, truth))


def test_on_every_sequence_a_longer_program_fits_and_misses(result) -> None:
    for ladder in result.ladders:
        assert ladder.misses is not None
        assert ladder.misses.wrong > 0
        assert ladder.misses.bits > ladder.pick.bits


def test_a_bent_program_fits_the_training_terms_and_misses_every_heldout_term() -> None:
    from progsearch import Formula, search
    from progsearch.occam import bent as bend

    train = [n * n + 1 for n in range(occam.N_TRAIN)]
    pick = search(train, max_size=5).best
    assert isinstance(pick, Formula)
    bent = bend(pick, occam.N_TRAIN)
    assert bent.fits(train)
    stop = occam.N_TRAIN + occam.N_HELDOUT
    assert all(b != p for b, p in zip(bent.terms(occam.N_TRAIN, stop),
                                      pick.terms(occam.N_TRAIN, stop)))
    assert bent.bits > pick.bits


def test_periodic_rung_only_on_the_periodic_sequence(result) -> None:
    has_period = [ladder.rungs["periodic"] is not None for ladder in result.ladders]
    assert has_period == [False, False, False, True]


def test_searches_were_stopped_by_size_not_time(result) -> None:
    assert all(ladder.stopped_by == "max_size" for ladder in result.ladders)


def test_report_is_deterministic_and_fits_in_100_columns(result) -> None:
    text = occam.report(result)
    assert text == occam.report(occam.run())
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.splitlines()[0] == occam.__doc__.splitlines()[0]


def test_report_prints_the_runs_numbers(result) -> None:
    text = occam.report(result)
    for ladder in result.ladders:
        assert f"{ladder.pick.bits:6.1f}" in text
        assert f"{ladder.lookup.bits:6.1f}" in text
    assert f"right on {len(result.ladders)} of {len(result.ladders)} sequences" in text


def test_main_prints_the_report_and_returns_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert occam.main() == 0
    assert capsys.readouterr().out == occam.report(occam.run()) + "\n"


def test_climb_scores_each_rung_against_the_terms_its_program_computes() -> None:
    from progsearch.occam import climb

    ladder = climb([2 * n + 1 for n in range(8)], [17, 19, 22], kind="odd", max_size=5)
    assert ladder.pick.predicted == (17, 19, 21)  # the odd numbers go on; the truth does not
    assert ladder.pick.wrong == 1 and ladder.pick.rmse == (1 / 3) ** 0.5
    assert ladder.rungs["formula"].predicted == (17, 19, 21)
    assert ladder.lookup.predicted is None and ladder.rungs["periodic"] is None
    assert repr(ladder).startswith(f"Ladder(odd: pick {ladder.pick.form}")
