"""Escaping user text for Markdown, so that a map's words stay words.

Report templates put an analyst's text (step names, quotes, owners) into Markdown, which is then
read on GitHub, converted to HTML or pasted into a board paper. Text such as ``a | b`` must not
split a table cell, ``<script>`` must not become HTML, ``[x](javascript:...)`` must not become a
link, and a quote that starts with ``1.`` or ``-`` must not become a list.

:func:`md` makes one line of inline text that CommonMark and GitHub Flavored Markdown read back as
exactly the same words, wherever it is placed: in a paragraph, a list item, a heading or a table
cell. It collapses whitespace (a newline would end a table row or start a new block) and puts a
backslash before the characters that can start Markdown syntax. The backslash is CommonMark's
own escape for ASCII punctuation, so the raw Markdown stays readable: ``Tenant's view | 2023``
becomes ``Tenant's view \\| 2023``.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from cjmap.safe_text import markdown_inline, one_line

_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_BACKTICKS = re.compile(r"`+")


def md(value: Any) -> Markup:
    """Escape ``value`` as inline Markdown text on one line (see the module docstring).

    Already-escaped text (a :class:`~markupsafe.Markup`) is returned unchanged, so escaping twice
    is harmless.
    """
    if isinstance(value, Markup):
        return value
    return Markup(markdown_inline(str(value)))


def cell(value: Any, empty: str = "\u2013") -> Markup:
    """Escape text for a table cell; ``None`` and blank text show ``empty`` (an en dash).

    ``empty`` is written as given (it is the template's own Markdown, such as ``**No owner**``).
    """
    if isinstance(value, Markup):
        return value
    if value is None or not one_line(str(value)):
        return Markup(empty)
    # A cell holds inline content only, so "1." or "-" at its start cannot begin a list.
    return Markup(markdown_inline(str(value), line_start=False))


def paragraphs(value: Any) -> Markup:
    """Escape prose as Markdown paragraphs: each line of the text starts a new paragraph.

    YAML's folded style (``>-``) turns a blank line into a single newline, so a newline is where
    the analyst started a new paragraph.
    """
    if isinstance(value, Markup):
        return value
    parts = [md(part) for part in _PARAGRAPH_BREAK.split(str(value).strip()) if one_line(part)]
    return Markup("\n\n".join(parts))


def fence(code: str, info: str = "") -> Markup:
    """A fenced code block that the code itself cannot close.

    The fence is one backtick longer than the longest run of backticks inside the code.
    """
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
    marks = "`" * max(3, longest + 1)
    body = code if code.endswith("\n") else code + "\n"
    return Markup(f"{marks}{one_line(info)}\n{body}{marks}")


def link_target(path: str) -> str:
    """A relative path as a Markdown link destination: percent-encoded, so spaces, brackets and
    parentheses in a file name cannot end the link early."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/-_.~")


def finalize(value: Any) -> Any:
    """Jinja's ``finalize`` hook for Markdown templates: every ``{{ value }}`` is escaped.

    Escaped text (Markup, from the report filters or ``|safe``) passes through; ``None`` prints
    nothing; numbers print as Python writes them.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return md(value)
