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

import re
from typing import Any, Optional

from cjmap.load import GC_PAUSE_FROM, gc_paused
from cjmap.report.environment import html_environment, load, packaged_text, render

RAG_WORDS = {"Red": "rag-red", "Amber": "rag-amber", "Green": "rag-green"}
_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def _parser() -> Any:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}) \
        .enable(["table", "strikethrough"])
    acting = _characters_inline_rules_act_on(parser)
    if acting is not None:
        parser.core.ruler.at("inline", _inline_rule(acting))
    return parser


# The characters at which each of markdown-it's inline rules can start to act. Everywhere else
# the ``text`` rule takes the character as text, so a run with none of them is one text token.
_INLINE_RULE_CHARACTERS = {"text": "", "newline": "\n", "escape": "\\", "backticks": "`",
                           "strikethrough": "~", "emphasis": "*_", "link": "[", "image": "!",
                           "autolink": "<", "html_inline": "<", "entity": "&", "linkify": ":"}


def _characters_inline_rules_act_on(parser: Any) -> Optional[re.Pattern[str]]:
    """A pattern of the characters the parser's inline rules act on, or None when it has a
    rule not known here (a plugin's), whose characters cannot be told."""
    names = parser.inline.ruler.get_active_rules()
    if any(name not in _INLINE_RULE_CHARACTERS for name in names):
        return None
    return re.compile("[" + re.escape("".join(_INLINE_RULE_CHARACTERS[name]
                                              for name in names)) + "]")


def _inline_rule(acting: re.Pattern[str]) -> Any:
    """markdown-it's core ``inline`` rule, which parses the text of every paragraph, heading
    and table cell, with a shortcut: a text with no character an inline rule acts on becomes
    the single text token the full parse would make. Most table cells of a report are such
    text, and the full parse of each was a third of the HTML conversion."""
    from markdown_it.token import Token

    def inline(state: Any) -> None:
        for token in state.tokens:
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            if token.content and acting.search(token.content) is None:
                text = Token("text", "", 0)
                text.content = token.content
                token.children.append(text)
            else:
                state.md.inline.parse(token.content, state.md, state.env, token.children)

    return inline


def inline_svg(svg: str) -> str:
    """The SVG as an element for an HTML page: without its XML prologue or doctype."""
    return _PROLOGUE.sub("", svg).strip()


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


def markdown_to_html(markdown: str, svg: Optional[str] = None, alt: str = "Journey map") -> str:
    """The HTML body for a Markdown report, with the map inline when ``svg`` is given."""
    parser = _parser()
    with gc_paused(len(markdown) >= GC_PAUSE_FROM):
        tokens = _embed_map(parser.parse(markdown), svg, alt)
    _mark_cells(tokens)
    return parser.renderer.render(tokens, parser.options, {})


def html_page(markdown: str, *, title: str, svg: Optional[str] = None,
              alt: str = "Journey map") -> str:
    """A complete HTML page: the converted report inside the packaged ``report.html.j2``."""
    from markupsafe import Markup

    page = load(html_environment(), "cjmap/report.html.j2")
    body = Markup(markdown_to_html(markdown, svg, alt))
    return render(page, {"title": title, "body": body,
                         "css": Markup(packaged_text("report.css"))})
