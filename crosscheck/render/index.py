"""A batch's results -> `index.md` (people, and `$GITHUB_STEP_SUMMARY`) and
`summary.json` (programs, schema `crosscheck.batch/1`). No timings: same input, same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.render.markdown import escape

if TYPE_CHECKING:
    from crosscheck.batch import BatchResult

SCHEMA = "crosscheck.batch/1"
STATUS_ORDER = {"diverge": 0, "failed": 1, "one-sided": 2, "agree": 3, "single-source": 4}
STATUS_TEXT = {
    "diverge": "⚠️ diverge", "failed": "❌ failed", "one-sided": "one-sided only",
    "agree": "✅ agree", "single-source": "not compared (one source)",
}
STATUS_COUNTED = {
    "diverge": "with divergences", "failed": "failed", "one-sided": "with one-sided facts only",
    "agree": "in agreement", "single-source": "with a single source",
}


def summary_to_dict(result: BatchResult) -> dict:
    stories = [
        {"story": r.name, "file": r.file, "status": r.status, "sources": list(r.sources), **r.counts,
         "reports": dict(r.reports), "errors": list(r.errors)}
        for r in result.stories
    ]
    totals = {key: sum(r.counts[key] for r in result.stories) for key in ("agree", "diverge", "one_sided", "set_aside")}
    by_status = {status: sum(1 for r in result.stories if r.status == status) for status in STATUS_ORDER}
    return {
        "schema": SCHEMA,
        "exit_code": result.exit_code,
        "totals": {"stories": len(stories), "sources": sum(len(r.sources) for r in result.stories),
                   "statements": result.statements, **by_status, "findings": totals},
        "stories": stories,
        "errors": list(result.errors) + [f"{r.name}: {e}" for r in result.stories for e in r.errors],
    }


def render_index(result: BatchResult) -> str:
    rows = sorted(result.stories, key=lambda r: (STATUS_ORDER[r.status], -r.counts["diverge"], r.name))
    data = summary_to_dict(result)
    summary = data["totals"]
    counts = ", ".join(f"{summary[s]} {STATUS_COUNTED[s]}" for s in STATUS_ORDER if summary[s])
    out = [
        "# crosscheck batch",
        "",
        f"{summary['stories']} stories, {summary['sources']} sources: {counts or 'nothing to compare'}.",
        "",
        "| story | sources | agree | diverge | one-sided | status | report |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        links = " · ".join(f"[{fmt}]({name})" for fmt, name in sorted(r.reports.items())) or "—"
        out.append(
            f"| {escape(r.name)} | {len(r.sources)} | {r.counts['agree']} | {r.counts['diverge']} | "
            f"{r.counts['one_sided']} | {STATUS_TEXT[r.status]} | {links} |"
        )
    if data["errors"]:
        out += ["", "## Problems", ""]
        out += [f"- {escape(p)}" for p in data["errors"]]
    return "\n".join(out) + "\n"
