"""Change between two waves of a journey, told from chance: the statistics behind ``trend`` and
the report's "since last wave" section.

Every wave-to-wave change of a share is tested, with the tests of :mod:`cjmap.figures.stats`:

* survey shares (satisfied, dissatisfied; of the whole survey and of each segment, segments
  matched by name) with :func:`~cjmap.figures.stats.compare_proportions`: the two-proportion
  z-test, or Fisher's exact test when an expected count is below 5 (tiny segments). The counts
  are recovered from the published percentage and base (:func:`counts_from_percentage`);
* interview shares (the share of the customers who commented who spoke negatively, and the
  share who spoke positively) with Fisher's exact test, since interview samples are small (with
  16 to 20 people most changes are within chance, and the label says so).

The label of a change (:data:`LABELS`): ``significant`` when the two-sided p-value is below
:data:`ALPHA` (0.05), which is then called an improvement or a decline by the direction that is
better for the share (less dissatisfied, more satisfied, fewer negative comments); ``within
chance`` otherwise, and such a change is never called an improvement or a decline; ``not
tested`` when a wave lacks the base or the figure. :func:`compare_waves` also gives every tested
change its Holm-adjusted p-value over all the changes of the comparison, so a reader can see how
many survive testing many shares at once.

Metrics are the organisation's own counts, not samples, so they are not tested: they are shown
then and now against their target, with the RAG rating of each wave.

The wording for people sits at the end of this module, in one place (to be swapped for the
project's shared wording once there is one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Optional, Sequence

from cjmap.figures.derived import balance, derived_rag, net_sentiment
from cjmap.figures.stats import (
    TestResult,
    compare_proportions,
    counts_from_percentage,
    fisher_exact,
    holm,
    wilson_interval,
)
from cjmap.model import JourneyMap, Metric, Segment, Step, Survey

ALPHA = 0.05
CONFIDENCE = 0.95
Label = Literal["significant improvement", "significant decline", "within chance", "no change",
                "not tested"]
LABELS: tuple[str, ...] = ("significant improvement", "significant decline", "within chance",
                           "no change", "not tested")
Source = Literal["survey", "segment", "interview"]
# For each measure, whether a higher share is better.
HIGHER_IS_BETTER = {"satisfied": True, "dissatisfied": False, "positive": True,
                    "negative": False}


@dataclass(frozen=True)
class Share:
    """``count`` of ``base`` (the count recovered from a percentage for surveys)."""

    count: int
    base: int
    percent: float  # as published (surveys) or computed (interviews)
    published: bool = True  # False for a computed share, which is shown to a whole percent

    @property
    def interval(self) -> tuple[float, float]:
        """The Wilson 95% interval, in percent."""
        low, high = wilson_interval(self.count, self.base, CONFIDENCE)
        return low * 100, high * 100


@dataclass(frozen=True)
class ShareChange:
    """One share in two waves, the test of the change, and its label."""

    source: Source
    measure: str  # satisfied, dissatisfied, negative, positive
    segment: Optional[str]  # the segment's name, for segment shares
    before: Optional[Share]
    after: Optional[Share]
    test: Optional[TestResult]
    label: Label
    p_adjusted: Optional[float] = None  # Holm, over every tested change of the comparison

    @property
    def points(self) -> Optional[float]:
        """The change in percentage points (after minus before)."""
        if self.before is None or self.after is None:
            return None
        return self.after.percent - self.before.percent

    @property
    def significant(self) -> bool:
        return self.label.startswith("significant")

    @property
    def significant_after_holm(self) -> bool:
        return self.significant and self.p_adjusted is not None and self.p_adjusted < ALPHA


@dataclass(frozen=True)
class MetricShift:
    """A metric (matched by name) in two waves, against its target."""

    name: str
    unit: Optional[str]
    target: Optional[float]
    better: Optional[str]
    before: Optional[float]
    after: Optional[float]
    rag_before: Optional[str]
    rag_after: Optional[str]

    @property
    def kind(self) -> str:
        if self.before is None and self.after is None:
            return "no figure"
        if self.before is None:
            return "new"
        if self.after is None:
            return "dropped"
        if self.after == self.before or self.better is None:
            return "same" if self.after == self.before else "changed"
        higher = self.after > self.before
        return "better" if higher == (self.better == "higher") else "worse"


@dataclass(frozen=True)
class Net:
    """Net sentiment of a step in one wave, with the number of people it rests on."""

    value: Optional[float]
    n: int


@dataclass(frozen=True)
class StepChange:
    """A step (matched by id) between two waves. ``presence`` says whether it was added or
    removed between them."""

    id: str
    name: str
    presence: Literal["both", "added", "removed"]
    net_before: Optional[Net]
    net_after: Optional[Net]
    shares: tuple[ShareChange, ...]
    metrics: tuple[MetricShift, ...]

    @property
    def segments(self) -> tuple[ShareChange, ...]:
        return tuple(share for share in self.shares if share.source == "segment")


@dataclass(frozen=True)
class WaveChange:
    """Everything that changed between two waves, step by step."""

    before_period: str
    after_period: str
    steps: tuple[StepChange, ...]

    @property
    def shares(self) -> list[ShareChange]:
        return [share for step in self.steps for share in step.shares]

    @property
    def tested(self) -> int:
        return sum(1 for share in self.shares if share.test is not None)

    def significant(self) -> list[tuple[StepChange, ShareChange]]:
        """The real changes, largest first (by percentage points)."""
        found = [(step, share) for step in self.steps for share in step.shares
                 if share.significant]
        return sorted(found, key=lambda item: -abs(item[1].points or 0.0))


# --- testing one share ----------------------------------------------------------------------


def label_for(measure: str, before: Share, after: Share, test: TestResult) -> Label:
    """The label of a tested change: significant (with its direction) or within chance."""
    if before.count * after.base == after.count * before.base and test.p_value >= ALPHA:
        return "no change"
    if test.p_value >= ALPHA:
        return "within chance"
    higher = after.count * before.base > before.count * after.base
    return ("significant improvement" if higher == HIGHER_IS_BETTER[measure]
            else "significant decline")


def compare_share(source: Source, measure: str, before: Optional[Share], after: Optional[Share],
                segment: Optional[str] = None) -> ShareChange:
    """Test the change from ``before`` to ``after`` with the test that suits the source."""
    if before is None or after is None:
        return ShareChange(source, measure, segment, before, after, None, "not tested")
    if source == "interview":
        test = fisher_exact(before.count, before.base - before.count,
                            after.count, after.base - after.count)
    else:
        test = compare_proportions(before.count, before.base, after.count, after.base)
    return ShareChange(source, measure, segment, before, after, test,
                       label_for(measure, before, after, test))


def survey_share(percent: Optional[float], base: Optional[int]) -> Optional[Share]:
    """A published survey percentage of its base as a share (None without both)."""
    if percent is None or base is None or base == 0:
        return None
    return Share(counts_from_percentage(float(percent), base), base, float(percent))


def interview_share(step: Optional[Step], measure: str) -> Optional[Share]:
    """The share of the people who commented at a step who were ``measure`` (positive or
    negative); None when nobody commented."""
    if step is None:
        return None
    counts = balance(step)
    if counts.total == 0:
        return None
    count = counts.negative if measure == "negative" else counts.positive
    return Share(count, counts.total, 100 * count / counts.total, published=False)


# --- comparing two waves --------------------------------------------------------------------


def _survey_shares(before: Optional[Survey], after: Optional[Survey]) -> list[ShareChange]:
    if before is None and after is None:
        return []
    changes = []
    for measure in ("satisfied", "dissatisfied"):
        old = survey_share(getattr(before, measure, None), getattr(before, "base", None))
        new = survey_share(getattr(after, measure, None), getattr(after, "base", None))
        if old is not None or new is not None:
            changes.append(compare_share("survey", measure, old, new))
    return changes


def segments_by_name(survey: Optional[Survey]) -> dict[str, Segment]:
    """Segments keyed by their name (spaces normalised, any case); the first of a name wins."""
    found: dict[str, Segment] = {}
    for segment in (survey.segments if survey is not None else []):
        found.setdefault(name_key(segment.name), segment)
    return found


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _segment_shares(before: Optional[Survey], after: Optional[Survey]) -> list[ShareChange]:
    old, new = segments_by_name(before), segments_by_name(after)
    changes = []
    for key in dict.fromkeys([*new, *old]):
        shown = (new.get(key) or old[key]).name
        for measure in ("satisfied", "dissatisfied"):
            first = _segment_share(old.get(key), measure)
            second = _segment_share(new.get(key), measure)
            if first is not None or second is not None:
                changes.append(compare_share("segment", measure, first, second, shown))
    return changes


def _segment_share(segment: Optional[Segment], measure: str) -> Optional[Share]:
    if segment is None:
        return None
    return survey_share(getattr(segment, measure), segment.base)


def _interview_shares(before: Optional[Step], after: Optional[Step]) -> list[ShareChange]:
    changes = []
    for measure in ("negative", "positive"):
        old, new = interview_share(before, measure), interview_share(after, measure)
        if old is not None or new is not None:
            changes.append(compare_share("interview", measure, old, new))
    return changes


def metric_shifts(before: Sequence[Metric], after: Sequence[Metric]) -> list[MetricShift]:
    """Metrics matched by name (spaces and case ignored), the later wave's order first."""
    old = {name_key(m.name): m for m in reversed(before)}
    new = {name_key(m.name): m for m in reversed(after)}
    shifts = []
    for key in dict.fromkeys([name_key(m.name) for m in after] + [name_key(m.name) for m in before]):
        first, second = old.get(key), new.get(key)
        either = second or first
        assert either is not None
        shifts.append(MetricShift(
            either.name, either.unit, either.target, either.better,
            first.value if first else None, second.value if second else None,
            derived_rag(first) if first else None, derived_rag(second) if second else None))
    return shifts


def _net(step: Optional[Step]) -> Optional[Net]:
    if step is None:
        return None
    return Net(net_sentiment(step), balance(step).total)


def step_change(before: Optional[Step], after: Optional[Step]) -> StepChange:
    """One step between two waves (either may be missing, not both)."""
    either = after or before
    assert either is not None
    presence: Literal["both", "added", "removed"] = (
        "both" if before and after else "added" if after else "removed")
    old_survey = before.survey if before else None
    new_survey = after.survey if after else None
    shares = [*_interview_shares(before, after), *_survey_shares(old_survey, new_survey),
              *_segment_shares(old_survey, new_survey)] if presence == "both" else []
    metrics = metric_shifts(before.metrics if before else [], after.metrics if after else [])
    return StepChange(either.id, either.name, presence, _net(before), _net(after),
                      tuple(shares), tuple(metrics))


def compare_waves(before: JourneyMap, after: JourneyMap) -> WaveChange:
    """Every step of two waves (matched by id, the later wave's order, removed steps last),
    each tested share with its Holm-adjusted p-value over the whole comparison."""
    old = {step.id: step for step in before.steps}
    new_ids = {step.id for step in after.steps}
    steps = [step_change(old.get(step.id), step) for step in after.steps]
    steps += [step_change(step, None) for step in before.steps if step.id not in new_ids]
    return WaveChange(before.journey.period or "", after.journey.period or "",
                      tuple(_with_holm(steps)))


def _with_holm(steps: list[StepChange]) -> list[StepChange]:
    tested = [share.test.p_value for step in steps for share in step.shares if share.test]
    adjusted = iter(holm(tested))
    out = []
    for step in steps:
        shares = tuple(replace(share, p_adjusted=next(adjusted)) if share.test else share
                       for share in step.shares)
        out.append(replace(step, shares=shares))
    return out
