"""Text measurement and wrapping for the SVG map, without a font file.

The map is drawn in a generic sans-serif, so the real glyph widths are unknown when the SVG is
written. Each printable ASCII character is given the larger of its widths in the two fonts a
reader most likely gets: Arial's metrics (Helvetica, Arial, Liberation Sans) and DejaVu Sans,
the usual Linux fallback, which is about 12% wider and much wider for punctuation. The tables
were measured in Chromium (``scripts/look.py`` re-checks every line of the example maps in both
fonts). The estimate is deterministic: the same text always wraps the same way.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Advance widths in thousandths of an em for printable ASCII (space to tilde): for each
# character the larger of Liberation Sans and DejaVu Sans, regular and bold.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 556,
    1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667, 557, 863, 748, 787,
    667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 556, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 556,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)  # fmt: skip
# Typographic characters the map itself uses, and common ones in pasted text.
_KNOWN = {"\u2014": 1000, "\u2013": 556, "\u2026": 1000, "\u00b7": 380, "\u2212": 838,
          "\u201c": 657, "\u201d": 657, "\u2018": 380, "\u2019": 380, "\u2022": 590,
          "\u00a0": 348}
_OTHER = 800  # a letter or symbol outside these tables: wider than most, to be safe
_WIDE = 1000  # CJK and other wide characters take a full em
SAFETY = 1.03  # rounding, hinting and the odd unkerned pair
LINE_HEIGHT = 1.3  # line spacing as a multiple of the font size


@lru_cache(maxsize=4096)
def _char_units(char: str, bold: bool = False) -> int:
    table = _BOLD if bold else _REGULAR
    code = ord(char)
    if 32 <= code < 127:
        return table[code - 32]
    if char in _KNOWN:
        return _KNOWN[char]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) < 127:
        return table[ord(base) - 32]  # an accented letter is as wide as its letter
    return _OTHER


@lru_cache(maxsize=65536)
def _units(text: str, bold: bool = False) -> int:
    return sum(_char_units(char, bold) for char in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in pixels of ``text`` set at ``size`` pixels."""
    return _units(text, bold) * size / 1000 * SAFETY


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width``; words too long are split.

    Whitespace (newlines included) is collapsed, since the map lays out its own lines.
    Empty text gives no lines. Widths add up word by word (the estimate knows no kerning), so
    the cost is linear in the length of the text.
    """
    scale = size / 1000 * SAFETY
    space = (_BOLD if bold else _REGULAR)[0] * scale
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        advance = _units(word, bold) * scale
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
        current, used = pieces[-1], _units(pieces[-1], bold) * scale
    if current:
        lines.append(current)
    return lines


def _split_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word cut into pieces that each fit ``width`` (at least one character each)."""
    if text_width(word, size, bold) <= width:
        return [word]
    scale = size / 1000 * SAFETY
    pieces: list[str] = []
    current, used = "", 0.0
    for char in word:
        advance = _char_units(char, bold) * scale
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
