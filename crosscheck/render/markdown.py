"""Report dict -> markdown for people. Every piece of article text goes through `escape`."""

from __future__ import annotations

import re

KIND_TITLES = {"agree": "agree", "diverge": "diverge", "one_sided": "one-sided"}
REASON_TITLES = {
    "number": "different number", "date": "different date", "name": "different name",
    "negation": "negation", "denial": "denial", "modality": "required vs recommended",
    "attribution": "different attribution", "antonym": "opposite wording", "wording": "edited wording",
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Neutral markdown: HTML entities for <, > and &, backslashes before markdown syntax,
    one line. Nothing from an article can open a link, a tag, a table cell or a heading."""
    text = re.sub(r"\s+", " ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def highlight(text: str, values: list[str]) -> str:
    """Escape `text`, with each whole-word occurrence of the given values in bold (the
    leftmost first, the longest where two start together)."""
    found = []
    for value in {v for v in values if v and v in text}:
        start = text.find(value)
        while start >= 0:
            end = start + len(value)
            if not (_word_char(text, start - 1) or _word_char(text, end)):
                found.append((start, -len(value)))
            start = text.find(value, start + 1)
    out, pos = [], 0
    for start, negative_length in sorted(found):
        if start >= pos:
            end = start - negative_length
            out += [escape(text[pos:start]), f"**{escape(text[start:end])}**"]
            pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def render_markdown(report: dict) -> str:
    if "claims" in report:
        from crosscheck.render.coverage import render_claims_markdown

        return render_claims_markdown(report)
    statements = {s["id"]: s for s in report["statements"]}
    sources = [s["id"] for s in report["sources"]]
    findings = report["findings"]
    lines = ["# crosscheck report", ""]
    lines += _sources_table(report)
    lines += _summary_table(report, sources)
    diverge = [f for f in findings if f["kind"] == "diverge"]
    lines += [f"## Divergences ({len(diverge)})", ""]
    if not diverge:
        lines += ["No matched statements conflict.", ""]
    for n, f in enumerate(diverge, 1):
        lines += _divergence(n, f, statements)
    lines += one_sided_section(report, statements, "a fact missing from the other side of a matched pair")
    agree = [f for f in findings if f["kind"] == "agree"]
    lines += [f"## Agreements ({len(agree)})", ""]
    for f in agree:
        lines += [f"- similarity {f['similarity']:.2f}"]
        lines += [f"  - {escape(statements[i]['source'])}: {escape(statements[i]['text'])}" for i in f["statements"]]
    lines += [""] + _set_aside(report) + footer(report)
    return "\n".join(lines)


def one_sided_section(report: dict, statements: dict, detail: str) -> list[str]:
    """One-sided findings grouped by source, most salient first."""
    one_sided = [f for f in report["findings"] if f["kind"] == "one_sided"]
    lines = [f"## Reported by one source only ({len(one_sided)})", "",
             f"Most salient first. *Detail* marks {detail}.", ""]
    for source in (s["id"] for s in report["sources"]):
        mine = [f for f in one_sided if f["source"] == source]
        if mine:
            lines += [f"### Only in {escape(source)} ({len(mine)})", ""]
            lines += [_one_sided(f, statements) for f in mine] + [""]
    return lines


def footer(report: dict) -> list[str]:
    return [f"<sub>crosscheck · schema {report['schema']} · model {escape(report['model'])} · "
            f"threshold {report['settings'].get('threshold')}</sub>", ""]


def _sources_table(report: dict) -> list[str]:
    rows = ["| source | title | statements | set aside |", "| --- | --- | ---: | ---: |"]
    for s in report["sources"]:
        rows.append(f"| {escape(s['id'])} | {escape(s['title'])} | {s['statements']} | {s['set_aside']} |")
    return ["## Sources", ""] + rows + [""]


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


def _divergence(n: int, f: dict, statements: dict) -> list[str]:
    titles = ", ".join(dict.fromkeys(REASON_TITLES.get(r["type"], r["type"]) for r in f["reasons"]))
    out = [f"### {n}. {escape(titles)} (similarity {f['similarity']:.2f})", ""]
    for r in f["reasons"]:
        values = "; ".join(f"{escape(src)}: **{escape(v)}**" for src, v in r["values"].items())
        out.append(f"- {escape(REASON_TITLES.get(r['type'], r['type']))}: {values}")
    out += ["", "| source | statement |", "| --- | --- |"]
    for sid in f["statements"]:
        s = statements[sid]
        marks = [v for r in f["reasons"] for v in r["values"].values()]
        out.append(f"| {escape(s['source'])} | {highlight(s['text'], marks)} |")
    return out + [""]


def _one_sided(f: dict, statements: dict) -> str:
    text = " ".join(statements[i]["text"] for i in f["statements"])
    facts = ", ".join(f"**{escape(x)}**" for x in f["facts"]) if f["facts"] else "no checkable fact"
    if f["matched"]:
        other = ", ".join(escape(i) for i in f["matched"])
        return f"- {f['salience']:.2f} · *detail* · {facts} — missing from the matched {other}: “{highlight(text, list(f['facts']))}”"
    return f"- {f['salience']:.2f} · {facts}: “{highlight(text, list(f['facts']))}”"


def _set_aside(report: dict) -> list[str]:
    aside = [s for s in report["statements"] if s["set_aside"]]
    if not aside:
        return []
    out = ["<details>", f"<summary>Set aside: {len(aside)} lines of page chrome or off-topic text, not compared</summary>", ""]
    out += [f"- {escape(s['id'])} ({escape(s['set_aside'])}): {escape(s['text'])}" for s in aside]
    return out + ["", "</details>", ""]
