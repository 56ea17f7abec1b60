"""The `crosscheck` command: a thin typer layer over `crosscheck.pipeline.Checker`.

Commands parse options, call the library, render. One `except CrosscheckError` turns a
library error into `Error: ...` on stderr and the error's exit code.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from crosscheck.errors import CrosscheckError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Compare news articles about one story: where sources agree, diverge, or stand alone.",
)


class Format(str, Enum):
    md = "md"
    json = "json"


class Status(str, Enum):
    all = "all"
    agree = "agree"
    diverge = "diverge"


FILES = typer.Argument(..., help="Two or more articles (.txt, .md, .html); '-' reads one from stdin.", show_default=False)
MODEL = typer.Option(None, "--model", help="sentence-transformers model name or local path [default: bundled all-MiniLM-L6-v2].")
THRESHOLD = typer.Option(None, "--threshold", min=0.0, max=1.5, help="Alignment score needed to match two statements [default: 0.6].")


def _fail(exc: CrosscheckError) -> typer.Exit:
    typer.echo(f"Error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def _checker(model: Optional[str], threshold: Optional[float], min_salience: float = 0.0):
    from crosscheck.pipeline import Checker

    settings = {"min_salience": min_salience}
    if threshold is not None:
        settings["threshold"] = threshold
    return Checker(model, **settings)


@app.command()
def compare(
    files: List[str] = FILES,
    fmt: Format = typer.Option(Format.md, "--format", "-f", help="Output format on stdout."),
    output: List[str] = typer.Option([], "--output", "-o", help="Write the report here instead of stdout; the format follows the suffix (.md, .json). Repeatable."),
    model: Optional[str] = MODEL,
    threshold: Optional[float] = THRESHOLD,
    min_salience: float = typer.Option(0.0, "--min-salience", min=0.0, max=1.0, help="Leave out one-sided facts below this salience."),
) -> None:
    """Compare two or more articles and print a discrepancy report."""
    from crosscheck.render import format_for, render, write_atomic

    try:
        report = _checker(model, threshold, min_salience).compare_files(files).to_dict()
        if not output:
            sys.stdout.write(render(report, fmt.value))
            return
        rendered = [(path, render(report, format_for(path, fmt.value))) for path in output]
        for path, text in rendered:
            write_atomic(path, text)
            typer.echo(f"wrote {path}", err=True)
    except CrosscheckError as exc:
        raise _fail(exc) from None


@app.command()
def pairs(
    files: List[str] = FILES,
    status: Status = typer.Option(Status.all, "--status", help="Show only agreeing or diverging pairs."),
    model: Optional[str] = MODEL,
    threshold: Optional[float] = THRESHOLD,
) -> None:
    """Show the aligned statement pairs in the terminal, with their verdicts."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    try:
        report = _checker(model, threshold).compare_files(files).to_dict()
    except CrosscheckError as exc:
        raise _fail(exc) from None
    texts = {s["id"]: s for s in report["statements"]}
    table = Table(show_lines=True, expand=True)
    table.add_column("sim", justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    for source in report["sources"]:
        table.add_column(escape(source["id"]), ratio=1)
    shown = 0
    for f in report["findings"]:
        if f["kind"] == "one_sided" or (status is not Status.all and f["kind"] != status.value):
            continue
        cells = []
        for source in report["sources"]:
            mine = [texts[i]["text"] for i in f["statements"] if texts[i]["source"] == source["id"]]
            cells.append(escape(" / ".join(mine)))
        verdict = f["kind"]
        if f["reasons"]:
            verdict += "\n" + "\n".join(escape(f"{r['type']}: " + " vs ".join(r["values"].values())) for r in f["reasons"])
        table.add_row(f"{f['similarity']:.2f}", verdict, *cells)
        shown += 1
    console = Console(soft_wrap=False)
    console.print(table)
    console.print(f"{shown} pair(s) shown; {report['summary']['agree']} agree, {report['summary']['diverge']} diverge.")


def main() -> None:
    try:
        app()
    except CrosscheckError as exc:  # errors raised outside a command body
        typer.echo(f"Error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from None

