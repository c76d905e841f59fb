"""No tenant's personal data in a map's free text: emails, phones, postcodes, NI numbers, names.

A map is a text file in git, and git keeps every version: a phone number deleted by a later
commit is still in the history, in every clone. Under the UK GDPR a quote with a name or a
postcode attached is personal data, and a map needs what happened, not who it happened to.

Every free-text field is read: the journey's title, customer and scope, research notes, stage
and step names, summaries, doing / thinking / feeling, touchpoint notes, quotes and who said
them, survey questions and segments, metric names, moments of truth, pain points,
recommendations, outcomes and diagnosis notes. The check finds email addresses (not role
mailboxes such as ``complaints@``), UK phone numbers, full UK postcodes, National Insurance
numbers, and a title followed by a name ("Mrs Patel", "Mr J. Smith"). Each problem points at
the first character found and shows it masked, never in full, because a CI log can be public.

Fields that name staff roles or teams (``owner``, a touchpoint's ``with``) are not read unless
the configuration asks: ``personal_data: {fields: [owner, with]}``.

Fix: pseudonymise. Write "the tenant" or "a resident" instead of a name, give interviewees a
participant id (P07) kept outside the repository, and cut the street, the phone number and the
postcode from quotes. If the data was ever committed, removing it needs the history rewritten.
"""

from __future__ import annotations

from typing import Iterator, Optional

from cjmap.housing.personal_data import find_personal_data
from cjmap.model import JourneyMap, Step
from cjmap.problems import Finding, Loc, Severity
from cjmap.settings import CheckContext

ID = "personal-data"
SEVERITY = Severity.ERROR

FIX = 'pseudonymise it ("the tenant", or a participant id such as P07)'


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    staff = context.config.personal_data_fields
    for loc, label, text in texts(journey, staff):
        for found in find_personal_data(text):
            yield Finding(loc, f"{_article(found.kind)} {found.kind} ({found.masked}) in {label}:"
                          f" personal data must stay out of git; {FIX}",
                          offset=found.start)


def texts(journey: JourneyMap, staff: tuple[str, ...] = ()
          ) -> Iterator[tuple[Loc, str, str]]:
    """Every free-text value of the map: (location, what it is, the text)."""
    info = journey.journey
    yield from _present(("journey", "title"), "the journey's title", info.title)
    yield from _present(("journey", "customer"), "the journey's customer", info.customer)
    if "owner" in staff:
        yield from _present(("journey", "owner"), "the journey's owner", info.owner)
    if info.scope is not None:
        for key in ("why", "who", "what", "how"):
            yield from _present(("journey", "scope", key), f"scope.{key}", getattr(info.scope, key))
    for index, research in enumerate(info.research):
        yield from _present(("journey", "research", index, "note"), "a research note",
                            research.note)
    for index, stage in enumerate(journey.stages):
        yield from _present(("stages", index, "name"), "a stage name", stage.name)
    for index, step in enumerate(journey.steps):
        yield from _step_texts(("steps", index), step, staff)
    if journey.diagnosis is not None:
        for name, answer in journey.diagnosis.answers:
            if answer is not None:
                yield from _present(("diagnosis", "answers", name, "note"),
                                    f"the diagnosis note on {name}", answer.note)


def _step_texts(at: Loc, step: Step, staff: tuple[str, ...]) -> Iterator[tuple[Loc, str, str]]:
    where = f"step `{step.id}`"
    for key in ("name", "summary", "doing", "thinking", "feeling", "moment_of_truth"):
        yield from _present((*at, key), f"the {key.replace('_', ' ')} of {where}",
                            getattr(step, key))
    for number, touchpoint in enumerate(step.touchpoints):
        yield from _present((*at, "touchpoints", number, "note"), f"a touchpoint note of {where}",
                            touchpoint.note)
        if "with" in staff:
            yield from _present((*at, "touchpoints", number, "with"),
                                f"a touchpoint's `with` of {where}", touchpoint.with_)
    for number, quote in enumerate(step.quotes):
        yield from _present((*at, "quotes", number, "text"), f"a quote of {where}", quote.text)
        yield from _present((*at, "quotes", number, "who"), f"the `who` of a quote of {where}",
                            quote.who)
    yield from _survey_texts(at, step, where)
    for number, metric in enumerate(step.metrics):
        yield from _present((*at, "metrics", number, "name"), f"a metric name of {where}",
                            metric.name)
    for number, pain in enumerate(step.pain_points):
        yield from _present((*at, "pain_points", number), f"a pain point of {where}", pain)
    for number, action in enumerate(step.actions):
        for key in ("recommendation", "outcome"):
            yield from _present((*at, "actions", number, key), f"an action's {key} at {where}",
                                getattr(action, key))
        if "owner" in staff:
            yield from _present((*at, "actions", number, "owner"), f"an action's owner at {where}",
                                action.owner)


def _survey_texts(at: Loc, step: Step, where: str) -> Iterator[tuple[Loc, str, str]]:
    if step.survey is None:
        return
    yield from _present((*at, "survey", "question"), f"the survey question of {where}",
                        step.survey.question)
    for number, segment in enumerate(step.survey.segments):
        yield from _present((*at, "survey", "segments", number, "name"),
                            f"a survey segment of {where}", segment.name)


def _present(loc: Loc, label: str, text: Optional[str]) -> Iterator[tuple[Loc, str, str]]:
    if text:
        yield loc, label, text


def _article(kind: str) -> str:
    return "an" if kind[:1].lower() in "aeiou" else "a"
