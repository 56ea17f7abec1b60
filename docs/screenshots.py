"""Renders the HTML reports shown in the README and screenshots them in headless Chromium.

    python docs/screenshots.py [--chromium /usr/bin/chromium]

Writes docs/seed-report.png (the two seed articles) and docs/three-sources.png (a
three-source BASIL dev event from ../shared/eval/dev/articles/basil). Needs Debian's
`chromium` package (`apt-get install chromium`); never run by CI or set-up.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosscheck import Checker  # noqa: E402
from crosscheck.render import render  # noqa: E402

SEEDS = [ROOT / "seeds" / "therecord-aurora-phones.txt", ROOT / "seeds" / "obozrevatel-kremlin-iphones.txt"]
EVENT = ROOT.parent / "shared" / "eval" / "dev" / "articles" / "basil" / "2010-6b541575-99b1-40d2-8730-9bb868ee38ed"
SHOTS = {"seed-report.png": SEEDS, "three-sources.png": [EVENT / f"{s}.txt" for s in ("fox", "nyt", "hpo")]}
# Chromium on a machine with no outside network: no background connections, no sandbox (root).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--hide-scrollbars",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--size", default="1280,1700", help="window width,height in pixels")
    args = parser.parse_args()
    checker = Checker()
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in SHOTS.items():
            page = Path(tmp) / (Path(name).stem + ".html")
            page.write_text(render(checker.compare_files([str(f) for f in files]).to_dict(), "html"), "utf-8")
            target = ROOT / "docs" / name
            subprocess.run([args.chromium, *FLAGS, f"--user-data-dir={tmp}/profile", f"--window-size={args.size}",
                            f"--screenshot={target}", page.as_uri()], check=True, capture_output=True, timeout=120)
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
