"""Fit the same-fact score (`crosscheck/judge/same_fact.py`) and write `crosscheck/data/same_fact.json`.

    python training/train_same_fact.py [--articles ../shared/eval/dev/articles/basil]

The data is ours: `training/data/same_fact_labels.jsonl`, 2,793 statement pairs of 18 BASIL
events that have no labels of their own (no `news/` or `same_fact/` file under
../shared/eval/dev), proposed by the aligner (or nearly: an alignment score of 0.5 and a
top-two rank, or a multilingual-e5 cosine of 0.86 and a top rank) and labelled by careful
readers: same, conflict (the same fact, told incompatibly), related or unrelated. Each
line names its statements by id and a hash of their text; the text is read from the
articles, never copied here. Same and conflict count as one fact. `split` "train" (12
events, 2,171 pairs) is fitted; "check" (the 6 other events, 622 pairs, labelled later) is
only scored, as a test on events the fit never saw.

The features are computed by the library's own code (`Checker.story`, `pair_contexts`),
so what is fitted is what runs. A logistic regression (scikit-learn, seeded, no search)
on standardised features is fitted (the scaling is folded into the weights written); its
probabilities are the score and the agreements' confidence. Cross-validated
by event first (AUC and a calibration table), then fitted on all. Never run by CI.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import Checker  # noqa: E402
from crosscheck.judge.findings import pair_contexts  # noqa: E402
from crosscheck.judge.same_fact import ACROSS_LANGUAGES, FEATURES, features  # noqa: E402
from crosscheck.read import read_articles  # noqa: E402

LABELS = ROOT / "training" / "data" / "same_fact_labels.jsonl"
OUT = ROOT / "crosscheck" / "data" / "same_fact.json"
ONE_FACT = {"same", "conflict"}
SEED = 0


def load_features(articles: Path) -> tuple[np.ndarray, np.ndarray, list[str], list[str], Counter]:
    """Features, labels (1: one fact), event and split of every labelled pair that still
    matches its statements, and the counts of the labels used."""
    by_pair: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for line in LABELS.read_text("utf-8").splitlines():
        row = json.loads(line)
        by_pair[row["event"], row["a"], row["b"]].append(row)
    checker = Checker()
    x, y, events, splits, counts = [], [], [], [], Counter()
    for (event, a, b), rows in sorted(by_pair.items()):
        folder = articles / event
        prepared = checker.prepare(read_articles([str(folder / f"{a}.txt"), str(folder / f"{b}.txt")]))
        story, _ = checker.story(prepared)
        position = {s.id: n for n, s in enumerate(story.statements)}
        left_rows, right_rows = story.rows(story.sources[0]), story.rows(story.sources[1])
        index = story.index()
        sim, _ = index.scores(story.vectors, left_rows, right_rows)
        usable = [r for r in rows if r["left"] in position and r["right"] in position
                  and _sha(story.statements[position[r["left"]]].text) == r["left_sha"]
                  and _sha(story.statements[position[r["right"]]].text) == r["right_sha"]]
        if len(usable) < len(rows):
            print(f"  {event} {a}-{b}: {len(rows) - len(usable)} pairs no longer match a statement, skipped")
        cells = [(left_rows.index(position[r["left"]]), right_rows.index(position[r["right"]])) for r in usable]
        fact_vectors = story.fact_vectors(sorted({left_rows[i] for i, _ in cells} | {right_rows[j] for _, j in cells}))
        for row, context in zip(usable, pair_contexts(story, index, sim, left_rows, right_rows, cells, fact_vectors)):
            x.append(features(context))
            y.append(int(row["label"] in ONE_FACT))
            events.append(event)
            splits.append(row["split"])
            counts[row["label"]] += 1
    return np.array(x), np.array(y), events, splits, counts


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000, random_state=SEED)).fit(x, y)


def _unscaled(fit) -> tuple[list[float], float]:
    """The fitted pipeline's weights on unscaled features, and its intercept."""
    scaler, logistic = fit.named_steps["standardscaler"], fit.named_steps["logisticregression"]
    raw = logistic.coef_[0] / scaler.scale_
    return [round(float(w), 4) for w in raw], round(float(logistic.intercept_[0] - raw @ scaler.mean_), 4)


def calibration_table(p: np.ndarray, y: np.ndarray) -> list[dict]:
    bins = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01]
    out = []
    for lo, hi in zip(bins, bins[1:]):
        mask = (p >= lo) & (p < hi)
        if mask.any():
            out.append({"from": lo, "to": min(hi, 1.0), "pairs": int(mask.sum()), "stated": round(float(p[mask].mean()), 3),
                        "one_fact": round(float(y[mask].mean()), 3)})
    return out


def main() -> None:
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default=str(ROOT.parent / "shared" / "eval" / "dev" / "articles" / "basil"))
    parser.add_argument("--features", help="an .npz to keep the features in (and reuse) between runs")
    args = parser.parse_args()
    cache = Path(args.features) if args.features else None
    if cache and cache.exists():
        with np.load(cache, allow_pickle=True) as saved:
            x, y, events, splits = saved["x"], saved["y"], list(saved["events"]), list(saved["splits"])
            counts = Counter(saved["counts"].item())
    else:
        x, y, events, splits, counts = load_features(Path(args.articles))
        if cache:
            np.savez(cache, x=x, y=y, events=np.array(events), splits=np.array(splits), counts=np.array(dict(counts)))
    check = np.array([split == "check" for split in splits])
    x_check, y_check = x[check], y[check]
    x, y, events = x[~check], y[~check], [e for e, c in zip(events, check) if not c]
    print(f"pairs: {len(y)} to fit ({int(y.sum())} one fact, {len(y) - int(y.sum())} not) of {len(set(events))} "
          f"events, {len(y_check)} to check ({int(y_check.sum())} one fact); labels {dict(sorted(counts.items()))}")
    folds = sorted(set(events))
    held = np.zeros(len(y))
    for k in range(4):  # by event: a fold's events are never seen in its fit
        test = np.array([folds.index(e) % 4 == k for e in events])
        held[test] = _fit(x[~test], y[~test]).predict_proba(x[test])[:, 1]
    auc = roc_auc_score(y, held)
    cosine_auc = roc_auc_score(y, x[:, FEATURES.index("cosine")])
    table = calibration_table(held, y)
    print(f"cross-validated by event: AUC {auc:.3f} (the cosine alone {cosine_auc:.3f})")
    for row in table:
        print(f"  stated {row['from']:.1f}-{row['to']:.1f}: {row['pairs']:4d} pairs, mean stated {row['stated']:.3f}, "
              f"one fact {row['one_fact']:.3f}")
    fit = _fit(x, y)
    checked = fit.predict_proba(x_check)[:, 1] if len(y_check) else np.zeros(0)
    check_auc = round(float(roc_auc_score(y_check, checked)), 3) if len(set(y_check.tolist())) == 2 else None
    check_table = calibration_table(checked, y_check)
    print(f"check split (events never fitted): AUC {check_auc}")
    for row in check_table:
        print(f"  stated {row['from']:.1f}-{row['to']:.1f}: {row['pairs']:4d} pairs, mean stated {row['stated']:.3f}, "
              f"one fact {row['one_fact']:.3f}")
    weights, intercept = _unscaled(fit)
    print("weights:", dict(zip(FEATURES, weights)), "intercept", intercept)
    # the model for pairs of two languages: the same pairs, only the features that cross languages
    columns = [FEATURES.index(name) for name in ACROSS_LANGUAGES]
    held_across = np.zeros(len(y))
    for k in range(4):
        test = np.array([folds.index(e) % 4 == k for e in events])
        held_across[test] = _fit(x[~test][:, columns], y[~test]).predict_proba(x[test][:, columns])[:, 1]
    across_auc = roc_auc_score(y, held_across)
    across_weights, across_intercept = _unscaled(_fit(x[:, columns], y))
    print(f"across languages ({', '.join(ACROSS_LANGUAGES)}): cross-validated AUC {across_auc:.3f}; weights "
          f"{dict(zip(ACROSS_LANGUAGES, across_weights))} intercept {across_intercept}")
    OUT.write_text(json.dumps({
        "features": list(FEATURES), "coefficients": weights, "intercept": intercept,
        "across_languages": {"features": list(ACROSS_LANGUAGES), "coefficients": across_weights,
                             "intercept": across_intercept, "cross_validated_auc": round(across_auc, 3)},
        "data": {"pairs": len(y), "one_fact": int(y.sum()), "events": len(set(events)), "check_pairs": len(y_check),
                 "labels": dict(sorted(counts.items()))},
        "cross_validated": {"auc": round(auc, 3), "cosine_auc": round(cosine_auc, 3), "calibration": table},
        "check": {"auc": check_auc, "calibration": check_table},
    }, indent=1) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
