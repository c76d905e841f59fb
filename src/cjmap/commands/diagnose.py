"""``cjmap diagnose``: the 5Cs go/no-go questionnaire, interactive or from given answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional

import typer

from cjmap.commands.diagnose_run import ANSWER_METAVAR, C_NAMES, Format, Options, execute
from cjmap.fivecs.rule import parse_applies


def _applies(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None

    try:
        return parse_applies(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date such as 2024-09-01",
                                 param_hint="'--date'") from None


def _notes(values: Optional[List[str]]) -> dict[str, str]:
    """``--note C=TEXT`` values as {C: TEXT}."""
    import difflib

    notes: dict[str, str] = {}
    for value in values or []:
        name, equals, note = value.partition("=")
        name = name.strip().lower()
        if not equals or name not in C_NAMES:
            close = difflib.get_close_matches(name, C_NAMES, n=1)
            hint = f"did you mean {close[0]}=...? " if close and equals else ""
            raise typer.BadParameter(f"{value!r}: {hint}write C=TEXT, where C is one of "
                                     + ", ".join(C_NAMES), param_hint="'--note'")
        notes[name] = note.strip()
    return notes


def _c_option(name: str) -> Optional[str]:
    return typer.Option(None, f"--{name}", metavar=ANSWER_METAVAR, callback=_applies,
                        help=f"Answer for {name.capitalize()} (y, p, n, u also accepted).",
                        rich_help_panel="Answers")


def diagnose(
    answers: Optional[str] = typer.Option(
        None, "--answers", "-a", metavar="FILE", rich_help_panel="Answers",
        help="YAML file of answers, in the shape of a map's diagnosis.answers (- for stdin)."),
    changeable: Optional[str] = _c_option("changeable"),
    challenged: Optional[str] = _c_option("challenged"),
    complex_: Optional[str] = _c_option("complex"),
    climactic: Optional[str] = _c_option("climactic"),
    costly: Optional[str] = _c_option("costly"),
    note: Optional[List[str]] = typer.Option(
        None, "--note", metavar="C=TEXT", rich_help_panel="Answers",
        help="A note for one C, e.g. --note costly='Repeat visits'. Repeatable."),
    threshold: Optional[int] = typer.Option(
        None, "--threshold", "-t", min=1, max=10, rich_help_panel="Decision",
        help="Points needed for go (yes 2, partly 1, no and unsure 0). Default 5, or the "
             "threshold stored in the map given to --save."),
    interactive: bool = typer.Option(
        False, "--interactive", "-i", rich_help_panel="Answers",
        help="Ask the questions even when answers are given (as defaults) or stdin is not a "
             "terminal."),
    output_format: Format = typer.Option(Format.text, "--format", "-f",
                                         help="text or json.", rich_help_panel="Decision"),
    exit_code: bool = typer.Option(
        False, "--exit-code", rich_help_panel="Decision",
        help="Exit 0 for go and 3 for no-go, for pipelines to branch on."),
    save: Optional[Path] = typer.Option(
        None, "--save", "-s", metavar="MAP", rich_help_panel="Saving",
        help="Write the diagnosis block into this existing map; the rest of the file is kept "
             "byte for byte."),
    new: Optional[str] = typer.Option(
        None, "--new", metavar="TITLE", rich_help_panel="Saving",
        help="Start a new map file with this journey title and the diagnosis."),
    starter: Optional[str] = typer.Option(
        None, "--starter", metavar="NAME", rich_help_panel="Saving",
        help="With --new: begin the map from this starter (see cjmap new --list), e.g. repairs."),
    customer: Optional[str] = typer.Option(
        None, "--customer", metavar="TEXT", rich_help_panel="Saving",
        help="With --new: who the journey is mapped for (asked when interactive)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", rich_help_panel="Saving",
        help="With --new: the file to create (default: the title as a slug, .yaml)."),
    force: bool = typer.Option(False, "--force", rich_help_panel="Saving",
                               help="With --new: replace the file if it exists."),
    date: Optional[str] = typer.Option(
        None, "--date", metavar="DATE", rich_help_panel="Saving",
        help="Date to record in the diagnosis (ISO; default today)."),
) -> None:
    """Decide whether a journey merits mapping, with the 5Cs go/no-go questionnaire.

    Asks five questions on a terminal, or takes answers from [bold]--answers FILE[/] or one
    option per C ([bold]--changeable yes --costly partly[/]). Exit codes: 0 done (with
    [bold]--exit-code[/]: 0 go, 3 no-go), 1 the map to save into is invalid, 2 usage or I/O
    error, 130 cancelled.
    """
    given = {"changeable": changeable, "challenged": challenged, "complex": complex_,
             "climactic": climactic, "costly": costly}
    execute(Options(
        answers, {name: parse_applies(value) for name, value in given.items() if value is not None},
        _notes(note), threshold, interactive, output_format, exit_code, save, new, customer,
        output, force, _date(date), starter))
