"""Issue 13: the Occam picture (two panels, few legend entries, nothing cut, the lookup drawn)."""

import math

import pytest

from progsearch import compare
from progsearch.plot import FLOOR, LABEL, continuations, plot_comparison

pytest.importorskip("matplotlib")

FIB = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597]
RANDOM = [851, 637, 511, 270, 308, 41, 75, 16, 175, 814]


@pytest.fixture(scope="module")
def fib():
    return compare(FIB[:12], FIB[12:], time_limit=1.0, max_size=6)


def test_two_panels_and_a_short_legend(fib):
    fig = plot_comparison(fib)
    left, right = fig.axes[:2]
    entries = left.get_legend().get_texts()
    assert len(entries) <= 10  # the complaint: 28 entries
    assert all("..." not in t.get_text() for t in entries)  # wrapped, never cut
    assert all(len(line) <= LABEL for t in entries for line in t.get_text().splitlines())
    assert any("training | held out" in t.get_text() for t in left.texts)  # the line is labelled
    assert right.get_xlabel().startswith("description length (bits)")
    assert right.get_ylabel() == "held-out relative error"


def held_out_error(values, truth):
    """|values - truth| / max(1, |truth|), written out here."""
    num = sum((float(v) - t) ** 2 for v, t in zip(values, truth))
    return math.sqrt(num / max(1, sum(t * t for t in truth)))


def test_the_argument_panel_has_every_program_and_ridge_fit(fib):
    right = plot_comparison(fib).axes[1]
    *clouds, star = right.collections
    drawn = sorted((round(float(x), 6), float(y)) for c in clouds for x, y in c.get_offsets())
    start, k = len(fib.train), len(fib.heldout)
    expected = []  # (bits, held-out error) of every program but the lookup, and every ridge fit
    for p in fib.result.programs:
        if p.form != "lookup":
            values = p.continuation(start, k)
            expected.append((p.bits, None if values is None or len(values) < k
                             else held_out_error(values, fib.heldout)))
    for r in fib.rows:
        if r.form == "ridge":
            expected.append((r.bits, held_out_error(r.fit.predict(range(start, start + k)),
                                                    fib.heldout)))
    assert [x for x, _ in drawn] == sorted(round(b, 6) for b, _ in expected)
    exact = sorted(round(b, 6) for b, e in expected if e == 0)
    assert exact and [x for x, y in drawn if y == FLOOR] == exact  # exact ones on the floor
    (x, y), = star.get_offsets()
    assert (x, y) == (fib.pick.bits, FLOOR)  # the pick predicts the held-out terms exactly
    assert any(t.get_text().startswith("lookup, ") for t in right.texts)  # the lookup marked


def test_a_log_scale_never_draws_non_positive_ridge_values():
    powers = [2**n for n in range(12)]
    c = compare(powers[:9], powers[9:], time_limit=1.0, max_size=4)
    left = plot_comparison(c).axes[0]
    assert left.get_yscale() == "log"
    for line in left.get_lines():
        if line.get_label().startswith("_"):
            continue  # the train / held-out line, in axes coordinates
        ys = [y for y in line.get_ydata() if not math.isnan(y)]
        assert all(y > 0 for y in ys)  # non-positive ridge predictions are not drawn (no spikes)


def test_a_lookup_pick_is_drawn():
    c = compare(RANDOM[:8], RANDOM[8:], time_limit=1.0, max_size=4)
    assert c.pick.form == "lookup"
    labels = [line.get_label() for line in plot_comparison(c).axes[0].get_lines()]
    assert any("lookup (the pick): no next term" in lab for lab in labels)
    assert continuations(c)[0] is c.pick
