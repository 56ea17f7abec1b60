"""Batch mode: many stories, one model load, one report per story, an index and a
summary, and an exit code for CI.

    read every story -> prepare (clean, segment) -> encode all statements together
    (through the disk cache) -> compare each story -> write its reports -> index, summary

Nothing here prints: progress goes to the `on_progress` callback the CLI passes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from crosscheck.embed.cache import CachedEmbedder, EmbeddingCache
from crosscheck.errors import CrosscheckError, UsageError
from crosscheck.pipeline import Checker, Prepared
from crosscheck.render import render, write_atomic
from crosscheck.render.index import render_index, render_index_html
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


@dataclass
class BatchResult:
    stories: list[StoryResult]
    errors: list[str]  # problems that belong to no story
    exit_code: int
    encoded: int = 0  # statements the model encoded (cache misses)
    cached: int = 0  # statements found in the cache
    statements: int = 0  # statements compared, all stories together

    def to_dict(self) -> dict:
        """The summary as plain data, schema `crosscheck.batch/1` (summary.json)."""
        stories = [
            {"story": r.name, "file": r.file, "status": r.status, "sources": list(r.sources), **r.counts,
             "reports": dict(r.reports), "errors": list(r.errors)}
            for r in self.stories
        ]
        totals = {key: sum(r.counts[key] for r in self.stories) for key in COUNTS}
        by_status = {status: sum(1 for r in self.stories if r.status == status) for status in STATUSES}
        return {
            "schema": SCHEMA,
            "exit_code": self.exit_code,
            "totals": {"stories": len(stories), "sources": sum(len(r.sources) for r in self.stories),
                       "statements": self.statements, **by_status, "findings": totals},
            "stories": stories,
            "errors": list(self.errors) + [f"{r.name}: {e}" for r in self.stories for e in r.errors],
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
) -> BatchResult:
    """Compare every story under `source` and write the reports into `out`.

    Args:
        source: a folder of stories or a .jsonl manifest (`stories.read_batch`).
        out: the output folder (created if needed).
        checker: compares each story; its settings (threshold, fail-on, ...) apply.
        formats: report formats per story; cache: the embedding cache, if any;
        plot: also draw coverage plots (png or svg); on_progress: called as stages advance.
    Returns:
        A `BatchResult`; its exit code follows the checker's `fail_on` setting.
    """
    if plot:
        from crosscheck.render.plot import PLOT_FORMATS, require_matplotlib

        if plot not in PLOT_FORMATS:
            raise UsageError(f"plots are png or svg, not {plot!r}")
        require_matplotlib()
    progress = on_progress or (lambda *args: None)
    batch = read_batch(source, offline=checker.settings.offline)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError("--out must be a folder", path=str(out))
    files = file_names([s.name for s in batch.stories])
    results, prepared = [], {}
    for story in batch.stories:
        result = StoryResult(story.name, files[story.name], [a.id for a in story.articles], "failed", errors=list(story.errors))
        results.append(result)
        if len(story.articles) == 1:
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
    statements = 0
    compare_with = checker.with_embedder(embedder, CachedEmbedder(checker.fact_embedder, cache))
    for number, result in enumerate(results, 1):
        if result.name in prepared:
            statements += _compare_story(compare_with, prepared[result.name], result, out, formats, plot)
        progress("compare", number, len(results), result.name)
    if not any(r.status != "failed" for r in results):
        code = EXIT_INPUT
    elif batch.errors or any(r.errors for r in results):
        code = EXIT_PARTIAL
    elif _fails(results, checker.settings.fail_on):
        code = EXIT_FAIL_ON
    else:
        code = EXIT_OK
    result = BatchResult(results, batch.errors, code, embedder.misses, embedder.hits, statements)
    summary = result.to_dict()
    write_atomic(out / "summary.json", render(summary, "json"))
    write_atomic(out / "index.md", render_index(summary))
    if "html" in formats:
        write_atomic(out / "index.html", render_index_html(summary))
    return result


def _compare_story(checker: Checker, prepared: Prepared, result: StoryResult, out: Path, formats: Sequence[str],
                   plot: str | None) -> int:
    try:
        report = checker.compare_prepared(prepared).to_dict()
        for fmt in formats:
            name = f"{result.file}.{fmt}"
            write_atomic(out / name, render(report, fmt))
            result.reports[fmt] = name
        if plot and "claims" in report:
            from crosscheck.render.plot import render_coverage_plot

            name = f"{result.file}.coverage.{plot}"
            write_atomic(out / name, render_coverage_plot(report, plot))
            result.reports["plot"] = name
    except CrosscheckError as exc:
        result.errors.append(str(exc))
        return 0
    except Exception as exc:  # noqa: BLE001 - one story's bug must not sink the batch; it is reported
        result.errors.append(f"internal error ({type(exc).__name__}: {exc}); please report it")
        return 0
    summary = report["summary"]
    result.counts = {"agree": summary["agree"], "diverge": summary["diverge"], "related": summary["related"],
                     "one_sided": sum(summary["one_sided"].values()), "set_aside": summary["set_aside"]}
    result.status = "diverge" if result.counts["diverge"] else "one-sided" if result.counts["one_sided"] else "agree"
    return sum(s["statements"] for s in report["sources"])


def _fails(results: list[StoryResult], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return any(r.counts["diverge"] or (fail_on == "one-sided" and r.counts["one_sided"]) for r in results)

