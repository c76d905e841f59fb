"""The report's "since last wave" part: what changed between an earlier wave and this map.

Built from :func:`cjmap.figures.change.compare_waves` (every share tested, labelled significant
or within chance) and the actions matched as ``cjmap diff`` matches them. Sentences are written
here with the wording helpers of :mod:`cjmap.figures.change`, so templates only place them.
docs/report.md documents each field (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from cjmap.diff.compare import diff_actions, match_actions
from cjmap.figures.derived import is_open
from cjmap.figures import wording as words
from cjmap.figures.change import ShareChange, StepChange, compare_waves
from cjmap.model import JourneyMap

LEAD = 3  # how many of the largest real changes lead the summary


@dataclass(frozen=True)
class SinceStepView:
    id: str
    name: str
    presence: str  # both, added or removed
    net_then: str  # "net −28 (n=18)"
    net_now: str
    changes: list[str]  # one sentence per tested share: then → now, points, label, test
    metrics: list[str]  # "Working days to inspection: 14.2 → 9.1 working days against ..."


@dataclass(frozen=True)
class DoneView:
    step_name: str
    id: Optional[str]
    recommendation: str
    outcome: Optional[str]


@dataclass(frozen=True)
class SinceView:
    label: str
    period_then: str
    period_now: str
    steps: list[SinceStepView]
    real_changes: list[str]
    tested: int
    significant: int
    testing_note: str
    done: list[DoneView]
    #: Actions open in the earlier wave and still open now (matched as ``cjmap diff`` does).
    carried: list[DoneView] = field(default_factory=list)


def _sentence(step: StepChange, share: ShareChange) -> str:
    return f"{step.name}, {words.measure_words(share)}: {words.share_change_words(share)}"


def _step_view(step: StepChange) -> SinceStepView:
    return SinceStepView(
        step.id, step.name, step.presence, words.net_with_n(step.net_before),
        words.net_with_n(step.net_after),
        [f"{words.measure_words(share)}: {words.share_change_words(share)}"
         for share in step.shares],
        [f"{shift.name}: {words.metric_words(shift)}" for shift in step.metrics])


def since_view(earlier: JourneyMap, now: JourneyMap, label: str) -> SinceView:
    """What changed from ``earlier`` (labelled ``label``: a file or REV:path) to ``now``."""
    change = compare_waves(earlier, now)
    names = {step.id: step.name for step in now.steps}
    done = [DoneView(names.get(action.step_id, action.step_id), action.action_id,
                     action.recommendation, action.outcome)
            for action in diff_actions(earlier, now) if action.became_done]
    real = change.significant()
    return SinceView(
        label=label, period_then=change.before_period, period_now=change.after_period,
        steps=[_step_view(step) for step in change.steps],
        real_changes=[_sentence(step, share) for step, share in real[:LEAD]],
        tested=change.tested, significant=len(real), testing_note=words.holm_words(change),
        done=done, carried=_carried(earlier, now))


def _carried(earlier: JourneyMap, now: JourneyMap) -> list[DoneView]:
    """The actions still open that were already open in the earlier wave."""
    return [DoneView(new[0].name, new[1].id, new[1].recommendation, new[1].outcome)
            for old, new in match_actions(earlier, now)
            if old is not None and new is not None and is_open(old[1]) and is_open(new[1])]
