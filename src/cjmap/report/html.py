"""One self-contained HTML page from a Markdown report.

The Markdown report is the single source: the HTML page is that text converted by markdown-it-py
(already installed with rich), so a user's own Markdown template gets an HTML version for free
and the two formats cannot drift apart. Raw HTML in the Markdown is switched off, so even text
that escaped the templates' escaping could not become markup.

The page makes no request of any kind: the CSS is inline, the map is inline SVG (it replaces the
Mermaid block, which needs JavaScript to draw), and a Content-Security-Policy forbids anything
else, so the file can be mailed, attached to a board paper or opened offline.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Optional

from cjmap.background import in_background
from cjmap.load import GC_PAUSE_FROM, gc_paused
from cjmap.report.html_inline import use_inline_shortcuts
from cjmap.report.environment import html_environment, load, packaged_text, render

RAG_WORDS = {"Red": "rag-red", "Amber": "rag-amber", "Green": "rag-green"}
_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def _parser() -> Any:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}) \
        .enable(["table", "strikethrough"])
    use_inline_shortcuts(parser)
    return parser


def inline_svg(svg: str) -> str:
    """The SVG as an element for an HTML page: without its XML prologue or doctype."""
    prologue = _PROLOGUE.match(svg)  # a match at the start, not a search through the map
    return svg[prologue.end() if prologue else 0:].strip()


def _map_figure(svg: str, alt: str) -> str:
    from markupsafe import escape

    # tabindex: the figure scrolls sideways, so the keyboard must be able to reach it.
    return (f'<figure class="journey-map" role="img" aria-label="{escape(alt)}" tabindex="0">\n'
            f"{inline_svg(svg)}\n</figure>\n")


def _embed_map(tokens: list[Any], svg: Optional[str], alt: str) -> list[Any]:
    """Put the inline SVG map where the Mermaid block was (keep the block without a map)."""
    from markdown_it.token import Token

    if svg is None:
        return tokens
    out = []
    for token in tokens:
        if token.type == "fence" and token.info.strip().lower() == "mermaid":
            figure = Token("html_block", "", 0)
            figure.content = _map_figure(svg, alt)
            out.append(figure)
        else:
            out.append(token)
    return out


def _mark_cells(tokens: list[Any]) -> None:
    """Give table cells that hold a RAG word or an overdue flag a class, for colour."""
    for opening, content in zip(tokens, tokens[1:]):
        if opening.type not in ("td_open", "th_open") or content.type != "inline":
            continue
        text = content.content.strip()
        if text in RAG_WORDS:
            opening.attrSet("class", f"rag {RAG_WORDS[text]}")
        elif text.startswith("**Overdue"):
            opening.attrSet("class", "overdue")


def markdown_to_html(markdown: str, svg: Optional[str] = None, alt: str = "Journey map",
                     parallel: bool = True) -> str:
    """The HTML body for a Markdown report, with the map inline when ``svg`` is given.

    A big report is converted in two halves at once, on two cores (``parallel=False``: never),
    when it can be cut where the halves convert exactly as the whole does (:func:`split_point`).
    """
    parser = _parser()  # before the fork, so that it is built (and imported) only once
    # The collector is paused for each half of a text big enough to pause it for as a whole.
    whole = functools.partial(converted, parser, svg=svg, alt=alt,
                              pause_gc=len(markdown) >= GC_PAUSE_FROM)
    at = split_point(markdown) if parallel and len(markdown) >= SPLIT_FROM else None
    if at is None:
        return whole(markdown).html
    later = in_background(whole, markdown[at:])
    if not later.forked:  # one core: the halves would only cost more
        return whole(markdown).html
    first = whole(markdown[:at])
    if not first.ends_cleanly:
        later.cancel()
        return whole(markdown).html
    joined = joined_html(first, later.result())
    return joined if joined is not None else whole(markdown).html


# Below this many characters a report converts faster in one piece than a fork costs.
SPLIT_FROM = 64 * 1024
# A line that starts an ATX heading, after a blank line: where every block before it has ended.
_HEADING_AFTER_BLANK = re.compile(r"\n\n(?=#{1,6}(?:[ \t\n]|$))")


@dataclass(frozen=True)
class Converted:
    """Markdown converted to HTML, with what tells whether it could be a part of a bigger text:
    the link reference definitions it holds (they apply to the whole text), and whether its
    blocks all end before its end (a code fence left open would run on into the next part)."""

    html: str
    references: bool
    ends_cleanly: bool


def joined_html(first: Converted, second: Converted) -> Optional[str]:
    """The HTML of a text cut at :func:`split_point`, from its two halves' HTML, or None when
    the halves may convert otherwise than the whole (a fence left open, a link reference)."""
    if not first.ends_cleanly or first.references or second.references:
        return None
    return first.html + second.html


def split_point(markdown: str) -> Optional[int]:
    """Where to cut ``markdown`` into two halves that convert exactly as the whole does, or None.

    The cut is at the start of a heading after a blank line, the one nearest the middle. A
    heading line at the left margin after a blank line ends every block CommonMark has (a
    paragraph, list, quote, table or indented code) but a code fence, which
    :class:`Converted` ``.ends_cleanly`` tells; nothing after it can change a block before it
    but a link reference definition, which ``.references`` tells. Raw HTML, which could run on
    (an HTML block ends only at a blank line), is off in the parser."""
    middle = len(markdown) // 2
    best: Optional[int] = None
    for match in _HEADING_AFTER_BLANK.finditer(markdown):
        at = match.end()
        if best is None or abs(at - middle) < abs(best - middle):
            best = at
        elif at > middle:
            break
    return best


def converted(parser: Any, markdown: str, *, svg: Optional[str], alt: str,
              pause_gc: bool) -> Converted:
    """``markdown`` converted by ``parser`` (from :func:`_parser`), the map put in."""
    env: dict[str, Any] = {}
    with gc_paused(pause_gc):
        tokens = parser.parse(markdown, env)
    ends_cleanly = _ends_cleanly(tokens, markdown.count("\n") + (not markdown.endswith("\n")))
    tokens = _embed_map(tokens, svg, alt)
    _mark_cells(tokens)
    return Converted(html=parser.renderer.render(tokens, parser.options, {}),
                     references=bool(env.get("references")), ends_cleanly=ends_cleanly)


def _ends_cleanly(tokens: list[Any], lines: int) -> bool:
    """False when the text's last top-level block is a code fence that ran to the end of the
    text unclosed. (A closed fence ends on its closing line, before the text's last line.)"""
    last = next((token for token in reversed(tokens) if token.level == 0), None)
    return not (last is not None and last.type == "fence" and last.map is not None
                and last.map[1] >= lines)


def html_page(markdown: str, *, title: str, svg: Optional[str] = None,
              alt: str = "Journey map") -> str:
    """A complete HTML page: the converted report inside the packaged ``report.html.j2``."""
    from markupsafe import Markup

    page = load(html_environment(), "cjmap/report.html.j2")
    body = Markup(markdown_to_html(markdown, svg, alt))
    return render(page, {"title": title, "body": body,
                         "css": Markup(packaged_text("report.css"))})
