"""A batch's summary (`crosscheck.batch.BatchResult.to_dict`, schema `crosscheck.batch/1`)
-> `index.md`, for people and `$GITHUB_STEP_SUMMARY`, and `index.html` beside HTML reports.
No timings: same input, same bytes."""

from __future__ import annotations

from html import escape as html_escape

from crosscheck.render.blocks import escape

# Statuses, most urgent first (the order of the index's rows).
STATUS_TEXT = {
    "diverge": "⚠️ diverge", "failed": "❌ failed", "one-sided": "one-sided only",
    "agree": "✅ agree", "single-source": "not compared (one source)",
}
STATUS_COUNTED = {
    "diverge": "with divergences", "failed": "failed", "one-sided": "with one-sided facts only",
    "agree": "in agreement", "single-source": "with a single source",
}


def render_index(summary: dict) -> str:
    """The batch index: one row per story (`_rows`' order), then its problems."""
    order = list(STATUS_TEXT)
    rows = _rows(summary)
    totals = summary["totals"]
    counts = ", ".join(f"{totals[s]} {STATUS_COUNTED[s]}" for s in order if totals[s])
    out = [
        "# crosscheck batch",
        "",
        f"{totals['stories']} stories, {totals['sources']} sources: {counts or 'nothing to compare'}.",
        "",
        "| story | sources | agree | diverge | one-sided | status | report |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        links = " · ".join(f"[{fmt}]({name})" for fmt, name in sorted(r["reports"].items())) or "—"
        out.append(
            f"| {escape(r['story'])} | {escape(_sources(r))} | {r['agree']} | {r['diverge']} | "
            f"{r['one_sided']} | {STATUS_TEXT[r['status']]} | {links} |"
        )
    if summary["errors"]:
        out += ["", "## Problems", ""]
        out += [f"- {escape(p)}" for p in summary["errors"]]
    if summary.get("skipped"):
        out += ["", "## Left out", ""]
        out += [f"- {escape(p)}" for p in summary["skipped"]]
    return "\n".join(out) + "\n"


def _rows(summary: dict) -> list[dict]:
    """The stories, most urgent status first, then most divergences, then most sources."""
    order = list(STATUS_TEXT)
    return sorted(summary["stories"], key=lambda r: (order.index(r["status"]), -r["diverge"], -len(r["sources"]), r["story"]))


SHOWN_SOURCES = 3  # named in a row; the rest counted


def _sources(row: dict) -> str:
    """How many sources, and which: "3: fox, hpo, nyt", "21: a, b, c +18"."""
    names = row["sources"]
    if not names:
        return "0"
    more = f" +{len(names) - SHOWN_SOURCES}" if len(names) > SHOWN_SOURCES else ""
    return f"{len(names)}: {', '.join(names[:SHOWN_SOURCES])}{more}"


def render_index_html(summary: dict) -> str:
    """The batch index as a page of its own (no script), linking every story's reports."""
    order = list(STATUS_TEXT)
    rows = _rows(summary)
    totals = summary["totals"]
    counts = ", ".join(f"{totals[s]} {STATUS_COUNTED[s]}" for s in order if totals[s])
    body = []
    for r in rows:
        links = " · ".join(f'<a href="{html_escape(name)}">{html_escape(fmt)}</a>'
                           for fmt, name in sorted(r["reports"].items())) or "—"
        body.append(f"<tr><td>{html_escape(r['story'])}</td><td>{html_escape(_sources(r))}</td><td>{r['agree']}</td>"
                    f"<td>{r['diverge']}</td><td>{r['one_sided']}</td><td>{html_escape(STATUS_TEXT[r['status']])}</td>"
                    f"<td>{links}</td></tr>")
    problems = "".join(f"<li>{html_escape(p)}</li>" for p in summary["errors"])
    skipped = "".join(f"<li>{html_escape(p)}</li>" for p in summary.get("skipped", []))
    return "\n".join([
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>crosscheck batch</title><style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem 2rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}</style>",
        "</head><body><h1>crosscheck batch</h1>",
        f"<p>{totals['stories']} stories, {totals['sources']} sources: {html_escape(counts or 'nothing to compare')}.</p>",
        "<table><thead><tr><th>story</th><th>sources</th><th>agree</th><th>diverge</th><th>one-sided</th>"
        "<th>status</th><th>report</th></tr></thead><tbody>" + "".join(body) + "</tbody></table>",
        (f"<h2>Problems</h2><ul>{problems}</ul>" if problems else ""),
        (f"<h2>Left out</h2><ul>{skipped}</ul>" if skipped else ""), "</body></html>", ""])
