import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "seeds" / "therecord-aurora-phones.txt", ROOT / "seeds" / "obozrevatel-kremlin-iphones.txt"]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite reports/ from the seeds")


class FakeEmbedder:
    """Bag of words hashed into 512 dimensions: same words, same direction. No model."""

    name = "fake-bag-of-words"

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


@pytest.fixture
def fake_checker():
    """No model at all: the bag of words stands in for both encoders."""
    from crosscheck import Checker

    return Checker(embedder=FakeEmbedder(), fact_embedder=FakeEmbedder())


@pytest.fixture(scope="session")
def real_checker():
    from crosscheck import Checker

    return Checker()


@pytest.fixture(scope="session")
def seed_report(real_checker):
    return _seed_report(real_checker)


def _seed_report(checker):
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)  # report paths are relative, as the README command writes them
    try:
        return checker.compare_files([str(p.relative_to(ROOT)) for p in SEEDS]).to_dict()
    finally:
        os.chdir(cwd)
