"""Set-up and the two everyday jobs, with nothing installed but Python 3.10+.

    python3 dev.py report   # install crosscheck into .venv (no torch), then write reports/ from seeds/
    python3 dev.py test     # install it with the torch, dask and test extras, then run the tests

The tests cover the torch backend too, so `test` installs torch's CPU build first and
explicitly (plain `torch` from PyPI pulls a multi-GB GPU build). Set TORCH_SPEC or
PIP_EXTRA_INDEX_URL to change where it comes from.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
TORCH_SPEC = os.environ.get("TORCH_SPEC", "torch==2.13.0")
SEEDS = ["seeds/therecord-aurora-phones.txt", "seeds/obozrevatel-kremlin-iphones.txt"]
REPORTS = ["reports/aurora-phones.md", "reports/aurora-phones.json", "reports/aurora-phones.html"]


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True, cwd=ROOT)


def install(extras: str = "") -> None:
    stamp = VENV / f".installed{extras}"
    marker = max(p.stat().st_mtime for p in (ROOT / "pyproject.toml", Path(__file__)))
    if stamp.exists() and stamp.stat().st_mtime >= marker:
        return
    if not PY.exists():
        venv.create(VENV, with_pip=True)
    if "torch" in extras:
        run(str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", TORCH_SPEC)
    run(str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".{extras}")
    stamp.touch()


def main() -> None:
    job = sys.argv[1] if len(sys.argv) > 1 else ""
    if job == "report":
        install()
        args = [str(BIN / "crosscheck"), "compare", *SEEDS]
        for path in REPORTS:
            args += ["-o", path]
        run(*args)
    elif job == "test":
        install("[test,torch,dask]")
        run(str(PY), "-m", "pytest", *sys.argv[2:])
    else:
        print(__doc__)
        raise SystemExit(2)


if __name__ == "__main__":
    main()
