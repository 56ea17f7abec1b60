"""Scores many-outlet claims on ECB+ events: do sentences about one happening share a claim?

    python benchmarks/ecb.py [--data ../shared/eval/dev/ecb] [--per-event] [--json] [--model NAME] [--backend onnx]

Each event folder holds 8 to 21 outlets' articles on one event (`<event>/<outlet>.txt`),
and `<event>.json` lists the sentences ECB+ annotated, each with its outlet and the ids of
the cross-document event chains it mentions (see the "ecb/" section of
../shared/eval/README.md). All outlets of an event go through the public API at once
(`Checker.compare`); the report's claims group statements from several outlets.
Each labelled sentence is matched to a statement of its outlet that holds it, by the rule of
benchmarks/news.py (70% of its words, or a piece of it: a statement of 4+ words, 90% of them
in the sentence), the one with the highest share of the sentence's words when several do;
set-aside statements are left out. Then, over pairs of matched sentences from different outlets:
- recall: pairs that share a chain whose statements share a claim
- precision: pairs whose statements share a claim that share a chain
- matched: labelled sentences matched to a statement (most of the rest are headlines)
"""

from __future__ import annotations

import json
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))  # news.py beside this file

from news import benchmark_parser, checker_for, holds, words  # noqa: E402

from crosscheck.read import read_article  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "ecb"


def share(statement: str, sentence: str) -> float:
    """Share of the sentence's words that the statement holds."""
    sentence_words = words(sentence)
    have = set(words(statement))
    return sum(w in have for w in sentence_words) / len(sentence_words) if sentence_words else 0.0


def match(sentence: dict, statements: list[dict]) -> str | None:
    """Id of the statement of the sentence's outlet that holds it (as in benchmarks/news.py),
    the one with the highest share when several do; set-aside statements are left out."""
    held = [
        s
        for s in statements
        if s["source"] == sentence["source"] and not s["set_aside"] and holds(s["text"], sentence["text"])
    ]
    # max() keeps the first of equal shares, so ties go to the earlier statement
    return max(held, key=lambda s: share(s["text"], sentence["text"]))["id"] if held else None


def score_event(report: dict, sentences: list[dict]) -> dict[str, int]:
    """Pair counts for one event."""
    claims_of: dict[str, set[str]] = {}  # statement id -> ids of the claims it is in
    for claim in report.get("claims", []):
        for sid in claim["statements"]:
            claims_of.setdefault(sid, set()).add(claim["id"])
    matched = [match(s, report["statements"]) for s in sentences]
    counts = {
        "sentences": len(sentences),
        "matched": sum(m is not None for m in matched),
        "chain_pairs": 0,
        "claim_pairs": 0,
        "both": 0,
    }
    # pairs of matched sentences from different outlets (unmatched ones count in `matched` only)
    kept = [(s, m) for s, m in zip(sentences, matched, strict=True) if m is not None]
    for (a, statement_a), (b, statement_b) in combinations(kept, 2):
        if a["source"] == b["source"]:
            continue
        same_chain = bool(set(a["chains"]) & set(b["chains"]))
        same_claim = bool(claims_of.get(statement_a, set()) & claims_of.get(statement_b, set()))
        counts["chain_pairs"] += same_chain
        counts["claim_pairs"] += same_claim
        counts["both"] += same_chain and same_claim
    return counts


def figures(counts: dict[str, int]) -> dict[str, float]:
    precision = counts["both"] / counts["claim_pairs"] if counts["claim_pairs"] else 0.0
    recall = counts["both"] / counts["chain_pairs"] if counts["chain_pairs"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    matched = counts["matched"] / counts["sentences"] if counts["sentences"] else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": matched}


def line(name: str, counts: dict[str, int]) -> str:
    f = figures(counts)
    return (
        f"{name:<8} precision {f['precision']:.3f} ({counts['both']}/{counts['claim_pairs']})"
        f"  recall {f['recall']:.3f} ({counts['both']}/{counts['chain_pairs']})  F1 {f['f1']:.3f}"
        f"  matched {f['matched']:.2f} ({counts['matched']}/{counts['sentences']})"
    )


def main() -> None:
    parser = benchmark_parser(__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    checker = checker_for(args)
    start = time.perf_counter()
    total = {"sentences": 0, "matched": 0, "chain_pairs": 0, "claim_pairs": 0, "both": 0}
    files = sorted(args.data.glob("*.json"))
    if not files:
        parser.error(f"no labelled events (*.json) in {args.data}")
    for path in files:
        gold = json.loads(path.read_text("utf-8"))
        outlets = sorted((args.data / path.stem).glob("*.txt"))
        articles = [read_article(p, source_id=p.stem) for p in outlets]
        counts = score_event(checker.compare(articles).to_dict(), gold["sentences"])
        for key, value in counts.items():
            total[key] += value
        if args.per_event:
            print(line(path.stem, counts), f" {len(outlets)} outlets", flush=True)
    seconds = time.perf_counter() - start
    print(f"{len(files)} events, {seconds:.0f} s")
    print(line("total", total))
    if args.json:
        print(json.dumps({**figures(total), "counts": total, "events": len(files), "seconds": round(seconds, 1)}))


if __name__ == "__main__":
    main()
