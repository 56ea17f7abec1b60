"""Scores crosscheck on hand-checked real news: conflicts, agreements, look-alikes, one-sided facts.

    python benchmarks/news.py [--gold ../shared/eval/dev/news] [--articles ../shared/eval/dev/articles/basil]
                              [--per-event] [--json] [--model NAME] [--backend onnx]

Each gold file labels one BASIL event covered by Fox, NYT and HuffPost (see the "news/*.json"
section of ../shared/eval/README.md). Every pair of the three articles goes through the
public API as two sources (`Checker.compare`), as the CLI would compare two files.
A finding *covers* a quote when one of its statements of the quote's source holds at
least 70% of the quote's words, or is a piece of a quote that spans several statements
(4+ words, 90% of them in the quote). Per source pair, summed over pairs and events:
- divergence precision: `diverge` findings that cover both quotes of a labelled conflict / all `diverge` findings
- conflict recall: labelled conflicts covered by a `diverge` finding (any severity, and major alone)
- agreement alarm rate: labelled agreements covered by a `diverge` finding
- agreement match rate: labelled agreements covered by an `agree` or `diverge` finding
- look-alike alarm rate: look-alikes covered by a `diverge` finding
- one-sided recall@10: one-source facts covered by one of that source's 10 most salient `one_sided` findings
- quotes set aside: quotes of any kind (of either source) that fall in a set-aside statement of their source
A conflict, agreement or look-alike counts in every pair of sources it has quotes for; a
one-sided fact in both pairs with its source. Prints a table (value and counts) of the totals.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosscheck import Checker  # noqa: E402
from crosscheck.read import read_article  # noqa: E402
from crosscheck.settings import BACKENDS, JUDGES  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
DEFAULT_GOLD = DEV / "news"
DEFAULT_ARTICLES = DEV / "articles" / "basil"
SOURCES = ("fox", "nyt", "hpo")
HOLDS = 0.7  # share of a quote's words a statement must hold
PIECE = 0.9  # share of a statement's words a longer quote must hold
TOP_K = 10  # one-sided findings of a source that count for recall

# metric: (numerator count, denominator count)
METRICS = {
    "divergence precision": ("div_hit", "div"),
    "conflict recall": ("conf_hit", "conf"),
    "major conflict recall": ("major_hit", "major"),
    "agreement alarm rate": ("agr_alarm", "agr"),
    "agreement match rate": ("agr_match", "agr"),
    "look-alike alarm rate": ("look_alarm", "look"),
    "one-sided recall@10": ("one_hit", "one"),
    "quotes set aside": ("aside", "quotes"),
}


def words(text: str) -> list[str]:
    """Lower-case words; "they're", "5.5", "$40" and "10%" stay one word each."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[\w$%]+(?:['.,][\w$%]+)*", text)


def holds(statement: str, quote: str) -> bool:
    """Does the statement hold at least 70% of the quote's words? A quote that spans several
    statements counts as held by a piece of it: a statement of 4+ words, 90% of them in the quote."""
    quote_words, statement_words = words(quote), words(statement)
    if not quote_words or not statement_words:
        return False
    in_statement, in_quote = set(statement_words), set(quote_words)
    if sum(w in in_statement for w in quote_words) >= HOLDS * len(quote_words):
        return True
    return len(statement_words) >= 4 and sum(w in in_quote for w in statement_words) >= PIECE * len(statement_words)


class Report:
    """A pair's report with the lookups the scoring needs."""

    def __init__(self, report: dict) -> None:
        self.statements = {s["id"]: s for s in report["statements"]}
        self.findings = report["findings"]

    def covers(self, finding: dict, source: str, quote: str) -> bool:
        return any(
            self.statements[sid]["source"] == source and holds(self.statements[sid]["text"], quote)
            for sid in finding["statements"]
        )

    def covers_all(self, finding: dict, quotes: dict[str, str]) -> bool:
        return all(self.covers(finding, source, quote) for source, quote in quotes.items())

    def of_kind(self, *kinds: str) -> list[dict]:
        return [f for f in self.findings if f["kind"] in kinds]

    def set_aside(self, source: str, quote: str) -> bool:
        return any(
            s["set_aside"] and s["source"] == source and holds(s["text"], quote) for s in self.statements.values()
        )


def score_pair(report: Report, gold: dict, pair: tuple[str, str]) -> dict[str, int]:
    """Counts for one source pair of one event."""

    def in_pair(kind: str, major: bool = False) -> list[dict[str, str]]:
        # quotes of this pair, for the items of a kind that quote both sources
        items = (item for item in gold[kind] if not major or item.get("severity") == "major")
        quoted = ({s: q for s, q in item["quotes"].items() if s in pair} for item in items)
        return [quotes for quotes in quoted if len(quotes) == 2]

    def hits(items: list[dict[str, str]], findings: list[dict]) -> int:
        # items whose quotes one of the findings covers
        return sum(any(report.covers_all(f, quotes) for f in findings) for quotes in items)

    counts = dict.fromkeys([k for keys in METRICS.values() for k in keys], 0)
    diverge, matched = report.of_kind("diverge"), report.of_kind("agree", "diverge")
    conflicts, majors = in_pair("conflicts"), in_pair("conflicts", major=True)
    agreements, look_alikes = in_pair("agreements"), in_pair("look_alikes")
    counts["div"] = len(diverge)
    counts["div_hit"] = sum(any(report.covers_all(f, quotes) for quotes in conflicts) for f in diverge)
    counts["conf"], counts["conf_hit"] = len(conflicts), hits(conflicts, diverge)
    counts["major"], counts["major_hit"] = len(majors), hits(majors, diverge)
    counts["agr"], counts["agr_alarm"] = len(agreements), hits(agreements, diverge)
    counts["agr_match"] = hits(agreements, matched)
    counts["look"], counts["look_alarm"] = len(look_alikes), hits(look_alikes, diverge)
    # one-sided facts: each source's 10 most salient one-sided findings in this report
    for source in pair:
        top = sorted((f for f in report.of_kind("one_sided") if f["source"] == source), key=lambda f: -f["salience"])
        facts = [o["quote"] for o in gold["one_sided"] if o["source"] == source]
        counts["one"] += len(facts)
        counts["one_hit"] += sum(any(report.covers(f, source, q) for f in top[:TOP_K]) for q in facts)
    # every labelled quote of either source, whatever kind
    quotes = [
        (s, q)
        for kind in ("conflicts", "agreements", "look_alikes")
        for item in gold[kind]
        for s, q in item["quotes"].items()
        if s in pair
    ]
    quotes += [(o["source"], o["quote"]) for o in gold["one_sided"] if o["source"] in pair]
    counts["quotes"] = len(quotes)
    counts["aside"] = sum(report.set_aside(s, q) for s, q in quotes)
    return counts


def ratio(counts: dict[str, int], metric: str) -> float | None:
    num, den = METRICS[metric]
    return counts[num] / counts[den] if counts[den] else None


def benchmark_parser(doc: str) -> argparse.ArgumentParser:
    """The options both real-news benchmarks share (this one and ecb.py)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-event", action="store_true", help="print a line of counts per event")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the metrics")
    parser.add_argument("--model", default=None)
    parser.add_argument("--backend", choices=BACKENDS, default="onnx")
    parser.add_argument("--judge", choices=JUDGES, default="rules")
    parser.add_argument("--min-confidence", type=float, default=None)
    return parser


def checker_for(args) -> Checker:
    """The Checker the options ask for (model, backend, judge, reporting confidence)."""
    options = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    return Checker(args.model, backend=args.backend, judge=args.judge, **options)


def main() -> None:
    parser = benchmark_parser(__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    args = parser.parse_args()
    checker = checker_for(args)
    start = time.perf_counter()
    total = dict.fromkeys([k for keys in METRICS.values() for k in keys], 0)
    files = sorted(args.gold.glob("*.json"))
    if not files:
        parser.error(f"no gold files (*.json) in {args.gold}")
    for path in files:
        gold = json.loads(path.read_text("utf-8"))
        folder = args.articles / gold["event"]
        articles = {s: read_article(folder / f"{s}.txt", source_id=s) for s in SOURCES}
        event: dict[str, int] = {}
        for pair in combinations(SOURCES, 2):
            report = Report(checker.compare([articles[s] for s in pair]).to_dict())
            for key, value in score_pair(report, gold, pair).items():
                event[key] = event.get(key, 0) + value
        for key, value in event.items():
            total[key] += value
        if args.per_event:
            print(gold["event"][:13], " ".join(f"{k}={v}" for k, v in event.items()), flush=True)
    seconds = time.perf_counter() - start
    print(f"{len(files)} events, {3 * len(files)} source pairs, {seconds:.0f} s")
    for metric, (num, den) in METRICS.items():
        value = ratio(total, metric)
        shown = "n/a" if value is None else f"{value:.3f}"
        print(f"{metric:<24} {shown:>5} ({total[num]}/{total[den]})")
    if args.json:
        result = {re.sub(r"\W+", "_", m.replace("@", " at ")): ratio(total, m) for m in METRICS}
        print(json.dumps({**result, "counts": total, "events": len(files), "seconds": round(seconds, 1)}))


if __name__ == "__main__":
    main()
