"""Cross-language stories with known answers: English against Russian and Ukrainian.

    python benchmarks/xlang.py [GOLD_DIR] [--pairs en-ru,en-uk] [--three] [--limit N] [--json]

GOLD_DIR (default ../shared/eval/dev/xlang) holds NTREX-128 stories (English news of 2019,
professionally translated): `<story>/{en,ru,uk}.txt` and `<story>.json` (each side's
sentences, the document line of each, the planted conflicts). Each listed language pair is
compared with the default `Checker` (it must pick what the languages need itself), and
scored as `../shared/eval/score/xlang.py` scores it:

  aligned recall       translation pairs (a line kept on both sides) paired by an agree or diverge finding
  agreement precision  cross-source pairs in agree findings that are translation pairs
  one-sided recall     lines one side lacks, covered by a one-sided finding of the side that has them
  conflict recall      planted conflicts (a number or weekday changed in one translation) paired by a diverge finding
  false divergences    diverge pairs on translation pairs with nothing planted, per such pair

`--three` also compares each story's three versions at once (claims) and scores every
language pair of those reports the same way. Prints a line per language pair, then one
JSON object with --json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosscheck import Checker  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "xlang"


def line_spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """Where each gold sentence stands in the file (in order; -1 when not found)."""
    spans, at = [], 0
    for line in lines:
        start = text.find(line, at)
        spans.append((start, start + len(line)) if start >= 0 else (-1, -1))
        if start >= 0:
            at = start + len(line)
    return spans


def lines_of(statement: dict, spans: list[tuple[int, int]], numbers: list[int]) -> set[int]:
    """The document lines a statement covers: over half of the line, or over half of it."""
    out = set()
    for (a, b), n in zip(spans, numbers):
        if a < 0:
            continue
        overlap = min(b, statement["end"]) - max(a, statement["start"])
        if overlap > 0.5 * (b - a) or overlap > 0.5 * (statement["end"] - statement["start"]):
            out.add(n)
    return out


def score_report(report: dict, gold: dict, folder: Path, sides: dict[str, str], x: str, y: str) -> Counter:
    """Counts for language pair x-y in one report; `sides` maps source id -> language."""
    spans = {s: line_spans((folder / f"{s}.txt").read_text(encoding="utf-8"), gold["sentences"][s]) for s in (x, y)}
    where = {st["id"]: (sides[st["source"]], lines_of(st, spans[sides[st["source"]]], gold["line_of"][sides[st["source"]]]))
             for st in report["statements"] if sides[st["source"]] in (x, y)}
    both = set(gold["line_of"][x]) & set(gold["line_of"][y])
    planted = {c["line"] for c in gold["conflicts"] if c["side"] in (x, y)} & both
    only = {s: set(gold["line_of"][s]) - set(gold["line_of"][t]) for s, t in ((x, y), (y, x))}
    counts = Counter(gold_pairs=len(both), planted=len(planted), plain=len(both - planted),
                     only=sum(len(v) for v in only.values()))
    aligned, found, covered = set(), set(), set()
    for finding in report["findings"]:
        members = [where[s] for s in finding["statements"] if s in where]
        if finding["kind"] == "one_sided":
            for side, lines in members:
                covered |= {(side, n) for n in lines & only[side]}
            continue
        if finding["kind"] not in ("agree", "diverge"):
            continue
        for _, left in (m for m in members if m[0] == x):
            for _, right in (m for m in members if m[0] == y):
                common = left & right & both
                aligned |= common
                if finding["kind"] == "agree":
                    counts["agree_pairs"] += 1
                    counts["agree_ok"] += bool(common)
                else:
                    counts["div_pairs"] += 1
                    found |= common & planted
                    counts["false_div"] += bool(common - planted)
    counts.update(aligned=len(aligned), planted_hit=len(found), only_hit=len(covered))
    return counts


def figures(m: Counter) -> dict:
    def ratio(n: str, d: str):
        return round(m[n] / m[d], 3) if m[d] else None

    return {"aligned_recall": ratio("aligned", "gold_pairs"), "agreement_precision": ratio("agree_ok", "agree_pairs"),
            "one_sided_recall": ratio("only_hit", "only"), "conflict_recall": ratio("planted_hit", "planted"),
            "planted": m["planted"], "false_divergences": ratio("false_div", "plain"), "divergences": m["div_pairs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--pairs", default="en-ru,en-uk")
    parser.add_argument("--three", action="store_true", help="also compare en, ru and uk at once (claims)")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    checker = Checker()
    golds = sorted(args.gold.glob("*.json"))[: args.limit or None]
    totals: dict[str, Counter] = {}
    for path in golds:
        gold, folder = json.loads(path.read_text("utf-8")), path.with_suffix("")
        for pair in args.pairs.split(","):
            x, y = pair.split("-")
            report = checker.compare_files([str(folder / f"{x}.txt"), str(folder / f"{y}.txt")]).to_dict()
            sides = dict(zip([s["id"] for s in report["sources"]], (x, y)))
            totals.setdefault(pair, Counter()).update(score_report(report, gold, folder, sides, x, y))
        if args.three:
            languages = ("en", "ru", "uk")
            report = checker.compare_files([str(folder / f"{lang}.txt") for lang in languages]).to_dict()
            sides = dict(zip([s["id"] for s in report["sources"]], languages))
            for x, y in combinations(languages, 2):
                totals.setdefault(f"{x}-{y} (three at once)", Counter()).update(
                    score_report(report, gold, folder, sides, x, y))
    out = {"stories": len(golds), "seconds": round(time.perf_counter() - started, 1)}
    for pair, counts in totals.items():
        out[pair] = figures(counts)
        print(f"{pair:<22} " + "  ".join(f"{k} {v}" for k, v in out[pair].items()))
    print(f"{len(golds)} stories, {out['seconds']} s")
    if args.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
