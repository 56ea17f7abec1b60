"""Every error crosscheck raises on purpose.

    CrosscheckError          exit 2
     +-- InputError          a source can't be read or used (names the file)
     +-- UsageError          bad arguments: too few sources, unknown option value
     +-- ModelError          the embedding model can't be loaded
     +-- OutputError         a report can't be written

The CLI catches the root once, prints `Error: <message>` and exits with `exit_code`.
Anything else is a bug.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(CrosscheckError):
    pass


class UsageError(CrosscheckError):
    pass


class ModelError(CrosscheckError):
    pass


class OutputError(CrosscheckError):
    pass


def first_line(exc: BaseException) -> str:
    """An exception as one line: its message's first line, or its type's name."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__

