"""Making user text safe for each output format.

Map files are written by people and reviewed by others, so every name, quote and recommendation
is data, never markup. Each function here prepares one piece of user text for one destination:

* :func:`terminal` drops control characters, so a map cannot move the cursor or recolour a
  terminal with escape sequences.
* :func:`markdown_inline` makes text literal on one line of Markdown (a paragraph, a list item, a
  heading or a table cell), as CommonMark and GitHub read it: no links, images, HTML, emphasis,
  code, maths, table breaks, list markers or ``@mentions``. The report templates and the diff and
  trend formatters all use it.
* :func:`spreadsheet_cell` defuses CSV formula injection: a text cell that a spreadsheet would
  read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
  leading apostrophe, which spreadsheets show as plain text.
* :func:`xml_text` escapes text for SVG, HTML and XML (attributes too).

Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) would let text
display in another order than it is stored (a "Trojan Source" trick): every function here drops
them, except :func:`terminal`, which shows them as U+FFFD so that a reviewer sees something was
there. :func:`without_bidi` does only that, for whole documents.
"""

from __future__ import annotations

import re
from typing import Mapping, Optional

# C0 and C1 control characters, except tab; newlines are handled by each function.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
_BIDI_CHARACTERS = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_BIDI = re.compile(f"[{_BIDI_CHARACTERS}]")
# Characters that can open or close inline syntax anywhere on a line: code, emphasis, links and
# images, autolinks and raw HTML, table cells, strikethrough, headings' closing hashes, and
# GitHub's $maths$. The backslash itself comes first so that escapes cannot be forged.
# CommonMark allows a backslash before any ASCII punctuation, so the raw text stays readable.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~#$])")
# "&copy;" or "&#60;" would be read as a character reference; "&" alone is plain text.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line: a list bullet, a setext underline, or an ordered-list number.
_LEADING_MARK = re.compile(r"^([-+=])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def terminal(text: str) -> str:
    """Text for a terminal, one line: control characters shown as U+FFFD, line breaks as spaces."""
    return _BIDI.sub("\ufffd", _CONTROL.sub("\ufffd", _LINE_BREAKS.sub(" ", text)))


def without_bidi(text: str) -> str:
    """The text without bidirectional embeddings, overrides and isolates (line breaks kept)."""
    # A look for each of the nine characters is several times faster than the pattern's scan,
    # and a whole HTML report (its map included) has none of them.
    if not any(character in text for character in _BIDI_CHARACTERS):
        return text
    return _BIDI.sub("", text)


def one_line(text: str) -> str:
    """The text on one line: controls removed, runs of whitespace (newlines too) as one space."""
    return " ".join(_BIDI.sub("", _CONTROL.sub("", text)).split())


def markdown_inline(text: str, line_start: bool = True) -> str:
    """Text that Markdown shows literally, on one line (safe in a table cell).

    Markdown punctuation gets CommonMark's backslash escape; ``&`` before what looks like an
    entity is escaped; ``@`` is followed by a zero-width space so that an owner written as
    ``@team`` notifies nobody on GitHub. With ``line_start`` (the default) a leading ``-``, ``+``,
    ``=`` or ``1.`` is escaped too, since the text may begin a line and would start a list;
    inside a table cell it cannot, and ``line_start=False`` keeps it unescaped.
    """
    text = _ENTITY.sub(r"\\&", _MARKDOWN_INLINE.sub(r"\\\1", one_line(text)))
    if line_start:
        text = _LEADING_NUMBER.sub(r"\1\\\2", _LEADING_MARK.sub(r"\\\1", text))
    return text.replace("@", "@\u200b")


def spreadsheet_cell(text: str) -> str:
    """A CSV text cell that a spreadsheet will not run as a formula.

    Only text goes through here: numbers the tool writes (such as a net sentiment of -0.25) are
    left as numbers.
    """
    text = without_bidi(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def xml_text(text: str) -> str:
    """Text for XML content or a double- or single-quoted attribute; control characters, which
    XML 1.0 forbids, are replaced."""
    text = _BIDI.sub("", _CONTROL.sub("\ufffd", text))
    return xml_escape(text, {'"': "&quot;", "'": "&#39;"})


def xml_escape(text: str, entities: Optional[Mapping[str, str]] = None) -> str:
    """``&``, ``>`` and ``<`` escaped, then each of ``entities`` replaced: exactly what
    ``xml.sax.saxutils.escape`` does, whose import brings urllib, http and ssl with it (a
    twentieth of a one-file validate's start-up)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for character, entity in (entities or {}).items():
        text = text.replace(character, entity)
    return text


def xml_attribute(text: str, entities: Optional[Mapping[str, str]] = None) -> str:
    """A quoted attribute value: exactly what ``xml.sax.saxutils.quoteattr`` gives (line breaks
    and tabs as character references; single quotes around a value holding only double
    quotes, else double quotes, with ``&quot;`` inside when it holds both)."""
    text = xml_escape(text, {**(entities or {}), "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'
