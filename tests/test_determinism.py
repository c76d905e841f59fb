"""Same input, same bytes: every output is compared across two separate processes with
different hash seeds (so set and dict order, ids and caches cannot leak into the output)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REPAIRS = str(EXAMPLES / "repairs.yaml")
WAVES = [str(ROOT / "tests" / "cases" / "trend" / f"complaints-{year}.yaml")
         for year in (2023, 2024, 2025)]

COMMANDS = {
    "map-svg": ["render", REPAIRS, "-f", "svg"],
    "flow-dot": ["render", REPAIRS, "--view", "flow", "-f", "dot"],
    "mermaid": ["render", REPAIRS, "-f", "mermaid"],
    "report-md": ["report", REPAIRS, "--today", "2026-04-01"],
    "report-html": ["report", REPAIRS, "--today", "2026-04-01", "-f", "html"],
    "slides": ["report", REPAIRS, "--today", "2026-04-01", "-f", "slides"],
    "export-csv": ["export", REPAIRS, "--today", "2026-04-01"],
    "export-derived": ["export", REPAIRS, "-f", "json", "--derived", "--today", "2026-04-01"],
    "trend-json": ["trend", *WAVES, "-f", "json"],
    "trend-svg": ["trend", *WAVES, "-f", "svg"],
    "validate-json": ["validate", str(EXAMPLES), "-f", "json", "--today", "2026-04-01"],
}


def run(arguments: list[str], seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed, COLUMNS="120")
    done = subprocess.run([sys.executable, "-m", "cjmap", *arguments], env=env,
                          capture_output=True, check=False)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_two_processes_give_the_same_bytes(name: str) -> None:
    first, second = run(COMMANDS[name], "1"), run(COMMANDS[name], "4242")
    assert first, f"{name} wrote nothing"
    assert first == second


def test_a_site_built_twice_in_separate_processes_is_identical(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "99"):
        target = tmp_path / f"site-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "cjmap", "site", str(EXAMPLES), "-o", str(target),
                        "--today", "2026-04-01"], env=env, capture_output=True, check=True)
        outputs.append({path.relative_to(target): path.read_bytes()
                        for path in sorted(target.rglob("*")) if path.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    assert outputs[0] == outputs[1]
