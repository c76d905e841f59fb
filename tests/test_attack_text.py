"""Attack suite, "never let text act": terminal escapes in messages, bidirectional overrides in
every output, and CSV cells that a semicolon-splitting spreadsheet would run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "repairs.yaml").read_text(encoding="utf-8")
ESCAPES = ["\x1b]0;pwned\x07", "\x1b[2J", "\x1bc\x9b31m"]
BIDI = ["\u202e", "\u2066", "\u202a", "\u2069"]


def _quoted(text: str) -> str:
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize("place", ["unknown-key", "channel", "stage"])
def test_escapes_in_messages_never_reach_the_terminal(cli, tmp_path: Path, escape, place) -> None:
    if place == "unknown-key":
        text = EXAMPLE.replace("journey:", f"{_quoted('k' + escape)}: 1\njourney:", 1)
    elif place == "channel":
        text = EXAMPLE.replace("channel: phone", f"channel: {_quoted('ph' + escape)}", 1)
    else:
        text = EXAMPLE.replace("stage: report-it", f"stage: {_quoted('re' + escape)}", 1)
    path = tmp_path / "m.yaml"
    path.write_text(text)
    for command in (["validate"], ["validate", "-f", "github"], ["render", "-o", "/dev/null"],
                    ["report"]):
        result = cli(command[0], str(path), *command[1:])
        assert "\x1b" not in result.output and "\x9b" not in result.output, command


@pytest.mark.parametrize("mark", BIDI)
def test_bidi_overrides_never_pass_raw(cli, tmp_path: Path, mark: str) -> None:
    text = EXAMPLE.replace("title: Getting", f"title: {_quoted('Get' + mark + 'ting')}", 1)
    text = text.replace("owner: Digital Services", f"owner: {_quoted('Dig' + mark + 'ital')}")
    path = tmp_path / "m.yaml"
    path.write_text(text)
    for command in (["report"], ["report", "-f", "html"], ["actions"], ["actions", "-f", "markdown"],
                    ["diff", str(ROOT / "examples" / "repairs.yaml")], ["trend"], ["export"]):
        result = cli(command[0], str(path), *command[1:])
        assert mark not in result.stdout, command


CELLS = ["Viewing;=cmd|' /C calc'!A0", "=1+1", "+SUM(A1)", "-2+3", "@x", "\tx", "a,b;c", 'say "hi"']


@pytest.mark.parametrize("cell", CELLS)
def test_csv_cells_are_safe_for_comma_and_semicolon_readers(cell: str) -> None:
    import csv
    import io

    from cjmap.export import csv_text

    text = csv_text(["a", "b"], [[cell, "x"]])
    for delimiter in (",", ";"):
        for row in list(csv.reader(io.StringIO(text), delimiter=delimiter))[1:]:
            for value in row:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (delimiter, value)
