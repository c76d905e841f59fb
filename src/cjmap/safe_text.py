"""Making user text safe for each output format.

Map files are written by people and reviewed by others, so every name, quote and recommendation
is data, never markup. Each function here prepares one piece of user text for one destination:

* :func:`terminal` drops control characters, so a map cannot move the cursor or recolour a
  terminal with escape sequences.
* :func:`markdown_inline` makes text literal inside a Markdown paragraph or table cell, as GitHub
  renders it in a pull-request comment: no links, images, HTML, emphasis, code, maths, table
  breaks or ``@mentions``.
* :func:`spreadsheet_cell` defuses CSV formula injection: a text cell that a spreadsheet would
  read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
  leading apostrophe, which spreadsheets show as plain text.
* :func:`xml_text` escapes text for SVG, HTML and XML (attributes too).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _xml_escape

# C0 and C1 control characters, except tab; newlines are handled by each function.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
# Inline Markdown syntax, escaped with a backslash (CommonMark allows it before any ASCII
# punctuation): code, emphasis, links and images, tables, strikethrough, GitHub maths.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~$!])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def terminal(text: str) -> str:
    """Text for a terminal, one line: control characters shown as U+FFFD, line breaks as spaces."""
    return _CONTROL.sub("\ufffd", _LINE_BREAKS.sub(" ", text))


def markdown_inline(text: str) -> str:
    """Text shown literally in Markdown, on one line (safe in a table cell).

    ``&``, ``<`` and ``>`` become entities, so neither HTML nor autolinks survive; Markdown
    punctuation is backslash-escaped; ``@`` is followed by a zero-width space so that an owner
    written as ``@team`` does not notify anyone on GitHub.
    """
    text = terminal(text).replace("\t", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return text.replace("@", "@&#8203;")


def spreadsheet_cell(text: str) -> str:
    """A CSV text cell that a spreadsheet will not run as a formula.

    Only text goes through here: numbers the tool writes (such as a net sentiment of -0.25) are
    left as numbers.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def xml_text(text: str) -> str:
    """Text for XML content or a double- or single-quoted attribute; control characters, which
    XML 1.0 forbids, are replaced."""
    text = _CONTROL.sub("\ufffd", text)
    return _xml_escape(text, {'"': "&quot;", "'": "&#39;"})
