"""Segments and metrics matched by name in ``diff``; ``done`` with the action's words; the CSV
export's metric, segment, quote and pain-point records."""

from __future__ import annotations

import csv
import datetime as dt
import io

from conftest import ROOT

from cjmap.diff.compare import diff_maps
from cjmap.diff.formats import text
from cjmap.export import to_csv
from cjmap.validate import load_map

OLD = load_map(ROOT / "tests/cases/waves/damp-2024.yaml")
NEW = load_map(ROOT / "tests/cases/waves/damp-2025.yaml")


def test_segments_are_matched_by_name_not_removed_and_added() -> None:
    report = next(step for step in diff_maps(OLD, NEW).steps if step.id == "report")
    children = report.segments[0]
    assert (children.name, children.kind) == ("Households with children under five", "changed")
    assert (children.old_dissatisfied, children.new_dissatisfied) == (47, 28)
    assert not [lists for lists in report.lists if lists.field == "survey.segments"]
    output = text(diff_maps(OLD, NEW))
    assert "Households with children under five: base 60 → 54, satisfied 38% → 52%, " \
           "dissatisfied 47% → 28%" in output
    assert "survey segment added" not in output and "survey segment removed" not in output


def test_segment_names_match_ignoring_case_and_spaces() -> None:
    data = NEW.model_dump(by_alias=True)
    data["steps"][0]["survey"]["segments"][0]["name"] = "households with  children under five"
    renamed = type(NEW).model_validate(data)
    segments = next(s for s in diff_maps(OLD, renamed).steps if s.id == "report").segments
    assert [s.kind for s in segments] == ["changed", "changed"]


def test_metrics_are_matched_by_name() -> None:
    report = next(step for step in diff_maps(OLD, NEW).steps if step.id == "report")
    metric = report.metrics[0]
    assert (metric.kind, metric.old_value, metric.new_value) == ("changed", 14.2, 9.1)
    assert (metric.old_rag, metric.new_rag) == ("red", "green")


def test_done_is_said_with_the_actions_words() -> None:
    output = text(diff_maps(OLD, NEW))
    assert ('~ treatment: follow-up-visit: done: "Visit again six weeks after treatment." '
            "Outcome: Every treated home now gets a visit six weeks later.") in output


def test_default_csv_has_metrics_segments_quotes_and_pain_points() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(NEW, dt.date(2026, 11, 23)))))
    kinds = {row["record"] for row in rows}
    assert kinds == {"step", "action", "metric", "segment", "pain_point"}
    metric = next(row for row in rows if row["record"] == "metric")
    assert (metric["item"], metric["value"], metric["unit"], metric["target"], metric["rag"]) == (
        "Working days to inspection", "9.1", "working days", "10", "green")
    segment = next(row for row in rows if row["record"] == "segment")
    assert (segment["item"], segment["base"], segment["satisfied"], segment["dissatisfied"]) == (
        "Households with children under five", "54", "52", "28")
    assert segment["step_id"] == "report" and segment["period"] == "2025/26 Q2"


def test_csv_quotes_are_formula_safe(tmp_path) -> None:
    data = NEW.model_dump(by_alias=True)
    data["steps"][0]["quotes"] = [{"text": "=HYPERLINK(\"x\")", "sentiment": "negative"}]
    data["steps"][0]["pain_points"] = ["+1 call"]
    journey = type(NEW).model_validate(data)
    rows = list(csv.DictReader(io.StringIO(to_csv(journey, dt.date(2026, 11, 23)))))
    quote = next(row for row in rows if row["record"] == "quote")
    assert quote["item"] == "'=HYPERLINK(\"x\")" and quote["sentiment"] == "negative"
    pain = next(row for row in rows if row["record"] == "pain_point")
    assert pain["item"] == "'+1 call"
