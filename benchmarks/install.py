"""The light install, measured: a fresh virtual environment, `pip install .` (no extras),
its time and size, then start-up and a cold `compare` of the two seeds in it.

    python benchmarks/install.py [--source DIR] [--cold-cache] [--torch-first SPEC] [--runs 5]

--cold-cache installs with pip's cache off (every wheel fetched again from the package
index); without it pip's cache is whatever this machine has (run twice for a warm one).
--torch-first installs a torch build before crosscheck, as the README's set-up did before
the light install (for the before-and-after figures: --source a checkout of an older commit).
Each compare is a new process with an empty cache folder and writes the markdown report;
medians and each run are printed. Nothing is timed in the tests: the README quotes this.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["seeds/therecord-aurora-phones.txt", "seeds/obozrevatel-kremlin-iphones.txt"]


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def timed(args: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, **kwargs)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="the crosscheck source tree to install")
    parser.add_argument("--cold-cache", action="store_true", help="pip's cache off")
    parser.add_argument("--torch-first", default=None, help="a torch requirement to install first")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode, as users get it
    if args.cold_cache:
        env["PIP_NO_CACHE_DIR"] = "1"
    with tempfile.TemporaryDirectory(prefix="crosscheck-install-") as work:
        folder = Path(work) / "venv"
        venv.create(folder, with_pip=True)
        python, tool = folder / "bin" / "python", folder / "bin" / "crosscheck"
        base = size_mb(folder)
        seconds = 0.0
        if args.torch_first:
            seconds += timed([str(python), "-m", "pip", "install", "--quiet", args.torch_first], env=env)
        seconds += timed([str(python), "-m", "pip", "install", "--quiet", str(args.source)], env=env)
        listed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], env=env, check=True,
                                capture_output=True, text=True).stdout
        print(f"install: {seconds:.1f} s ({'cold' if args.cold_cache else 'as found'} pip cache), "
              f"environment {size_mb(folder):.0f} MB ({size_mb(folder) - base:.0f} MB over a bare venv), "
              f"torch {'installed' if 'torch==' in listed else 'absent'}")
        helps = [timed([str(tool), "--help"], env=env, stdout=subprocess.DEVNULL) for _ in range(args.runs)]
        print(f"crosscheck --help: median {statistics.median(helps):.2f} s ({' '.join(f'{t:.2f}' for t in helps)})")
        compares = []
        for n in range(args.runs):
            out = Path(work) / f"report-{n}.md"
            compares.append(timed([str(tool), "compare", *(str(ROOT / s) for s in SEEDS), "-o", str(out)],
                                  env=dict(env, XDG_CACHE_HOME=str(Path(work) / f"cache-{n}")), cwd=work,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        reports = {(Path(work) / f"report-{n}.md").read_bytes() for n in range(args.runs)}
        print(f"cold compare of the seeds: median {statistics.median(compares):.2f} s "
              f"({' '.join(f'{t:.2f}' for t in compares)}); reports identical: {len(reports) == 1}")
        april = [line for line in (Path(work) / "report-0.md").read_text("utf-8").splitlines() if "April 1" in line]
        print("April 1 lines:", *april[:2], sep="\n  ")
    sys.exit(0)


if __name__ == "__main__":
    main()
