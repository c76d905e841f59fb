"""Render every example map for a person to look at, and check the text fits in real fonts.

Writes into OUT (default ``out/look``, which git ignores):

- ``<example>.svg`` / ``.png`` and ``<example>-high-contrast.svg`` / ``.png`` for each map in
  ``examples/``, the PNGs made by cjmap's own route (a headless Chromium-family browser);
- the same for a synthetic 3-step and 30-step map, and a map full of hostile text;
- ``<example>-flow.svg`` / ``.png`` (graphviz), ``<example>.dot`` and ``<example>.mmd``.

Then it measures, in the browser, every line of text the maps contain in Liberation Sans
(Arial's metrics) and in DejaVu Sans (the wider Linux fallback), and compares each with the
width cjmap estimated when it wrapped the line: a ratio above 1.00 would mean text can spill
out of its box in that font. Open the PNGs and look at them; the ratios are printed.

Usage: python scripts/look.py [--out DIR] [--no-png]
Needs Chromium, Google Chrome or Edge for the PNGs and the font check (CJMAP_BROWSER to pick).
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from synthetic_map import synthetic_map  # noqa: E402

from cjmap.validate import load_map  # noqa: E402
from cjmap.model import JourneyMap  # noqa: E402
from cjmap.render.layout import text_width  # noqa: E402
from cjmap.render.png import find_browser  # noqa: E402
from cjmap.render.run import render  # noqa: E402

FONTS = ("Liberation Sans", "DejaVu Sans")
HOSTILE = "<script>alert('x')</script> & \"quotes\" ]]> " + "x" * 70 + " \u4e2d\u6587 \u00e9t\u00e9"


def hostile_map() -> JourneyMap:
    from test_render_svg import hostile_map as build

    return build(HOSTILE)


def maps() -> dict[str, JourneyMap]:
    found = {path.stem: load_map(path) for path in sorted((ROOT / "examples").glob("*.yaml"))}
    found["synthetic-3"] = synthetic_map(3)
    found["synthetic-30"] = synthetic_map(30)
    found["hostile"] = hostile_map()
    return found


def write_all(out: Path, pictures: bool) -> list[Path]:
    """Write every rendering; returns the SVG maps written (for the font check)."""
    svgs = []
    for name, journey in maps().items():
        for theme, suffix in (("default", ""), ("high-contrast", "-high-contrast")):
            svg = out / f"{name}{suffix}.svg"
            svg.write_bytes(render(journey, "map", "svg", theme))
            svgs.append(svg)
            if pictures:
                (out / f"{name}{suffix}.png").write_bytes(render(journey, "map", "png", theme))
        (out / f"{name}.mmd").write_bytes(render(journey, "map", "mermaid"))
        (out / f"{name}.dot").write_bytes(render(journey, "flow", "dot"))
        (out / f"{name}-flow.svg").write_bytes(render(journey, "flow", "svg"))
        if pictures:
            (out / f"{name}-flow.png").write_bytes(render(journey, "flow", "png"))
        print(f"rendered {name}")
    return svgs


def text_lines(svgs: list[Path]) -> list[tuple[str, float, bool, float]]:
    """Every distinct (text, size, bold) drawn in the maps, with cjmap's width estimate."""
    seen = set()
    for path in svgs:
        for element in ET.parse(path).iter("{http://www.w3.org/2000/svg}text"):
            size = float(element.get("font-size", "12"))
            seen.add((element.text or "", size, element.get("font-weight") == "bold"))
    return [(text, size, bold, text_width(text, size, bold)) for text, size, bold in sorted(seen)
            if text.strip()]


PAGE = """<html><body><script>
const lines = %s, fonts = %s, out = {};
const context = document.createElement("canvas").getContext("2d");
for (const font of fonts) {
  let spill = -1e9, spillText = "", ratio = 0, ratioText = "";
  for (const [line, size, bold, estimate] of lines) {
    context.font = (bold ? "bold " : "") + size + "px '" + font + "'";
    const width = context.measureText(line).width;
    if (width - estimate > spill) { spill = width - estimate; spillText = line; }
    if (estimate >= 60 && width / estimate > ratio) { ratio = width / estimate; ratioText = line; }
  }
  out[font] = [spill, spillText, ratio, ratioText];
}
document.body.textContent = JSON.stringify(out);
</script></body></html>"""
SPILL = 2.0  # pixels: a box's padding (7 to 10 px) absorbs less than this without a trace


def font_check(browser: str, lines: list[tuple[str, float, bool, float]]) -> dict[str, list]:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "fonts.html"
        # "<" escaped, or a line such as "</script><script>alert(1)" would run in the page.
        data = json.dumps(lines).replace("<", "\\u003c")
        page.write_text(PAGE % (data, json.dumps(FONTS)), encoding="utf-8")
        done = subprocess.run(
            [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
             f"--user-data-dir={Path(folder) / 'profile'}", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=True)
    body = done.stdout.split("<body>", 1)[1].split("</body>", 1)[0]
    return json.loads(html.unescape(body))  # the dumped DOM escapes the text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "look")
    parser.add_argument("--no-png", action="store_true", help="SVG, DOT and Mermaid only.")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    browser = find_browser()
    svgs = write_all(args.out, pictures=not args.no_png)
    print(f"written to {args.out}")
    if browser is None:
        print("no browser found: skipped the font check")
        return 0
    lines = text_lines(svgs)
    fits = True
    for font, (spill, text, ratio, long_text) in font_check(browser, lines).items():
        fits &= spill <= SPILL
        print(f"{font}: most a line outgrows its estimate: {spill:+.1f} px "
              f"({'fits' if spill <= SPILL else 'SPILLS'}) {text[:50]!r}; widest line of "
              f"60 px or more: {ratio:.3f} of its estimate {long_text[:50]!r}")
    print(f"{len(lines)} distinct lines measured")
    return 0 if fits else 1


if __name__ == "__main__":
    sys.exit(main())
