"""How every figure is written for a person, in one place.

Render, report, diff, trend and export all word their figures through these functions, so a
net sentiment reads "net +33" on the map, in the report, in a diff and in a trend table alike.
Machine formats (JSON, CSV) never use them: they carry the exact values.

Conventions:

* numbers are rounded half up, as people round (0.145 is 15%, not 14%), from the float's
  shortest repr so binary noise does not move a boundary;
* a negative figure takes a true minus sign (U+2212), and a figure that rounds to zero is
  written without a sign: never "−0" or "+0";
* an unknown figure is an en dash.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Optional

from cjmap.figures.change import ALPHA

if TYPE_CHECKING:
    from cjmap.figures.change import MetricShift, Net, Share, ShareChange, WaveChange
    from cjmap.figures.evidence import (
        FeedbackSeries,
        Priority,
        SegmentTest,
        StepEvidence,
        SurveySeries,
    )

MINUS = "\u2212"
DASH = "\u2013"
CONFIDENCE_LABEL = "95% CI"


def half_up(value: float, places: int = 0, scale: int = 1) -> Decimal:
    """``value x scale`` rounded half up to ``places`` decimals (0.145 x 100 -> 15)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a figure was given {value!r}, which is not a number")
    step = Decimal(1).scaleb(-places)
    return (Decimal(repr(value)) * scale).quantize(step, rounding=ROUND_HALF_UP)


def _signed(rounded: Decimal) -> str:
    """+33, −24 or 0 (no sign on zero)."""
    if rounded == 0:
        return "0"
    text = f"{abs(rounded):,}"
    return ("+" if rounded > 0 else MINUS) + text


def number(value: Optional[float], places: int = 1) -> str:
    """1240 -> "1,240"; 6.5 -> "6.5"; decimals (up to ``places``) only when the value has them."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return f"{int(value):,}"
    digits = max(places, 1)
    text = f"{half_up(value, digits):,.{digits}f}".rstrip("0").rstrip(".")
    return text


def signed_score(value: Optional[float]) -> str:
    """A balance from -1 to 1 as a signed whole score from −100 to +100: 0.333 -> "+33"."""
    return DASH if value is None else _signed(half_up(value, scale=100))


def net(value: Optional[float]) -> str:
    """Net sentiment of feedback (positive minus negative, as a share of those who commented):
    0.333 -> "net +33", -0.24 -> "net −24", -0.001 -> "net 0"."""
    return DASH if value is None else f"net {signed_score(value)}"


def survey_net(value: Optional[float]) -> str:
    """A survey's % satisfied minus % dissatisfied, from -1 to 1: 0.21 -> "survey net +21"."""
    return DASH if value is None else f"survey net {signed_score(value)}"


def series_figure(value: Optional[float], series: str) -> str:
    """The curve figure of a step in the wording of its series ("feedback" or "survey")."""
    return survey_net(value) if series == "survey" else net(value)


def change(value: Optional[float]) -> str:
    """A change in net sentiment, in points of the −100 to +100 scale: 0.17 -> "+17 pts"."""
    return DASH if value is None else f"{signed_score(value)} pts"


def points_change(value: Optional[float]) -> str:
    """A change in a survey percentage: 3 -> "+3 pts", -2.5 -> "−2.5 pts"."""
    if value is None:
        return DASH
    rounded = half_up(value, 1)
    text = _signed(rounded.normalize() if rounded != 0 else rounded)
    return f"{text} pts"


def percent(share: Optional[float]) -> str:
    """A share from 0 to 1 as a whole percentage: 0.125 -> "13%"."""
    return DASH if share is None else f"{half_up(share, scale=100)}%"


def points(value: Optional[float]) -> str:
    """A percentage figure as a survey writes it: 23 -> "23%", 23.5 -> "23.5%"."""
    return DASH if value is None else f"{number(value, 1)}%"


def share_of(share: Optional[float], base: Optional[int]) -> str:
    """A share with its base: (0.35, 60) -> "35% of 60"; without a base, just "35%"."""
    text = percent(share)
    return text if base is None or share is None else f"{text} of {base:,}"


def points_of(value: Optional[float], base: Optional[int]) -> str:
    """A survey percentage with its base: (35, 60) -> "35% of 60"."""
    text = points(value)
    return text if base is None or value is None else f"{text} of {base:,}"


def count_of(count: int, total: int) -> str:
    """9 of 17."""
    return f"{count:,} of {total:,}"


def interval_bounds(low: float, high: float) -> str:
    """A share's interval as whole percentages: (0.118, 0.409) -> "12–41%".

    With one decimal where the whole numbers would meet (a narrow interval) so it still
    reads as a range."""
    lo, hi = half_up(low, scale=100), half_up(high, scale=100)
    if lo == hi and low != high:
        return f"{half_up(low, 1, 100)}{DASH}{half_up(high, 1, 100)}%"
    return f"{lo}{DASH}{hi}%"


def interval(bounds: Optional[tuple[float, float]]) -> str:
    """A 95% Wilson interval: (0.27, 0.44) -> "95% CI 27–44%"; a dash without one."""
    if bounds is None:
        return DASH
    return f"{CONFIDENCE_LABEL} {interval_bounds(*bounds)}"


def interval_precise(bounds: tuple[float, float]) -> str:
    """The interval to one decimal: (0.1179, 0.4093) -> "11.8–40.9%"."""
    low, high = bounds
    return f"{half_up(low, 1, 100)}{DASH}{half_up(high, 1, 100)}%"


def share_with_interval(share: Optional[float], base: Optional[int],
                        bounds: Optional[tuple[float, float]]) -> str:
    """ "35% of 60 (95% CI 27–44%)"; the interval is left out when there is none."""
    text = share_of(share, base)
    return text if bounds is None else f"{text} ({interval(bounds)})"


def money(pounds: Optional[float]) -> str:
    """An amount in pounds, to the pound: 12400 -> "£12,400"; pence under £100: "£4.50"."""
    if pounds is None:
        return DASH
    if abs(pounds) < 100 and not float(pounds).is_integer():
        return f"£{half_up(pounds, 2):,.2f}"
    return f"£{half_up(pounds):,}"


def money_short(pounds: float) -> str:
    """A large amount for a headline figure: 12400 -> "£12.4k", 1250000 -> "£1.3m"."""
    if abs(pounds) >= 1_000_000:
        return f"£{number(float(half_up(pounds / 1_000_000, 1)))}m"
    if abs(pounds) >= 10_000:
        return f"£{number(float(half_up(pounds / 1000, 1)))}k"
    return money(pounds)


def yearly(pounds: Optional[float]) -> str:
    """A yearly cost: 12400 -> "£12,400 a year"."""
    return DASH if pounds is None else f"{money(pounds)} a year"


def score(value: Optional[float]) -> str:
    """A priority score, to one decimal: 36.0 -> "36.0"."""
    return DASH if value is None else f"{half_up(value, 1):,.1f}"


def p_value(value: float) -> str:
    """A p-value for a reader: "p = 0.012", "p < 0.001"."""
    if value < 0.001:
        return "p < 0.001"
    return f"p = {half_up(value, 3)}"


def significance(significant: bool, higher: bool) -> str:
    """The verdict of a segment test in words."""
    if not significant:
        return "not significantly different"
    return "significantly higher" if higher else "significantly lower"


# --- the evidence behind a step ---------------------------------------------------------------

SERIES_NAMES = {
    "feedback": "net feedback from interviews and groups: positive minus negative comments",
    "survey": "survey net: % satisfied minus % dissatisfied",
}
SERIES_SHORT = {"feedback": "net feedback", "survey": "survey net"}


def series_name(series: str) -> str:
    """What the curve plots, in words."""
    return SERIES_NAMES[series]


def comments(total: int) -> str:
    return f"{total:,} comment" + ("" if total == 1 else "s")


def feedback_summary(series: FeedbackSeries) -> str:
    """ "net −24 from 17 comments; 9 negative: 53% of 17 (95% CI 31–74%)"."""
    text = (f"{net(series.net)} from {comments(series.total)}; {series.negative:,} negative: "
            f"{share_with_interval(series.negative_share, series.total, series.negative_interval)}")
    return text + ("; indicative (fewer than 5 comments)" if series.thin else "")


def survey_summary(series: SurveySeries) -> str:
    """ "survey net +21: 58% satisfied, 37% dissatisfied of 120 (95% CI 29–46%)"."""
    parts = [f"{points(value)} {label}" for value, label in (
        (series.satisfied, "satisfied"), (series.dissatisfied, "dissatisfied"))
        if value is not None]
    text = ", ".join(parts)
    if series.base is not None:
        text += f" of {series.base:,}"
    if series.dissatisfied_interval is not None and series.dissatisfied is not None:
        text += f" ({interval(series.dissatisfied_interval)} dissatisfied)"
    if series.net is not None:
        text = f"{survey_net(series.net)}: {text}"
    if series.thin:
        text += "; indicative (" + ("no base" if series.base is None else "base under 30") + ")"
    return text


def step_summary(item: StepEvidence) -> str:
    """Both series of a step, each named, for a tooltip or a table note."""
    parts = []
    if item.feedback is not None:
        parts.append("Feedback: " + feedback_summary(item.feedback))
    if item.survey is not None:
        parts.append("Survey: " + survey_summary(item.survey))
    return ". ".join(parts) if parts else "No feedback or survey"


def series_brief(item: StepEvidence, series: str) -> Optional[str]:
    """A step's figure in one series with its n: "net −24 · 17 comments", "survey net +21 ·
    base 120", "(indicative)" when thin; None when the step has no figure in that series."""
    if series == "survey":
        survey = item.survey
        if survey is None or survey.net is None:
            return None
        base = f"base {survey.base:,}" if survey.base is not None else "no base"
        return f"{survey_net(survey.net)} \u00b7 {base}" + (" (indicative)" if survey.thin else "")
    feedback = item.feedback
    if feedback is None:
        return None
    return (f"{net(feedback.net)} \u00b7 {comments(feedback.total)}"
            + (" (indicative)" if feedback.thin else ""))


def point_label(item: StepEvidence, series: str) -> str:
    """The label of a curve point: "net −24" or "survey net +21"."""
    return series_figure(item.curve, series)


def extremes(highest: Optional[StepEvidence], lowest: Optional[StepEvidence],
             series: str) -> Optional[str]:
    """ "Highest point: X (net +33) · Lowest point: Y (net −24)"; None without both."""
    if highest is None or lowest is None or highest.step.id == lowest.step.id:
        return None
    return (f"Highest point: {highest.step.name} ({series_figure(highest.curve, series)}) "
            f"\u00b7 Lowest point: {lowest.step.name} ({series_figure(lowest.curve, series)})")


def segment_flag(test: SegmentTest) -> str:
    """ "Works part time: 35% dissatisfied (95% CI 27–44%) against 19% of other respondents:
    significantly higher"."""
    return (f"{test.name}: {percent(test.share)} {test.measure} ({interval(test.interval)}) "
            f"against {percent(test.others_share)} of other respondents: "
            f"{significance(test.significant, test.higher)}")


def segment_test_detail(test: SegmentTest) -> str:
    """How the segment was tested: "61 against 351 respondents; two-proportion z-test,
    Holm-adjusted p = 0.002"."""
    return (f"{test.base:,} against {test.others_base:,} respondents; {test.method}, "
            f"Holm-adjusted {p_value(test.p_adjusted)}")


def priority_reason(priority: Priority) -> str:
    """Why a step ranks where it does, part by part, ending in its score: "100 × 28% (lower 95%
    bound, negative comments) + 2 red × 10, then × 1.5 for a moment of truth = 71.8"."""
    parts = []
    if priority.evidence_source is not None:
        source = "negative comments" if priority.evidence_source == "feedback" else (
            "survey dissatisfied")
        reach = (f" × {number(priority.reach, 2)} for an optional step" if priority.reach < 1
                 else "")
        parts.append(f"100 × {percent(priority.evidence)} (lower 95% bound, {source}){reach}")
    if priority.red:
        parts.append(f"{priority.red} red × 10")
    if priority.amber:
        parts.append(f"{priority.amber} amber × 4")
    if not parts:
        return "no sign of a problem on solid evidence"
    text = " + ".join(parts)
    if priority.moment_of_truth:
        text += ", then × 1.5 for a moment of truth"
    return f"{text} = {score(priority.score)}"


# --- changes between waves (cjmap.figures.change) ------------------------------------------


def signed_int(value: float) -> str:
    """``+12``, ``−5`` (a true minus sign) or ``0``, rounded half up."""
    return _signed(half_up(value))


def net_words(value: Optional[float]) -> str:
    """Net sentiment from −1..+1 as ``net +33`` (:func:`net`); ``no comments`` if None."""
    return "no comments" if value is None else net(value)


def net_with_n(figure: Optional[Net]) -> str:
    """``net +33 (n=16)``; ``not in this wave`` for a step the wave does not have."""
    if figure is None:
        return "not in this wave"
    return f"{net_words(figure.value)} (n={figure.n})"


def percent_words(value: float) -> str:
    """A published percentage as written: ``31%``, ``31.5%``."""
    return f"{number(value)}%"


def share_words(share: Optional[Share]) -> str:
    """``31% of 412``."""
    if share is None:
        return "no figure"
    shown = percent_words(share.percent if share.published else round(share.percent))
    return f"{shown} of {share.base}"


def interval_words(share: Share) -> str:
    """``95% CI 27–36%``."""
    low, high = share.interval
    return interval((low / 100, high / 100))


def p_words(value: float) -> str:
    """``p = 0.040``, ``p < 0.001`` (:func:`p_value`)."""
    return p_value(value)


def points_words(points: Optional[float]) -> str:
    """``−12 pts``."""
    return "" if points is None else f"{signed_int(points)} pts"


def method_words(change: ShareChange) -> str:
    """``two-proportion z-test, p < 0.001`` (the method as :mod:`stats` names it)."""
    if change.test is None:
        return ""
    return f"{change.test.method}, {p_words(change.test.p_value)}"


def measure_words(change: ShareChange) -> str:
    """What the share is: ``survey dissatisfied``, ``segment "X" satisfied``,
    ``interviews negative``."""
    if change.source == "segment":
        return f"{change.segment}: {change.measure}"
    if change.source == "interview":
        return f"interviews: {change.measure} comments"
    return f"survey {change.measure}"


def share_change_words(change: ShareChange) -> str:
    """``31% of 412 → 19% of 380, −12 pts: significant improvement (two-proportion z-test,
    p < 0.001)``; a change within chance says so and no more."""
    figures = f"{share_words(change.before)} → {share_words(change.after)}"
    if change.test is None:
        return f"{figures}: not tested (a wave has no base or no figure)"
    points = points_words(change.points)
    return f"{figures}, {points}: {change.label} ({method_words(change)})"


def metric_value_words(value: Optional[float], unit: Optional[str]) -> str:
    if value is None:
        return "no figure"
    text = number(value)
    if unit == "%":
        return text + "%"
    return f"{text} {unit}" if unit else text


def metric_words(shift: MetricShift) -> str:
    """``14.2 → 9.1 working days against a target of 10 (red → green)``."""
    unit = shift.unit if shift.unit == "%" else None
    text = (f"{metric_value_words(shift.before, unit)} → "
            f"{metric_value_words(shift.after, shift.unit)}")
    if shift.target is not None:
        text += f" against a target of {metric_value_words(shift.target, shift.unit)}"
    if shift.rag_before or shift.rag_after:
        text += f" ({shift.rag_before or 'no rating'} → {shift.rag_after or 'no rating'})"
    return text


def holm_words(change: WaveChange) -> str:
    """``12 changes tested; 3 significant at p < 0.05, 2 of them still after Holm's correction
    for testing 12 at once.``"""
    tested = change.tested
    significant = [share for share in change.shares if share.significant]
    after = sum(1 for share in significant if share.significant_after_holm)
    if not tested:
        return "No change could be tested (no wave pair has both figures and bases)."
    return (f"{tested} {'change' if tested == 1 else 'changes'} tested; "
            f"{len(significant)} significant at p < {ALPHA:g}, {after} of them still after "
            f"Holm's correction for testing {tested} at once. Interview samples are small: "
            f"most of their changes are within chance.")
