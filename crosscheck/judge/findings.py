"""Findings of a story: what the judging stages start from (`Story`), and the findings of
two sources, pair by pair (the claims of three or more are in `claims.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Sequence

import numpy as np

from crosscheck.align import align_pair, anchor_bonus, anchor_frequency, cosine_matrix
from crosscheck.facts import FactSet, anchor_keys
from crosscheck.judge.verdict import Judge, PairInput, Verdict
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
    judge: Judge = field(default_factory=Judge)

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


def pairwise_findings(story: Story, threshold: float, min_salience: float) -> tuple[list[Finding], list[Finding]]:
    """Two or more sources compared pair by pair: aligned groups judged agree or diverge,
    their one-sided details, and statements no other source matches.

    Returns:
        The findings (agree and diverge in text order, then the one-sided, most salient
        first) and the possible divergences (below the judge's reporting threshold).
    """
    kept, facts = story.statements, story.facts
    anchors = story.anchors()
    frequency = anchor_frequency(anchors)
    others = story.others()
    groups = []
    for a, b in combinations(story.sources, 2):
        rows, cols = story.rows(a), story.rows(b)
        bonus = anchor_bonus([anchors[i] for i in rows], [anchors[j] for j in cols], frequency, len(kept))
        sim = cosine_matrix(story.vectors[rows], story.vectors[cols]) + bonus
        for group in align_pair(sim, threshold, evidence=bonus > 0):
            left = {i: kept[rows[i]] for i in group.left}
            right = {j: kept[cols[j]] for j in group.right}
            groups.append((a, b, group, left, right, sim))
    members = [(n, i, j) for n, (_, _, _, left, right, _) in enumerate(groups) for i in left for j in right]
    judged = story.judge.verdicts([
        PairInput(groups[n][3][i].text, groups[n][4][j].text, facts[groups[n][3][i].id], facts[groups[n][4][j].id],
                  groups[n][0], groups[n][1]) for n, i, j in members])
    by_group: dict[int, dict] = {}
    for (n, i, j), verdict in zip(members, judged):
        by_group.setdefault(n, {})[i, j] = verdict
    matched: set[str] = set()
    pairs, possible, details = [], [], []
    for n, (a, b, group, left, right, sim) in enumerate(groups):
        verdicts = by_group[n]
        matched.update(s.id for s in [*left.values(), *right.values()])
        found, maybe = _group_findings(group, verdicts, left, right, sim)
        pairs += found
        possible += maybe
        for source, side, other, only in ((a, left, right, lambda i, j: verdicts[i, j].only_left),
                                          (b, right, left, lambda j, i: verdicts[i, j].only_right)):
            for k, statement in side.items():
                # a fact is one-sided when no counterpart of the group has it
                new = [f for f in only(k, next(iter(other))) if all(f in only(k, o) for o in other)]
                new = story.new_facts(new, others[source])
                if new:
                    details.append(one_sided([statement.id], source, new, matched=[s.id for s in other.values()]))
    topic = story.topicality()
    lone = [one_sided([s.id], s.source, story.new_facts(facts[s.id].facts, others[s.source]), topic=float(topic[i]))
            for i, s in enumerate(kept) if s.id not in matched]
    order = {s.id: i for i, s in enumerate(kept)}
    pairs.sort(key=lambda f: [order[i] for i in f.statements])
    possible.sort(key=lambda f: [order[i] for i in f.statements])
    return pairs + ranked(details + lone, kept, min_salience), possible


def _group_findings(group, verdicts: dict[tuple[int, int], Verdict], left: dict[int, Statement],
                    right: dict[int, Statement], sim: np.ndarray) -> tuple[list[Finding], list[Finding]]:
    """An aligned group as findings, and its possible divergences. Its statements are judged
    two by two, so a divergence names the one statement of each side that carries it; a
    group without one is a single agreement (one sentence may sum up two)."""
    def finding(kind: Kind, i: int, j: int) -> Finding:
        v = verdicts[i, j]
        return Finding(kind, (left[i].id, right[j].id), round(float(sim[i, j]), 3), v.reasons,
                       confidence=v.confidence, judge=v.probabilities)

    diverging = [(i, j) for (i, j), v in verdicts.items() if v.reported]
    possible = [finding(Kind.DIVERGE, i, j) for (i, j), v in verdicts.items() if v.reasons and not v.reported]
    if not diverging:
        agreeing = [v for v in verdicts.values() if not v.reasons]
        ids = tuple(s.id for s in [*left.values(), *right.values()])
        confidence = min((v.confidence for v in agreeing), default=None)
        judge = agreeing[0].probabilities if len(verdicts) == 1 and agreeing else None
        return ([Finding(Kind.AGREE, ids, round(group.similarity, 3), confidence=confidence, judge=judge)]
                if agreeing else []), possible
    out = [finding(Kind.DIVERGE, i, j) for i, j in diverging]
    in_divergence = {("l", i) for i, _ in diverging} | {("r", j) for _, j in diverging}
    for (i, j), v in verdicts.items():  # members outside every divergence still agree with theirs
        if not v.reasons and not {("l", i), ("r", j)} <= in_divergence:
            out.append(finding(Kind.AGREE, i, j))
    return out, possible


def _language(story: Story, source: str) -> str:
    rows = story.rows(source)
    return story.facts[story.statements[rows[0]].id].language if rows else "en"
