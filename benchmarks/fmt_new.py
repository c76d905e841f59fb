"""How long ``cjmap fmt`` and ``cjmap new`` take (prints figures).

Run: ``python benchmarks/fmt_new.py``. ``fmt`` formats the examples, and synthetic maps from
``synthetic_map`` written out of order (every mapping's keys reversed) with a comment above
every step and at the end of every summary line. Times are the best of three runs of the core
(no process start-up), and include the guard that reads the result back.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_map import synthetic_map  # noqa: E402

from cjmap.fmt.formatter import format_text  # noqa: E402
from cjmap.starters.create import STARTERS, starter_map_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def best(function: Callable[[], Any], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def messy_text(steps: int) -> str:
    """A synthetic map with reversed keys and comments, as ruamel writes it."""
    from ruamel.yaml import YAML

    data = synthetic_map(steps).model_dump(mode="json", by_alias=True, exclude_none=True)
    lines = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.dump(_reversed(data), lines)
    out = []
    for line in lines.getvalue().splitlines():
        if line.startswith("- id: step-"):
            out.append("# a comment above the step")
        out.append(line + ("  # end of line" if line.lstrip().startswith("summary:") else ""))
    return "\n".join(out) + "\n"


def _reversed(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _reversed(node[key]) for key in reversed(list(node))}
    if isinstance(node, list):
        return [_reversed(item) for item in node]
    return node


def main() -> None:
    print("cjmap fmt (best of 3, seconds)")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        print(f"  {path.name:<28} {len(text.splitlines()):>6} lines  "
              f"{best(lambda: format_text(text)):.3f}")
    for steps in (50, 200, 500):
        text = messy_text(steps)
        print(f"  synthetic, {steps:>3} steps, messy {len(text.splitlines()):>6} lines  "
              f"{best(lambda: format_text(text)):.3f}")
    print("cjmap new (best of 3, seconds)")
    answers = {"title": "A journey", "customer": "Its customers", "why": "To learn"}
    for starter in STARTERS:
        seconds = best(lambda: starter_map_text(starter, answers, "cjmap.schema.json"))
        print(f"  {starter.name:<28} {seconds:.3f}")


if __name__ == "__main__":
    main()
