"""Markdown escaping: any text, placed anywhere a template puts it, reads back as the same words.

The property tests parse the escaped text with markdown-it (CommonMark with GitHub's tables and
strikethrough, raw HTML allowed, as the most permissive reader) and check that the result is
plain text equal to the input on one line: no emphasis, link, image, code, HTML, list or table
cell appears that the input did not ask for.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markupsafe import Markup
from support import examples

from cjmap.report.escape import cell, fence, finalize, link_target, md, one_line, paragraphs

PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
PLAIN = {"text", "text_special"}

# Markdown's own punctuation, whitespace and a little of everything else, so that hypothesis
# reaches the interesting cases quickly.
MARKDOWN_TEXT = st.text(
    alphabet=st.sampled_from(list("\\`*_[]()<>|~#$!&;:-+=.)1a Z\n\t\u00a0é🙂\"'/@{}%^")),
    max_size=40,
) | st.text(max_size=30)


def inline_children(source: str) -> list:
    tokens = PARSER.parse(source)
    return [child for token in tokens if token.type == "inline" for child in token.children]


def shown(text: str) -> str:
    """What a reader sees: the text on one line, with an invisible zero-width space after each
    ``@`` (so that ``@team`` notifies nobody on GitHub)."""
    return one_line(text).replace("@", "@\u200b")


def plain_text(children: list) -> str:
    assert {child.type for child in children} <= PLAIN, [c.type for c in children]
    return "".join(child.content for child in children)


@settings(max_examples=examples(400), deadline=None)
@given(MARKDOWN_TEXT)
@example("1. first")
@example("2) second")
@example("- item")
@example("+ item")
@example("# Heading")
@example("> quote")
@example("---")
@example("===")
@example("    indented code")
@example("<div>html</div>")
@example("<https://example.org>")
@example("[a]: https://example.org")
@example("&copy; &#60;")
@example("**bold** _em_ `code` ~~strike~~")
def test_paragraph_reads_back_as_the_same_text(text: str) -> None:
    expected = shown(text)
    tokens = PARSER.parse(str(md(text)))
    if not expected:
        assert tokens == []
        return
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert plain_text(tokens[1].children) == expected


@settings(max_examples=examples(300), deadline=None)
@given(MARKDOWN_TEXT, MARKDOWN_TEXT)
@example("a | b", "c\\|d")
@example("\\", "|")
@example("line\nbreak", "")
def test_table_cells_never_split_or_merge(first: str, second: str) -> None:
    source = f"| A | B |\n|---|---|\n| {cell(first)} | {cell(second)} |\n"
    tokens = PARSER.parse(source)
    cells = [tokens[i + 1] for i, token in enumerate(tokens) if token.type == "td_open"]
    assert len(cells) == 2
    assert [plain_text(c.children) for c in cells] == [shown(first) or "\u2013",
                                                       shown(second) or "\u2013"]


@settings(max_examples=examples(200), deadline=None)
@given(MARKDOWN_TEXT)
@pytest.mark.parametrize("prefix", ["### 1. ", "- ", "1. ", "**Owner:** ", "> "])
def test_text_after_a_block_marker_stays_one_block(prefix: str, text: str) -> None:
    expected = shown(text)
    if not expected:
        return  # templates only write a label or bullet when there is text to follow it
    source = prefix + str(md(text))
    opening = [token.type for token in PARSER.parse(source) if token.nesting == 1]
    reference = [token.type for token in PARSER.parse(prefix + "x") if token.nesting == 1]
    assert opening == reference
    label = {"### 1. ": "1. ", "**Owner:** ": "Owner: "}.get(prefix, "")
    children = [c for c in inline_children(source) if c.type in PLAIN]
    assert "".join(c.content for c in children) == label + expected


@settings(max_examples=examples(200), deadline=None)
# CommonMark itself turns NUL into U+FFFD and CR LF into LF; neither is a fence's doing.
@given(st.text(alphabet=st.characters(blacklist_characters="\x00\r"), max_size=60)
       | st.text(alphabet="`~ \nab", max_size=30))
def test_a_fence_holds_any_code(code: str) -> None:
    tokens = PARSER.parse(str(fence(code, "mermaid")))
    assert [token.type for token in tokens] == ["fence"]
    assert tokens[0].info == "mermaid"
    body = code if code.endswith("\n") else code + "\n"
    assert tokens[0].content == body


@pytest.mark.parametrize("text, escaped", [
    ("a | b", "a \\| b"),
    ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("1. first", "1\\. first"),
    ("- dash", "\\- dash"),
    ("&copy; AT&T", "\\&copy; AT&T"),
    ("Tenant's view", "Tenant's view"),
    ("two\nlines", "two lines"),
])
def test_escaped_markdown_stays_readable(text: str, escaped: str) -> None:
    assert md(text) == escaped


def test_escaping_is_idempotent_and_none_prints_nothing() -> None:
    once = md("a|b")
    assert md(once) == once
    assert finalize(None) == ""
    assert finalize(Markup("**kept**")) == "**kept**"
    assert finalize(3) == "3"
    assert finalize("*x*") == "\\*x\\*"


def test_paragraphs_split_on_newlines_and_escape_each() -> None:
    assert paragraphs("First # one.\nSecond - two.\n\n- third") == \
        "First \\# one.\n\nSecond - two.\n\n\\- third"


def test_link_target_cannot_end_the_link() -> None:
    assert link_target("my map (draft).svg") == "my%20map%20%28draft%29.svg"
    assert link_target("sub\\map.svg") == "sub/map.svg"
