"""Text measurement and wrapping, blocks and themes: the pieces the map is laid out with."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.render.blocks import Pill, Stack, paragraph, pill_row
from cjmap.render.layout import fmt, line_height, text_width, wrap
from cjmap.render.svg import attr, esc
from cjmap.render.themes import THEMES


def test_widths_grow_with_text_size_and_weight():
    assert text_width("", 12) == 0
    assert text_width("iiii", 12) < text_width("MMMM", 12)
    assert text_width("word", 24) == 2 * text_width("word", 12)
    assert text_width("word", 12, bold=True) > text_width("word", 12)


def test_accented_letters_measure_as_their_letter_and_wide_characters_as_an_em():
    assert text_width("\u00e9", 10) == text_width("e", 10)
    assert text_width("\u4e2d", 10) > text_width("M", 10)
    assert text_width("e\u0301", 10) == text_width("e", 10)  # a combining accent adds nothing


def test_wrap_breaks_at_spaces_and_keeps_every_word():
    text = "Officers do not always have current information on repairs"
    lines = wrap(text, 120, 12)
    assert len(lines) > 1 and " ".join(lines) == text


def test_wrap_splits_a_word_longer_than_the_line():
    lines = wrap("x" * 200, 100, 12)
    assert "".join(lines) == "x" * 200
    assert all(text_width(line, 12) <= 100 for line in lines)


def test_wrap_of_nothing_is_no_lines():
    assert wrap("", 100, 12) == [] and wrap("  \n ", 100, 12) == []


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=300), st.floats(min_value=20, max_value=600), st.booleans())
def test_no_wrapped_line_is_wider_than_asked_unless_it_is_one_character(text, width, bold):
    for line in wrap(text, width, 12, bold):
        assert text_width(line, 12, bold) <= width or len(line) == 1
    assert "".join("".join(wrap(text, width, 12, bold)).split()) == "".join(text.split())


def test_numbers_are_written_with_fixed_precision():
    assert fmt(3.0) == "3" and fmt(2.5) == "2.5" and fmt(1 / 3) == "0.3"
    assert fmt(-0.01) == "0" and fmt(1234.56) == "1234.6"


def test_escaping_text_and_attributes():
    assert esc("<a> & ]]>") == "&lt;a&gt; &amp; ]]&gt;"
    assert attr('say "hi" & <go>') == "'say \"hi\" &amp; &lt;go&gt;'"
    assert attr("it's \"both\"") == '"it\'s &quot;both&quot;"'
    assert esc("a\x00\x1fb") == "ab"


def test_a_long_pill_wraps_instead_of_growing_past_its_column():
    pill = Pill("a-very-long-channel-name " * 6, 10.5, "#fff", "#000", max_width=150)
    assert pill.width <= 150 and len(pill.lines) > 1
    assert pill.height > Pill("short", 10.5, "#fff", "#000").height


def test_pills_flow_onto_new_rows():
    pills = [Pill(f"tag {n}", 10, "#fff", "#000") for n in range(8)]
    row = pill_row(pills, 120)
    assert len(row.rows) > 1 and sum(len(r) for r in row.rows) == 8
    assert all(sum(p.width for p in r) <= 120 + 5 * len(r) for r in row.rows)


def test_a_stack_is_as_tall_as_its_blocks_and_gaps():
    one = paragraph("one line", 200, 12, "#000")
    two = paragraph("first second third fourth fifth", 60, 12, "#000")
    stack = Stack((one, two), 6)
    assert stack.height == one.height + two.height + 6
    assert one.height == line_height(12)


def test_themes_define_every_status_and_rating():
    for theme in THEMES.values():
        assert set(theme.status) == {"proposed", "agreed", "in-progress", "done", "declined"}
        assert set(theme.rag) == {"red", "amber", "green"}
