"""Running ``cjmap diagnose``: gather the answers, ask if need be, save, print, exit.

Order matters for safety: every check that can fail (the options, the answers file, the map to
save into, the file to create) runs *before* the questions are asked, and nothing is written
until the user has seen the summary and finished. Ctrl-C or ``q`` on the summary exits 130 with
nothing written; a write is atomic, so the map is either the old file or the new one.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import NoReturn, Optional

import typer

from cjmap.commands.common import (
    EXIT_CANCELLED,
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_NO_GO,
    EXIT_OK,
    error_console,
    fail,
)
from cjmap.commands.diagnose_ui import (
    RichPrompter,
    decision_panel,
    intro,
    make_console,
    summary_table,
)
from cjmap.fivecs.answers_file import AnswersError, parse_answers
from cjmap.fivecs.questionnaire import Cancelled, Prompt, ask_text, run_questionnaire
from cjmap.fivecs.rule import DEFAULT_THRESHOLD, Diagnosed, answers_of, diagnose
from cjmap.fivecs.saving import (
    SaveError,
    check_map,
    diagnosed_map_text,
    diagnosis_block,
    save_into,
)
from cjmap.json_schema import schema_reference
from cjmap.load import MAX_FILE_SIZE, read_stdin
from cjmap.model import FIVE_CS, Answer, Applies
from cjmap.starters.create import NewMapError, default_file_name, find_starter
from cjmap.writing import (
    Fingerprint,
    WriteRefused,
    read_limited,
    read_with_fingerprint,
    write_atomic,
)

C_NAMES = FIVE_CS
ANSWER_METAVAR = "yes|partly|no|unsure"


class Format(str, Enum):
    text = "text"
    json = "json"


@dataclass(frozen=True)
class Options:
    """The command line, parsed; :func:`cjmap.commands.diagnose_run.execute` runs it."""

    answers_file: Optional[str]
    given: dict[str, Applies]
    notes: dict[str, str]
    threshold: Optional[int]
    interactive: bool
    output_format: Format
    exit_code: bool
    save: Optional[Path]
    new: Optional[str]
    customer: Optional[str]
    output: Optional[Path]
    force: bool
    date: Optional[dt.date]
    starter: Optional[str] = None


@dataclass(frozen=True)
class Target:
    """Where the diagnosis will be written (if anywhere) and what that map already holds."""

    path: Optional[Path] = None
    stored: dict[str, Answer] = field(default_factory=dict)
    threshold: Optional[int] = None

    def finish(self, options: Options) -> str:
        """The summary's Enter key, in words."""
        if self.path is None:
            return "finish"
        return f"create {self.path}" if options.new is not None else f"save to {self.path}"


def execute(options: Options) -> NoReturn:
    """Run the command; always ends by raising typer.Exit."""
    _check_usage(options)
    given = _given_answers(options)
    target = _target(options, given)
    threshold = next((value for value in (options.threshold, target.threshold)
                      if value is not None), DEFAULT_THRESHOLD)
    interactive = _interactive(options, given)
    diagnosed, customer = _answer(options, given, target, threshold, interactive)
    date = options.date or dt.date.today()
    saved = target.path
    if saved is not None:
        _save(options, saved, diagnosed, date, customer)
    elif interactive and options.output_format is Format.text:
        saved = _offer_to_save(options, diagnosed, date)
    _report(options, diagnosed, date, saved, interactive)
    no_go = diagnosed.decision.decision == "no-go"
    raise typer.Exit(EXIT_NO_GO if options.exit_code and no_go else EXIT_OK)


def _check_usage(options: Options) -> None:
    if options.save is not None and options.new is not None:
        fail("give --save MAP (an existing map) or --new TITLE (a new one), not both")
    if options.new is None:
        for given, name in ((options.output, "--output"), (options.customer, "--customer"),
                            (options.force or None, "--force"), (options.starter, "--starter")):
            if given is not None:
                fail(f"{name} goes with --new TITLE")
    elif not options.new.strip():
        fail("--new needs a journey title, such as --new 'Reporting a repair'")
    elif options.starter is not None:
        try:
            find_starter(options.starter)
        except NewMapError as error:
            fail(str(error))


def _given_answers(options: Options) -> Optional[dict[str, Answer]]:
    """Answers from --answers and the per-C options (options win); None if none were given."""
    if options.answers_file is None and not options.given and not options.notes:
        return None
    answers = _read_answers(options.answers_file) if options.answers_file is not None else {}
    for name, applies in options.given.items():
        answers[name] = Answer(applies=applies)
    for name, note in options.notes.items():
        if name not in answers:
            fail(f"--note {name}=...: give an answer for {name} too "
                 f"(--{name} yes|partly|no|unsure, or in --answers)")
        answers[name] = Answer(applies=answers[name].applies, note=note or None)
    return answers


def _read_answers(name: str) -> dict[str, Answer]:
    try:
        raw = read_stdin(sys.stdin) if name == "-" else read_limited(name, MAX_FILE_SIZE)
        text = raw.decode("utf-8-sig")
    except WriteRefused as error:
        fail(f"cannot read {error}")
    except OSError as error:
        fail(f"cannot read {name}: {error.strerror or error}")
    except UnicodeDecodeError:
        fail(f"cannot read {name}: it is not UTF-8 text")
    except ValueError as error:
        fail(str(error))
    try:
        return parse_answers(text, "<stdin>" if name == "-" else name)
    except AnswersError as error:
        fail(str(error))


def _target(options: Options, given: Optional[dict[str, Answer]]) -> Target:
    """Check the file to write before any question is asked."""
    if options.save is not None:
        # Given answers and no questions: the save follows at once, so no trial save first.
        return _existing_map(options.save, options.interactive or given is None)
    if options.new is not None:
        path = options.output or Path(default_file_name(options.new))
        _check_new_file(path, options.force)
        return Target(path)
    return Target()


def _existing_map(path: Path, trial: bool = True) -> Target:
    """The map to save into: it must exist and take a diagnosis block (tried on a draft when
    ``trial``, before questions are asked)."""
    try:
        diagnosis = check_map(_read_map(path), str(path), trial)
    except SaveError as error:
        _save_failed(error)
    return Target(path, answers_of(diagnosis), diagnosis.threshold if diagnosis else None)


def _read_map(path: Path) -> str:
    return _read_map_fingerprinted(path)[0]


def _read_map_fingerprinted(path: Path) -> tuple[str, Fingerprint]:
    """The map's text, and its fingerprint so that an edit saved meanwhile is not overwritten."""
    if not path.exists():
        fail(f"{path} does not exist: start a new map with --new TITLE -o {path}")
    try:
        raw, fingerprint = read_with_fingerprint(path, MAX_FILE_SIZE)
        return raw.decode("utf-8"), fingerprint
    except WriteRefused as error:
        fail(f"cannot read {error}")
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text; save it as UTF-8", EXIT_INVALID)


def _save_failed(error: Exception) -> NoReturn:
    from rich.markup import escape

    problems = getattr(error, "problems", [])
    console = error_console()
    for problem in problems:
        console.print(escape(str(problem)))
    fail(str(error), EXIT_INVALID if problems else EXIT_ERROR)


def _check_new_file(path: Path, force: bool) -> None:
    if path.is_dir():
        fail(f"{path} is a folder; give a file name with -o FILE")
    if path.exists() and not force:
        fail(f"{path} already exists: choose another name with -o FILE, or --force to replace it")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            fail(f"{parent} is a file, so {path} cannot be created under it")


def _interactive(options: Options, given: Optional[dict[str, Answer]]) -> bool:
    if options.interactive:
        return True
    if given is not None:
        return False
    if sys.stdin.isatty():
        return True
    fail("no answers, and standard input is not a terminal to ask them on: give --answers FILE "
         "or one option per C (--changeable yes --costly partly ...), or --interactive to read "
         "the answers from standard input")


def _answer(options: Options, given: Optional[dict[str, Answer]], target: Target,
            threshold: int, interactive: bool) -> tuple[Diagnosed, Optional[str]]:
    """The diagnosis (asked, or from the given answers) and the customer for --new."""
    if not interactive:
        if options.new is not None and not options.customer:
            fail("--new needs --customer TEXT (who the journey is for) when no questions are "
                 "asked")
        return diagnose(given or {}, threshold), options.customer

    console = make_console(stderr=options.output_format is Format.json)
    prompter = RichPrompter(console)
    finish = target.finish(options)
    try:
        console.print(intro(finish))
        customer = options.customer
        if options.new is not None and not customer:
            customer = ask_text(prompter, "Who is this journey's customer (who is mapped)?")
        start = given if given is not None else target.stored
        return run_questionnaire(prompter, start, threshold, finish), customer
    except (KeyboardInterrupt, Cancelled):
        console.print()
        fail("cancelled, nothing saved", EXIT_CANCELLED)
    except EOFError:
        console.print()
        fail("the input ended before the questionnaire was finished; nothing saved")


def _save(options: Options, path: Path, diagnosed: Diagnosed, date: dt.date,
          customer: Optional[str]) -> None:
    """Write the diagnosis into the map, or the new map; atomic either way."""
    diagnosis = diagnosed.to_diagnosis(date)
    try:
        if options.new is not None:
            _check_new_file(path, options.force)  # again: time has passed while asking

            text = diagnosed_map_text(options.new.strip(), customer or "", diagnosis,
                                      schema_reference(path.resolve().parent),
                                      options.starter or "blank")
            path.parent.mkdir(parents=True, exist_ok=True)  # as `cjmap new` does
            expect = None
        else:
            original, expect = _read_map_fingerprinted(path)
            text = save_into(original, diagnosis, str(path))
        write_atomic(path, text, expect=expect)
    except SaveError as error:
        _save_failed(error)
    except WriteRefused as error:
        fail(f"cannot write: {error}")
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    except KeyboardInterrupt:
        fail("cancelled; the file is unchanged or complete, never half-written", EXIT_CANCELLED)


def _offer_to_save(options: Options, diagnosed: Diagnosed, date: dt.date) -> Optional[Path]:
    """The questionnaire ended without --save: offer to save into a map, else print the block.

    The answers are never thrown away: Enter (or the end of the input) prints the
    ``diagnosis:`` block to paste; Ctrl-C says that nothing was saved.
    """
    console = make_console()
    prompter = RichPrompter(console)
    label = "Save the answers into a map? Its path (Enter prints them to paste instead)"
    try:
        while True:
            raw = prompter.ask(Prompt(label)).strip()
            if not raw:
                break
            path = Path(raw).expanduser()
            if path.is_file():
                _save(replace(options, new=None), path, diagnosed, date, None)
                return path
            prompter.tell(f"There is no map at {raw}. Give the path of an existing map, or "
                          "press Enter to print the answers.")
    except (KeyboardInterrupt, Cancelled):
        console.print()
        fail("cancelled, nothing saved", EXIT_CANCELLED)
    except EOFError:
        console.print()
    console.print("Paste this block at the end of your map file (cjmap validate checks it):")
    sys.stdout.write(diagnosis_block(diagnosed.to_diagnosis(date)))
    return None


def _report(options: Options, diagnosed: Diagnosed, date: dt.date, saved: Optional[Path],
            interactive: bool) -> None:
    if options.output_format is Format.json:
        data = diagnosed.as_data(date)
        data["saved"] = str(saved) if saved is not None else None
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif not interactive:
        console = make_console()
        if console.is_terminal:
            console.print(summary_table(diagnosed))
            console.print(decision_panel(diagnosed))
        else:  # for logs and pipes: no padding at the ends of lines
            with console.capture() as captured:
                console.print(summary_table(diagnosed))
                console.print(decision_panel(diagnosed))
            lines = [line.rstrip() for line in captured.get().splitlines()]
            sys.stdout.write("\n".join(lines).lstrip("\n") + "\n")
    if saved is not None:
        verb = "created" if options.new is not None else "saved the diagnosis to"
        error_console().print(f"cjmap: {verb} {_escaped(saved)}")


def _escaped(path: Path) -> str:
    from rich.markup import escape

    return escape(str(path))
