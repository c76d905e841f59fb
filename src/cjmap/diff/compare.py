"""A semantic diff of two versions of a journey map, by step id.

A line diff of YAML tells a reviewer which lines changed; this tells them what changed in the
journey: steps added, removed, moved or renamed; feedback counts, survey figures and net
sentiment; moments of truth gained or lost; and what happened to each action.

Matching rules:

* Steps are matched by ``id`` (the format asks that ids stay stable across versions).
* A step counts as *moved* only when its order relative to the other common steps changed. Adding
  or removing steps shifts positions but moves nothing; among the steps whose relative order
  changed, the fewest that explain the new order are reported (the rest keep a longest common
  order).
* Actions are matched by ``id`` when both versions have one, anywhere in the map (so an action
  moved to another step is one action with a changed ``step``); the rest are matched by
  recommendation text (spaces normalised) within the same step.

The result is a :class:`MapDiff` of plain values; :mod:`cjmap.diff.formats` turns it into text,
Markdown or JSON. Nothing here prints.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Literal, Optional, Sequence, Union

from cjmap.figures.derived import derived_rag, net_sentiment
from cjmap.model import FIVE_CS, Action, JourneyMap, Metric, Segment, Step

Value = Union[str, int, float, bool, None]


@dataclass(frozen=True)
class Change:
    """A field whose value differs. ``old`` is None when the field was absent, ``new`` when it
    is gone. ``prose`` marks free text, which formatters summarise as "reworded"."""

    field: str
    old: Value
    new: Value
    prose: bool = False


@dataclass(frozen=True)
class StepRef:
    """A step, with its 1-based position in the version it belongs to."""

    id: str
    name: str
    position: int


@dataclass(frozen=True)
class Move:
    """A step whose order relative to the other common steps changed."""

    id: str
    name: str
    old_position: int
    new_position: int
    after: Optional[str]  # the id of the step it now follows; None when it is now first


@dataclass(frozen=True)
class Rename:
    id: str
    old_name: str
    new_name: str


@dataclass(frozen=True)
class ListChange:
    """Entries of a list (pain points, touchpoints, quotes...) added and removed."""

    field: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class MetricChange:
    """A metric (matched by name) added, removed, or with a new value or RAG rating."""

    name: str
    old_value: Optional[float]
    new_value: Optional[float]
    unit: Optional[str]
    old_rag: Optional[str]
    new_rag: Optional[str]
    kind: Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class SegmentChange:
    """A survey segment (matched by name, spaces and case ignored) added, removed or with new
    figures."""

    name: str
    kind: Literal["added", "removed", "changed"]
    old_base: Optional[int]
    new_base: Optional[int]
    old_satisfied: Optional[float]
    new_satisfied: Optional[float]
    old_dissatisfied: Optional[float]
    new_dissatisfied: Optional[float]


@dataclass(frozen=True)
class StepDiff:
    """What changed in a step present in both versions (its name change is a :class:`Rename`)."""

    id: str
    name: str
    net_before: Optional[float]
    net_after: Optional[float]
    fields: tuple[Change, ...] = ()
    moment: Optional[Change] = None
    lists: tuple[ListChange, ...] = ()
    metrics: tuple[MetricChange, ...] = ()
    segments: tuple[SegmentChange, ...] = ()

    @property
    def net_change(self) -> Optional[float]:
        if self.net_before is None or self.net_after is None:
            return None
        return self.net_after - self.net_before

    def field(self, name: str) -> Optional[Change]:
        return next((change for change in self.fields if change.field == name), None)

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.moment or self.lists or self.metrics or self.segments
                    or self.net_before != self.net_after)


ActionKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class ActionDiff:
    """An action added, removed or changed. ``step_id`` is its step in the new version (the old
    one for a removed action); ``status`` is its status there."""

    kind: ActionKind
    step_id: str
    action_id: Optional[str]
    recommendation: str
    status: str
    changes: tuple[Change, ...] = ()
    outcome: Optional[str] = None  # the outcome as the new version records it

    def change(self, name: str) -> Optional[Change]:
        return next((change for change in self.changes if change.field == name), None)

    @property
    def became_done(self) -> bool:
        """Added as done, or its status changed to done."""
        if self.kind == "added":
            return self.status == "done"
        status = self.change("status")
        return status is not None and status.new == "done"


@dataclass(frozen=True)
class MapDiff:
    """Everything that differs between two versions of a map, in a stable order."""

    old_label: str
    new_label: str
    title: str = ""
    journey: tuple[Change, ...] = ()
    journey_lists: tuple[ListChange, ...] = ()
    added: tuple[StepRef, ...] = ()
    removed: tuple[StepRef, ...] = ()
    moved: tuple[Move, ...] = ()
    renamed: tuple[Rename, ...] = ()
    steps: tuple[StepDiff, ...] = ()
    moments_gained: tuple[StepRef, ...] = ()
    moments_lost: tuple[StepRef, ...] = ()
    actions: tuple[ActionDiff, ...] = ()

    @property
    def has_changes(self) -> bool:
        return bool(self.journey or self.journey_lists or self.added or self.removed
                    or self.moved or self.renamed or self.steps or self.actions)

    def actions_of(self, kind: ActionKind) -> tuple[ActionDiff, ...]:
        return tuple(action for action in self.actions if action.kind == kind)

    def summary(self) -> DiffSummary:
        nets = [step.net_change for step in self.steps if step.net_change is not None]
        return DiffSummary(
            steps_added=len(self.added), steps_removed=len(self.removed),
            steps_moved=len(self.moved), steps_renamed=len(self.renamed),
            steps_changed=len(self.steps),
            net_up=sum(1 for change in nets if change > 0),
            net_down=sum(1 for change in nets if change < 0),
            moments_gained=len(self.moments_gained), moments_lost=len(self.moments_lost),
            actions_added=len(self.actions_of("added")),
            actions_removed=len(self.actions_of("removed")),
            actions_changed=len(self.actions_of("changed")),
            actions_done=sum(1 for action in self.actions if action.became_done),
        )


@dataclass(frozen=True)
class DiffSummary:
    """The counts behind a diff's one-line summary."""

    steps_added: int
    steps_removed: int
    steps_moved: int
    steps_renamed: int
    steps_changed: int
    net_up: int
    net_down: int
    moments_gained: int
    moments_lost: int
    actions_added: int
    actions_removed: int
    actions_changed: int
    actions_done: int


def diff_maps(old: JourneyMap, new: JourneyMap, old_label: str = "old",
              new_label: str = "new") -> MapDiff:
    """Compare two versions of a map. Step ids must be unique in each (``cjmap validate``)."""
    old_steps = {step.id: step for step in old.steps}
    new_steps = {step.id: step for step in new.steps}
    common = [step.id for step in new.steps if step.id in old_steps]
    step_diffs = (_step_diff(old_steps[i], new_steps[i]) for i in common)
    return MapDiff(
        old_label=old_label,
        new_label=new_label,
        title=new.journey.title,
        journey=tuple(_journey_changes(old, new)),
        journey_lists=tuple(_compare_list("research", _research(old), _research(new))),
        added=_refs(new.steps, exclude=old_steps),
        removed=_refs(old.steps, exclude=new_steps),
        moved=tuple(_moves(old.steps, new.steps)),
        renamed=tuple(Rename(i, old_steps[i].name, new_steps[i].name) for i in common
                      if old_steps[i].name != new_steps[i].name),
        steps=tuple(diff for diff in step_diffs if not diff.is_empty),
        moments_gained=_moment_refs(new.steps, old_steps),
        moments_lost=_moment_refs(old.steps, new_steps),
        actions=tuple(diff_actions(old, new)),
    )


def _refs(steps: Sequence[Step], exclude: dict[str, Step]) -> tuple[StepRef, ...]:
    return tuple(StepRef(step.id, step.name, position)
                 for position, step in enumerate(steps, 1) if step.id not in exclude)


def _moment_refs(steps: Sequence[Step], other: dict[str, Step]) -> tuple[StepRef, ...]:
    """Moments of truth among ``steps`` that are not moments of truth in ``other``."""
    return tuple(
        StepRef(step.id, step.name, position)
        for position, step in enumerate(steps, 1)
        if step.is_moment_of_truth and not (step.id in other and other[step.id].is_moment_of_truth)
    )


# --- journey-level fields ---------------------------------------------------------------------

_JOURNEY_FIELDS = ("title", "customer", "organisation", "period", "owner")
_SCOPE_FIELDS = ("why", "who", "what", "how")


def _journey_changes(old: JourneyMap, new: JourneyMap) -> Iterable[Change]:
    for name in _JOURNEY_FIELDS:
        yield from _compare(name, getattr(old.journey, name), getattr(new.journey, name),
                            prose=name == "customer")
    old_scope, new_scope = old.journey.scope, new.journey.scope
    for name in _SCOPE_FIELDS:
        yield from _compare(f"scope.{name}", getattr(old_scope, name, None),
                            getattr(new_scope, name, None), prose=True)
    yield from _stage_changes(old, new)
    yield from _diagnosis_changes(old, new)


def _research(journey: JourneyMap) -> list[str]:
    """Each research strand as one line, such as ``interview (customers, 20 participants)``."""
    lines = []
    for research in journey.journey.research:
        count = f", {research.participants} participants" if research.participants is not None else ""
        lines.append(f"{research.method} ({research.audience}{count})")
    return lines


def _stage_changes(old: JourneyMap, new: JourneyMap) -> Iterable[Change]:
    """A stage added, removed or renamed, as ``stage <id>`` with its name before and after."""
    old_names, new_names = old.stage_names(), new.stage_names()
    for stage_id in list(new_names) + [i for i in old_names if i not in new_names]:
        yield from _compare(f"stages.{stage_id}", old_names.get(stage_id),
                            new_names.get(stage_id))


def _diagnosis_changes(old: JourneyMap, new: JourneyMap) -> Iterable[Change]:
    old_values, new_values = _diagnosis_values(old), _diagnosis_values(new)
    for name in new_values:
        yield from _compare(f"diagnosis.{name}", old_values[name], new_values[name])


def _diagnosis_values(journey: JourneyMap) -> dict[str, Value]:
    diagnosis = journey.diagnosis
    values: dict[str, Value] = {"date": None, "decision": None}
    values.update({name: None for name in FIVE_CS})
    if diagnosis is None:
        return values
    values["date"] = diagnosis.date.isoformat() if diagnosis.date else None
    values["decision"] = diagnosis.decision
    for name in FIVE_CS:
        answer = getattr(diagnosis.answers, name)
        values[name] = answer.applies if answer is not None else None
    return values


def _compare(name: str, old: object, new: object, prose: bool = False) -> Iterable[Change]:
    """A change when the values differ; prose that differs only in spacing is the same text
    (re-wrapping a paragraph in YAML is not a change)."""
    old_value, new_value = _plain(old), _plain(new)
    if prose and isinstance(old_value, str) and isinstance(new_value, str):
        same = _normal(old_value) == _normal(new_value)
    else:
        same = old_value == new_value and (old_value is None) == (new_value is None)
    if not same:
        yield Change(name, old_value, new_value, prose)


def _plain(value: object) -> Value:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)  # a DueDate: its label


def _compare_list(name: str, old: Sequence[str], new: Sequence[str]) -> Iterable[ListChange]:
    """Entries added and removed, counted as multisets and listed in their own order."""
    spare_old, spare_new = Counter(old), Counter(new)
    common = spare_old & spare_new
    added = _beyond(new, common)
    removed = _beyond(old, common)
    if added or removed:
        yield ListChange(name, added, removed)


def _beyond(items: Sequence[str], common: Counter[str]) -> tuple[str, ...]:
    """The items left over once each entry of ``common`` has been taken as often as it counts."""
    left = Counter(common)
    extra = []
    for item in items:
        if left[item]:
            left[item] -= 1
        else:
            extra.append(item)
    return tuple(extra)


# --- moves ------------------------------------------------------------------------------------

def _moves(old: Sequence[Step], new: Sequence[Step]) -> Iterable[Move]:
    """Common steps outside a longest run that keeps its relative order."""
    new_ids = {step.id for step in new}
    old_rank = {step.id: rank for rank, step in enumerate(s for s in old if s.id in new_ids)}
    old_position = {step.id: position for position, step in enumerate(old, 1)}
    sequence = [old_rank[step.id] for step in new if step.id in old_rank]
    kept = longest_increasing(sequence)
    previous: Optional[str] = None
    for position, step in enumerate(new, 1):
        if step.id in old_rank and old_rank[step.id] not in kept:
            yield Move(step.id, step.name, old_position[step.id], position, previous)
        previous = step.id


def longest_increasing(sequence: Sequence[int]) -> set[int]:
    """The values of one longest strictly increasing subsequence (patience sorting).

    Deterministic: among equally long subsequences, the one ending in the smallest values.
    """
    tails: list[int] = []  # tails[k]: index of the smallest tail of a run of length k + 1
    tail_values: list[int] = []
    before: list[Optional[int]] = [None] * len(sequence)
    for index, value in enumerate(sequence):
        k = bisect.bisect_left(tail_values, value)
        before[index] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(index)
            tail_values.append(value)
        else:
            tails[k] = index
            tail_values[k] = value
    kept: set[int] = set()
    cursor = tails[-1] if tails else None
    while cursor is not None:
        kept.add(sequence[cursor])
        cursor = before[cursor]
    return kept


# --- steps ------------------------------------------------------------------------------------

_STEP_FIELDS = ("stage", "optional")
_STEP_PROSE = ("summary", "doing", "thinking", "feeling")
_FEEDBACK = ("positive", "neutral", "negative", "no_comment")
_SURVEY = ("base", "satisfied", "neutral", "dissatisfied")


def _step_diff(old: Step, new: Step) -> StepDiff:
    fields = [*_step_fields(old, new), *_feedback_changes(old, new), *_survey_changes(old, new)]
    moment = next(iter(_compare("moment_of_truth", old.moment_of_truth,
                                new.moment_of_truth, prose=True)), None)
    return StepDiff(
        id=new.id,
        name=new.name,
        net_before=net_sentiment(old),
        net_after=net_sentiment(new),
        fields=tuple(fields),
        moment=moment,
        lists=tuple(_step_lists(old, new)),
        metrics=tuple(_metric_changes(old.metrics, new.metrics)),
        segments=tuple(segment_changes(old, new)),
    )


def _step_fields(old: Step, new: Step) -> Iterable[Change]:
    for name in _STEP_FIELDS:
        yield from _compare(name, getattr(old, name), getattr(new, name))
    for name in _STEP_PROSE:
        yield from _compare(name, getattr(old, name), getattr(new, name), prose=True)


def _feedback_changes(old: Step, new: Step) -> Iterable[Change]:
    for name in _FEEDBACK:
        old_count = getattr(old.feedback, name) if old.feedback is not None else None
        new_count = getattr(new.feedback, name) if new.feedback is not None else None
        yield from _compare(f"feedback.{name}", old_count, new_count)


def _survey_changes(old: Step, new: Step) -> Iterable[Change]:
    yield from _compare("survey.question", getattr(old.survey, "question", None),
                        getattr(new.survey, "question", None), prose=True)
    for name in _SURVEY:
        yield from _compare(f"survey.{name}", getattr(old.survey, name, None),
                            getattr(new.survey, name, None))


def _step_lists(old: Step, new: Step) -> Iterable[ListChange]:
    yield from _compare_list("touchpoints", _touchpoints(old), _touchpoints(new))
    yield from _compare_list("quotes", [q.text for q in old.quotes], [q.text for q in new.quotes])
    yield from _compare_list("pain_points", old.pain_points, new.pain_points)


def _segments_by_name(step: Step) -> dict[str, Segment]:
    found: dict[str, Segment] = {}
    for segment in (step.survey.segments if step.survey is not None else []):
        found.setdefault(" ".join(segment.name.split()).casefold(), segment)
    return found


def segment_changes(old: Step, new: Step) -> Iterable[SegmentChange]:
    """Survey segments matched by name: a renamed-in-case or re-spaced segment is the same
    one, so a changed figure reads 35% → 20%, not one segment removed and another added."""
    before, after = _segments_by_name(old), _segments_by_name(new)
    for key in dict.fromkeys([*after, *before]):
        first, second = before.get(key), after.get(key)
        kind: Literal["added", "removed", "changed"] = (
            "added" if first is None else "removed" if second is None else "changed")
        figures = [(getattr(first, name, None), getattr(second, name, None))
                   for name in ("base", "satisfied", "dissatisfied")]
        if kind == "changed" and all(a == b for a, b in figures):
            continue
        shown = (second or first).name  # type: ignore[union-attr]
        (old_base, new_base), (old_sat, new_sat), (old_dis, new_dis) = figures
        yield SegmentChange(shown, kind, old_base, new_base, old_sat, new_sat, old_dis, new_dis)


def _touchpoints(step: Step) -> list[str]:
    return [f"{t.channel}: {t.with_}" if t.with_ else t.channel for t in step.touchpoints]


def _metric_changes(old: Sequence[Metric], new: Sequence[Metric]) -> Iterable[MetricChange]:
    """Metrics matched by name (the first of each name): value or RAG rating changed."""
    old_by_name = {metric.name: metric for metric in reversed(old)}
    new_by_name = {metric.name: metric for metric in reversed(new)}
    for name in dict.fromkeys([m.name for m in new] + [m.name for m in old]):
        before, after = old_by_name.get(name), new_by_name.get(name)
        change = _metric_change(name, before, after)
        if change is not None:
            yield change


def _metric_change(name: str, before: Optional[Metric],
                   after: Optional[Metric]) -> Optional[MetricChange]:
    old_value = before.value if before else None
    new_value = after.value if after else None
    old_rag = derived_rag(before) if before else None
    new_rag = derived_rag(after) if after else None
    kind: Literal["added", "removed", "changed"] = (
        "added" if before is None else "removed" if after is None else "changed")
    if kind == "changed" and old_value == new_value and old_rag == new_rag:
        return None
    either = after or before
    unit = either.unit if either is not None else None
    return MetricChange(name, old_value, new_value, unit, old_rag, new_rag, kind)


# --- actions ----------------------------------------------------------------------------------

_ACTION_FIELDS = ("id", "status", "owner", "due")
ActionItem = tuple[Step, Action]
ActionPair = tuple[Optional[ActionItem], Optional[ActionItem]]
_ACTION_PROSE = ("recommendation", "outcome")


def _normal(text: str) -> str:
    return " ".join(text.split())


def match_actions(old: JourneyMap, new: JourneyMap) -> list[ActionPair]:
    """Pairs (old, new) of the same action: by id first, then by recommendation in the step.

    New actions come in the new map's order (paired or not), then old actions left unmatched.
    """
    old_items = [(step, action) for step in old.steps for action in step.actions]
    new_items = [(step, action) for step in new.steps for action in step.actions]
    partner: dict[int, int] = {}  # index in new_items -> index in old_items
    by_id = {action.id: i for i, (_, action) in enumerate(old_items) if action.id is not None}
    for j, (_, action) in enumerate(new_items):
        if action.id is not None and action.id in by_id:
            partner[j] = by_id[action.id]
    taken = set(partner.values())
    by_text = _text_index(old_items, taken)
    for j, (step, action) in enumerate(new_items):
        if j not in partner:
            i = _take_by_text(by_text, old_items, taken, step.id, action)
            if i is not None:
                partner[j] = i
    pairs: list[ActionPair] = [(old_items[partner[j]] if j in partner else None, item)
             for j, item in enumerate(new_items)]
    pairs.extend((item, None) for i, item in enumerate(old_items) if i not in taken)
    return pairs


def _text_index(items: list[ActionItem], taken: set[int]) -> dict[tuple[str, str], list[int]]:
    """Unmatched actions by (step id, recommendation with spaces normalised), in map order."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, (step, action) in enumerate(items):
        if i not in taken:
            index.setdefault((step.id, _normal(action.recommendation)), []).append(i)
    return index


def _take_by_text(index: dict[tuple[str, str], list[int]], old_items: list[ActionItem],
                  taken: set[int], step_id: str, action: Action) -> Optional[int]:
    """The first unmatched old action of the same step with the same recommendation, marked
    taken; None if there is none. Two actions that both have ids are matched only by id, so
    an id may be added or dropped, but a different id means a different action."""
    for i in index.get((step_id, _normal(action.recommendation)), []):
        if i in taken or (old_items[i][1].id is not None and action.id is not None):
            continue
        taken.add(i)
        return i
    return None


def diff_actions(old: JourneyMap, new: JourneyMap) -> Iterable[ActionDiff]:
    """Each action added, removed or changed, new map order first, then removed ones."""
    for before, after in match_actions(old, new):
        if after is None:
            assert before is not None
            step, action = before
            yield ActionDiff("removed", step.id, action.id, action.recommendation, action.status)
            continue
        step, action = after
        if before is None:
            yield ActionDiff("added", step.id, action.id, action.recommendation, action.status,
                             outcome=action.outcome)
            continue
        changes = tuple(_action_changes(before, after))
        if changes:
            yield ActionDiff("changed", step.id, action.id, action.recommendation,
                             action.status, changes, action.outcome)


def _action_changes(before: ActionItem, after: ActionItem) -> Iterable[Change]:
    (old_step, old_action), (new_step, new_action) = before, after
    yield from _compare("step", old_step.id, new_step.id)
    for name in _ACTION_FIELDS:
        yield from _compare(name, getattr(old_action, name), getattr(new_action, name))
    for name in _ACTION_PROSE:
        yield from _compare(name, getattr(old_action, name), getattr(new_action, name),
                            prose=True)
