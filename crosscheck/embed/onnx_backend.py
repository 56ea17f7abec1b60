"""The onnx backend of stage 4 (the default): a sentence-transformers model run by
onnxruntime, its MatMul weights quantised to int8 (dynamic, per channel).

The default model, all-MiniLM-L6-v2, ships exported (`data/minilm/`, made by
`training/export_minilm.py`): it needs only the `tokenizers` library and an onnxruntime
session, no torch. Any other model is exported on first use, which needs the torch extra:
loaded with torch, traced into ONNX (pooling and normalising included), quantised, and
kept in `<cache dir>/onnx/<key>/` with its own tokenizer and a small meta file. Nothing is
downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Sequence

import numpy as np

from crosscheck.embed.model import (DEFAULT_MODEL, TORCH_EXTRA, Preloading, in_parallel, load_sentence_transformer,
                                    model_fingerprint, normalise, resolve_model, session_options)
from crosscheck.errors import CrosscheckError, ModelError, OutputError, first_line

SHIPPED = files("crosscheck") / "data" / "minilm"  # the default model, exported
SHIPPED_LABEL = "sentence-transformers/all-MiniLM-L6-v2 (shipped int8 ONNX)"

RECIPE = "torchscript-trace opset17 + dynamic int8 MatMul and Gather per-channel + extended graph fusions, v3"  # change it to re-export
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MODEL_FILE, TOKENIZER_FILE, META_FILE = "model.onnx", "tokenizer.json", "meta.json"
# One statement per run. Activations are quantised per batch, so in a batch of 16 a vector
# moves with its neighbours (cosine 0.992 to itself encoded alone); alone, it depends on its
# own text only, and onnxruntime loses about 4% of its throughput for that.
ONNX_BATCH_SIZE = 1


def _runtime_version() -> str:
    try:
        return version("onnxruntime")
    except PackageNotFoundError:
        raise ModelError("the onnx backend needs onnxruntime: reinstall crosscheck (pip install crosscheck)") from None


class OnnxEmbedder(Preloading):
    """An `Embedder` on onnxruntime. Vectors differ slightly from torch's (int8 weights),
    so its fingerprint, and so its cache entries, are its own."""

    def __init__(self, model: str | None = None, *, cache_dir: str | Path | None = None,
                 batch_size: int = ONNX_BATCH_SIZE) -> None:
        self._shipped = model in (None, DEFAULT_MODEL)
        label, self._path = (SHIPPED_LABEL, "") if self._shipped else resolve_model(model)
        self.name = label if self._shipped else f"{label} [onnx int8]"
        self._label = label
        self.batch_size = batch_size
        if cache_dir is None:
            from crosscheck.embed.cache import default_cache_dir

            cache_dir = default_cache_dir()
        self._cache_dir = Path(cache_dir)
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self._inputs: list[str] = []

    @property
    def fingerprint(self) -> str:
        if self._shipped:
            try:
                meta = (self.folder / META_FILE).read_bytes()  # it holds the model file's sha256
            except OSError:
                raise ModelError(f"the shipped model is missing ({self.folder}): reinstall crosscheck") from None
            return f"{self._label} {hashlib.sha256(meta).hexdigest()[:16]} | onnxruntime {_runtime_version()}"
        return f"{model_fingerprint(self._label, self._path)} | {RECIPE} | onnxruntime {_runtime_version()}"

    @property
    def folder(self) -> Path:
        """Where this model's export lives."""
        if self._shipped:
            return Path(str(SHIPPED))
        return self._cache_dir / "onnx" / hashlib.sha256(self.fingerprint.encode()).hexdigest()[:24]

    def preload(self) -> None:
        if self._shipped or (self.folder / META_FILE).is_file():  # an export waits for the input to be read
            super().preload()

    def load(self):
        """The onnxruntime session, exporting the model first if it has not been."""
        with self._lock:
            return self._load()

    def _load(self):
        if self._session is None:
            _runtime_version()
            folder = self.folder
            if not (folder / META_FILE).is_file():
                if self._shipped:
                    raise ModelError(f"the shipped model is missing ({folder}): reinstall crosscheck")
                export(self._path, folder)
            import onnxruntime
            from tokenizers import Tokenizer

            try:
                meta = json.loads((folder / META_FILE).read_text("utf-8"))
                tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
                session = onnxruntime.InferenceSession(str(folder / MODEL_FILE), session_options(),
                                                       providers=["CPUExecutionProvider"])
                tokenizer.enable_truncation(meta["max_seq_length"])
                tokenizer.enable_padding(pad_id=meta["pad_id"], pad_token=meta["pad_token"])
                inputs = meta["inputs"]
            except Exception as exc:  # noqa: BLE001 - a damaged export: say where it is
                detail = first_line(exc)
                if self._shipped:
                    raise ModelError(f"onnxruntime {_runtime_version()} can't load the shipped model ({detail}): "
                                     "upgrade onnxruntime, or reinstall crosscheck") from None
                raise ModelError(f"the exported onnx model is unreadable ({type(exc).__name__}); delete {folder} "
                                 "and run again to re-export it") from None
            self._inputs = inputs
            self._tokenizer, self._session = tokenizer, session
        return self._session

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        session = self.ready()
        unique = list(dict.fromkeys(texts))
        # By length, then text: little padding per batch, and the same batches whatever order
        # the texts came in.
        order = sorted(range(len(unique)), key=lambda i: (len(unique[i]), unique[i]))
        batches = [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]

        feeds = []
        for rows in batches:
            encodings = self._tokenizer.encode_batch([unique[i].strip() for i in rows])
            arrays = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            feeds.append({name: arrays[name] for name in self._inputs})
        out: np.ndarray | None = None
        for rows, vectors in zip(batches, in_parallel(lambda feed: session.run(None, feed)[0], feeds)):
            if out is None:
                out = np.empty((len(unique), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        out = normalise(out)
        if len(unique) == len(texts):
            return out
        row = {text: i for i, text in enumerate(unique)}
        return out[[row[t] for t in texts]]


def export(path: str, folder: Path) -> None:
    """Trace the model at `path` into ONNX, quantise it, and store it in `folder` whole or
    not at all (built in a temporary folder beside it, then renamed)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"can't write the onnx export ({exc.strerror or exc}); point the cache-dir "
                          "setting (or batch's --cache-dir) at a writable folder", path=str(folder.parent)) from None
    try:
        meta = _export_to(path, work)
        (work / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), "utf-8")
        try:
            os.replace(work, folder)
        except OSError as exc:
            if not (folder / META_FILE).is_file():  # not a race that another process won
                raise OutputError(f"can't store the onnx export ({exc.strerror or exc})", path=str(folder)) from None
    except CrosscheckError:
        raise
    except Exception as exc:  # noqa: BLE001 - the tracer or quantiser refused this model
        detail = first_line(exc)
        raise ModelError(f"can't export {path!r} to onnx: {detail}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _export_to(path: str, work: Path) -> dict:
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ModelError(f"--model needs the torch extra ({exc.name} is missing; a model other than the shipped one "
                         f"is exported to onnx with torch on first use): {TORCH_EXTRA}") from None
    model = load_sentence_transformer(path).eval()
    tokenizer = model.tokenizer
    if not getattr(tokenizer, "is_fast", False):
        raise ModelError(f"--backend onnx needs a model with a fast (tokenizer.json) tokenizer; {path!r} has none")
    sample = tokenizer(["An example statement.", "Another one, a little longer than the first."],
                       padding=True, return_tensors="pt")
    inputs = [name for name in INPUTS if name in sample]

    class Encoder(torch.nn.Module):
        """Token ids in, the sentence embedding out: the model's own modules, pooling included."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            return self.model(dict(zip(inputs, tensors)))["sentence_embedding"]

    axes = {name: {0: "batch", 1: "tokens"} for name in inputs}
    full = work / "full.onnx"
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it treats as constant
        torch.onnx.export(
            Encoder().eval(), tuple(sample[name] for name in inputs), str(full), dynamo=False,
            input_names=inputs, output_names=["sentence_embedding"], opset_version=17,
            dynamic_axes={**axes, "sentence_embedding": {0: "batch"}},
        )
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.ERROR))  # the quantiser logs advice to the root logger
    try:
        quantize_dynamic(str(full), str(work / MODEL_FILE), op_types_to_quantize=["MatMul", "Gather"], per_channel=True,
                         weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)
    full.unlink()
    # onnxruntime's graph fusions, done once here instead of at every session start
    # (0.04 s to load instead of 0.1 to 0.17; the same vectors to the bit)
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(work / "fused.onnx")
    onnxruntime.InferenceSession(str(work / MODEL_FILE), options, providers=["CPUExecutionProvider"])
    os.replace(work / "fused.onnx", work / MODEL_FILE)
    tokenizer.backend_tokenizer.save(str(work / TOKENIZER_FILE))
    return {
        "recipe": RECIPE, "inputs": inputs, "max_seq_length": int(model.max_seq_length or min(tokenizer.model_max_length, 512)),
        "pad_id": int(tokenizer.pad_token_id or 0), "pad_token": str(tokenizer.pad_token or "[PAD]"),
        "torch": torch.__version__, "onnxruntime": _runtime_version(),
        "model_sha256": hashlib.sha256((work / MODEL_FILE).read_bytes()).hexdigest(),
    }
