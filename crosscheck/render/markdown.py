"""Report dict -> markdown for people, two sources: divergences, one-sided facts,
agreements. (Three or more sources: `coverage.py`.)"""

from __future__ import annotations

from crosscheck.render.blocks import (
    confidence, divergence_block, escape, footer, headline_mark, one_sided_section, possible_section, set_aside_section, sources_table,
)


def render_pairs_markdown(report: dict) -> str:
    """The markdown report of two sources (pairwise findings)."""
    statements = {s["id"]: s for s in report["statements"]}
    sources = [s["id"] for s in report["sources"]]
    findings = report["findings"]
    lines = ["# crosscheck report", ""]
    lines += sources_table(report)
    lines += _summary_table(report, sources)
    diverge = [f for f in findings if f["kind"] == "diverge"]
    lines += [f"## Divergences ({len(diverge)})", ""]
    if not diverge:
        lines += ["No matched statements conflict.", ""]
    for n, f in enumerate(diverge, 1):
        lines += divergence_block(n, f, statements)
    lines += possible_section(report, statements)
    lines += one_sided_section(report, statements, "a fact missing from the other side of a matched pair")
    agree = [f for f in findings if f["kind"] == "agree"]
    lines += [f"## Agreements ({len(agree)})", ""]
    for f in agree:
        lines += [f"- similarity {f['similarity']:.2f}{confidence(f, ' ·')}"]
        lines += [f"  - {escape(statements[i]['source'])}: {headline_mark(statements[i])}{escape(statements[i]['text'])}"
                  for i in f["statements"]]
    lines += [""] + set_aside_section(report) + footer(report)
    return "\n".join(lines)


def _summary_table(report: dict, sources: list[str]) -> list[str]:
    summary = report["summary"]
    head = "| finding | " + " | ".join(escape(s) for s in sources) + " | all |"
    rows = [head, "| --- |" + " ---: |" * (len(sources) + 1)]
    pair_counts = {s: {"agree": 0, "diverge": 0} for s in sources}
    by_id = {s["id"]: s["source"] for s in report["statements"]}
    for f in report["findings"]:
        if f["kind"] in ("agree", "diverge"):
            for source in dict.fromkeys(by_id[i] for i in f["statements"]):
                pair_counts[source][f["kind"]] += 1
    for kind in ("agree", "diverge"):
        rows.append(f"| {kind} | " + " | ".join(str(pair_counts[s][kind]) for s in sources) + f" | {summary[kind]} |")
    one = summary["one_sided"]
    rows.append("| one-sided | " + " | ".join(str(one[s]) for s in sources) + f" | {sum(one.values())} |")
    aside = {s["id"]: s["set_aside"] for s in report["sources"]}
    rows.append("| set aside | " + " | ".join(str(aside[s]) for s in sources) + f" | {summary['set_aside']} |")
    return ["## Summary", ""] + rows + [""]
