"""Colour themes for the SVG map and the flow diagram.

``default`` is for screens and colour print. ``high-contrast`` keeps every pair of meaningful
colours apart for the common kinds of colour blindness (it is built on the Okabe-Ito palette:
blue for good, vermilion for bad, never red against green), uses black ink and heavier lines,
and hatches negative feedback, so the map still reads in greyscale print. In both themes the
numbers are always written out, so no fact is carried by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """The colours and line weights of one theme (hex colours, pixel widths)."""

    name: str
    background: str
    ink: str
    muted: str
    faint: str
    grid: str
    lane_label: str
    column_tint: str
    stage_fills: tuple[str, ...]
    stage_ink: str
    positive: str
    neutral: str
    negative: str
    no_data: str
    curve_mid: str
    moment: str
    moment_tint: str
    optional: str
    pain: str
    status: dict[str, str]
    status_ink: str
    rag: dict[str, str]
    line_width: float = 1.0
    curve_width: float = 3.0
    hatch_negative: bool = False

    def stage_fill(self, index: int) -> str:
        return self.stage_fills[index % len(self.stage_fills)]


DEFAULT = Theme(
    name="default",
    background="#ffffff",
    ink="#1f2933",
    muted="#52606d",
    faint="#9aa5b1",
    grid="#d9e2ec",
    lane_label="#f0f4f8",
    column_tint="#f8fafc",
    stage_fills=("#1f4e79", "#2c6e63", "#5b4a8b", "#8a4b24", "#3e5c76"),
    stage_ink="#ffffff",
    positive="#2e9e5b",
    neutral="#b8c2cc",
    negative="#d64545",
    no_data="#9aa5b1",
    curve_mid="#e8a317",
    moment="#c77700",
    moment_tint="#fff4de",
    optional="#7b8794",
    pain="#d64545",
    status={"proposed": "#7b8794", "agreed": "#2f6fb0", "in-progress": "#b86e00",
            "done": "#2e8b57", "declined": "#8e3b46"},
    status_ink="#ffffff",
    rag={"red": "#d64545", "amber": "#e8a317", "green": "#2e9e5b"},
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#ffffff",
    ink="#000000",
    muted="#262626",
    faint="#595959",
    grid="#595959",
    lane_label="#e6e6e6",
    column_tint="#f5f5f5",
    stage_fills=("#000000", "#004d80", "#3d3d3d", "#00593f"),
    stage_ink="#ffffff",
    positive="#0072b2",
    neutral="#b3b3b3",
    negative="#d55e00",
    no_data="#595959",
    curve_mid="#7f7f7f",
    moment="#000000",
    moment_tint="#fff2b3",
    optional="#000000",
    pain="#d55e00",
    status={"proposed": "#4d4d4d", "agreed": "#0072b2", "in-progress": "#a35200",
            "done": "#006e52", "declined": "#000000"},
    status_ink="#ffffff",
    rag={"red": "#d55e00", "amber": "#e69f00", "green": "#0072b2"},
    line_width=1.5,
    curve_width=4.0,
    hatch_negative=True,
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (DEFAULT, HIGH_CONTRAST)}


class UnknownTheme(ValueError):
    """A theme name that is not in :data:`THEMES`."""


def get_theme(name: str) -> Theme:
    """The theme called ``name``; raises :class:`UnknownTheme` naming the choices."""
    try:
        return THEMES[name]
    except KeyError:
        choices = ", ".join(sorted(THEMES))
        raise UnknownTheme(f"unknown theme {name!r}; choose one of: {choices}") from None
