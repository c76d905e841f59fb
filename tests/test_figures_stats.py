"""Tests for cjmap.figures.stats: values worked by hand, then properties (hypothesis).

Hand-worked values use z = 1.959964 (the 97.5% normal quantile), z^2 = 3.841459.
Cross-checked once against scipy 1.17.1 (binomtest(...).proportion_ci(method="wilson"),
norm.sf, fisher_exact); the code under test does not use scipy.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.figures import stats
from cjmap.figures.stats import (
    FISHER,
    Z_TEST,
    TestResult,
    compare_proportions,
    counts_from_percentage,
    fisher_exact,
    holm,
    two_proportion_test,
    wilson_interval,
)

# --- Wilson -----------------------------------------------------------------------------------


def test_wilson_7_of_30():
    # p = 7/30 = 0.233333, z^2/n = 3.841459/30 = 0.128049, denominator = 1.128049
    # centre = (0.233333 + 3.841459/60) / 1.128049 = (0.233333 + 0.064024) / 1.128049 = 0.263604
    # half = 1.959964 * sqrt(0.233333*0.766667/30 + 3.841459/3600) / 1.128049
    #      = 1.959964 * sqrt(0.0059630 + 0.0010671) / 1.128049
    #      = 1.959964 * 0.083845 / 1.128049 = 0.145679
    # -> (0.263604 - 0.145679, 0.263604 + 0.145679) = (0.117925, 0.409283): 11.8% to 40.9%
    lower, upper = wilson_interval(7, 30)
    assert round(lower, 4) == 0.1179
    assert round(upper, 4) == 0.4093


def test_wilson_0_of_10():
    # x = 0: centre = half = (z^2/20) / (1 + z^2/10), so lower = 0 and upper = z^2 / (n + z^2)
    # = 3.841459 / 13.841459 = 0.277533
    lower, upper = wilson_interval(0, 10)
    assert lower == 0.0
    assert upper == pytest.approx(0.277533, abs=1e-6)


def test_wilson_10_of_10():
    # mirror image of 0 of 10: lower = n / (n + z^2) = 10 / 13.841459 = 0.722467, upper = 1
    lower, upper = wilson_interval(10, 10)
    assert lower == pytest.approx(0.722467, abs=1e-6)
    assert upper == 1.0


def test_wilson_wider_at_higher_confidence():
    narrow = wilson_interval(7, 30, confidence=0.80)
    wide = wilson_interval(7, 30, confidence=0.99)
    assert wide[0] < narrow[0] and narrow[1] < wide[1]


@pytest.mark.parametrize("successes, n", [(0, 0), (-1, 10), (11, 10), (True, 10)])
def test_wilson_rejects_bad_counts(successes, n):
    with pytest.raises(ValueError):
        wilson_interval(successes, n)


@pytest.mark.parametrize("confidence", [0.0, 1.0, -0.5, 1.5, math.nan])
def test_wilson_rejects_bad_confidence(confidence):
    with pytest.raises(ValueError):
        wilson_interval(7, 30, confidence)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.floats(0.5, 0.999))
def test_wilson_contains_share_and_stays_in_unit_interval(case, confidence):
    successes, n = case
    lower, upper = wilson_interval(successes, n, confidence)
    assert 0.0 <= lower <= successes / n <= upper <= 1.0
    assert (lower == 0.0) == (successes == 0)
    assert (upper == 1.0) == (successes == n)


# --- two-proportion z-test --------------------------------------------------------------------


def test_two_proportion_35_of_100_vs_19_of_100():
    # pooled p = (35 + 19) / 200 = 0.27
    # SE = sqrt(0.27 * 0.73 * (1/100 + 1/100)) = sqrt(0.1971 * 0.02) = sqrt(0.003942) = 0.062785
    # z = (0.35 - 0.19) / 0.062785 = 0.16 / 0.062785 = 2.5484
    # p = 2 * (1 - Phi(2.5484)) = 2 * 0.005411 = 0.01082
    result = two_proportion_test(35, 100, 19, 100)
    assert result.method == Z_TEST
    assert result.statistic == pytest.approx(2.5484, abs=1e-4)
    assert result.p_value == pytest.approx(0.01082, abs=1e-5)


def test_two_proportion_sign_follows_group_order():
    assert two_proportion_test(19, 100, 35, 100).statistic == pytest.approx(-2.5484, abs=1e-4)


def test_two_proportion_equal_shares():
    # 10/40 vs 5/20: both 0.25, z = 0, p = erfc(0) = 1
    result = two_proportion_test(10, 40, 5, 20)
    assert result.statistic == 0.0
    assert result.p_value == 1.0


@pytest.mark.parametrize("x1, n1, x2, n2", [(0, 10, 0, 20), (10, 10, 20, 20)])
def test_two_proportion_degenerate_pool(x1, n1, x2, n2):
    # pooled share 0 or 1: SE = 0, z undefined, the groups are identical
    assert two_proportion_test(x1, n1, x2, n2) == TestResult(None, 1.0, Z_TEST)


def test_two_proportion_tiny_p_value_is_not_zero():
    # z = (0.9 - 0.1) / sqrt(0.25 * 0.002) = 0.8 / 0.02236 = 35.8: 1 - Phi(z) would round to 0
    result = two_proportion_test(900, 1000, 100, 1000)
    assert 0.0 < result.p_value < 1e-200


@pytest.mark.parametrize("args", [(1, 0, 1, 10), (5, 4, 1, 10), (1, 10, -1, 10), (1.0, 10, 1, 10)])
def test_two_proportion_rejects_bad_counts(args):
    with pytest.raises(ValueError):
        two_proportion_test(*args)


# --- Fisher's exact test ----------------------------------------------------------------------


def test_fisher_3_1_1_3():
    # margins 4, 4 | 4, 4, n = 8: P(a) = C(4, a) C(4, 4 - a) / C(8, 4) = C(4, a)^2 / 70
    # a = 0..4: 1/70, 16/70, 36/70, 16/70, 1/70; observed a = 3 has P = 16/70
    # two-sided p = tables with P <= 16/70 = (1 + 16 + 16 + 1) / 70 = 34/70 = 0.485714
    result = fisher_exact(3, 1, 1, 3)
    assert result == TestResult(None, pytest.approx(34 / 70, rel=1e-12), FISHER)


def test_fisher_1_9_11_3():
    # rows 10, 14, columns 12, 12, n = 24; C(24, 10) = 1961256
    # weight(a) = C(12, a) C(12, 10 - a):
    #   a = 0: 1 * 66 = 66          a = 10: 66 * 1 = 66
    #   a = 1: 12 * 220 = 2640 (obs) a = 9: 220 * 12 = 2640
    #   a = 2: 66 * 495 = 32670      a = 8: 495 * 66 = 32670   (> 2640, not counted)
    # p = (66 + 2640 + 2640 + 66) / 1961256 = 5412 / 1961256 = 0.0027594562
    assert fisher_exact(1, 9, 11, 3).p_value == pytest.approx(5412 / 1961256, rel=1e-12)


def test_fisher_perfect_2_by_2():
    # [[2, 0], [0, 2]]: P(a) = C(2, a)^2 / 6 = 1/6, 4/6, 1/6; observed a = 2 -> p = 2/6
    assert fisher_exact(2, 0, 0, 2).p_value == pytest.approx(1 / 3, rel=1e-12)


@pytest.mark.parametrize("table", [(0, 5, 0, 7), (0, 0, 3, 4), (0, 0, 0, 0)])
def test_fisher_single_possible_table(table):
    assert fisher_exact(*table).p_value == 1.0


def test_fisher_large_table_matches_scipy():
    # n = 6000, summed exactly; scipy.stats.fisher_exact gives 0.010534027832066048
    assert fisher_exact(1500, 1500, 1400, 1600).p_value == pytest.approx(0.010534027832066, rel=1e-9)


def test_fisher_log_space_path_for_very_large_tables():
    # n = 50100 > EXACT_LIMIT uses lgamma; scipy gives 5.55896998727459e-05
    assert 12000 + 13000 + 12500 + 12600 > stats.EXACT_LIMIT
    assert fisher_exact(12000, 13000, 12500, 12600).p_value == pytest.approx(5.558969987e-05, rel=1e-8)


@pytest.mark.parametrize("table", [(-1, 2, 3, 4), (1, 2.0, 3, 4), (1, 2, False, 4)])
def test_fisher_rejects_bad_cells(table):
    with pytest.raises(ValueError):
        fisher_exact(*table)


def brute_force_fisher(a: int, b: int, c: int, d: int) -> Fraction:
    """Enumerate every table with the observed margins; P = r1! r2! c1! c2! / (n! a! b! c! d!)."""
    f = math.factorial
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    n = r1 + r2

    def prob(w: int, x: int, y: int, z: int) -> Fraction:
        return Fraction(f(r1) * f(r2) * f(c1) * f(c2), f(n) * f(w) * f(x) * f(y) * f(z))

    observed = prob(a, b, c, d)
    limit = observed * (1 + Fraction(1, 10**7))
    total = Fraction(0)
    for w in range(0, r1 + 1):
        x, y = r1 - w, c1 - w
        z = r2 - y
        if min(x, y, z) >= 0 and prob(w, x, y, z) <= limit:
            total += prob(w, x, y, z)
    return total


cells = st.integers(0, 12)


@given(cells, cells, cells, cells)
def test_fisher_matches_brute_force_enumeration(a, b, c, d):
    assert fisher_exact(a, b, c, d).p_value == pytest.approx(float(brute_force_fisher(a, b, c, d)),
                                                             rel=1e-12)


@given(cells, cells, cells, cells)
def test_fisher_p_in_unit_interval_and_symmetric(a, b, c, d):
    p = fisher_exact(a, b, c, d).p_value
    assert 0.0 < p <= 1.0
    # swapping rows, columns, or transposing describes the same association
    assert fisher_exact(c, d, a, b).p_value == pytest.approx(p, rel=1e-12)
    assert fisher_exact(b, a, d, c).p_value == pytest.approx(p, rel=1e-12)
    assert fisher_exact(a, c, b, d).p_value == pytest.approx(p, rel=1e-12)


@settings(max_examples=examples(50))
@given(st.lists(st.integers(0, 400), min_size=4, max_size=4))
def test_fisher_log_space_agrees_with_exact(table):
    a, b, c, d = table
    r1, r2, c1 = a + b, c + d, a + c
    exact = stats._fisher_p_exact(a, r1, r2, c1)
    assert stats._fisher_p_log(a, r1, r2, c1) == pytest.approx(exact, rel=1e-9, abs=1e-300)


# --- compare_proportions ----------------------------------------------------------------------


def test_compare_uses_z_test_when_expected_counts_are_large():
    # [[35, 65], [19, 81]]: smallest expected = 100 * 54 / 200 = 27 >= 5
    result = compare_proportions(35, 100, 19, 100)
    assert result == two_proportion_test(35, 100, 19, 100)


def test_compare_uses_fisher_when_an_expected_count_is_below_5():
    # [[3, 1], [1, 3]]: expected = 4 * 4 / 8 = 2 < 5 in every cell
    assert compare_proportions(3, 4, 1, 4) == fisher_exact(3, 1, 1, 3)


def test_compare_boundary_expected_exactly_5_is_z_test():
    # [[1, 9], [11, 3]]: columns 12, 12, n = 24; expected 10*12/24 = 5 and 14*12/24 = 7: none < 5
    assert compare_proportions(1, 10, 11, 14).method == Z_TEST
    # [[1, 8], [11, 3]]: 9 * 12 / 23 = 4.70 < 5
    assert compare_proportions(1, 9, 11, 14).method == FISHER


def test_compare_rejects_bad_counts():
    with pytest.raises(ValueError):
        compare_proportions(3, 2, 1, 4)


# --- Holm -------------------------------------------------------------------------------------


def test_holm_worked_example():
    # sorted: 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, 0.04 * 1 = 0.04 -> running max 0.03, 0.06, 0.06
    # back in input order [0.01, 0.04, 0.03] -> [0.03, 0.06, 0.06]
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06], abs=1e-15)


def test_holm_caps_at_one_and_handles_edges():
    # 0.5 * 2 = 1.0, 0.6 * 1 -> max(1.0, 0.6) = 1.0
    assert holm([0.6, 0.5]) == [1.0, 1.0]
    assert holm([]) == []
    assert holm([0.2]) == [0.2]
    # ties: 0.01 * 2 = 0.02, max(0.02, 0.01 * 1) = 0.02
    assert holm((0.01, 0.01)) == [0.02, 0.02]


@pytest.mark.parametrize("bad", [[-0.1], [1.1], [math.nan]])
def test_holm_rejects_values_outside_unit_interval(bad):
    with pytest.raises(ValueError):
        holm(bad)


@given(st.lists(st.floats(0.0, 1.0), max_size=30))
def test_holm_properties(p_values):
    adjusted = holm(p_values)
    assert len(adjusted) == len(p_values)
    assert all(p <= q <= 1.0 for p, q in zip(p_values, adjusted))
    # monotone: a smaller raw p never gets a larger adjusted p
    pairs = sorted(zip(p_values, adjusted))
    assert all(x[1] <= y[1] for x, y in zip(pairs, pairs[1:]))
    assert holm(p_values) == adjusted  # deterministic


# --- counts_from_percentage -------------------------------------------------------------------


@pytest.mark.parametrize("percent, base, count", [
    (23.3, 30, 7),    # 23.3 * 30 / 100 = 6.99 -> 7
    (12.5, 4, 1),     # 0.5 -> 1 (half up; half-to-even would give 0)
    (37.5, 4, 2),     # 1.5 -> 2
    (15, 10, 2),      # 1.5 -> 2 (an int percentage)
    (14.5, 100, 15),  # exactly 14.5 -> 15, though 14.5 / 100 * 100 = 14.499999999999998 in floats
    (2.8, 125, 4),    # exactly 3.5 -> 4, though 2.8 / 100 * 125 = 3.4999999999999996 in floats
    (14.5, 10, 1),    # 1.45 -> 1
    (0.0, 50, 0),
    (100.0, 50, 50),
    (50.0, 0, 0),
])
def test_counts_from_percentage(percent, base, count):
    assert counts_from_percentage(percent, base) == count


@pytest.mark.parametrize("percent, base", [(-1.0, 10), (100.5, 10), (math.nan, 10), (50.0, -1),
                                           (50.0, 10.0), ("50", 10)])
def test_counts_from_percentage_rejects_bad_input(percent, base):
    with pytest.raises(ValueError):
        counts_from_percentage(percent, base)


@given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_counts_round_trip_through_one_decimal_percentage(case):
    # a count survives rounding to 0.1% when the base is at most 1000 (0.05% of 1000 is 0.5)
    count, base = case
    percent = round(100 * count / base, 1)
    recovered = counts_from_percentage(percent, base)
    assert abs(recovered - count) <= max(0, math.ceil(base / 2000))
    if base <= 1000:
        assert recovered == count
