"""Put multilingual-e5's cosine on all-MiniLM-L6-v2's scale: `crosscheck/data/e5/scale.json`.

    python training/fit_e5_scale.py --translations FILE [--articles ../shared/eval/dev/articles/basil]

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

Two languages (`--translations`), for judging (the same-fact score reads it): e5 puts two
statements in two languages closer together than the same two in one language, and bunches
them (of English statement pairs 1% have a cosine above 0.904; of the same pairs in English
and Ukrainian, above 0.867). So the cosine of a pair in two languages is put at the cosine
the same pair is expected to have in English: an isotonic regression of the English
cosine on the cosine in two languages, one per pair of languages ("across" in scale.json).
The pairs: every cross-source statement pair of the 54 BASIL articles of
`training/data/same_fact_labels.jsonl` (18 unlabelled events) with one or both articles in
a Russian or Ukrainian translation, against the same pair in English. No shift: the gap
between two languages is steady from one pair of articles to the next (en-uk: -0.016, sd
0.007), while the median a shift takes out also moves with how alike a story's
statements are (sd 0.011). The translations (`{"event/outlet": [{"en", "ru", "uk"}, ...]}`,
each kept statement translated on its own, found by its English text) were made once, at
development time, by a language model briefed as a news translator (as literal as
NTREX-128's human translations by e5's measure: a sentence and its translation at cosine
0.917 (ru) and 0.903 (uk), against 0.916 and 0.900); they are derived from the
publishers' text, so they are not in this repository (their SHA-256 is in scale.json; on
the development machine: /work/scratch/tr/translations-v2.json).
"""

from __future__ import annotations

import argparse
import hashlib
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
# pairs in two languages: what matters is the top, where one fact sits
ACROSS_QUANTILES = np.concatenate([np.linspace(0.0, 0.95, 20), [0.96, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999, 1.0]])
LANGUAGE_PAIRS = (("en", "ru"), ("en", "uk"), ("ru", "uk"), ("ru", "en"), ("uk", "en"), ("uk", "ru"))
LABELS = ROOT / "training" / "data" / "same_fact_labels.jsonl"


def unlabelled_events(articles: Path) -> list[Path]:
    labelled = {p.stem for p in (DEV / "news").glob("*.json")}
    labelled |= {p.name.split("__")[0] for p in (DEV / "same_fact").glob("*.json")}
    return [e for e in sorted(articles.iterdir()) if e.is_dir() and e.name not in labelled]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEV / "articles" / "basil")
    parser.add_argument("--translations", type=Path, required=True,
                        help="the labelled pairs' articles in Russian and Ukrainian (JSON, kept outside the repository)")
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
    out["across"] = across_languages(checker, e5, args.articles, args.translations)
    path = Path(str(FOLDER)) / "scale.json"
    path.write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(f"{len(events)} events, {statements} statements, {len(e5_all)} cross-source pairs; "
          f"Pearson r {out['correlation']}; wrote {path}")
    for q in (0.5, 0.9, 0.99):
        k = int(q * (len(QUANTILES) - 1))
        print(f"  quantile {q}: e5 {knots['e5'][k]:.3f} -> MiniLM {knots['minilm'][k]:.3f}")


def across_languages(checker: Checker, e5, articles: Path, translations: Path) -> dict:
    """Per pair of languages ("en-uk"): the cosine of two statements in two languages -> the
    cosine the same two are expected to have in English (isotonic regression)."""
    from sklearn.isotonic import IsotonicRegression

    e5 = e5.across()  # as a story in two languages reads it: Cyrillic statements through the adapter
    table = {key: {row["en"]: row for row in rows} for key, rows in json.loads(translations.read_text("utf-8")).items()}
    pairs = sorted({(row["event"], row["a"], row["b"]) for row in map(json.loads, LABELS.read_text("utf-8").splitlines())})
    across: dict[str, list] = {}
    english: dict[str, list] = {}
    statements: set[tuple[str, str]] = set()  # (event/outlet, text): each translated statement once
    for event, a, b in pairs:
        prepared = checker.prepare(read_articles([str(articles / event / f"{a}.txt"), str(articles / event / f"{b}.txt")]))
        rows = {}
        for name, article in zip((a, b), prepared.articles):  # the kept statements that have a translation
            found = table.get(f"{event}/{name}", {})
            rows[name] = [found[s.text] for s in prepared.statements if s.source == article.id and s.kept and s.text in found]
            statements |= {(f"{event}/{name}", r["en"]) for r in rows[name]}
        same = (e5.encode([r["en"] for r in rows[a]]) @ e5.encode([r["en"] for r in rows[b]]).T).ravel()
        for x, y in LANGUAGE_PAIRS:
            cosine = (e5.encode([r[x] for r in rows[a]]) @ e5.encode([r[y] for r in rows[b]]).T).ravel()
            key = "-".join(sorted((x, y)))
            across.setdefault(key, []).append(cosine)
            english.setdefault(key, []).append(same)
    out = {"what": "the cosine of two statements in two languages -> the cosine the same two are expected to have "
                   "in English (isotonic regression; np.interp over the knots)",
           "article_pairs": len(pairs), "statements": len(statements),
           "translations_sha256": hashlib.sha256(translations.read_bytes()).hexdigest(),
           "layers_sha256": json.loads((Path(str(FOLDER)) / "meta.json").read_text("utf-8"))["layers_sha256"]}
    for key in sorted(across):
        cosine, same = np.concatenate(across[key]), np.concatenate(english[key])
        knots_from = np.quantile(cosine, ACROSS_QUANTILES).round(4).tolist()
        for i in range(1, len(knots_from)):
            knots_from[i] = max(knots_from[i], knots_from[i - 1] + 1e-4)
        expected = IsotonicRegression(out_of_bounds="clip").fit(cosine, same)
        out[key] = {"pairs": int(len(cosine)), "correlation": round(float(np.corrcoef(cosine, same)[0, 1]), 3),
                    "from": knots_from, "to": [round(float(v), 4) for v in expected.predict(knots_from)]}
        print(f"  {key}: {len(cosine)} pairs, Pearson r {out[key]['correlation']}; quantile 0.99: "
              f"{knots_from[-5]:.3f} -> {out[key]['to'][-5]:.3f}")
    return out


if __name__ == "__main__":
    main()
