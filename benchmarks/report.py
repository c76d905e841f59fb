"""Benchmark: `make_report` on synthetic maps of 50 to 400 full steps, and `cjmap actions` over a
folder of maps.

Targets (issue #4): the full Markdown report of a 200-step map in under a second, growing
linearly (400 steps take at most 2.2 times as long as 200); the HTML page of a 200-step map
(Markdown, conversion, and the SVG map inline) in under three seconds; and the action plan of 100
maps of 20 steps collected in under three seconds. Each size is timed in turn, round after round,
and the best time is compared (the run least disturbed by other work on a shared machine).

Usage: python benchmarks/report.py [--repeat 5]
Exit 0 when every target is met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_map import synthetic_map  # noqa: E402

from cjmap.model import JourneyMap  # noqa: E402
from cjmap.report import ReportOptions, make_report  # noqa: E402
from cjmap.report.actions import Filters, collect, select  # noqa: E402

SIZES = (50, 100, 200, 400)
TODAY = dt.date(2026, 4, 1)


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def markdown_timings(journeys: dict[int, JourneyMap], repeat: int) -> dict[int, float]:
    best: dict[int, float] = {}
    for size, journey in journeys.items():
        options = ReportOptions(today=TODAY)
        fastest, median = timed(lambda: make_report(journey, options), repeat)
        chars = len(make_report(journey, options))
        print(f"markdown {size:>3} steps: best {fastest * 1000:7.1f} ms, median "
              f"{median * 1000:7.1f} ms; {chars / 1000:.0f} kB; {fastest / size * 1e6:.0f} us a step")
        best[size] = fastest
    return best


def html_timing(journey: JourneyMap, repeat: int) -> float:
    options = ReportOptions(today=TODAY, format="html")
    fastest, median = timed(lambda: make_report(journey, options), repeat)
    print(f"html 200 steps (with the SVG map): best {fastest * 1000:.0f} ms, "
          f"median {median * 1000:.0f} ms")
    return fastest


def actions_timing(repeat: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        text = _as_yaml(synthetic_map(20))
        for number in range(100):
            Path(folder, f"map-{number:03}.yaml").write_text(text, encoding="utf-8")
        fastest, median = timed(lambda: select(collect([folder], TODAY).rows,
                                               Filters(open=True)), repeat)
    print(f"actions over 100 maps of 20 steps: best {fastest * 1000:.0f} ms, "
          f"median {median * 1000:.0f} ms")
    return fastest


def _as_yaml(journey: JourneyMap) -> str:
    import io

    from ruamel.yaml import YAML

    buffer = io.StringIO()
    YAML(typ="safe", pure=True).dump(journey.model_dump(mode="json", by_alias=True,
                                                        exclude_none=True), buffer)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    journeys = {size: synthetic_map(size) for size in SIZES}
    best = markdown_timings(journeys, args.repeat)
    html = html_timing(journeys[200], max(1, args.repeat // 2))
    actions = actions_timing(max(1, args.repeat // 2))
    checks = {
        "200-step Markdown report under 1 s": best[200] < 1.0,
        "400 steps at most 2.2 x 200 steps": best[400] <= 2.2 * best[200],
        "200-step HTML page under 3 s": html < 3.0,
        "100 maps' actions under 3 s": actions < 3.0,
    }
    for name, met in checks.items():
        print(f"{'met' if met else 'MISSED'}: {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
