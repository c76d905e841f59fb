"""The flow view: the journey as a graphviz diagram (``cjmap render --view flow``).

Steps run left to right inside their stage's box, from a start dot to an end ring. Each step
shows the curve's figure (its declared series, with its n) as a coloured edge strip and in
words, the other series beside it ("also: ..."), and its channels beside its name. A figure on
thin evidence leaves the strip grey.
Optional steps are dashed and can be bypassed (a dashed edge jumps over them); moments of
truth have a heavy outline and say so.

``to_dot`` writes the DOT source; ``run_dot`` lays it out with graphviz's ``dot`` program: the
system's when it is on PATH, otherwise ``graphviz-pure``, a dot-compatible program that
installs from PyPI with cjmap, so ``pip install`` alone is enough.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from typing import Optional, Sequence

from cjmap.figures import wording
from cjmap.figures.evidence import FEEDBACK, SURVEY, StepEvidence, step_figures
from cjmap.model import JourneyMap, Step
from cjmap.render.curve import colour
from cjmap.render.layout import text_width
from cjmap.render.svg import clean
from cjmap.render.themes import Theme, get_theme

FONT = "Helvetica"  # one name: graphviz has built-in metrics for it, not for a list of fonts
NAME_WIDTH = 24  # characters per line of a step name
CHANNEL_WIDTH = 18
STAGE_WIDTH = 40
TITLE_WIDTH = 60
SUBTITLE_WIDTH = 100
TOP_TO_BOTTOM_FROM = 13  # steps: a longer journey runs down the page, not across it
LEFT_BREAK = '<BR ALIGN="LEFT"/>'  # a line break that left-aligns the line before it
ENGINES = ("auto", "system", "pure")
TIMEOUT = 120  # seconds a layout may take before it is abandoned

class EngineError(Exception):
    """No layout program is available, or it failed."""


def html(text: str) -> str:
    """Text for a graphviz HTML-like label: XML-escaped, whitespace collapsed."""
    return html_escape(" ".join(clean(text).split()), quote=True)


def quoted(text: str) -> str:
    """A DOT double-quoted string; backslashes are doubled so ``\\N`` and friends stay text."""
    plain = " ".join(clean(text).split())
    return '"' + plain.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, break_long_words=True,
                         break_on_hyphens=False) or [""]


def _wrapped(text: str, width: int, join: str = "<BR/>") -> str:
    """Escaped text in lines of at most ``width`` characters, for an HTML-like label."""
    return join.join(html(line) for line in _lines(text, width))


def _figures(item: StepEvidence, series: str) -> list[str]:
    """The curve's figure for the step with its n, then the other series' as "also: ..."."""
    main = wording.series_brief(item, series)
    other = wording.series_brief(item, FEEDBACK if series == SURVEY else SURVEY)
    lines = [main or f"no {wording.SERIES_SHORT[series]}"]
    if other:
        lines.append(f"also: {other}")
    return lines


def _min_width(lines: Sequence[str], size: float, bold: bool = False) -> int:
    """A cell's minimum width in points, from cjmap's own (generous) text estimate: layout
    engines that misjudge bold or non-ASCII text would otherwise let it spill out."""
    return int(max(text_width(line, size, bold) for line in lines)) + 10


def _channels(step: Step) -> list[str]:
    return list(dict.fromkeys(touchpoint.channel for touchpoint in step.touchpoints))


def _label(item: StepEvidence, number: int, series: str, theme: Theme) -> str:
    step, value = item.step, item.curve
    strip = theme.no_data if value is None or item.curve_thin else colour(value, theme)
    lines = _lines(step.name, NAME_WIDTH)
    name = "<BR/>".join(f"<B>{html(line)}</B>" for line in lines)
    figures = _figures(item, series)
    text = "<BR/>".join(html(line) for line in figures)
    rows = [f'<TR><TD BGCOLOR="{strip}" WIDTH="7" ROWSPAN="{_rowspan(step)}"></TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{_min_width(lines, 11, True)}">'
            f'<FONT POINT-SIZE="9" COLOR="{theme.muted}">STEP {number}</FONT><BR/>{name}</TD>'
            f"{_channel_cell(step, theme)}</TR>",
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2" '
            f'WIDTH="{_min_width(figures, 10)}">'
            f'<FONT POINT-SIZE="10" COLOR="{theme.muted}">{text}</FONT></TD></TR>']
    if step.is_moment_of_truth:
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2" BGCOLOR="{theme.moment_tint}">'
                    f'<FONT POINT-SIZE="10" COLOR="{theme.ink}"><B>MOMENT OF TRUTH'
                    "</B></FONT></TD></TR>")
    if step.optional:
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10" '
                    f'COLOR="{theme.optional}"><I>optional: some customers only</I></FONT>'
                    "</TD></TR>")
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4">'
            + "".join(rows) + "</TABLE>>")


def _rowspan(step: Step) -> int:
    return 2 + int(step.is_moment_of_truth) + int(step.optional)


def _channel_cell(step: Step, theme: Theme) -> str:
    channels = _channels(step)
    if not channels:
        return '<TD></TD>'
    lines = [line for channel in channels for line in _lines(channel, CHANNEL_WIDTH)]
    text = "<BR/>".join(html(line) for line in lines)
    return (f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="{theme.lane_label}" '
            f'WIDTH="{_min_width(lines, 9)}">'
            f'<FONT POINT-SIZE="9" COLOR="{theme.ink}">{text}</FONT></TD>')


def _node(item: StepEvidence, number: int, series: str, theme: Theme) -> str:
    step = item.step
    style = "rounded,filled" + (",dashed" if step.optional else "")
    if step.is_moment_of_truth:
        outline = f'color="{theme.moment}", penwidth=3'
    else:
        outline = f'color="{theme.optional if step.optional else theme.faint}", penwidth=1.2'
    tooltip = f", tooltip={quoted(step.summary)}" if step.summary else ""
    return (f"  s{number} [shape=box, style=\"{style}\", fillcolor=\"{theme.background}\", "
            f"{outline}, margin=0.05{tooltip}, label={_label(item, number, series, theme)}];")


def _edges(steps: Sequence[Step], theme: Theme) -> list[str]:
    """Each step to the next; past an optional step, also a dashed edge that skips it."""
    names = ["start"] + [f"s{i + 1}" for i in range(len(steps))] + ["end"]
    optional = [False] + [step.optional for step in steps] + [False]
    edges = []
    for origin in range(len(names) - 1):
        target = origin + 1
        edges.append(f"  {names[origin]} -> {names[target]};")
        while optional[target] and target + 1 < len(names):
            target += 1
            edges.append(f"  {names[origin]} -> {names[target]} [style=dashed, "
                         f'color="{theme.optional}", tooltip="skips the optional step"];')
    return edges


def _clusters(journey: JourneyMap, theme: Theme) -> list[str]:
    """A box per run of consecutive steps in one stage."""
    names = journey.stage_names()
    out: list[str] = []
    runs: list[tuple[Optional[str], list[int]]] = []
    for number, step in enumerate(journey.steps, start=1):
        if runs and runs[-1][0] == step.stage:
            runs[-1][1].append(number)
        else:
            runs.append((step.stage, [number]))
    for index, (stage, numbers) in enumerate(runs):
        members = " ".join(f"s{n};" for n in numbers)
        if stage is None:
            out.append(f"  {members}")
            continue
        label = _wrapped(names.get(stage, stage), STAGE_WIDTH, LEFT_BREAK)
        out.append(f"  subgraph cluster_{index} {{ label=<<B>{label}</B>>; labeljust=l; "
                   f'style="rounded,filled"; fillcolor="{theme.lane_label}"; '
                   f'color="{theme.grid}"; fontcolor="{theme.ink}"; {members} }}')
    return out


def to_dot(journey: JourneyMap, theme: str = "default") -> str:
    """The flow diagram's DOT source (deterministic), ending in a newline."""
    style = get_theme(theme)
    info = journey.journey
    where = ", ".join(part for part in (info.organisation, info.period) if part)
    direction = "TB" if len(journey.steps) >= TOP_TO_BOTTOM_FROM else "LR"
    title = _wrapped(info.title, TITLE_WIDTH, LEFT_BREAK)
    subtitle = _wrapped(info.customer, SUBTITLE_WIDTH, LEFT_BREAK)
    if where:
        subtitle += LEFT_BREAK + _wrapped(where, SUBTITLE_WIDTH, LEFT_BREAK)
    lines = [
        "digraph journey {",
        f'  graph [rankdir={direction}, fontname="{FONT}", fontsize=12, '
        f'fontcolor="{style.ink}", bgcolor="{style.background}", labelloc=t, labeljust=l, '
        f'pad=0.3, nodesep=0.3, ranksep=0.45, newrank=true, charset="UTF-8", '
        f'label=<<FONT POINT-SIZE="20"><B>{title}</B></FONT>{LEFT_BREAK}{subtitle}'
        f"{LEFT_BREAK} {LEFT_BREAK}>];",
        f'  node [fontname="{FONT}", fontsize=11, fontcolor="{style.ink}"];',
        f'  edge [color="{style.muted}", arrowsize=0.8, penwidth=1.2];',
        f'  start [shape=circle, label="", width=0.2, style=filled, fillcolor="{style.ink}", '
        f'color="{style.ink}", tooltip="start"];',
        f'  end [shape=doublecircle, label="", width=0.16, style=filled, '
        f'fillcolor="{style.ink}", color="{style.ink}", tooltip="end"];',
    ]
    curve, items = step_figures(journey)
    lines += [_node(item, n, curve, style) for n, item in enumerate(items, start=1)]
    lines += _clusters(journey, style)
    lines += _edges(journey.steps, style)
    return "\n".join(lines + ["}"]) + "\n"


@dataclass(frozen=True)
class Engine:
    """A dot-compatible program: ``kind`` is "system" or "pure"."""

    kind: str
    path: str


def _pure_path() -> Optional[str]:
    folder = Path(sys.executable).parent
    for name in ("graphviz-pure", "graphviz-pure.exe"):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("graphviz-pure")


def find_engine(choice: str = "auto") -> Engine:
    """The layout program for ``choice`` (auto | system | pure), or :class:`EngineError`."""
    if choice not in ENGINES:
        raise EngineError(f"unknown engine {choice!r}; choose one of: {', '.join(ENGINES)}")
    system = shutil.which("dot") if choice in ("auto", "system") else None
    if system:
        return Engine("system", system)
    pure = _pure_path() if choice in ("auto", "pure") else None
    if pure:
        return Engine("pure", pure)
    if choice == "system":
        raise EngineError("graphviz's `dot` is not on PATH; install graphviz, or use "
                          "--engine pure (the graphviz-pure package)")
    raise EngineError("no graphviz layout program found: neither `dot` on PATH nor "
                      "graphviz-pure next to Python; run `pip install graphviz-pure`")


def run_dot(source: str, output_format: str, engine: Engine) -> bytes:
    """Lay out DOT ``source`` as ``svg`` or ``png``; raises :class:`EngineError` on failure."""
    args = [engine.path, f"-T{output_format}"]
    if output_format == "png":
        args.append("-Gdpi=144")  # print quality; graphviz's default 72 dpi looks blurred
    try:
        done = subprocess.run(args, input=source.encode("utf-8"), capture_output=True,
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise EngineError(f"{engine.path} could not run: {error}") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise EngineError(f"{Path(engine.path).name} failed: {message}")
    return done.stdout
