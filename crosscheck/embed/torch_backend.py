"""The torch backend of stage 4: a sentence-transformers model, loaded once, on first use."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from crosscheck.embed.model import load_sentence_transformer, model_fingerprint, resolve_model

BATCH_SIZE = 16  # long statements batched together: attention memory grows with batch x length²


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
