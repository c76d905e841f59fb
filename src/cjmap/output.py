"""Problem formatters: each turns a validation report into text, and nothing else.

``FORMATTERS`` maps a ``--format`` name to its function. ``text`` is for people (coloured by the
caller when the output is a terminal), ``parsable`` for editors and grep, ``json`` for scripts,
``github`` for GitHub Actions annotations and ``sarif`` for code-scanning dashboards.
"""

from __future__ import annotations

import json
import os
from typing import Callable

from cjmap import __version__
from cjmap.checks import BUILT_IN, CHECK_BY_ID, OTHER_RULES, documentation
from cjmap.problems import Problem, Severity
from cjmap.validate import Report


def summary(report: Report) -> str:
    """One line: files checked, how many invalid, errors and warnings."""
    files = len(report.files)
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    head = f"{files} file{'s' if files != 1 else ''} checked"
    if not errors and not warnings:
        return f"{head}: all valid"
    return (f"{head}: {report.invalid_files} invalid, {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}")


def parsable(report: Report) -> str:
    """``path:line:column: severity: message [rule]``, one per line."""
    return "".join(f"{problem}\n" for problem in report.problems)


def text(report: Report) -> str:
    """The parsable lines followed by the one-line summary."""
    return parsable(report) + summary(report) + "\n"


def as_json(report: Report) -> str:
    """A JSON document: every file with its validity and problems, and the totals."""
    document = {
        "files": [
            {"path": result.path, "valid": result.valid,
             "problems": [_problem_dict(problem) for problem in result.problems]}
            for result in report.files
        ],
        "summary": {
            "files": len(report.files),
            "invalid": report.invalid_files,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _problem_dict(problem: Problem) -> dict[str, object]:
    return {"path": problem.path, "line": problem.line, "column": problem.column,
            "severity": str(problem.severity), "rule": problem.rule, "message": problem.message}


def _github_escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(report: Report) -> str:
    """GitHub Actions workflow commands, which annotate the pull request's files."""
    lines = []
    for problem in report.problems:
        level = "error" if problem.severity is Severity.ERROR else "warning"
        lines.append(
            f"::{level} file={_github_escape(problem.path, True)},line={problem.line},"
            f"col={problem.column},title={_github_escape(problem.rule, True)}::"
            f"{_github_escape(problem.message)}\n"
        )
    return "".join(lines) + summary(report) + "\n"


def sarif(report: Report) -> str:
    """SARIF 2.1.0, for code-scanning tools."""
    rules = [{"id": rule, "shortDescription": {"text": text}}
             for rule, text in {**BUILT_IN, **OTHER_RULES}.items()]
    rules += [{"id": rule, "shortDescription": {"text": documentation(module)[0]}}
              for rule, module in CHECK_BY_ID.items()]
    results = [
        {
            "ruleId": problem.rule,
            "level": "error" if problem.severity is Severity.ERROR else "warning",
            "message": {"text": problem.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": problem.path.replace(os.sep, "/")},
                "region": {"startLine": problem.line, "startColumn": problem.column},
            }}],
        }
        for problem in report.problems
    ]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cjmap", "version": __version__,
                                "informationUri": "https://pypi.org/project/cjmap/",
                                "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": text,
    "parsable": parsable,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}


def choose_problem_format(name: str) -> str:
    """Resolve ``auto``: GitHub annotations under GitHub Actions, text elsewhere."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name
