"""Scores agreements against dense same-fact labels, and shows how well the confidence is calibrated.

    python benchmarks/same_fact.py [--gold ../shared/eval/dev/same_fact] [--articles ../shared/eval/dev/articles/basil]
                                   [--per-pair] [--json]

Each gold file lists EVERY cross-article sentence pair of one BASIL article pair that
reports the same specific fact (`same`), or reports it incompatibly (`conflict`); see the
"same_fact/" section of ../shared/eval/README.md. The two articles go through the public
API (`Checker.compare_files`); each statement is mapped to the gold sentences it covers
(70% of a sentence's words, or 90% of the statement's words from one sentence), and then,
as the reference scorer ../shared/eval/score/same_fact.py counts them:
- agreement precision: cross-source statement pairs inside `agree` findings that map to a gold same pair
- same-fact recall: gold same pairs that some `agree` finding pairs
- conflicts called agree: gold conflict pairs an `agree` finding pairs
- divergence precision, conflict recall: the same for `diverge` findings and gold conflicts
Also, the same way: gold same pairs that only a `related` finding pairs (same fact, not
told), and the calibration table: every matched pair (agree and related findings) by its
stated P(same fact), against the share that map to a gold same pair.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosscheck import Checker  # noqa: E402
from crosscheck.settings import BACKENDS  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                            "\u00a0": " "})
WORD = re.compile(r"[a-z0-9$%.,']+")
HOLDS, MADE_OF = 0.7, 0.9
BINS = (0.0, 0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def words(text: str) -> list[str]:
    return [w.strip(".,'") for w in WORD.findall(text.translate(TYPOGRAPHY).lower()) if w.strip(".,'")]


def covered(statement: str, sentences: list[str]) -> set[int]:
    """The gold sentences a statement covers: holds 70% of one's words, or is 90% made of one's words."""
    mine = words(statement)
    own = set(mine)
    out = set()
    for k, sentence in enumerate(sentences):
        theirs = words(sentence)
        if not theirs or not mine:
            continue
        if (sum(w in own for w in theirs) / len(theirs) >= HOLDS
                or (len(mine) >= 3 and sum(w in set(theirs) for w in mine) / len(mine) >= MADE_OF)):
            out.add(k)
    return out


def score_pair(checker: Checker, gold: dict, articles: Path) -> tuple[dict, list[tuple[float, bool]]]:
    """Counts for one article pair, and (stated P(same fact), labelled same) of each matched pair."""
    x, y = gold["sources"]
    folder = articles / gold["event"]
    report = checker.compare_files([str(folder / f"{x}.txt"), str(folder / f"{y}.txt")]).to_dict()
    alias = dict(zip([s["id"] for s in report["sources"]], (x, y)))
    side = {s["id"]: (alias[s["source"]], covered(s["text"], gold["sentences"][alias[s["source"]]]))
            for s in report["statements"]}
    same = {(p["a"], p["b"]) for p in gold["same"]}
    conflict = {(p["a"], p["b"]) for p in gold["conflict"]}
    counts = dict(agree_pairs=0, agree_ok=0, agree_conflict=0, div_pairs=0, div_ok=0)
    hits = {"agree": set(), "diverge": set(), "related": set()}
    stated = []
    for f in report["findings"]:
        if f["kind"] not in hits:
            continue
        for a in (side[s][1] for s in f["statements"] if side[s][0] == x):
            for b in (side[s][1] for s in f["statements"] if side[s][0] == y):
                cells = {(i, j) for i in a for j in b}
                if f["kind"] == "agree":
                    counts["agree_pairs"] += 1
                    counts["agree_ok"] += bool(cells & same)
                    counts["agree_conflict"] += bool(cells & conflict)
                    hits["agree"] |= cells & same
                elif f["kind"] == "diverge":
                    counts["div_pairs"] += 1
                    counts["div_ok"] += bool(cells & conflict)
                    hits["diverge"] |= cells & conflict
                else:
                    hits["related"] |= cells & same
                if f["kind"] != "diverge" and f.get("same_fact") is not None:
                    stated.append((f["same_fact"], bool(cells & same)))
    counts.update(gold_same=len(same), same_hit=len(hits["agree"]), related_same=len(hits["related"] - hits["agree"]),
                  gold_conflicts=len(conflict), conflict_hit=len(hits["diverge"]))
    return counts, stated


def calibration(stated: list[tuple[float, bool]]) -> list[dict]:
    rows = []
    for low, high in zip(BINS, BINS[1:]):
        inside = [(p, same) for p, same in stated if low <= p < high or (high == 1.0 and p == 1.0)]
        if inside:
            rows.append({"stated": f"{low:.2f}-{high:.2f}", "pairs": len(inside),
                         "mean_stated": round(sum(p for p, _ in inside) / len(inside), 3),
                         "labelled_same": round(sum(same for _, same in inside) / len(inside), 3)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(DEV / "same_fact"))
    parser.add_argument("--articles", default=str(DEV / "articles" / "basil"))
    parser.add_argument("--per-pair", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--backend", choices=BACKENDS, default="onnx")
    args = parser.parse_args()
    started = time.perf_counter()
    checker = Checker(backend=args.backend)
    total: dict[str, int] = {}
    stated: list[tuple[float, bool]] = []
    files = sorted(Path(args.gold).glob("*.json"))
    for path in files:
        counts, pairs = score_pair(checker, json.loads(path.read_text("utf-8")), Path(args.articles))
        stated += pairs
        if args.per_pair:
            print(path.stem, json.dumps(counts))
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value

    if not files:
        raise SystemExit(f"no gold files (*.json) in {args.gold}")

    def ratio(n: str, d: str) -> float | None:
        return round(total[n] / total[d], 3) if total[d] else None

    figures = {"pairs": len(files),
               "agreement_precision": ratio("agree_ok", "agree_pairs"), "agree_pairs": total["agree_pairs"],
               "conflicts_called_agree": total["agree_conflict"],
               "same_fact_recall": ratio("same_hit", "gold_same"), "gold_same": total["gold_same"],
               "same_fact_only_related": total["related_same"],
               "divergence_precision": ratio("div_ok", "div_pairs"), "div_pairs": total["div_pairs"],
               "conflict_recall": ratio("conflict_hit", "gold_conflicts"), "gold_conflicts": total["gold_conflicts"],
               "calibration": calibration(stated), "seconds": round(time.perf_counter() - started, 1)}
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        if key != "calibration":
            print(f"{key:26s} {value}")
    print("\nstated P(same fact) | matched pairs | mean stated | labelled same")
    for row in figures["calibration"]:
        print(f"{row['stated']:>19s} | {row['pairs']:13d} | {row['mean_stated']:11.3f} | {row['labelled_same']:.3f}")


if __name__ == "__main__":
    main()
