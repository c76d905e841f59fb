"""cjmap's own XML escapes give exactly what ``xml.sax.saxutils`` gives, whose import cjmap
avoids (it brings urllib, http and ssl into every command's start-up)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cjmap.safe_text import xml_attribute, xml_escape
from support import examples

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "repairs.yaml"

TEXT = st.text(alphabet=st.sampled_from(list("ab&<>\"'\n\r\t;#é住 ")), max_size=12)
ENTITIES = st.dictionaries(st.sampled_from(['"', "'", "a", "é", "\n"]),
                           st.sampled_from(["&quot;", "&#39;", "[a]", ""]), max_size=3)


@settings(max_examples=examples(400))
@given(TEXT, ENTITIES)
@example('say "hi" & <go>', {})
@example("it's \"both\"", {})
@example("it's", {})
@example("tab\there\nand\rthere", {'"': "&quot;"})
def test_the_escapes_are_saxutils_own(text: str, entities: dict[str, str]) -> None:
    assert xml_escape(text, entities) == escape(text, entities)
    assert xml_escape(text) == escape(text)
    assert xml_attribute(text, entities) == quoteattr(text, entities)
    assert xml_attribute(text) == quoteattr(text)


def test_a_one_file_validate_imports_no_saxutils_nor_multiprocessing() -> None:
    code = ("import sys\n"
            "from cjmap.__main__ import main\n"
            f"sys.argv = ['cjmap', 'validate', {str(EXAMPLE)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('xml.sax', 'urllib.request', "
            "'multiprocessing', 'concurrent.futures.process'))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]"
