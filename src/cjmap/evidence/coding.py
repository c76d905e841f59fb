"""Interview coding: how many people felt positive, neutral or negative at each step.

The coding sheet has one row per participant per step, with the columns ``participant``,
``step``, ``sentiment`` and ``quote`` (headers in any case; ``quote`` may be empty in a row).
Sentiment is positive, neutral, negative or no comment ("No-comment", "no_comment" and other
spellings of case and spacing too). The counts are of people, so the same participant coded
twice for one step is an error, as is a step id that the map does not have. A row with a quote
gives the step a quote, attributed to the participant's id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from .errors import EvidenceError, quote, quoted_list
from .specs import CodingSpec
from .tables import Cell, cell_text, read_table

COLUMNS = ("participant", "step", "sentiment", "quote")
SENTIMENTS = ("positive", "neutral", "negative", "no comment")


@dataclass(frozen=True)
class Quote:
    """A participant's words at a step (``who`` is their id, never a name)."""

    text: str
    sentiment: str
    who: str


@dataclass(frozen=True)
class StepFeedback:
    """The people coded at one step, by sentiment, and their quotes in file order."""

    step: str
    positive: int
    neutral: int
    negative: int
    no_comment: int
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class CodingFigures:
    """Feedback for each coded step, in the map's step order; ``participants`` counts people."""

    file: str
    participants: int
    steps: tuple[StepFeedback, ...]
    participant_ids: tuple[str, ...] = ()

    def step(self, step_id: str) -> StepFeedback:
        """The feedback for one step id."""
        for feedback in self.steps:
            if feedback.step == step_id:
                return feedback
        raise KeyError(step_id)


@dataclass(frozen=True)
class _Coded:
    row: int
    participant: str
    step: str
    sentiment: str
    quote: str


def summarise_coding(spec: CodingSpec, base_dir: Path, step_ids: Sequence[str]) -> CodingFigures:
    """Read the coding sheet and count people per step; ``step_ids`` are the map's steps."""
    rows = read_table(Path(base_dir) / spec.file, COLUMNS, sheet=spec.sheet, label=spec.file)
    coded = list(_checked(rows, spec.file, step_ids))
    if not coded:
        raise EvidenceError(
            "the file has a header row but no rows under it. Add a row for each participant "
            "at each step they spoke about.",
            file=spec.file,
        )
    people: dict[str, str] = {}
    for entry in coded:
        people.setdefault(entry.participant.casefold(), entry.participant)
    steps = tuple(_feedback(step, [c for c in coded if c.step == step]) for step in step_ids)
    return CodingFigures(spec.file, len(people), tuple(s for s in steps if _any(s)),
                         tuple(people.values()))


def _checked(rows: Iterable[tuple[int, tuple[Cell, ...]]], file: str,
             step_ids: Sequence[str]) -> Iterable[_Coded]:
    """Each row read and checked; a participant already seen at the step is an error."""
    seen: dict[tuple[str, str], int] = {}
    for number, cells in rows:
        entry = _entry(number, cells, file, step_ids)
        key = (entry.participant.casefold(), entry.step)
        if key in seen:
            raise _twice(entry, seen[key], file)
        seen[key] = number
        yield entry


def _entry(number: int, cells: tuple[Cell, ...], file: str, step_ids: Sequence[str]) -> _Coded:
    participant, step, sentiment = (" ".join(cell_text(cell).split()) for cell in cells[:3])
    text = cell_text(cells[3]).strip()
    if not participant:
        raise EvidenceError(
            "the row has no participant id. Give each participant an id such as P01 (not a "
            "name), the same in every row about them.",
            file=file, row=number, column="participant",
        )
    entry = _Coded(number, participant, _step(step, number, file, step_ids),
                   _sentiment(sentiment, number, file), text)
    if entry.quote and entry.sentiment == "no comment":
        raise EvidenceError(
            "the row has a quote but its sentiment is \"no comment\". Code the quote's "
            "sentiment, or move the quote to the step it is about.",
            file=file, row=number, column="sentiment",
        )
    return entry


def _step(text: str, number: int, file: str, step_ids: Sequence[str]) -> str:
    step = text.casefold()
    if step in step_ids:
        return step
    close = get_close_matches(step, list(step_ids), n=1)
    hint = f" Did you mean {quote(close[0])}?" if close else ""
    what = f"the step {quote(text)} is not a step of the map" if text else "the row has no step"
    raise EvidenceError(
        f"{what}.{hint} Use one of the map's step ids: {quoted_list(step_ids, most=20)}.",
        file=file, row=number, column="step",
    )


def _sentiment(text: str, number: int, file: str) -> str:
    sentiment = " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()
    if sentiment in SENTIMENTS:
        return sentiment
    what = f"the sentiment {quote(text)} is not one cjmap counts" if text else "the row has no sentiment"
    raise EvidenceError(
        f"{what}. Write positive, neutral, negative or no comment.",
        file=file, row=number, column="sentiment",
    )


def _twice(entry: _Coded, first_row: int, file: str) -> EvidenceError:
    return EvidenceError(
        f"participant {quote(entry.participant)} is coded twice for the step "
        f"{quote(entry.step)}, in rows {first_row} and {entry.row}. The counts are of people: "
        "merge the two rows into one.",
        file=file, row=entry.row, column="participant",
    )


def _feedback(step: str, coded: Sequence[_Coded]) -> StepFeedback:
    count = {sentiment: 0 for sentiment in SENTIMENTS}
    for entry in coded:
        count[entry.sentiment] += 1
    quotes = tuple(Quote(c.quote, c.sentiment, c.participant) for c in coded if c.quote)
    return StepFeedback(step, count["positive"], count["neutral"], count["negative"],
                        count["no comment"], quotes)


def _any(feedback: StepFeedback) -> bool:
    return bool(feedback.positive + feedback.neutral + feedback.negative + feedback.no_comment)
