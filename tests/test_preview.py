"""``cjmap preview``: a real server on 127.0.0.1, real file edits, and a real browser.

The server runs in a thread on port 0 (any free port); the tests edit the map file on disk and
poll ``/state.json`` as the page does, then check the version, the problems and the page. The
browser test loads the page in headless Chromium, edits the file as soon as the page has been
served, and checks that the page reloaded itself and shows the problem (and the last good map).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from cjmap.preview import PreviewServer, PreviewState, start_server
from cjmap.render.png import find_browser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "repairs.yaml"
COLON = "text that contains ': ' must be in quotes"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def state_of(server: PreviewServer) -> dict[str, Any]:
    return json.loads(get(server.url + "state.json")[2])


def wait_for_version(server: PreviewServer, version: int) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = state_of(server)
        if state["version"] >= version:
            return state
        time.sleep(0.05)
    raise AssertionError(f"version {version} never came: {state_of(server)}")


def break_title(path: Path) -> int:
    """Put a colon into the journey's title, unquoted; returns the 1-based line edited."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("  title:"))
    lines[number] = "  title: Repairs: the whole story"
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    target = tmp_path / "repairs.yaml"
    shutil.copy(EXAMPLE, target)
    return target


@pytest.fixture
def server(map_file: Path) -> Iterator[PreviewServer]:
    running = start_server(PreviewState(map_file), port=0)
    yield running
    running.stop()


def test_serves_the_map_on_loopback_with_a_csp(server: PreviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1" and server.port > 0
    status, headers, page = get(server.url)
    assert status == 200 and "<svg" in page and 'data-version="1"' in page
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "http://" not in page.split("<svg", 1)[0].replace(
        'xmlns="http://www.w3.org', "")  # no external asset before the map
    assert state_of(server) == {"version": 1, "valid": True, "good_version": 1,
                                "problems": state_of(server)["problems"]}
    script = get(server.url + "preview.js")
    assert script[0] == 200 and "/state.json" in script[2]


def test_each_save_is_a_new_version_and_problems_keep_the_last_good_map(
        server: PreviewServer, map_file: Path) -> None:
    good = map_file.read_text(encoding="utf-8")
    line = break_title(map_file)
    state = wait_for_version(server, 2)
    assert state["valid"] is False and state["good_version"] == 1
    (problem,) = [p for p in state["problems"] if p["severity"] == "error"]
    assert problem["line"] == line and problem["rule"] == "syntax"
    assert problem["message"].startswith(COLON)
    page = get(server.url)[2]
    assert "<svg" in page and f"Line {line}, column" in page and "must be in quotes" in page
    assert "showing the map as it was at version 1" in page
    map_file.write_text(good.replace("title: ", "title: Fixed ", 1), encoding="utf-8")
    state = wait_for_version(server, 3)
    assert state["valid"] is True and state["good_version"] == 3
    assert "Fixed" in get(server.url)[2]


def test_saving_the_same_bytes_is_not_a_new_version(server: PreviewServer, map_file: Path) -> None:
    map_file.write_bytes(map_file.read_bytes())
    os.utime(map_file, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert state_of(server)["version"] == 1  # the time moved, the bytes did not
    map_file.write_bytes(map_file.read_bytes() + b"# a comment\n")
    assert state_of(server)["version"] == 2


def test_reports_are_one_click_away(server: PreviewServer) -> None:
    page = get(server.url)[2]
    for audience in ("influencer", "executive", "front-line"):
        assert f'href="/report/{audience}.html"' in page
        status, headers, report = get(f"{server.url}report/{audience}.html")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert report.startswith("<!DOCTYPE html>") and "Repairs" in report


def test_other_paths_and_other_hosts_are_refused(server: PreviewServer) -> None:
    assert get(server.url + "nothing")[0] == 404
    assert get(server.url + "report/everyone.html")[0] == 404
    assert get(server.url, {"Host": "attacker.example:80"})[0] == 400
    assert get(server.url, {"Host": f"localhost:{server.port}"})[0] == 200


BROWSER = find_browser()


@pytest.mark.skipif(BROWSER is None, reason="no Chromium-family browser")
def test_the_page_follows_an_edit_in_a_real_browser(map_file: Path) -> None:
    served: list[str] = []
    lines: list[int] = []

    def after(path: str) -> None:
        served.append(path)
        if path == "/" and not lines:
            lines.append(break_title(map_file))  # saved while the browser shows version 1

    running = start_server(PreviewState(map_file), port=0, served=after)
    try:
        with tempfile.TemporaryDirectory() as profile:
            run = subprocess.run(
                [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                 "--virtual-time-budget=15000", "--dump-dom", running.url],
                capture_output=True, text=True, timeout=120)
    finally:
        running.stop()
    dom = run.stdout
    assert served.count("/") >= 2 and "/state.json" in served, (served, run.stderr[-2000:])
    assert 'data-version="2"' in dom and COLON in dom, dom[-3000:]
    assert f"Line {lines[0]}, column" in dom and "<svg" in dom
    for sign in ("Refused to", "violates", "Uncaught"):
        assert sign not in run.stderr, run.stderr[-2000:]


def test_the_command_serves_until_ctrl_c_then_exits_130(map_file: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cjmap", "preview", str(map_file), "--no-open", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith(f"Previewing {map_file} at http://127.0.0.1:"), first
        url = first.rsplit(" ", 1)[1].strip()
        assert json.loads(get(url + "state.json")[2])["version"] == 1
        line = break_title(map_file)
        said = [process.stdout.readline() for _ in range(4)]  # drawn, version 2, its problem
        assert "version 2: 1 problem (the page keeps the last good map)" in said[2], said
        assert said[3].startswith(f"  line {line}, column ") and COLON in said[3], said
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert "Preview stopped." in out
    port = int(url.rsplit(":", 1)[1].strip("/"))
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_taken_port_is_a_clear_error(cli, map_file: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("preview", str(map_file), "--no-open", "--port", str(port))
    assert result.exit_code == 2
    assert f"port {port} is already in use" in result.stderr and "--port 0" in result.stderr


def test_a_missing_file_is_a_clear_error(cli, tmp_path: Path) -> None:
    result = cli("preview", str(tmp_path / "nothing.yaml"), "--no-open")
    assert result.exit_code == 2 and "no such file" in result.stderr
