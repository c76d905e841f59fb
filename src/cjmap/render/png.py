"""PNG pictures of the SVG map, through a converter the machine already has.

Python has no SVG rasteriser in its standard library, and the map's text, gradients and
patterns need a real one. Two routes, tried in order:

1. a Chromium-family browser in headless mode (Chromium, Google Chrome or Microsoft Edge):
   present on most desktops, and it draws the SVG exactly as a browser shows it. Set
   ``CJMAP_BROWSER`` to a browser's path to choose one;
2. the ``cairosvg`` package, if it is installed (``pip install cairosvg``; it needs the cairo
   library).

With neither, :class:`PngError` says so and what to install. The flow view does not come here:
graphviz draws its own PNG.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Optional

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                 "chrome", "microsoft-edge", "microsoft-edge-stable", "msedge")
KNOWN_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
)
MAX_PIXELS = 16384  # browsers will not capture a page wider or taller than this
TIMEOUT = 120  # seconds


class PngError(Exception):
    """No converter is available, or it failed."""


NO_CONVERTER = (
    "cannot make a PNG of the map: no converter found. Install Chromium, Google Chrome or "
    "Microsoft Edge (or set CJMAP_BROWSER to one), or `pip install cairosvg`; or write "
    "--format svg and convert it with your own tool"
)


def find_browser() -> Optional[str]:
    """A Chromium-family browser: ``CJMAP_BROWSER``, then PATH, then the usual install places."""
    chosen = os.environ.get("CJMAP_BROWSER")
    if chosen:
        return chosen
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in KNOWN_PATHS if Path(path).is_file()), None)


def _cairosvg() -> Optional[object]:
    try:
        import cairosvg
    except (ImportError, OSError):  # OSError: the package is there but libcairo is not
        return None
    return cairosvg


def svg_to_png(svg: str, width: float, height: float) -> bytes:
    """The SVG document (``width`` x ``height`` pixels) as PNG bytes, or :class:`PngError`."""
    browser = find_browser()
    if browser:
        return _with_browser(browser, svg, width, height)
    cairosvg = _cairosvg()
    if cairosvg is not None:
        return _with_cairosvg(cairosvg, svg, width, height)
    raise PngError(NO_CONVERTER)


def refuse_too_wide(width: float) -> None:
    """Raise :class:`PngError` for a map too wide for a PNG, known before it is drawn."""
    if width > MAX_PIXELS:
        raise PngError(f"the map is {math.ceil(width)} pixels wide, too large for a PNG (at "
                       f"most {MAX_PIXELS} a side); use --format svg")


def _scale(width: float, height: float) -> int:
    """2x for print quality when the picture stays within what a browser can capture."""
    largest = max(width, height)
    if largest > MAX_PIXELS:
        raise PngError(f"the map is {math.ceil(width)} x {math.ceil(height)} pixels, too large "
                       f"for a PNG (at most {MAX_PIXELS} a side); use --format svg")
    return 2 if largest * 2 <= MAX_PIXELS else 1


def headless_flags(folder: Path) -> list[str]:
    """The flags every headless run shares (PNG and PDF), with a throwaway profile in ``folder``."""
    # The page is cjmap's own, with no outside links; the sandbox cannot start in many
    # containers, and nothing here needs it.
    return ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-sandbox", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-quic", f"--user-data-dir={folder / 'profile'}"]


def _with_browser(browser: str, svg: str, width: float, height: float) -> bytes:
    scale = _scale(width, height)
    return run_headless(
        browser, ("map.svg", svg), "map.png", "picture", PngError,
        lambda picture: [f"--force-device-scale-factor={scale}",
                         f"--window-size={math.ceil(width)},{math.ceil(height)}",
                         f"--screenshot={picture}"])


def run_headless(browser: str, page: tuple[str, str], result_name: str, what: str,
                 error: type[Exception], flags: Callable[[Path], list[str]]) -> bytes:
    """The bytes headless ``browser`` writes to ``result_name`` for ``page`` (its file name and
    text), in a throwaway folder; ``flags(result)`` says what to make. Raises ``error`` when the
    browser cannot run or makes no ``what``."""
    with tempfile.TemporaryDirectory(prefix="cjmap-browser-") as folder:
        source = Path(folder) / page[0]
        source.write_text(page[1], encoding="utf-8")
        result = Path(folder) / result_name
        args = [browser, *headless_flags(Path(folder)), *flags(result), source.as_uri()]
        try:
            done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as problem:
            raise error(f"{browser} could not run: {problem}") from None
        if not result.is_file() or result.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise error(f"{Path(browser).name} made no {what} (exit {done.returncode}) "
                        f"{detail[0]}".strip())
        return result.read_bytes()


def _with_cairosvg(cairosvg: object, svg: str, width: float, height: float) -> bytes:
    scale = _scale(width, height)
    try:
        convert = getattr(cairosvg, "svg2png")
        data = convert(bytestring=svg.encode("utf-8"), scale=scale)
    except Exception as error:  # cairosvg raises many kinds; all mean "no picture"
        raise PngError(f"cairosvg could not convert the map: {error}") from None
    return bytes(data)
