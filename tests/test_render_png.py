"""PNG of the map: choosing a converter, sizes, and failures."""

from __future__ import annotations

import pytest

from cjmap.render import png
from cjmap.render.png import PngError, svg_to_png

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"/>'


class FakeCairo:
    def __init__(self) -> None:
        self.calls: list[dict] = []

    def svg2png(self, **kwargs):
        self.calls.append(kwargs)
        return b"\x89PNG fake"


def test_print_quality_while_the_picture_stays_capturable():
    assert png._scale(3000, 2000) == 2
    assert png._scale(12000, 2000) == 1
    with pytest.raises(PngError, match="too large for a PNG"):
        png._scale(20000, 800)


def test_cjmap_browser_chooses_the_browser(monkeypatch):
    monkeypatch.setenv("CJMAP_BROWSER", "/opt/my/chrome")
    assert png.find_browser() == "/opt/my/chrome"


def test_without_a_browser_cairosvg_is_used(monkeypatch):
    cairo = FakeCairo()
    monkeypatch.setattr(png, "find_browser", lambda: None)
    monkeypatch.setattr(png, "_cairosvg", lambda: cairo)
    assert svg_to_png(SVG, 100, 50) == b"\x89PNG fake"
    assert cairo.calls == [{"bytestring": SVG.encode(), "scale": 2}]


def test_a_cairosvg_failure_is_reported(monkeypatch):
    class Broken:
        def svg2png(self, **kwargs):
            raise ValueError("bad svg")

    monkeypatch.setattr(png, "find_browser", lambda: None)
    monkeypatch.setattr(png, "_cairosvg", lambda: Broken())
    with pytest.raises(PngError, match="cairosvg could not convert the map: bad svg"):
        svg_to_png(SVG, 100, 50)


def test_no_converter(monkeypatch):
    monkeypatch.setattr(png, "find_browser", lambda: None)
    monkeypatch.setattr(png, "_cairosvg", lambda: None)
    with pytest.raises(PngError, match="Chromium, Google Chrome or Microsoft Edge"):
        svg_to_png(SVG, 100, 50)


def test_a_browser_that_cannot_start(monkeypatch, tmp_path):
    monkeypatch.setenv("CJMAP_BROWSER", str(tmp_path / "missing-browser"))
    with pytest.raises(PngError, match="could not run"):
        svg_to_png(SVG, 100, 50)
