"""What is worth naming as one-sided, whether another source mentions it anywhere, and how
much a one-sided finding matters (salience). Weights come from the kinds' registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from crosscheck.facts import (
    KINDS, FactSet, date_mentioned, holds_words, name_mentioned, number_key, stem_words, whole_word_spans, words_to_number,
)
from crosscheck.lang import DEFAULT_LANGUAGE, lexicon
from crosscheck.lang.morph import numerals
from crosscheck.judge.across import written_elsewhere
from crosscheck.models import Fact

PER_KIND = 3  # facts of one kind past this many add nothing to salience
POSITION_WEIGHT = 0.5  # news is written lead first: the last statement weighs half the first


def salience(facts: Sequence[Fact], *, whole_statement: bool, topicality: float = 1.0, position: float = 0.0) -> float:
    """0..1: how much a one-sided finding matters. Facts weigh; colour barely does; what an
    article says first weighs more than what it says last.

    Args:
        facts: the finding's one-sided facts.
        whole_statement: the statement has no counterpart at all (not a detail of a pair).
        topicality: for whole statements, the cosine to the other sources' centroid.
        position: where the statement stands in its article, 0 (headline, lead) to 1 (end).
    """
    keep = 1.0
    per_kind: dict[str, int] = {}
    for fact in facts:
        per_kind[fact.kind] = per_kind.get(fact.kind, 0) + 1
        if per_kind[fact.kind] <= PER_KIND:
            keep *= 1 - KINDS[fact.kind].weight_of(fact.slot)
    score = 1 - keep
    if whole_statement:
        score = 0.2 + 0.8 * score
        score *= 0.75 + 0.25 * max(0.0, min(1.0, topicality))
    score *= 1 - POSITION_WEIGHT * max(0.0, min(1.0, position))
    return round(score, 3)


def reportable_facts(facts: Iterable[Fact]) -> list[Fact]:
    """The facts worth naming as one-sided (no weekdays or "last year"), one per text."""
    out, seen = [], set()
    for f in facts:
        declared = KINDS[f.kind]
        if declared.reportable and f.slot not in declared.minor_slots and f.text not in seen:
            seen.add(f.text)
            out.append(f)
    return out


def outermost(facts: Sequence[Fact]) -> list[Fact]:
    """The facts no other of them holds: "Union" goes where “State of the Union.” is one, a
    holder "Thomas J" where the name "Thomas J. Reese" is."""
    return [f for f in facts if not any(g.text != f.text and whole_word_spans(g.text, [f.text]) for g in facts)]


@dataclass(frozen=True)
class SourceIndex:
    """What one source mentions anywhere: word stems, fact keys, kinds present."""

    stems: frozenset[str]
    keys: frozenset[tuple[str, str]]
    kinds: frozenset[str]
    language: str = DEFAULT_LANGUAGE
    names: frozenset[str] = frozenset()  # the keys of the entities (names) it holds

    @classmethod
    def build(cls, fact_sets: Sequence[FactSet], language: str = DEFAULT_LANGUAGE) -> SourceIndex:
        stems = frozenset().union(*(f.stems for f in fact_sets)) if fact_sets else frozenset()
        # the parts of a hyphenated word are mentioned too: "(R-Ohio)" names Ohio, "one-in-three" says 1 and 3
        lex = lexicon(language)
        parts = {part for stem in stems if "-" in stem for part in stem.split("-") if part}
        spelled = [word for part in sorted(parts) for word in lex.name_aliases.get(part, part).split()]  # "D-Nev."
        stems |= frozenset(stem_words(spelled, language))
        numbers = {number_key(value) for part in parts if (value := words_to_number(part, lex)) is not None}
        if lex.number_lemmas and lex.morphology:  # "вісім" mentions "eight" (text2num reads no Cyrillic)
            forms = numerals(lex.morphology, tuple(sorted(lex.number_lemmas.items())))
            spelt = (word.replace("\u02bc", "'") for fs in fact_sets for word in fs.words)  # пʼять
            numbers |= {number_key(forms[word]) for word in spelt if word in forms}
        keys = frozenset((f.kind, f.key) for fs in fact_sets for f in fs.facts) | {("number", n) for n in numbers}
        names = frozenset(key for kind, key in keys if KINDS[kind].mentioned == "entity")
        return cls(stems, keys, frozenset(kind for kind, _ in keys), language, names)

    def mentions(self, fact: Fact) -> bool:
        how = KINDS[fact.kind].mentioned
        if how == "entity":  # one entity named several ways, or in another script
            return (name_mentioned(fact.key, self.stems, self.names, self.language)
                    or written_elsewhere(fact.key, self.names))
        if how == "date":
            return date_mentioned(fact.key, {key for kind, key in self.keys if kind == fact.kind})
        if how == "words":
            return holds_words(fact.key, self.stems, self.language)
        if how == "any":
            return fact.kind in self.kinds
        if how == "never":
            return False
        return (fact.kind, fact.key) in self.keys


def novel(facts: Iterable[Fact], others: Sequence[SourceIndex]) -> list[Fact]:
    """The facts that no other source mentions anywhere in its text."""
    return [f for f in facts if not any(o.mentions(f) for o in others)]
