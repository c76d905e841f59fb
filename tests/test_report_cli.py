"""``cjmap report`` through the real command line: outputs, files written, and every error a
user can cause, each with its exit code and a message instead of a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

REPAIRS = str(EXAMPLES / "repairs.yaml")
TODAY = ("--today", "2026-04-01")


def test_markdown_to_stdout(cli) -> None:
    result = cli("report", REPAIRS, *TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Getting a repair done\n")
    assert "## Action plan" in result.stdout
    assert "```mermaid\njourney\n" in result.stdout


def test_output_file_and_map_beside_it(cli, tmp_path: Path) -> None:
    report = tmp_path / "out" / "repairs report.md"
    report.parent.mkdir()
    result = cli("report", REPAIRS, *TODAY, "-o", str(report), "--with-map")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    svg = report.with_suffix(".svg")
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    assert "![Journey map: Getting a repair done](repairs%20report.svg)" in report.read_text()


def test_html_is_chosen_by_the_file_name(cli, tmp_path: Path) -> None:
    page = tmp_path / "repairs.html"
    result = cli("report", REPAIRS, *TODAY, "-o", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<figure class="journey-map"' in html and "<svg" in html
    assert "```mermaid" not in html and "language-mermaid" not in html


def test_html_to_stdout(cli) -> None:
    result = cli("report", REPAIRS, *TODAY, "--format", "html", "--audience", "executive")
    assert result.exit_code == 0, result.output
    assert "<h1>Getting a repair done: executive summary</h1>" in result.stdout


def test_the_same_command_writes_the_same_bytes(cli) -> None:
    first = cli("report", REPAIRS, *TODAY, "-f", "html").stdout
    assert first == cli("report", REPAIRS, *TODAY, "-f", "html").stdout


def test_with_map_needs_an_output_file(cli) -> None:
    result = cli("report", REPAIRS, "--with-map")
    assert result.exit_code == 2
    assert "--with-map needs --output" in result.stderr


def test_with_map_refuses_to_overwrite_the_report(cli, tmp_path: Path) -> None:
    result = cli("report", REPAIRS, "-o", str(tmp_path / "map.svg"), "--with-map")
    assert result.exit_code == 2
    assert "would overwrite the report" in result.stderr


def test_invalid_map_exits_1(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjmap: 1\njourney: {title: T}\nsteps: []\n", encoding="utf-8")
    result = cli("report", str(bad))
    assert result.exit_code == 1
    assert "is not a valid map" in result.stderr
    assert "Traceback" not in result.output


def test_missing_map_exits_2(cli, tmp_path: Path) -> None:
    result = cli("report", str(tmp_path / "nowhere.yaml"))
    assert result.exit_code == 2


@pytest.mark.parametrize("args, message", [
    (("--audience", "board"), "board"),
    (("--today", "next week"), "not a date"),
    (("--theme", "neon"), "unknown theme 'neon'"),
    (("--top", "-1"), "--top"),
])
def test_bad_options_exit_2(cli, args: tuple[str, ...], message: str) -> None:
    result = cli("report", REPAIRS, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_cannot_write_output_exits_2(cli, tmp_path: Path) -> None:
    result = cli("report", REPAIRS, "-o", str(tmp_path / "missing" / "report.md"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_template(cli, tmp_path: Path) -> None:
    template = write(tmp_path / "mine.md.j2",
                     "# {{ title }} for {{ audience }}\n{% for s in steps %}- {{ s.name }}: "
                     "{{ s.net|net }}\n{% endfor %}")
    result = cli("report", REPAIRS, *TODAY, "--template", template)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "# Getting a repair done for influencer", "- Reporting the repair: net +46",
        "- Speaking to the contact centre: net +42"]


def test_user_template_extends_the_packaged_one(cli, tmp_path: Path) -> None:
    write(tmp_path / "partial.md.j2", "Prepared by {{ owner }}.\n")
    template = write(tmp_path / "board.md.j2",
                     '{% extends "cjmap/report-influencer.md.j2" %}\n'
                     "{% block steps %}{% include 'partial.md.j2' %}{% endblock %}\n")
    result = cli("report", REPAIRS, *TODAY, "-t", template)
    assert result.exit_code == 0, result.output
    assert "Prepared by Customer Insight Team." in result.stdout
    assert "## The journey, step by step" not in result.stdout
    assert "## Action plan" in result.stdout


def test_user_template_as_html(cli, tmp_path: Path) -> None:
    template = write(tmp_path / "t.md.j2", "# {{ title }}\n\n| a |\n|---|\n| {{ owner }} |\n")
    result = cli("report", REPAIRS, *TODAY, "-t", template, "-f", "html")
    assert result.exit_code == 0, result.output
    assert "<td>Customer Insight Team</td>" in result.stdout


@pytest.mark.parametrize("text, message", [
    ("{% for s in steps %}\n{{ s.name }\n", "t.md.j2:2: template syntax error"),
    ("line one\n{{ titel }}\n", "t.md.j2:2: 'titel' is undefined"),
    ("{{ steps[0].nmae }}\n", "t.md.j2:1:"),
    ("{% include 'gone.md.j2' %}\n", "template not found: gone.md.j2"),
    ("{{ journey.__class__.__mro__ }}\n", "t.md.j2:1:"),
    ("{{ title|percent }}\n", "t.md.j2:1:"),
])
def test_template_errors_exit_2_with_the_line(cli, tmp_path: Path, text: str,
                                              message: str) -> None:
    template = write(tmp_path / "t.md.j2", text)
    result = cli("report", REPAIRS, "-t", template)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_template_exits_2(cli, tmp_path: Path) -> None:
    result = cli("report", REPAIRS, "-t", str(tmp_path / "nope.md.j2"))
    assert result.exit_code == 2
    assert "template not found" in result.stderr


def test_undecodable_template_exits_2(cli, tmp_path: Path) -> None:
    template = tmp_path / "latin.md.j2"
    template.write_bytes(b"caf\xe9 {{ title }}\n")
    result = cli("report", REPAIRS, "-t", str(template))
    assert result.exit_code == 2
    assert "latin.md.j2" in result.stderr
