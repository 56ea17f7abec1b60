"""The registry of fact kinds: each kind declared once, beside its extractor, with what
the other stages need to know about it (spaCy's `@Language.factory` is the model).

    @fact_kind("percent", title="different percentage", weight=0.35, anchors=True, claims_text=True)
    def extract_percents(text, lex, taken): ...

Compare, claims and render read these declarations; none of them lists kinds by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from crosscheck.lang import Lexicon
    from crosscheck.models import Fact

    Extractor = Callable[[str, Lexicon, list[tuple[int, int]]], list[Fact]]

# How a source is said to mention a fact of this kind anywhere in its text:
# "key" the same normalised value, "words" every word of it, "entity" the same entity named
# any of its ways (names: `names.name_mentioned`), "date" the same date or the same less
# precise (`dates.date_mentioned`), "any" any fact of the kind, "never".
MENTIONS = ("key", "words", "entity", "date", "any", "never")


@dataclass(frozen=True)
class FactKind:
    name: str
    title: str  # how a conflict of this kind is named in reports
    order: int  # the kinds' order in facts and in a finding's reasons
    weight: float = 0.1  # salience of one one-sided fact of this kind
    anchors: bool = False  # a shared rare value supports an alignment link
    reportable: bool = True  # may be named as a one-sided fact
    values: bool = False  # conflicts are values of the same slot and unit that differ
    loose_slots: frozenset[str] = frozenset()  # slots whose only values on each side conflict even when units differ
    minor_slots: frozenset[str] = frozenset()  # slots that weigh little, are never reported and anchor nothing
    claims_text: bool = False  # extracted first; later extractors may skip the text it covers
    mentioned: str = "key"
    extract: Extractor | None = None  # None: the kind comes from comparing (a reason or a detail)

    def weight_of(self, slot: str) -> float:
        return 0.1 if slot in self.minor_slots else self.weight


KINDS: dict[str, FactKind] = {}


def fact_kind(name: str, **declaration) -> Callable[[Extractor], Extractor]:
    """Register the decorated function as the extractor of a kind of fact."""

    def register(extract: Extractor) -> Extractor:
        declare_kind(name, extract=extract, **declaration)
        return extract

    return register


def declare_kind(name: str, **declaration) -> FactKind:
    """Register a kind with no extractor of its own (found by comparing two statements)."""
    if name in KINDS:
        raise ValueError(f"fact kind {name!r} is declared twice")
    kind = FactKind(name, **declaration)
    if kind.mentioned not in MENTIONS:
        raise ValueError(f"fact kind {name!r}: mentioned must be one of {MENTIONS}")
    KINDS[name] = kind
    ordered = sorted(KINDS.values(), key=lambda k: (k.order, k.name))
    KINDS.clear()
    KINDS.update((k.name, k) for k in ordered)
    return kind
