"""Batch mode: many stories, one model load, one report per story, an index and a
summary, and an exit code for CI.

    read every story (or group an unsorted feed into stories: `feed.py`) -> prepare
    (clean, segment) -> encode all statements together (through the disk cache) ->
    compare each story (here, or on local processes or a Dask cluster: `distribute.py`)
    -> write its reports -> index, summary

Nothing here prints: progress goes to the `on_progress` callback the CLI passes in.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from crosscheck.distribute import StoryOutput, compare_remotely, compare_story
from crosscheck.embed.cache import CachedEmbedder, EmbeddingCache
from crosscheck.errors import CrosscheckError, UsageError, first_line
from crosscheck.feed import FeedState, group_feed, story_keys
from crosscheck.pipeline import Checker
from crosscheck.render import render, write_atomic
from crosscheck.render.index import render_index, render_index_html
from crosscheck.settings import WINDOW_DAYS
from crosscheck.stories import file_names, read_batch

EXIT_OK, EXIT_FAIL_ON, EXIT_INPUT, EXIT_PARTIAL = 0, 1, 2, 3
SCHEMA = "crosscheck.batch/1"
COUNTS = ("agree", "diverge", "related", "one_sided", "set_aside")  # per story and in total
STATUSES = ("diverge", "failed", "one-sided", "agree", "single-source")  # most urgent first


@dataclass
class StoryResult:
    name: str
    file: str  # the safe file stem of its reports
    sources: list[str]
    status: str  # diverge, one-sided, agree, single-source, failed
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    reports: dict[str, str] = field(default_factory=dict)  # format -> file name inside the output folder
    errors: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)  # paths relative to INPUT, manifest lines or URLs
    headline: str = ""  # a grouped story's headline
    statements: int = 0  # statements compared

    def to_dict(self) -> dict:
        row = {"story": self.name, "file": self.file, "status": self.status, "sources": list(self.sources),
               **self.counts, "statements": self.statements, "reports": dict(self.reports), "errors": list(self.errors),
               "inputs": list(self.inputs)}
        if self.headline:
            row["headline"] = self.headline
        return row


@dataclass
class BatchResult:
    stories: list[StoryResult]
    errors: list[str]  # problems that belong to no story
    exit_code: int
    encoded: int = 0  # statements the model encoded (cache misses)
    cached: int = 0  # statements found in the cache
    statements: int = 0  # statements compared, all stories together
    skipped: list[str] = field(default_factory=list)  # inputs left out on purpose (duplicates)
    reused: int = 0  # stories whose reports an earlier run wrote and nothing changed since

    def to_dict(self) -> dict:
        """The summary as plain data, schema `crosscheck.batch/1` (summary.json)."""
        stories = [r.to_dict() for r in self.stories]
        totals = {key: sum(r.counts[key] for r in self.stories) for key in COUNTS}
        by_status = {status: sum(1 for r in self.stories if r.status == status) for status in STATUSES}
        return {
            "schema": SCHEMA,
            "exit_code": self.exit_code,
            "totals": {"stories": len(stories), "sources": sum(len(r.sources) for r in self.stories),
                       "statements": self.statements, **by_status, "findings": totals},
            "stories": stories,
            "errors": list(self.errors) + [f"{r.name}: {e}" for r in self.stories for e in r.errors],
            "skipped": list(self.skipped),
        }


Progress = Callable[[str, int, int, str], None]  # phase ("encode" or "compare"), done, total, detail


def run_batch(
    source: str | Path,
    out: str | Path,
    *,
    checker: Checker,
    formats: Sequence[str] = ("md", "json"),
    cache: EmbeddingCache | None = None,
    plot: str | None = None,
    on_progress: Progress | None = None,
    group: bool = False,
    state: FeedState | None = None,
    window_days: float | None = WINDOW_DAYS,
    executor: Executor | None = None,
) -> BatchResult:
    """Compare every story under `source` and write the reports into `out`.

    Args:
        source: a folder of stories or a .jsonl manifest (`stories.read_batch`); with
            `group`, an unsorted folder of articles (any depth) or manifest (`feed.group_feed`).
        out: the output folder (created if needed).
        checker: compares each story; its settings (threshold, fail-on, ...) apply.
        formats: report formats per story; cache: the embedding cache, if any;
        plot: also draw coverage plots (png or svg); on_progress: called as stages advance.
        group: group the articles into stories first; state: with `group`, the articles and
            results of earlier runs into `out` (a story whose articles did not change keeps
            its reports), saved again at the end; window_days: with `group`, the time window.
        executor: compare the stories there (`distribute.py`: local processes or a Dask
            cluster) instead of in this process; the reports are the same bytes.
    Returns:
        A `BatchResult`; its exit code follows the checker's `fail_on` setting.
    """
    if plot:
        from crosscheck.render.plot import PLOT_FORMATS, require_matplotlib

        if plot not in PLOT_FORMATS:
            raise UsageError(f"plots are png or svg, not {plot!r}")
        require_matplotlib()
    progress = on_progress or (lambda *args: None)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError("--out must be a folder", path=str(out))
    if out.resolve() == Path(source).resolve():
        raise UsageError("--out must be another folder than INPUT (the reports would be read as articles)",
                         path=str(out))
    exclude = [out] + ([cache.path.parent] if cache is not None else [])  # never read our own output back
    if group:
        batch = group_feed(source, checker=checker, cache=cache, state=state, window_days=window_days,
                           progress=lambda done, total: progress("group", done, total, ""), exclude=exclude)
    else:
        batch = read_batch(source, offline=checker.settings.offline, exclude=exclude)
    files = file_names([s.name for s in batch.stories])
    results, prepared, reused = [], {}, 0
    for story in batch.stories:
        result = StoryResult(story.name, files[story.name], [a.id for a in story.articles], "failed",
                             errors=list(story.errors), inputs=list(story.inputs), headline=story.headline)
        results.append(result)
        earlier = state.unchanged(story, result.file, [out / f"{result.file}.{fmt}" for fmt in formats]) if state else None
        if earlier is not None:
            _restore(result, earlier)
            reused += 1
        elif len(story.articles) == 1:
            result.status = "single-source"
        elif len(story.articles) >= 2:
            try:
                prepared[story.name] = checker.prepare(story.articles)
            except CrosscheckError as exc:
                result.errors.append(str(exc))
        elif not story.errors:
            result.errors.append("no usable source")

    embedder = CachedEmbedder(checker.embedder, cache)
    aligned_by = {name: checker.aligner(p.articles)[0] for name, p in prepared.items()}
    # each story's texts, encoded up front by the encoder that aligns it (MiniLM for English)
    texts = list(dict.fromkeys(t for name, p in prepared.items() if aligned_by[name] is checker.embedder for t in p.texts))
    done = 0

    def encoded(n: int) -> None:
        nonlocal done
        done += n
        progress("encode", done, embedder.misses, "")

    embedder.encode(texts, progress=encoded)  # a model that can't load stops the batch: ModelError
    compare_with = checker.with_embedder(embedder, CachedEmbedder(checker.fact_embedder, cache))
    todo = [r for r in results if r.name in prepared]
    if executor is None:
        outputs = (compare_story(compare_with, prepared[r.name], formats, plot) for r in todo)
    else:
        outputs = compare_remotely(executor, checker.settings, [prepared[r.name] for r in todo], embedder, formats,
                                   plot, cache_dir=str(cache.path.parent.resolve()) if cache is not None else None)
    number = len(results) - len(todo)
    for result, output in zip(todo, outputs):
        _write(output, result, out)
        number += 1
        progress("compare", number, len(results), result.name)
    if state is not None:
        written = sorted({file for r in results for file in r.reports.values()} | ({"index.html"} if "html" in formats else set()))
        _clear_away(set(state.files) - set(written), out)
        state.save({r.name: (story_keys(story), r.to_dict()) for r, story in zip(results, batch.stories)
                    if r.status != "failed"}, written)
    if not any(r.status != "failed" for r in results):
        code = EXIT_INPUT
    elif batch.errors or any(r.errors for r in results):
        code = EXIT_PARTIAL
    elif _fails(results, checker.settings.fail_on):
        code = EXIT_FAIL_ON
    else:
        code = EXIT_OK
    result = BatchResult(results, batch.errors, code, embedder.misses, embedder.hits,
                         sum(r.statements for r in results), skipped=batch.skipped, reused=reused)
    summary = result.to_dict()
    write_atomic(out / "summary.json", render(summary, "json"))
    write_atomic(out / "index.md", render_index(summary))
    if "html" in formats:
        write_atomic(out / "index.html", render_index_html(summary))
    return result


def _write(output: StoryOutput, result: StoryResult, out: Path) -> None:
    """Write one story's reports (each whole or not at all) and take its counts."""
    if output.error:
        result.errors.append(output.error)
        return
    try:
        for key, suffix, content in output.files:
            name = f"{result.file}.{suffix}"
            write_atomic(out / name, content)
            result.reports[key] = name
    except CrosscheckError as exc:
        result.errors.append(str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - one story's bug must not sink the batch; it is reported
        result.errors.append(f"internal error ({type(exc).__name__}: {first_line(exc)}); please report it")
        return
    result.counts = dict(output.counts)
    result.statements = output.statements
    result.status = "diverge" if result.counts["diverge"] else "one-sided" if result.counts["one_sided"] else "agree"


def _restore(result: StoryResult, earlier: dict) -> None:
    """A story an earlier run compared, with the same articles: its result as it was."""
    result.status = earlier["status"]
    result.counts = {key: earlier[key] for key in COUNTS}
    result.statements = earlier["statements"]
    result.reports = dict(earlier["reports"])
    result.errors = list(earlier["errors"])


def _clear_away(files: set[str], out: Path) -> None:
    """Remove the reports an earlier run of a feed wrote that no story writes now (a story
    that merged into another, or was renamed by a new article)."""
    for file in sorted(files):
        if Path(file).name == file and not file.startswith("."):  # only our own file names, inside `out`
            (out / file).unlink(missing_ok=True)


def _fails(results: list[StoryResult], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return any(r.counts["diverge"] or (fail_on == "one-sided" and r.counts["one_sided"]) for r in results)

