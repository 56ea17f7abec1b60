"""Put multilingual-e5's cosine on all-MiniLM-L6-v2's scale: `crosscheck/data/e5/scale.json`.

    python training/fit_e5_scale.py [--articles ../shared/eval/dev/articles/basil]

When the sources are not all English, alignment runs on e5 (MiniLM reads English only).
Every threshold and weight of alignment was set on MiniLM's cosine, and e5's cosines are
bunched near the top (unrelated news sentences sit around 0.75), so e5's cosine goes
through a monotone map first: the quantiles of e5's cosine over many statement pairs
matched to MiniLM's quantiles over the same pairs (quantile mapping; no labels). Each pair
of sources' cosines is first shifted so that its median is the typical one, the shift
crosscheck makes at run time (there it takes out the gap between two languages). The pairs
are every cross-source statement pair of the BASIL events that have no labels under
../shared/eval/dev (no `news/` or `same_fact/` file), read by the library's own code.
Deterministic; never run by CI.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import Checker  # noqa: E402
from crosscheck.embed.e5 import FOLDER, shared_encoder  # noqa: E402
from crosscheck.read import read_articles  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev"
QUANTILES = np.linspace(0.0, 1.0, 41)


def unlabelled_events(articles: Path) -> list[Path]:
    labelled = {p.stem for p in (DEV / "news").glob("*.json")}
    labelled |= {p.name.split("__")[0] for p in (DEV / "same_fact").glob("*.json")}
    return [e for e in sorted(articles.iterdir()) if e.is_dir() and e.name not in labelled]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEV / "articles" / "basil")
    args = parser.parse_args()
    checker, e5 = Checker(), shared_encoder()
    minilm_cosines, e5_cosines, events, statements = [], [], unlabelled_events(args.articles), 0
    for event in events:
        prepared = checker.prepare(read_articles([str(p) for p in sorted(event.glob("*.txt"))]))
        kept = [s for s in prepared.statements if s.kept]
        texts = [s.text for s in kept]
        statements += len(texts)
        a, b = checker.embedder.encode(texts), e5.encode(texts)
        sources = [s.source for s in kept]
        for x, y in combinations(sorted(set(sources)), 2):  # each pair of sources: a block of cosines
            rows = [i for i, s in enumerate(sources) if s == x]
            cols = [i for i, s in enumerate(sources) if s == y]
            minilm_cosines.append((a[rows] @ a[cols].T).ravel())
            e5_cosines.append((b[rows] @ b[cols].T).ravel())
    # each block shifted so that its median is the typical one, as crosscheck does at run time
    # (two languages sit further apart than one); here, in one language, the shifts are small
    typical = float(np.median(np.concatenate(e5_cosines)))
    e5_cosines = [block + (typical - float(np.median(block))) for block in e5_cosines]
    minilm, e5_all = np.concatenate(minilm_cosines), np.concatenate(e5_cosines)
    knots = {"e5": np.quantile(e5_all, QUANTILES).round(4).tolist(),
             "minilm": np.quantile(minilm, QUANTILES).round(4).tolist()}
    for i in range(1, len(QUANTILES)):  # strictly increasing, so the map is monotone
        knots["e5"][i] = max(knots["e5"][i], knots["e5"][i - 1] + 1e-4)
    out = {"what": "e5 cosine -> all-MiniLM-L6-v2 cosine, by matched quantiles (np.interp over the knots)",
           "events": len(events), "statements": statements, "pairs": int(len(e5_all)),
           "correlation": round(float(np.corrcoef(minilm, e5_all)[0, 1]), 3), "typical": round(typical, 4), **knots}
    path = Path(str(FOLDER)) / "scale.json"
    path.write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(f"{len(events)} events, {statements} statements, {len(e5_all)} cross-source pairs; "
          f"Pearson r {out['correlation']}; wrote {path}")
    for q in (0.5, 0.9, 0.99):
        k = int(q * (len(QUANTILES) - 1))
        print(f"  quantile {q}: e5 {knots['e5'][k]:.3f} -> MiniLM {knots['minilm'][k]:.3f}")


if __name__ == "__main__":
    main()
