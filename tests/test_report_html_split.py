"""A big report converted in two halves gives the HTML of the whole, byte for byte.

The halves' HTML is used only when :func:`joined_html` vouches for it; these tests cut
generated Markdown at every place :func:`split_point` could choose and compare with the whole,
so a cut that changes the HTML and is not refused fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cjmap.report import ReportOptions
from cjmap.report.document import make_markdown
from cjmap.report.html import (
    _HEADING_AFTER_BLANK,
    _parser,
    converted,
    joined_html,
    split_point,
)
from support import examples

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_map import synthetic_map  # noqa: E402

PARSER = _parser()


def convert(markdown: str) -> object:
    return converted(PARSER, markdown, svg="<svg>map</svg>", alt="Map", pause_gc=False)


def halves_agree(markdown: str, at: int) -> bool:
    """The halves' HTML is refused, or is the whole's."""
    joined = joined_html(convert(markdown[:at]), convert(markdown[at:]))  # type: ignore[arg-type]
    return joined is None or joined == convert(markdown).html  # type: ignore[attr-defined]


WORD = st.sampled_from(["rent", "*em*", "**strong:** x", "`code`", "[link]", "[ref]",
                        "a | b", "<div>", "&amp;", "x  ", "\\*", "~~s~~", "é", "—", "1."])
LINE = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
BLOCK = st.one_of(
    LINE,
    LINE.map(lambda line: f"# {line}"),
    LINE.map(lambda line: f"### {line}"),
    st.just("#"),
    st.just("#hashtag, not a heading"),
    LINE.map(lambda line: f"- {line}\n- {line}"),
    LINE.map(lambda line: f"1. {line}\n\n    continued {line}"),
    LINE.map(lambda line: f"> {line}\n{line}"),
    LINE.map(lambda line: f"    indented {line}"),
    LINE.map(lambda line: f"| h |\n|---|\n| {line} |"),
    LINE.map(lambda line: f"```\n{line}\n```"),
    LINE.map(lambda line: f"```\n{line}"),  # never closed: runs to the end
    LINE.map(lambda line: f"~~~~\n# {line}\n\n~~~"),  # not closed by a shorter fence
    LINE.map(lambda line: f"- item\n\n  ```\n  # {line}"),  # a fence in a list item
    st.just("[ref]: https://example.org/ref"),
    LINE.map(lambda line: f"{line}\n==="),
    st.just("---"),
    st.just("<!-- a comment -->"),
)
SEPARATOR = st.sampled_from(["\n\n", "\n", "\n\n\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(BLOCK, min_size=1, max_size=8))
    text = blocks[0]
    for block in blocks[1:]:
        text += draw(SEPARATOR) + block
    return text + "\n"


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example("```\nopen fence\n\n# not a heading: still code\n")
@example("~~~~\n\n# code\n\n~~~\n\n# still code\n")
@example("[ref] is used here\n\n# Heading\n\n[ref]: https://example.org\n")
@example("- a list\n\n  ```\n  in the item\n\n# Heading\n")
@example("> quote\n\n# Heading\n")
@example("para\n\n#\n\ntext\n")
def test_every_cut_it_accepts_gives_the_whole_html(markdown: str) -> None:
    for match in _HEADING_AFTER_BLANK.finditer(markdown):
        assert halves_agree(markdown, match.end())


def test_an_open_fence_or_a_reference_refuses_the_halves() -> None:
    fenced = "```\ncode\n\n# still code\n"
    at = split_point(fenced)
    assert at == fenced.index("#")
    first, second = convert(fenced[:at]), convert(fenced[at:])
    assert not first.ends_cleanly  # type: ignore[attr-defined]
    assert first.html + second.html != convert(fenced).html  # type: ignore[attr-defined]
    assert joined_html(first, second) is None  # type: ignore[arg-type]

    referring = "See [the guide].\n\n# Next\n\n[the guide]: https://example.org\n"
    at = split_point(referring)
    assert at is not None
    assert joined_html(convert(referring[:at]), convert(referring[at:])) is None  # type: ignore[arg-type]


def test_the_cut_is_the_heading_nearest_the_middle() -> None:
    def sections(a: int, b: int, c: int) -> str:
        return (f"# One\n\n{'a' * a}\n\n## Two\n\n{'b' * b}\n\n## Three\n\n{'c' * c}\n")

    early, late = sections(100, 100, 10), sections(10, 100, 100)
    assert early[split_point(early):].startswith("## Two\n")  # type: ignore[misc]
    assert late[split_point(late):].startswith("## Three\n")  # type: ignore[misc]
    assert split_point("no heading\n\nat all\n") is None
    assert split_point("#hashtag\n\n#5 is not a heading either\n") is None


def big_report() -> str:
    return make_markdown(synthetic_map(200), ReportOptions(today=dt.date(2026, 12, 1)))


def test_a_big_report_is_cut_and_its_halves_give_the_whole() -> None:
    markdown = big_report()
    at = split_point(markdown)
    assert at is not None and abs(at - len(markdown) // 2) < len(markdown) // 10
    joined = joined_html(convert(markdown[:at]), convert(markdown[at:]))  # type: ignore[arg-type]
    assert joined is not None
    assert joined == convert(markdown).html  # type: ignore[attr-defined]


@pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                    reason="forks on Linux only, with two cores")
def test_the_html_report_from_two_cores_is_the_html_report_from_one() -> None:
    code = textwrap.dedent(f"""
        import datetime as dt, hashlib, json, sys
        sys.path.insert(0, {str(ROOT / "benchmarks")!r})
        from synthetic_map import synthetic_map
        from cjmap import background
        from cjmap.report import ReportOptions, make_report
        forks = []
        original = background.Pending._start
        def counted(self):
            original(self)
            forks.append(self.forked)
        background.Pending._start = counted
        journey = synthetic_map(200)
        options = ReportOptions(today=dt.date(2026, 12, 1), format="html")
        two = make_report(journey, options)
        background.can_fork = lambda: False
        one = make_report(journey, options)
        print(json.dumps({{"forks": forks, "same": one == two, "size": len(two)}}))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=300, check=True)
    found = json.loads(done.stdout)
    # One fork drew the map, the other converted the second half of the Markdown.
    assert found["forks"] == [True, True]
    assert found["same"] is True
    assert found["size"] > 1_000_000
