"""Benchmark: `render_map_svg` on synthetic maps of 50 to 400 full steps.

Targets (issue #3): a 200-step map renders to SVG in under a second, and the cost grows
linearly: 400 steps take at most 2.2 times as long as 200. The sizes are rendered in turn,
round after round, and the best time of each is compared (on a shared machine the best run is
the one least disturbed by other work; the median is printed too). Also times the Mermaid and
DOT exports, which must stay negligible.

Usage: python benchmarks/render.py [--repeat 9]
Exit 0 when both targets are met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_map import synthetic_map  # noqa: E402

from cjmap.model import JourneyMap  # noqa: E402
from cjmap.render.flow import to_dot  # noqa: E402
from cjmap.render.mermaid import to_mermaid  # noqa: E402
from cjmap.render.svg_map import render_map_svg  # noqa: E402

SIZES = (50, 100, 200, 400)


def best_and_median(function: Callable[[JourneyMap], str], journeys: dict[int, JourneyMap],
                    repeat: int) -> dict[int, tuple[float, float]]:
    """For each size, (best, median) seconds over ``repeat`` interleaved rounds."""
    runs: dict[int, list[float]] = {size: [] for size in journeys}
    for _ in range(repeat):
        for size, journey in journeys.items():
            start = time.perf_counter()
            function(journey)
            runs[size].append(time.perf_counter() - start)
    return {size: (min(times), statistics.median(times)) for size, times in runs.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    journeys = {size: synthetic_map(size) for size in SIZES}
    timings = best_and_median(render_map_svg, journeys, args.repeat)
    for size, (best, median) in timings.items():
        chars = len(render_map_svg(journeys[size]))
        print(f"render_map_svg {size:>3} steps: best {best * 1000:6.1f} ms, median "
              f"{median * 1000:6.1f} ms of {args.repeat}; {chars / 1e6:.2f} MB of SVG; "
              f"{best / size * 1e6:.0f} us a step")
    for name, function in (("to_mermaid", to_mermaid), ("to_dot", to_dot)):
        best, _ = best_and_median(function, {200: journeys[200]}, args.repeat)[200]
        print(f"{name} 200 steps: {best * 1000:.1f} ms")
    two, four = timings[200][0], timings[400][0]
    fast, linear = two < 1.0, four / two <= 2.2
    print(f"200 steps under 1 s: {'met' if fast else 'MISSED'} ({two:.3f} s)")
    print(f"400 / 200 steps: {four / two:.2f} (target <= 2.2): {'met' if linear else 'MISSED'}")
    return 0 if fast and linear else 1


if __name__ == "__main__":
    sys.exit(main())
