"""Batch mode wall time, throughput and peak memory, cold and warm embedding cache.

    python benchmarks/batch.py [FOLDER] [--runs 3]

FOLDER defaults to ../shared/eval/dev/articles/basil. Each run is a fresh
`crosscheck batch` process (model load included), so the figures are what a CI job sees.
"Cold" starts from an empty cache folder; "warm" re-runs over the cache the cold run
filled. Medians of --runs runs; the machine is shared, so read the ratio first.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "articles" / "basil"


def run_once(folder: Path, out: Path, cache: Path) -> tuple[float, float, dict]:
    """Wall seconds, peak resident MiB and summary.json of one `crosscheck batch` process."""
    command = [sys.executable, "-m", "crosscheck", "batch", str(folder), "--out", str(out),
               "--cache-dir", str(cache), "--quiet"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"crosscheck batch exited {process.returncode}")
    return wall, usage.ru_maxrss / 1024, json.loads((out / "summary.json").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, warm, cold_mem, warm_mem = [], [], [], []
    summary = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i in range(args.runs):
            cache = tmp / f"cache{i}"
            wall, mem, summary = run_once(args.folder, tmp / "cold", cache)
            cold.append(wall), cold_mem.append(mem)
            wall, mem, _ = run_once(args.folder, tmp / "warm", cache)
            warm.append(wall), warm_mem.append(mem)
            same = all((tmp / "cold" / p.name).read_bytes() == p.read_bytes() for p in (tmp / "warm").iterdir())
            print(f"run {i + 1}: cold {cold[-1]:.1f} s, warm {warm[-1]:.1f} s, outputs identical: {same}", file=sys.stderr)
            shutil.rmtree(cache)
    totals = summary["totals"]
    statements = totals["statements"]
    print(f"{args.folder.name}: {totals['stories']} stories, {totals['sources']} sources, {statements} statements compared")
    print(f"cold cache: {statistics.median(cold):.1f} s median, {statements / statistics.median(cold):.0f} statements/s, "
          f"peak {statistics.median(cold_mem):.0f} MiB")
    print(f"warm cache: {statistics.median(warm):.1f} s median, {statements / statistics.median(warm):.0f} statements/s, "
          f"peak {statistics.median(warm_mem):.0f} MiB")
    print(f"warm speed-up: {statistics.median(cold) / statistics.median(warm):.1f}x (median of {args.runs} runs, "
          f"{os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
