"""Fit the same-fact score (`crosscheck/judge/same_fact.py`) and write `crosscheck/data/same_fact.json`.

    python training/train_same_fact.py --translations FILE [--articles ../shared/eval/dev/articles/basil]

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

Pairs in two languages get a model on the features that cross languages, and per pair of
languages an offset set on the same labelled pairs with one or both articles in a Russian
or Ukrainian translation (`--translations`: `{"event/outlet": [{"en", "ru", "uk"}, ...]}`,
each kept statement translated on its own by a language model briefed as a news
translator, once, at development time; derived from the publishers' text, so kept outside
the repository, on the development machine at /work/scratch/tr/translations-v2.json; its
SHA-256 is written to same_fact.json). `training/fit_e5_scale.py` reads the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import Checker  # noqa: E402
from crosscheck.embed.e5 import FOLDER as E5_FOLDER  # noqa: E402
from crosscheck.judge.findings import pair_contexts  # noqa: E402
from crosscheck.judge.same_fact import ACROSS_LANGUAGES, FEATURES, features  # noqa: E402
from crosscheck.read import article_from_text, read_articles  # noqa: E402

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


# Pairs in two languages: each labelled pair with one or both of its articles in a
# translation (the same statements, the same label).
LANGUAGE_PAIRS = (("en", "ru"), ("en", "uk"), ("ru", "en"), ("uk", "en"), ("ru", "uk"), ("uk", "ru"))


def load_translated_features(articles: Path, translations: Path) -> tuple[np.ndarray, np.ndarray, list[str], list[str],
                                                                          list[str], Counter]:
    """The labelled pairs again with one or both articles in Russian or Ukrainian: features,
    labels, events, splits, language pairs ("en-uk"), and counts (label by language pair).
    `translations` maps "event/outlet" to its kept statements, each {"en", "ru", "uk"}."""
    table = json.loads(translations.read_text("utf-8"))
    by_pair: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for line in LABELS.read_text("utf-8").splitlines():
        row = json.loads(line)
        by_pair[row["event"], row["a"], row["b"]].append(row)
    checker = Checker()
    x, y, events, splits, languages, counts = [], [], [], [], [], Counter()
    for (event, a, b), rows in sorted(by_pair.items()):
        folder = articles / event
        english = checker.prepare(read_articles([str(folder / f"{a}.txt"), str(folder / f"{b}.txt")]))
        number = {}  # statement id -> its place among its article's kept statements
        for source in {s.source for s in english.statements}:
            number.update({s.id: n for n, s in enumerate(t for t in english.statements if t.source == source and t.kept)})
        for left_language, right_language in LANGUAGE_PAIRS:
            sides = [_article(folder / f"{name}.txt", table.get(f"{event}/{name}"), language, name, english)
                     for name, language in ((a, left_language), (b, right_language))]
            if any(side is None for side in sides):
                continue
            prepared = checker.prepare([article for article, _ in sides])
            story, _ = checker.story(prepared)
            position = {s.id: k for k, s in enumerate(story.statements)}
            ids = [ids_by_number for _, ids_by_number in sides]
            left_rows, right_rows = story.rows(story.sources[0]), story.rows(story.sources[1])
            index = story.index()
            sim, _ = index.scores(story.vectors, left_rows, right_rows)
            usable, cells = [], []
            for r in rows:
                left = ids[0](prepared, number.get(r["left"]))
                right = ids[1](prepared, number.get(r["right"]))
                if left in position and right in position:
                    usable.append(r)
                    cells.append((left_rows.index(position[left]), right_rows.index(position[right])))
            fact_vectors = story.fact_vectors(sorted({left_rows[i] for i, _ in cells} | {right_rows[j] for _, j in cells}))
            pair = f"{left_language}-{right_language}"
            for row, context in zip(usable, pair_contexts(story, index, sim, left_rows, right_rows, cells, fact_vectors)):
                x.append(features(context))
                y.append(int(row["label"] in ONE_FACT))
                events.append(event)
                splits.append(row["split"])
                languages.append(pair)
                counts[pair, row["label"] in ONE_FACT] += 1
            counts[pair, "skipped"] += len(rows) - len(usable)
    return np.array(x), np.array(y), events, splits, languages, counts


def _article(path: Path, translated: list[dict] | None, language: str, name: str, english):
    """One side of a pair: the article as it is ("en"), or its kept statements in translation,
    a paragraph of the original a paragraph here; and how to find the statement that stands
    for the n-th kept statement of the original (None where segmentation split or lost it)."""
    if language == "en":
        article = article_from_text(path.read_text("utf-8"), name=str(path), source_id=name)

        def find(prepared, n):
            kept = [s for s in prepared.statements if s.source == name and s.kept]
            return kept[n].id if n is not None and n < len(kept) else None
        return article, find
    if translated is None:
        return None
    found = {row["en"]: row[language] for row in translated}
    text, spans, paragraph = "", [], None
    for statement in (s for s in english.statements if s.source == name and s.kept):
        if statement.text not in found:  # segmented otherwise since it was translated
            spans.append(None)
            continue
        if text:
            text += " " if statement.paragraph == paragraph and not statement.headline else "\n\n"
        spans.append((len(text), len(text) + len(found[statement.text])))
        text += found[statement.text]
        paragraph = statement.paragraph if not statement.headline else None
    article = article_from_text(text + "\n", name=f"{path.stem}.{language}", source_id=name)
    article = replace(article, language=language)

    def find(prepared, n):
        if n is None or n >= len(spans) or spans[n] is None:
            return None
        start, end = spans[n]
        inside = [s for s in prepared.statements if s.source == name and s.kept
                  and min(end, s.end) - max(start, s.start) > 0.5 * (s.end - s.start)]
        return inside[0].id if len(inside) == 1 and inside[0].end - inside[0].start > 0.8 * (end - start) else None
    return article, find


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


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if len(set(y.tolist())) == 2 else float("nan")


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
    parser.add_argument("--translations", required=True,
                        help="the labelled pairs' articles in Russian and Ukrainian (JSON, kept outside the repository: "
                             "see the docstring): how sure the score must be in two languages is set on them")
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
    across = _fit_across(x, y, events, folds, args)
    OUT.write_text(json.dumps({
        "features": list(FEATURES), "coefficients": weights, "intercept": intercept,
        "across_languages": across,
        "data": {"pairs": len(y), "one_fact": int(y.sum()), "events": len(set(events)), "check_pairs": len(y_check),
                 "labels": dict(sorted(counts.items()))},
        "cross_validated": {"auc": round(auc, 3), "cosine_auc": round(cosine_auc, 3), "calibration": table},
        "check": {"auc": check_auc, "calibration": check_table},
    }, indent=1) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


def _fit_across(x: np.ndarray, y: np.ndarray, events: list[str], folds: list[str], args) -> dict:
    """The model for pairs in two languages: the same English pairs, only the features that
    cross languages. Then, per pair of languages, how sure it must be (`offsets`, taken off
    its log-odds): the labelled pairs again with one or both articles in translation (train
    events only; check events reported) show what it calls one fact at 0.5 right less often
    than in English, since the cosine tells one fact from two less well across languages;
    the offset is the smallest that makes it as often right as on the English pairs
    (cross-validated). (Fitting the whole model on the translated pairs was tried: it calls
    few pairs one fact, and on the dev translations aligned recall fell from 0.91 to 0.52.)"""
    from sklearn.metrics import roc_auc_score

    columns = [FEATURES.index(name) for name in ACROSS_LANGUAGES]
    held = np.zeros(len(y))
    for k in range(4):
        test = np.array([folds.index(e) % 4 == k for e in events])
        held[test] = _fit(x[~test][:, columns], y[~test]).predict_proba(x[test][:, columns])[:, 1]
    fit = _fit(x[:, columns], y)
    weights, intercept = _unscaled(fit)
    out = {"features": list(ACROSS_LANGUAGES), "coefficients": weights, "intercept": intercept,
           "cross_validated_auc": round(float(roc_auc_score(y, held)), 3)}
    print(f"across languages ({', '.join(ACROSS_LANGUAGES)}): cross-validated AUC {out['cross_validated_auc']}; "
          f"weights {dict(zip(ACROSS_LANGUAGES, weights))} intercept {intercept}")
    x_t, y_t, _, splits, pairs, counts = load_translated_features(Path(args.articles), Path(args.translations))
    logit = intercept + x_t[:, columns] @ np.array(weights)
    key = np.array(["-".join(sorted(pair.split("-"))) for pair in pairs])
    train = np.array([split == "train" for split in splits])
    target = float(y[held >= 0.5].mean())
    offsets = {}
    for languages in sorted(set(key)):
        mask = train & (key == languages)
        at = next((t for t in np.arange(0.50, 0.9, 0.01).round(2)
                   if y_t[mask & (logit >= np.log(t / (1 - t)))].mean() >= target), 0.9)
        offsets[languages] = round(float(np.log(at / (1 - at))), 4)
        print(f"  {languages}: P >= {at:.2f} is as often one fact as P >= 0.5 in English ({target:.3f})")
    out["offsets"] = offsets
    out["in_translation"] = {"pairs": len(y_t), "train_pairs": int(train.sum()), "english_precision": round(target, 3),
                             "translations_sha256": hashlib.sha256(Path(args.translations).read_bytes()).hexdigest(),
                             "layers_sha256": json.loads((Path(str(E5_FOLDER)) / "meta.json").read_text("utf-8"))[
                                 "layers_sha256"]}
    p_t = 1 / (1 + np.exp(-(logit - np.array([offsets[k] for k in key]))))
    _measure(held, y, p_t, y_t, key, train, counts)
    return out


def _measure(held: np.ndarray, y: np.ndarray, p_t: np.ndarray, y_t: np.ndarray, key: np.ndarray, train: np.ndarray,
             counts: Counter) -> None:
    def line(name: str, p: np.ndarray, truth: np.ndarray) -> str:
        called = p >= 0.5
        return (f"  {name}: {len(truth)} pairs ({int(truth.sum())} one fact), AUC {_auc(truth, p):.3f}; at P >= 0.5: "
                f"{int(called.sum())} called one fact, precision {truth[called].mean():.3f}, "
                f"recall {truth[called].sum() / max(1, truth.sum()):.3f}")
    print("measured (English: train events, cross-validated; in two languages: with the offsets):")
    print(line("English", held, y))
    for split, mask in (("train", train), ("check", ~train)):
        for languages in sorted(set(key)):
            print(line(f"{languages} ({split} events)", p_t[mask & (key == languages)], y_t[mask & (key == languages)]))
        print(line(f"all in two languages ({split} events)", p_t[mask], y_t[mask]))
    print("  pairs lost where a translation segments otherwise:",
          ", ".join(f"{pair} {n}" for (pair, what), n in sorted(counts.items(), key=str) if what == "skipped"))


if __name__ == "__main__":
    main()
