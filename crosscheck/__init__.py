"""crosscheck: compare news articles about one story.

    from crosscheck import Checker
    report = Checker().compare({"outlet-a": text_a, "outlet-b": text_b})
    report.to_dict()          # schema crosscheck.report/1
"""

from crosscheck.errors import CrosscheckError, InputError, ModelError, OutputError, UsageError
from crosscheck.models import Article, Finding, Kind, Reason, Report, Statement
from crosscheck.pipeline import Checker, compare_articles

__all__ = [
    "Article", "Checker", "CrosscheckError", "Finding", "InputError", "Kind", "ModelError", "OutputError",
    "Reason", "Report", "Statement", "UsageError", "compare_articles",
]
__version__ = "0.1.0"
