"""Survey figures for each step: the base, and how many were satisfied, neutral, dissatisfied.

One pass over the file counts each distinct answer (with the respondent's segment values) in
C-speed blocks, so a million-row file is summarised without holding its rows; answers are
sorted onto the scale only once per distinct value. Only if some answer is off the scale is the
file read a second time, to say in which rows.

Each segment column breaks every question down by the column's distinct values (ignoring case
and spacing; the commonest spelling names the segment). A respondent with a rating but a blank
segment cell is counted in the question's base and as ``unassigned`` in the breakdown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import EvidenceError, quote
from .scale import BLANK, DONT_KNOW, OFF_SCALE, Scale
from .specs import SurveySpec
from .tables import Cell, cell_text, read_column_blocks, read_table, text_key

_Key = tuple[Cell, ...]  # (answer, segment value, segment value, ...)
_MOST_SHOWN = 8
_TOGETHER = 2  # questions counted together (see _count)


@dataclass(frozen=True)
class Tally:
    """Respondents with an answer on the scale: at each point (best first) and in groups."""

    points: tuple[int, ...]
    base: int
    satisfied: int
    neutral: int
    dissatisfied: int


@dataclass(frozen=True)
class Segment:
    """One value of a segment column, and its own tally."""

    name: str
    tally: Tally


@dataclass(frozen=True)
class Breakdown:
    """A question broken down by one segment column."""

    column: str
    segments: tuple[Segment, ...]
    unassigned: int


@dataclass(frozen=True)
class QuestionFigures:
    """One step's question: its tally, what was left out of the base, and its breakdowns."""

    step: str
    column: str
    tally: Tally
    blank: int
    dont_know: int
    breakdowns: tuple[Breakdown, ...]


@dataclass(frozen=True)
class SurveyFigures:
    """Every question of the survey, in the map's order; ``respondents`` counts the rows."""

    file: str
    respondents: int
    scale: tuple[str, ...]
    questions: tuple[QuestionFigures, ...]

    def question(self, step: str) -> QuestionFigures:
        """The figures for one step id."""
        for question in self.questions:
            if question.step == step:
                return question
        raise KeyError(step)


def summarise_survey(spec: SurveySpec, base_dir: Path) -> SurveyFigures:
    """Read ``spec.file`` (relative to ``base_dir``, the map's folder) and count it."""
    scale = Scale.of(spec.scale)
    path = Path(base_dir) / spec.file
    columns = _columns(spec)
    counts, respondents = _count(path, spec, columns)
    if respondents == 0:
        raise EvidenceError(
            "the file has a header row but no respondents under it. Add a row per respondent.",
            file=spec.file,
        )
    classes = _classes(scale, counts)
    _check_on_scale(path, spec, counts, classes)
    questions = tuple(
        _question(step, column, counts[text_key(column)], classes, scale, spec.segments)
        for step, column in spec.questions.items()
    )
    return SurveyFigures(spec.file, respondents, scale.labels, questions)


def _columns(spec: SurveySpec) -> list[str]:
    """The columns to read, each once: the questions', then the segments'."""
    seen: dict[str, str] = {}
    for name in [*spec.questions.values(), *spec.segments]:
        seen.setdefault(text_key(name), name)
    return list(seen.values())


def _count(path: Path, spec: SurveySpec, columns: list[str]) -> tuple[dict[str, Counter[_Key]], int]:
    """For each question column, how many rows had each (answer, segment values...).

    Questions are counted two at a time, keyed by (answer, answer, segment values...): half as
    many dictionary updates as one at a time, while the number of distinct keys stays small
    (a scale's points squared, times the segments).
    """
    index = {text_key(name): i for i, name in enumerate(columns)}
    segment_at = [index[text_key(name)] for name in spec.segments]
    questions = list(dict.fromkeys(text_key(c) for c in spec.questions.values()))
    pairs = [questions[i : i + _TOGETHER] for i in range(0, len(questions), _TOGETHER)]
    counters = [Counter[_Key]() for _ in pairs]
    respondents = 0
    for block in read_column_blocks(path, columns, sheet=spec.sheet, label=spec.file):
        respondents += len(block[0])
        segments = [block[i] for i in segment_at]
        for pair, counter in zip(pairs, counters):
            counter.update(zip(*(block[index[key]] for key in pair), *segments))
    return _unpaired(pairs, counters), respondents


def _unpaired(pairs: list[list[str]], counters: list[Counter[_Key]]) -> dict[str, Counter[_Key]]:
    """Each question's own counts, (answer, segment values...), from the paired counts."""
    counts: dict[str, Counter[_Key]] = {}
    for pair, counter in zip(pairs, counters):
        width = len(pair)
        for position, key in enumerate(pair):
            own = counts[key] = Counter()
            for paired, count in counter.items():
                own[(paired[position],) + paired[width:]] += count
    return counts


def _classes(scale: Scale, counts: Mapping[str, Counter[_Key]]) -> dict[Cell, int]:
    """Each distinct answer's place on the scale, worked out once."""
    classes: dict[Cell, int] = {}
    for counter in counts.values():
        for key in counter:
            if key[0] not in classes:
                classes[key[0]] = scale.classify(key[0])
    return classes


def _question(
    step: str, column: str, counter: Counter[_Key], classes: dict[Cell, int], scale: Scale,
    segments: Sequence[str],
) -> QuestionFigures:
    points = [0] * len(scale.labels)
    left_out = Counter[int]()
    by_segment: list[Counter[tuple[Cell, int]]] = [Counter() for _ in segments]
    for key, count in counter.items():
        place = classes[key[0]]
        if place < 0:
            left_out[place] += count
            continue
        points[place] += count
        for breakdown, value in zip(by_segment, key[1:]):
            breakdown[(value, place)] += count
    breakdowns = tuple(_breakdown(name, c, scale) for name, c in zip(segments, by_segment))
    return QuestionFigures(step, column, _tally(points, scale), left_out[BLANK],
                           left_out[DONT_KNOW], breakdowns)


def _tally(points: Sequence[int], scale: Scale) -> Tally:
    satisfied, neutral, dissatisfied = scale.groups(points)
    return Tally(tuple(points), sum(points), satisfied, neutral, dissatisfied)


def _breakdown(column: str, counts: Counter[tuple[Cell, int]], scale: Scale) -> Breakdown:
    """Group raw segment values by their key; blank values are the unassigned."""
    points: dict[str, list[int]] = {}
    spellings: dict[str, Counter[str]] = {}
    unassigned = 0
    for (value, place), count in counts.items():
        key = text_key(value)
        if not key:
            unassigned += count
            continue
        points.setdefault(key, [0] * len(scale.labels))[place] += count
        spellings.setdefault(key, Counter())[" ".join(cell_text(value).split())] += count
    segments = [Segment(_spelling(spellings[key]), _tally(points[key], scale)) for key in points]
    return Breakdown(column, tuple(sorted(segments, key=lambda s: _natural(s.name))), unassigned)


def _spelling(spellings: Counter[str]) -> str:
    """The commonest spelling of a segment value; the first in sorted order on a tie."""
    return min(spellings, key=lambda text: (-spellings[text], text))


def _natural(name: str) -> list[object]:
    """Sort "Ward 2" before "Ward 10"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _off_scale(counter: Counter[_Key], classes: dict[Cell, int]) -> Counter[Cell]:
    off = Counter[Cell]()
    for key, count in counter.items():
        if classes[key[0]] == OFF_SCALE:
            off[key[0]] += count
    return off


def _check_on_scale(
    path: Path, spec: SurveySpec, counts: Mapping[str, Counter[_Key]], classes: dict[Cell, int]
) -> None:
    """An error naming the answers off the scale in the first column that has any."""
    if OFF_SCALE not in classes.values():
        return
    offending = [
        (column, off) for column in dict.fromkeys(spec.questions.values())
        if (off := _off_scale(counts[text_key(column)], classes))
    ]
    column, off = offending[0]
    rows = _first_rows(path, spec, column, off)
    raise EvidenceError(
        _off_scale_message(off, rows, [c for c, _ in offending[1:]]),
        file=spec.file, row=min(rows.values()), column=column,
    )


def _first_rows(path: Path, spec: SurveySpec, column: str, values: Iterable[Cell]) -> dict[Cell, int]:
    """The first row of each value (a second pass, made only when there is an error)."""
    wanted, found = set(values), {}
    for number, (value,) in read_table(path, [column], sheet=spec.sheet, label=spec.file):
        if value in wanted and value not in found:
            found[value] = number
            if len(found) == len(wanted):
                break
    return found


def _off_scale_message(off: Counter[Cell], rows: dict[Cell, int], others: list[str]) -> str:
    values = sorted(off, key=lambda value: rows[value])
    listed = ", ".join(_described(value, off[value], rows[value]) for value in values[:_MOST_SHOWN])
    more = f" and {len(values) - _MOST_SHOWN} more" if len(values) > _MOST_SHOWN else ""
    also = f" The column{'s' if len(others) > 1 else ''} {', '.join(quote(c) for c in others)} " \
        f"{'have' if len(others) > 1 else 'has'} answers off the scale too." if others else ""
    answers = "answer is" if len(values) == 1 else "different answers are"
    return (
        f"{len(values)} {answers} not on the survey's scale: {listed}{more}. Correct them in the "
        "file, or change `scale:` in the map (best first). Blank cells, \"Don't know\" and "
        f"\"N/A\" need nothing: they are left out of the base.{also}"
    )


def _described(value: Cell, count: int, row: int) -> str:
    rows = f"row {row}" if count == 1 else f"{count} rows, first row {row}"
    return f"{quote(cell_text(value))} ({rows})"
