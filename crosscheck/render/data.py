"""Report -> plain dict, schema `crosscheck.report/1`. Renderers only see this dict."""

from __future__ import annotations

from crosscheck.models import Claim, Finding, Kind, Report

SCHEMA = "crosscheck.report/1"


def report_to_dict(report: Report) -> dict:
    one_sided = {s.id: 0 for s in report.sources}
    counts = {"agree": 0, "diverge": 0}
    for f in report.findings:
        if f.kind is Kind.ONE_SIDED:
            one_sided[f.source] += 1
        else:
            counts[f.kind.value] += 1
    return {
        "schema": SCHEMA,
        "model": report.model,
        "settings": dict(report.settings),
        "sources": [
            {"id": s.id, "title": s.title, "path": s.path, "url": s.url, "date": s.date,
             "statements": s.statements, "set_aside": s.set_aside}
            for s in report.sources
        ],
        "statements": [
            {"id": s.id, "source": s.source, "text": s.text, "start": s.start, "end": s.end, "set_aside": s.set_aside}
            for s in report.statements
        ],
        "findings": [_finding(f) for f in report.findings],
        "summary": {**counts, "one_sided": one_sided, "set_aside": sum(1 for s in report.statements if not s.kept)},
    } | ({} if report.claims is None else {"claims": [_claim(c) for c in report.claims]})


def _claim(c: Claim) -> dict:
    return {"id": c.id, "verdict": c.verdict, "sources": list(c.sources), "absent": list(c.absent),
            "statements": list(c.statements),
            "values": [{"type": v.type, "by_source": dict(v.by_source), "majority": v.majority,
                        "outliers": list(v.outliers)} for v in c.values]}


def _finding(f: Finding) -> dict:
    if f.kind is Kind.ONE_SIDED:
        return {"kind": f.kind.value, "source": f.source, "statements": list(f.statements), "facts": list(f.facts),
                "salience": f.salience, "matched": list(f.matched)}
    return {"kind": f.kind.value, "statements": list(f.statements), "similarity": f.similarity,
            "reasons": [{"type": r.type, "values": dict(r.values)} for r in f.reasons]}
