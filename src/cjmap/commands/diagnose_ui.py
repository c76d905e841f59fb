"""What ``cjmap diagnose`` shows: rich panels for the questions, the summary table, the decision.

:class:`RichPrompter` is the terminal's :class:`~cjmap.fivecs.questionnaire.Prompter`. Every piece of
user text (notes, titles) goes through :func:`rich.markup.escape`, so a note such as ``[red]``
is shown as typed. Imported only when ``cjmap diagnose`` runs.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cjmap.fivecs.questionnaire import Prompt, QuestionScreen, ReviewScreen
from cjmap.fivecs.rule import POINTS, QUESTIONS, Diagnosed, Question, reasons

# Width used when the output is not a terminal, so that piped output is the same everywhere.
PLAIN_WIDTH = 88
STYLE_OF = {"yes": "bold green", "partly": "green", "no": "red", "unsure": "yellow"}


def make_console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr) with a fixed width when it is not a terminal."""
    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        console = Console(stderr=stderr, highlight=False, width=PLAIN_WIDTH)
    return console


def intro(finish: str) -> Panel:
    """The opening panel: what the 5Cs are for, and the keys."""
    body = Text.from_markup(
        "Journey mapping takes weeks of interviews and analysis. It gives most value where the "
        "experience is [bold]Changeable, Challenged, Complex, Climactic[/] and [bold]Costly[/]. "
        "Answer five questions to decide [bold]go[/] or [bold]no-go[/].\n\n"
        "Keys: [bold cyan]y[/] yes, [bold cyan]p[/] partly, [bold cyan]n[/] no, "
        "[bold cyan]u[/] unsure, [bold cyan]b[/] back. A note is optional: Enter skips it. "
        f"You will see a summary before you {escape(finish)}; "
        "[bold cyan]Ctrl-C[/] stops without saving anything.")
    return Panel(body, title="[bold]The 5Cs: should this journey be mapped?[/]",
                 title_align="left", box=box.ROUNDED, padding=(1, 2))


def question_panel(screen: QuestionScreen) -> Panel:
    """One C, explained: the question, what it means, examples, and any answer already given."""
    question = screen.question
    parts: list[Any] = [
        Text(question.question, style="bold"), Text(""), Text(question.explanation),
        Text(""), Text("For example:", style="dim"),
    ]
    parts += [Text(f"  • {example}", style="dim") for example in question.examples]
    if screen.current is not None:
        parts += [Text(""), Text.assemble(("Answered so far: ", "dim"),
                                          _answer_text(screen.current.applies),
                                          (f" ({screen.current.note})" if screen.current.note
                                           else "", ""))]
    title = f"[bold]{screen.number} of {screen.total} · {question.title}[/]"
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED, padding=(1, 2))


def _answer_text(applies: str) -> Text:
    return Text(applies, style=STYLE_OF[applies])


def summary_table(diagnosed: Diagnosed) -> Table:
    """The five answers with their points and notes, and the total."""
    table = Table(box=box.SIMPLE_HEAVY, show_footer=True, expand=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column("C", footer="Total", no_wrap=True)
    table.add_column("Answer", no_wrap=True)
    result = diagnosed.decision
    table.add_column("Points", justify="right",
                     footer=f"{result.points} of {result.maximum}")
    table.add_column("Note", overflow="fold", ratio=1)
    for number, question in enumerate(QUESTIONS, start=1):
        answer = diagnosed.answers[question.name]
        table.add_row(str(number), question.title, _answer_text(answer.applies),
                      str(POINTS[answer.applies]), Text(answer.note or ""))
    return table


def decision_panel(diagnosed: Diagnosed, lines: Optional[tuple[str, ...]] = None) -> Panel:
    """The decision in large letters, with its reasons."""
    result = diagnosed.decision
    go = result.decision == "go"
    heading = Text.assemble(("GO" if go else "NO-GO", "bold green" if go else "bold red"),
                            f"  {result.points} of {result.maximum} points, "
                            f"go at {result.threshold} or more")
    body = [heading, Text("")]
    body += [Text(line) for line in (lines if lines is not None else reasons(diagnosed))]
    unsure = find_out_next(diagnosed)
    if unsure is not None:
        body += [Text(""), unsure]
    return Panel(Group(*body), title="[bold]Decision[/]", title_align="left",
                 box=box.ROUNDED, border_style="green" if go else "red", padding=(0, 2))


def find_out_next(diagnosed: Diagnosed) -> Optional[Text]:
    """The questions answered unsure, as a list of what to find out; None if there are none."""
    unsure = diagnosed.decision.unsure
    if not unsure:
        return None
    questions = [question for question in QUESTIONS if question.name in unsure]
    return Text("Find out next:\n" + "\n".join(_bullet(question) for question in questions))


def _bullet(question: Question) -> str:
    return f"  • {question.title}: {question.question}"


def _keys(prompt: Prompt) -> str:
    if not prompt.keys:
        return ""
    shown = " · ".join(f"[bold cyan]{escape(key)}[/] {escape(meaning)}"
                       for key, meaning in prompt.keys)
    return f" \\[{shown}]"


ANSI_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def _load_readline() -> bool:
    try:
        import readline  # noqa: F401
    except ImportError:
        return False
    return True


class RichPrompter:
    """Shows screens on a rich console and reads lines from standard input."""

    def __init__(self, console: Console) -> None:
        self.console = console
        # Line editing (arrow keys, history) on a terminal, where the platform has readline.
        self.readline = console.is_terminal and not console.stderr and _load_readline()

    def show_question(self, screen: QuestionScreen) -> None:
        self.console.print()
        self.console.print(question_panel(screen))

    def show_review(self, screen: ReviewScreen) -> None:
        self.console.print(summary_table(screen.diagnosed))  # its top edge is a blank line
        self.console.print(decision_panel(screen.diagnosed, screen.reasons))

    def ask(self, prompt: Prompt) -> str:
        markup = f"[bold]{escape(prompt.label)}[/]{_keys(prompt)}: "
        if self.readline:
            # readline must draw the prompt itself: printed apart, an empty answer leaves the
            # cursor on the prompt line. \x01 and \x02 mark the colour codes as zero-width.
            with self.console.capture() as captured:
                self.console.print(markup, end="")
            line = input(ANSI_STYLE.sub("\x01\\g<0>\x02", captured.get()))
        else:
            line = self.console.input(markup)
        # Bytes that are not UTF-8 arrive as lone surrogates, which no file can hold.
        return line.encode("utf-8", "replace").decode("utf-8")

    def tell(self, message: str) -> None:
        self.console.print(f"[yellow]{escape(message)}[/]")
