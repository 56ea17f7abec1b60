"""Markdown pieces both report layouts use (two sources, and claims of three or more).
Every piece of article text goes through `escape`."""

from __future__ import annotations

import re
from typing import Callable

from crosscheck.facts import KINDS, whole_word_spans

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
    return marked(text, values, escape, "**", "**")


def marked(text: str, values: list[str], escape_text: Callable[[str], str], before: str, after: str) -> str:
    """`text` escaped with `escape_text`, each whole-word occurrence of the values between
    `before` and `after` (`crosscheck.facts.whole_word_spans`)."""
    out, pos = [], 0
    for start, end in whole_word_spans(text, values):
        out += [escape_text(text[pos:start]), before, escape_text(text[start:end]), after]
        pos = end
    out.append(escape_text(text[pos:]))
    return "".join(out)


def reason_title(kind: str) -> str:
    """How a reason type is named in reports (the kind's registered title)."""
    return KINDS[kind].title if kind in KINDS else kind


TOP_ONE_SIDED = 10  # per source, shown in the main list; the rest are collapsed


def one_sided_section(report: dict, statements: dict, detail: str) -> list[str]:
    """One-sided findings grouped by source, most salient first: per source the first
    TOP_ONE_SIDED with a checkable fact, then the rest in a collapsed block."""
    one_sided = [f for f in report["findings"] if f["kind"] == "one_sided"]
    details = sum(1 for f in one_sided if f["matched"])
    lines = [f"## Reported by one source only ({len(one_sided)})", "",
             f"{len(one_sided) - details} statements no other source matches and {details} details. Most salient "
             f"first; the number before each is its salience, 0 to 1. *Detail* marks {detail}.", ""]
    for source in (s["id"] for s in report["sources"]):
        mine = [f for f in one_sided if f["source"] == source]
        if not mine:
            continue
        checkable = [f for f in mine if f["facts"]]
        top = checkable[:TOP_ONE_SIDED]
        rest = [f for f in mine if f not in top]
        lines += [f"### Only in {escape(source)} ({len(mine)})", ""]
        lines += [one_sided_line(f, statements) for f in top] + [""]
        if rest:
            lines += ["<details>", f"<summary>{len(rest)} more from {escape(source)}, less salient or with no "
                      "checkable fact</summary>", ""]
            lines += [one_sided_line(f, statements) for f in rest] + ["", "</details>", ""]
    return lines


def footer(report: dict) -> list[str]:
    settings = report["settings"]
    return [f"<sub>crosscheck · schema {report['schema']} · model {escape(report['model'])} · "
            f"threshold {settings.get('threshold')} · judge {escape(settings.get('judge'))} · "
            f"min confidence {settings.get('min_confidence')}</sub>", ""]


def confidence(finding: dict, separator: str = ",") -> str:
    """", confidence 0.91" for a finding that has one, else nothing."""
    value = finding.get("confidence")
    return "" if value is None else f"{separator} confidence {value:.2f}"


def sources_table(report: dict) -> list[str]:
    """The sources; their languages when they are not all one."""
    several = len({s.get("language", "en") for s in report["sources"]}) > 1
    rows = ["| source | title |" + (" language |" if several else "") + " statements | set aside |",
            "| --- | --- |" + (" --- |" if several else "") + " ---: | ---: |"]
    for s in report["sources"]:
        language = f" {escape(s.get('language', 'en'))} |" if several else ""
        rows.append(f"| {escape(s['id'])} | {escape(s['title'])} |{language} {s['statements']} | {s['set_aside']} |")
    out = ["## Sources", ""] + rows + [""]
    if several:
        out += ["Sources in different languages: each statement is quoted in its own language; "
                "nothing is machine-translated.", ""]
    return out


def headline_mark(statement: dict) -> str:
    """"*(headline)* " before a headline's text, else nothing."""
    return "*(headline)* " if statement.get("headline") else ""


def one_sided_line(f: dict, statements: dict) -> str:
    text = " ".join(statements[i]["text"] for i in f["statements"])
    mark = headline_mark(statements[f["statements"][0]])
    facts = ", ".join(f"**{escape(x)}**" for x in f["facts"]) if f["facts"] else "no checkable fact"
    quoted = f"{mark}“{highlight(text, list(f['facts']))}”"
    if f["matched"]:
        other = ", ".join(escape(i) for i in f["matched"])
        return f"- {f['salience']:.2f} · *detail* · {facts} — missing from the matched {other}: {quoted}"
    return f"- {f['salience']:.2f} · {facts}: {quoted}"


def set_aside_section(report: dict) -> list[str]:
    aside = [s for s in report["statements"] if s["set_aside"]]
    if not aside:
        return []
    out = ["<details>", f"<summary>Set aside: {len(aside)} lines of page chrome or off-topic text, not compared</summary>", ""]
    out += [f"- {escape(s['id'])} ({escape(s['set_aside'])}): {escape(s['text'])}" for s in aside]
    return out + ["", "</details>", ""]


def possible_section(report: dict, statements: dict) -> list[str]:
    """Divergences the judge is not sure enough of, collapsed."""
    possible = report.get("possible_divergences") or []
    if not possible:
        return []
    threshold = report["settings"].get("min_confidence")
    out = ["<details>", f"<summary>Possible divergences: {len(possible)} not reported, below the reporting "
           f"confidence ({threshold}) or between statements that are not each other's best match</summary>", ""]
    for n, f in enumerate(possible, 1):
        out += divergence_block(n, f, statements, heading="####")
    return out + ["</details>", ""]


def divergence_block(n: int, f: dict, statements: dict, heading: str = "###") -> list[str]:
    titles = ", ".join(dict.fromkeys(reason_title(r["type"]) for r in f["reasons"]))
    out = [f"{heading} {n}. {escape(titles)} (similarity {f['similarity']:.2f}{confidence(f)})", ""]
    for r in f["reasons"]:
        values = "; ".join(f"{escape(src)}: **{escape(v)}**" for src, v in r["values"].items())
        out.append(f"- {escape(reason_title(r['type']))}: {values}")
    out += ["", "| source | statement |", "| --- | --- |"]
    for sid in f["statements"]:
        s = statements[sid]
        marks = [v for r in f["reasons"] for v in r["values"].values()]
        out.append(f"| {escape(s['source'])} | {headline_mark(s)}{highlight(s['text'], marks)} |")
    return out + [""]
