"""Formatters for a :class:`~cjmap.diff.compare.MapDiff`: plain text, Markdown and JSON.

``text`` is for a terminal (the command colours it on a tty: ``+`` lines green, ``-`` red, ``~``
yellow); ``markdown`` is for a pull-request comment: headings, a summary line and tables, with
all user text escaped; ``json`` is for scripts, with stable keys that are always present.

Free text (summaries, reasons, outcomes) is reported as "reworded" in text and Markdown, so the
review stays about figures and decisions; JSON carries the old and new text.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Callable, Iterable, Optional

from cjmap.diff.compare import (
    ActionDiff,
    Change,
    DiffSummary,
    ListChange,
    MapDiff,
    MetricChange,
    SegmentChange,
    StepDiff,
    Value,
)
from cjmap.figures import wording
from cjmap.safe_text import markdown_inline, terminal

JSON_VERSION = 1
LABELS = {
    "feedback.positive": "positive", "feedback.neutral": "neutral",
    "feedback.negative": "negative", "feedback.no_comment": "no comment",
    "survey.base": "base", "survey.satisfied": "satisfied",
    "survey.neutral": "neutral (survey)", "survey.dissatisfied": "dissatisfied",
    "survey.question": "survey question", "pain_points": "pain point",
    "touchpoints": "touchpoint", "quotes": "quote", "survey.segments": "survey segment",
    "moment_of_truth": "moment of truth", "research": "research",
}  # fmt: skip
PERCENT_FIELDS = ("survey.satisfied", "survey.neutral", "survey.dissatisfied")


# --- shared wording ---------------------------------------------------------------------------

def plural(count: int, word: str, words: Optional[str] = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def summary_line(summary: DiffSummary) -> str:
    """One line for a reviewer: what moved in steps, sentiment, moments of truth and actions."""
    steps = [f"{summary.steps_added} added", f"{summary.steps_removed} removed",
             f"{summary.steps_moved} moved", f"{summary.steps_renamed} renamed",
             f"{summary.steps_changed} changed"]
    actions = [f"{summary.actions_added} added", f"{summary.actions_removed} removed",
               f"{summary.actions_changed} changed", f"{summary.actions_done} done"]
    return (f"Steps: {', '.join(steps)}. "
            f"Net sentiment up on {plural(summary.net_up, 'step')}, "
            f"down on {summary.net_down}. "
            f"Moments of truth: {summary.moments_gained} gained, {summary.moments_lost} lost. "
            f"Actions: {', '.join(actions)}.")


def number(value: Value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "none" if value is None else str(value)


def signed(value: Optional[float]) -> str:
    """A net sentiment such as ``net +65`` (:func:`cjmap.figures.wording.net`)."""
    return wording.net(value)


def figure(change: Change) -> str:
    """``16 -> 20`` or ``11% -> 8%``, with "none" for an absent figure."""
    unit = "%" if change.field in PERCENT_FIELDS else ""
    old = number(change.old) + (unit if change.old is not None else "")
    new = number(change.new) + (unit if change.new is not None else "")
    return f"{old} → {new}"


def net_line(step: StepDiff) -> str:
    line = f"{signed(step.net_before)} → {signed(step.net_after)}"
    if step.net_change is not None and step.net_change != 0:
        line += f" ({wording.change(step.net_change)})"
    return line


def field_phrase(change: Change) -> str:
    """How one step or action field changed, in words."""
    label = LABELS.get(change.field, change.field.replace("_", " "))
    if change.prose:
        if change.old is None:
            return f"{label} added"
        return f"{label} removed" if change.new is None else f"{label} reworded"
    if change.field == "optional":
        return "now optional" if change.new else "no longer optional"
    return f"{label} {figure(change)}"


def metric_phrase(metric: MetricChange) -> str:
    unit = f" {metric.unit}" if metric.unit and metric.unit != "%" else (metric.unit or "")

    def shown(value: Optional[float], rag: Optional[str]) -> str:
        text = "none" if value is None else f"{number(value)}{unit}"
        return f"{text} ({rag})" if rag else text

    if metric.kind == "added":
        return f"metric added: {metric.name} {shown(metric.new_value, metric.new_rag)}"
    if metric.kind == "removed":
        return f"metric removed: {metric.name}"
    return (f"metric {metric.name}: {shown(metric.old_value, metric.old_rag)} → "
            f"{shown(metric.new_value, metric.new_rag)}")


def action_name(action: ActionDiff) -> str:
    return action.action_id or f'"{action.recommendation}"'


def action_phrase(action: ActionDiff) -> str:
    """What happened to an action, in words (without its step or name)."""
    if action.kind == "added":
        return f"added, {done_phrase(action)}" if action.became_done else f"added ({action.status})"
    if action.kind == "removed":
        return f"removed (was {action.status})"
    parts = []
    if action.became_done:
        parts.append(done_phrase(action))
    for change in action.changes:
        if change.field == "status" and action.became_done:
            continue
        if change.field == "outcome" and action.became_done and action.outcome:
            continue
        if change.field == "step":
            parts.append(f"moved from step {change.old}")
        elif change.prose:
            parts.append(field_phrase(change))
        else:
            parts.append(f"{change.field} {number(change.old)} → {number(change.new)}")
    return "; ".join(parts)


def done_phrase(action: ActionDiff) -> str:
    """``done: "Visit again six weeks after treatment." Outcome: ...`` (the action's words)."""
    outcome = f" Outcome: {action.outcome}" if action.outcome else ""
    return f'done: "{action.recommendation}"{outcome}'


def _step_detail_phrases(step: StepDiff) -> list[str]:
    """The changes of a step other than feedback, survey figures and net sentiment."""
    phrases = [field_phrase(c) for c in step.fields
               if not c.field.startswith(("feedback.", "survey.")) or c.prose]
    if step.moment is not None:
        phrases.append(_moment_phrase(step.moment))
    for change in step.lists:
        label = LABELS.get(change.field, change.field)
        phrases += [f"{label} added: {item}" for item in change.added]
        phrases += [f"{label} removed: {item}" for item in change.removed]
    phrases += [metric_phrase(metric) for metric in step.metrics]
    phrases += [segment_phrase(segment) for segment in step.segments]
    return phrases


def segment_phrase(segment: SegmentChange) -> str:
    """``survey segment Households with children under five: dissatisfied 47% → 28%``."""
    if segment.kind == "added":
        return f"survey segment added: {segment.name}"
    if segment.kind == "removed":
        return f"survey segment removed: {segment.name}"
    parts = []
    for label, old, new, unit in (("base", segment.old_base, segment.new_base, ""),
                                  ("satisfied", segment.old_satisfied, segment.new_satisfied, "%"),
                                  ("dissatisfied", segment.old_dissatisfied,
                                   segment.new_dissatisfied, "%")):
        if old != new:
            parts.append(f"{label} {number(old)}{unit if old is not None else ''} → "
                         f"{number(new)}{unit if new is not None else ''}")
    return f"survey segment {segment.name}: " + ", ".join(parts)


def _moment_phrase(moment: Change) -> str:
    if moment.old is None:
        return "now a moment of truth"
    return "no longer a moment of truth" if moment.new is None else "moment of truth reason reworded"


def _figures(step: StepDiff, prefix: str) -> list[Change]:
    return [c for c in step.fields if c.field.startswith(prefix) and not c.prose]


# --- text -------------------------------------------------------------------------------------

def text(diff: MapDiff) -> str:
    """A readable report for a terminal; ``No differences.`` when there are none."""
    t = terminal
    head = [f"cjmap diff: {t(diff.old_label)} → {t(diff.new_label)}", f"Map: {t(diff.title)}"]
    if not diff.has_changes:
        return "\n".join(head + ["No differences."]) + "\n"
    lines = head + [summary_line(diff.summary())]
    for title, section in (("Journey", _text_journey), ("Steps", _text_steps),
                           ("Moments of truth", _text_moments),
                           ("Changed steps", _text_changed), ("Actions", _text_actions)):
        body = list(section(diff))
        if body:
            lines += ["", title, *body]
    return "\n".join(lines) + "\n"


def _text_journey(diff: MapDiff) -> Iterable[str]:
    for change in diff.journey:
        if change.prose:
            yield f"  ~ {field_phrase(change)}"
        else:
            yield f"  ~ {change.field}: {terminal(number(change.old))} → {terminal(number(change.new))}"
    for lists in diff.journey_lists:
        yield from (f"  + {lists.field}: {terminal(item)}" for item in lists.added)
        yield from (f"  - {lists.field}: {terminal(item)}" for item in lists.removed)


def _text_steps(diff: MapDiff) -> Iterable[str]:
    t = terminal
    for ref in diff.added:
        yield f'  + {ref.id} "{t(ref.name)}" added at position {ref.position}'
    for ref in diff.removed:
        yield f'  - {ref.id} "{t(ref.name)}" removed (was at position {ref.position})'
    for move in diff.moved:
        where = f"after {move.after}" if move.after else "first"
        yield (f'  ~ {move.id} "{t(move.name)}" moved from position {move.old_position} to '
               f"{move.new_position}, now {where}")
    for rename in diff.renamed:
        yield f'  ~ {rename.id} renamed "{t(rename.old_name)}" → "{t(rename.new_name)}"'


def _text_moments(diff: MapDiff) -> Iterable[str]:
    for ref in diff.moments_gained:
        yield f'  + {ref.id} "{terminal(ref.name)}" is now a moment of truth'
    for ref in diff.moments_lost:
        yield f'  - {ref.id} "{terminal(ref.name)}" is no longer a moment of truth'


def _text_changed(diff: MapDiff) -> Iterable[str]:
    for step in diff.steps:
        yield f'  {step.id} "{terminal(step.name)}"'
        if step.net_before != step.net_after:
            yield f"    {net_line(step)}"
        for prefix, label in (("feedback.", "feedback"), ("survey.", "survey")):
            figures = _figures(step, prefix)
            if figures:
                yield f"    {label}: " + ", ".join(field_phrase(c) for c in figures)
        for phrase in _step_detail_phrases(step):
            yield f"    {terminal(phrase)}"


def _text_actions(diff: MapDiff) -> Iterable[str]:
    marks = {"added": "+", "removed": "-", "changed": "~"}
    for action in diff.actions:
        yield (f"  {marks[action.kind]} {action.step_id}: {terminal(action_name(action))}: "
               f"{terminal(action_phrase(action))}")


# --- markdown ---------------------------------------------------------------------------------

def markdown(diff: MapDiff) -> str:
    """A pull-request comment: a heading, a summary line and a table per kind of change."""
    md = markdown_inline
    lines = [f"### Journey map changes: {md(diff.title)}", "",
             f"{md(diff.old_label)} → {md(diff.new_label)}", ""]
    if not diff.has_changes:
        return "\n".join(lines + ["No differences."]) + "\n"
    lines += [f"**{summary_line(diff.summary())}**"]
    for title, table in (("Journey", _md_journey), ("Steps", _md_steps),
                         ("Moments of truth", _md_moments), ("Changed steps", _md_changed),
                         ("Actions", _md_actions)):
        rows = list(table(diff))
        if len(rows) > 2:
            lines += ["", f"#### {title}", "", *rows]
    return "\n".join(lines) + "\n"


def cell_text(text: str) -> str:
    """User text for a table cell: escaped, and a leading "-" or "1." left as it is (a cell
    cannot start a list)."""
    return markdown_inline(text, line_start=False)


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _header(*names: str) -> list[str]:
    return [_row(*names), _row(*("---" for _ in names))]


def _md_journey(diff: MapDiff) -> Iterable[str]:
    md = cell_text
    yield from _header("Field", "Before", "After")
    for change in diff.journey:
        if change.prose:
            yield _row(md(change.field), "", md(field_phrase(change)))
        else:
            yield _row(md(change.field), md(number(change.old)), md(number(change.new)))
    for lists in diff.journey_lists:
        yield _row(md(lists.field), "<br>".join(md(item) for item in lists.removed),
                   "<br>".join(md(item) for item in lists.added))


def _md_steps(diff: MapDiff) -> Iterable[str]:
    md = cell_text
    yield from _header("Change", "Step", "Detail")
    for ref in diff.added:
        yield _row("added", f"{md(ref.name)} (`{ref.id}`)", f"at position {ref.position}")
    for ref in diff.removed:
        yield _row("removed", f"{md(ref.name)} (`{ref.id}`)", f"was at position {ref.position}")
    for move in diff.moved:
        where = f"after `{move.after}`" if move.after else "first"
        yield _row("moved", f"{md(move.name)} (`{move.id}`)",
                   f"position {move.old_position} → {move.new_position}, now {where}")
    for rename in diff.renamed:
        yield _row("renamed", f"`{rename.id}`", f"{md(rename.old_name)} → {md(rename.new_name)}")


def _md_moments(diff: MapDiff) -> Iterable[str]:
    yield from _header("Change", "Step")
    for ref in diff.moments_gained:
        yield _row("gained", f"{cell_text(ref.name)} (`{ref.id}`)")
    for ref in diff.moments_lost:
        yield _row("lost", f"{cell_text(ref.name)} (`{ref.id}`)")


def _md_changed(diff: MapDiff) -> Iterable[str]:
    yield from _header("Step", "Net sentiment", "Feedback", "Survey", "Other changes")
    for step in diff.steps:
        feedback = ", ".join(field_phrase(c) for c in _figures(step, "feedback."))
        survey = ", ".join(field_phrase(c) for c in _figures(step, "survey."))
        other = "<br>".join(cell_text(p) for p in _step_detail_phrases(step))
        net = net_line(step) if step.net_before != step.net_after else signed(step.net_after)
        yield _row(f"{cell_text(step.name)} (`{step.id}`)", net, feedback, survey, other)


def _md_actions(diff: MapDiff) -> Iterable[str]:
    yield from _header("Step", "Action", "Change")
    for action in diff.actions:
        name = f"`{action.action_id}`" if action.action_id else cell_text(
            action.recommendation)
        yield _row(f"`{action.step_id}`", name, cell_text(action_phrase(action)))


# --- json -------------------------------------------------------------------------------------

def as_json(diff: MapDiff) -> str:
    """A JSON document; every key is always present, figures are rounded to 4 places."""
    document = {
        "cjmap_diff": JSON_VERSION,
        "old": diff.old_label,
        "new": diff.new_label,
        "title": diff.title,
        "has_changes": diff.has_changes,
        "summary": asdict(diff.summary()),
        "journey": [asdict(change) for change in diff.journey],
        "journey_lists": [_list_dict(change) for change in diff.journey_lists],
        "steps": {
            "added": [asdict(ref) for ref in diff.added],
            "removed": [asdict(ref) for ref in diff.removed],
            "moved": [asdict(move) for move in diff.moved],
            "renamed": [asdict(rename) for rename in diff.renamed],
            "changed": [_step_dict(step) for step in diff.steps],
        },
        "moments_of_truth": {
            "gained": [asdict(ref) for ref in diff.moments_gained],
            "lost": [asdict(ref) for ref in diff.moments_lost],
        },
        "actions": [_action_dict(action) for action in diff.actions],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def _list_dict(change: ListChange) -> dict[str, object]:
    return {"field": change.field, "added": list(change.added), "removed": list(change.removed)}


def _step_dict(step: StepDiff) -> dict[str, object]:
    return {
        "id": step.id,
        "name": step.name,
        "net_before": _round(step.net_before),
        "net_after": _round(step.net_after),
        "net_change": _round(step.net_change),
        "fields": [asdict(change) for change in step.fields],
        "moment_of_truth": asdict(step.moment) if step.moment is not None else None,
        "lists": [_list_dict(change) for change in step.lists],
        "metrics": [asdict(metric) for metric in step.metrics],
        "segments": [asdict(segment) for segment in step.segments],
    }


def _action_dict(action: ActionDiff) -> dict[str, object]:
    return {
        "kind": action.kind,
        "step_id": action.step_id,
        "action_id": action.action_id,
        "recommendation": action.recommendation,
        "status": action.status,
        "became_done": action.became_done,
        "outcome": action.outcome,
        "changes": [asdict(change) for change in action.changes],
    }


FORMATTERS: dict[str, Callable[[MapDiff], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
}
