"""Measured building blocks of the map's cells: paragraphs, pills, bullets, bars and cards.

Each block knows its height once built for a width, and draws itself at a top-left corner, so a
lane's height is simply the tallest stack of blocks in it and nothing can overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Optional, Protocol, Sequence

from cjmap.render import svg
from cjmap.render.layout import line_height, text_width, wrap

GAP = 6.0  # vertical space between blocks in a cell


class Block(Protocol):
    @property
    def height(self) -> float: ...

    def draw(self, x: float, y: float) -> str: ...


@dataclass(frozen=True)
class Paragraph:
    """Wrapped lines of text in one style."""

    lines: tuple[str, ...]
    size: float
    fill: str
    bold: bool = False
    italic: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * line_height(self.size)

    def draw(self, x: float, y: float) -> str:
        step = line_height(self.size)
        return "".join(
            svg.text(x, y + index * step + self.size * 0.95, line, self.size, self.fill,
                     bold=self.bold, italic=self.italic)
            for index, line in enumerate(self.lines))


def paragraph(content: str, width: float, size: float, fill: str, *, bold: bool = False,
              italic: bool = False) -> Paragraph:
    return Paragraph(tuple(wrap(content, width, size, bold)), size, fill, bold, italic)


@dataclass(frozen=True)
class Pill:
    """A short label in a rounded box (a channel, a status, a tag).

    A label wider than ``max_width`` wraps, and the pill grows taller instead of wider.
    """

    label: str
    size: float
    fill: str
    ink: str
    stroke: Optional[str] = None
    bold: bool = True
    icon: Optional[str] = None  # "star" draws a star before the label
    max_width: float = 1e9

    @property
    def _icon_width(self) -> float:
        return self.size * 1.1 if self.icon else 0.0

    @cached_property
    def lines(self) -> tuple[str, ...]:
        room = self.max_width - self.size - self._icon_width
        return tuple(wrap(self.label, room, self.size, self.bold)) or ("",)

    @cached_property
    def width(self) -> float:
        widest = max(text_width(line, self.size, self.bold) for line in self.lines)
        return widest + self.size + self._icon_width

    @property
    def height(self) -> float:
        return self.size * 1.6 + (len(self.lines) - 1) * line_height(self.size)

    def draw(self, x: float, y: float) -> str:
        radius = min(self.height, self.size * 1.6) / 2
        out = [svg.rect(x, y, self.width, self.height, self.fill, stroke=self.stroke,
                        radius=radius)]
        left = x
        if self.icon == "star":
            out.append(svg.star(x + self.size * 0.95, y + self.size * 0.8, self.size * 0.5,
                                self.ink))
            left += self._icon_width
        centre = (left + x + self.width) / 2
        for index, line in enumerate(self.lines):
            out.append(svg.text(centre, y + self.size * 1.17 + index * line_height(self.size),
                                line, self.size, self.ink, bold=self.bold, anchor="middle"))
        return "".join(out)


@dataclass(frozen=True)
class Beside:
    """A pill with a paragraph to its right (or below it when the column is too narrow)."""

    pill: Pill
    text: Paragraph
    below: bool
    gap: float = 6.0

    @property
    def height(self) -> float:
        if self.below:
            return self.pill.height + 2 + self.text.height
        return max(self.pill.height, self.text.height)

    def draw(self, x: float, y: float) -> str:
        if self.below:
            return self.pill.draw(x, y) + self.text.draw(x, y + self.pill.height + 2)
        # Centre a one-line text on the pill; longer text starts level with the pill's top.
        offset = (self.pill.height - line_height(self.text.size)) / 2
        return self.pill.draw(x, y) + self.text.draw(x + self.pill.width + self.gap,
                                                     y + max(offset, 0.0))


def beside(pill: Pill, content: str, width: float, size: float, fill: str,
           *, bold: bool = False) -> Beside:
    room = width - pill.width - 6
    below = room < 70 or not content
    lines = wrap(content, width if below else room, size, bold)
    return Beside(pill, Paragraph(tuple(lines), size, fill, bold), below)


@dataclass(frozen=True)
class Bullet:
    """A paragraph with a marker before its first line."""

    text: Paragraph
    marker: str
    indent: float = 12.0

    @property
    def height(self) -> float:
        return self.text.height

    def draw(self, x: float, y: float) -> str:
        middle = y + line_height(self.text.size) / 2
        dot = svg.circle(x + 3.5, middle, 3.0, self.marker)
        return dot + self.text.draw(x + self.indent, y)


def bullet(content: str, width: float, size: float, fill: str, marker: str) -> Bullet:
    return Bullet(paragraph(content, width - 12, size, fill), marker)


@dataclass(frozen=True)
class PillRow:
    """Pills laid out left to right, wrapping onto further rows."""

    rows: tuple[tuple[Pill, ...], ...]
    gap: float = 5.0

    @property
    def height(self) -> float:
        return sum(max(p.height for p in row) for row in self.rows) + self.gap * (
            len(self.rows) - 1)

    def draw(self, x: float, y: float) -> str:
        out = []
        for row in self.rows:
            left = x
            for pill in row:
                out.append(pill.draw(left, y))
                left += pill.width + self.gap
            y += max(p.height for p in row) + self.gap
        return "".join(out)


def pill_row(pills: Sequence[Pill], width: float, gap: float = 5.0) -> PillRow:
    rows: list[list[Pill]] = [[]]
    used = 0.0
    for pill in pills:
        if rows[-1] and used + gap + pill.width > width:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0.0) + pill.width
        rows[-1].append(pill)
    return PillRow(tuple(tuple(row) for row in rows if row), gap)


@dataclass(frozen=True)
class Stack:
    """Blocks one above the other with a gap between them."""

    blocks: tuple[Block, ...]
    gap: float = GAP

    @cached_property
    def height(self) -> float:
        if not self.blocks:
            return 0.0
        return sum(b.height for b in self.blocks) + self.gap * (len(self.blocks) - 1)

    def draw(self, x: float, y: float) -> str:
        out = []
        for block in self.blocks:
            out.append(block.draw(x, y))
            y += block.height + self.gap
        return "".join(out)


@dataclass(frozen=True)
class Card:
    """Blocks inside a box, with an optional coloured bar down its left edge."""

    inner: Stack
    width: float
    fill: str
    stroke: str
    accent: Optional[str] = None
    pad: float = 7.0
    dash: Optional[str] = None

    @property
    def height(self) -> float:
        return self.inner.height + 2 * self.pad

    def draw(self, x: float, y: float) -> str:
        out = [svg.rect(x, y, self.width, self.height, self.fill, stroke=self.stroke,
                        radius=4, dash=self.dash)]
        left = self.pad
        if self.accent:
            out.append(svg.rect(x, y, 4, self.height, self.accent, radius=2))
            left += 3
        out.append(self.inner.draw(x + left, y + self.pad))
        return "".join(out)


def card_width(width: float, accent: bool) -> float:
    """The room for text inside a card that is ``width`` wide."""
    return width - 2 * 7.0 - (3 if accent else 0)


@dataclass(frozen=True)
class Segment:
    value: float
    fill: str
    label: str
    ink: str
    hatch: Optional[str] = None  # an id of a pattern to lay over the fill


@dataclass(frozen=True)
class StackedBar:
    """A horizontal bar split into segments, each labelled with its number when it fits."""

    segments: tuple[Segment, ...]
    width: float
    bar_height: float = 18.0
    size: float = 11.0

    @property
    def height(self) -> float:
        return self.bar_height

    def draw(self, x: float, y: float) -> str:
        total = sum(s.value for s in self.segments)
        out = []
        left = x
        for segment in self.segments:
            if segment.value <= 0:
                continue
            span = self.width * segment.value / total if total else 0.0
            out.append(svg.rect(left, y, span, self.bar_height, segment.fill))
            if segment.hatch:
                out.append(svg.rect(left, y, span, self.bar_height, f"url(#{segment.hatch})"))
            label_width = text_width(segment.label, self.size, True)
            if label_width + 4 <= span:
                if segment.hatch:  # a solid chip under the number keeps it readable
                    out.append(svg.rect(left + (span - label_width) / 2 - 2, y + 2,
                                        label_width + 4, self.bar_height - 4, segment.fill,
                                        radius=2))
                out.append(svg.text(left + span / 2, y + self.bar_height / 2 + self.size * 0.36,
                                    segment.label, self.size, segment.ink, bold=True,
                                    anchor="middle"))
            left += span
        return "".join(out)


@dataclass(frozen=True)
class Indented:
    """A block moved right by ``dx``."""

    block: Block
    dx: float

    @property
    def height(self) -> float:
        return self.block.height

    def draw(self, x: float, y: float) -> str:
        return self.block.draw(x + self.dx, y)
