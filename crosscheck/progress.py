"""Batch progress on stderr: a rich progress bar on a terminal, plain lines otherwise
(CI logs), nothing with --quiet. The batch runner only calls `(phase, done, total, detail)`."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from crosscheck.batch import Progress

PHASES = {"group": "headlines and leads encoded to group articles", "encode": "statements encoded",
          "compare": "stories compared"}


@contextmanager
def batch_progress(quiet: bool, *, stream=None) -> Iterator[Progress]:
    stream = stream or sys.stderr
    if quiet:
        yield lambda *args: None
    elif stream.isatty():
        yield from _bar(stream)
    else:
        yield _lines(stream)


def _lines(stream) -> Progress:
    def report(phase: str, done: int, total: int, detail: str) -> None:
        stream.write(f"[{done}/{total}] {PHASES[phase]}" + (f": {detail}" if detail else "") + "\n")
        stream.flush()

    return report


def _bar(stream) -> Iterator[Progress]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Bar(*columns, console=Console(file=stream), transient=False) as bar:
        tasks: dict[str, int] = {}

        def report(phase: str, done: int, total: int, detail: str) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(PHASES[phase], total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield report
