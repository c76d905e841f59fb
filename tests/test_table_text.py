"""The fast plain-text table is rich's table, byte for byte, or declines to draw it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjmap.commands.actions import _table
from cjmap.commands.table_text import plain_table
from support import examples

# Words as analysts write them, and the characters that make wrapping hard: wide (CJK, emoji),
# zero-width (combining accents), tabs, hyphens, very long words and runs of spaces.
WORDS = st.one_of(
    st.sampled_from(["Tenant", "liaison", "officer", "repairs", "contractor", "–", "Q4",
                     "2026/27", "follow-up", "a", "", "Ms", "damp-and-mould",
                     "supercalifragilisticexpialidocious-contractor-reference"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12),
    st.sampled_from(["住宅修理", "😀😀", "e\u0301te\u0301", "\t", "   "]))
CELL = st.lists(WORDS, max_size=14).map(" ".join)
SHORT = st.lists(WORDS, max_size=3).map(" ".join)  # a date, a status, a file name
LINES = st.lists(CELL, min_size=1, max_size=3).map("\n".join)


def rich_text(table: Any, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(table)
    return console.file.getvalue()


def fast_text(table: Any, width: int) -> Optional[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    return plain_table(table, console)


def actions_like(rows: list[tuple[str, str, str, str, str]], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Owner", ratio=1, min_width=12)
    table.add_column("Action", ratio=3, min_width=20)
    table.add_column("Where", no_wrap=True, overflow="ellipsis",
                     min_width=min(max((len(row[4]) for row in rows), default=1), 56))
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(SHORT, SHORT, CELL, LINES, SHORT), max_size=6),
       st.integers(30, 220), CELL)
def test_the_fast_table_is_richs_table(rows: list, width: int, title: str) -> None:
    table = actions_like(rows, title or "Actions")
    fast = fast_text(table, width)
    if fast is not None:
        assert fast == rich_text(table, width)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(CELL, CELL), min_size=1, max_size=5), st.integers(20, 160))
def test_a_plain_two_column_table_is_richs_table(rows: list, width: int) -> None:
    table = Table(title="Two")
    table.add_column("Name")
    table.add_column("Note", overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    fast = fast_text(table, width)
    if fast is not None:
        assert fast == rich_text(table, width)


ROWS = [("2026-01-31", "Agreed", "Tenancy team", "Send the welcome pack in the first week",
         "new-tenants.yaml, step 2")] * 3


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_the_actions_table_is_drawn_fast_at_common_widths(width: int) -> None:
    assert fast_text(actions_like(ROWS, "Actions as at 1 December 2026"), width) is not None


def test_colour_and_unhandled_features_are_left_to_rich() -> None:
    table = actions_like(ROWS, "Actions")
    coloured = Console(file=io.StringIO(), width=100, color_system="truecolor")
    assert plain_table(table, coloured) is None
    table.caption = "a caption"
    assert fast_text(table, 100) is None
    squeezed = actions_like(ROWS, "Actions")
    assert fast_text(squeezed, 30) is None  # columns below their padding: rich crops


def test_the_actions_command_table_matches_rich() -> None:
    from cjmap.report.actions import collect
    from pathlib import Path

    examples_dir = Path(__file__).resolve().parent.parent / "examples"
    plan = collect([examples_dir], dt.date(2026, 12, 1))
    assert plan.rows
    for width in (80, 120):
        table = _table(plan.rows, dt.date(2026, 12, 1))
        assert fast_text(table, width) == rich_text(_table(plan.rows, dt.date(2026, 12, 1)), width)


def test_a_message_instead_of_a_table_is_left_to_rich() -> None:
    assert fast_text(Text("No actions match."), 80) is None


def test_a_rich_without_the_private_layout_call_is_left_to_rich(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(Table, "_calculate_column_widths")
    assert fast_text(actions_like(ROWS, "Actions"), 100) is None
