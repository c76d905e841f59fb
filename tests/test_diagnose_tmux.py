"""The questionnaire in a real terminal: tmux runs ``cjmap diagnose``, we type, and read the screen.

CliRunner feeds a pipe, so it cannot show what a person sees on a terminal (the colours, the
panel widths, readline, what Ctrl-C does). This test drives a real pseudo-terminal instead. It
waits for text to appear rather than for fixed times, with a generous limit for slow machines.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
from conftest import ROOT

from cjmap.validate import load_map

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed; the real-terminal test of `cjmap diagnose` needs it "
           "(apt-get install tmux)")

WAIT_LIMIT = 30.0  # seconds; a limit on waiting, not a speed target


class Terminal:
    """One tmux session on a private server, 100 columns by 50 lines."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                                text=True, check=True)
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "cjmap")

    def history(self) -> str:
        return self.tmux("capture-pane", "-p", "-S", "-", "-t", "cjmap")

    def wait_for(self, text: str, count: int = 1) -> str:
        deadline = time.monotonic() + WAIT_LIMIT
        while time.monotonic() < deadline:
            seen = self.history()
            if seen.count(text) >= count:
                return seen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear; the terminal shows:\n{self.history()}")

    def type(self, line: str) -> None:
        if line:
            self.tmux("send-keys", "-t", "cjmap", "-l", line)
        self.tmux("send-keys", "-t", "cjmap", "Enter")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    socket = f"cjmap-test-{os.getpid()}-{tmp_path.name}"
    yield Terminal(socket)
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def _start(terminal: Terminal, tmp_path: Path, *args: str) -> None:
    command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "cjmap", "diagnose",
                                                      *args))
    # The trap keeps the shell alive through Ctrl-C (a trap, unlike an ignored signal, is not
    # inherited, so cjmap still gets the interrupt) to print the exit status.
    script = f"trap : INT; cd {shlex.quote(str(tmp_path))} && {command}; echo EXIT=$?; sleep 600"
    terminal.tmux("new-session", "-d", "-s", "cjmap", "-x", "100", "-y", "50",
                  "-e", "PYTHONPATH=" + str(ROOT / "src"), "-e", "COLUMNS=", "-e", "LINES=",
                  "sh", "-c", script)


def _map(tmp_path: Path) -> Path:
    target = tmp_path / "map.yaml"
    target.write_bytes((ROOT / "tests" / "cases" / "diagnose" / "commented.yaml").read_bytes())
    return target


def test_the_questionnaire_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    target = _map(tmp_path)
    original = target.read_bytes()
    _start(terminal, tmp_path, "--save", "map.yaml", "--date", "2024-05-01")
    terminal.wait_for("1 of 5 · Changeable")
    screen = terminal.screen()
    assert "The 5Cs: should this journey be mapped?" in screen
    assert "Answer [y yes · p partly · n no · u unsure]:" in screen
    for number, (answer, note) in enumerate((("y", "Lettings policy changed in April"),
                                             ("p", ""), ("x", None), ("n", ""), ("u", ""),
                                             ("y", "")), start=1):
        terminal.type(answer)
        if note is None:  # an unknown key is explained, and the question asked again
            terminal.wait_for("Type y, p, n or u (or b to go back).")
            continue
        terminal.wait_for("Note (optional, Enter to skip):", count=number - 1)
        terminal.type(note)
    terminal.wait_for("Your choice")
    screen = terminal.screen()
    assert "Changeable   yes            2   Lettings policy changed in April" in screen
    assert "Total                 5 of 10" in screen
    assert "GO  5 of 10 points, go at 5 or more" in screen
    assert "Against: Complex (no)." in screen
    assert "• Climactic: Do emotions run high, or are people vulnerable or at risk?" in screen
    assert "Your choice [Enter save to map.yaml · 1-5 change · b back · q quit]:" in screen
    assert target.read_bytes() == original  # nothing written before the summary is accepted
    terminal.type("")
    terminal.wait_for("EXIT=0")
    assert "cjmap: saved the diagnosis to map.yaml" in terminal.screen()
    diagnosis = load_map(target).diagnosis
    assert diagnosis.decision == "go"
    assert diagnosis.answers.changeable.note == "Lettings policy changed in April"
    assert target.read_bytes().startswith(original + b"\ndiagnosis:\n")


def test_ctrl_c_in_a_real_terminal_saves_nothing(terminal: Terminal, tmp_path: Path) -> None:
    target = _map(tmp_path)
    original = target.read_bytes()
    _start(terminal, tmp_path, "--save", "map.yaml")
    terminal.wait_for("1 of 5 · Changeable")
    terminal.type("y")
    terminal.wait_for("Note (optional, Enter to skip):")
    terminal.tmux("send-keys", "-t", "cjmap", "C-c")
    terminal.wait_for("EXIT=130")
    assert "cjmap: error: cancelled, nothing saved" in terminal.screen()
    assert "Traceback" not in terminal.history()
    assert target.read_bytes() == original
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map.yaml"]
