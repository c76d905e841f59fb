"""``cjmap render`` through the real command line: outputs, formats, folders and exit codes."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES

from cjmap.commands.render import ThemeName
from cjmap.render import png
from cjmap.render.themes import THEMES

NEW_TENANTS = str(EXAMPLES / "new-tenants.yaml")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HAS_BROWSER = png.find_browser() is not None

INVALID = "cjmap: 1\njourney:\n  title: T\nsteps: []\n"


def test_theme_choices_match_the_themes():
    assert {theme.value for theme in ThemeName} == set(THEMES)


def test_one_map_to_an_svg_file(cli, tmp_path):
    target = tmp_path / "new-tenants.svg"
    result = cli("render", NEW_TENANTS, "-o", str(target))
    assert result.exit_code == 0, result.output
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.get("viewBox")


def test_without_output_the_svg_goes_to_stdout(cli):
    result = cli("render", NEW_TENANTS)
    assert result.exit_code == 0
    assert result.stdout.startswith("<svg ")


def test_the_format_follows_the_output_suffix(cli, tmp_path, golden):
    target = tmp_path / "map.mmd"
    assert cli("render", NEW_TENANTS, "-o", str(target)).exit_code == 0
    golden("render/new-tenants.mmd", target.read_text(encoding="utf-8"))


def test_flow_view_as_dot_to_stdout(cli, golden):
    result = cli("render", NEW_TENANTS, "--view", "flow", "--format", "dot")
    assert result.exit_code == 0
    golden("render/new-tenants.dot", result.stdout)


def test_flow_view_as_svg_with_the_pure_engine(cli, tmp_path):
    target = tmp_path / "flow.svg"
    result = cli("render", NEW_TENANTS, "--view", "flow", "--engine", "pure", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "Viewing the property" in target.read_text(encoding="utf-8")


def test_flow_view_as_png_through_graphviz(cli, tmp_path):
    target = tmp_path / "flow.png"
    result = cli("render", NEW_TENANTS, "--view", "flow", "--engine", "pure", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(PNG_SIGNATURE)


def test_a_folder_of_maps_into_an_output_folder(cli, tmp_path):
    source = tmp_path / "maps"
    (source / "sub").mkdir(parents=True)
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, source / path.name)
    shutil.copy(EXAMPLES / "repairs.yaml", source / "sub" / "repairs.yaml")
    result = cli("render", str(source), "-o", str(tmp_path / "out"), "--theme", "high-contrast")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*.svg"))
    assert written == ["complaints.svg", "damp-and-mould.svg", "new-tenants.svg", "repairs.svg",
                       "sub/repairs.svg"]
    assert "#0072b2" in (tmp_path / "out" / "repairs.svg").read_text(encoding="utf-8")


def test_several_files_need_an_output_folder(cli):
    result = cli("render", NEW_TENANTS, str(EXAMPLES / "repairs.yaml"))
    assert result.exit_code == 2
    assert "add -o FOLDER" in result.stderr


def test_two_maps_may_not_write_the_same_file(cli, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(NEW_TENANTS, tmp_path / folder / "map.yaml")
    result = cli("render", str(tmp_path / "a" / "map.yaml"), str(tmp_path / "b" / "map.yaml"),
                 "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_invalid_map_exits_1_and_the_others_are_still_drawn(cli, tmp_path):
    source = tmp_path / "maps"
    source.mkdir()
    (source / "broken.yaml").write_text(INVALID, encoding="utf-8")
    shutil.copy(NEW_TENANTS, source / "good.yaml")
    result = cli("render", str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "broken.yaml is not a valid map" in result.stderr
    assert (tmp_path / "out" / "good.svg").is_file()
    assert not (tmp_path / "out" / "broken.svg").exists()


def test_a_missing_file_exits_2(cli, tmp_path):
    result = cli("render", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_an_empty_folder_exits_2(cli, tmp_path):
    result = cli("render", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no map files" in result.stderr


@pytest.mark.parametrize("view, fmt, hint", [("map", "dot", "--view flow"),
                                             ("flow", "mermaid", "--view map")])
def test_formats_that_do_not_fit_the_view(cli, view, fmt, hint):
    result = cli("render", NEW_TENANTS, "--view", view, "--format", fmt)
    assert result.exit_code == 2
    assert hint in result.stderr


def test_an_output_file_where_a_folder_is_needed(cli, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x")
    result = cli("render", str(EXAMPLES), "-o", str(blocker))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_system_engine_without_dot_exits_2(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cli("render", NEW_TENANTS, "--view", "flow", "--engine", "system",
                 "-o", str(tmp_path / "f.svg"))
    assert result.exit_code == 2
    assert "--engine pure" in result.stderr


def test_png_without_any_converter_exits_2_and_says_what_to_install(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(png, "find_browser", lambda: None)
    monkeypatch.setattr(png, "_cairosvg", lambda: None)
    result = cli("render", NEW_TENANTS, "-o", str(tmp_path / "map.png"))
    assert result.exit_code == 2
    assert "no converter found" in result.stderr and "pip install cairosvg" in result.stderr
    assert not (tmp_path / "map.png").exists()


def test_a_browser_that_fails_exits_2(cli, tmp_path, monkeypatch):
    broken = tmp_path / "browser"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("CJMAP_BROWSER", str(broken))
    result = cli("render", NEW_TENANTS, "-o", str(tmp_path / "map.png"))
    assert result.exit_code == 2
    assert "made no picture (exit 3) cannot open display" in result.stderr


@pytest.mark.skipif(not HAS_BROWSER, reason="no Chromium-family browser on this machine")
def test_map_as_png_through_a_browser(cli, tmp_path):
    target = tmp_path / "map.png"
    result = cli("render", NEW_TENANTS, "-o", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width = int.from_bytes(data[16:20], "big")
    assert width > 2000  # drawn at twice the SVG's size, for print


def test_rendering_twice_gives_the_same_bytes(cli, tmp_path):
    for name in ("one.svg", "two.svg"):
        assert cli("render", NEW_TENANTS, "-o", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / "one.svg").read_bytes() == (tmp_path / "two.svg").read_bytes()


def test_an_existing_file_is_replaced_whole(cli, tmp_path):
    target = tmp_path / "map.svg"
    target.write_text("old" * 100000)
    assert cli("render", NEW_TENANTS, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<svg ")
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]  # no temporary file left


def test_help_lists_the_options(cli):
    result = cli("render", "--help")
    assert result.exit_code == 0
    for option in ("--view", "--format", "--theme", "--engine", "--output"):
        assert option in result.stdout


def test_one_map_into_an_existing_folder(cli, tmp_path):
    result = cli("render", NEW_TENANTS, "-o", str(tmp_path), "-f", "mermaid")
    assert result.exit_code == 0
    assert (tmp_path / "new-tenants.mmd").read_text(encoding="utf-8").startswith("journey\n")


def test_a_progress_bar_and_summary_on_a_terminal(cli, tmp_path, monkeypatch):
    import io

    from rich.console import Console

    from cjmap.commands import render as command

    screen = io.StringIO()
    monkeypatch.setattr(command, "error_console",
                        lambda: Console(file=screen, force_terminal=True, width=400,
                                        highlight=False))
    result = cli("render", str(EXAMPLES), "-o", str(tmp_path / "out"), "-f", "mermaid")
    assert result.exit_code == 0
    # rich wraps a long temporary path onto the next line
    assert f"rendered 4 of 4 maps into {tmp_path / 'out'}" in " ".join(screen.getvalue().split())
    assert "4/4" in screen.getvalue()  # the bar's count
