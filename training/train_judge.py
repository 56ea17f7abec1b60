"""Train crosscheck's pair judge: a cross-encoder from the bundled all-MiniLM-L6-v2 that reads
two statements and says agree, diverge or unrelated. Never run by CI or by set-up.

    python training/train_judge.py [--steps 2000] [--seed 13] [--out crosscheck/data/judge]

1. Pairs: synthetic pairs from unlabelled news (`pairs.py`), split by story into training
   and held-back; ../shared/train/nli/ (CAD, SNLI, FEVER-Symmetric; train and dev splits)
   as background with a low loss weight. Counts by label and kind are printed.
2. Training: AdamW, linear warm-up and decay, batches of 16 pairs of at most 128 tokens,
   a fixed number of steps; fixed seed.
3. Scores: held-back synthetic pairs (accuracy, diverge-vs-agree AUC) and the NLI sources'
   test splits (accuracy), printed.
4. Export: ONNX, MatMul weights quantised to int8, with its tokenizer and meta.json
   (labels, length limit, the scores above, the data counts) into --out.
5. Confidence: a logistic combiner (scikit-learn) over the judge's probabilities and the
   rules' verdict, fitted on the held-back synthetic pairs (never trained on), stored in
   meta.json as plain coefficients (no scikit-learn at run time).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import SHARED, Pair, build  # noqa: E402

from crosscheck.embed.model import default_model_path  # noqa: E402

LABELS = ("agree", "diverge", "unrelated")
NLI_WEIGHT = 0.3
MAX_LENGTH = 128
BATCH = 16
HELD_BACK = 0.2  # share of stories (and of the cluster's pairs) kept out of training


def held_back(pair: Pair) -> bool:
    """BASIL stories are held back whole; the 46-source cluster (one story) by the real pair
    a pair was made from, so an edited copy stays on the side of its original."""
    key = pair.story if not pair.story.startswith("inflation") else pair.story + pair.origin
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 100 < HELD_BACK * 100


def nli(split: set[str]) -> list[Pair]:
    out = []
    for name in ("cad", "snli", "fever_symmetric"):
        for line in (SHARED / "train" / "nli" / f"{name}.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            if row["split"] in split:
                out.append(Pair(row["a"], row["b"], row["label"], "nli-" + name, name))
    return out


def encode(tokenizer, batch: list[Pair]):
    import torch

    enc = tokenizer([p.a for p in batch], [p.b for p in batch], truncation=True, max_length=MAX_LENGTH,
                    padding=True, return_tensors="pt")
    labels = torch.tensor([LABELS.index(p.label) for p in batch])
    return enc, labels


def predict(model, tokenizer, pairs: list[Pair]) -> np.ndarray:
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(pairs), 64):
            enc, _ = encode(tokenizer, pairs[start : start + 64])
            out.append(torch.softmax(model(**enc).logits, dim=-1).numpy())
    model.train()
    return np.concatenate(out) if out else np.zeros((0, 3))


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive, scores)) if 0 < positive.sum() < len(positive) else float("nan")


def scores(model, tokenizer, sets: dict[str, list[Pair]]) -> dict[str, dict[str, float]]:
    out = {}
    for name, pairs in sets.items():
        if not pairs:
            continue
        probs = predict(model, tokenizer, pairs)
        truth = np.array([LABELS.index(p.label) for p in pairs])
        row = {"pairs": len(pairs), "accuracy": round(float((probs.argmax(1) == truth).mean()), 3)}
        mask = truth != 2
        if mask.any():
            row["diverge_vs_agree_auc"] = round(auc(probs[mask, 1], truth[mask] == 1), 3)
        out[name] = row
        print(f"  {name:<28} {json.dumps(row)}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=2000, help="batches of 16 (about 40 minutes on this 2-core CPU)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=ROOT / "crosscheck" / "data" / "judge")
    parser.add_argument("--story-similarity", type=float, default=None,
                        help="harvest real agreements of the BASIL stories at this alignment score or more [pairs.py]")
    parser.add_argument("--export-only", action="store_true",
                        help="export the weights of the last training (kept beside --out) again, and refit the confidence")
    args = parser.parse_args()
    harvest = {} if args.story_similarity is None else {"story_similarity": args.story_similarity}
    if args.export_only:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        model = AutoModelForSequenceClassification.from_pretrained(args.out.parent / ".judge-torch")
        meta = json.loads((args.out / "meta.json").read_text("utf-8"))
        export(model, AutoTokenizer.from_pretrained(default_model_path()), args.out, meta,
               [p for p in build(seed=args.seed, **harvest) if held_back(p)])
        return

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    started = time.perf_counter()

    synthetic = build(seed=args.seed, **harvest)
    train = [p for p in synthetic if not held_back(p)]
    dev = [p for p in synthetic if held_back(p)]
    background = nli({"train", "dev"})  # every split but test; the calibration uses synthetic pairs only

    rng = random.Random(args.seed)
    counts = {"synthetic_train": collections.Counter(f"{p.label}/{p.kind}" for p in train),
              "synthetic_held_back": collections.Counter(f"{p.label}/{p.kind}" for p in dev),
              "nli_train": collections.Counter(f"{p.label}/{p.kind}" for p in background)}
    for name, counter in counts.items():
        print(f"{name}: {sum(counter.values())} pairs", flush=True)
        for key, n in sorted(counter.items()):
            print(f"  {key:<28} {n}")
    print(f"pairs built in {time.perf_counter() - started:.0f} s", flush=True)

    tokenizer = AutoTokenizer.from_pretrained(default_model_path())
    model = AutoModelForSequenceClassification.from_pretrained(default_model_path(), num_labels=3)
    steps = args.steps
    # Each step: a batch of synthetic pairs (both orders of each pair are seen) or, one in
    # four, a batch of background NLI pairs whose loss weighs NLI_WEIGHT.
    synthetic_pool = train + [Pair(p.b, p.a, p.label, p.kind, p.story) for p in train]
    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.08 * steps), steps)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    train_start = time.perf_counter()
    seen = collections.Counter()
    for step in range(steps):
        use_nli = step % 4 == 3
        batch = rng.sample(background if use_nli else synthetic_pool, BATCH)
        enc, labels = encode(tokenizer, batch)
        loss = loss_fn(model(**enc).logits, labels) * (NLI_WEIGHT if use_nli else 1.0)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        seen["nli" if use_nli else "synthetic"] += BATCH
        if step % 100 == 0 or step == steps - 1:
            elapsed = time.perf_counter() - train_start
            print(f"step {step + 1}/{steps} loss {loss.item():.3f} {elapsed / 60:.1f} min "
                  f"({sum(seen.values()) / max(elapsed, 1e-9):.1f} pairs/s)", flush=True)
    minutes = (time.perf_counter() - train_start) / 60
    print(f"trained {steps} steps ({dict(seen)} pair-updates) in {minutes:.1f} min", flush=True)

    print("scores:")
    tests = {"synthetic held back": dev, **{f"{k} test": [p for p in nli({'test'}) if p.story == k]
                                           for k in ("cad", "snli", "fever_symmetric")}}
    result = scores(model, tokenizer, tests)

    export(model, tokenizer, args.out, {
        "labels": list(LABELS), "max_length": MAX_LENGTH, "seed": args.seed, "steps": steps,
        "training_minutes": round(minutes, 1), "pair_updates": dict(seen), "scores": result,
        "counts": {k: dict(sorted(v.items())) for k, v in counts.items()},
    }, calibration_pairs=dev)
    print(f"done in {(time.perf_counter() - started) / 60:.1f} min", flush=True)


def export(model, tokenizer, out: Path, meta: dict, calibration_pairs: list[Pair]) -> None:
    """ONNX with int8 MatMul weights, the tokenizer, and meta.json with the calibration."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    model.save_pretrained(out.parent / ".judge-torch")  # the weights before int8, to re-export (not committed)
    work = Path(tempfile.mkdtemp())
    sample, _ = encode(tokenizer, calibration_pairs[:2])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(model, tuple(sample[n] for n in names), work / "full.onnx", input_names=names,
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names} | {"logits": {0: "batch"}})
    out.mkdir(parents=True, exist_ok=True)
    # int8 MatMul weights per channel, and the word embeddings (Gather) too: 23 MB instead of 59.
    quantize_dynamic(work / "full.onnx", out / "model.onnx", weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Gather"])
    tokenizer.backend_tokenizer.save(str(out / "tokenizer.json"))
    shutil.rmtree(work)
    (out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")
    meta.update(calibrate(out, calibration_pairs))
    (out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"exported {out / 'model.onnx'} ({(out / 'model.onnx').stat().st_size / 1e6:.1f} MB)")


def calibrate(folder: Path, pairs: list[Pair]) -> dict:
    """Logistic regressions to P(diverge), on pairs set apart from training: one over the
    exported judge's probabilities and the rules' verdict (`calibration`), one over the
    rules' verdict alone, for `--judge rules` (`rules_calibration`)."""
    from sklearn.linear_model import LogisticRegression

    from crosscheck.judge.model import PairModel, features

    model = PairModel(folder, calibrated=False)
    probs = model.probabilities([(p.a, p.b) for p in pairs])
    x = np.array([features(prob, p.a, p.b) for prob, p in zip(probs, pairs)])
    y = np.array([p.label == "diverge" for p in pairs])
    out = {}
    for name, columns in (("calibration", slice(None)), ("rules_calibration", slice(3, None))):
        fit = LogisticRegression(C=1.0, max_iter=1000).fit(x[:, columns], y)
        print(f"{name} on {len(pairs)} held-back pairs: AUC {auc(fit.predict_proba(x[:, columns])[:, 1], y):.3f}")
        out[name] = {"coefficients": [round(float(c), 6) for c in fit.coef_[0]],
                     "intercept": round(float(fit.intercept_[0]), 6), "pairs": len(pairs)}
    return out


if __name__ == "__main__":
    main()
