"""The trained pair judge: a cross-encoder (from all-MiniLM-L6-v2) that reads two statements
and gives P(agree), P(diverge), P(unrelated); and the confidence of a verdict.

The artifact lives in `crosscheck/data/judge/` (int8 ONNX, its tokenizer, meta.json with
the labels and the calibration); `training/train_judge.py` makes it. It runs on
onnxruntime with the `tokenizers` library; nothing is downloaded. A missing or damaged
artifact is a `ModelError`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from crosscheck.errors import ModelError
from crosscheck.facts import FactSet, extract_facts
from crosscheck.judge.pair import PairJudgement, judge_pair
from crosscheck.judge.roles import same_wording

BATCH = 32
LABELS = ("agree", "diverge", "unrelated")


def default_judge_folder() -> Path:
    return Path(str(resources.files("crosscheck").joinpath("data", "judge")))


def features(probabilities: Sequence[float], a: str | FactSet, b: str | FactSet,
             judgement: PairJudgement | None = None) -> list[float]:
    """What the confidence combiners read: the judge's three probabilities, whether the
    rules find a conflict, and whether the two are one sentence edited."""
    left = extract_facts(a) if isinstance(a, str) else a
    right = extract_facts(b) if isinstance(b, str) else b
    judgement = judgement or judge_pair(left, right, "a", "b")
    return [float(p) for p in probabilities] + [float(bool(judgement.reasons)), float(same_wording(left, right))]


class PairModel:
    """The judge, loaded once on first use."""

    def __init__(self, folder: str | Path | None = None, *, calibrated: bool = True) -> None:
        self.folder = Path(folder) if folder else default_judge_folder()
        self._calibrated = calibrated
        self._session = None

    def _load(self):
        if self._session is None:
            try:
                import onnxruntime
                from tokenizers import Tokenizer
            except ImportError:
                raise ModelError("the model judge needs onnxruntime and tokenizers: pip install onnxruntime tokenizers") from None
            try:
                self.meta = json.loads((self.folder / "meta.json").read_text("utf-8"))
                tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
                options = onnxruntime.SessionOptions()
                options.log_severity_level = 3
                options.intra_op_num_threads = 1  # same bits whatever the machine's core count
                session = onnxruntime.InferenceSession(str(self.folder / "model.onnx"), options,
                                                       providers=["CPUExecutionProvider"])
            except Exception as exc:  # noqa: BLE001 - a missing or damaged artifact: one line
                raise ModelError(f"the pair judge in {self.folder} can't be loaded ({type(exc).__name__}); "
                                 "reinstall crosscheck, or use --judge rules") from None
            if self._calibrated and "calibration" not in self.meta:
                raise ModelError(f"the pair judge in {self.folder} has no calibration; use --judge rules")
            tokenizer.enable_truncation(self.meta["max_length"])
            tokenizer.enable_padding()
            self._tokenizer, self._session = tokenizer, session
        return self._session

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """One row (agree, diverge, unrelated) per pair of texts."""
        session = self._load()
        out = np.zeros((len(pairs), 3), dtype=np.float64)
        for start in range(0, len(pairs), BATCH):
            chunk = list(pairs[start : start + BATCH])
            encodings = self._tokenizer.encode_batch(chunk)
            feeds = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                     "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                     "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
            logits = session.run(None, feeds)[0].astype(np.float64)
            logits -= logits.max(axis=1, keepdims=True)
            out[start : start + len(chunk)] = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        return out


@lru_cache(maxsize=4)
def pair_model(folder: str | None = None) -> PairModel:
    return PairModel(folder)
