"""Where a batch's per-story comparisons run: here, on local worker processes
(`--workers N`, the standard library's process pool) or on a Dask distributed cluster
(`--scheduler ADDRESS`, the `dask` extra).

A story goes out as its prepared statements plus the vectors this process already
encoded for them; it comes back as rendered report files and counts (`StoryOutput`), and
this process writes them. So workers need no shared disk, each loads its models once (the
first story it gets), and the reports are the same bytes as a run in one process:
statements, vectors and settings are the same, and so is every step after them.
"""

from __future__ import annotations

import threading
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Sequence

import numpy as np

from crosscheck.embed.cache import CachedEmbedder, EmbeddingCache
from crosscheck.errors import CrosscheckError, ModelError, UsageError, first_line
from crosscheck.pipeline import Checker, Prepared
from crosscheck.render import render
from crosscheck.settings import Settings

DASK_EXTRA = "pip install 'crosscheck[dask]'"


@dataclass
class StoryOutput:
    """One story's reports, rendered, and its counts; or why it failed."""

    files: list[tuple[str, str, str | bytes]] = field(default_factory=list)  # (report key, file suffix, content)
    counts: dict[str, int] = field(default_factory=dict)
    statements: int = 0
    error: str | None = None


def compare_story(checker: Checker, prepared: Prepared, formats: Sequence[str], plot: str | None) -> StoryOutput:
    """Compare one prepared story and render its reports. Never raises: a story's failure
    is its own, reported in `error`."""
    try:
        report = checker.compare_prepared(prepared).to_dict()
        files = [(fmt, fmt, render(report, fmt)) for fmt in formats]
        if plot and "claims" in report:
            from crosscheck.render.plot import render_coverage_plot

            files.append(("plot", f"coverage.{plot}", render_coverage_plot(report, plot)))
    except CrosscheckError as exc:
        return StoryOutput(error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one story's bug must not sink the batch; it is reported
        return StoryOutput(error=f"internal error ({type(exc).__name__}: {first_line(exc)}); please report it")
    summary = report["summary"]
    counts = {"agree": summary["agree"], "diverge": summary["diverge"], "related": summary["related"],
              "one_sided": sum(summary["one_sided"].values()), "set_aside": summary["set_aside"]}
    return StoryOutput(files, counts, sum(s["statements"] for s in report["sources"]))


@dataclass(frozen=True)
class Task:
    """What a worker needs to compare one story."""

    settings: Settings
    prepared: Prepared
    vectors: dict[str, np.ndarray]  # the aligning encoder's vectors this process already has
    formats: tuple[str, ...]
    plot: str | None
    cache_dir: str | None  # the worker's embedding cache for the same-fact encoder, if it can use one


def compare_remotely(executor: Executor, settings: Settings, stories: Sequence[Prepared], embedder: CachedEmbedder,
                     formats: Sequence[str], plot: str | None, *, cache_dir: str | None = None) -> Iterator[StoryOutput]:
    """Each story's output, in the stories' order, compared on `executor`'s workers."""
    tasks = []
    for prepared in stories:
        known = embedder.known(prepared.texts)
        tasks.append(Task(settings, prepared, known, tuple(formats), plot, cache_dir))
    return executor.map(run_task, tasks)


_workers: dict[tuple, Checker] = {}
_lock = threading.Lock()


def run_task(task: Task) -> StoryOutput:
    """On a worker: compare one story with this process's models (loaded on its first story)."""
    try:
        with _lock:
            key = (task.settings, task.cache_dir)
            if key not in _workers:
                _workers[key] = Checker(settings=task.settings)
            base = _workers[key]
        cache = _open_cache(task.cache_dir)
    except CrosscheckError as exc:
        return StoryOutput(error=str(exc))
    try:
        aligner = CachedEmbedder(base.embedder, None)
        aligner.remember(task.vectors)
        checker = base.with_embedder(aligner, CachedEmbedder(base.fact_embedder, cache))
        return compare_story(checker, task.prepared, task.formats, task.plot)
    finally:
        if cache is not None:
            cache.close()


def _open_cache(directory: str | None) -> EmbeddingCache | None:
    """The worker's own connection to the embedding cache (SQLite locks it between processes);
    None where the folder can't be used here (another machine)."""
    if directory is None:
        return None
    try:
        return EmbeddingCache(directory)
    except CrosscheckError:
        return None


@contextmanager
def executor_for(workers: int | None = None, scheduler: str | None = None) -> Iterator[Executor | None]:
    """The executor for `--workers N` (local processes) or `--scheduler ADDRESS` (a Dask
    distributed cluster); None for neither (compare in this process)."""
    if workers is not None and scheduler is not None:
        raise UsageError("give --workers or --scheduler, not both")
    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise ModelError(f"--scheduler needs Dask's distributed scheduler: {DASK_EXTRA}") from None
        try:
            client = Client(scheduler, set_as_default=False, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"can't reach the Dask scheduler at {scheduler} ({first_line(exc)})") from None
        try:
            yield client.get_executor(pure=False)
        finally:
            client.close()
        return
    if workers is not None:
        if workers < 1:
            raise UsageError("--workers must be 1 or more")
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: a fresh interpreter per worker, never a fork of one whose model threads are running
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool
        return
    yield None
