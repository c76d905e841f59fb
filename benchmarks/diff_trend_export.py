"""How long ``cjmap diff``, ``trend`` and ``export`` take on big maps (prints figures).

Run: ``python benchmarks/diff_trend_export.py``. Maps come from ``synthetic_map`` (every step
full, actions without ids, so actions are matched by text, the slower path); the "next wave"
drops every seventh step, adds new ones, moves a block, and changes counts and statuses.
Times are the best of three runs of the core and formatters only (no process start-up).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_map import synthetic_map  # noqa: E402

from cjmap.diff import formats as diff_format  # noqa: E402
from cjmap.trend import formats as trend_format  # noqa: E402
from cjmap.diff.compare import diff_maps  # noqa: E402
from cjmap.export import to_csv, to_json  # noqa: E402
from cjmap.model import JourneyMap  # noqa: E402
from cjmap.trend.waves import build_trend  # noqa: E402
from cjmap.render.trend_chart import render_map_svg  # noqa: E402


def next_wave(journey: JourneyMap, wave: int) -> JourneyMap:
    """A later version of ``journey``: steps dropped, added and moved; figures changed."""
    data: dict[str, Any] = journey.model_dump(mode="json", by_alias=True, exclude_none=True)
    steps = [step for index, step in enumerate(data["steps"]) if index % 7 != wave % 7]
    for step in steps:
        step["feedback"]["positive"] += wave
        for action in step["actions"]:
            action["status"] = "done" if wave % 2 else action["status"]
    extra = [dict(steps[0], id=f"new-{wave}-{k}", name=f"New step {k}") for k in range(3)]
    middle = len(steps) // 2
    steps = steps[:middle] + extra + steps[middle + 10:] + steps[middle:middle + 10]
    data["steps"] = steps
    data["journey"]["period"] = f"{2015 + wave}/{(16 + wave) % 100:02d} Q3"
    return JourneyMap.model_validate(data)


def best_of(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    for steps in (10, 100, 1000):
        old = synthetic_map(steps)
        new = next_wave(old, 1)
        actions = sum(len(step.actions) for step in old.steps)
        core = best_of(lambda: diff_maps(old, new))
        result = diff_maps(old, new)
        formats = {name: best_of(lambda f=f: f(result))
                   for name, f in diff_format.FORMATTERS.items()}
        shown = ", ".join(f"{name} {seconds * 1000:.1f} ms" for name, seconds in formats.items())
        print(f"diff   {steps:5d} steps, {actions:5d} actions: core {core * 1000:7.1f} ms; {shown}")
    for waves in (3, 12):
        maps = [(f"wave-{k}", next_wave(synthetic_map(200), k)) for k in range(waves)]
        core = best_of(lambda: build_trend(maps))
        result = build_trend(maps)
        table = best_of(lambda: trend_format.text(result))
        svg = best_of(lambda: render_map_svg(result))
        print(f"trend  {waves:2d} waves of ~200 steps: core {core * 1000:7.1f} ms; "
              f"text {table * 1000:.1f} ms; svg {svg * 1000:.1f} ms "
              f"({len(render_map_svg(result)) // 1024} KiB)")
    big = synthetic_map(1000)
    csv_time = best_of(lambda: to_csv(big, dt.date(2025, 1, 1)))
    json_time = best_of(lambda: to_json(big))
    print(f"export 1000 steps: csv {csv_time * 1000:.1f} ms; json {json_time * 1000:.1f} ms")


if __name__ == "__main__":
    main()
