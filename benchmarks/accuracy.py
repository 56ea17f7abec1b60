"""Accuracy of crosscheck on the public dev pairs, beside a plain cosine baseline.

    python benchmarks/accuracy.py [--data ../shared/eval/dev/pairs] [--limit N] [--model NAME] [--backend onnx]

Each row's `a` and `b` go through the public API as two sources (`Checker.compare`).
How a report becomes a label:
- summedits (agree / diverge): diverge when the report has a divergence or a one-sided
  fact (a one-sided finding that names a fact, or a statement with no counterpart).
- nanco (agree / different): agree when the report has at least one agreeing pair and no
  divergence; the paragraphs come from different outlets, so one-sided extra material
  is expected and ignored.
- sick (contradiction F1): contradiction when the report has a divergence.
Baseline: cosine of the whole `a` and `b` with the same model, at the threshold that is
best for the baseline on that very file (an optimistic baseline).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosscheck import Checker  # noqa: E402
from crosscheck.settings import JUDGES  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "pairs"


def balanced_accuracy(truth: list[bool], predicted: list[bool]) -> float:
    t, p = np.array(truth), np.array(predicted)
    recall_pos = (p & t).sum() / max(1, t.sum())
    recall_neg = (~p & ~t).sum() / max(1, (~t).sum())
    return float((recall_pos + recall_neg) / 2)


def f1(truth: list[bool], predicted: list[bool]) -> float:
    t, p = np.array(truth), np.array(predicted)
    tp = (p & t).sum()
    return float(2 * tp / max(1, p.sum() + t.sum()))


def has_one_sided_fact(report: dict) -> bool:
    return any(f["kind"] == "one_sided" and (f["facts"] or not f["matched"]) for f in report["findings"])


def kinds(report: dict) -> set[str]:
    return {f["kind"] for f in report["findings"]}


TASKS = {
    # name: (positive label, metric, predicate on a report -> predicted positive)
    "summedits": ("diverge", balanced_accuracy, lambda r: "diverge" in kinds(r) or has_one_sided_fact(r)),
    "nanco": ("agree", balanced_accuracy, lambda r: "agree" in kinds(r) and "diverge" not in kinds(r)),
    "sick": ("diverge", f1, lambda r: "diverge" in kinds(r)),
}


def baseline(checker: Checker, rows: list[dict], positive: str, metric) -> tuple[float, float]:
    a = checker.embedder.encode([r["a"] for r in rows])
    b = checker.embedder.encode([r["b"] for r in rows])
    cosine = (a * b).sum(axis=1)
    truth = [r["label"] == positive for r in rows]
    # "agree" is predicted above the threshold; divergence / contradiction below it.
    best = max(
        (metric(truth, list(cosine >= t) if positive == "agree" else list(cosine < t)), float(t))
        for t in np.arange(0.0, 1.0, 0.01)
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N rows of each file (0: all)")
    parser.add_argument("--model", default=None)
    parser.add_argument("--backend", choices=["torch", "onnx"], default="torch")
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--judge", choices=JUDGES, default="rules")
    args = parser.parse_args()
    checker = Checker(args.model, backend=args.backend, judge=args.judge)
    print("| set | rows | metric | crosscheck | cosine baseline (best threshold) | seconds |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    for name in args.tasks.split(","):
        positive, metric, predict = TASKS[name]
        rows = [json.loads(line) for line in (args.data / f"{name}.jsonl").read_text("utf-8").splitlines() if line]
        rows = rows[: args.limit] if args.limit else rows
        start = time.perf_counter()
        truth, predicted = [], []
        for row in rows:
            report = checker.compare({"a": row["a"], "b": row["b"]}).to_dict()
            truth.append(row["label"] == positive)
            predicted.append(bool(predict(report)))
        seconds = time.perf_counter() - start
        score = metric(truth, predicted)
        base, threshold = baseline(checker, rows, positive, metric)
        label = "balanced accuracy" if metric is balanced_accuracy else f"{positive} F1"
        print(f"| {name} | {len(rows)} | {label} | {score:.3f} | {base:.3f} (t={threshold:.2f}) | {seconds:.0f} |", flush=True)


if __name__ == "__main__":
    main()
