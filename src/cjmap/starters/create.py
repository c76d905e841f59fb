"""Starting a map from a starter: the core of ``cjmap new``.

A starter is a valid map shipped with cjmap (``cjmap/starters/NAME.yaml``): the usual steps of
one journey, with stages and touchpoints, and comments telling the analyst what to fill in. A
new map is a starter with the analyst's answers put in (the journey's title and customer, the
scoping questions why / who / what / how, the organisation, period and owner), written through
:func:`cjmap.fmt.formatter.format_text`, so the starter's comments stay where they were, the answers are
quoted as YAML needs, and the result is in canonical layout.

Callable from Python::

    from cjmap.starters.create import find_starter, starter_map_text
    text = starter_map_text(find_starter("repairs"), {"title": "Getting a repair done",
                        "customer": "Tenants with a repair"}, schema="cjmap.schema.json")
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from cjmap.fmt.formatter import FormatError, format_text
from cjmap.load import load_text, safe_yaml
from cjmap.problems import Severity

JOURNEY_KEYS = ("title", "customer", "organisation", "period", "owner")
SCOPE_KEYS = ("why", "who", "what", "how")
ANSWER_KEYS = JOURNEY_KEYS + SCOPE_KEYS


class NewMapError(Exception):
    """A new map cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class Starter:
    """A starter map: its name, what it covers, and whether its title is worth suggesting."""

    name: str
    summary: str
    suggest: bool = True  # offer its title and customer as defaults when asking


STARTERS: tuple[Starter, ...] = (
    Starter("blank", "one step to rename: any journey of your own", suggest=False),
    Starter("repairs", "reporting a repair, booking, the visit, the fix, follow-up; escalation"),
    Starter("complaints", "making a complaint to the final response; stage 2, feedback survey"),
    Starter("new-tenancy", "the viewing, waiting, signing up, moving in, the first year"),
    Starter("anti-social-behaviour", "reporting ASB, risk assessment, investigation, action, "
            "closing the case; case review"),
    Starter("damp-and-mould", "reporting damp or mould, investigation, the written summary, "
            "safety work; further works, each held to Awaab's Law's timescales"),
    Starter("planned-improvements", "planned works such as a new kitchen: the letter, choices, "
            "the work, handover; aftercare"),
)
ALIASES = {"asb": "anti-social-behaviour", "new-tenant": "new-tenancy",
           "new-tenants": "new-tenancy", "planned-works": "planned-improvements",
           "repair": "repairs", "complaint": "complaints",
           "damp": "damp-and-mould", "mould": "damp-and-mould"}


@dataclass(frozen=True)
class ScopingQuestion:
    """One answer a new map can be given, and how to ask for it."""

    key: str
    prompt: str
    required: bool = False


SCOPING_QUESTIONS: tuple[ScopingQuestion, ...] = (
    ScopingQuestion("title", "Journey title (as a customer would name it)", required=True),
    ScopingQuestion("customer", "Customer: who is mapped, from when to when", required=True),
    ScopingQuestion("why", "Why map it? The aim (raise satisfaction, cut cost...)"),
    ScopingQuestion("who", "Who has an interest in the findings?"),
    ScopingQuestion("what", "What will the work produce (a map, a report, an action plan)?"),
    ScopingQuestion("how", "How will the findings change the service?"),
)

# (question, suggested answer or None) -> the answer; "" means no answer.
Ask = Callable[[ScopingQuestion, Optional[str]], str]


def find_starter(name: str) -> Starter:
    """The starter called ``name`` (any case; spaces or underscores for hyphens; a few aliases)."""
    wanted = "-".join(name.strip().lower().replace("_", " ").split())
    wanted = ALIASES.get(wanted, wanted)
    for starter in STARTERS:
        if starter.name == wanted:
            return starter
    names = [starter.name for starter in STARTERS]
    close = difflib.get_close_matches(wanted, names + list(ALIASES), n=1)
    hint = f"did you mean {ALIASES.get(close[0], close[0])}? " if close else ""
    raise NewMapError(f"no starter called {name!r}: {hint}the starters are {', '.join(names)}")


def starter_text(starter: Starter) -> str:
    """The YAML text of a starter, as shipped."""
    from importlib.resources import files

    return (files("cjmap.starters") / f"{starter.name}.yaml").read_text(encoding="utf-8")


def suggestions(starter: Starter) -> dict[str, str]:
    """The starter's own title and customer, offered as defaults when asking."""
    if not starter.suggest:
        return {}

    journey = safe_yaml().load(starter_text(starter))["journey"]
    return {key: journey[key] for key in ("title", "customer")}


class MissingAnswers(NewMapError):
    """Required answers that were neither given nor asked for; ``keys`` names them."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        super().__init__("a new map needs " + " and ".join(f"a {key}" for key in keys))


def clean(value: Optional[str]) -> Optional[str]:
    """An answer as it will be written, or None for a blank one.

    Characters that cannot be written as UTF-8 (undecodable bytes from a terminal or the
    command line arrive as lone surrogates) become "?"; line endings become LF; surrounding
    blanks go.
    """
    if value is None:
        return None
    text = value.encode("utf-8", "replace").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def complete(given: Mapping[str, Optional[str]], starter: Starter,
             ask: Optional[Ask] = None) -> dict[str, str]:
    """The answers given, with the missing questions asked (when ``ask`` is given).

    Raises :class:`MissingAnswers` when the title or the customer is still missing.
    """
    answers = {key: clean(given.get(key)) for key in ANSWER_KEYS}
    if ask is not None:
        offered = suggestions(starter)
        for question in SCOPING_QUESTIONS:
            if answers[question.key] is None:
                answers[question.key] = clean(ask(question, offered.get(question.key)))
    missing = [question.key for question in SCOPING_QUESTIONS
               if question.required and not answers[question.key]]
    if missing:
        raise MissingAnswers(missing)
    return {key: value for key, value in answers.items() if value}


def slug(title: str) -> str:
    """A file-name slug of a title: ``Reporting a repair`` -> ``reporting-a-repair``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return words[:60].rstrip("-") or "journey"


def default_file_name(title: str) -> str:
    """``Getting a repair done`` -> ``getting-a-repair-done.yaml``."""
    return f"{slug(title)}.yaml"


def starter_map_text(starter: Starter, answers: Mapping[str, str], schema: str) -> str:
    """The text of a new map: the starter with ``answers`` put in, and a first line
    ``# yaml-language-server: $schema=SCHEMA`` for editors. Raises :class:`NewMapError`."""
    unknown = sorted(set(answers) - set(ANSWER_KEYS))
    if unknown:
        raise NewMapError(f"unknown answer(s): {', '.join(unknown)}")
    answers = {key: text for key, value in answers.items() if (text := clean(value))}
    if not (answers.get("title") and answers.get("customer")):
        raise MissingAnswers([key for key in ("title", "customer") if not answers.get(key)])
    if not schema.strip() or "\n" in schema or "\r" in schema:
        raise NewMapError("the schema reference must be one line of text")
    try:
        body = format_text(starter_text(starter), edit=lambda root: _fill(root, answers))
    except FormatError as error:
        raise NewMapError(f"cannot put these answers into the starter: {error.message}") from None
    text = f"# yaml-language-server: $schema={schema.strip()}\n{body}"
    _check_valid(text)
    return text


def _fill(root: Any, answers: Mapping[str, str]) -> None:
    """Put the answers into the map (the round-trip tree or the plain data)."""
    journey = root["journey"]
    for key in JOURNEY_KEYS:
        if key in answers:
            journey[key] = _scalar(answers[key], root)
    scoped = [key for key in SCOPE_KEYS if key in answers]
    if not scoped:
        return
    if not isinstance(journey.get("scope"), dict):
        journey["scope"] = type(root)()
    for key in scoped:
        journey["scope"][key] = _scalar(answers[key], root)


def _scalar(value: str, root: Any) -> Any:
    """Multi-line text as a literal block (``|``) in the round-trip tree, where YAML allows."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(root, CommentedMap) and "\n" in value and _block_safe(value):
        return LiteralScalarString(value)
    return value


def _block_safe(value: str) -> bool:
    """Text that a literal block holds exactly: printable, no blanks at line ends or start."""
    lines = value.split("\n")
    return (not value[:1].isspace() and all(line == line.rstrip() for line in lines)
            and all(character.isprintable() for line in lines for character in line))


def _check_valid(text: str) -> None:
    errors = [p for p in load_text(text).problems if p.severity is Severity.ERROR]
    if errors:
        raise NewMapError(f"the new map would not be valid: {errors[0].message}")
