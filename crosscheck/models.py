"""Plain data passed from stage to stage. Everything here is frozen."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    AGREE = "agree"
    DIVERGE = "diverge"
    RELATED = "related"  # matched on the same point, not the same fact: never an agreement
    ONE_SIDED = "one_sided"


@dataclass(frozen=True)
class Article:
    """One source as read from disk or given by a caller."""

    id: str
    title: str
    text: str
    path: str | None = None
    url: str | None = None  # where it was published, when the caller knows (batch manifests)
    date: str | None = None  # publication date as given, not parsed
    language: str = "en"  # which lexicon reads it (crosscheck.lang.LANGUAGES)


@dataclass(frozen=True)
class Statement:
    """A sentence-sized span of an article, with offsets into `Article.text`."""

    id: str
    source: str
    text: str
    start: int
    end: int
    set_aside: str | None = None  # reason, when the line is page chrome or off-topic
    paragraph: int = 0  # 1-based paragraph (block between blank lines) of the source
    headline: bool = False  # the article's headline, compared like any other statement

    @property
    def kept(self) -> bool:
        return self.set_aside is None


@dataclass(frozen=True)
class Fact:
    """One checkable item pulled out of a statement.

    `kind` names a registered kind (`crosscheck.facts.KINDS`: number, percent, date, name,
    denial, modality, attribution, quote, detail, ...). `key` is the normalised value used
    for comparison; `text` is what the article says. Two values can conflict only when
    their `slot` (count, money, day, year, ...) and `unit` (the currency, the thing
    counted) are equal. `start`/`end` are offsets into the statement's text (-1: none).
    """

    kind: str
    key: str
    text: str
    slot: str = ""
    unit: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Match:
    """Statements of two sources that report the same thing (one-to-many allowed)."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    similarity: float


@dataclass(frozen=True)
class Reason:
    type: str  # number, date, name, negation, denial, modality, attribution, antonym, wording
    values: dict[str, str]


@dataclass(frozen=True)
class Finding:
    kind: Kind
    statements: tuple[str, ...]
    similarity: float | None = None
    reasons: tuple[Reason, ...] = ()
    source: str | None = None  # one-sided findings only
    facts: tuple[str, ...] = ()  # one-sided findings only
    salience: float | None = None  # one-sided findings only
    matched: tuple[str, ...] = ()  # one-sided details: the counterpart statements
    confidence: float | None = None  # agree and diverge: how sure the judge is of this verdict, 0 to 1
    judge: dict[str, float] | None = None  # the trained judge's probabilities, when it ran
    same_fact: float | None = None  # pairs: P(the statements report the same fact), 0 to 1
    shared: tuple[str, ...] = ()  # agree and diverge: the values and quoted words both statements give


@dataclass(frozen=True)
class ClaimValues:
    """What each source says for one kind of fact a claim's carriers disagree on."""

    type: str
    by_source: dict[str, str]
    majority: str | None  # the value most sources give, when more than half of them do
    outliers: tuple[str, ...]  # sources that give another value than the majority


@dataclass(frozen=True)
class Claim:
    """Statements of several sources that report the same thing (three or more sources)."""

    id: str
    statements: tuple[str, ...]
    sources: tuple[str, ...]  # the sources that carry it, in source order
    absent: tuple[str, ...]  # the sources that don't
    verdict: str  # consensus (every source carries it, one fact, no conflict), partial (two or more, not all), contested,
    # related (its statements are on one point but are not all one fact), single
    values: tuple[ClaimValues, ...] = ()


@dataclass(frozen=True)
class SourceInfo:
    id: str
    title: str
    path: str | None
    statements: int
    set_aside: int
    url: str | None = None
    date: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Report:
    sources: tuple[SourceInfo, ...]
    statements: tuple[Statement, ...]
    findings: tuple[Finding, ...]
    model: str = ""
    settings: dict[str, float | str] = field(default_factory=dict)
    claims: tuple[Claim, ...] | None = None  # three or more sources only
    possible: tuple[Finding, ...] = ()  # divergences below the reporting threshold

    def to_dict(self) -> dict:
        """The report as plain data, schema `crosscheck.report/1` (what renderers read)."""
        return report_to_dict(self)


SCHEMA = "crosscheck.report/1"


def report_to_dict(report: Report) -> dict:
    one_sided = {s.id: 0 for s in report.sources}
    counts = {"agree": 0, "diverge": 0, "related": 0}
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
            {"id": s.id, "title": s.title, "path": s.path, "url": s.url, "date": s.date, "language": s.language,
             "statements": s.statements, "set_aside": s.set_aside}
            for s in report.sources
        ],
        "statements": [
            {"id": s.id, "source": s.source, "text": s.text, "start": s.start, "end": s.end, "set_aside": s.set_aside,
             "headline": s.headline, "paragraph": s.paragraph}
            for s in report.statements
        ],
        "findings": [_finding(f) for f in report.findings],
        "possible_divergences": [_finding(f) for f in report.possible],
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
            "same_fact": f.same_fact, "shared": list(f.shared),
            "reasons": [{"type": r.type, "values": dict(r.values)} for r in f.reasons],
            "confidence": f.confidence, "judge": f.judge}
