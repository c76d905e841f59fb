"""Benchmark: `cjmap site` over 100 synthetic maps of 20 steps each.

Target (the site issue): the whole site builds in under 30 seconds. Journeys build in worker
processes (one a CPU). The maps are written to a temporary folder first, so loading and
validating them is part of the figure, as it is for a user.

Usage: python benchmarks/site.py [--maps 100] [--steps 20] [--jobs N]
Exit 0 when the target is met, 1 when it is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_map import synthetic_map

from cjmap.site import SiteOptions, build_site, write_site

TARGET = 30.0


def write_maps(folder: Path, count: int, steps: int) -> None:
    from ruamel.yaml import YAML

    yaml = YAML()
    data = synthetic_map(steps).model_dump(mode="json", by_alias=True, exclude_none=True)
    for number in range(count):
        data["journey"]["title"] = f"Synthetic journey {number + 1:03d}"
        with (folder / f"journey-{number + 1:03d}.yaml").open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)


def _cpu() -> float:
    """CPU seconds of this process and its finished workers: the figure a busy machine
    does not inflate."""
    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=100)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cjmap-site-bench-") as folder:
        maps, out = Path(folder) / "maps", Path(folder) / "site"
        maps.mkdir()
        write_maps(maps, args.maps, args.steps)
        start, cpu = time.perf_counter(), _cpu()
        site = build_site([maps], SiteOptions(today=dt.date(2026, 4, 1),
                                              workers=args.jobs or None))
        write_site(site, out)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    print(f"site: {site.maps} maps of {args.steps} steps, {len(site.files)} files, "
          f"{seconds:.1f} s on {os.cpu_count()} CPUs (target {TARGET:.0f} s); "
          f"{cpu:.1f} CPU-seconds in all, load average {os.getloadavg()[0]:.1f}")
    return 0 if seconds < TARGET and not site.invalid else 1


if __name__ == "__main__":
    raise SystemExit(main())
