"""An on-disk embedding cache, so a re-run only encodes statements it has not seen.

One SQLite file (the standard library's `sqlite3`): entries are keyed by the model's
fingerprint and the SHA-256 of the statement text, and each vector carries a CRC-32 of
its bytes. SQLite commits are atomic, so a crash mid-write leaves the last committed
state; an entry whose size or checksum is wrong is treated as a miss and rewritten, and
a file that is not a database at all is moved aside with a warning. Several processes
may share one cache (SQLite locks it).
"""

from __future__ import annotations

import hashlib
import sqlite3
import warnings
import zlib
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from crosscheck.embed.model import Embedder
from crosscheck.errors import OutputError

CACHE_FILE = "embeddings.sqlite3"
ENCODE_CHUNK = 256  # statements per encode call: large enough to batch well, small enough to show progress
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    key BLOB NOT NULL,
    dim INTEGER NOT NULL,
    crc INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID
"""


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("crosscheck", appauthor=False))


class EmbeddingCache:
    """Vectors by (model fingerprint, text). Use as a context manager, or call `close`."""

    def __init__(self, directory: str | Path) -> None:
        self.path = Path(directory) / CACHE_FILE
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"can't create the cache folder ({exc.strerror or exc})", path=str(directory)) from None
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=60)
            db.execute(_SCHEMA)
            db.commit()
            return db
        except sqlite3.OperationalError as exc:  # can't open or lock it: a setup problem, not corruption
            raise OutputError(f"can't use the embedding cache ({exc}); pass --no-cache to run without it",
                              path=str(self.path)) from None
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(self.path.name + ".corrupt")
            warnings.warn(f"{self.path}: unreadable embedding cache ({exc}); moved to {aside.name}, starting afresh",
                          RuntimeWarning, stacklevel=3)
            self.path.replace(aside)
            db = sqlite3.connect(self.path, timeout=60)
            db.execute(_SCHEMA)
            db.commit()
            return db

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those texts that have a sound entry."""
        found: dict[str, np.ndarray] = {}
        keys = {_key(t): t for t in texts}
        items = list(keys)
        for start in range(0, len(items), 500):  # SQLite caps the number of bound parameters
            chunk = items[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, dim, crc, vector FROM vectors WHERE model = ? AND key IN ({marks})", (model, *chunk)
            )
            for key, dim, crc, blob in rows:
                if len(blob) == dim * 4 and zlib.crc32(blob) == crc:
                    found[keys[bytes(key)]] = np.frombuffer(blob, dtype="<f4").copy()
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = []
        for text, vector in vectors.items():
            blob = np.asarray(vector, dtype="<f4").tobytes()
            rows.append((model, _key(text), len(blob) // 4, zlib.crc32(blob), blob))
        with self._db:  # one transaction: all of these rows or none
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?, ?)", rows)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class CachedEmbedder:
    """Wraps an `Embedder`: looks every text up in the cache first, encodes only the misses
    (sorted by length, in chunks, so `progress` can be told how many are done) and stores
    them. Counts hits and misses."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache | None, *, chunk: int = ENCODE_CHUNK) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache = cache
        self.chunk = chunk
        self.fingerprint = getattr(inner, "fingerprint", inner.name)
        if hasattr(inner, "calibration"):  # the multilingual encoder aligns stories in other languages too
            self.calibration = inner.calibration
        if hasattr(inner, "across"):  # ... and reads them through its adapter
            self._across: CachedEmbedder | None = None
            self.across = self._cached_across
        self.hits = 0
        self.misses = 0
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        wanted = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if wanted and self.cache is not None:
            found = self.cache.get(self.fingerprint, wanted)
            self.hits += len(found)
            self._vectors.update(found)
            wanted = [t for t in wanted if t not in found]
        self.misses += len(wanted)
        # A fixed order (by length, then text) makes the batches, and so the vectors to the
        # last bit, independent of the order the texts came in.
        wanted.sort(key=lambda t: (len(t), t))
        for start in range(0, len(wanted), self.chunk):
            chunk = wanted[start : start + self.chunk]
            fresh = dict(zip(chunk, np.asarray(self.inner.encode(chunk), dtype=np.float32)))
            if self.cache is not None:
                self.cache.put(self.fingerprint, fresh)
            self._vectors.update(fresh)
            if progress:
                progress(len(chunk))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def _cached_across(self) -> CachedEmbedder:
        if self._across is None:
            self._across = CachedEmbedder(self.inner.across(), self.cache, chunk=self.chunk)
        return self._across

    def known(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors of those texts this wrapper already holds (to hand to another process)."""
        return {t: self._vectors[t] for t in dict.fromkeys(texts) if t in self._vectors}

    def remember(self, vectors: dict[str, np.ndarray]) -> None:
        """Take vectors encoded elsewhere, as if encoded here."""
        self._vectors.update(vectors)


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()
