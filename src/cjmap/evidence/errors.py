"""The one error that reading evidence raises, and how cell text is shown in it.

An :class:`EvidenceError` says where (the file as the map names it, the row as a spreadsheet
numbers it, the column by its header) and what to do about it. Cells can hold tenants' own
words, so a message never repeats more than :data:`CLIP` characters of any one cell.
"""

from __future__ import annotations

from collections.abc import Iterable

CLIP = 60


class EvidenceError(Exception):
    """An evidence file cannot give the map its figures; the message says how to fix it.

    ``file`` is the path as the map writes it (None for a problem in the map's own
    ``evidence:`` block), ``row`` the spreadsheet row (the header is row 1 in most files) and
    ``column`` the column's header. ``str(error)`` puts the location before the message.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column

    @property
    def location(self) -> str:
        """``survey.csv, row 14, column "Q4"``: the parts that are known."""
        parts = [self.file or "the map's evidence"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {quote(self.column)}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def clip(text: str, limit: int = CLIP) -> str:
    """At most ``limit`` characters of ``text``, ending in an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def quote(text: str) -> str:
    """A cell's text in double quotes, clipped."""
    return f'"{clip(text)}"'


def quoted_list(texts: Iterable[str], most: int = 12) -> str:
    """``"a", "b", "c"``, or the first ``most`` of them and how many more."""
    items = list(texts)
    shown = ", ".join(quote(text) for text in items[:most])
    rest = len(items) - most
    return shown if rest <= 0 else f"{shown} and {rest} more"
