"""Mermaid ``journey`` syntax, for maps embedded in GitHub Markdown and other Mermaid hosts.

Each step becomes a task scored 1 to 5 from the curve's figure (``sentiment_score`` of the
declared series' value, :func:`cjmap.figures.evidence.journey_figures`; 3 when the step has
none, so survey and feedback figures are never mixed), grouped under its stage as a ``section``; the people a customer
deals with at the step (the touchpoints' ``with``) are the task's actors. Optional steps say
"(optional)" and moments of truth carry a star, since Mermaid has no other way to mark them.

Mermaid's journey grammar is all in its lexer (``journey.jison``), and user text must be kept
from it: ``#`` starts a comment anywhere on a line, ``%%`` does too, ``;`` and a newline end a
statement, a colon ends a task name, a comma splits actors, and a task whose name starts with
``journey``, ``title `` or ``section `` (case-insensitive) is read as that keyword. ``clean``
rewrites each of these into a readable ASCII form, so the text means the same to a reader and
cannot change the diagram's structure; control characters and bidirectional overrides are
dropped, as in the SVG.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from cjmap.figures.derived import sentiment_score
from cjmap.figures.evidence import curve_values
from cjmap.model import JourneyMap, Step
from cjmap.render.svg import clean as svg_clean

OPTIONAL_MARK = " (optional)"
MOMENT_MARK = " \u2605"  # a black star: the map's own mark for a moment of truth
UNSTAGED_SECTION = "Other steps"

# A leading word Mermaid's lexer would take as a keyword (its lexer is case-insensitive).
_KEYWORD = re.compile(r"^(journey|title\s|section\s|acctitle|accdescr)", re.IGNORECASE)
# Shields a keyword: a zero-width space is not whitespace to Mermaid's lexer, so the task-name
# rule matches first, and it is invisible in the drawing.
_KEYWORD_GUARD = "\u200b"


def _colon(match: re.Match[str]) -> str:
    # "Repairs: first visit" reads as "Repairs - first visit"; "10:30" as "10.30".
    return " - " if match.group(1) else "."


def clean(text: str, *, keep_colons: bool = False) -> str:
    """User text made safe for one Mermaid journey statement (see the module docstring)."""
    text = " ".join(svg_clean(text).split())  # newlines and tabs would end the statement
    text = re.sub(r"#\s*(?=\d)", "no. ", text)  # "Flat #3" -> "Flat no. 3"
    text = text.replace("#", "")
    text = text.replace(";", ",")
    text = re.sub(r"%{2,}", "%", text)  # %% starts a comment, %%{ a directive
    text = text.replace("<", "\u2039").replace(">", "\u203a")  # Mermaid reads <br> as a break
    text = re.sub(r"`{2,}", "`", text)  # keep Markdown code fences intact around the diagram
    if not keep_colons:
        text = re.sub(r"\s*:(\s*)", _colon, text)
    return " ".join(text.split())


def task_name(step: Step) -> str:
    """The step's name as a task name, marked optional or a moment of truth."""
    name = clean(step.name) or step.id
    if _KEYWORD.match(name):
        name = _KEYWORD_GUARD + name
    if step.optional:
        name += OPTIONAL_MARK
    if step.is_moment_of_truth:
        name += MOMENT_MARK
    return name


def _actor(name: str) -> str:
    return clean(name).replace(",", " /").strip()


def actors(step: Step) -> list[str]:
    """Who the customer deals with at a step: each touchpoint's ``with``, first mention first."""
    seen: dict[str, None] = {}
    for touchpoint in step.touchpoints:
        if touchpoint.with_:
            name = _actor(touchpoint.with_)
            if name:
                seen.setdefault(name, None)
    return list(seen)


def task_line(step: Step, value: Optional[float] = None) -> str:
    """One task: ``name: score: actor, actor``; the score is from the curve ``value``."""
    name = task_name(step)
    score = sentiment_score(value)
    people = actors(step)
    return f"{name}: {score}" + (f": {', '.join(people)}" if people else "")


def _sections(journey: JourneyMap) -> Iterable[tuple[Optional[str], list[Step]]]:
    """Runs of consecutive steps with the same stage, in order (a stage may recur)."""
    names = journey.stage_names()
    run: list[Step] = []
    current: Optional[str] = None
    for step in journey.steps:
        if run and step.stage != current:
            yield _section_name(current, names), run
            run = []
        current = step.stage
        run.append(step)
    yield _section_name(current, names), run


def _section_name(stage: Optional[str], names: dict[str, str]) -> Optional[str]:
    if stage is None:
        return None
    return clean(names.get(stage, stage)) or stage


def to_mermaid(journey: JourneyMap) -> str:
    """The map as a Mermaid ``journey`` diagram (no Markdown fences), ending in a newline."""
    lines = ["journey"]
    title = clean(journey.journey.title, keep_colons=True)
    if title:
        lines.append(f"  title {title}")
    started = False
    values = dict(zip(map(id, journey.steps), curve_values(journey)))
    for section, steps in _sections(journey):
        # Mermaid cannot close a section, so unstaged steps after one get a section of their own.
        if section is None and started:
            section = UNSTAGED_SECTION
        if section is not None:
            lines.append(f"  section {section}")
            started = True
        lines.extend(f"    {task_line(step, values[id(step)])}" for step in steps)
    return "\n".join(lines) + "\n"
