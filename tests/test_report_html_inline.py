"""The HTML report's inline shortcut gives markdown-it's own HTML, for any text."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cjmap.report.html import _characters_inline_rules_act_on, _parser
from support import examples

PIECES = st.one_of(
    st.sampled_from(["16 praised", "3 raised concerns", "42%", "n = 19", "-", ":", "+", "=",
                     "#", "*", "**bold**", "_x_", "`code`", "[link](https://example.org)",
                     "![img](a.png)", "<b>", "&amp;", "&copy;", "\\*", "~~gone~~", "a\nb",
                     "Q4 2026/27", "|", " ", "  ", "\t", "é", "住宅", "]", "[", "!", "~"]),
    st.text(max_size=8))
LINE = st.lists(PIECES, max_size=4).map("".join)
BLOCK = st.one_of(
    LINE,
    LINE.map(lambda line: f"# {line}"),
    LINE.map(lambda line: f"- {line}\n- {line}"),
    st.lists(LINE, min_size=1, max_size=4).map(
        lambda cells: "| " + " | ".join("h" for _ in cells) + " |\n|"
        + "|".join("---" for _ in cells) + "|\n| "
        + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"))
DOCUMENT = st.lists(BLOCK, max_size=6).map("\n\n".join)


def plain_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}) \
        .enable(["table", "strikethrough"])


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
# One text per inline rule, each of which the shortcut must leave to the full parse.
@example("**bold**")
@example("*it*")
@example("_it_")
@example("`code`")
@example("~~gone~~")
@example("[a link](https://example.org)")
@example("![an image](a.png)")
@example("<https://example.org>")
@example("&copy; &amp;")
@example("\\*not emphasis\\*")
@example("\\# not a heading, 2\\. not a list")
@example("a line  \nbreak")
def test_the_shortcut_renders_what_markdown_it_renders(markdown: str) -> None:
    assert _parser().render(markdown) == plain_parser().render(markdown)


def test_the_shortcut_is_in_use_and_knows_the_characters_of_every_rule() -> None:
    parser = _parser()
    acting = _characters_inline_rules_act_on(parser)
    assert acting is not None
    assert all(acting.search(character) for character in "\n\\`~*_[!<&")
    assert not any(acting.search(character) for character in ":%+=-#|]")
    assert parser.core.ruler.get_active_rules() == ["normalize", "block", "inline", "text_join"]


def test_a_rule_it_does_not_know_turns_the_shortcut_off() -> None:
    parser = plain_parser()
    parser.inline.ruler.push("mention", lambda state, silent: False)
    assert _characters_inline_rules_act_on(parser) is None
