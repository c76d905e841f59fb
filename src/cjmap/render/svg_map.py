"""The journey map as one standalone SVG document (``cjmap render --view map``).

One column per step, in the customer's order, grouped under stage bands; lanes beneath for the
experience curve, the feedback balance, moments of truth, touchpoints, doing / thinking /
feeling, the customer's own words, pain points, measures and actions; a title block above and a
legend below. Each lane is as tall as its fullest cell, so nothing overlaps, and the cost is
linear in the number of steps.

The document is deterministic (fixed-precision numbers, ids derived from the content) and
self-contained: no scripts, no external fonts or images, so it embeds inline in HTML too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Optional, Sequence

from cjmap.figures import wording
from cjmap.figures.evidence import JourneyFigures, journey_figures
from cjmap.model import JourneyMap, Step
from cjmap.render import svg
from cjmap.render.blocks import Block, Paragraph, Pill, Stack, paragraph, pill_row
from cjmap.render.curve import HEIGHT as CURVE_HEIGHT
from cjmap.render.curve import axis_labels, draw_curve, gradient, has_curve
from cjmap.render.lanes import LANES_AFTER_CURVE, SMALL, Context, Lane
from cjmap.render.layout import fmt
from cjmap.render.legend import draw_legend, items, legend_height, marks_of
from cjmap.render.themes import Theme, get_theme
from cjmap.render.titleblock import title_block

MARGIN = 28.0
LABEL_WIDTH = 168.0
COLUMN_WIDTH = 236.0
MIN_GRID = 1000.0  # the narrowest grid, so a 3-step map still has room for its title and legend
# The title block and legend span the map up to this width; on wider maps they keep to
# BLOCK_ON_WIDE pixels near the left edge, where a reader starts.
FULL_BLOCK_UP_TO = 2000.0
BLOCK_ON_WIDE = 1400.0
PAD = 10.0
FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"


@dataclass(frozen=True)
class Geometry:
    """Where the columns are."""

    count: int
    column: float
    left: float  # x of the first step column

    @property
    def right(self) -> float:
        return self.left + self.count * self.column

    @property
    def inner(self) -> float:
        return self.column - 2 * PAD

    def x(self, index: int) -> float:
        return self.left + index * self.column

    def centre(self, index: int) -> float:
        return self.x(index) + self.column / 2


def geometry(count: int) -> Geometry:
    column = max(COLUMN_WIDTH, (MIN_GRID - LABEL_WIDTH) / count)
    return Geometry(count, column, MARGIN + LABEL_WIDTH)


@dataclass
class Canvas:
    """The parts of the document, drawn in order: backgrounds under content."""

    theme: Theme
    ids: str
    geo: Geometry
    back: list[str]
    front: list[str]
    y: float
    curve_top: float = 0.0


def document_ids(journey: JourneyMap, theme: Theme) -> str:
    """An id prefix from the content: stable for the same map, distinct for different maps,
    so several maps inlined in one HTML page never share a gradient or pattern id."""
    digest = hashlib.sha1(f"{theme.name}\n{journey.model_dump_json()}".encode()).hexdigest()
    return f"cj{digest[:10]}"


def render_map_svg(journey: JourneyMap, theme: str = "default") -> str:
    """The map as a complete SVG document with width, height and viewBox."""
    style = get_theme(theme)
    ids = document_ids(journey, style)
    geo = geometry(len(journey.steps))
    canvas = Canvas(style, ids, geo, [], [], MARGIN)
    figures = journey_figures(journey)
    block = title_block(journey, figures, _block_width(geo), style)
    canvas.front.append(block.draw(MARGIN, canvas.y))
    canvas.y += block.height + 24
    _stage_row(journey, canvas)
    header_top = canvas.y
    _header_row(journey.steps, canvas)
    if has_curve(figures):
        _curve_row(figures, canvas)
    ctx = Context(style, ids, figures)
    for lane in LANES_AFTER_CURVE:
        _lane_row(lane, journey.steps, ctx, canvas)
    _columns(journey.steps, canvas, header_top)
    _legend(journey, figures, canvas)
    return _document(journey, canvas, geo.right + MARGIN, canvas.y + MARGIN)


def map_width(journey: JourneyMap) -> float:
    """The width of :func:`render_map_svg`'s document, without drawing it."""
    return geometry(len(journey.steps)).right + MARGIN


def _block_width(geo: Geometry) -> float:
    width = geo.right - MARGIN
    return width if width <= FULL_BLOCK_UP_TO else BLOCK_ON_WIDE


def _legend(journey: JourneyMap, figures: JourneyFigures, canvas: Canvas) -> None:
    entries = items(marks_of(journey, figures))
    if entries:
        room = _block_width(canvas.geo)
        canvas.y += 24
        canvas.front.append(draw_legend(entries, MARGIN, canvas.y, room, canvas.theme,
                                        canvas.ids))
        canvas.y += legend_height(entries, room)


def _document(journey: JourneyMap, canvas: Canvas, width: float, height: float) -> str:
    theme, ids = canvas.theme, canvas.ids
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{fmt(width)}" '
            f'height="{fmt(height)}" viewBox="0 0 {fmt(width)} {fmt(height)}" role="img" '
            f'aria-labelledby="{ids}-title {ids}-desc" font-family="{FONT}">')
    info = journey.journey
    parts = [
        head,
        f'<title id="{ids}-title">{svg.esc(("Past wave: " if info.archived else "") + "Customer journey map: " + info.title)}</title>',
        f'<desc id="{ids}-desc">{svg.esc(_description(journey))}</desc>',
        _defs(canvas),
        svg.rect(0, 0, width, height, theme.background),
        *canvas.back,
        *canvas.front,
        "</svg>\n",
    ]
    return "\n".join(parts)


def _description(journey: JourneyMap) -> str:
    info = journey.journey
    stages = len({step.stage for step in journey.steps if step.stage})
    text = f"{info.customer}. {len(journey.steps)} steps"
    if stages:
        text += f" in {stages} stages"
    return text + "."


def _defs(canvas: Canvas) -> str:
    theme, ids = canvas.theme, canvas.ids
    hatch = (f'<pattern id="{ids}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="3" height="6" '
             f'fill="{theme.background}" fill-opacity="0.45"/></pattern>')
    return f"<defs>{gradient(ids, canvas.curve_top, theme)}{hatch}</defs>"


def _label_cell(title: str, hint: Optional[str], width: float, theme: Theme) -> Stack:
    blocks: list[Block] = [paragraph(title, width, 12.5, theme.ink, bold=True)]
    if hint:
        blocks.append(paragraph(hint, width, SMALL, theme.muted))
    return Stack(tuple(blocks), 3)


def _row(canvas: Canvas, key: str, label: Stack, cells: Sequence[Block],
         steps: Sequence[Step], min_height: float = 0.0,
         tips: Sequence[Optional[str]] = ()) -> float:
    """Draw a row of cells under a label; returns its height."""
    geo, theme = canvas.geo, canvas.theme
    height = max([label.height, min_height] + [cell.height for cell in cells]) + 2 * PAD
    top = canvas.y
    canvas.back.append(svg.rect(MARGIN, top, LABEL_WIDTH, height, theme.lane_label))
    out = [f'<g class="lane" data-lane="{key}">', label.draw(MARGIN + PAD, top + PAD)]
    for index, (step, cell) in enumerate(zip(steps, cells)):
        if cell.height:
            text = tips[index] if index < len(tips) else None
            tip = svg.title(text) if text else ""
            out.append(f'<g class="cell" data-step={svg.attr(step.id)}>{tip}'
                       f'{cell.draw(geo.x(index) + PAD, top + PAD)}</g>')
    out.append("</g>")
    canvas.front.append("".join(out))
    canvas.back.append(svg.line(MARGIN, top + height, geo.right, top + height, theme.grid,
                                theme.line_width))
    canvas.y += height
    return height


def _stage_row(journey: JourneyMap, canvas: Canvas) -> None:
    """Bands spanning each run of consecutive steps in one stage."""
    runs = _stage_runs(journey.steps)
    if not any(stage for stage, _, _ in runs):
        return
    geo, theme = canvas.geo, canvas.theme
    names = journey.stage_names()
    order = {stage.id: index for index, stage in enumerate(journey.stages)}
    bands = []
    for stage, first, last in runs:
        if stage is None:
            continue
        span = (last - first + 1) * geo.column
        text = paragraph(names.get(stage, stage), span - 24, 14, theme.stage_ink, bold=True)
        bands.append((stage, first, span, text))
    height = max(band[3].height for band in bands) + 20
    top = canvas.y
    label = _label_cell("Stage", None, LABEL_WIDTH - 2 * PAD, theme)
    canvas.back.append(svg.rect(MARGIN, top, LABEL_WIDTH, height, theme.lane_label))
    out = ['<g class="lane" data-lane="stages">', label.draw(MARGIN + PAD, top + PAD)]
    for stage, first, span, text in bands:
        left = geo.x(first) + 2
        out.append(f'<g class="stage" data-stage={svg.attr(stage)}>')
        out.append(svg.rect(left, top + 3, span - 4, height - 6,
                            theme.stage_fill(order.get(stage, 0)), radius=4))
        out.append(text.draw(left + 10, top + 10) + "</g>")
    out.append("</g>")
    canvas.front.append("".join(out))
    canvas.y += height


def _stage_runs(steps: Sequence[Step]) -> list[tuple[Optional[str], int, int]]:
    runs: list[tuple[Optional[str], int, int]] = []
    for index, step in enumerate(steps):
        if runs and runs[-1][0] == step.stage:
            runs[-1] = (step.stage, runs[-1][1], index)
        else:
            runs.append((step.stage, index, index))
    return runs


def _header(step: Step, number: int, width: float, theme: Theme) -> Stack:
    blocks: list[Block] = [Paragraph((f"STEP {number}",), 10.5, theme.muted, bold=True),
                           paragraph(step.name, width, 15, theme.ink, bold=True)]
    tags = []
    if step.is_moment_of_truth:
        tags.append(Pill("moment of truth", SMALL, theme.moment, theme.background, icon="star"))
    if step.optional:
        tags.append(Pill("optional", SMALL, theme.background, theme.optional,
                         stroke=theme.optional))
    if tags:
        blocks.append(pill_row(tags, width))
    return Stack(tuple(blocks), 4)


def _header_row(steps: Sequence[Step], canvas: Canvas) -> None:
    geo, theme = canvas.geo, canvas.theme
    cells = [_header(step, index + 1, geo.inner, theme) for index, step in enumerate(steps)]
    top = canvas.y
    # The summary is too long for the grid, so it is the step name's tooltip.
    height = _row(canvas, "steps", _label_cell("Step", None, LABEL_WIDTH - 2 * PAD, theme),
                  cells, steps, tips=[step.summary for step in steps])
    for index, step in enumerate(steps):
        if step.is_moment_of_truth:
            canvas.back.append(svg.rect(geo.x(index), top, geo.column, height,
                                        theme.moment_tint))


def _curve_row(figures: JourneyFigures, canvas: Canvas) -> None:
    geo, theme = canvas.geo, canvas.theme
    steps = [item.step for item in figures.steps]
    top = canvas.y
    label = _label_cell("Experience", wording.series_name(figures.curve), LABEL_WIDTH - 60,
                        theme)
    canvas.curve_top = top
    _row(canvas, "curve", label, [], steps,
         min_height=max(CURVE_HEIGHT - 2 * PAD, label.height))
    centres = [geo.centre(index) for index in range(len(steps))]
    canvas.front.append(f'<g class="curve" data-series="{figures.curve}">'
                        + axis_labels(top, MARGIN + LABEL_WIDTH - 8, theme)
                        + draw_curve(figures, centres, top, geo.left, geo.right, theme,
                                     canvas.ids) + "</g>")


def _lane_row(lane: Lane, steps: Sequence[Step], ctx: Context, canvas: Canvas) -> None:
    width = canvas.geo.inner
    cells = [Stack(tuple(lane.build(step, width, ctx))) for step in steps]
    if not any(cell.blocks for cell in cells):
        return
    label = _label_cell(lane.label, lane.hint, LABEL_WIDTH - 2 * PAD, ctx.theme)
    _row(canvas, lane.key, label, cells, steps)


def _columns(steps: Sequence[Step], canvas: Canvas, header_top: float) -> None:
    """Column tints, separators and optional-step outlines, under and over the content."""
    geo, theme = canvas.geo, canvas.theme
    bottom = canvas.y
    under = []
    for index, step in enumerate(steps):
        if index % 2:
            under.append(svg.rect(geo.x(index), header_top, geo.column, bottom - header_top,
                                  theme.column_tint))
    canvas.back[:0] = under
    for index in range(len(steps) + 1):
        canvas.back.append(svg.line(geo.x(index), header_top, geo.x(index), bottom, theme.grid,
                                    theme.line_width))
    canvas.back.append(svg.line(MARGIN, header_top, geo.right, header_top, theme.grid,
                                theme.line_width))
    for index, step in enumerate(steps):
        if step.optional:
            canvas.front.append(svg.rect(geo.x(index) + 3, header_top + 3, geo.column - 6,
                                         bottom - header_top - 6, "none",
                                         stroke=theme.optional, stroke_width=1.5,
                                         dash="8 5", radius=6))
