"""A batch's summary (`crosscheck.batch.BatchResult.to_dict`, schema `crosscheck.batch/1`)
-> `index.md`, for people and `$GITHUB_STEP_SUMMARY`. No timings: same input, same bytes."""

from __future__ import annotations

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
    """The batch index: one row per story, most urgent status first, then its problems."""
    order = list(STATUS_TEXT)
    rows = sorted(summary["stories"], key=lambda r: (order.index(r["status"]), -r["diverge"], r["story"]))
    totals = summary["totals"]
    counts = ", ".join(f"{totals[s]} {STATUS_COUNTED[s]}" for s in order if totals[s])
    out = [
        "# crosscheck batch",
        "",
        f"{totals['stories']} stories, {totals['sources']} sources: {counts or 'nothing to compare'}.",
        "",
        "| story | sources | agree | diverge | one-sided | status | report |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        links = " · ".join(f"[{fmt}]({name})" for fmt, name in sorted(r["reports"].items())) or "—"
        out.append(
            f"| {escape(r['story'])} | {len(r['sources'])} | {r['agree']} | {r['diverge']} | "
            f"{r['one_sided']} | {STATUS_TEXT[r['status']]} | {links} |"
        )
    if summary["errors"]:
        out += ["", "## Problems", ""]
        out += [f"- {escape(p)}" for p in summary["errors"]]
    return "\n".join(out) + "\n"
