"""The map's title block: what journey, whose, when, on what evidence, and the headline figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from cjmap.figures import wording
from cjmap.figures.derived import all_actions, balance, is_open, moments_of_truth
from cjmap.figures.evidence import JourneyFigures
from cjmap.model import JourneyMap, Research
from cjmap.render import svg
from cjmap.render.blocks import Block, Paragraph, Stack, paragraph
from cjmap.render.layout import wrap
from cjmap.render.themes import Theme

FIGURE_WIDTH = 108.0
FIGURE_GAP = 10.0
FIGURE_HEIGHT = 70.0
PAST_WAVE = "PAST WAVE (archived): its actions are followed up in a later wave"


def _people(count: Optional[int], audience: str) -> str:
    """Who took part: "staff", "customers", "1 customer"; "customer" as in "customer survey"."""
    if audience == "staff":
        return "staff"
    if count is None:
        return "customer"
    return "customer" if count == 1 else "customers"


def research_phrase(research: Research) -> str:
    """One strand of research in words: "20 customers interviewed", "staff focus group"."""
    n, who = research.participants, _people(research.participants, research.audience)
    if n is None:
        phrases = {"interview": f"{who} interviews", "focus-group": f"{who} focus group",
                   "survey": f"{who} survey", "observation": "observation",
                   "complaint-data": "complaint data", "other": "other research"}
        return phrases[research.method]
    phrases = {
        "interview": f"{n} {who} interviewed",
        "focus-group": f"focus group of {n} {who}",
        "survey": f"survey of {n} {who}",
        "observation": f"observation of {n} {who}",
        "complaint-data": f"{n} complaints analysed",
        "other": f"other research with {n} {who}",
    }
    return phrases[research.method]


def _meta(journey: JourneyMap) -> list[str]:
    info = journey.journey
    parts = [p for p in (info.organisation, info.period) if p]
    if info.owner:
        parts.append(f"Owner: {info.owner}")
    lines = [" \u00b7 ".join(parts)] if parts else []
    if info.research:
        lines.append("Research: " + "; ".join(research_phrase(r) for r in info.research))
    return lines


def _extremes(figures: JourneyFigures) -> Optional[str]:
    """"Highest point: X (net +83) · Lowest point: Y (net −60)", over points on solid
    evidence in the curve's series (:func:`cjmap.figures.evidence.extremes`)."""
    return wording.extremes(figures.highest, figures.lowest, figures.curve)


def figures(journey: JourneyMap, journey_figures: Optional[JourneyFigures] = None
            ) -> list[tuple[str, str]]:
    """The headline numbers: (figure, caption)."""
    out = [(str(len(journey.steps)), "steps" if len(journey.steps) != 1 else "step"),
           (str(len(moments_of_truth(journey))), "moments of truth")]
    comments = sum(balance(step).total for step in journey.steps)
    if comments:
        out.append((str(comments), "feedback comments"))
    actions = [action for _, action in all_actions(journey)]
    if actions:
        still = sum(1 for action in actions if is_open(action))
        out.append((str(still), f"of {len(actions)} actions open"))
    if journey_figures is not None and journey_figures.yearly_cost is not None:
        out.append((wording.money_short(journey_figures.yearly_cost),
                    "a year of failure demand"))
    return out


@dataclass(frozen=True)
class TitleBlock:
    text: Stack
    figures: list[tuple[str, str]]
    figures_below: bool
    width: float
    theme: Theme

    @property
    def figures_width(self) -> float:
        return len(self.figures) * (FIGURE_WIDTH + FIGURE_GAP) - FIGURE_GAP

    @property
    def height(self) -> float:
        if self.figures_below:
            return self.text.height + 16 + FIGURE_HEIGHT
        return max(self.text.height, FIGURE_HEIGHT)

    def draw(self, x: float, y: float) -> str:
        out = [self.text.draw(x, y)]
        if self.figures_below:
            left, top = x, y + self.text.height + 16
        else:
            left, top = x + self.width - self.figures_width, y
        for figure, caption in self.figures:
            out.append(_figure(left, top, figure, caption, self.theme))
            left += FIGURE_WIDTH + FIGURE_GAP
        return "".join(out)


def _figure(x: float, y: float, figure: str, caption: str, theme: Theme) -> str:
    box = svg.rect(x, y, FIGURE_WIDTH, FIGURE_HEIGHT, theme.lane_label, radius=6)
    number = svg.text(x + 12, y + 32, figure, 26, theme.ink, bold=True)
    lines = wrap(caption, FIGURE_WIDTH - 24, 11)
    words = Paragraph(tuple(lines[:2]), 11, theme.muted).draw(x + 12, y + 38)
    return box + number + words


def title_block(journey: JourneyMap, journey_figures: JourneyFigures, width: float,
                theme: Theme) -> TitleBlock:
    """The block for a map ``width`` pixels wide; figures sit right when there is room."""
    numbers = figures(journey, journey_figures)
    figures_width = len(numbers) * (FIGURE_WIDTH + FIGURE_GAP)
    below = width - figures_width < 420
    room = width if below else width - figures_width - 24
    info = journey.journey
    blocks: list[Block] = [paragraph(PAST_WAVE, room, 13, theme.moment, bold=True)] if (
        info.archived) else []
    blocks += [paragraph(info.title, room, 28, theme.ink, bold=True),
                           paragraph(f"Customer: {info.customer}", room, 15, theme.ink)]
    blocks.extend(paragraph(line, room, 13, theme.muted) for line in _meta(journey))
    extremes = _extremes(journey_figures)
    if extremes:
        blocks.append(paragraph(extremes, room, 13, theme.ink))
    return TitleBlock(Stack(tuple(blocks), 6), numbers, below, width, theme)

