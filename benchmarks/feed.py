"""Grouping an unsorted feed into stories: quality on the dev feed, time and memory at scale.

    python benchmarks/feed.py [FEED_DIR] [--whole] [--scale N] [--json]

FEED_DIR (default ../shared/eval/dev/feed) holds `articles/*.txt` and `stories.json` (file
name -> true story). The feed is grouped as `crosscheck batch --group` groups it (in a child
process, empty cache: cold); with `--whole`, the whole batch runs too and its summary.json is
scored. Scored as `../shared/eval/score/feed.py` scores a summary:

  B-cubed precision / recall / F1   over articles (an article in no story is a story of its own)
  pair precision / recall           over pairs of articles put in one story
  same-kind topics mixed            ECB+ topics whose two events (two earthquakes) share a story

`--scale N` grows the feed to N articles with edited copies and measures grouping alone and
(with `--whole`) the whole batch: wall time and the child's peak memory (max RSS). Each copy
of a story is a new story of the same kind: its names are replaced by made-up ones, its
figures changed and its sentences thinned, consistently across the story's articles, so the
copies are same-kind events the grouping must keep apart, and the batch compares stories
of the real sizes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "feed"
SYLLABLES = ["ka", "ro", "mi", "tel", "van", "dor", "si", "lu", "bra", "nek", "os", "tar", "pe", "gri", "zu", "ham"]
CAPITALISED = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}")
FIGURE = re.compile(r"\b\d{2,}\b")


def score(summary: dict, gold: dict[str, str]) -> dict:
    """The reference scorer's figures (`../shared/eval/score/feed.py`), computed the same way."""
    pred = {}
    for k, story in enumerate(summary.get("stories", [])):
        for p in story.get("inputs") or []:
            pred[Path(p).name] = k
    assigned = sum(1 for a in gold if a in pred)
    for a in gold:
        pred.setdefault(a, f"alone:{a}")
    arts = sorted(gold)
    by_p, by_g = defaultdict(set), defaultdict(set)
    for a in arts:
        by_p[pred[a]].add(a)
        by_g[gold[a]].add(a)
    p = sum(len(by_p[pred[a]] & by_g[gold[a]]) / len(by_p[pred[a]]) for a in arts) / len(arts)
    r = sum(len(by_p[pred[a]] & by_g[gold[a]]) / len(by_g[gold[a]]) for a in arts) / len(arts)
    tp = sum(len(c & g) * (len(c & g) - 1) // 2 for c in by_p.values() for g in by_g.values())
    pp = sum(len(c) * (len(c) - 1) // 2 for c in by_p.values())
    gp = sum(len(g) * (len(g) - 1) // 2 for g in by_g.values())
    topics = defaultdict(set)
    for story in by_g:
        if story.startswith("ecb-"):
            topics[story.split("-")[1]].add(story)
    pairs = [sorted(subs) for subs in topics.values() if len(subs) == 2]
    mixed = sum(any(c & by_g[a] and c & by_g[b] for c in by_p.values()) for a, b in pairs)
    return {"articles": len(arts), "assigned": assigned, "stories_true": len(by_g), "stories_found": len(by_p),
            "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3),
            "bcubed_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "pair_precision": round(tp / pp, 3) if pp else None, "pair_recall": round(tp / gp, 3) if gp else None,
            "same_kind_topics_mixed": f"{mixed}/{len(pairs)}"}


def grow(feed: Path, target: Path, size: int) -> int:
    """Write the feed's articles and edited copies of its stories into `target` until it
    holds `size` articles. Returns how many were written."""
    gold = json.loads((feed / "stories.json").read_text())
    by_story = defaultdict(list)
    for name, story in sorted(gold.items()):
        by_story[story].append(name)
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for name in sorted(gold):
        if written < size:
            shutil.copy(feed / "articles" / name, target / name)
            written += 1
    copy = 0
    while written < size:
        copy += 1
        for story, names in sorted(by_story.items()):
            rng = random.Random(f"{story}/{copy}")
            factor = rng.choice([2, 3, 5, 7])
            for name in names:
                if written >= size:
                    break
                text = (feed / "articles" / name).read_text(encoding="utf-8")
                edited = _edit(text, story, copy, factor, rng)
                (target / f"copy{copy:03d}-{name}").write_text(edited, encoding="utf-8")
                written += 1
    return written


def _edit(text: str, story: str, copy: int, factor: int, rng: random.Random) -> str:
    def made_up(match: re.Match) -> str:  # the same word -> the same made-up name within one copy of a story
        digest = hashlib.sha256(f"{story}/{copy}/{match.group(0)}".encode()).digest()
        return "".join(SYLLABLES[b % len(SYLLABLES)] for b in digest[:3]).capitalize()

    lines = text.split("\n")
    head, body = lines[:1], [line for line in lines[1:] if not line.strip() or rng.random() > 0.15]
    edited = "\n".join(head + body)
    edited = CAPITALISED.sub(made_up, edited)
    return FIGURE.sub(lambda m: str(int(m.group(0)) * factor), edited)


def run_child(args: list[str]) -> tuple[float, float, str]:
    """Run a command; its wall time (s), its own peak memory (MiB, max RSS) and stdout."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 1, 3):
            raise SystemExit(f"{' '.join(args)} failed ({code}):\n{err.read()[-2000:]}")
        return wall, usage.ru_maxrss / 1024, out.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("feed", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--scale", type=int, help="grow the feed to this many articles and time it")
    parser.add_argument("--whole", action="store_true", help="with --scale: also time the whole batch")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cli = [sys.executable, "-c", "from crosscheck.cli import main; main()"]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.scale:
            articles = tmp / "feed"
            results["articles"] = grow(args.feed, articles, args.scale)
            wall, peak, out = run_child([sys.executable, __file__, "--group-only", str(articles), str(tmp / "cache-g")])
            stories = json.loads(out)["stories"]
            results["grouping"] = {"seconds": round(wall, 1), "peak_mib": round(peak), "stories": len(stories),
                                   "single_source": sum(len(s["inputs"]) == 1 for s in stories)}
            print(f"{results['articles']} articles: grouping {wall:.1f} s, peak {peak:.0f} MiB, "
                  f"{len(stories)} stories", flush=True)
            if args.whole:
                wall, peak, _ = run_child(cli + ["batch", str(articles), "--group", "--out", str(tmp / "out"),
                                                 "--cache-dir", str(tmp / "cache"), "-q"])
                summary = json.loads((tmp / "out" / "summary.json").read_text())
                results["whole"] = {"seconds": round(wall, 1), "peak_mib": round(peak),
                                    "stories": summary["totals"]["stories"]}
                print(f"whole batch {wall:.1f} s, peak {peak:.0f} MiB")
        else:
            gold = json.loads((args.feed / "stories.json").read_text())
            wall, peak, out = run_child([sys.executable, __file__, "--group-only", str(args.feed / "articles"),
                                         str(tmp / "cache-g")])
            results = {"grouping": {**score(json.loads(out), gold), "seconds": round(wall, 1), "peak_mib": round(peak)}}
            print("grouping:", " ".join(f"{k} {v}" for k, v in results["grouping"].items()), flush=True)
            if args.whole:
                wall, peak, _ = run_child(cli + ["batch", str(args.feed / "articles"), "--group", "--out",
                                                 str(tmp / "out"), "--cache-dir", str(tmp / "cache"), "-q"])
                summary = json.loads((tmp / "out" / "summary.json").read_text())
                results["whole"] = {**score(summary, gold), "seconds": round(wall, 1), "peak_mib": round(peak)}
                print("whole batch (summary.json):", " ".join(f"{k} {v}" for k, v in results["whole"].items()))
    if args.json:
        print(json.dumps(results))


def group_only(articles: str, cache_dir: str) -> None:
    """In a child process: read and group a feed, nothing else; print its stories' inputs as JSON."""
    from crosscheck import Checker
    from crosscheck.embed.cache import EmbeddingCache
    from crosscheck.feed import group_feed

    with EmbeddingCache(cache_dir) as cache:
        batch = group_feed(articles, checker=Checker(), cache=cache)
    print(json.dumps({"stories": [{"inputs": s.inputs} for s in batch.stories]}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--group-only":
        group_only(sys.argv[2], sys.argv[3])
    else:
        main()
