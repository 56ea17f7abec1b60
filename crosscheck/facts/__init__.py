"""Stage 6, facts: what a statement asserts that can be checked against another source.

`extract_facts(text)` runs every registered kind's extractor (`registry.py`; the kinds
live in `quantities.py`, `dates.py`, `names.py` and `cues.py`) and counts negations.
Patterns come from the language's lexicon; number words go through text2num, dates
through dateutil, stems through Snowball. Nothing here depends on a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

# The kind modules register themselves on import; this package imports them all.
from crosscheck.facts import cues, dates, names, quantities  # noqa: F401
from crosscheck.facts.dates import date_mentioned
from crosscheck.facts.names import name_mentioned, normalise, same_entity, same_holder, spelled_alike
from crosscheck.facts.quantities import number_key, words_to_number
from crosscheck.facts.registry import KINDS, FactKind
from crosscheck.facts.stems import antonyms, are_synonyms, holds_words, stem_words
from crosscheck.lang import DEFAULT_LANGUAGE, lexicon
from crosscheck.models import Fact

TOKEN = re.compile(r"[\w'’-]+")
CLAUSE_MARK = re.compile(r"[,;:.!?—–]")

__all__ = ["KINDS", "FactKind", "FactSet", "anchor_keys", "antonyms", "are_synonyms", "date_mentioned", "extract_facts", "holds_words", "name_mentioned",
           "normalise", "number_key", "same_entity", "same_holder", "spelled_alike", "stem_words", "whole_word_spans",
           "words_to_number"]


@dataclass(frozen=True)
class FactSet:
    """All facts of one statement (or of several joined), in the kinds' order."""

    facts: tuple[Fact, ...]
    words: tuple[str, ...]  # lower-cased word tokens, for diffs
    stems: frozenset[str]
    negations: int
    tokens: tuple[str, ...] = ()  # the same tokens as written, for showing a diff
    language: str = DEFAULT_LANGUAGE
    offsets: tuple[int, ...] = ()  # where each token starts in the text
    breaks: frozenset[int] = frozenset()  # tokens a clause mark (, ; : — .) comes before

    def of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]


def extract_facts(text: str, language: str = DEFAULT_LANGUAGE) -> FactSet:
    """Every registered kind's facts of `text`, deduplicated by (kind, key).

    Args:
        text: one statement (or several joined by spaces).
        language: the lexicon to read it with.
    Returns:
        A `FactSet`; the same text gives the same (cached) object.
    """
    return _extract_cached(text, language)


@lru_cache(maxsize=65536)
def _extract_cached(text: str, language: str) -> FactSet:
    lex = lexicon(language)
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    extractors = [k for k in KINDS.values() if k.extract is not None]
    for declared in sorted(extractors, key=lambda k: not k.claims_text):  # stable: registry order within each
        facts = declared.extract(text, lex, taken if not declared.claims_text else [])
        if declared.claims_text:
            taken += [(f.start, f.end) for f in facts]
        found += facts
    matches = list(TOKEN.finditer(text))
    tokens = tuple(m.group(0) for m in matches)
    words = tuple(w.lower().replace("\u2019", "'") for w in tokens)  # don’t and don't are one word
    negations = len(lex.negation.findall(text))
    breaks = frozenset(k for k in range(1, len(matches)) if CLAUSE_MARK.search(text, matches[k - 1].end(), matches[k].start()))
    return FactSet(tuple(_dedupe(found)), words, frozenset(stem_words(words, language)), negations, tokens, language,
                   tuple(m.start() for m in matches), breaks)


def anchor_keys(facts: FactSet) -> frozenset[str]:
    """The facts of kinds that anchor an alignment (names, numbers, dates, ...), as keys."""
    return frozenset(f"{f.kind}:{f.key}" for f in facts.facts
                     if KINDS[f.kind].anchors and f.slot not in KINDS[f.kind].minor_slots)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        if (f.kind, f.key) not in seen:
            seen.add((f.kind, f.key))
            out.append(f)
    return out


def whole_word_spans(text: str, values: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each whole-word occurrence of the values in `text`, not overlapping:
    the leftmost first, the longest where two start together."""
    found = []
    for value in {v for v in values if v and v in text}:
        start = text.find(value)
        while start >= 0:
            end = start + len(value)
            if not (start > 0 and _word_char(text[start - 1])) and not (end < len(text) and _word_char(text[end])):
                found.append((start, end))
            start = text.find(value, start + 1)
    spans, pos = [], 0
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if start >= pos:
            spans.append((start, end))
            pos = end
    return spans


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
