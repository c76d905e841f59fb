"""Benchmark: `cjmap validate` on 1,000 maps against a bare YAML load of the same files.

Generates a corpus of valid maps of about 160 lines each, then times in one run:

- bare load: every file read and parsed with ruamel.yaml's fastest loader (the C-backed safe
  loader), in this process, one file after another;
- validate: the real command, `cjmap validate DIR`, as a subprocess (start-up included).

Target (issue #2): validate costs no more than 1.3 x the bare load. Also times `cjmap --version`
(target: under 150 ms). Usage: python benchmarks/validate_corpus.py [--files 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CJMAP = [sys.executable, "-m", "cjmap"]


def map_text(number: int) -> str:
    """One valid map of about 160 lines, different for each number."""
    lines = [
        "cjmap: 1",
        "journey:",
        f"  title: Repairs journey {number}",
        "  customer: Tenants who reported a repair",
        "  organisation: Example Homes",
        f"  period: {2020 + number % 6}/{(21 + number % 6) % 100:02d} Q{1 + number % 4}",
        "  owner: Customer Experience Team",
        "  research:",
        "    - method: interview",
        f"      participants: {30 + number % 20}",
        "stages:",
        "  - id: reporting",
        "    name: Reporting",
        "  - id: fixing",
        "    name: Fixing",
        "steps:",
    ]
    for step in range(5):
        lines += _step_lines(number, step)
    return "\n".join(lines) + "\n"


def _step_lines(number: int, step: int) -> list[str]:
    moment = step in (1, 4)
    lines = [
        f"  - id: step-{step}",
        f"    name: Step {step} of the repair",
        f"    stage: {'reporting' if step < 3 else 'fixing'}",
        "    summary: Most customers found this step clear, though a few waited too long.",
        "    doing: Calls the contact centre",
        "    thinking: Will someone come soon?",
        "    feeling: anxious",
        "    touchpoints:",
        "      - channel: phone",
        "        with: Contact centre",
        "    feedback:",
        f"      positive: {5 + (number + step) % 11}",
        f"      neutral: {(number * step) % 4}",
        f"      negative: {(number + 2 * step) % 5}",
        "      no_comment: 1",
        "    quotes:",
        "      - text: They were really helpful.",
        "        sentiment: positive",
        "      - text: I had to chase them twice.",
        "        sentiment: negative",
        "    pain_points:",
        "      - Appointments are not confirmed in writing.",
    ]
    if moment:
        lines += ["    moment_of_truth: The customer decides here whether to trust the service."]
    lines += [
        "    actions:",
        f"      - id: action-{step}",
        "        recommendation: Confirm every appointment by text message.",
        "        owner: Repairs Manager",
        "        due: 2030/31 Q4",
        "        status: agreed",
    ]
    return lines


def make_corpus(folder: Path, files: int) -> int:
    lines = 0
    for number in range(files):
        text = map_text(number)
        lines += text.count("\n")
        (folder / f"map-{number:04d}.yaml").write_text(text, encoding="utf-8")
    return lines


def bare_load(folder: Path) -> float:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    start = time.perf_counter()
    for path in sorted(folder.glob("*.yaml")):
        yaml.load(path.read_bytes())
    return time.perf_counter() - start


def timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    return elapsed, done.returncode


def billion_laughs(levels: int = 9) -> str:
    text = "cjmap: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in range(1, levels + 1):
        text += f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]\n"
    return text


def alias_bomb() -> tuple[float, float, str]:
    """Seconds and peak MiB to refuse a billion-laughs file, and the problem given."""
    import tracemalloc

    from cjmap.load import load_text

    text = billion_laughs()
    tracemalloc.start()
    start = time.perf_counter()
    loaded = load_text(text, "bomb.yaml")
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return elapsed, peak, str(loaded.problems[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cjmap-corpus-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        lines = make_corpus(folder, args.files)
        print(f"corpus: {args.files} maps, {lines / args.files:.0f} lines each on average")
        load = min(bare_load(folder) for _ in range(args.repeat))
        runs = [timed([*CJMAP, "validate", str(folder), "--format", "parsable"])
                for _ in range(args.repeat)]
        codes = {code for _, code in runs}
        validate = min(elapsed for elapsed, _ in runs)
        one_core = min(timed([*CJMAP, "validate", str(folder), "-j", "1", "--format",
                              "parsable"])[0] for _ in range(args.repeat))
        version = statistics.median(timed(["cjmap", "--version"])[0] for _ in range(7))
        print(f"bare load (ruamel C safe loader, 1 process): {load:.3f} s")
        print(f"cjmap validate (all cores, start-up included): {validate:.3f} s "
              f"(exit {'/'.join(map(str, sorted(codes)))})")
        print(f"cjmap validate -j 1 (one core): {one_core:.3f} s")
        print(f"ratio validate / bare load: {validate / load:.2f} (target <= 1.30); "
              f"one core: {one_core / load:.2f}")
        print(f"cjmap --version: {version * 1000:.0f} ms (median of 7; target < 150 ms)")
        seconds, peak, problem = alias_bomb()
        print(f"billion laughs: refused in {seconds * 1000:.1f} ms, peak {peak:.1f} MiB: {problem}")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
