"""Issue 13: probabilities that say what they can see (lookup, unsearched mass), in words."""

import json
from pathlib import Path

from progsearch.budget import SearchStats
from progsearch.cli import main
from progsearch.confidence import CALIBRATION, LEVELS, Confidence, confidence, unsearched_bits
from progsearch.forms import Formula, Lookup
from progsearch.language import OP_BY_NAME, Apply, Const, Var
from progsearch.search import SearchResult, search


def _tied() -> SearchResult:
    """Two formulas of equal length that fit 0 1 2 3 and continue differently (4 and 3)."""
    n = Var("n")
    plain = Formula(n)  # a(4) = 4: the pick (same bits, shorter source)
    bumped = Formula(Apply(OP_BY_NAME["sub"], (n, Apply(OP_BY_NAME["floordiv"], (n, Const(4))))))
    terms = [0, 1, 2, 3]
    assert plain.fits(terms) and bumped.fits(terms)
    bumped.__dict__["bits"] = plain.bits  # force a tie in length
    return SearchResult(terms, 0, [bumped, plain, Lookup(terms)], SearchStats(max_size=8))


def test_the_pick_and_the_mixture_agree_on_ties():
    r = _tied()
    pick_next = r.best.terms(4, 5)[0]
    assert r.best.display() == "n" and pick_next == 4  # the old rule took the smaller value, 3
    assert r.predict(1)[0].value == pick_next  # the complaint: the mixture broke ties by value
    assert confidence(r, 1)[0].value == pick_next
    assert abs(confidence(r, 1)[0].p - 0.5) < 0.01  # a coin toss, and said so


def test_the_lookup_and_the_unsearched_mass_are_in_the_mixture():
    r = search([1, 2, 4, 8, 16, 32, 64], max_size=3, time_limit=1.0)
    c = confidence(r, 1)[0]
    assert c.value == 128 and 0 < c.p_lookup < c.p_unsearched <= 1 - c.p + 1e-12
    assert abs(c.p + c.p_none - 1) < 1e-9  # every weight is counted: a value, or none
    assert round(unsearched_bits(3), 1) == round(unsearched_bits(2) + 3.459, 1)  # one node more


def test_a_search_that_stops_early_is_less_sure():
    terms = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55]
    deep = confidence(search(terms, max_size=7, time_limit=5.0), 1)[0]
    shallow = confidence(search(terms, max_size=5, time_limit=5.0), 1)[0]
    assert deep.value == shallow.value == 89 and shallow.p < deep.p


def test_levels_are_ordered_words():
    bounds = [(most, least) for _, most, least in LEVELS]
    assert bounds == sorted(bounds, key=lambda b: (b[0], -b[1]))  # stricter levels first
    assert Confidence(0, 1, 0.9, 0, 0.1, 0.1, ratio=0.1, agree=1.0).level == "almost certain"
    assert Confidence(0, 1, 0.9, 0, 0.1, 0.1, ratio=0.3, agree=1.0).level == "likely"
    assert Confidence(0, 1, 0.9, 0, 0.1, 0.1, ratio=0.1, agree=0.4).level == "a guess"
    assert Confidence(0, None, 0.0, 0, 1, 1).level == "no prediction"


def test_calibration_is_ordered_and_the_top_group_is_right_95_percent():
    shares = [CALIBRATION[w][0] / CALIBRATION[w][1] for w, _, _ in LEVELS]
    assert len(shares) == 3 and shares == sorted(shares, reverse=True) and shares[0] >= 0.95


def test_the_printed_prediction_shows_the_weights_and_words(capsys):
    main(["guess", *(str(n * n) for n in range(15)), "--max-size", "5"])
    out = capsys.readouterr().out
    assert "a(15) = 225" in out and "almost certain (97% right on the benchmark)" in out
    assert "the lookup table carries" in out and "the unsearched mass" in out
    assert "The pick is 0.07 of the lookup table's length" in " ".join(out.split())


def test_words_for_a_long_pick_are_modest(capsys):
    # the complaint: 9 terms, p=1.00 for a wrong guess; now the level says how sure, in words
    main(["guess", "1", "2", "4", "8", "16", "31"])
    out = capsys.readouterr().out
    right, made = CALIBRATION["a guess"]  # the share printed is the one measured
    assert "a(6) = " in out and f"a guess ({right / made:.0%} right on the benchmark)" in out


def test_the_calibration_printed_is_the_measured_run():
    # benchmarks/calibration.json holds each predicted term of the last calibration run (its
    # share, ratio, agreement, and whether it was right); CALIBRATION must be its tally, level
    # by level, or the printed "% right on the benchmark" is stale
    runs = json.loads((Path(__file__).parent.parent / "benchmarks" / "calibration.json")
                      .read_text())
    tally: dict[str, list[int]] = {}
    for seq in runs:
        for t in seq["terms"]:
            c = Confidence(0, t["value"], t["p"], t["p_lookup"], t["p_unsearched"], 0.0,
                           t["ratio"], t["agree"])
            if c.value is not None:
                right_made = tally.setdefault(c.level, [0, 0])
                right_made[0] += bool(t["right"])
                right_made[1] += 1
    assert {level: tuple(v) for level, v in tally.items()} == CALIBRATION
    assert len(runs) == 464  # the whole public benchmark
