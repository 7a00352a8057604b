"""Tests for the two-part (MDL) length of noisy data: against a slow, plainly written reference.

The reference rebuilds the residual code with Python loops: its own normalizers (a direct sum
over the integers), ``-math.log2`` of each residual's probability, and a minimum over every
scale index.  The fast code takes a lower envelope of lines; they must agree.
"""

import math

import numpy as np
import pytest

from progsearch.length import count_bits, int_bits, table_bits
from progsearch.noise import (
    AFFINE_TAG_BITS,
    EXACT_BITS,
    S_MAX,
    TwoPart,
    TwoParts,
    affine_fit,
    least_squares,
    point_bits,
    residual_bits,
    residual_bits_one,
    scale_bits,
    scale_sigma,
    two_part,
    two_part_one,
)

EPS = 1e-9


# ---------------------------------------------------------------- the slow reference


def ref_sigma(s: int) -> float:
    return 0.25 * 2 ** ((s - 1) / 4)  # the documented grid


def ref_normalizer(sigma: float) -> float:
    """Z = sum over integers k of exp(-k**2 / (2 sigma**2)), summed directly while affordable."""
    if sigma > 2**10:  # Poisson summation: the correction exp(-2 pi**2 sigma**2) is 0 here
        return sigma * math.sqrt(2 * math.pi)
    k = np.arange(-int(60 * sigma) - 10, int(60 * sigma) + 11)
    return math.fsum(np.exp(-(k * k) / (2 * sigma * sigma)))


REF_Z = [math.nan] + [ref_normalizer(ref_sigma(s)) for s in range(1, S_MAX + 1)]


def ref_point_bits(r: int, s: int) -> float:
    sigma, z = ref_sigma(s), REF_Z[s]
    x = r * r / (2 * sigma * sigma)
    if x < 700:
        return -math.log2(math.exp(-x) / z)
    return x * math.log2(math.e) + math.log2(z)  # the pmf underflows: same value, in logs


def ref_residual_bits(residuals: list[int]) -> float:
    """Minimum over every scale index of its bits plus the residuals' bits."""
    best = count_bits(0) if all(r == 0 for r in residuals) else math.inf
    for s in range(1, S_MAX + 1):
        total = count_bits(s)
        for r in residuals:
            total += ref_point_bits(r, s)
        best = min(best, total)
    return best


def ref_affine_bits(c0: int, c1: int, f: list[int], y: list[int]) -> float:
    return (
        AFFINE_TAG_BITS + int_bits(c0) + int_bits(c1)
        + ref_residual_bits([b - c0 - c1 * a for a, b in zip(f, y)])
    )


def close(a: float, b: float) -> bool:
    return abs(a - b) <= EPS * max(1.0, abs(b))


def random_residuals(rng, m: int, n: int) -> np.ndarray:
    """Rows of mixed kinds: zeros, one outlier, small noise, large noise."""
    scale = rng.choice([0, 1, 3, 100, 10**6, 10**12], size=(m, 1))
    rows = np.rint(rng.normal(size=(m, n)) * scale).astype(np.int64)
    rows[rng.random(m) < 0.2] = 0
    lone = rng.random(m) < 0.2
    rows[lone] = 0
    rows[lone, 0] = rng.integers(-5, 6, size=lone.sum())
    return rows


# ---------------------------------------------------------------- the code and Kraft


def test_scale_grid_doubles_every_four_steps():
    assert scale_sigma(1) == 0.25
    for s in range(1, S_MAX - 3):
        assert close(scale_sigma(s + 4), 2 * scale_sigma(s))
    assert scale_sigma(S_MAX) >= 2.0**63  # every int64 residual is within the grid
    with pytest.raises(ValueError, match="s must be"):
        scale_sigma(0)


@pytest.mark.parametrize("s", [1, 2, 3, 5, 9, 17, 30, 41, 45, 50, 57])
def test_pmf_sums_to_one_over_the_integers(s):
    sigma = scale_sigma(s)  # s = 41 is sigma 64, the last direct sum; 57 is sigma 4096
    k = np.arange(-int(40 * sigma) - 20, int(40 * sigma) + 21)
    total = math.fsum(2.0 ** -point_bits(k, s))
    assert abs(total - 1) < 1e-9


def test_point_bits_match_the_reference():
    for s in (1, 4, 9, 33, 41, 42, 60, 120, S_MAX):
        for r in (0, 1, -2, 7, 1000, -(10**9)):
            assert close(float(point_bits(r, s)), ref_point_bits(r, s))


def test_scale_code_and_affine_constants_satisfy_kraft():
    assert math.fsum(2.0 ** -scale_bits(s) for s in range(S_MAX + 1)) <= 1
    assert EXACT_BITS == scale_bits(0) == 1
    constants = math.fsum(2.0 ** -int_bits(c) for c in range(-(10**5), 10**5))
    assert constants <= 1
    assert (1 + constants**2 + constants) / 3 <= 1  # model tag: plain, affine (c0, c1), constant


# ---------------------------------------------------------------- residual bits


def test_residual_bits_equal_the_slow_minimum_over_scales():
    rng = np.random.default_rng(1)
    for n in (1, 4, 15):
        rows = random_residuals(rng, 40, n)
        bits, scale = residual_bits(rows)
        for row, b, s in zip(rows.tolist(), bits, scale):
            assert close(b, ref_residual_bits(row))
            chosen = count_bits(int(s)) + sum(ref_point_bits(r, s) for r in row) if s else 1.0
            assert close(b, chosen)  # the reported scale achieves the minimum


def test_residual_bits_at_the_int64_extremes():
    rows = np.array([[2**62, -(2**62), 3], [2**63 - 1, -(2**63), 0]], dtype=np.int64)
    bits, scale = residual_bits(rows)
    for row, b in zip(rows.tolist(), bits):
        assert math.isfinite(b) and close(b, ref_residual_bits(row))
    assert (scale > 250).all()


def test_vectorized_residual_bits_equal_the_single_version():
    rows = random_residuals(np.random.default_rng(2), 300, 9)
    bits, scale = residual_bits(rows)
    for row, b, s in zip(rows.tolist(), bits, scale):
        one = residual_bits_one(row)
        assert close(b, one[0]) and s == one[1]  # float vs exact sums of squares


def test_exact_fit_costs_the_same_constant_for_any_row():
    rng = np.random.default_rng(3)
    for n in (1, 5, 15, 40):
        y = rng.integers(-(10**9), 10**9, size=n)
        rows = np.tile(y, (4, 1))
        program = rng.uniform(5, 60, size=4)
        plain = two_part(program, rows, y)
        assert (plain.residual == EXACT_BITS).all() and (plain.scale == 0).all()
        assert np.array_equal(plain.total, program + EXACT_BITS)  # ranking kept
        affine = two_part(program, rows, y, affine=True)
        assert np.array_equal(affine.total, program + AFFINE_TAG_BITS + EXACT_BITS)
        assert (affine.c0 == 0).all() and (affine.c1 == 1).all()
    assert two_part_one(9.0, [10**40, 7], [10**40, 7]).total == 9.0 + EXACT_BITS


def test_any_nonzero_residual_costs_more_than_an_exact_fit():
    bits, _ = residual_bits(np.eye(6, dtype=np.int64))
    assert (bits > EXACT_BITS + 3).all()


# ---------------------------------------------------------------- affine fit


def test_least_squares_agrees_with_lstsq():
    rng = np.random.default_rng(4)
    rows = rng.integers(-50, 50, size=(60, 12))
    rows[:5] = rng.integers(-9, 9, size=(5, 1))  # constant rows: c1 = 0
    y = rng.integers(-200, 200, size=12)
    c0, c1 = least_squares(rows, y)
    assert (c1[:5] == 0).all()
    for f, a0, a1 in zip(rows, c0, c1):
        coef = np.linalg.lstsq(np.column_stack([np.ones(12), f]), y, rcond=None)[0]
        assert np.allclose(a0 + a1 * f, coef[0] + coef[1] * f, atol=1e-9)  # the same fit
        if np.ptp(f) > 0:
            assert np.allclose([a0, a1], coef, atol=1e-9)


def affine_case(rng, m=60, n=10):
    rows = rng.integers(-30, 30, size=(m, n))
    rows[:4] = rng.integers(-5, 5, size=(4, 1))
    y = rng.integers(-3, 4) * rows[rng.integers(m)] + rng.integers(-9, 9)
    y = y + np.rint(rng.normal(size=n) * rng.choice([0, 1, 20]))
    return rows, y.astype(np.int64)


def test_affine_lengths_equal_the_slow_computation():
    rng = np.random.default_rng(5)
    for _ in range(4):
        rows, y = affine_case(rng, m=15)
        fit = affine_fit(rows, y)
        for f, t, c0, c1 in zip(rows.tolist(), fit.total, fit.c0, fit.c1):
            if (c0, c1) == (0, 1) and fit.program[0] == AFFINE_TAG_BITS:
                assert close(t, AFFINE_TAG_BITS + ref_residual_bits([b - a for a, b in zip(f, y)]))
            else:
                assert close(t, ref_affine_bits(int(c0), int(c1), f, y.tolist()))


def test_affine_rounding_is_rarely_beaten_by_a_search_of_nearby_constants():
    rng = np.random.default_rng(6)
    beaten = 0
    rows, y = affine_case(rng, m=30, n=8)
    fit = affine_fit(rows, y)
    for f, t, c0, c1 in zip(rows.tolist(), fit.total, fit.c0, fit.c1):
        around = [(a, b) for a in range(c0 - 3, c0 + 4) for b in range(c1 - 2, c1 + 3)]
        best = min(ref_affine_bits(a, b, f, y.tolist()) for a, b in around)
        assert best >= t - 8  # never far off
        beaten += best < t - EPS
    assert beaten <= 6


def test_vectorized_two_part_equals_the_single_version():
    rng = np.random.default_rng(7)
    for affine in (False, True):
        for _ in range(5):
            rows, y = affine_case(rng)
            bits = rng.uniform(3, 40, size=len(rows))
            many = two_part(bits, rows, y, affine=affine)
            for i, f in enumerate(rows.tolist()):
                one = two_part_one(float(bits[i]), f, y.tolist(), affine=affine)
                assert one == TwoPart(*(col[i].item() for col in many))


def test_large_values_take_the_row_path_and_agree_with_the_exact_version():
    rng = np.random.default_rng(11)
    n = 12
    rows = rng.integers(-(10**12), 10**12, size=(20, n))  # n * |f| >= 2**31: no exact sums
    y = 3 * rows[0] + 5 + rng.integers(-2, 3, size=n)
    spike = np.zeros((1, n), np.int64)
    spike[0, -1] = 1  # small values, but c1 = 2**27: its SS terms pass 2**59
    for f, yy in ((rows, y), (spike, spike[0] * 2**27)):
        many = affine_fit(f, yy)
        for i, row in enumerate(f.tolist()):
            one = two_part_one(0.0, row, yy.tolist(), affine=True)
            assert close(one.total, many.total[i]) and (one.c0, one.c1) == (many.c0[i], many.c1[i])
    assert affine_fit(rows, y).c1[0] == 3
    assert affine_fit(spike, spike[0] * 2**27).scale[0] == 0


def test_affine_finds_an_exact_linear_image():
    f = np.arange(15)
    fit = affine_fit([f, f * f], 7 - 4 * f)
    assert fit.c0.tolist()[0] == 7 and fit.c1.tolist()[0] == -4 and fit.scale[0] == 0
    assert fit.program[0] == AFFINE_TAG_BITS + int_bits(7) + int_bits(-4)
    assert fit.total[1] > fit.total[0] + 20


# ---------------------------------------------------------------- what the length says


def test_pure_noise_is_not_compressed_below_its_entropy():
    """Any prefix code: P(length < entropy - k) <= 2**-k under the uniform distribution."""
    rng = np.random.default_rng(8)
    n, big = 15, 1000
    y = rng.integers(-big, big + 1, size=(200, n))
    rows = np.vstack([np.zeros(n, np.int64), rng.integers(-big, big, size=(3, n))])
    entropy = n * math.log2(2 * big + 1)
    for yy in y:
        fit = affine_fit(rows, yy)
        assert fit.total.min() > entropy - 20
    # The table code is not the bound: Elias delta pays ~2 log log per entry over the scale code.
    assert affine_fit(rows[:1], y[0]).total[0] < table_bits(y[0].tolist())


def test_the_right_rule_gets_fewer_bits_than_a_wrong_one_under_noise():
    rng = np.random.default_rng(9)
    n = np.arange(15)
    for _ in range(20):
        y = 3 * n + 7 + np.rint(rng.normal(size=15) * 2).astype(np.int64)
        plain = two_part(20.0, [3 * n + 7, 2 * n + 7, n * n, 3 * n + 7 + 5 * (n % 2)], y)
        assert plain.total[0] < plain.total[1:].min()
        affine = two_part(20.0, [n, n * n, n % 3, 2**n], y, affine=True)
        assert affine.total[0] < affine.total[1:].min()
        assert abs(affine.c1[0] - 3) <= 1


def test_large_batches_are_scored_in_chunks():
    rng = np.random.default_rng(10)
    rows = rng.integers(-100, 100, size=(70_000, 6))  # more than one chunk
    y = rng.integers(-100, 100, size=6)
    many = affine_fit(rows, y)
    assert isinstance(many, TwoParts) and len(many.total) == 70_000
    assert repr(many).startswith("TwoParts(70000 candidates, least total")
    for i in (0, 65_535, 65_536, 69_999):
        one = two_part_one(0.0, rows[i].tolist(), y.tolist(), affine=True)
        assert close(one.total, many.total[i]) and one.c1 == many.c1[i]


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="rows must be a 2-D"):
        two_part(1.0, [1, 2, 3], [1, 2, 3])
    with pytest.raises(ValueError, match="y must be"):
        two_part(1.0, [[1, 2, 3]], [1, 2])
    with pytest.raises(TypeError, match="rows must hold integers"):
        affine_fit([[1.5, 2.0]], [1, 2])
    with pytest.raises(ValueError, match="values and y"):
        two_part_one(1.0, [1, 2], [1])
    with pytest.raises(ValueError, match="residuals must be a 2-D"):
        residual_bits([1, 2])
    with pytest.raises(ValueError, match="program_bits"):
        two_part([1.0, 2.0], [[1, 2]], [1, 2])
    with pytest.raises(ValueError, match="s must be"):
        point_bits(3, S_MAX + 1)
