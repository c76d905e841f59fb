"""docs/format.md's "Common mistakes" section is generated from tests/cases/mistakes/.

Each case's offending lines (those after the shared header) and its expected message appear in
the section, so the docs say exactly what cjmap says. To rewrite the section after changing a
case: ``python tests/test_docs_mistakes.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "mistakes"
DOC = ROOT / "docs" / "format.md"
START, END = "<!-- mistakes: generated from tests/cases/mistakes -->", "<!-- end of mistakes -->"
HEADER_LINES = 9  # cjmap:, journey: (3 lines), steps:, the step's id, name and touchpoint


def section() -> str:
    parts = [START]
    for case in sorted(CASES.glob("*.yaml")):
        lines = case.read_text(encoding="utf-8").split("\n")
        start = HEADER_LINES if lines[5].startswith("  - id:") else 5
        wrote = "\n".join(line.replace("\t", "→   ") for line in lines[start:]).rstrip()
        for expected in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            where, message = re.match(r"^(\d+:\d+): \w+: (.*) \[[\w-]+\]$", expected).groups()
            title = case.stem.replace("-", " ").capitalize()
            parts.append(f"**{title}** (line {where.split(':')[0]}):\n\n```yaml\n{wrote}\n```\n\n"
                         f"> {message}\n")
    parts.append(END)
    return "\n".join(parts)


def test_the_docs_show_every_mistake_with_its_message() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert START in text and END in text, "run: python tests/test_docs_mistakes.py"
    shown = text[text.index(START):text.index(END) + len(END)]
    assert shown == section(), "run: python tests/test_docs_mistakes.py"


if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    begin, end = text.index(START), text.index(END) + len(END)
    DOC.write_text(text[:begin] + section() + text[end:], encoding="utf-8")
