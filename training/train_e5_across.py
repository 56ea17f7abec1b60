"""Train the same-fact encoder's adapter for Russian and Ukrainian text (`across.npz`).

    python training/train_e5_across.py --translations FILE [--check FILE] [--out build/e5-across.npz]

multilingual-e5-small places a sentence and its translation further apart than two English
sentences that report one fact in the same words: a Russian or Ukrainian statement and
its English counterpart often fall under alignment's bar. This script teaches the
encoder, for Cyrillic text only, to put a translation where its English original lies
(multilingual knowledge distillation, Reimers and Gurevych 2020): the teacher is the
shipped encoder itself on the English sentence (its exact vectors, onnxruntime), the
student the same 4-bit layers, frozen, plus low-rank adapters (LoRA, rank `--rank`) on
every matrix of every layer, read on the Russian and the Ukrainian translation. Loss:
1 - cosine(student(translation), teacher(original)), plus an in-batch contrastive term
that keeps a translation nearer its own original than the batch's other sentences.

English text never goes through the adapters (`crosscheck/embed/e5.py` runs them on
Cyrillic text only), so every English vector, and every English figure, stays as it was.

FILE: `{"key": [{"en", "ru", "uk"}, ...]}`, statements of unlabelled news articles
translated by hand (see the model card; the files hold publishers' text and are kept
outside the repository). Needs torch (the torch extra). Deterministic on one machine:
fixed seed, one thread order; prints the data counts.
Then `python training/export_e5.py --adapter build/e5-across.npz` writes layers.onnx.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from export_e5 import dequantise, read_model  # noqa: E402

MATRICES = ("qkv", "ao", "fi", "fo")  # the layer's matrices, q, k and v stacked as export_e5 stacks them
SEED = 13
THREADS = 2


def load_pairs(paths: list[Path]) -> list[tuple[str, str, str, str]]:
    """(article key, English, Russian, Ukrainian), each distinct English statement once."""
    rows, seen = [], set()
    for path in paths:
        data = json.loads(path.read_text("utf-8"))
        for key in sorted(data):
            for item in data[key]:
                en, ru, uk = (" ".join(str(item.get(k, "")).split()) for k in ("en", "ru", "uk"))
                if en and ru and uk and en not in seen:
                    seen.add(en)
                    rows.append((key, en, ru, uk))
    return rows


def build_model(rank: int):
    import torch
    from torch import nn

    from crosscheck.embed.e5 import packed_model_path

    config, _, _, tensors = read_model(packed_model_path())
    hidden, heads, ff, eps = config["hidden"], config["heads"], config["ff"], config["eps"]

    def matrix(names, rows, cols):
        return torch.tensor(np.concatenate([dequantise(tensors[n], rows, cols) for n in names]))

    class Linear(nn.Module):
        """A frozen 4-bit matrix (dequantised exactly) plus a low-rank adapter."""

        def __init__(self, weight, bias):
            super().__init__()
            self.register_buffer("weight", weight)
            self.register_buffer("bias", torch.tensor(np.array(bias)))
            out, inp = weight.shape
            self.a = nn.Parameter(torch.randn(rank, inp) / math.sqrt(inp))
            self.b = nn.Parameter(torch.zeros(out, rank))

        def forward(self, x, adapt: bool):
            y = x @ self.weight.T
            if adapt:
                y = y + (x @ self.a.T) @ self.b.T
            return y + self.bias

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.positions = torch.tensor(tensors["emb.pos"].reshape(-1, hidden) + tensors["emb.type"][:hidden])
            self.ln = (torch.tensor(np.array(tensors["emb.ln.w"])), torch.tensor(np.array(tensors["emb.ln.b"])))
            self.layers = nn.ModuleList()
            self.norms = []
            for n in range(config["layers"]):
                p = f"l{n}."
                layer = nn.ModuleDict({
                    "qkv": Linear(matrix([p + "q.w", p + "k.w", p + "v.w"], hidden, hidden),
                                  np.concatenate([tensors[p + "q.b"], tensors[p + "k.b"], tensors[p + "v.b"]])),
                    "ao": Linear(matrix([p + "ao.w"], hidden, hidden), tensors[p + "ao.b"]),
                    "fi": Linear(matrix([p + "fi.w"], ff, hidden), tensors[p + "fi.b"]),
                    "fo": Linear(matrix([p + "fo.w"], hidden, ff), tensors[p + "fo.b"]),
                })
                self.layers.append(layer)
                self.norms.append(tuple(torch.tensor(np.array(tensors[p + k])) for k in ("aln.w", "aln.b", "oln.w", "oln.b")))

        def forward(self, words, mask, adapt: bool = True):
            import torch.nn.functional as F

            batch, length, _ = words.shape
            x = F.layer_norm(words + self.positions[:length], (hidden,), *self.ln, eps=eps)
            keep = mask[:, None, None, :].bool()
            for layer, (aw, ab, ow, ob) in zip(self.layers, self.norms):
                q, k, v = layer["qkv"](x, adapt).split(hidden, dim=-1)
                q, k, v = (t.view(batch, length, heads, hidden // heads).transpose(1, 2) for t in (q, k, v))
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
                context = context.transpose(1, 2).reshape(batch, length, hidden)
                x = F.layer_norm(x + layer["ao"](context, adapt), (hidden,), aw, ab, eps=eps)
                middle = F.gelu(layer["fi"](x, adapt))
                x = F.layer_norm(x + layer["fo"](middle, adapt), (hidden,), ow, ob, eps=eps)
            kept = mask[..., None].float()
            return (x * kept).sum(1) / kept.sum(1)

    return Encoder()


def adapter_arrays(model) -> dict[str, np.ndarray]:
    out = {}
    for n, layer in enumerate(model.layers):
        for name in MATRICES:
            out[f"l{n}.{name}.a"] = layer[name].a.detach().numpy().astype(np.float32)
            out[f"l{n}.{name}.b"] = layer[name].b.detach().numpy().astype(np.float32)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--translations", type=Path, action="append", required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "e5-across.npz")
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--contrast", type=float, default=0.1, help="weight of the in-batch contrastive term")
    parser.add_argument("--check", type=Path, action="append", default=[],
                        help="translations to report on, never trained on (the ones scale.json and same_fact.json are fitted on)")
    args = parser.parse_args()

    import torch
    import torch.nn.functional as F

    from crosscheck.embed.e5 import E5Embedder

    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(THREADS)  # a fixed split of each sum, so the same bits on any machine's CPU
    train = load_pairs(args.translations)
    trained = {r[1] for r in train}
    check = [r for r in load_pairs(args.check) if r[1] not in trained] if args.check else []
    print(f"training on {len(train)} English statements of {len({r[0] for r in train})} articles with their Russian "
          f"and Ukrainian translations; checking on {len(check)} of {len({r[0] for r in check})} other articles")
    rows = train + check

    embedder = E5Embedder()
    _, words, _, _, _ = embedder.ready()
    teacher = {r[1]: torch.tensor(embedder.encode([r[1]])[0]) for r in rows}  # the shipped vectors, normalised

    def inputs(texts):
        arrays = [embedder._embeddings(words, t)[0] for t in texts]
        length = max(len(a) for a in arrays)
        x = np.zeros((len(arrays), length, arrays[0].shape[1]), np.float32)
        mask = np.zeros((len(arrays), length), np.int64)
        for i, a in enumerate(arrays):
            x[i, : len(a)], mask[i, : len(a)] = a, 1
        return torch.tensor(x), torch.tensor(mask)

    model = build_model(args.rank)
    params = [p for p in model.parameters() if p.requires_grad]
    print(f"adapter: rank {args.rank}, {sum(p.numel() for p in params):,} weights; seed {SEED}, {THREADS} threads, "
          f"torch {torch.__version__}")
    # student examples: (translation, its English original), Russian and Ukrainian alike
    examples = [(t, r[1]) for r in train for t in (r[2], r[3])]
    examples.sort(key=lambda e: len(e[0]))  # batches of like lengths, then shuffled by batch
    batches = [examples[i:i + args.batch] for i in range(0, len(examples), args.batch)]
    steps = args.epochs * len(batches)
    optimiser = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, (s + 1) / 50) * max(0.0, 1 - s / steps))

    def evaluate(rows_, label):
        """Each translation's cosine to its original, and its margin over the best other
        English statement of its article (what alignment reads)."""
        article = np.array([r[0] for r in rows_])
        same_article = torch.tensor(article[:, None] == article[None, :])
        with torch.no_grad():
            t = torch.stack([teacher[r[1]] for r in rows_])
            for side, lang in ((2, "ru"), (3, "uk")):
                for name, adapt in (("plain", False), ("adapted", True)):
                    s = torch.cat([F.normalize(model(*inputs([r[side] for r in rows_[i:i + 64]]), adapt=adapt), dim=-1)
                                   for i in range(0, len(rows_), 64)])
                    sims = s @ t.T
                    own = sims.diag()
                    others = sims.masked_fill(~same_article | torch.eye(len(rows_), dtype=torch.bool), -1.0)
                    margin = (own - others.max(dim=1).values)[others.max(dim=1).values > -1]
                    print(f"  {label} {lang} {name}: cosine to its original {own.mean():.3f}, margin over the best "
                          f"other statement of its article {margin.mean():.3f} (median {margin.median():.3f}), "
                          f"ahead of all {(margin > 0).float().mean():.3f}")

    generator = torch.Generator().manual_seed(SEED)
    step = 0
    for epoch in range(args.epochs):
        total = 0.0
        for b in torch.randperm(len(batches), generator=generator).tolist():
            batch = batches[b]
            x, m = inputs([e[0] for e in batch])
            s = F.normalize(model(x, m), dim=-1)
            t = torch.stack([teacher[e[1]] for e in batch])
            loss = (1 - (s * t).sum(-1)).mean()
            if args.contrast:
                logits = s @ t.T / 0.05
                same = torch.tensor([[a[1] == b_[1] for b_ in batch] for a in batch])
                logits = logits.masked_fill(same & ~torch.eye(len(batch), dtype=torch.bool), -1e4)
                loss = loss + args.contrast * F.cross_entropy(logits, torch.arange(len(batch)))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
            step += 1
        print(f"epoch {epoch + 1}: mean loss {total / len(batches):.4f}", flush=True)
    if check:
        evaluate(check, "check")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in args.translations)).hexdigest()
    np.savez(args.out, **adapter_arrays(model), translations_sha256=np.array(digest))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
