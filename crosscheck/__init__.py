"""crosscheck: compare news articles about one story.

    from crosscheck import Checker
    report = Checker().compare({"outlet-a": text_a, "outlet-b": text_b})
    report.to_dict()          # schema crosscheck.report/1

The names below are imported on first use, so `import crosscheck.cli` (and `--help`)
does not pay for numpy and the pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_EXPORTS = {
    "CrosscheckError": "crosscheck.errors", "InputError": "crosscheck.errors", "ModelError": "crosscheck.errors",
    "OutputError": "crosscheck.errors", "UsageError": "crosscheck.errors",
    "Article": "crosscheck.models", "Finding": "crosscheck.models", "Kind": "crosscheck.models",
    "Reason": "crosscheck.models", "Report": "crosscheck.models", "Statement": "crosscheck.models",
    "Checker": "crosscheck.pipeline", "compare_articles": "crosscheck.pipeline", "Settings": "crosscheck.settings",
}
__all__ = [
    "Article", "Checker", "CrosscheckError", "Finding", "InputError", "Kind", "ModelError", "OutputError",
    "Reason", "Report", "Settings", "Statement", "UsageError", "compare_articles",
]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from crosscheck.errors import CrosscheckError, InputError, ModelError, OutputError, UsageError
    from crosscheck.models import Article, Finding, Kind, Reason, Report, Statement
    from crosscheck.pipeline import Checker, compare_articles
    from crosscheck.settings import Settings


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'crosscheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
