"""The journey map format (``shared/spec/map-format.md``) as pydantic models.

Shape and types only: every model forbids unknown keys so that a typo never drops data, and
cross-field rules (unique ids, references, sums) live in :mod:`cjmap.checks`, where they can
point at the exact line. Field order here is the spec's key order; ``cjmap fmt`` relies on it.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal, Optional, Union, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from cjmap.dates import QUARTER_PATTERN, UK_DATE_PATTERN, DueDate, parse_due

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


def canonical_status(value: Any) -> Any:
    """A status as people write it ("In Progress", "in_progress", "DONE") in its canonical
    form ("in-progress", "done"); anything else is left for the model to refuse."""
    if isinstance(value, str):
        words = value.strip().lower().replace("_", " ").replace("-", " ").split()
        joined = "-".join(words)
        if joined in ACTION_STATUSES:
            return joined
    return value


StatusField = Annotated[
    ActionStatus,
    BeforeValidator(canonical_status),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(ACTION_STATUSES)},
                {  # any letter case, spaces or underscores for the hyphen, as the model accepts
                    "type": "string",
                    "pattern": r"^\s*([Pp][Rr][Oo][Pp][Oo][Ss][Ee][Dd]|[Aa][Gg][Rr][Ee][Ee][Dd]|"
                               r"[Ii][Nn][ _-]+[Pp][Rr][Oo][Gg][Rr][Ee][Ss][Ss]|[Dd][Oo][Nn][Ee]|"
                               r"[Dd][Ee][Cc][Ll][Ii][Nn][Ee][Dd])\s*$",
                },
            ],
            "description": "proposed | agreed | in-progress | done | declined (any letter case; "
                           "\"in progress\" means in-progress).",
        }
    ),
]
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
    if not math.isfinite(value):
        raise ValueError("should be a finite number (.nan, .inf and 1e400 are not figures)")
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
    if not math.isfinite(value):
        raise ValueError("should be a finite percentage from 0 to 100 (not .nan or .inf)")
    if not 0 <= value <= 100:
        raise ValueError("should be a percentage from 0 to 100")
    return value


Number = Annotated[
    Union[int, float],
    PlainValidator(_number),
    WithJsonSchema({"type": "number"}),
]

def _amount(value: Any) -> Union[int, float]:
    """A number that cannot be negative: a volume or a cost."""
    number = _number(value)
    if number < 0:
        raise ValueError("should be zero or more")
    return number


Amount = Annotated[
    Union[int, float],
    PlainValidator(_amount),
    WithJsonSchema({"type": "number", "minimum": 0}),
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
                {"type": "string", "pattern": UK_DATE_PATTERN},
            ],
            "description": "An ISO date (2026-03-31), a UK financial quarter (2025/26 Q4) or a "
                           "UK day-first date (31/03/2026).",
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

    # allow_inf_nan: .nan, .inf and 1e400 are no count, share or target (render would fail).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True,
                              allow_inf_nan=False)


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
    curve: Optional[Literal["feedback", "survey"]] = Field(
        default=None,
        description="cjmap addition: the evidence the experience curve plots (feedback counts "
        "or survey results); by default feedback when any step has feedback counts.",
    )
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
    tsm: Optional[str] = Field(
        default=None, description="cjmap addition: the Tenant Satisfaction Measure this survey "
        "question reports (a perception measure, TP01 to TP12).")
    base: Optional[Count] = None
    satisfied: Optional[Percent] = None
    neutral: Optional[Percent] = Field(default=None, description="cjmap addition.")
    dissatisfied: Optional[Percent] = None
    segments: list[Segment] = Field(default_factory=list)


class Volume(Model):
    """cjmap addition: how often a failure happens and what each one costs (failure demand)."""

    per_month: Optional[Amount] = Field(
        default=None, description="How many a month (calls, repeat visits ...).")
    cost_per_item: Optional[Amount] = Field(
        default=None, description="What each one costs, in pounds.")


class Metric(Model):
    """An internal or operational figure, with its RAG rating given or derived.

    A metric that names a statutory ``standard`` takes the standard's unit, direction and
    timescale for any of ``unit``, ``better`` and ``target`` it leaves out, so that
    ``standard: awaabs-law-investigate`` alone means "at most 10 working days".
    """

    name: str
    tsm: Optional[str] = Field(
        default=None, description="cjmap addition: the Tenant Satisfaction Measure this figure "
        "reports (a management information measure: RP01-RP02, BS01-BS05, CH01-CH02, NM01).")
    standard: Optional[str] = Field(
        default=None, description="cjmap addition: a statutory standard by id (for example "
        "awaabs-law-investigate, chc-stage1-respond); its timescale is the target to meet.")
    value: Optional[Number] = None
    unit: Optional[str] = None
    target: Optional[Number] = None
    better: Optional[Literal["higher", "lower"]] = None
    rag: Optional[Rag] = None
    volume: Optional[Volume] = Field(
        default=None, description="cjmap addition: volume and unit cost, for failure demand.")

    @model_validator(mode="before")
    @classmethod
    def _standard_defaults(cls, data: Any) -> Any:
        """Fill ``unit``, ``better`` and ``target`` from a known standard where they are missing."""
        if not isinstance(data, dict) or not isinstance(data.get("standard"), str):
            return data
        from cjmap.housing.standard_defaults import metric_defaults

        defaults = metric_defaults(data["standard"], data.get("unit"))
        missing = {key: value for key, value in defaults.items() if data.get(key) is None}
        return {**data, **missing} if missing else data


class Action(Model):
    """A recommendation and what was done about it."""

    id: Optional[Slug] = None
    recommendation: str
    outcome: Optional[str] = None
    owner: Optional[str] = None
    due: Optional[Due] = None
    status: StatusField = "proposed"


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


ScalePoint = Union[str, int, float]
EVIDENCE_SCALE: tuple[str, ...] = (
    "Very satisfied",
    "Fairly satisfied",
    "Neither satisfied nor dissatisfied",
    "Fairly dissatisfied",
    "Very dissatisfied",
)


def _scale_key(point: ScalePoint) -> str:
    if isinstance(point, (int, float)):
        return str(float(point))
    return " ".join(point.replace("\u2019", "'").split()).casefold()


class SurveyEvidence(Model):
    """cjmap addition: ``evidence.survey``, a survey export with one row per respondent."""

    file: str = Field(description="CSV or XLSX, relative to the map.")
    sheet: Optional[str] = Field(default=None, description="XLSX only; the first sheet if omitted.")
    questions: dict[str, str] = Field(
        min_length=1, description="Step id: the column holding that step's rating.")
    segments: list[str] = Field(default_factory=list,
                                description="Columns to break each question down by.")
    scale: Optional[list[ScalePoint]] = Field(
        default=None, description="The rating scale, best first (default: the TSM five points).")

    @field_validator("scale")
    @classmethod
    def _scale_points(cls, scale: Optional[list[ScalePoint]]) -> Optional[list[ScalePoint]]:
        if scale is None:
            return None
        if any(isinstance(point, bool) for point in scale):
            raise ValueError("a scale point should be a label or a number, not true/false")
        keys = [_scale_key(point) for point in scale]
        if len(set(keys)) < 3:
            raise ValueError("a scale needs at least three different points, best first")
        if len(set(keys)) != len(keys):
            raise ValueError("a scale lists a point twice; list each point once, best first")
        return scale


class CodingEvidence(Model):
    """cjmap addition: ``evidence.coding``, the interview coding sheet."""

    file: str = Field(description="Columns: participant, step, sentiment, quote.")
    sheet: Optional[str] = None


class MeasureEvidence(Model):
    """cjmap addition: one case-log measure, written into a step's metric ``value``."""

    step: Slug
    metric: str = Field(description="The name of a metric of that step.")
    from_: str = Field(alias="from", description="The column with the start date.")
    to: str = Field(description="The column with the end date (empty while a case is open).")
    statistic: Literal["median", "mean", "share-within"] = "median"
    within: Optional[Annotated[int, Field(ge=0, strict=True)]] = Field(
        default=None, description="Days; share-within only.")
    days: Literal["working", "calendar"] = "working"

    @model_validator(mode="after")
    def _within_with_share(self) -> "MeasureEvidence":
        if (self.statistic == "share-within") != (self.within is not None):
            raise ValueError("`within: N` (days) goes with `statistic: share-within`, and only "
                             "with it: add or remove `within`")
        return self


class CasesEvidence(Model):
    """cjmap addition: ``evidence.cases``, a case log with one row per case."""

    file: str
    sheet: Optional[str] = None
    measures: list[MeasureEvidence] = Field(default_factory=list)


class Evidence(Model):
    """cjmap addition: the files the map's figures are computed from (``cjmap evidence``)."""

    survey: Optional[SurveyEvidence] = None
    coding: Optional[CodingEvidence] = None
    cases: Optional[CasesEvidence] = None


class JourneyMap(Model):
    """A whole journey map file."""

    cjmap: int = Field(description="Format version: 1.")
    journey: Journey
    stages: list[Stage] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    diagnosis: Optional[Diagnosis] = None
    evidence: Optional[Evidence] = Field(
        default=None, description="cjmap addition: the evidence files behind the figures.")

    def stage_names(self) -> dict[str, str]:
        return {stage.id: stage.name for stage in self.stages}


def parse_map(data: Any) -> JourneyMap:
    """Validate loaded YAML data; raises pydantic.ValidationError."""
    return JourneyMap.model_validate(data)
