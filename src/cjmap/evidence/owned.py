"""The figures a map's ``evidence:`` block owns, computed from its files, as paths and values.

:func:`owned_figures` reads every file the block names and says, for each figure cjmap owns,
where it lives in the map (a path of keys and indexes into the YAML data) and what it should
be. :mod:`cjmap.evidence.apply` compares those with the map's text and writes them into it.

Owned figures:

- the survey: each listed step's ``survey`` ``base``, ``satisfied``, ``neutral`` and
  ``dissatisfied`` (whole percentages by :func:`percentages`) and, when the block names
  segment columns, its ``segments``;
- the coding sheet: the ``feedback`` of each step someone was coded at; the quotes of every
  step whose ``who`` is a participant id of the sheet (other quotes are the author's, and
  stay); the ``participants`` of the ``journey.research`` entry with ``method: interview``;
- the case log: the ``value`` of each measured metric, to one decimal place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Union

from cjmap.model import Evidence, JourneyMap, Step

from .cases import summarise_cases
from .coding import CodingFigures, summarise_coding
from .errors import EvidenceError, quote, quoted_list
from .shares import percentages
from .specs import DEFAULT_SCALE, CasesSpec, CodingSpec, MeasureSpec, SurveySpec
from .survey import SurveyFigures, Tally, summarise_survey

PathPart = Union[str, int]
DataPath = tuple[PathPart, ...]
SCALAR, SEGMENTS, QUOTES, RESEARCH = "scalar", "segments", "quotes", "research"


@dataclass(frozen=True)
class Figure:
    """One owned figure: ``path`` into the map's data, the ``value`` it should have (None:
    absent), the evidence ``source`` file (as the map names it), and its ``kind``.

    ``scalar`` is a number; ``segments`` a list of segment mappings; ``quotes`` the quotes of
    one step that come from the sheet, with ``owners`` the sheet's participant ids (folded);
    ``research`` the interviews' participants (its path is ``("journey", "research")``).
    """

    path: DataPath
    value: Any
    source: str
    kind: str = SCALAR
    owners: frozenset[str] = field(default_factory=frozenset)

    @property
    def label(self) -> str:
        """``steps[2].survey.base``: the figure as a person reads its place in the map."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text + (".participants (interview)" if self.kind == RESEARCH else "")


@dataclass(frozen=True)
class Source:
    """One evidence file and what it fed."""

    file: str
    role: str
    fed: tuple[str, ...]


@dataclass(frozen=True)
class Owned:
    """Every owned figure, in the map's order, and the files they come from."""

    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]


def owned_figures(journey: JourneyMap, base_dir: Path, region: str = "england-and-wales") -> Owned:
    """Read the evidence files of ``journey`` and compute its owned figures.

    Raises :class:`EvidenceError` for a problem with a file, and for a step id or metric name
    in the block that the map does not have.
    """
    evidence = journey.evidence or Evidence()
    index = {step.id: number for number, step in enumerate(journey.steps)}
    figures: list[Figure] = []
    sources: list[Source] = []
    if evidence.survey is not None:
        spec = _survey_spec(evidence, index)
        found = _survey_figures(summarise_survey(spec, base_dir), index, bool(spec.segments))
        figures += found
        sources.append(Source(spec.file, "survey", tuple(spec.questions)))
    if evidence.coding is not None:
        coding = CodingSpec(evidence.coding.file, evidence.coding.sheet)
        summary = summarise_coding(coding, base_dir, list(index))
        figures += _coding_figures(summary, journey.steps)
        sources.append(Source(coding.file, "coding", tuple(s.step for s in summary.steps)))
    if evidence.cases is not None:
        cases = _cases_spec(evidence, journey.steps, index)
        figures += _case_figures(cases, journey.steps, index, base_dir, region)
        sources.append(Source(cases.file, "cases", tuple(m.step for m in cases.measures)))
    return Owned(tuple(figures), tuple(sources))


def _survey_spec(evidence: Evidence, index: dict[str, int]) -> SurveySpec:
    block = evidence.survey
    assert block is not None
    for step in block.questions:
        _known_step(step, index, "evidence.survey.questions")
    return SurveySpec(file=block.file, questions=block.questions, sheet=block.sheet,
                      segments=tuple(block.segments), scale=tuple(block.scale or DEFAULT_SCALE))


def _known_step(step: str, index: dict[str, int], where: str) -> None:
    if step not in index:
        raise EvidenceError(
            f"{where} names the step {quote(step)}, which the map does not have. Use one of "
            f"the map's step ids: {quoted_list(index, most=20)}."
        )


def _survey_figures(summary: SurveyFigures, index: dict[str, int],
                    segmented: bool) -> list[Figure]:
    figures: list[Figure] = []
    for question in summary.questions:
        path: DataPath = ("steps", index[question.step], "survey")
        for name, value in _shares(question.tally).items():
            figures.append(Figure(path + (name,), value, summary.file))
        if segmented:
            segments = [dict(name=segment.name, **_segment_shares(segment.tally))
                        for breakdown in question.breakdowns for segment in breakdown.segments]
            figures.append(Figure(path + ("segments",), segments, summary.file, SEGMENTS))
    return figures


def _shares(tally: Tally) -> dict[str, Any]:
    shares = percentages(tally)
    return {"base": tally.base,
            "satisfied": shares.satisfied if shares else None,
            "neutral": shares.neutral if shares else None,
            "dissatisfied": shares.dissatisfied if shares else None}


def _segment_shares(tally: Tally) -> dict[str, Any]:
    shares = {key: value for key, value in _shares(tally).items() if key != "neutral"}
    return {key: value for key, value in shares.items() if value is not None}


def _coding_figures(summary: CodingFigures, steps: list[Step]) -> list[Figure]:
    owners = frozenset(quote.who.casefold() for step in summary.steps for quote in step.quotes)
    owners |= _participant_ids(summary)
    coded = {feedback.step: feedback for feedback in summary.steps}
    figures: list[Figure] = []
    for number, step in enumerate(steps):
        feedback = coded.get(step.id)
        if feedback is not None:
            for name in ("positive", "neutral", "negative", "no_comment"):
                figures.append(Figure(("steps", number, "feedback", name),
                                      getattr(feedback, name), summary.file))
        quotes = [{"text": q.text, "sentiment": q.sentiment, "who": q.who}
                  for q in (feedback.quotes if feedback else ())]
        figures.append(Figure(("steps", number, "quotes"), quotes, summary.file, QUOTES, owners))
    figures.append(Figure(("journey", "research"), summary.participants, summary.file, RESEARCH))
    return figures


def _participant_ids(summary: CodingFigures) -> frozenset[str]:
    """The sheet's participant ids, folded: a quote by one of them is the sheet's."""
    return frozenset(who.casefold() for who in summary.participant_ids)


def _cases_spec(evidence: Evidence, steps: list[Step], index: dict[str, int]) -> CasesSpec:
    block = evidence.cases
    assert block is not None
    measures = []
    for measure in block.measures:
        _known_step(measure.step, index, "evidence.cases.measures")
        names = [metric.name for metric in steps[index[measure.step]].metrics]
        if measure.metric not in names:
            listed = quoted_list(names) if names else "none"
            raise EvidenceError(
                f"evidence.cases.measures names the metric {quote(measure.metric)} of the step "
                f"{quote(measure.step)}, which has no metric of that name (its metrics: "
                f"{listed}). Add the metric to the step, with its unit and target, or correct "
                "the name."
            )
        measures.append(MeasureSpec(measure.step, measure.metric, measure.from_, measure.to,
                                    measure.statistic, measure.days, measure.within))
    return CasesSpec(block.file, tuple(measures), block.sheet)


def _case_figures(spec: CasesSpec, steps: list[Step], index: dict[str, int], base_dir: Path,
                  region: str) -> list[Figure]:
    figures = []
    for figure in summarise_cases(spec, base_dir, region):
        number = index[figure.step]
        metric = [m.name for m in steps[number].metrics].index(figure.metric)
        value = None if figure.value is None else _one_place(figure.value)
        figures.append(Figure(("steps", number, "metrics", metric, "value"), value, spec.file))
    return figures


def _one_place(value: float) -> Union[int, float]:
    """A measure as the map shows it: one decimal place, and a whole number without one."""
    rounded = float(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return int(rounded) if rounded == int(rounded) else rounded
