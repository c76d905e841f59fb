"""Reading 5Cs answers from YAML, for ``cjmap diagnose --answers FILE``.

The file has the shape of a map's ``diagnosis.answers`` block::

    changeable: {applies: yes, note: Tenancy rules changed this year}
    challenged: {applies: partly}
    complex: yes            # short form: the answer alone
    costly: no

A C left out (or left empty) counts as unsure. A whole ``diagnosis:`` block, or a whole map file,
is accepted too: its answers are read and the rest (date, stored decision, threshold) is ignored,
because the decision is always worked out again. Every mistake is an :class:`AnswersError` whose
message names the file, line and column.
"""

from __future__ import annotations

import difflib
from typing import Any

from cjmap.fivecs.rule import parse_applies
from cjmap.load import round_trip_yaml, yaml_error_place
from cjmap.model import FIVE_CS, Answer, Applies

ANSWER_KEYS = ("applies", "note")


class AnswersError(Exception):
    """The answers cannot be read; the message says where and why."""


def parse_answers(text: str, name: str) -> dict[str, Answer]:
    """The answers in ``text`` (read from the file ``name``), keyed by C."""
    data = _load(text, name)
    data = _answers_block(data, name)
    answers: dict[str, Answer] = {}
    for key, value in data.items():
        where = _where(name, data, key, "key")
        if key not in FIVE_CS:
            raise AnswersError(f"{where}: {_unknown(key, FIVE_CS, 'C')}")
        answer = _answer(value, f"{_where(name, data, key, 'value')}: `{key}`")
        if answer is not None:
            answers[key] = answer
    return answers


def _load(text: str, name: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        data = round_trip_yaml().load(text)
    except YAMLError as error:  # the nesting bound and constructor errors too, located
        line, column, problem = yaml_error_place(error, text)
        raise AnswersError(f"{name}:{line}:{column}: YAML syntax error: {problem}") from None
    if data is None:
        raise AnswersError(f"{name}: the file is empty: write one line per C, such as "
                           "`changeable: {applies: yes}`")
    return data


def _answers_block(data: Any, name: str) -> Any:
    """The answers mapping: the top level, or the answers of a diagnosis block or map."""
    if isinstance(data, dict) and isinstance(data.get("diagnosis"), dict):
        data = data["diagnosis"]
    if isinstance(data, dict) and "answers" in data:
        data = data["answers"]
    if not isinstance(data, dict):
        raise AnswersError(f"{name}: expected a mapping of the five Cs ("
                           + ", ".join(f"{c}:" for c in FIVE_CS) + ")")
    return data


def _answer(value: Any, where: str) -> Answer | None:
    """One answer: ``{applies: ..., note: ...}`` or the answer alone; None if left empty."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return Answer(applies=_applies(value, where))
    for key in value:
        if key not in ANSWER_KEYS:
            raise AnswersError(f"{where}: {_unknown(key, ANSWER_KEYS, 'key')} "
                               "(an answer has applies: and an optional note:)")
    if value.get("applies") is None:
        raise AnswersError(f"{where} needs `applies:` yes, partly, no or unsure")
    note = value.get("note")
    if note is not None and not isinstance(note, str):
        raise AnswersError(f"{where}: the note must be text; put it in quotes")
    return Answer(applies=_applies(value["applies"], where), note=str(note) if note else None)


def _applies(value: Any, where: str) -> Applies:
    try:
        return parse_applies(value)
    except ValueError as error:
        raise AnswersError(f"{where}: {error}") from None


def _unknown(key: object, known: tuple[str, ...], kind: str) -> str:
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"; did you mean `{close[0]}`?" if close else f"; use one of {', '.join(known)}"
    return f"unknown {kind} `{key}`{hint}"


def _where(name: str, mapping: Any, key: Any, part: str) -> str:
    """``name:line:column`` of a key or its value, from the round-trip positions."""
    try:
        line, column = mapping.lc.key(key) if part == "key" else mapping.lc.value(key)
    except (AttributeError, KeyError, TypeError):
        return name
    return f"{name}:{line + 1}:{column + 1}"
