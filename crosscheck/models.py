"""Plain data passed from stage to stage. Everything here is frozen."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    AGREE = "agree"
    DIVERGE = "diverge"
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

    @property
    def kept(self) -> bool:
        return self.set_aside is None


@dataclass(frozen=True)
class Fact:
    """One checkable item pulled out of a statement.

    `kind` is one of number, date, name, negation, denial, modality, attribution, quote,
    detail (words only one of two near-identical statements has).
    `key` is the normalised value used for comparison; `text` is what the article says.
    `slot` groups facts that can conflict (numbers of the same unit, dates of the same
    granularity, ...); two facts only conflict when their slots are equal.
    """

    kind: str
    key: str
    text: str
    slot: str = ""


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
    verdict: str  # consensus (a majority carries it, no conflict), partial, contested, single
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


@dataclass(frozen=True)
class Report:
    sources: tuple[SourceInfo, ...]
    statements: tuple[Statement, ...]
    findings: tuple[Finding, ...]
    model: str = ""
    settings: dict[str, float] = field(default_factory=dict)
    claims: tuple[Claim, ...] | None = None  # three or more sources only

    def to_dict(self) -> dict:
        from crosscheck.render.data import report_to_dict

        return report_to_dict(self)
