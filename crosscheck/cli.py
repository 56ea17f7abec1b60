"""The `crosscheck` command: a thin typer layer over `crosscheck.pipeline.Checker`.

Commands parse options, call the library, render. The app's group catches
`CrosscheckError` once and turns it into `Error: ...` on stderr and the error's exit code.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from contextlib import nullcontext
from enum import Enum
from typing import Any, Callable, List, Optional

import typer
from typer.core import TyperGroup

from crosscheck.errors import CrosscheckError, UsageError
from crosscheck.settings import BACKENDS, FAIL_ON, JUDGES, WINDOW_DAYS


class _Commands(TyperGroup):
    """Every command runs inside the one `except CrosscheckError`."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CrosscheckError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    help="Compare news articles about one story: where sources agree, diverge, or stand alone.",
)


def _choices(name: str, values: tuple[str, ...]) -> type[Enum]:
    """A str Enum for typer from the library's own tuple of allowed values."""
    return Enum(name, {value.replace("-", "_"): value for value in values}, type=str)


Format = _choices("Format", ("md", "json", "html"))
Status = _choices("Status", ("all", "agree", "diverge", "related"))
PlotFormat = _choices("PlotFormat", ("png", "svg"))
Backend = _choices("Backend", BACKENDS)
JudgeKind = _choices("JudgeKind", JUDGES)
FailOn = _choices("FailOn", FAIL_ON)


FILES = typer.Argument(..., help="Two or more articles (.txt, .md, .html); '-' reads one from stdin.", show_default=False)
MODEL = typer.Option(None, "--model", help="sentence-transformers model name or local path; needs the torch extra (default: the shipped all-MiniLM-L6-v2; a story with a Russian or Ukrainian source: the shipped multilingual-e5-small).")
THRESHOLD = typer.Option(None, "--threshold", help="Alignment score needed to match two statements, 0 to 1.5 (default: 0.6).")
BACKEND = typer.Option(None, "--backend", help="Run the model on onnxruntime with int8 weights, or on torch (needs the torch extra) (default: onnx).")
MIN_SALIENCE = typer.Option(None, "--min-salience", help="Leave out one-sided facts below this salience, 0 to 1 (default: 0).")
JUDGE = typer.Option(None, "--judge", help="Who decides a divergence: the rules alone, or the trained pair judge with them (default: rules).")
MIN_CONFIDENCE = typer.Option(None, "--min-confidence", help="Report divergences at or above this confidence; the rest are listed as possible, 0 to 1 (default: 0.5).")
OFFLINE = typer.Option(False, "--offline", help="Refuse http(s):// sources instead of fetching them.")
LANG = typer.Option(None, "--lang", help="The sources' languages (en, ru, uk): one for all, or one per source in order, comma-separated (default: detected).")


# The options of every command that compares, written once: `with_checker_options` adds them.
CHECKER_OPTIONS = {
    "model": (Optional[str], MODEL),
    "backend": (Optional[Backend], BACKEND),
    "threshold": (Optional[float], THRESHOLD),
    "judge": (Optional[JudgeKind], JUDGE),
    "min_confidence": (Optional[float], MIN_CONFIDENCE),
    "offline": (bool, OFFLINE),
}


def with_checker_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`command` gets the CHECKER_OPTIONS after its own parameters, and receives them as
    one `flags` dict (None: not given) for `_checker`."""
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "flags"]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
             for name, (annotation, default) in CHECKER_OPTIONS.items()]

    @functools.wraps(command)
    def wrapper(**values: Any) -> Any:
        flags = {name: values.pop(name) for name in CHECKER_OPTIONS}
        flags["offline"] = flags["offline"] or None  # a flag not given leaves the settings file's value
        return command(**values, flags=flags)

    wrapper.__signature__ = inspect.Signature(own + added)
    wrapper.__annotations__ = {p.name: p.annotation for p in own + added}
    return wrapper


def _checker(**flags):
    """A Checker from `crosscheck.toml` / `[tool.crosscheck]`, with the given flags over it."""
    from crosscheck.pipeline import Checker
    from crosscheck.settings import load_settings

    settings = load_settings(".", **{key: value.value if isinstance(value, Enum) else value for key, value in flags.items()})
    return Checker(settings=settings)


@app.command()
@with_checker_options
def compare(
    files: List[str] = FILES,
    fmt: Format = typer.Option(Format.md, "--format", "-f", help="Output format on stdout."),
    output: List[str] = typer.Option([], "--output", "-o", help="Write the report here instead of stdout; the format follows the suffix (.md, .json, .html). Repeatable."),
    min_salience: Optional[float] = MIN_SALIENCE,
    plot: Optional[str] = typer.Option(None, "--plot", help="Also draw the coverage matrix (three or more sources) to this .png or .svg file."),
    lang: Optional[str] = LANG,
    flags: dict = None,
) -> None:
    """Compare two or more articles and print a discrepancy report."""
    from crosscheck.render import format_for, render, write_atomic

    if plot:
        from crosscheck.render.plot import plot_format, render_coverage_plot, require_matplotlib

        plot_format(plot)
        require_matplotlib()
    checker = _checker(**flags, min_salience=min_salience)
    report = checker.compare_files(files, languages=lang).to_dict()
    if plot:
        write_atomic(plot, render_coverage_plot(report, plot_format(plot)))
        typer.echo(f"wrote {plot}", err=True)
    if not output:
        sys.stdout.write(render(report, fmt.value))
        return
    rendered = [(path, render(report, format_for(path, fmt.value))) for path in output]
    for path, text in rendered:
        write_atomic(path, text)
        typer.echo(f"wrote {path}", err=True)


@app.command()
@with_checker_options
def pairs(
    files: List[str] = FILES,
    status: Status = typer.Option(Status.all, "--status", help="Show only agreeing, diverging or related (same point, not the same fact) pairs."),
    lang: Optional[str] = LANG,
    flags: dict = None,
) -> None:
    """Show the aligned statement pairs in the terminal, with their verdicts."""
    from rich.console import Console

    from crosscheck.render.table import pairs_table

    checker = _checker(**flags)
    report = checker.compare_files(files, languages=lang).to_dict()
    table, shown = pairs_table(report, status.value)
    console = Console(soft_wrap=False)
    console.print(table)
    summary = report["summary"]
    console.print(f"{shown} pair(s) shown; {summary['agree']} agree, {summary['diverge']} diverge, "
                  f"{summary.get('related', 0)} related.")


@app.command()
@with_checker_options
def batch(
    source: str = typer.Argument(..., metavar="INPUT", help="A folder with one subfolder per story, or a .jsonl manifest; with --group, a folder (any depth) or manifest of unsorted articles.", show_default=False),
    out: str = typer.Option(..., "--out", help="Folder for the story reports, index.md and summary.json.", show_default=False),
    formats: str = typer.Option("md,json", "--format", "-f", help="Report formats per story, comma-separated."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 when any story has divergences (diverge) or divergences or one-sided facts (one-sided) (default: never)."),
    min_salience: Optional[float] = MIN_SALIENCE,
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", help="Where the embedding cache (and the onnx export) lives (default: the user cache folder)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the embedding cache."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no closing line; errors only."),
    plot: Optional[PlotFormat] = typer.Option(None, "--plot", help="Also draw each story's coverage matrix (three or more sources) as <story>.coverage.png or .svg."),
    group: Optional[bool] = typer.Option(None, "--group/--no-group", help="INPUT is an unsorted folder (any depth) or manifest of articles: group them into stories first (default: off)."),
    window: float = typer.Option(WINDOW_DAYS, "--window", help="With --group: articles published more than this many days apart are never one story."),
    reset: bool = typer.Option(False, "--reset", help="With --group: forget the articles and stories of earlier runs into --out."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Compare stories on this many local processes."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Compare stories on the Dask cluster at this address (tcp://host:8786); needs the dask extra."),
    flags: dict = None,
) -> None:
    """Compare every story of a batch; write a report per story, index.md and summary.json.

    With --group, INPUT is a day's unsorted articles: they are grouped into stories (the same event, not the same topic) and each story with two or more sources is compared. A later run into the same --out adds its articles to the stories of earlier runs (state kept in the cache folder) and rewrites only the stories that changed.

    Exit codes: 0 done, nothing matched --fail-on; 1 findings matched --fail-on; 2 usage or input error (no story could be read); 3 some stories or sources failed (the others are written; each failure is listed in index.md).
    """
    from crosscheck.batch import run_batch
    from crosscheck.distribute import check_placement, executor_for
    from crosscheck.embed.cache import EmbeddingCache, default_cache_dir
    from crosscheck.feed import FeedState, state_fingerprint
    from crosscheck.progress import batch_progress
    from crosscheck.render import FORMATS

    check_placement(workers, scheduler)  # one line and exit 2 before anything loads
    checker = _checker(**flags, min_salience=min_salience, fail_on=fail_on, cache_dir=cache_dir, group=group)
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    if not wanted or set(wanted) - set(FORMATS):
        raise UsageError(f"--format takes {', '.join(FORMATS)} or several of them comma-separated, not {formats!r}")
    wanted = list(dict.fromkeys(wanted))
    if not window >= 0:
        raise UsageError(f"--window takes a number of days, 0 or more, not {window}")
    folder = checker.settings.cache_dir or default_cache_dir()
    cache = None if no_cache else EmbeddingCache(folder)
    state = None
    if checker.settings.group and not no_cache:
        fingerprint = state_fingerprint(checker, wanted, plot.value if plot else None)
        state = FeedState.for_output(folder, out, fingerprint, reset=reset)
    with cache if cache is not None else nullcontext(), executor_for(workers, scheduler) as executor, \
            batch_progress(quiet) as progress:
        result = run_batch(source, out, checker=checker, formats=wanted, cache=cache, on_progress=progress,
                           plot=plot.value if plot else None, group=checker.settings.group, state=state,
                           window_days=window, executor=executor)
    summary = result.to_dict()
    if not quiet:
        totals = summary["totals"]
        reused = f", {result.reused} unchanged since the last run" if result.reused else ""
        typer.echo(
            f"{totals['stories']} stories ({totals['diverge']} with divergences, {totals['failed']} failed{reused}) -> "
            f"{out}/index.md; {result.encoded} statements encoded, {result.cached} from cache; exit {result.exit_code}",
            err=True,
        )
    for line in summary["errors"]:
        typer.echo(f"Error: {line}", err=True)
    raise typer.Exit(result.exit_code)


COMPARING = ("compare", "pairs", "batch")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] in COMPARING and not {"--help", "-h"} & set(sys.argv):
        # the same-fact encoder takes half a second to load, whatever the options: start now,
        # while the rest of the program imports
        from crosscheck.embed.e5 import shared_encoder

        shared_encoder().preload()
    try:
        app()
    except SystemExit as done:
        code = done.code
    else:  # pragma: no cover - typer always exits
        code = 0
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    # Everything is written (reports atomically, caches committed and closed) by now. Tearing
    # down the interpreter with two ML runtimes loaded takes 0.05 to 0.2 s here, a tenth of a
    # cold compare: leave without it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
