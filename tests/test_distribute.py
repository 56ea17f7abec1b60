"""Batch comparisons on local processes (--workers) and on a Dask cluster (--scheduler):
the same bytes as a run in one process, each worker loads its models once, a story whose
task fails is that story's error, and bad options or an unreachable scheduler are one line.

The byte-for-byte tests run the real bundled models (marked `model`); the cluster is a
Dask scheduler and two worker processes on loopback, no dashboard."""

import sqlite3
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, FakeEmbedder
from crosscheck import distribute
from crosscheck.batch import run_batch
from crosscheck.cli import app
from crosscheck.embed.cache import CACHE_FILE
from crosscheck.errors import ModelError
from crosscheck.pipeline import Checker

# the repo sits beside (or below a folder beside) shared/, the workplace's read-only data
BASIL = next((p / "shared/eval/dev/articles/basil" for p in Path(__file__).resolve().parents[1:]
              if (p / "shared/eval/dev/articles/basil").is_dir()), Path("shared/eval/dev/articles/basil"))
THERECORD = ROOT / "seeds" / "therecord-aurora-phones.txt"
OBOZREVATEL = ROOT / "seeds" / "obozrevatel-kremlin-iphones.txt"
AURORA_RU, AURORA_UK = ROOT / "tests" / "data" / "aurora-ru.txt", ROOT / "tests" / "data" / "aurora-uk.txt"
# English aligned by MiniLM (encoded in the main process); three languages and two aligned by
# the same-fact encoder (encoded on the workers); one source alone; one story that fails
STORIES = {
    "kremlin-phones": [THERECORD, OBOZREVATEL],
    "aurora-three": [THERECORD, AURORA_RU, AURORA_UK],
    "aurora-ru-uk": [AURORA_RU, AURORA_UK],
    "lonely": [OBOZREVATEL],
}

runner = CliRunner()


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def batch(source: Path, out: Path, cache: Path, *options: str) -> dict[str, bytes]:
    """`crosscheck batch` as a user runs it; its output folder's files."""
    result = runner.invoke(app, ["batch", str(source), "--out", str(out), "--cache-dir", str(cache), "-q", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 3), result.output  # 3: the broken story, on purpose
    return outputs(out)


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("small") / "in"
    for story, paths in STORIES.items():
        (root / story).mkdir(parents=True)
        for path in paths:
            shutil.copy(path, root / story / path.name)
    (root / "broken").mkdir()
    (root / "broken" / "a.txt").write_bytes(b"\x00\x01binary")
    (root / "broken" / "b.txt").write_bytes(b"\x00\x02binary")
    return root


@pytest.fixture(scope="module")
def one_process(small_batch, tmp_path_factory) -> dict[str, bytes]:
    """The small batch compared in this process: what the other runs must equal."""
    tmp = tmp_path_factory.mktemp("one-process")
    files = batch(small_batch, tmp / "out", tmp / "cache")
    assert {"index.md", "summary.json", "kremlin-phones.md", "aurora-three.json", "aurora-ru-uk.md"} <= set(files)
    return files


@pytest.fixture(scope="module")
def cluster():
    """A Dask scheduler and two worker processes (two threads each, so tasks also run side
    by side in one process) on loopback; yields its address and a client."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=2, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local, \
            distributed.Client(local, set_as_default=False) as client:
        yield local.scheduler_address, client


def models_loaded() -> int:
    """Run on a worker: how many times it loaded its models."""
    from crosscheck import distribute

    return distribute.models_loaded


@pytest.mark.model
def test_local_processes_write_the_same_bytes_as_one_process(small_batch, one_process, tmp_path):
    files = batch(small_batch, tmp_path / "out", tmp_path / "cache", "--workers", "2")
    assert files == one_process


@pytest.mark.model
def test_a_dask_cluster_writes_the_same_bytes_and_each_worker_loads_its_models_once(small_batch, one_process,
                                                                                     cluster, tmp_path):
    address, client = cluster
    files = batch(small_batch, tmp_path / "out", tmp_path / "cache", "--scheduler", address)
    assert files == one_process
    again = batch(small_batch, tmp_path / "again", tmp_path / "cache2", "--scheduler", address)
    assert again == one_process
    loaded = client.run(models_loaded)
    assert len(loaded) == 2 and set(loaded.values()) <= {0, 1} and sum(loaded.values()) >= 1, loaded


@pytest.mark.model
def test_the_dev_basil_stories_on_a_dask_cluster_are_the_same_bytes_as_a_local_run(cluster, tmp_path):
    if not BASIL.is_dir():
        pytest.skip(f"the dev BASIL stories are not here: {BASIL}")
    stories = [p for p in BASIL.iterdir() if p.is_dir()]
    assert len(stories) == 30 and all(len(list(p.glob("*.txt"))) == 3 for p in stories)
    address, client = cluster
    local = batch(BASIL, tmp_path / "local", tmp_path / "cache", "--format", "md,json")
    assert len(local) == 2 + 2 * 30
    # The cluster's run starts from the local run's cache less the same-fact encoder's
    # vectors. MiniLM's are encoded in this process either way (and handed to the workers);
    # the same-fact encoder's are encoded on the workers, and a cache they share with the
    # local run would only hand them the local run's vectors back.
    from crosscheck.embed.e5 import shared_encoder

    e5 = shared_encoder().fingerprint
    (tmp_path / "cache-dask").mkdir()
    shutil.copy(tmp_path / "cache" / CACHE_FILE, tmp_path / "cache-dask" / CACHE_FILE)
    db = sqlite3.connect(tmp_path / "cache-dask" / CACHE_FILE)
    with db:
        dropped = db.execute("DELETE FROM vectors WHERE model = ?", (e5,)).rowcount
    assert dropped > 100
    remote = batch(BASIL, tmp_path / "dask", tmp_path / "cache-dask", "--format", "md,json", "--scheduler", address)
    assert remote.keys() == local.keys()
    differ = [name for name in local if remote[name] != local[name]]
    assert not differ, differ
    assert db.execute("SELECT count(*) FROM vectors WHERE model = ?", (e5,)).fetchone()[0] == dropped, \
        "the workers encoded the same-fact vectors and wrote them to the cache"
    db.close()
    assert set(client.run(models_loaded).values()) == {1}, "both workers compared stories, each loading its models once"


def test_a_task_that_fails_is_its_storys_error_and_the_rest_go_on(tmp_path, monkeypatch):
    for story, paths in STORIES.items():
        (tmp_path / "in" / story).mkdir(parents=True)
        for path in paths:
            shutil.copy(path, tmp_path / "in" / story / path.name)
    monkeypatch.setattr(distribute, "_models_for", lambda settings: (FakeEmbedder(), FakeEmbedder()))
    real = distribute.run_task

    def flaky(task):
        if {a.id for a in task.prepared.articles} == {"aurora-ru", "aurora-uk"}:
            raise RuntimeError("worker lost")
        return real(task)

    monkeypatch.setattr(distribute, "run_task", flaky)
    checker = Checker(embedder=FakeEmbedder(), fact_embedder=FakeEmbedder())
    with ThreadPoolExecutor(2) as pool:
        result = run_batch(tmp_path / "in", tmp_path / "out", checker=checker, executor=pool)
    status = {r.name: (r.status, r.errors) for r in result.stories}
    assert status["aurora-ru-uk"] == ("failed", ["the worker comparing it failed (RuntimeError: worker lost)"])
    assert status["kremlin-phones"][0] != "failed" and status["aurora-three"][0] != "failed"
    assert result.exit_code == 3 and (tmp_path / "out" / "aurora-three.md").exists()
    assert not (tmp_path / "out" / "aurora-ru-uk.md").exists()


def test_a_worker_whose_models_fail_to_load_reports_it_per_story(monkeypatch):
    def broken(settings):
        raise ModelError("can't load the model: damaged")

    monkeypatch.setattr(distribute, "_models_for", broken)
    task = distribute.Task(Checker(embedder=FakeEmbedder(), fact_embedder=FakeEmbedder()).settings, None, {},
                           ("md",), None, None)
    assert distribute.run_task(task).error == "can't load the model: damaged"


@pytest.mark.parametrize("options, message", [
    (["--workers", "0"], "Error: --workers must be 1 or more, not 0"),
    (["--workers", "2", "--scheduler", "X"], "Error: give --workers or --scheduler, not both"),
])
def test_bad_worker_options_are_one_line_and_exit_2(tmp_path, options, message):
    result = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "out"), "--no-cache", *options])
    assert result.exit_code == 2
    assert result.output == message + "\n"


def test_an_unreachable_scheduler_is_one_line_naming_it_and_quick(tmp_path, monkeypatch):
    monkeypatch.setattr("crosscheck.pipeline.make_embedder", lambda *args, **kwargs: FakeEmbedder())
    monkeypatch.setattr(distribute, "CONNECT_TIMEOUT", 1.0)
    (tmp_path / "in" / "s").mkdir(parents=True)
    start = time.monotonic()
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-cache",
                                 "--scheduler", "tcp://127.0.0.1:1"])
    assert time.monotonic() - start < 10
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: can't reach the Dask scheduler at tcp://127.0.0.1:1 ("), \
        result.output


def test_a_worker_never_makes_the_clients_cache_folder(tmp_path):
    from crosscheck.distribute import _open_cache

    assert _open_cache(str(tmp_path / "elsewhere")) is None
    assert not (tmp_path / "elsewhere").exists()
    cache = _open_cache(str(tmp_path))
    assert cache is not None
    cache.close()
