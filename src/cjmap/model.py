"""The journey map format (``shared/spec/map-format.md``) as pydantic models.

Shape and types only: every model forbids unknown keys so that a typo never drops data, and
cross-field rules (unique ids, references, sums) live in :mod:`cjmap.checks`, where they can
point at the exact line. Field order here is the spec's key order; ``cjmap fmt`` relies on it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional, Union, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from cjmap.dates import QUARTER_PATTERN, DueDate, parse_due

SUPPORTED_VERSIONS = (1,)
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

CHANNELS = (
    "phone", "email", "letter", "sms", "web", "portal", "app", "face-to-face",
    "home-visit", "leaflet", "social-media", "third-party", "other",
)  # fmt: skip
Sentiment = Literal["positive", "neutral", "negative"]
Rag = Literal["red", "amber", "green"]
ActionStatus = Literal["proposed", "agreed", "in-progress", "done", "declined"]
ACTION_STATUSES: tuple[str, ...] = get_args(ActionStatus)
OPEN_STATUSES = ("proposed", "agreed", "in-progress")
Applies = Literal["yes", "partly", "no", "unsure"]
APPLIES_VALUES: tuple[str, ...] = get_args(Applies)
Verdict = Literal["go", "no-go"]
FIVE_CS = ("changeable", "challenged", "complex", "climactic", "costly")

Slug = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, description="A slug: lower-case letters, digits and hyphens."),
]
Count = Annotated[int, Field(ge=0, strict=True)]


def _number(value: Any) -> Union[int, float]:
    """An int or a float, never a bool (YAML ``yes`` is text, but ``true`` is a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("should be a number")
    return value


def _percent(value: Any) -> Union[int, float]:
    """Accept 81, 81.5 or "81%" from 0 to 100."""
    if isinstance(value, str) and value.strip().endswith("%"):
        text = value.strip()[:-1].strip()
        try:
            value = float(text) if "." in text else int(text)
        except ValueError:
            raise ValueError("should be a percentage such as 81 or \"81%\"") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("should be a percentage such as 81 or \"81%\"")
    if not 0 <= value <= 100:
        raise ValueError("should be a percentage from 0 to 100")
    return value


Number = Annotated[
    Union[int, float],
    PlainValidator(_number),
    WithJsonSchema({"type": "number"}),
]

Percent = Annotated[
    Union[int, float],
    PlainValidator(_percent),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
            ],
            "description": "A percentage from 0 to 100; \"81%\" is also accepted.",
        }
    ),
]


def _due(value: Any) -> DueDate:
    if isinstance(value, DueDate):
        return value
    return parse_due(value)


Due = Annotated[
    DueDate,
    PlainValidator(_due),
    PlainSerializer(lambda due: due.label, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": QUARTER_PATTERN},
                {"type": "string", "pattern": r"^\s*[Qq]uarter\s+\w+\s+(of\s+)?\d{4}/\d{2}\s*$"},
            ],
            "description": "An ISO date (2026-03-31) or a UK financial quarter (2025/26 Q4).",
        }
    ),
]


def _applies(value: Any) -> Any:
    """YAML 1.1 habits: ``true``/``false`` mean yes/no; words are case-insensitive."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str):
        return value.strip().lower()
    return value


AppliesField = Annotated[
    Applies,
    BeforeValidator(_applies),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": ["yes", "partly", "no", "unsure"]},
                {"type": "boolean"},
                {  # any letter case, as the model accepts
                    "type": "string",
                    "pattern": r"^\s*([Yy][Ee][Ss]|[Pp][Aa][Rr][Tt][Ll][Yy]|[Nn][Oo]|"
                               r"[Uu][Nn][Ss][Uu][Rr][Ee])\s*$",
                },
            ],
            "description": "yes | partly | no | unsure (true and false mean yes and no).",
        }
    ),
]


class Model(BaseModel):
    """Common settings: unknown keys are errors, names are the spec's."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Scope(Model):
    """The scoping questions asked before mapping."""

    why: Optional[str] = None
    who: Optional[str] = None
    what: Optional[str] = None
    how: Optional[str] = None


class Research(Model):
    """One strand of the voice-of-the-customer research behind the map."""

    method: Literal["interview", "focus-group", "survey", "observation", "complaint-data", "other"]
    participants: Optional[Count] = None
    audience: Literal["customers", "staff"] = "customers"
    note: Optional[str] = Field(default=None, description="cjmap addition: free text.")


class Journey(Model):
    """Which journey is mapped, for whom, and how the evidence was gathered."""

    title: str
    customer: str
    organisation: Optional[str] = None
    period: Optional[str] = None
    owner: Optional[str] = None
    scope: Optional[Scope] = None
    research: list[Research] = Field(default_factory=list)
    archived: bool = Field(
        default=False,
        description="cjmap addition: true marks a past wave, kept for the trend; its actions "
                    "raise no warnings and `cjmap actions` leaves them out.")


class Stage(Model):
    """A column grouping consecutive steps."""

    id: Slug
    name: str


class Touchpoint(Model):
    """An interaction between the customer and the organisation at a step."""

    channel: str = Field(description="phone | email | letter | sms | web | portal | app | "
                         "face-to-face | home-visit | leaflet | social-media | third-party | other")
    with_: Optional[str] = Field(default=None, alias="with")
    note: Optional[str] = Field(default=None, description="cjmap addition: free text.")


class Feedback(Model):
    """How many customers spoke well, neutrally or badly of a step."""

    positive: Count = 0
    neutral: Count = 0
    negative: Count = 0
    no_comment: Count = Field(default=0, description="Could not comment; not in the balance.")


class Quote(Model):
    """A customer's words, with the sentiment they carry."""

    text: str
    sentiment: Optional[Sentiment] = None
    who: Optional[str] = Field(default=None, description="cjmap addition: who said it.")


class Segment(Model):
    """A breakdown of a survey result for one customer group."""

    name: str
    base: Optional[Count] = None
    satisfied: Optional[Percent] = None
    dissatisfied: Optional[Percent] = None


class Survey(Model):
    """A survey result for one step."""

    question: Optional[str] = None
    base: Optional[Count] = None
    satisfied: Optional[Percent] = None
    neutral: Optional[Percent] = Field(default=None, description="cjmap addition.")
    dissatisfied: Optional[Percent] = None
    segments: list[Segment] = Field(default_factory=list)


class Metric(Model):
    """An internal or operational figure, with its RAG rating given or derived."""

    name: str
    value: Optional[Number] = None
    unit: Optional[str] = None
    target: Optional[Number] = None
    better: Optional[Literal["higher", "lower"]] = None
    rag: Optional[Rag] = None


class Action(Model):
    """A recommendation and what was done about it."""

    id: Optional[Slug] = None
    recommendation: str
    outcome: Optional[str] = None
    owner: Optional[str] = None
    due: Optional[Due] = None
    status: ActionStatus = "proposed"


class Step(Model):
    """One step of the journey, in the customer's order."""

    id: Slug
    name: str
    stage: Optional[str] = None
    optional: bool = False
    summary: Optional[str] = None
    doing: Optional[str] = None
    thinking: Optional[str] = None
    feeling: Optional[str] = None
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    feedback: Optional[Feedback] = None
    quotes: list[Quote] = Field(default_factory=list)
    survey: Optional[Survey] = None
    metrics: list[Metric] = Field(default_factory=list)
    moment_of_truth: Optional[str] = Field(
        default=None, description="Present means this step is a moment of truth; the text says why."
    )
    pain_points: list[str] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)

    @property
    def is_moment_of_truth(self) -> bool:
        return self.moment_of_truth is not None


class Answer(Model):
    """One of the 5Cs, answered."""

    applies: AppliesField
    note: Optional[str] = None


class Answers(Model):
    """The five questions of the 5Cs diagnostic; an unanswered C counts as unsure."""

    changeable: Optional[Answer] = None
    challenged: Optional[Answer] = None
    complex: Optional[Answer] = None
    climactic: Optional[Answer] = None
    costly: Optional[Answer] = None


class Diagnosis(Model):
    """The 5Cs go/no-go check, as written by ``cjmap diagnose --save``."""

    date: Optional[dt.date] = None
    answers: Answers
    decision: Optional[Verdict] = None
    threshold: Optional[Count] = Field(
        default=None, description="cjmap addition: the go threshold used, when not the default."
    )


class JourneyMap(Model):
    """A whole journey map file."""

    cjmap: int = Field(description="Format version: 1.")
    journey: Journey
    stages: list[Stage] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    diagnosis: Optional[Diagnosis] = None

    def stage_names(self) -> dict[str, str]:
        return {stage.id: stage.name for stage in self.stages}


def parse_map(data: Any) -> JourneyMap:
    """Validate loaded YAML data; raises pydantic.ValidationError."""
    return JourneyMap.model_validate(data)
