"""PDF documents (A4, numbered pages, selectable text) through a headless Chromium-family browser.

The same browser as the PNG pictures (:func:`cjmap.render.png.find_browser`, the same flags),
with ``--print-to-pdf`` and ``--no-pdf-header-footer`` (no date, file URL or title in the
margins). Page numbers come from the CSS ``@page`` margin boxes (``@bottom-center`` with
``counter(page)`` and ``counter(pages)``), which Chromium draws since version 131; an older
browser prints the same pages without numbers. The browser's own header and footer templates
are only reachable through the DevTools protocol, which cjmap does not drive.

:func:`map_pages_html` lays the map out on A4 landscape pages: on one page when it fits at a
readable size, else split between step columns, each page repeating the lanes' labels.
"""

from __future__ import annotations

import math

from cjmap.render.png import find_browser, run_headless

PAGE_CSS = """@page {
  size: A4 %s;
  margin: 12mm 12mm 16mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; color: #333; }
}
"""
NO_BROWSER = (
    "cannot make a PDF: no browser found. Install Chromium, Google Chrome or Microsoft Edge "
    "(or set CJMAP_BROWSER to one)"
)
# A4 landscape less the margins above, in CSS pixels (96 per inch).
LANDSCAPE = (273 / 25.4 * 96, 180 / 25.4 * 96)
MIN_SCALE = 0.55  # below this the map's small print is not readable on paper


class PdfError(Exception):
    """No browser is available, or it made no PDF."""


def page_css(orientation: str = "portrait") -> str:
    """The ``@page`` rules: A4 in ``orientation``, margins, and the page-number footer."""
    return PAGE_CSS % orientation


def with_page_css(html: str, orientation: str = "portrait") -> str:
    """An HTML page with the print rules added at the end of its head."""
    return html.replace("</head>", f"<style>\n{page_css(orientation)}</style>\n</head>", 1)


def html_to_pdf(html: str) -> bytes:
    """Print an HTML page to PDF bytes, or raise :class:`PdfError`."""
    browser = find_browser()
    if browser is None:
        raise PdfError(NO_BROWSER)
    return run_headless(browser, ("page.html", html), "page.pdf", "PDF", PdfError,
                        lambda target: ["--no-pdf-header-footer", f"--print-to-pdf={target}"])


def split_columns(count: int, left: float, column: float, height: float) -> tuple[float, int]:
    """(scale, step columns per page) for a map of ``count`` columns after a label column."""
    page_width, page_height = LANDSCAPE
    width = left + count * column
    fit = min(page_width / width, page_height / height, 1.0)
    if fit >= MIN_SCALE:
        return fit, count
    scale = min(page_height / height, 1.0)
    per_page = max(1, math.floor((page_width / scale - left) / column))
    return scale, per_page


def _window(svg_body: str, x: float, width: float, height: float, scale: float) -> str:
    """The map's SVG showing only ``x``..``x + width`` of it, drawn at ``scale``."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * scale:.1f}" '
            f'height="{height * scale:.1f}" viewBox="{x:g} 0 {width:g} {height:g}" '
            f'aria-hidden="true">{svg_body}</svg>')


def map_pages_html(svg: str, title: str, count: int, left: float, column: float,
                   width: float, height: float) -> str:
    """An HTML document of A4 landscape pages holding the map (``svg``, a full document)."""
    from markupsafe import escape

    body = svg[svg.index(">", svg.index("<svg")) + 1: svg.rindex("</svg>")]
    scale, per_page = split_columns(count, left, column, height)
    pages = []
    for first in range(0, count, per_page):
        last = min(count, first + per_page)
        if first == 0 and last == count:
            parts = [_window(body, 0, width, height, scale)]
        else:
            start = 0.0 if first == 0 else left + first * column
            end = width if last == count else left + last * column
            parts = ([] if first == 0 else [_window(body, 0, left, height, scale)])
            parts.append(_window(body, start, end - start, height, scale))
        pages.append('<div class="page">' + "".join(parts) + "</div>")
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>\n{page_css('landscape')}"
            "body { margin: 0; } .page { display: flex; break-after: page; }\n"
            ".page:last-child { break-after: auto; }\n</style></head><body>\n"
            + "\n".join(pages) + "\n</body></html>\n")
