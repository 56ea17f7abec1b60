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
    lines += [f"## Agreements ({len(agree)})", "", "Statements that report the same fact.", ""]
    for f in agree:
        lines += _pair_lines(f, statements)
    related = [f for f in findings if f["kind"] == "related"]
    if related:
        lines += ["", "<details>", f"<summary>On the same point, not the same fact: {len(related)} matched pairs, "
                  "not counted as agreements</summary>", ""]
        for f in related:
            lines += _pair_lines(f, statements)
        lines += ["", "</details>"]
    lines += [""] + set_aside_section(report) + footer(report)
    return "\n".join(lines)


def _pair_lines(f: dict, statements: dict) -> list[str]:
    """One agreement or related pair: its scores, what both give, each side's words."""
    head = f"- similarity {f['similarity']:.2f}"
    if f.get("same_fact") is not None:
        head += f" · same fact {f['same_fact']:.2f}"
    head += confidence(f, " ·")
    if f.get("shared"):
        head += " · both give: " + ", ".join(f"**{escape(v)}**" for v in f["shared"])
    return [head] + [f"  - {escape(statements[i]['source'])}: {headline_mark(statements[i])}{escape(statements[i]['text'])}"
                     for i in f["statements"]]


def _summary_table(report: dict, sources: list[str]) -> list[str]:
    summary = report["summary"]
    head = "| finding | " + " | ".join(escape(s) for s in sources) + " | all |"
    rows = [head, "| --- |" + " ---: |" * (len(sources) + 1)]
    kinds = {"agree": "agree", "diverge": "diverge", "related": "related (same point)"}
    pair_counts = {s: dict.fromkeys(kinds, 0) for s in sources}
    by_id = {s["id"]: s["source"] for s in report["statements"]}
    for f in report["findings"]:
        if f["kind"] in kinds:
            for source in dict.fromkeys(by_id[i] for i in f["statements"]):
                pair_counts[source][f["kind"]] += 1
    for kind, title in kinds.items():
        rows.append(f"| {title} | " + " | ".join(str(pair_counts[s][kind]) for s in sources)
                    + f" | {summary.get(kind, 0)} |")
    one = summary["one_sided"]
    rows.append("| one-sided | " + " | ".join(str(one[s]) for s in sources) + f" | {sum(one.values())} |")
    aside = {s["id"]: s["set_aside"] for s in report["sources"]}
    rows.append("| set aside | " + " | ".join(str(aside[s]) for s in sources) + f" | {summary['set_aside']} |")
    return ["## Summary", ""] + rows + [""]
