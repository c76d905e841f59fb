"""SVG element strings, with every piece of user text escaped.

All markup in the map is built here or from these helpers, so escaping happens in one place:
``esc`` for text content and ``attr`` for attribute values. Characters XML 1.0 forbids (most
control characters) are dropped rather than escaped, because no escape makes them legal; so are
the bidirectional overrides and isolates, which would let a piece of text display reversed
(right-to-left scripts need none of them to display correctly).
"""

from __future__ import annotations

import re
from typing import Optional

from cjmap.render.layout import fmt
from cjmap.safe_text import xml_attribute, xml_escape

_DROPPED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text without the characters XML cannot carry and without bidirectional overrides."""
    return _DROPPED.sub("", text)


def esc(text: str) -> str:
    """Text content, escaped (``&``, ``<`` and ``>``)."""
    return xml_escape(clean(text))


def attr(value: str) -> str:
    """A quoted attribute value, escaped (quotes included)."""
    return xml_attribute(clean(value))


def text(x: float, y: float, content: str, size: float, fill: str, *, bold: bool = False,
         italic: bool = False, anchor: str = "start", extra: str = "") -> str:
    """One line of text whose baseline is at ``y``."""
    style = f' font-size="{fmt(size)}" fill="{fill}"'
    if bold:
        style += ' font-weight="bold"'
    if italic:
        style += ' font-style="italic"'
    if anchor != "start":
        style += f' text-anchor="{anchor}"'
    return f'<text x="{fmt(x)}" y="{fmt(y)}"{style}{extra}>{esc(content)}</text>'


def rect(x: float, y: float, width: float, height: float, fill: str, *,
         stroke: Optional[str] = None, stroke_width: float = 1.0, radius: float = 0.0,
         dash: Optional[str] = None, extra: str = "") -> str:
    parts = [f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(width)}" height="{fmt(height)}"']
    if radius:
        parts.append(f' rx="{fmt(radius)}"')
    parts.append(f' fill="{fill}"')
    if stroke:
        parts.append(f' stroke="{stroke}" stroke-width="{fmt(stroke_width)}"')
    if dash:
        parts.append(f' stroke-dasharray="{dash}"')
    parts.append(f"{extra}/>")
    return "".join(parts)


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1.0,
         dash: Optional[str] = None) -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
            f'stroke="{stroke}" stroke-width="{fmt(width)}"{dashed}/>')


def circle(cx: float, cy: float, r: float, fill: str, *, stroke: Optional[str] = None,
           stroke_width: float = 1.0) -> str:
    outline = f' stroke="{stroke}" stroke-width="{fmt(stroke_width)}"' if stroke else ""
    return f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(r)}" fill="{fill}"{outline}/>'


def points(pairs: list[tuple[float, float]]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in pairs)


def polygon(pairs: list[tuple[float, float]], fill: str, *, stroke: Optional[str] = None,
            stroke_width: float = 1.0, extra: str = "") -> str:
    outline = f' stroke="{stroke}" stroke-width="{fmt(stroke_width)}"' if stroke else ""
    return f'<polygon points="{points(pairs)}" fill="{fill}"{outline}{extra}/>'


def star(cx: float, cy: float, outer: float, fill: str, stroke: Optional[str] = None) -> str:
    """A five-pointed star centred on (cx, cy)."""
    import math

    inner = outer * 0.45
    corners = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        corners.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return polygon(corners, fill, stroke=stroke)


def title(content: str) -> str:
    """A ``<title>`` child: the tooltip and accessible name of its parent."""
    return f"<title>{esc(content)}</title>"
