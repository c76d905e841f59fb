"""Hostile text in a map cannot change a report's structure, break a table or inject HTML.

Two maps with the same shape are reported: one whose every text field is hostile (HTML, pipes,
link syntax, Markdown block markers, entities, newlines, jinja syntax, very long words,
unicode), and a "plain" twin in which every visible character of that text is an ``x`` (same
lengths, same line breaks). Parsed, the two reports must have the same structure token for
token, apart from the text itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser
from typing import Callable

import pytest
from markdown_it import MarkdownIt

from cjmap.model import JourneyMap
from cjmap.report import ReportOptions, make_report

TODAY = dt.date(2026, 4, 1)
STUB_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>map</title></svg>'
PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

HOSTILE = [
    "<script>alert('x')</script>",
    "a | b || c \\| d",
    "[click](javascript:alert(1)) ![img](http://evil.example/x.png)",
    "**bold** _em_ `code` ~~strike~~ $x^2$",
    "# Heading\n- list item\n1. numbered\n> quoted\n---",
    "&copy; &#60; &amp; AT&T",
    "]]> <!-- comment --> <img src=x onerror=alert(1)>",
    "\"double\" 'single' <https://evil.example/> www.evil.example",
    "Supercalifragilisticexpialidocious" * 6,
    "ünïcödé — “curly” 中文 🙂 \u202eright-to-left",
    "```\nfenced\n```",
    "{{ title }} {% if true %}jinja{% endif %}",
    "1) first\n\n\n    indented code",
    "= | === |\n|---|---|",
]


def plain(text: str) -> str:
    """The same text with every visible character replaced by x."""
    return re.sub(r"\S", "x", text)


def sample_map(text: Callable[[], str]) -> JourneyMap:
    """A map with every kind of user text, each taken from ``text()``."""
    step = lambda number, **extra: {  # noqa: E731
        "id": f"step-{number}", "name": text(), "stage": "first", "summary": text(),
        "doing": text(), "thinking": text(), "feeling": text(),
        "touchpoints": [{"channel": text(), "with": text(), "note": text()}],
        "feedback": {"positive": 3, "neutral": 1, "negative": 2, "no_comment": 1},
        "quotes": [{"text": text(), "sentiment": "positive", "who": text()},
                   {"text": text(), "sentiment": "negative", "who": text()},
                   {"text": text()}],
        "survey": {"question": text(), "base": 100, "satisfied": 70, "dissatisfied": 20,
                   "segments": [{"name": text(), "base": 30, "dissatisfied": 30}]},
        "metrics": [{"name": text(), "value": 9, "unit": text(), "target": 5, "better": "lower"},
                    {"name": text(), "value": 5, "unit": "%", "rag": "amber"}],
        "pain_points": [text(), text()],
        "actions": [{"recommendation": text(), "outcome": text(), "owner": text(),
                     "due": "2025/26 Q4", "status": "agreed"},
                    {"recommendation": text(), "outcome": text(), "owner": text(),
                     "status": "done"}],
        **extra,
    }
    data = {
        "cjmap": 1,
        "journey": {"title": text(), "customer": text(), "organisation": text(),
                    "period": text(), "owner": text(),
                    "scope": {"why": text(), "who": text(), "what": text(), "how": text()},
                    "research": [{"method": "interview", "participants": 12, "note": text()}]},
        "stages": [{"id": "first", "name": text()}],
        "steps": [step(1, moment_of_truth=text()), step(2, optional=True)],
        "diagnosis": {"date": "2025-06-01", "decision": "go", "answers": {
            name: {"applies": "yes", "note": text()}
            for name in ("changeable", "challenged", "complex", "climactic", "costly")}},
    }
    return JourneyMap.model_validate(data)


def twins() -> tuple[JourneyMap, JourneyMap]:
    hostile, twin = itertools.cycle(HOSTILE), itertools.cycle(HOSTILE)
    return sample_map(lambda: next(hostile)), sample_map(lambda: plain(next(twin)))


def shape(markdown: str) -> list[tuple[str, ...]]:
    """The document's structure: every token and inline token except the text itself."""
    out: list[tuple[str, ...]] = []
    for token in PARSER.parse(markdown):
        out.append((token.type, token.tag, token.info))
        for child in token.children or []:
            if child.type not in ("text", "text_special"):
                out.append(("inline", child.type, child.tag, str(child.attrs.get("src", ""))))
    return out


def options(audience: str, output_format: str = "markdown") -> ReportOptions:
    return ReportOptions(today=TODAY, audience=audience, format=output_format,
                         map_image="map.svg", map_svg=STUB_SVG)


@pytest.mark.parametrize("audience", ["influencer", "executive", "front-line"])
def test_hostile_text_leaves_the_markdown_structure_alone(audience: str) -> None:
    hostile, twin = twins()
    hostile_report = make_report(hostile, options(audience))
    assert shape(hostile_report) == shape(make_report(twin, options(audience)))
    tokens = PARSER.parse(hostile_report)
    kinds = {child.type for token in tokens for child in token.children or []}
    assert not kinds & {"html_inline", "link_open", "code_inline", "s_open"}
    assert not {token.type for token in tokens} & {"html_block", "code_block"}
    images = [child for token in tokens for child in token.children or []
              if child.type == "image"]
    assert all(image.attrs["src"] == "map.svg" for image in images)


@pytest.mark.parametrize("audience", ["influencer", "executive"])  # front-line has no table
def test_every_table_row_has_as_many_cells_as_its_header(audience: str) -> None:
    hostile, _ = twins()
    tokens = PARSER.parse(make_report(hostile, options(audience)))
    widths, header = [], None
    for token in tokens:
        if token.type == "tr_open":
            widths.append(0)
        elif token.type in ("th_open", "td_open"):
            widths[-1] += 1
        elif token.type == "thead_close":
            header = widths[-1]
        elif token.type == "table_close":
            assert set(widths) == {header}
            widths = []
    assert header is not None


def test_hostile_text_is_shown_as_text() -> None:
    hostile, _ = twins()
    html = make_report(hostile, options("influencer", "html"))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html or \
        "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "{{ title }}" in html  # jinja syntax in the data is data, not template
    assert "[click](javascript:alert(1))" in html


class Elements(HTMLParser):
    """Every start tag outside the inline SVG, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.depth += 1
        if self.depth == 0:
            self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.depth -= 1


def elements(html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("audience", ["influencer", "executive", "front-line"])
def test_hostile_text_cannot_inject_html(audience: str) -> None:
    hostile, twin = twins()
    tags = elements(make_report(hostile, options(audience, "html")))
    skeleton = lambda found: [(tag, [name for name, _ in attrs]) for tag, attrs in found]  # noqa: E731
    assert skeleton(tags) == skeleton(elements(make_report(twin, options(audience, "html"))))
    names = {tag for tag, _ in tags}
    assert not names & {"script", "img", "a", "iframe", "object", "embed", "link", "base"}
    for _, attrs in tags:
        for name, value in attrs:
            assert not name.startswith("on")
            if name == "style":
                assert re.fullmatch(r"text-align:(left|right|center)", value or "")


def test_the_page_forbids_every_request() -> None:
    hostile, _ = twins()
    html = make_report(hostile, options("influencer", "html"))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and policy.group(1).startswith("default-src 'none';")
    assert not re.search(r"""(src|href)\s*=\s*["'](https?:|//)""", html)
