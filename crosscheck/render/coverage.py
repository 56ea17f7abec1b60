"""Reports of three or more sources: the coverage view (claims by sources) in markdown,
and the same matrix as data for the plot. Input is the report dict; all text escaped."""

from __future__ import annotations

from crosscheck.render.blocks import (
    confidence, escape, footer, headline_mark, highlight, one_sided_section, possible_section, reason_title,
    set_aside_section, sources_table,
)

MARKS = {"carries": "●", "differs": "◐", "absent": "·"}
TABLE_ROWS = 40  # claims shown in the coverage table; the JSON has all of them
TABLE_COLUMNS = 12  # sources per coverage table; more are split into several tables
CLAIM_STATEMENTS = 6  # statements listed under a consensus or partial claim, each with its id
VERDICT_TITLES = {"consensus": "Consensus claims", "contested": "Contested claims", "partial": "Claims some sources leave out",
                  "related": "On the same point, not the same fact"}


def coverage_matrix(report: dict) -> tuple[list[dict], list[str], list[list[str]]]:
    """Claims carried by two or more sources as one fact (most widely reported first), the
    sources, and per claim and source one of "carries", "differs", "absent"."""
    sources = [s["id"] for s in report["sources"]]
    claims = [c for c in report["claims"] if len(c["sources"]) > 1 and c["verdict"] != "related"]
    marks = []
    for claim in claims:
        differing = _differing(claim)
        marks.append([
            "absent" if s not in claim["sources"] else "differs" if s in differing else "carries" for s in sources
        ])
    return claims, sources, marks


def _differing(claim: dict) -> set[str]:
    """Outliers where a majority exists; otherwise every source that gives a value."""
    out: set[str] = set()
    for v in claim["values"]:
        out |= set(v["outliers"]) if v["majority"] is not None else set(v["by_source"])
    return out


def render_claims_markdown(report: dict) -> str:
    """The markdown report of three or more sources: coverage, claims, one-sided facts."""
    statements = {s["id"]: s for s in report["statements"]}
    findings = {tuple(f["statements"]): f for f in report["findings"] if f["kind"] != "one_sided"}
    claims, sources, marks = coverage_matrix(report)
    related = [c for c in report["claims"] if c["verdict"] == "related"]
    lines = ["# crosscheck report", ""]
    lines += sources_table(report)
    lines += _summary(report, sources, marks)
    lines += _coverage(claims, sources, marks, statements)
    for verdict in ("contested", "consensus", "partial"):
        chosen = [c for c in claims if c["verdict"] == verdict]
        lines += [f"## {VERDICT_TITLES[verdict]} ({len(chosen)})", ""]
        if not chosen:
            lines += ["None.", ""]
        for claim in chosen:
            lines += _contested(claim, statements, len(sources), findings.get(tuple(claim["statements"]))) \
                if verdict == "contested" else _claim_lines(claim, statements, len(sources))
        lines += [""] if chosen and verdict != "contested" else []
    if related:
        lines += ["<details>", f"<summary>{VERDICT_TITLES['related']}: {len(related)} groups of statements, not counted "
                  "as claims the sources share</summary>", ""]
        for claim in related:
            lines += _claim_lines(claim, statements, len(sources))
        lines += ["", "</details>", ""]
    lines += possible_section(report, statements)
    lines += one_sided_section(report, statements, "a fact that the other statements of its claim leave out")
    lines += set_aside_section(report) + footer(report)
    return "\n".join(lines)


def _summary(report: dict, sources: list[str], marks: list[list[str]]) -> list[str]:
    verdicts = {v: sum(1 for c in report["claims"] if c["verdict"] == v)
                for v in ("consensus", "contested", "partial", "related", "single")}
    out = ["## Summary", "",
           f"{len(report['claims'])} claims: {verdicts['consensus']} consensus (carried by every source, no conflict), "
           f"{verdicts['contested']} contested, {verdicts['partial']} carried by some sources, "
           f"{verdicts['related']} on the same point but not one fact, "
           f"{verdicts['single']} by one source only.", "",
           "| source | carries | differs | absent | one-sided |", "| --- | ---: | ---: | ---: | ---: |"]
    one = report["summary"]["one_sided"]
    for col, source in enumerate(sources):
        column = [row[col] for row in marks]
        out.append(f"| {escape(source)} | {column.count('carries')} | {column.count('differs')} | "
                   f"{column.count('absent')} | {one[source]} |")
    return out + [""]


def _coverage(claims: list[dict], sources: list[str], marks: list[list[str]], statements: dict) -> list[str]:
    out = [f"## Coverage ({len(claims)} claims carried by two or more sources)", "",
           f"{MARKS['carries']} reports it · {MARKS['differs']} reports it differently · {MARKS['absent']} absent", ""]
    if not claims:
        return out + ["No claim is carried by more than one source.", ""]
    shown = claims[:TABLE_ROWS]
    codes = [f"S{n}" for n in range(1, len(sources) + 1)]
    out += ["Sources: " + ", ".join(f"{code} {escape(s)}" for code, s in zip(codes, sources)) + ".", ""]
    for start in range(0, len(sources), TABLE_COLUMNS):
        cols = range(start, min(start + TABLE_COLUMNS, len(sources)))
        out.append("| claim | carried by | " + " | ".join(codes[c] for c in cols) + " |")
        out.append("| --- | ---: |" + " :-: |" * len(cols))
        for claim, row in zip(shown, marks):
            first = representative(claim, statements)
            label = escape(first if len(first) <= 80 else first[:77].rstrip() + "...")
            out.append(f"| {claim['id']}: {label} | {len(claim['sources'])}/{len(sources)} | "
                       + " | ".join(MARKS[row[c]] for c in cols) + " |")
        out.append("")
    if len(claims) > len(shown):
        out += [f"{len(claims) - len(shown)} more claims carried by two or more sources are in the JSON report.", ""]
    return out


def representative(claim: dict, statements: dict) -> str:
    """The text that names a claim: its first statement that is no headline, if any."""
    members = [statements[i] for i in claim["statements"]]
    return next((s for s in members if not s.get("headline")), members[0])["text"]


def _claim_lines(claim: dict, statements: dict, n_sources: int) -> list[str]:
    """A claim's line, then each source's own words by statement id (the first
    CLAIM_STATEMENTS of them), so a reader can check what every outlet says."""
    absent = f"; absent from {', '.join(escape(s) for s in claim['absent'])}" if claim["absent"] and len(claim["absent"]) <= 5 else ""
    out = [f"- {claim['id']} ({len(claim['sources'])} of {n_sources} sources: "
           f"{', '.join(escape(s) for s in claim['sources'])}{absent}):"]
    for sid in claim["statements"][:CLAIM_STATEMENTS]:
        s = statements[sid]
        out.append(f"  - {escape(sid)}: {headline_mark(s)}{escape(s['text'])}")
    if len(claim["statements"]) > CLAIM_STATEMENTS:
        out.append(f"  - … and {len(claim['statements']) - CLAIM_STATEMENTS} more statements")
    return out


def _contested(claim: dict, statements: dict, n_sources: int, finding: dict | None = None) -> list[str]:
    sure = confidence(finding) if finding else ""
    out = [f"### {claim['id']}: carried by {len(claim['sources'])} of {n_sources} sources{sure}", ""]
    values = []
    for v in claim["values"]:
        title = escape(reason_title(v["type"]))
        if v["majority"] is not None:
            backers = sum(1 for x in v["by_source"].values() if x == v["majority"])
            odd = "; ".join(f"{escape(s)} says **{escape(v['by_source'][s])}**" for s in v["outliers"])
            out.append(f"- {title}: most sources ({backers}) say **{escape(v['majority'])}**; {odd}")
        else:
            groups: dict[str, list[str]] = {}
            for source, x in v["by_source"].items():
                groups.setdefault(x, []).append(source)
            split = "; ".join(f"{', '.join(escape(s) for s in who)}: **{escape(x)}**" for x, who in groups.items())
            out.append(f"- {title}{', no majority' if len(v['by_source']) > 2 else ''}: {split}")
        values += list(v["by_source"].values())
    out += ["", "| source | statement |", "| --- | --- |"]
    for sid in claim["statements"]:
        s = statements[sid]
        out.append(f"| {escape(s['source'])} | {headline_mark(s)}{highlight(s['text'], values)} |")
    return out + [""]
