"""The HTML report's inline shortcut gives markdown-it's own HTML, for any text."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cjmap.report.html import _parser
from cjmap.report.html_inline import characters_inline_rules_act_on
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


# Characters on which CommonMark's flanking rules turn: ASCII and Unicode punctuation and
# symbols, ASCII and Unicode whitespace, letters, and the emphasis markers themselves.
FLANKING = st.text(alphabet=st.sampled_from(list("ab :.,!?()'\"-*_“”—–★£%\u00a0\u2003\u3000\t")
                                            + ["é", "住"]), max_size=6)


@settings(max_examples=examples(600), deadline=None)
@given(st.sampled_from(["*", "**", "***", "_", "__"]), FLANKING, FLANKING,
       st.sampled_from(["*", "**", "***", "_"]), FLANKING)
@example("**", "Doing:", "**", " ", "Heating")  # a report's lead-ins
@example("*", "Stage: x", "*", "", "")
@example("*", "Positive:", "*", " “Rent”", "")
@example("*", "a", "*", "b", "")  # closes inside a word: still emphasis with "*"
@example("*", "a.", "*", "b", "")  # punctuation, then a letter: does not close
@example("**", " a", "**", "", "")  # whitespace after the opener: does not open
@example("**", "a ", "**", "", "")  # whitespace before the closer: does not close
@example("*", "a", "**", "", "")  # runs of different lengths
@example("*", "“a”", "*", "—", "")  # Unicode punctuation on both sides
@example("*", "a★", "*", "b", "")  # a symbol counts as punctuation
@example("*", "a", "*", "\u00a0b", "")  # no-break space counts as whitespace
def test_an_emphasised_lead_renders_what_markdown_it_renders(
        opener: str, inner: str, closer: str, rest: str, more: str) -> None:
    text = f"{opener}{inner}{closer}{rest}{more}"
    for markdown in (text, f"- {text}", f"| h |\n|---|\n| {text} |"):
        assert _parser().render(markdown) == plain_parser().render(markdown)


def test_the_emphasis_shortcut_takes_a_reports_lead_ins_without_the_full_parse() -> None:
    parser = _parser()
    parsed: list[str] = []
    original = parser.inline.parse
    parser.inline.parse = lambda text, *rest: (parsed.append(text), original(text, *rest))[1]
    html = parser.render("- **Doing:** Heating.\n- *Positive:* “Rent”\n\n*Stage: x*\n\n|  |\n|---|\n|  |\n")
    assert html == plain_parser().render("- **Doing:** Heating.\n- *Positive:* “Rent”\n\n"
                                         "*Stage: x*\n\n|  |\n|---|\n|  |\n")
    assert parsed == []
    parser.render("*a.*b and **more**")
    assert parsed == ["*a.*b and **more**"]


def test_the_shortcut_is_in_use_and_knows_the_characters_of_every_rule() -> None:
    parser = _parser()
    acting = characters_inline_rules_act_on(parser)
    assert acting is not None
    assert all(acting.search(character) for character in "\n\\`~*_[!<&")
    assert not any(acting.search(character) for character in ":%+=-#|]")
    assert parser.core.ruler.get_active_rules() == ["normalize", "block", "inline", "text_join"]


def test_a_rule_it_does_not_know_turns_the_shortcut_off() -> None:
    parser = plain_parser()
    parser.inline.ruler.push("mention", lambda state, silent: False)
    assert characters_inline_rules_act_on(parser) is None
