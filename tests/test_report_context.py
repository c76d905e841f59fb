"""The template context: priorities on a hand-worked map, balanced quotes, the action plan, the
filters' rounding, the packaged templates themselves, and the documentation of the context."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import ROOT

from cjmap.model import JourneyMap
from cjmap.report import context as ctx
from cjmap.report import filters
from cjmap.report.document import ReportOptions, make_report, tidy
from cjmap.report.environment import PackagedLoader, TemplateError, markdown_environment

TODAY = dt.date(2026, 4, 1)


def journey(*steps: dict) -> JourneyMap:
    return JourneyMap.model_validate({"cjmap": 1, "journey": {"title": "T", "customer": "C"},
                                      "steps": list(steps)})


# Worked by hand (the score is documented in docs/priorities.md): evidence is the larger Wilson
# lower bound of the unhappy shares, from series of at least 5 comments or a base of 30.
#   quiet:   a moment of truth where nobody complains (0 of 10: lower bound 0)  -> 0, not ranked
#   survey:  2 of 10 negative: 0.0567; 25% of 400 = 100: 0.2101 (larger)       -> 21.01
#   moment:  4 of 10: 0.1682 -> 16.82, + 10 (red) = 26.82, x 1.5              -> 40.23
#   metrics: two amber = 8                                                      -> 8.00
#   unhappy: 6 of 10: 0.3127                                                    -> 31.27
HAND_WORKED = journey(
    {"id": "quiet", "name": "Quiet", "feedback": {"positive": 10}, "moment_of_truth": "Why"},
    {"id": "survey", "name": "Survey", "feedback": {"positive": 8, "negative": 2},
     "survey": {"base": 400, "dissatisfied": 25}},
    {"id": "moment", "name": "Moment", "feedback": {"positive": 6, "negative": 4},
     "metrics": [{"name": "m", "rag": "red"}], "moment_of_truth": "Why",
     "actions": [{"recommendation": "Fix the moment.", "status": "agreed", "owner": "Team A"}]},
    {"id": "metrics", "name": "Metrics",
     "metrics": [{"name": "a", "rag": "amber"}, {"name": "b", "rag": "amber"}]},
    {"id": "unhappy", "name": "Unhappy", "feedback": {"positive": 4, "negative": 6},
     "pain_points": ["Nobody calls back."]},
)


def test_priority_order_on_a_hand_worked_map() -> None:
    context = ctx.build_context(HAND_WORKED, today=TODAY, top=2)
    assert [(p.step.id, p.score) for p in context.priorities] == [
        ("moment", 40.23), ("unhappy", 31.27), ("survey", 21.01), ("metrics", 8.0)]
    assert [p.rank for p in context.priorities] == [1, 2, 3, 4]
    assert [p.step.id for p in context.top] == ["moment", "unhappy"]
    assert context.steps[0].rank is None and context.steps[0].score == 0


def test_priority_order_in_the_report() -> None:
    report = make_report(HAND_WORKED, ReportOptions(today=TODAY, top=2))
    table = report.split("## Priorities", 1)[1].split("### ", 1)[0]
    rows = [line.split(" | ")[1] for line in table.splitlines() if re.match(r"\| \d", line)]
    assert rows == ["Moment", "Unhappy", "Survey", "Metrics"]
    assert "### 1. Moment\n" in report and "### 2. Unhappy\n" in report
    assert "### 3. Survey" not in report
    assert "- Fix the moment. *Agreed, Team A.*" in report
    assert "    - Nobody calls back." in report


def test_no_priorities_when_nothing_is_wrong() -> None:
    calm = journey({"id": "a", "name": "A", "feedback": {"positive": 3}})
    report = make_report(calm, ReportOptions(today=TODAY))
    assert "none is ranked as a priority" in report


def test_quotes_take_turns_positive_first() -> None:
    quotes = [{"text": t, "sentiment": s} for t, s in (
        ("n1", "negative"), ("n2", "negative"), ("n3", "negative"), ("p1", "positive"),
        ("u1", None), ("m1", "neutral"), ("p2", "positive"))]
    step = journey({"id": "a", "name": "A", "quotes": quotes}).steps[0]
    assert [q.text for q in ctx.balanced(step.quotes)] == ["p1", "n1", "p2", "n2", "n3", "u1", "m1"]


def test_action_plan_groups_and_order() -> None:
    actions = [
        {"recommendation": "late", "status": "agreed", "due": "2025/26 Q3"},
        {"recommendation": "undated", "status": "agreed"},
        {"recommendation": "early", "status": "agreed", "due": "2025-06-30"},
        {"recommendation": "finished", "status": "done", "due": "2025-01-01"},
        {"id": "named", "recommendation": "going", "status": "in-progress", "due": "2027-01-01"},
    ]
    plan = ctx.build_context(journey({"id": "a", "name": "A", "actions": actions}),
                             today=TODAY).plan
    assert [(g.status, [a.recommendation for a in g.actions]) for g in plan.groups] == [
        ("in-progress", ["going"]), ("agreed", ["early", "late", "undated"]),
        ("done", ["finished"])]
    assert [a.ref for a in plan.actions] == ["1.1", "1.2", "1.3", "1.4", "named"]
    assert [(a.recommendation, a.days_overdue) for a in plan.overdue] == [("early", 275),
                                                                          ("late", 91)]
    assert (plan.total, plan.open, plan.counts["done"], plan.counts["declined"]) == (5, 4, 1, 0)


@pytest.mark.parametrize("name, value, expected", [
    ("percent", 0.125, "13%"), ("percent", 0.145, "15%"), ("percent", 0.0, "0%"),
    ("net", 0.65, "net +65"), ("net", -0.475, "net \u221248"), ("net", 0.0, "net 0"),
    ("net", -0.001, "net 0"), ("net", None, "\u2013"),
    ("number", 1240, "1,240"), ("number", 6.5, "6.5"), ("number", 7.0, "7"),
    ("points", 23, "23%"), ("points", 23.5, "23.5%"),
    ("long_date", dt.date(2026, 3, 31), "31 March 2026"),
    ("status_label", "in-progress", "In progress"), ("channel_label", "sms", "SMS"),
    ("channel_label", "face-to-face", "Face to face"), ("method_label", "focus-group", "Focus group"),
    ("rag", "amber", "Amber"), ("rag", None, "\u2013"),
])
def test_filters(name: str, value: object, expected: str) -> None:
    assert filters.FILTERS[name](value) == expected


def test_with_unit_and_plural_and_lists() -> None:
    assert filters.with_unit(27, "% of all repairs") == "27% of all repairs"
    assert filters.with_unit(1240, "calls a month") == "1,240 calls a month"
    assert filters.plural(1, "person", "people") == "1 person"
    assert filters.plural(2, "day") == "2 days"
    assert filters.sentence_list(["a", "b|c", "d"]) == "a, b\\|c and d"


def test_tidy_keeps_code_blocks_and_drops_extra_blank_lines() -> None:
    text = "# T  \n\n\n\npara\n```mermaid\nx  \n\n\n\ny\n```\n\n\n"
    assert tidy(text) == "# T\n\npara\n```mermaid\nx  \n\n\n\ny\n```\n"


def test_every_packaged_template_compiles() -> None:
    environment = markdown_environment()
    names = PackagedLoader().list_templates()
    assert {"report-influencer.md.j2", "report-executive.md.j2", "report-front-line.md.j2",
            "report.html.j2", "report.css"} <= set(names)
    for name in names:
        if name.endswith(".j2"):
            environment.get_template(f"cjmap/{name}")


def test_no_template_line_loses_its_newline() -> None:
    """With trim_blocks, a line of text that ends in a block tag runs into the next line; such
    tags must end in "+%}" to keep the newline."""
    for path in sorted((ROOT / "templates").rglob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            outside = re.sub(r"\{%.*?%\}", "", line).strip()
            if line.rstrip().endswith("%}") and outside and not line.rstrip().endswith("+%}"):
                pytest.fail(f"{path.name}:{number}: end the line's last tag with +%}}")


def test_packaged_names_cannot_escape_the_package() -> None:
    environment = markdown_environment()
    with pytest.raises(Exception):
        environment.get_template("cjmap/../cli.py")


def test_unknown_audience_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown audience"):
        make_report(HAND_WORKED, ReportOptions(today=TODAY, audience="board"))


def test_a_missing_template_file_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="template not found"):
        make_report(HAND_WORKED, ReportOptions(today=TODAY, template=tmp_path / "none.md.j2"))


def documented_names() -> set[str]:
    text = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    reference = text.split("## Template context", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`([a-z_]+)`", reference))


@pytest.mark.parametrize("view", [
    ctx.ReportContext, ctx.StepView, ctx.PriorityView, ctx.ActionView, ctx.ActionPlan,
    ctx.ActionGroup, ctx.Headline, ctx.DiagnosisView, ctx.AnswerView, ctx.MetricView,
    ctx.QuoteView, ctx.TouchpointView, ctx.MapEmbed,
], ids=lambda view: view.__name__)
def test_every_context_field_is_documented(view: type) -> None:
    missing = {field.name for field in dataclasses.fields(view)} - documented_names()
    assert not missing, f"document {sorted(missing)} of {view.__name__} in docs/report.md"


def test_every_filter_is_documented() -> None:
    missing = set(filters.FILTERS) - documented_names()
    assert not missing, f"document the filters {sorted(missing)} in docs/report.md"
