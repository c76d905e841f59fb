"""Text measurement and wrapping for the SVG map, without a font file.

The map is drawn in a generic sans-serif, so the real glyph widths are unknown when the SVG is
written. Widths are estimated from Helvetica's metrics (which Arial and Liberation Sans share)
and padded by ``SAFETY`` so that text also fits in DejaVu Sans, the usual Linux fallback, which
runs about 10% wider. The estimate is deterministic: the same text always wraps the same way.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Helvetica advance widths in thousandths of an em, for printable ASCII (space to tilde).
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_OTHER = 600  # a fair guess for letters outside ASCII without a decomposition
_WIDE = 1000  # CJK and other wide characters take a full em
SAFETY = 1.17  # headroom for fallback fonts wider than Helvetica
BOLD = 1.12  # bold is wider: 7% in Helvetica, 12% in DejaVu Sans
LINE_HEIGHT = 1.3  # line spacing as a multiple of the font size


@lru_cache(maxsize=4096)
def _char_units(char: str) -> int:
    code = ord(char)
    if 32 <= code < 127:
        return _ASCII_WIDTHS[code - 32]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) < 127:
        return _ASCII_WIDTHS[ord(base) - 32]  # an accented letter is as wide as its letter
    return _OTHER


@lru_cache(maxsize=65536)
def _units(text: str) -> int:
    return sum(_char_units(char) for char in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in pixels of ``text`` set at ``size`` pixels."""
    return _units(text) * size / 1000 * SAFETY * (BOLD if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width``; words too long are split.

    Whitespace (newlines included) is collapsed, since the map lays out its own lines.
    Empty text gives no lines. Widths add up word by word (the estimate knows no kerning), so
    the cost is linear in the length of the text.
    """
    scale = size / 1000 * SAFETY * (BOLD if bold else 1.0)
    space = _ASCII_WIDTHS[0] * scale
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        advance = _units(word) * scale
        if current and used + space + advance <= width:
            current, used = f"{current} {word}", used + space + advance
            continue
        if current:
            lines.append(current)
        if advance <= width:
            current, used = word, advance
            continue
        pieces = _split_word(word, width, size, bold)
        lines.extend(pieces[:-1])
        current, used = pieces[-1], _units(pieces[-1]) * scale
    if current:
        lines.append(current)
    return lines


def _split_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word cut into pieces that each fit ``width`` (at least one character each)."""
    if text_width(word, size, bold) <= width:
        return [word]
    scale = size / 1000 * SAFETY * (BOLD if bold else 1.0)
    pieces: list[str] = []
    current, used = "", 0.0
    for char in word:
        advance = _char_units(char) * scale
        if current and used + advance > width:
            pieces.append(current)
            current, used = "", 0.0
        current += char
        used += advance
    pieces.append(current)
    return pieces


def line_height(size: float) -> float:
    return size * LINE_HEIGHT


def fmt(value: float) -> str:
    """A coordinate with one decimal at most, so output is the same on every platform."""
    text = f"{value:.1f}"
    if text[-2:] == ".0":
        text = text[:-2]
        return "0" if text == "-0" else text
    return text
