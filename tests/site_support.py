"""Helpers for the site's tests: sample folders of maps, and the links in a built site."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def two_waves(folder: Path) -> Path:
    """repairs.yaml and an earlier wave of it (another period), plus complaints.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (EXAMPLES / "repairs.yaml").read_text(encoding="utf-8")
    (folder / "repairs.yaml").write_text(text, encoding="utf-8")
    earlier = re.sub(r"period: .*", "period: 2025/26 Q2", text, count=1)
    (folder / "repairs-2025.yaml").write_text(earlier, encoding="utf-8")
    shutil.copy(EXAMPLES / "complaints.yaml", folder / "complaints.yaml")
    return folder


class Links(HTMLParser):
    """Every href and src in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def links(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found
