"""Stage 4, embed: statements -> L2-normalised vectors.

`Embedder` (`model.py`) is the protocol the pipeline needs. Two backends run the same
model: `OnnxEmbedder` (onnxruntime, int8 weights, the default; `onnx_backend.py`) and
`SentenceTransformerEmbedder` (torch, the torch extra; `torch_backend.py`). `make_embedder` picks one;
`cache.py` keeps vectors on disk for batch runs. Heavy libraries are imported on first
use only, with the Hugging Face offline switches set first, so nothing is ever fetched
from a model hub and `--help` stays fast.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from crosscheck.embed.model import DEFAULT_MODEL, TORCH_EXTRA, Embedder, resolve_model
from crosscheck.embed.torch_backend import SentenceTransformerEmbedder
from crosscheck.errors import ModelError, UsageError
from crosscheck.settings import BACKENDS

__all__ = ["DEFAULT_MODEL", "Embedder", "SentenceTransformerEmbedder", "make_embedder", "preload", "resolve_model"]


def preload(embedder: Embedder) -> None:
    """Start loading a model in the background (its loaders release the GIL), so reading
    and segmenting the articles overlap with it: a cold compare of two articles is about
    0.5 s faster."""
    if hasattr(embedder, "preload"):
        embedder.preload()


def make_embedder(model: str | None = None, *, backend: str = "onnx", cache_dir: str | Path | None = None) -> Embedder:
    """The embedder for a model name or path on a backend. The onnx backend keeps its
    exported model under `cache_dir` (default: the user cache folder)."""
    if backend == "torch":
        if find_spec("sentence_transformers") is None:
            raise ModelError(f"--backend torch needs the torch extra: {TORCH_EXTRA}")
        return SentenceTransformerEmbedder(model)
    if backend == "onnx":
        from crosscheck.embed.onnx_backend import OnnxEmbedder

        return OnnxEmbedder(model, cache_dir=cache_dir)
    raise UsageError(f"--backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
