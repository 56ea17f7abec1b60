"""Where a batch's per-story comparisons run: here, on local worker processes
(`--workers N`, the standard library's process pool) or on a Dask distributed cluster
(`--scheduler ADDRESS`, the `dask` extra).

A story goes out as its prepared statements plus the vectors this process already
encoded for them; it comes back as rendered report files and counts (`StoryOutput`), and
this process writes them. So workers need no shared disk, each loads its models once (the
first story it gets), and the reports are the same bytes as a run in one process:
statements, vectors and settings are the same, and so is every step after them.

A story that fails on a worker, or whose worker fails (a crash, a lost connection, a task
that can't be sent), comes back as that story's error; the other stories go on.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from crosscheck.embed import Embedder
from crosscheck.embed.cache import CachedEmbedder, EmbeddingCache
from crosscheck.errors import CrosscheckError, ModelError, UsageError, first_line
from crosscheck.pipeline import Checker, Prepared
from crosscheck.render import render
from crosscheck.settings import Settings

IN_FLIGHT = 64  # stories sent to workers and not yet back
DASK_EXTRA = "pip install 'crosscheck[dask]'"
CONNECT_TIMEOUT = 10.0  # seconds to reach a Dask scheduler before saying it can't be reached


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
        return StoryOutput(error=_internal(exc))
    summary = report["summary"]
    counts = {"agree": summary["agree"], "diverge": summary["diverge"], "related": summary["related"],
              "one_sided": sum(summary["one_sided"].values()), "set_aside": summary["set_aside"]}
    return StoryOutput(files, counts, sum(s["statements"] for s in report["sources"]))


def _internal(exc: BaseException) -> str:
    return f"internal error ({type(exc).__name__}: {first_line(exc)}); please report it"


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
    """Each story's output, in the stories' order, compared on `executor`'s workers. At most
    IN_FLIGHT stories are out at once (each carries its vectors); a story whose task fails
    (it can't be sent, its worker dies or is lost) yields that failure as its error."""
    pending: deque[Future | StoryOutput] = deque()
    queue = iter(stories)

    def send() -> bool:
        prepared = next(queue, None)
        if prepared is None:
            return False
        task = Task(settings, prepared, embedder.known(prepared.texts), tuple(formats), plot, cache_dir)
        try:
            pending.append(executor.submit(run_task, task))
        except Exception as exc:  # noqa: BLE001 - a pool already broken, a task that can't be sent: this story's error
            pending.append(StoryOutput(error=_lost(exc)))
        return True

    try:
        while len(pending) < IN_FLIGHT and send():
            pass
        while pending:
            future = pending.popleft()
            send()
            if isinstance(future, StoryOutput):
                yield future
                continue
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - the worker's failure, not the story's: report it and go on
                yield StoryOutput(error=_lost(exc))
    finally:  # stopped early (an error writing, Ctrl-C): the stories not yet compared need not be
        for future in pending:
            if isinstance(future, Future):
                future.cancel()


def _lost(exc: BaseException) -> str:
    return f"the worker comparing it failed ({type(exc).__name__}: {first_line(exc)})"


_models: dict[tuple, tuple[Embedder, Embedder]] = {}
_lock = threading.Lock()
models_loaded = 0  # how many times this process loaded its models (once per model setting)


def run_task(task: Task) -> StoryOutput:
    """On a worker: compare one story with this process's models (loaded on its first
    story). Never raises. A Dask worker may run several at once, on threads: each task
    opens its own connection to the embedding cache (SQLite connections stay in the
    thread that opened them)."""
    cache = None
    try:
        aligning, same_fact = _models_for(task.settings)
        cache = _open_cache(task.cache_dir)
        aligner = CachedEmbedder(aligning, None)
        aligner.remember(task.vectors)
        checker = Checker(settings=task.settings, embedder=aligner, fact_embedder=CachedEmbedder(same_fact, cache))
        return compare_story(checker, task.prepared, task.formats, task.plot)
    except CrosscheckError as exc:
        return StoryOutput(error=str(exc))
    except Exception as exc:  # noqa: BLE001 - never sink the batch from a worker
        return StoryOutput(error=_internal(exc))
    finally:
        if cache is not None:
            cache.close()


def _models_for(settings: Settings) -> tuple[Embedder, Embedder]:
    """This process's encoders for these settings, loaded the first time. Only the model
    and backend choose them, and the cache folder where an onnx export of a --model lives
    (every run's own --cache-dir must not load the shipped model again)."""
    global models_loaded
    export = settings.cache_dir if settings.model is not None and settings.backend == "onnx" else None
    key = (settings.model, settings.backend, export)
    with _lock:
        if key not in _models:
            base = Checker(settings=settings)
            _models[key] = (base.embedder, base.fact_embedder)
            models_loaded += 1
        return _models[key]


def _open_cache(directory: str | None) -> EmbeddingCache | None:
    """The worker's own connection to the embedding cache (SQLite locks it between processes);
    None where the folder can't be used here (another machine)."""
    if directory is None or not Path(directory).is_dir():  # another machine: don't make the client's folder here
        return None
    try:
        return EmbeddingCache(directory)
    except CrosscheckError:
        return None


def check_placement(workers: int | None = None, scheduler: str | None = None) -> None:
    """UsageError for `--workers` and `--scheduler` that can't be used (before any work)."""
    if workers is not None and scheduler is not None:
        raise UsageError("give --workers or --scheduler, not both")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}")
    if scheduler is not None and not scheduler.strip():
        raise UsageError("--scheduler needs an address, such as tcp://host:8786")


@contextmanager
def executor_for(workers: int | None = None, scheduler: str | None = None) -> Iterator[Executor | None]:
    """The executor for `--workers N` (local processes) or `--scheduler ADDRESS` (a Dask
    distributed cluster); None for neither (compare in this process)."""
    check_placement(workers, scheduler)
    if scheduler is not None:
        client = _connect(scheduler)
        try:
            yield client.get_executor(pure=False)
        finally:
            client.close()
        return
    if workers is not None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: a fresh interpreter per worker, never a fork of one whose model threads are running
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        try:
            yield pool
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # don't compare the rest of the batch first
            raise
        pool.shutdown(wait=True)
        return
    yield None


def _connect(address: str):
    """A Dask client connected to the scheduler at `address`; UsageError, one line, when
    it can't be reached within CONNECT_TIMEOUT seconds or is no address."""
    try:
        from distributed import Client
    except ImportError:
        raise ModelError(f"--scheduler needs Dask's distributed scheduler: {DASK_EXTRA}") from None
    # Reach it first: a Client that fails to connect prints a traceback when it is
    # collected and waits out its timeout once more, closing.
    try:
        _reach(address, CONNECT_TIMEOUT)
        return Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise UsageError(f"can't reach the Dask scheduler at {address} ({first_line(exc)})") from None


def _reach(address: str, timeout: float) -> None:
    import asyncio

    from distributed.comm import connect
    from distributed.security import Security

    async def reach() -> None:
        comm = await connect(address, timeout=timeout, **Security().get_connection_args("client"))
        await comm.close()

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no event loop running in this thread (the CLI): probe in one of our own
        asyncio.run(reach())
