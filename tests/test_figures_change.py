"""Change told from chance (cjmap.figures.change): labels at values worked by hand."""

from __future__ import annotations

import math

import pytest
from conftest import ROOT

from cjmap.figures import change
from cjmap.figures import wording as words
from cjmap.figures.change import Share, compare_share, compare_waves
from cjmap.validate import load_map


def test_two_proportion_case_worked_by_hand() -> None:
    # 31% of 412 is 127.72, so 128 people; 19% of 380 is 72.2, so 72.
    # pooled p = 200 / 792 = 0.252525; SE = sqrt(p (1 - p) (1/412 + 1/380))
    #   = sqrt(0.188756 x 0.0050588) = 0.030901
    # z = (128/412 - 72/380) / SE = (0.310680 - 0.189474) / 0.030901 = 3.9224
    # two-sided p = erfc(3.9224 / sqrt 2) = 8.8e-5: significant, and fewer dissatisfied is better.
    before, after = change.survey_share(31, 412), change.survey_share(19, 380)
    assert (before.count, after.count) == (128, 72)
    result = compare_share("survey", "dissatisfied", before, after)
    assert result.test.method == "two-proportion z-test"
    assert result.test.statistic == pytest.approx(3.9224, abs=1e-3)
    assert result.test.p_value == pytest.approx(math.erfc(3.9224 / math.sqrt(2)), rel=1e-3)
    assert result.label == "significant improvement"
    assert words.share_change_words(result) == (
        "31% of 412 → 19% of 380, −12 pts: significant improvement "
        "(two-proportion z-test, p < 0.001)")


def test_fisher_case_worked_by_hand() -> None:
    # 3 of 4 people negative, then 1 of 4: the table [[3, 1], [1, 3]] with all margins 4.
    # P(a) = C(4, a) C(4, 4 - a) / C(8, 4) = 1, 16, 36, 16, 1 (each / 70) for a = 0..4.
    # Tables no more probable than the observed 16/70: a = 0, 1, 3, 4, so p = 34/70 = 0.4857.
    result = compare_share("interview", "negative", Share(3, 4, 75.0, False),
                           Share(1, 4, 25.0, False))
    assert result.test.method == "Fisher's exact test"
    assert result.test.p_value == pytest.approx(34 / 70)
    assert result.label == "within chance"  # never "improvement" while it could be chance
    assert "improvement" not in words.share_change_words(result)


def test_a_real_rise_in_dissatisfaction_is_a_decline() -> None:
    result = compare_share("survey", "dissatisfied", change.survey_share(19, 380),
                           change.survey_share(31, 412))
    assert result.label == "significant decline"


def test_small_segments_switch_to_fisher_and_missing_bases_are_not_tested() -> None:
    tiny = compare_share("segment", "dissatisfied", change.survey_share(50, 8),
                         change.survey_share(25, 8), "Few")
    assert tiny.test.method == "Fisher's exact test"
    assert compare_share("survey", "satisfied", None, change.survey_share(50, 10)).label == (
        "not tested")


def test_wave_comparison_matches_segments_and_metrics_by_name() -> None:
    change = compare_waves(load_map(ROOT / "tests/cases/waves/damp-2024.yaml"),
                           load_map(ROOT / "tests/cases/waves/damp-2025.yaml"))
    report = next(step for step in change.steps if step.id == "report")
    children = [s for s in report.segments if s.segment == "Households with children under five"]
    assert [(s.measure, s.label) for s in children] == [
        ("satisfied", "within chance"), ("dissatisfied", "significant improvement")]
    metric = report.metrics[0]
    assert (metric.before, metric.after, metric.kind) == (14.2, 9.1, "better")
    assert (metric.rag_before, metric.rag_after) == ("red", "green")
    interviews = [s for s in report.shares if s.source == "interview"]
    assert all(s.label == "within chance" for s in interviews)  # 18 and 16 people
    assert [s.presence for s in change.steps][-2:] == ["added", "removed"]
    assert change.tested == 16 and len(change.significant()) == 4
    assert sum(s.significant_after_holm for s in change.shares) == 2


def test_wording() -> None:
    assert words.net_words(0.33) == "net +33" and words.net_words(-0.05) == "net −5"
    assert words.interval_words(Share(21, 60, 35.0)) == "95% CI 24–48%"
    assert words.p_words(0.0004) == "p < 0.001" and words.p_words(0.049) == "p = 0.049"
