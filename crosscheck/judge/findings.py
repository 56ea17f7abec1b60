"""Findings of a story: what the judging stages start from (`Story`), and the findings of
two sources, pair by pair (the claims of three or more are in `claims.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Sequence

import numpy as np

from crosscheck.align import align_pair, anchor_bonus, anchor_frequency, cosine_matrix
from crosscheck.facts import FactSet, anchor_keys, extract_facts
from crosscheck.judge.pair import judge_pair
from crosscheck.judge.salience import SourceIndex, novel, reportable_facts, salience
from crosscheck.models import Fact, Finding, Kind, Statement
from crosscheck.topic import topicality


@dataclass(frozen=True)
class Story:
    """A story's kept statements, their vectors (rows in the same order) and facts."""

    sources: tuple[str, ...]
    statements: tuple[Statement, ...]
    vectors: np.ndarray
    facts: dict[str, FactSet]

    def rows(self, source: str) -> list[int]:
        return [i for i, s in enumerate(self.statements) if s.source == source]

    def anchors(self) -> list[frozenset[str]]:
        return [anchor_keys(self.facts[s.id]) for s in self.statements]

    def topicality(self) -> np.ndarray:
        return topicality(self.vectors, [s.source for s in self.statements])

    def others(self) -> dict[str, list[SourceIndex]]:
        """For each source, what every other source mentions."""
        index = {source: SourceIndex.build([self.facts[self.statements[i].id] for i in self.rows(source)],
                                           _language(self, source)) for source in self.sources}
        return {a: [index[b] for b in self.sources if b != a] for a in self.sources}

    def new_facts(self, facts: Sequence[Fact], others: list[SourceIndex]) -> list[Fact]:
        """The reportable facts that no other source mentions."""
        return novel(reportable_facts(facts), others)


def one_sided(statements: Sequence[str], source: str, facts: Sequence[Fact], *, topic: float | None = None,
              matched: Sequence[str] = ()) -> Finding:
    """A one-sided finding: a whole statement (`topic` given: its topicality) or a detail
    of a matched pair (`matched`: the counterpart statements)."""
    whole = topic is not None
    score = salience(facts, whole_statement=whole, topicality=topic if whole else 1.0)
    return Finding(Kind.ONE_SIDED, tuple(statements), source=source, facts=tuple(f.text for f in facts),
                   salience=score, matched=tuple(matched))


def ranked(findings: list[Finding], statements: Sequence[Statement], min_salience: float) -> list[Finding]:
    """One-sided findings at or above `min_salience`, most salient first, then in text order."""
    order = {s.id: i for i, s in enumerate(statements)}
    kept = [f for f in findings if f.salience >= min_salience]
    return sorted(kept, key=lambda f: (-f.salience, order[f.statements[0]]))


def pairwise_findings(story: Story, threshold: float, min_salience: float) -> list[Finding]:
    """Two or more sources compared pair by pair: aligned groups judged agree or diverge,
    their one-sided details, and statements no other source matches.

    Returns:
        The agree and diverge findings in text order, then the one-sided, most salient first.
    """
    kept, facts = story.statements, story.facts
    anchors = story.anchors()
    frequency = anchor_frequency(anchors)
    others = story.others()
    matched: set[str] = set()
    pairs: list[Finding] = []
    details: list[Finding] = []
    for a, b in combinations(story.sources, 2):
        rows, cols = story.rows(a), story.rows(b)
        bonus = anchor_bonus([anchors[i] for i in rows], [anchors[j] for j in cols], frequency, len(kept))
        sim = cosine_matrix(story.vectors[rows], story.vectors[cols]) + bonus
        for group in align_pair(sim, threshold, evidence=bonus > 0):
            left = [kept[rows[i]] for i in group.left]
            right = [kept[cols[j]] for j in group.right]
            ids = tuple(s.id for s in left + right)
            matched.update(ids)
            judgement = judge_pair(_joined(left, facts), _joined(right, facts), a, b)
            kind = Kind.DIVERGE if judgement.reasons else Kind.AGREE
            pairs.append(Finding(kind, ids, round(group.similarity, 3), judgement.reasons))
            for source, side, other, only in ((a, left, right, judgement.only_left), (b, right, left, judgement.only_right)):
                found = story.new_facts(only, others[source])
                if found:
                    details.append(one_sided([s.id for s in side], source, found, matched=[s.id for s in other]))
    topic = story.topicality()
    lone = [one_sided([s.id], s.source, story.new_facts(facts[s.id].facts, others[s.source]), topic=float(topic[i]))
            for i, s in enumerate(kept) if s.id not in matched]
    order = {s.id: i for i, s in enumerate(kept)}
    pairs.sort(key=lambda f: [order[i] for i in f.statements])
    return pairs + ranked(details + lone, kept, min_salience)


def _joined(statements: list[Statement], facts: dict[str, FactSet]) -> FactSet:
    first = facts[statements[0].id]
    if len(statements) == 1:
        return first
    return extract_facts(" ".join(s.text for s in statements), first.language)


def _language(story: Story, source: str) -> str:
    rows = story.rows(source)
    return story.facts[story.statements[rows[0]].id].language if rows else "en"
