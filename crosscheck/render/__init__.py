"""Renderers: a report dict in, text out; and the one place that writes report files.

- `markdown.py`: two sources; `coverage.py`: three or more (claims); `blocks.py`: the
  markdown pieces both share; `html.py`: one self-contained HTML page, the sources side
  by side; `index.py`: a batch's index (markdown and HTML); `table.py`: the terminal
  `pairs` table; `plot.py`: the coverage matrix as a picture.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from crosscheck.errors import OutputError, UsageError
from crosscheck.render.coverage import render_claims_markdown
from crosscheck.render.html import render_html
from crosscheck.render.markdown import render_pairs_markdown

FORMATS = ("md", "json", "html")


def render_markdown(report: dict) -> str:
    """The markdown report a person reads.

    Args:
        report: `Report.to_dict()` (schema crosscheck.report/1).
    Returns:
        Markdown: the claims layout for three or more sources, else the pairs layout;
        every piece of article text escaped.
    """
    return render_claims_markdown(report) if "claims" in report else render_pairs_markdown(report)


def render_json(report: dict) -> str:
    """The report dict as indented UTF-8 JSON, one trailing newline (byte-stable)."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render(report: dict, fmt: str) -> str:
    """A report (or batch summary) dict as text.

    Args:
        report: the dict to render; fmt: one of `FORMATS` ("md", "json", "html").
    Returns:
        The text; an unknown format is a UsageError.
    """
    if fmt == "md":
        return render_markdown(report)
    if fmt == "json":
        return render_json(report)
    if fmt == "html":
        return render_html(report)
    raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")


def format_for(path: str | Path, default: str = "md") -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"md": "md", "markdown": "md", "json": "json", "html": "html", "htm": "html"}.get(suffix, default)


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # the permissions any new file gets, not mkstemp's 0600
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"can't write report ({exc.strerror or exc})", path=str(path)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
