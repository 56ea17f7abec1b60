"""Calibrate the alignment threshold: the cosine above which two statements report the same thing.

    python benchmarks/calibrate_threshold.py [--data ../shared/eval/dev/pairs]

STS-B dev, news rows (genre main-news): a pair "reports the same thing" when its human
similarity score is 3 or more (of 5). Prints F1 of `cosine >= t` for a range of t.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosscheck.embed import make_embedder  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "pairs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.data / "stsb.jsonl").read_text("utf-8").splitlines() if line]
    rows = [r for r in rows if r.get("genre") == "main-news"]
    embedder = make_embedder()
    a = embedder.encode([r["a"] for r in rows])
    b = embedder.encode([r["b"] for r in rows])
    cosine = (a * b).sum(axis=1)
    same = np.array([r["score"] >= 3.0 for r in rows])
    print(f"STS-B main-news: {len(rows)} pairs, {same.sum()} with score >= 3")
    best = (0.0, 0.0)
    for t in np.arange(0.40, 0.86, 0.05):
        predicted = cosine >= t
        tp = (predicted & same).sum()
        f1 = 2 * tp / max(1, predicted.sum() + same.sum())
        best = max(best, (f1, t))
        print(f"t={t:.2f}  F1={f1:.3f}  precision={tp / max(1, predicted.sum()):.3f}  recall={tp / max(1, same.sum()):.3f}")
    print(f"best: t={best[1]:.2f} F1={best[0]:.3f}")


if __name__ == "__main__":
    main()
