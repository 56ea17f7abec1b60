"""Batch mode: inputs, exit codes, hostile names, determinism, the embedding cache,
settings. The fake embedder keeps these fast; test_model.py runs a batch on the real one."""

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import FakeEmbedder
from crosscheck.batch import run_batch
from crosscheck.embed.cache import CACHE_FILE, CachedEmbedder, EmbeddingCache
from crosscheck.cli import app
from crosscheck.errors import UsageError
from crosscheck.pipeline import Checker
from crosscheck.stories import file_names

BODY = "The city council approved the new budget on Monday after a long debate. The vote was unanimous among the members present.\n"
AGREE = {"alpha.txt": "Council backs budget\n\n" + BODY, "beta.txt": "Council backs the budget\n\n" + BODY}
DIVERGE = {
    "alpha.txt": "Bridge repairs\n\nThe state will spend 5 million dollars on repairs to the old river bridge this year.\n",
    "beta.txt": "Bridge money\n\nThe state will spend 7 million dollars on repairs to the old river bridge this year.\n",
}
ONE_SIDED = {
    "alpha.txt": "Council backs budget\n\n" + BODY,
    "beta.txt": "Budget passes\n\n" + BODY + "\nMayor Lena Ortiz said work on the harbour will begin in April.\n",
}

runner = CliRunner()


def write_story(root: Path, name: str, files: dict) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for file, text in files.items():
        (folder / file).write_bytes(text if isinstance(text, bytes) else text.encode())
    return folder


def run(source, out, **options):
    options.setdefault("checker", Checker(embedder=FakeEmbedder()))
    return run_batch(source, out, **options)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def fake_model(monkeypatch):
    """The CLI builds its Checker from a model name; give it the fake embedder instead and
    record which model name it asked for."""
    asked = []

    def build(model=None, **_):
        asked.append(model)
        return FakeEmbedder()

    monkeypatch.setattr("crosscheck.pipeline.make_embedder", build)
    return asked


def test_folder_batch_writes_a_report_per_story_an_index_and_a_summary(tmp_path):
    write_story(tmp_path / "in", "agree", AGREE)
    write_story(tmp_path / "in", "diverge", DIVERGE)
    write_story(tmp_path / "in", "lonely", {"only.txt": "Just one\n\nOnly one outlet covered this story at all today.\n"})
    result = run(tmp_path / "in", tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    statuses = {s["story"]: s["status"] for s in summary["stories"]}
    assert statuses == {"agree": "agree", "diverge": "diverge", "lonely": "single-source"}
    assert result.exit_code == 0
    report = json.loads((tmp_path / "out" / "diverge.json").read_text())
    assert report["schema"] == "crosscheck.report/1"
    reasons = [r["type"] for f in report["findings"] for r in f.get("reasons", [])]
    assert reasons == ["number"]
    assert (tmp_path / "out" / "diverge.md").read_text().startswith("#")
    assert not (tmp_path / "out" / "lonely.md").exists()
    index = (tmp_path / "out" / "index.md").read_text()
    rows = [line for line in index.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows[0].startswith("| diverge |"), "stories with divergences come first"
    assert "[md](diverge.md)" in rows[0]


def test_manifest_with_text_and_path_keeps_title_url_and_date(tmp_path):
    (tmp_path / "beta.txt").write_text(DIVERGE["beta.txt"])
    lines = [
        {"story": "bridge", "source": "Alpha News", "title": "Bridge repairs", "url": "https://a.example/1",
         "date": "2026-11-20", "text": DIVERGE["alpha.txt"]},
        {"story": "bridge", "source": "beta", "path": "beta.txt"},
    ]
    manifest = tmp_path / "batch.jsonl"
    manifest.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = run(manifest, tmp_path / "out")
    assert result.exit_code == 0
    sources = json.loads((tmp_path / "out" / "bridge.json").read_text())["sources"]
    assert [s["id"] for s in sources] == ["alpha-news", "beta"]
    assert sources[0]["url"] == "https://a.example/1" and sources[0]["date"] == "2026-11-20"
    assert sources[1]["path"].endswith("beta.txt") and sources[1]["url"] is None


def test_broken_story_among_good_ones_exit_3_and_listed(tmp_path):
    write_story(tmp_path / "in", "good", AGREE)
    write_story(tmp_path / "in", "broken", {"a.txt": b"\x00\x01binary", "b.txt": b"\xff\xfe latin"})
    result = run(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 3
    assert (tmp_path / "out" / "good.md").exists()
    index = (tmp_path / "out" / "index.md").read_text()
    assert "## Problems" in index and "looks binary" in index and "not valid UTF-8" in index
    broken = next(s for s in result.to_dict()["stories"] if s["story"] == "broken")
    assert broken["status"] == "failed" and len(broken["errors"]) == 2


def test_a_bad_manifest_line_is_reported_and_the_rest_goes_on(tmp_path):
    manifest = tmp_path / "m.jsonl"
    good = [{"story": "s", "source": k, "text": v} for k, v in AGREE.items()]
    manifest.write_text(json.dumps(good[0]) + "\n{not json\n" + json.dumps({"text": "no story"}) + "\n" + json.dumps(good[1]) + "\n")
    result = run(manifest, tmp_path / "out")
    assert result.exit_code == 3
    assert [e.split(": ", 1)[0] for e in result.errors] == [f"{manifest}:2", f"{manifest}:3"]
    assert (tmp_path / "out" / "s.json").exists()


@pytest.mark.parametrize(
    "stories, fail_on, code",
    [
        ({"a": AGREE}, "diverge", 0),
        ({"a": AGREE, "d": DIVERGE}, "never", 0),
        ({"a": AGREE, "d": DIVERGE}, "diverge", 1),
        ({"o": ONE_SIDED}, "diverge", 0),
        ({"o": ONE_SIDED}, "one-sided", 1),
        ({"d": DIVERGE}, "one-sided", 1),
    ],
)
def test_fail_on_sets_the_exit_code(tmp_path, fake_model, stories, fail_on, code):
    for name, files in stories.items():
        write_story(tmp_path / "in", name, files)
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--fail-on", fail_on, "--no-cache"])
    assert result.exit_code == code, result.output


def test_exit_2_when_no_story_can_be_read(tmp_path, fake_model):
    missing = runner.invoke(app, ["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "out"), "--no-cache"])
    assert missing.exit_code == 2 and missing.output.startswith("Error: ") and "nope" in missing.output
    write_story(tmp_path / "in", "bad", {"a.txt": b"", "b.txt": b"\x00"})
    all_bad = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-cache"])
    assert all_bad.exit_code == 2
    assert "Traceback" not in all_bad.output


def test_progress_lines_off_a_terminal_and_silence_with_quiet(tmp_path, fake_model):
    write_story(tmp_path / "in", "a", AGREE)
    args = ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-cache"]
    loud = runner.invoke(app, args)
    assert "[1/1] stories compared: a" in loud.output
    assert "statements encoded" in loud.output
    quiet = runner.invoke(app, args + ["--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


HOSTILE = ["../escape", "/etc/passwd", "..", "a\x00b", "x" * 500, "Story", "story", "index", "summary", "s/../../t", "..\\win", ""]


def test_hostile_story_names_stay_inside_out_and_never_collide(tmp_path):
    manifest = tmp_path / "m.jsonl"
    rows = [{"story": name or " ", "source": src, "text": text} for name in HOSTILE for src, text in AGREE.items()]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "deep" / "out"
    result = run(manifest, out)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != manifest]
    assert all(out in p.parents for p in written), written
    names = [p.name for p in written]
    assert len(names) == len(set(n.lower() for n in names)), "no two files differ only in case"
    stories = [s for s in result.stories if s.reports]
    assert len(stories) == len(HOSTILE) - 1  # the blank name is rejected as a manifest error
    assert all(len(n) <= 100 and not n.startswith(".") for n in names)
    assert {"index.md", "summary.json"} <= set(names)


def test_file_names_are_stable_whatever_else_is_in_the_batch():
    alone = file_names(["Weather/Storm"])
    crowded = file_names(["Weather/Storm", "other", "more"])
    assert alone["Weather/Storm"] == crowded["Weather/Storm"] == "weather-storm"
    clash = file_names(["A b", "a-b"])
    assert len(set(clash.values())) == 2 and all(v.startswith("a-b-") for v in clash.values())


def test_same_bytes_whatever_order_the_file_system_lists(tmp_path, monkeypatch):
    for name, files in {"b": DIVERGE, "a": AGREE, "c": ONE_SIDED}.items():
        write_story(tmp_path / "in", name, files)
    listing = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(listing(self))))
    run(tmp_path / "in", tmp_path / "out1")
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(listing(self), reverse=True)))
    run(tmp_path / "in", tmp_path / "out2")
    first, second = outputs(tmp_path / "out1"), outputs(tmp_path / "out2")
    assert first == second and len(first) == 8


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        super().__init__()
        self.texts = []

    def encode(self, texts):
        self.texts += list(texts)
        return super().encode(texts)


def test_cache_hit_then_only_new_statements_are_encoded(tmp_path):
    write_story(tmp_path / "in", "a", AGREE)
    cold = CountingEmbedder()
    with EmbeddingCache(tmp_path / "cache") as cache:
        run(tmp_path / "in", tmp_path / "out", checker=Checker(embedder=cold), cache=cache)
    assert len(cold.texts) > 0
    write_story(tmp_path / "in", "d", DIVERGE)
    warm = CountingEmbedder()
    with EmbeddingCache(tmp_path / "cache") as cache:
        result = run(tmp_path / "in", tmp_path / "out2", checker=Checker(embedder=warm), cache=cache)
    assert sorted(warm.texts) == sorted({t for t in warm.texts}) and all("bridge" in t.lower() for t in warm.texts)
    assert result.cached == len(set(cold.texts)) and result.encoded == len(warm.texts)
    assert outputs(tmp_path / "out")["a.json"] == outputs(tmp_path / "out2")["a.json"]


def test_corrupt_cache_entry_is_a_miss_and_is_rewritten(tmp_path):
    inner = CountingEmbedder()
    with EmbeddingCache(tmp_path) as cache:
        good = CachedEmbedder(inner, cache).encode(["one statement here", "another statement here"])
    db = sqlite3.connect(tmp_path / CACHE_FILE)
    with db:
        db.execute("UPDATE vectors SET vector = substr(vector, 1, 100)")  # torn write
    db.close()
    inner.texts.clear()
    with EmbeddingCache(tmp_path) as cache:
        again = CachedEmbedder(inner, cache).encode(["one statement here", "another statement here"])
    assert len(inner.texts) == 2
    assert np.array_equal(good, again)
    with EmbeddingCache(tmp_path) as cache:
        assert len(cache.get(CachedEmbedder(inner, cache).fingerprint, ["one statement here"])) == 1, "rewritten whole"


def test_a_cache_file_that_is_not_a_database_is_moved_aside(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(b"this is not sqlite" * 100)
    with pytest.warns(RuntimeWarning, match="unreadable embedding cache"):
        cache = EmbeddingCache(tmp_path)
    with cache:
        vectors = CachedEmbedder(FakeEmbedder(), cache).encode(["a fresh start"])
    assert vectors.shape == (1, 512)
    assert (tmp_path / (CACHE_FILE + ".corrupt")).exists()


def test_settings_file_then_flags_win(tmp_path, fake_model, monkeypatch):
    write_story(tmp_path / "in", "d", DIVERGE)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\nfail-on = "diverge"\nmodel = "from-pyproject"\n')
    args = ["batch", "in", "--out", "out", "--no-cache", "-q"]
    assert runner.invoke(app, args).exit_code == 1
    assert fake_model[-1] == "from-pyproject"
    (tmp_path / "crosscheck.toml").write_text('fail_on = "diverge"\nmodel = "from-crosscheck-toml"\n')
    assert runner.invoke(app, args).exit_code == 1
    assert fake_model[-1] == "from-crosscheck-toml", "crosscheck.toml is read before pyproject.toml"
    assert runner.invoke(app, args + ["--fail-on", "never", "--model", "from-flag"]).exit_code == 0
    assert fake_model[-1] == "from-flag"


def test_unknown_or_wrong_settings_are_named(tmp_path, fake_model, monkeypatch):
    write_story(tmp_path / "in", "d", DIVERGE)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "crosscheck.toml").write_text('fail-on = "diverge"\ntreshold = 0.5\ncolour = "red"\n')
    result = runner.invoke(app, ["batch", "in", "--out", "out", "--no-cache"])
    assert result.exit_code == 2
    assert "crosscheck.toml" in result.output and "colour, treshold" in result.output
    (tmp_path / "crosscheck.toml").write_text('threshold = "high"\n')
    result = runner.invoke(app, ["compare", "in/d/alpha.txt", "in/d/beta.txt"])
    assert result.exit_code == 2 and "threshold must be a float" in result.output


def test_out_must_be_a_folder(tmp_path):
    write_story(tmp_path / "in", "a", AGREE)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="must be a folder"):
        run(tmp_path / "in", tmp_path / "file")
