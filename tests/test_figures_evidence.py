"""The evidence behind each step: two series never blended, intervals, thin evidence, segment
tests worked by hand, evidence-weighted priorities, failure demand, and one wording."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.figures import wording
from cjmap.figures.evidence import journey_figures
from cjmap.figures.stats import wilson_interval
from cjmap.model import JourneyMap
from cjmap.render.flow import to_dot
from cjmap.render.svg_map import render_map_svg
from cjmap.report import ReportOptions, make_report


def journey(*steps: dict[str, Any], **about: Any) -> JourneyMap:
    return JourneyMap.model_validate({"cjmap": 1, "journey": {"title": "T", "customer": "C",
                                                              **about}, "steps": list(steps)})


def test_wilson_7_of_30_is_11_8_to_40_9_percent() -> None:
    assert wording.interval_precise(wilson_interval(7, 30)) == "11.8\u201340.9%"
    assert wording.interval(wilson_interval(7, 30)) == "95% CI 12\u201341%"


@pytest.mark.parametrize("value, text", [
    (1 / 3, "net +33"), (-0.24, "net \u221224"), (-0.001, "net 0"), (0.004, "net 0"),
    (0.0, "net 0"), (-1, "net \u2212100"), (None, "\u2013")])
def test_net_sentiment_has_one_wording_and_never_minus_zero(value, text) -> None:
    assert wording.net(value) == text


def test_shares_money_and_scores() -> None:
    assert wording.share_of(0.35, 60) == "35% of 60"
    assert wording.interval((0.27, 0.44)) == "95% CI 27\u201344%"
    assert wording.yearly(12400) == "\u00a312,400 a year"
    assert wording.money(4.5) == "\u00a34.50"
    assert wording.score(71.84) == "71.8"
    assert wording.change(-0.001) == "0 pts"


def test_survey_and_feedback_are_separate_series() -> None:
    figures = journey({"id": "a", "name": "A", "feedback": {"positive": 4, "neutral": 4,
                                                           "negative": 9},
                       "survey": {"base": 120, "satisfied": 58, "dissatisfied": 37}})
    item = figures_of(figures)
    assert item.curve == pytest.approx(-5 / 17)  # the feedback net, not the survey's +21
    assert item.other == pytest.approx(0.21)
    assert wording.point_label(item, "feedback") == "net \u221229"


def figures_of(journey_map: JourneyMap):
    return journey_figures(journey_map).steps[0]


def test_the_declared_curve_series_wins() -> None:
    figures = journey_figures(journey(
        {"id": "a", "name": "A", "feedback": {"negative": 9, "positive": 1},
         "survey": {"base": 120, "satisfied": 58, "dissatisfied": 37}}, curve="survey"))
    assert figures.curve == "survey" and figures.steps[0].curve == pytest.approx(0.21)


def test_a_single_comment_is_indicative_never_the_lowest_point_or_a_priority() -> None:
    figures = journey_figures(journey(
        {"id": "one", "name": "One", "feedback": {"negative": 1}},
        {"id": "many", "name": "Many", "feedback": {"positive": 10, "negative": 8},
         "survey": {"base": 300, "satisfied": 50, "dissatisfied": 40}},
        {"id": "good", "name": "Good", "feedback": {"positive": 15, "negative": 1}}))
    assert figures.lowest.id == "many" and figures.highest.id == "good"
    assert figures.of(figures.steps[0].step).indicative
    ranked = [p.step.id for p in figures.ranked]
    assert ranked[0] == "many" and "one" not in ranked
    assert [p.step.id for p in figures.indicative] == ["one"]


def segment_map() -> JourneyMap:
    # Worked by hand.
    # z-test: 40% of 60 = 24 against the other 240 of a base of 300 with 24% (72): 48 of 240 = 20%.
    #   pooled p = 72/300 = 0.24; se = sqrt(0.24 x 0.76 x (1/60 + 1/240)) = 0.061644;
    #   z = 0.20 / 0.061644 = 3.2444; two-sided p = 0.00118.
    # Fisher: 60% of 5 = 3 against the other 20 of a base of 25 with 20% (5): 2 of 20.
    #   margins 5 / 20, 5 unhappy, N = 25; C(25, 5) = 53130; P(a) = C(5, a) C(20, 5 - a) / 53130:
    #   a = 3: 1900, a = 4: 100, a = 5: 1 (the tables no more likely than the observed one; a = 0,
    #   1, 2 are 15504, 24225, 11400); p = 2001 / 53130 = 0.037662.
    # Holm over the two: 2 x 0.00118 = 0.00235, then max(0.00235, 0.037662) = 0.037662.
    return journey(
        {"id": "a", "name": "A", "survey": {"base": 300, "dissatisfied": 24, "segments": [
            {"name": "Works part time", "base": 60, "dissatisfied": 40}]}},
        {"id": "b", "name": "B", "survey": {"base": 25, "dissatisfied": 20, "segments": [
            {"name": "Small group", "base": 5, "dissatisfied": 60}]}})


def test_segments_worked_by_hand() -> None:
    z, fisher = journey_figures(segment_map()).segments
    assert z.method == "two-proportion z-test" and z.p_value == pytest.approx(0.00118, abs=1e-5)
    assert z.p_adjusted == pytest.approx(0.00235, abs=1e-5) and z.significant and z.higher
    assert fisher.method == "Fisher's exact test"
    assert fisher.p_value == pytest.approx(2001 / 53130)
    assert fisher.p_adjusted == pytest.approx(2001 / 53130) and fisher.significant
    assert wording.segment_flag(z) == (
        "Works part time: 40% dissatisfied (95% CI 29\u201353%) against 20% of other "
        "respondents: significantly higher")


def test_a_segment_like_the_rest_is_not_flagged() -> None:
    (test,) = journey_figures(journey({"id": "a", "name": "A", "survey": {
        "base": 300, "dissatisfied": 20, "segments": [
            {"name": "Similar", "base": 60, "dissatisfied": 21}]}})).segments
    assert not test.significant
    assert "not significantly different" in wording.segment_flag(test)


def test_failure_demand_a_year() -> None:
    figures = journey_figures(journey({"id": "a", "name": "A", "metrics": [
        {"name": "Calls chasing a visit", "value": 320, "volume": {"per_month": 320,
                                                                  "cost_per_item": 4.5}}]}))
    assert figures.yearly_cost == 320 * 12 * 4.5 == 17280
    assert wording.yearly(figures.yearly_cost) == "\u00a317,280 a year"


def test_optional_steps_reach_fewer_customers() -> None:
    figures = journey_figures(journey(
        {"id": "a", "name": "A", "feedback": {"positive": 5, "negative": 5}},
        {"id": "b", "name": "B", "optional": True, "feedback": {"positive": 5, "negative": 5}}))
    a, b = (figures.priority_of(item.step) for item in figures.steps)
    assert b.score == pytest.approx(a.score / 2, abs=0.01)
    assert a.score == pytest.approx(100 * wilson_interval(5, 10)[0], abs=0.01)


feedback = st.fixed_dictionaries({"positive": st.integers(0, 30), "neutral": st.integers(0, 5),
                                  "negative": st.integers(0, 30)})
survey = st.fixed_dictionaries({"base": st.integers(1, 500), "satisfied": st.integers(0, 50),
                                "dissatisfied": st.integers(0, 50)})
step_data = st.fixed_dictionaries({}, optional={"feedback": feedback, "survey": survey})


@settings(deadline=None)
@given(st.lists(step_data, min_size=1, max_size=8), st.sampled_from([None, "feedback", "survey"]))
def test_every_view_names_the_same_highest_and_lowest_steps(steps, curve) -> None:
    names = [f"Step{chr(65 + i)}x" for i in range(len(steps))]
    data = [{"id": f"s{i}", "name": names[i], **s} for i, s in enumerate(steps)]
    journey_map = journey(*data, **({"curve": curve} if curve else {}))
    figures = journey_figures(journey_map)
    line = wording.extremes(figures.highest, figures.lowest, figures.curve)
    svg = render_map_svg(journey_map)
    today = dt.date(2026, 4, 1)
    markdown = make_report(journey_map, ReportOptions(today=today))
    executive = make_report(journey_map, ReportOptions(today=today, audience="executive"))
    html = make_report(journey_map, ReportOptions(today=today, format="html"))
    if line is None:
        assert "Highest point:" not in svg and "the highest point is" not in markdown
        assert "Highest and lowest points" not in executive
        return
    best, worst = figures.highest, figures.lowest
    best_figure = wording.series_figure(best.curve, figures.curve)
    worst_figure = wording.series_figure(worst.curve, figures.curve)
    assert line in svg
    assert f"the highest point is **{best.step.name}** ({best_figure})" in markdown
    assert f"the lowest **{worst.step.name}** ({worst_figure})" in markdown
    assert f"{best.step.name} ({best_figure}); {worst.step.name} ({worst_figure})" in executive
    assert f"highest point is <strong>{best.step.name}</strong> ({best_figure})" in html
    dot = to_dot(journey_map)
    for item in figures.steps:  # the flow view labels each step with the curve's figure
        brief = wording.series_brief(item, figures.curve)
        assert brief is None or brief in dot
