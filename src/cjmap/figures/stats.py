"""Small, deterministic statistics for survey figures in journey maps.

Journey-map reports quote shares such as "7 of 30 respondents (23%)" and compare them between
segments or waves. These helpers put an interval around a share, test whether two shares
differ, correct a family of such tests for multiplicity, and recover counts from rounded
percentages. They are pure Python (``math``, ``fractions``, ``statistics.NormalDist``) so the
CLI needs no scientific stack, and every result depends only on the arguments.

Conventions:

* counts are ``int`` (``bool`` is rejected) and are validated; bad input is a ``ValueError``;
* p-values are two-sided and lie in ``[0, 1]``;
* a test returns a :class:`TestResult` that names its method, so a report can print it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import NormalDist
from typing import Sequence

Z_TEST = "two-proportion z-test"
FISHER = "Fisher's exact test"

# R's fisher.test and scipy.stats.fisher_exact count a table as "at least as extreme" when its
# probability is <= the observed one times (1 + 1e-7), so that ties lost to rounding still count.
# The exact path applies the same rule as an exact rational comparison, so both paths agree
# with R and scipy on tables whose probabilities tie.
_REL_TOL_NUM = 10**7 + 1
_REL_TOL_DEN = 10**7
_LOG_REL_TOL = math.log1p(1e-7)

# Grand totals up to this size use exact integer arithmetic (about 0.05 s at 20 000);
# larger tables use log-space probabilities via math.lgamma.
EXACT_LIMIT = 20_000

# Cochran's rule: the normal approximation is trusted when every expected count is >= 5.
MIN_EXPECTED = 5


@dataclass(frozen=True)
class TestResult:
    """The outcome of a test: its statistic (None when it has none), two-sided p, method name."""

    __test__ = False  # not a pytest test class, despite the name

    statistic: float | None
    p_value: float
    method: str


# --- validation -------------------------------------------------------------------------------


def _check_count(name: str, value: int) -> None:
    """Reject non-integers (including bool, which is an int subclass) and negative counts."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer, not {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")


def _check_share(x_name: str, x: int, n_name: str, n: int) -> None:
    """A share x of n needs integer counts with 0 <= x <= n and n >= 1."""
    _check_count(x_name, x)
    _check_count(n_name, n)
    if n == 0:
        raise ValueError(f"{n_name} must be >= 1")
    if x > n:
        raise ValueError(f"{x_name} ({x}) cannot exceed {n_name} ({n})")


def _two_sided_z(confidence: float) -> float:
    """The normal quantile z with P(|Z| <= z) = confidence, i.e. Phi^-1((1 + confidence) / 2)."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


# --- Wilson score interval --------------------------------------------------------------------


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion, as ``(lower, upper)`` in [0, 1].

    Why Wilson: survey bases in journey maps are small (tens of respondents) and shares are
    often near 0 or 1, where the textbook Wald interval p +/- z*sqrt(p(1-p)/n) collapses to
    zero width or leaves [0, 1]. Wilson (1927) inverts the score test instead:

        centre = (p + z^2 / (2n)) / (1 + z^2 / n)
        half   = z * sqrt(p(1 - p) / n + z^2 / (4 n^2)) / (1 + z^2 / n)

    with p = successes / n and z = Phi^-1((1 + confidence) / 2). The bounds are clamped to
    [0, 1], and the lower bound is exactly 0 when successes == 0 (the upper exactly 1 when
    successes == n), where the formula gives those values up to rounding.
    """
    _check_share("successes", successes, "n", n)
    z = _two_sided_z(confidence)
    p = successes / n
    z2 = z * z
    denominator = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denominator
    half = z * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator
    lower = 0.0 if successes == 0 else max(0.0, centre - half)
    upper = 1.0 if successes == n else min(1.0, centre + half)
    return lower, upper


# --- two-proportion z-test --------------------------------------------------------------------


def two_proportion_test(x1: int, n1: int, x2: int, n2: int) -> TestResult:
    """Pooled two-proportion z-test of H0: p1 == p2, with a two-sided p-value.

    Under H0 both groups share one proportion, estimated by pooling:

        p = (x1 + x2) / (n1 + n2)
        SE = sqrt(p (1 - p) (1/n1 + 1/n2))
        z = (x1/n1 - x2/n2) / SE,   p-value = 2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2)

    ``erfc`` keeps small p-values accurate, where 1 - Phi(|z|) would cancel to zero. The
    statistic is the signed z (positive when group 1 has the larger share). When the pooled
    share is 0 or 1 both groups are identical (all no or all yes), SE is 0 and z undefined:
    the result then has statistic None and p-value 1. For small expected counts prefer
    :func:`compare_proportions`, which switches to Fisher's exact test.
    """
    _check_share("x1", x1, "n1", n1)
    _check_share("x2", x2, "n2", n2)
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)
    if x1 + x2 in (0, n1 + n2) or variance <= 0.0:
        return TestResult(statistic=None, p_value=1.0, method=Z_TEST)
    z = (x1 / n1 - x2 / n2) / math.sqrt(variance)
    p_value = min(1.0, math.erfc(abs(z) / math.sqrt(2.0)))
    return TestResult(statistic=z, p_value=p_value, method=Z_TEST)


# --- Fisher's exact test ----------------------------------------------------------------------


def _support(r1: int, r2: int, c1: int) -> range:
    """Possible values of the top-left cell a given row totals r1, r2 and first column total c1."""
    return range(max(0, c1 - r2), min(r1, c1) + 1)


def _hypergeometric_weights(r1: int, r2: int, c1: int) -> list[int]:
    """Exact integer weights C(r1, a) * C(r2, c1 - a) for every a in the support, in order.

    P(a) = C(r1, a) C(r2, c1 - a) / C(r1 + r2, c1) (the hypergeometric law of a 2x2 table with
    fixed margins); the denominator is the sum of the weights. Each weight follows from the
    previous one by the exact ratio
        w(a+1) / w(a) = (r1 - a)(c1 - a) / ((a + 1)(r2 - c1 + a + 1)),
    so the whole support costs O(N) small multiplications instead of O(N) binomials.
    """
    support = _support(r1, r2, c1)
    weight = math.comb(r1, support.start) * math.comb(r2, c1 - support.start)
    weights = [weight]
    for a in support[:-1]:
        weight = weight * (r1 - a) * (c1 - a) // ((a + 1) * (r2 - c1 + a + 1))
        weights.append(weight)
    return weights


def _fisher_p_exact(a: int, r1: int, r2: int, c1: int) -> float:
    """Two-sided Fisher p in exact integers: sum of P(t) over tables with P(t) <= P(a)(1 + 1e-7)."""
    weights = _hypergeometric_weights(r1, r2, c1)
    observed = weights[a - _support(r1, r2, c1).start]
    extreme = sum(w for w in weights if w * _REL_TOL_DEN <= observed * _REL_TOL_NUM)
    return min(1.0, extreme / sum(weights))  # int / int is correctly rounded


def _log_comb(n: int, k: int) -> float:
    """log C(n, k) = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)."""
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _fisher_p_log(a: int, r1: int, r2: int, c1: int) -> float:
    """Two-sided Fisher p for large tables, with log P(t) from lgamma and the same 1e-7 rule."""
    log_total = _log_comb(r1 + r2, c1)
    logs = [_log_comb(r1, t) + _log_comb(r2, c1 - t) - log_total for t in _support(r1, r2, c1)]
    threshold = logs[a - _support(r1, r2, c1).start] + _LOG_REL_TOL
    return min(1.0, math.fsum(math.exp(x) for x in logs if x <= threshold))


def fisher_exact(a: int, b: int, c: int, d: int) -> TestResult:
    """Two-sided Fisher's exact test on the 2x2 table [[a, b], [c, d]].

    With all margins fixed, the top-left cell follows the hypergeometric law
        P(a) = C(a + b, a) C(c + d, c) / C(n, a + c),   n = a + b + c + d.
    The two-sided p-value sums P(t) over every table t no more probable than the observed
    one (the "minimum likelihood" rule of R's fisher.test and scipy), with the relative
    tolerance 1e-7 those use so that tables tied with the observed one count. Tables up to
    :data:`EXACT_LIMIT` in total are summed in exact integers; larger ones in log space.
    The result has no statistic (None): the p-value is the whole test. A table with only one
    possible arrangement of its margins (e.g. a zero row) has p-value 1.
    """
    for name, value in (("a", a), ("b", b), ("c", c), ("d", d)):
        _check_count(name, value)
    r1, r2, c1 = a + b, c + d, a + c
    if r1 + r2 <= EXACT_LIMIT:
        p_value = _fisher_p_exact(a, r1, r2, c1)
    else:
        p_value = _fisher_p_log(a, r1, r2, c1)
    return TestResult(statistic=None, p_value=p_value, method=FISHER)


# --- choosing a test --------------------------------------------------------------------------


def _min_expected_below(x1: int, n1: int, x2: int, n2: int, limit: int) -> bool:
    """True when some expected count E = row total * column total / n of the table is < limit.

    The table is [[x1, n1 - x1], [x2, n2 - x2]]; compared as row * col < limit * n in integers.
    """
    total = n1 + n2
    columns = (x1 + x2, total - x1 - x2)
    return any(row * col < limit * total for row in (n1, n2) for col in columns)


def compare_proportions(x1: int, n1: int, x2: int, n2: int) -> TestResult:
    """Compare the shares x1/n1 and x2/n2 with the test their counts can support.

    Rule (Cochran, 1954, in its usual 2x2 form): the z-test's normal approximation is used only
    when every expected cell count of [[x1, n1 - x1], [x2, n2 - x2]] is at least 5, where
    E = row total * column total / grand total; otherwise Fisher's exact test is used. Survey
    segments in journey maps are often small, so this keeps small-base comparisons honest while
    large bases get the familiar z statistic. The chosen test is named in ``method``.
    """
    _check_share("x1", x1, "n1", n1)
    _check_share("x2", x2, "n2", n2)
    if _min_expected_below(x1, n1, x2, n2, MIN_EXPECTED):
        return fisher_exact(x1, n1 - x1, x2, n2 - x2)
    return two_proportion_test(x1, n1, x2, n2)


# --- multiplicity -----------------------------------------------------------------------------


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the input order.

    Why: a report comparing many steps or segments will find "significant" differences by
    chance; Holm (1979) controls the family-wise error rate like Bonferroni but rejects more.
    With m p-values sorted ascending p(1) <= ... <= p(m), the step-down adjustment is

        adj(i) = min(1, max_{j <= i} (m - j + 1) p(j))

    (the running maximum makes the adjusted values monotone in the sorted order). Ties keep
    their input order, which does not change the result. Rejecting adj <= alpha is Holm's test.
    """
    values = [float(p) for p in p_values]
    for p in values:
        if not 0.0 <= p <= 1.0:  # also rejects NaN
            raise ValueError(f"p-values must lie in [0, 1], got {p!r}")
    m = len(values)
    order = sorted(range(m), key=lambda i: values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * values[index]))
        adjusted[index] = running
    return adjusted


# --- rounded percentages ----------------------------------------------------------------------


def counts_from_percentage(percent: float, base: int) -> int:
    """Recover a count from a published, rounded percentage of a known base.

    count = round(percent * base / 100), rounding halves up (ROUND_HALF_UP), not to even: a
    report printing "12.5% of 4" means 0.5 of a respondent only through rounding, and reading
    it the way a spreadsheet's ROUND or a person would (up to 1) is the least surprising
    choice; banker's rounding would turn 12.5% of 4 into 0 but 37.5% of 4 into 2. The
    arithmetic is done in Decimal on the percentage as written (its shortest repr), so 0.5
    boundaries are not lost to binary floating point: 14.5% of 100 is exactly 14.5 -> 15,
    whereas 14.5 / 100 * 100 in floats is 14.499999999999998, which would round to 14.
    """
    _check_count("base", base)
    if isinstance(percent, bool) or not isinstance(percent, (int, float)):
        raise ValueError(f"percent must be a number, not {percent!r}")
    if not 0.0 <= percent <= 100.0:  # also rejects NaN
        raise ValueError(f"percent must lie in [0, 100], got {percent!r}")
    exact = Decimal(repr(percent)) * base / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
