"""What the map's ``evidence:`` block says, as plain values: which files, which columns.

The map's loader builds these from the YAML (``SurveySpec.from_dict(data["survey"])`` and so
on); building one checks the few rules that need no file, so a bad block fails at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .errors import EvidenceError

ScalePoint = str | int | float
DEFAULT_SCALE: tuple[ScalePoint, ...] = (
    "Very satisfied",
    "Fairly satisfied",
    "Neither satisfied nor dissatisfied",
    "Fairly dissatisfied",
    "Very dissatisfied",
)
STATISTICS = ("median", "mean", "share-within")
DAYS = ("working", "calendar")


@dataclass(frozen=True)
class SurveySpec:
    """``evidence.survey``: one row per respondent; ``questions`` maps step id to column."""

    file: str
    questions: Mapping[str, str]
    sheet: str | None = None
    segments: tuple[str, ...] = ()
    scale: tuple[ScalePoint, ...] = DEFAULT_SCALE

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions", MappingProxyType(dict(self.questions)))
        object.__setattr__(self, "segments", tuple(self.segments))
        object.__setattr__(self, "scale", tuple(self.scale))
        if not self.questions:
            raise EvidenceError(
                "evidence.survey.questions is empty. Give each step's rating column, as "
                "`step-id: Column heading`."
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SurveySpec:
        """From the YAML mapping under ``evidence.survey``."""
        return cls(
            file=data["file"],
            questions=data["questions"],
            sheet=data.get("sheet"),
            segments=tuple(data.get("segments") or ()),
            scale=tuple(data.get("scale") or DEFAULT_SCALE),
        )


@dataclass(frozen=True)
class CodingSpec:
    """``evidence.coding``: the interview coding sheet, one row per participant per step."""

    file: str
    sheet: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CodingSpec:
        """From the YAML mapping under ``evidence.coding``."""
        return cls(file=data["file"], sheet=data.get("sheet"))


@dataclass(frozen=True)
class MeasureSpec:
    """One entry of ``evidence.cases.measures``: a step's metric, computed from two dates.

    ``from_column`` and ``to_column`` are the YAML's ``from`` and ``to``; ``within`` (days) is
    needed by ``share-within`` and only by it.
    """

    step: str
    metric: str
    from_column: str
    to_column: str
    statistic: str = "median"
    days: str = "working"
    within: int | None = None

    def __post_init__(self) -> None:
        _one_of("statistic", self.statistic, STATISTICS, self.metric)
        _one_of("days", self.days, DAYS, self.metric)
        if (self.statistic == "share-within") != (self.within is not None):
            raise EvidenceError(
                f"the measure {self.metric!r} needs `within: N` (days) with `statistic: "
                "share-within`, and `within` only then. Add or remove `within`."
            )
        if self.within is not None and (isinstance(self.within, bool) or self.within < 0):
            raise EvidenceError(
                f"the measure {self.metric!r} has `within: {self.within}`; give a whole "
                "number of days, 0 or more."
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MeasureSpec:
        """From one YAML mapping under ``evidence.cases.measures``."""
        return cls(
            step=data["step"],
            metric=data["metric"],
            from_column=data["from"],
            to_column=data["to"],
            statistic=data.get("statistic", "median"),
            days=data.get("days", "working"),
            within=data.get("within"),
        )


@dataclass(frozen=True)
class CasesSpec:
    """``evidence.cases``: the case log, one row per case, and the measures taken from it."""

    file: str
    measures: tuple[MeasureSpec, ...] = field(default=())
    sheet: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "measures", tuple(self.measures))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CasesSpec:
        """From the YAML mapping under ``evidence.cases``."""
        measures = tuple(MeasureSpec.from_dict(item) for item in data.get("measures") or ())
        return cls(file=data["file"], measures=measures, sheet=data.get("sheet"))


def _one_of(key: str, value: str, allowed: tuple[str, ...], metric: str) -> None:
    if value not in allowed:
        raise EvidenceError(
            f"the measure {metric!r} has `{key}: {value}`; use one of: {', '.join(allowed)}."
        )
