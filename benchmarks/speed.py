"""Benchmark: each command against the floor it cannot beat, as a ratio measured in one run.

For every row the floor (B) and the command (A) run back to back as subprocesses, round after
round, and the best of each counts, so a machine shared with other work disturbs both alike.
Rows (issue "Speed"), with their targets:

- ``validate -j 1``, 1,000 maps of 158 lines / one process loading them with ruamel's C safe
  loader: <= 1.0; ``validate`` on all cores, same: <= 0.7;
- ``validate`` of one small map / a bare load of it in its own process: <= 2.5;
- ``fmt --check``, 1,000 canonical maps / one process round-tripping them (load + dump): <= 1.0;
- ``fmt``, 1,000 messy maps / same: <= 1.2;
- ``actions``, 100 maps of 20 steps / ``validate`` of that folder: <= 1.2 (and, with no
  target, ``validate`` of that folder, whose maps have 499 warnings, / a bare load of it);
- ``diagnose --save``, a 2,000-step map / a bare load of it: <= 2.0;
- ``report --format html``, 200 steps / the Markdown report of it: <= 1.3.

Peak RSS (all processes of the command, sampled) is printed with ``--memory``, which also runs
``validate`` of 10,000 maps (target under 150 MiB) and ``render`` of a 1,000-step map (under
128 MiB). The load average is printed before each row: near 0 means the second core was free.

Usage: python benchmarks/speed.py [--repeat 3] [--only validate,fmt,...] [--memory]
Exit 0 when every target is met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_map import synthetic_map  # noqa: E402
from validate_corpus import make_corpus, map_text  # noqa: E402

PYTHON = sys.executable
# As installed: Python keeps compiled modules (an environment that turns that off would make
# every run compile cjmap's modules again, which no installed cjmap does).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
CJMAP = [PYTHON, "-m", "cjmap"]

BARE_LOAD = """
import sys
from ruamel.yaml import YAML
yaml = YAML(typ="safe", pure=False)
for name in sys.argv[1:]:
    with open(name, "rb") as file:
        yaml.load(file.read())
"""

ROUND_TRIP = """
import io, sys
from ruamel.yaml import YAML
yaml = YAML(typ="rt")
for name in sys.argv[1:]:
    with open(name, "rb") as file:
        data = yaml.load(file.read())
    yaml.dump(data, io.StringIO())
"""

ANSWERS = ["--changeable", "yes", "--challenged", "yes", "--complex", "partly",
           "--climactic", "yes", "--costly", "no", "--date", "2026-04-01"]


def files_of(folder: Path) -> list[str]:
    return sorted(str(path) for path in folder.glob("*.yaml"))


def run(command: list[str], prepare: Optional[Callable[[], None]] = None) -> tuple[float, float]:
    """Seconds one run of ``command`` takes, on the clock and in CPU time over all its processes
    (``prepare`` runs first, untimed). CPU time hardly changes when other work shares the
    machine; the clock is what a user waits."""
    if prepare is not None:
        prepare()
    before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start, _children_cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peak_rss(command: list[str], prepare: Optional[Callable[[], None]] = None) -> float:
    """Peak MiB of resident memory summed over ``command`` and its children (sampled)."""
    if prepare is not None:
        prepare()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=ENV)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.01)
    return peak / 1024


def _tree_rss(root: int) -> int:
    """KiB resident over ``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def ratio(name: str, target: Optional[float], floor: list[str], command: list[str], repeat: int,
          prepare: Optional[Callable[[], None]] = None) -> bool:
    """Time floor and command back to back ``repeat`` times; print the best of each and A/B
    (a row without a target is printed for information and always passes)."""
    load = os.getloadavg()[0]
    floors, commands = [], []
    for _ in range(repeat):
        floors.append(run(floor))
        commands.append(run(command, prepare))
    b, a = min(wall for wall, _ in floors), min(wall for wall, _ in commands)
    b_cpu, a_cpu = min(cpu for _, cpu in floors), min(cpu for _, cpu in commands)
    met = target is None or a / b <= target
    verdict = ("no target" if target is None
               else f"target <= {target}: {'met' if met else 'MISSED'}")
    print(f"{name:<34} B {b:7.3f} s  A {a:7.3f} s  A/B {a / b:5.2f}  ({verdict}; "
          f"load average {load:.2f}); CPU B {b_cpu:.3f} s "
          f"A {a_cpu:.3f} s A/B {a_cpu / b_cpu:.2f}", flush=True)
    return met


def as_yaml(steps: int) -> str:
    from ruamel.yaml import YAML

    buffer = io.StringIO()
    YAML(typ="safe", pure=True).dump(synthetic_map(steps).model_dump(
        mode="json", by_alias=True, exclude_none=True), buffer)
    return buffer.getvalue()


def messy(text: str) -> str:
    """A map with every mapping's keys reversed and comments above steps and after summaries."""
    from ruamel.yaml import YAML

    def flipped(node: object) -> object:
        if isinstance(node, dict):
            return {key: flipped(node[key]) for key in reversed(list(node))}
        if isinstance(node, list):
            return [flipped(item) for item in node]
        return node

    buffer = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.dump(flipped(YAML(typ="safe", pure=False).load(text)), buffer)
    out = []
    for line in buffer.getvalue().splitlines():
        if line.lstrip().startswith("- id: step-"):
            out.append("# a comment above the step")
        out.append(line + ("  # end of line" if line.lstrip().startswith("summary:") else ""))
    return "\n".join(out) + "\n"


def copier(source: Path, target: Path) -> Callable[[], None]:
    def copy() -> None:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="validate,one,fmt,actions,diagnose,report",
                        help="rows: validate, one, fmt (fmtcheck and messy), actions, diagnose, report")
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args()
    rows = set(args.only.split(","))
    results: list[bool] = []
    print(f"{os.cpu_count()} cores; best of {args.repeat}; {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="cjmap-speed-") as where:
        root = Path(where)
        corpus = root / "corpus"
        corpus.mkdir()
        make_corpus(corpus, 1000)
        names = files_of(corpus)
        bare = [PYTHON, "-c", BARE_LOAD, *names]
        if "validate" in rows:
            results.append(ratio("validate -j 1, 1,000 maps", 1.0, bare,
                                 [*CJMAP, "validate", str(corpus), "-j", "1"], args.repeat))
            results.append(ratio("validate (all cores), 1,000 maps", 0.7, bare,
                                 [*CJMAP, "validate", str(corpus)], args.repeat))
        if "one" in rows:
            one = root / "one.yaml"
            one.write_text(map_text(7), encoding="utf-8")
            results.append(ratio("validate of one small map", 2.5,
                                 [PYTHON, "-c", BARE_LOAD, str(one)],
                                 [*CJMAP, "validate", str(one)], args.repeat))
        if "fmt" in rows or "fmtcheck" in rows:
            canonical = root / "canonical"
            shutil.copytree(corpus, canonical)
            subprocess.run([*CJMAP, "fmt", str(canonical)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            trip = [PYTHON, "-c", ROUND_TRIP, *files_of(canonical)]
            results.append(ratio("fmt --check, 1,000 canonical maps", 1.0, trip,
                                 [*CJMAP, "fmt", "--check", str(canonical)], args.repeat))
        if "fmt" in rows or "messy" in rows:
            untidy = root / "messy"
            untidy.mkdir()
            for name in names:
                Path(untidy, Path(name).name).write_text(messy(Path(name).read_text()))
            work = root / "fmt-work"
            results.append(ratio("fmt, 1,000 messy maps", 1.2,
                                 [PYTHON, "-c", ROUND_TRIP, *files_of(untidy)],
                                 [*CJMAP, "fmt", str(work)], args.repeat,
                                 copier(untidy, work)))
        if "actions" in rows:
            plans = root / "plans"
            plans.mkdir()
            text = as_yaml(20)
            for number in range(100):
                Path(plans, f"map-{number:03}.yaml").write_text(text, encoding="utf-8")
            results.append(ratio("actions, 100 maps of 20 steps", 1.2,
                                 [*CJMAP, "validate", str(plans)],
                                 [*CJMAP, "actions", str(plans)], args.repeat))
            # Each of these maps has five warnings and shares its title with the others:
            # locating the problems must cost about one more parse, not a pure-Python one.
            results.append(ratio("validate, the same (499 warnings)", None,
                                 [PYTHON, "-c", BARE_LOAD, *files_of(plans)],
                                 [*CJMAP, "validate", str(plans)], args.repeat))
        if "diagnose" in rows:
            big = root / "big"
            big.mkdir()
            (big / "map.yaml").write_text(as_yaml(2000), encoding="utf-8")
            work = root / "big-work"
            results.append(ratio("diagnose --save, 2,000 steps", 2.0,
                                 [PYTHON, "-c", BARE_LOAD, str(big / "map.yaml")],
                                 [*CJMAP, "diagnose", "--save", str(work / "map.yaml"),
                                  *ANSWERS], args.repeat, copier(big, work)))
        if "report" in rows:
            mid = root / "mid.yaml"
            mid.write_text(as_yaml(200), encoding="utf-8")
            results.append(ratio("report --format html, 200 steps", 1.3,
                                 [*CJMAP, "report", str(mid), "-o", str(root / "r.md")],
                                 [*CJMAP, "report", str(mid), "-f", "html", "-o",
                                  str(root / "r.html")], args.repeat))
        if args.memory:
            many = root / "many"
            many.mkdir()
            make_corpus(many, 10_000)
            mib = peak_rss([*CJMAP, "validate", str(many)])
            print(f"peak RSS, validate of 10,000 maps (all processes): {mib:.0f} MiB "
                  "(target < 150)")
            results.append(mib < 150)
            wide = root / "wide.yaml"
            wide.write_text(as_yaml(1000), encoding="utf-8")
            mib = peak_rss([*CJMAP, "render", str(wide), "-o", str(root / "wide.svg")])
            print(f"peak RSS, render of a 1,000-step map: {mib:.0f} MiB (target < 128)")
            results.append(mib < 128)
            mib = peak_rss([*CJMAP, "validate", str(corpus)])
            print(f"peak RSS, validate of 1,000 maps (all processes): {mib:.0f} MiB")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
