"""Report dict -> one self-contained HTML page: the findings first, then every source's
text side by side, each statement marked with what crosscheck found about it.

No outside fonts, styles, scripts or images; a strict Content-Security-Policy allows only
the inline style and the one inline script, by its hash. Every piece of article text goes
through `html.escape`, so markup in an article ("<script>", "onerror=", "javascript:")
shows as text. Links between a finding and its statements are plain anchors (they work
without the script); the script outlines the counterparts of what was clicked (or of the
statement focused with the keyboard and Enter) and scrolls to them. No timestamps: same
report, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape as _escape

from crosscheck.render.blocks import TOP_ONE_SIDED, marked, reason_title
from crosscheck.render.coverage import coverage_matrix, representative

# Status of a statement in the side-by-side texts: (CSS class, symbol, label). The symbol and
# label say it too, so colour is never the only signal.
STATUS = {
    "diverge": ("st-diverge", "⚠", "diverges"),
    "one_sided": ("st-one", "◆", "only this source"),
    "detail": ("st-detail", "◇", "matched; has a detail only this source gives"),
    "agree": ("st-agree", "✓", "agrees"),
    "aside": ("st-aside", "∅", "set aside"),
    "plain": ("st-plain", "", "matched nothing, no checkable fact"),
}
MARK = {"carries": "●", "differs": "◐", "absent": "·"}
SVG_ROWS = 40  # claims drawn in the inline coverage matrix

STYLE = """
:root{--agree:#2e7d4f;--diverge:#b3261e;--one:#7a4fb5;--detail:#9a7ad0;--aside:#8a8a8a;--ink:#1d1d1f;--muted:#5f6368}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:1400px;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #ddd}h3{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f6}
.num{text-align:right}.muted{color:var(--muted)}.legend span{margin-right:1rem;white-space:nowrap}
.tag{display:inline-block;font-size:.8rem;font-weight:600;padding:0 .35rem;border-radius:3px;border:1px solid currentColor;margin-right:.3rem}
.tag-diverge{color:var(--diverge)}.tag-agree{color:var(--agree)}.tag-one{color:var(--one)}.tag-detail{color:var(--detail)}.tag-aside{color:var(--aside)}
.finding{margin:.5rem 0 .8rem;padding:.4rem .6rem;border-left:4px solid #ccc}.finding.diverge{border-color:var(--diverge)}.finding.agree{border-color:var(--agree)}.finding.one{border-color:var(--one)}.finding.related{border-color:var(--aside)}.tag-related{color:var(--aside)}
.finding blockquote{margin:.2rem 0 .2rem .2rem}.finding a{font-size:.8rem}
mark{background:#fff1a8;color:inherit;padding:0 .1rem;border-bottom:2px solid #c9a400}
.texts{display:grid;gap:1rem;overflow-x:auto}.column{min-width:22rem}.column h3{position:sticky;top:0;background:#fff;padding:.3rem 0}
.para{margin:0 0 .7rem}.st{border-radius:3px;padding:0 .1rem;scroll-margin:4rem}.st sup{font-size:.7rem;margin-left:.1rem}
.st-diverge{background:#fde3e1;border-bottom:2px solid var(--diverge)}.st-agree{background:#e2f3e8}.st-one{background:#efe6fb;border-bottom:2px dotted var(--one)}
.st-detail{background:#f5f0fc}.st-aside{color:var(--aside);text-decoration:line-through}.st.headline{font-weight:700;font-size:1.05rem}
.st.focus{outline:3px solid #1a73e8;outline-offset:1px}.st a{font-size:.7rem;text-decoration:none;margin-left:.15rem}
a:focus,.st:focus{outline:3px solid #1a73e8}details{margin:.5rem 0}summary{cursor:pointer}
svg text{font:11px system-ui,sans-serif}
@media print{.texts{display:block}.column{page-break-inside:auto;margin-bottom:1rem}details{display:block}.st a{display:none}}
"""

SCRIPT = """
function show(t,scroll){document.querySelectorAll('.st.focus').forEach(function(n){n.classList.remove('focus')});
var first=null;t.getAttribute('data-links').split(' ').forEach(function(id){var n=document.getElementById('s-'+id);
if(n){n.classList.add('focus');first=first||n;}});if(first){first.scrollIntoView({block:scroll?'center':'nearest'});}}
document.addEventListener('click',function(e){if(e.target.closest('a'))return;var t=e.target.closest('[data-links]');
if(t){show(t,!t.classList.contains('st'));}});
document.addEventListener('keydown',function(e){var t=e.target;if(e.key==='Enter'&&t.hasAttribute&&t.hasAttribute('data-links')){
show(t,true);}});
"""


def render_html(report: dict) -> str:
    """The HTML report: summary and findings, then the sources side by side.

    Args:
        report: `Report.to_dict()` (schema crosscheck.report/1), two or more sources.
    Returns:
        One self-contained HTML document (UTF-8 text), byte-stable.
    """
    statements = _statements(report)
    sources = [s["id"] for s in report["sources"]]
    status, links = _statement_status(report)
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src data:"
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>crosscheck: {_e(' / '.join(s['title'] or s['id'] for s in report['sources']))}</title>",
        f"<style>{STYLE}</style></head><body>",
        "<header><h1>crosscheck report</h1>", _sources_table(report), _legend(), "</header><main>",
        _summary(report, sources),
    ]
    if "claims" in report and len(sources) > 2:
        parts.append(_coverage_svg(report))
    divergences, rest = _findings(report, statements)
    parts += divergences
    parts.append(_texts(report, sources, status, links))
    parts += rest
    settings = report["settings"]
    parts += [f'<footer class="muted"><p>crosscheck · schema {_e(report["schema"])} · model {_e(report["model"])} · '
              f'threshold {_e(settings.get("threshold"))} · judge {_e(settings.get("judge"))} · '
              f'min confidence {_e(settings.get("min_confidence"))}</p></footer>',
              f"</main><script>{SCRIPT}</script></body></html>", ""]
    return "\n".join(parts)


def _e(value) -> str:
    return _escape(str(value), quote=True)


def _statement_status(report: dict) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each statement's most telling status, and the statements it is matched with."""
    status: dict[str, str] = {s["id"]: ("aside" if s["set_aside"] else "plain") for s in report["statements"]}
    links: dict[str, list[str]] = {}
    rank = {name: n for n, name in enumerate(("diverge", "one_sided", "detail", "agree", "aside", "plain"))}

    def mark(sid: str, kind: str) -> None:
        if rank[kind] < rank[status[sid]]:
            status[sid] = kind

    source = {s["id"]: s["source"] for s in report["statements"]}
    for f in report["findings"]:
        if f["kind"] in ("agree", "diverge"):
            for sid in f["statements"]:
                mark(sid, f["kind"])
                others = [o for o in f["statements"] if source[o] != source[sid]]
                links.setdefault(sid, [])
                links[sid] += [o for o in others if o not in links[sid]]
        elif f["kind"] == "related":  # the same point, not the same fact: no mark
            continue
        elif f["matched"]:
            mark(f["statements"][0], "detail")
        else:
            mark(f["statements"][0], "one_sided")
    return status, links


def _sources_table(report: dict) -> str:
    several = len({s.get("language", "en") for s in report["sources"]}) > 1  # then their languages are shown
    rows = "".join(f"<tr><td>{_e(s['id'])}</td><td{_lang(s)}>{_e(s['title'])}</td>"
                   + (f"<td>{_e(s.get('language', 'en'))}</td>" if several else "")
                   + f"<td class=num>{s['statements']}</td><td class=num>{s['set_aside']}</td></tr>"
                   for s in report["sources"])
    note = ("<p>Sources in different languages: each statement is quoted in its own language; nothing is "
            "machine-translated.</p>" if several else "")
    return ("<table><thead><tr><th>source</th><th>title</th>" + ("<th>language</th>" if several else "")
            + f"<th>statements</th><th>set aside</th></tr></thead><tbody>{rows}</tbody>"
            f"</table>{note}")


def _lang(item: dict | None) -> str:
    """A `lang` attribute for the text of a source (or statement) in another language than the page's."""
    language = (item or {}).get("language", "en")
    return "" if language == "en" else f' lang="{_e(language)}"'


def _source_of(report: dict) -> dict[str, dict]:
    return {s["id"]: s for s in report["sources"]}


def _legend() -> str:
    items = "".join(f'<span class="st {cls}">{symbol or "·"} {_e(label)}</span>'
                    for cls, symbol, label in STATUS.values())
    return f'<p class="legend" aria-label="legend">{items}</p>'


def _summary(report: dict, sources: list[str]) -> str:
    summary = report["summary"]
    one = summary["one_sided"]
    cells = "".join(f"<td class=num>{one.get(s, 0)}</td>" for s in sources)
    head = "".join(f"<th>{_e(s)}</th>" for s in sources)
    return (f"<h2>Summary</h2><p>{summary['agree']} agreements, <strong>{summary['diverge']} divergences</strong>, "
            f"{summary.get('related', 0)} pairs on the same point but not the same fact, "
            f"{sum(one.values())} one-sided findings, {summary['set_aside']} statements set aside.</p>"
            f"<table><thead><tr><th></th>{head}</tr></thead><tbody><tr><th>one-sided</th>{cells}</tr></tbody></table>")


def _marked(text: str, values: list[str]) -> str:
    """Escape `text`, with whole-word occurrences of the values in <mark>."""
    return marked(text, values, _e, "<mark>", "</mark>")


def _quote(statement: dict, values: list[str]) -> str:
    head = '<span class="tag">headline</span>' if statement.get("headline") else ""
    return (f'<blockquote{_lang(statement)}>{head}<a href="#s-{_e(statement["id"])}">{_e(statement["source"])}</a>: '
            f'{_marked(statement["text"], values)}</blockquote>')


def _statements(report: dict) -> dict[str, dict]:
    """Each statement by id, with its source's language."""
    language = {s["id"]: s.get("language", "en") for s in report["sources"]}
    return {s["id"]: {**s, "language": language.get(s["source"], "en")} for s in report["statements"]}


def _findings(report: dict, statements: dict) -> tuple[list[str], list[str]]:
    """The divergences (shown before the texts), and the one-sided facts, agreements and
    set-aside lines (after them)."""
    findings = report["findings"]
    diverge = [f for f in findings if f["kind"] == "diverge"]
    out = [f"<h2>Divergences ({len(diverge)})</h2>"]
    out += [_pair_finding(f, statements) for f in diverge] or ['<p class="muted">No matched statements conflict.</p>']
    possible = report.get("possible_divergences") or []
    if possible:
        out.append(f"<details><summary>Possible divergences: {len(possible)} not reported, below the reporting "
                   "confidence or between statements that are not each other's best match</summary>" + "".join(_pair_finding(f, statements) for f in possible) + "</details>")
    divergences, out = out, []
    one_sided = [f for f in findings if f["kind"] == "one_sided"]
    out.append(f"<h2>Reported by one source only ({len(one_sided)})</h2>")
    for source in (s["id"] for s in report["sources"]):
        mine = [f for f in one_sided if f["source"] == source]
        if not mine:
            continue
        top = [f for f in mine if f["facts"]][:TOP_ONE_SIDED]
        rest = [f for f in mine if f not in top]
        out.append(f"<h3>Only in {_e(source)} ({len(mine)})</h3>")
        out += [_one_sided(f, statements) for f in top]
        if rest:
            out.append(f"<details><summary>{len(rest)} more, less salient or with no checkable fact</summary>"
                       + "".join(_one_sided(f, statements) for f in rest) + "</details>")
    agree = [f for f in findings if f["kind"] == "agree"]
    out.append(f"<h2>Agreements ({len(agree)})</h2><details><summary>Show the {len(agree)} agreements: statements "
               "that report the same fact</summary>" + "".join(_pair_finding(f, statements) for f in agree) + "</details>")
    related = [f for f in findings if f["kind"] == "related"]
    if related:
        out.append(f"<h2>On the same point, not the same fact ({len(related)})</h2><details><summary>Show the "
                   f"{len(related)} related pairs (not counted as agreements)</summary>"
                   + "".join(_pair_finding(f, statements) for f in related) + "</details>")
    aside = [s for s in report["statements"] if s["set_aside"]]
    if aside:
        items = "".join(f'<li><a href="#s-{_e(s["id"])}">{_e(s["id"])}</a> ({_e(s["set_aside"])}): {_e(s["text"])}</li>'
                        for s in aside)
        out.append(f"<details><summary>Set aside: {len(aside)} lines of page chrome or off-topic text, not "
                   f"compared</summary><ul>{items}</ul></details>")
    return divergences, out


def _pair_finding(f: dict, statements: dict) -> str:
    kind = f["kind"]
    values = [v for r in f["reasons"] for v in r["values"].values()]
    reasons = "".join(f"<li>{_e(reason_title(r['type']))}: "
                      + "; ".join(f"{_e(src)}: <strong>{_e(v)}</strong>" for src, v in r["values"].items()) + "</li>"
                      for r in f["reasons"])
    confidence = "" if f.get("confidence") is None else f", confidence {f['confidence']:.2f}"
    cls, tag = {"diverge": ("diverge", "⚠ diverge"), "related": ("related", "≈ same point")}.get(kind, ("agree", "✓ agree"))
    ids = " ".join(_e(i) for i in f["statements"])
    same = "" if f.get("same_fact") is None else f", same fact {f['same_fact']:.2f}"
    shared = ("<p>Both give: " + ", ".join(f"<strong>{_e(v)}</strong>" for v in f["shared"]) + "</p>"
              if f.get("shared") else "")
    return (f'<div class="finding {cls}" data-links="{ids}" tabindex="0"><span class="tag tag-{cls}">{tag}</span>'
            f'<span class="muted">similarity {f["similarity"]:.2f}{same}{confidence}</span>'
            + (f"<ul>{reasons}</ul>" if reasons else "") + shared
            + "".join(_quote(statements[i], values) for i in f["statements"]) + "</div>")


def _one_sided(f: dict, statements: dict) -> str:
    facts = ", ".join(f"<strong>{_e(x)}</strong>" for x in f["facts"]) or "no checkable fact"
    detail = ""
    if f["matched"]:
        others = ", ".join(f'<a href="#s-{_e(i)}">{_e(i)}</a>' for i in f["matched"])
        detail = f'<span class="tag tag-detail">◇ detail</span> missing from the matched {others} · '
    ids = " ".join(_e(i) for i in [*f["statements"], *f["matched"]])
    return (f'<div class="finding one" data-links="{ids}" tabindex="0"><span class="tag tag-one">◆ {f["salience"]:.2f}</span>'
            f"{detail}{facts}" + "".join(_quote(statements[i], list(f["facts"])) for i in f["statements"]) + "</div>")


def _texts(report: dict, sources: list[str], status: dict[str, str], links: dict[str, list[str]]) -> str:
    """Every source's statements in order, paragraph by paragraph, one column a source."""
    marks: dict[str, list[str]] = {}
    for f in report["findings"]:
        values = [v for r in f.get("reasons", []) for v in r["values"].values()] + list(f.get("facts", []))
        for sid in f["statements"]:
            marks.setdefault(sid, []).extend(values)
    columns = []
    for source in sources:
        paragraphs: list[list[str]] = []
        last = None
        for s in (s for s in report["statements"] if s["source"] == source):
            if s.get("paragraph", 0) != last or not paragraphs:
                paragraphs.append([])
                last = s.get("paragraph", 0)
            cls, symbol, label = STATUS[status[s["id"]]]
            counterpart = "".join(f'<a href="#s-{_e(o)}" aria-label="counterpart {_e(o)}">→{_e(o.rsplit(":", 1)[-1])}</a>'
                                  for o in links.get(s["id"], []))
            extra = " headline" if s.get("headline") else ""
            data = f' data-links="{_e(" ".join(links[s["id"]]))}" tabindex="0"' if s["id"] in links else ""
            title = f"{s['id']}: {label}" + (f" ({s['set_aside']})" if s["set_aside"] else "")
            paragraphs[-1].append(f'<span class="st {cls}{extra}" id="s-{_e(s["id"])}" title="{_e(title)}"{data}>'
                                  f'{_marked(s["text"], marks.get(s["id"], []))}'
                                  f'{f"<sup>{symbol}</sup>" if symbol else ""}{counterpart}</span>')
        body = "".join(f'<p class="para">{" ".join(p)}</p>' for p in paragraphs)
        columns.append(f'<section class="column" aria-label="{_e(source)}"{_lang(_source_of(report).get(source))}>'
                       f'<h3>{_e(source)}</h3>{body}</section>')
    width = f"grid-template-columns:repeat({len(sources)},minmax(22rem,1fr))"
    return f'<h2>The sources side by side</h2><div class="texts" style="{width}">{"".join(columns)}</div>'


def _coverage_svg(report: dict) -> str:
    """The coverage matrix (claims carried by two or more sources, by source) as inline SVG,
    each cell a symbol as well as a shade."""
    claims, sources, marks = coverage_matrix(report)
    claims, marks = claims[:SVG_ROWS], marks[:SVG_ROWS]
    statements = _statements(report)
    cell, left = 18, 40
    top = 16 + 6 * max(len(s[:18]) for s in sources)  # room for the slanted source names
    label_x = left + cell * len(sources) + 8
    width, height = label_x + 520, top + cell * max(1, len(claims)) + 10
    fills = {"carries": "#2e7d4f", "differs": "#e08a2c", "absent": "#eeeeee"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="coverage: {len(claims)} claims by {len(sources)} sources">']
    for c, source in enumerate(sources):
        x = left + c * cell + cell // 2
        parts.append(f'<text x="{x}" y="{top - 6}" transform="rotate(-60 {x} {top - 6})">{_e(source[:18])}</text>')
    for r, (claim, row) in enumerate(zip(claims, marks)):
        y = top + r * cell
        parts.append(f'<text x="4" y="{y + 13}">{_e(claim["id"])}</text>')
        text = representative(claim, statements)
        parts.append(f'<text x="{label_x}" y="{y + 13}">{_e(text if len(text) <= 90 else text[:87] + "...")}</text>')
        for c, state in enumerate(row):
            x = left + c * cell
            parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fills[state]}">'
                         f"<title>{_e(claim['id'])} · {_e(sources[c])}: {state}</title></rect>"
                         f'<text x="{x + 4}" y="{y + 12}" fill="#fff">{MARK[state] if state != "absent" else ""}</text>')
    parts.append("</svg>")
    return (f"<h2>Coverage ({len(claims)} claims carried by two or more sources)</h2>"
            f'<p class="muted">{MARK["carries"]} reports it · {MARK["differs"]} reports it differently · blank: '
            f"absent</p>" + "".join(parts))
