"""Findings of a story: what the judging stages start from (`Story`), and the findings of
two sources, pair by pair (the claims of three or more are in `claims.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from typing import Sequence

import numpy as np

from crosscheck.align import Group, StoryIndex, align_pair, best_matches
from crosscheck.facts import FactSet, anchor_keys
from crosscheck.lang import DEFAULT_LANGUAGE, lexicon
from crosscheck.judge.quotes import QUOTE_RUN
from crosscheck.judge.verdict import Judge, PairInput, Verdict
from crosscheck.judge.salience import SourceIndex, novel, outermost, reportable_facts, salience
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

    @cached_property
    def position(self) -> dict[str, float]:
        """Where each statement stands in its article: 0 the headline or first, 1 the last."""
        out = {}
        for source in self.sources:
            rows = self.rows(source)
            out.update({self.statements[i].id: n / max(1, len(rows) - 1) for n, i in enumerate(rows)})
        return out

    def rows(self, source: str) -> list[int]:
        return [i for i, s in enumerate(self.statements) if s.source == source]

    def index(self) -> StoryIndex:
        """Each statement's anchors, content words (stems of 3+ letters, no function words),
        named speakers (the words of its attributions to someone named) and runs of its
        direct quotes, for alignment."""
        terms, speakers = [], []
        for s in self.statements:
            facts = self.facts[s.id]
            lex = lexicon(facts.language)
            terms.append(frozenset(t for t in facts.stems if len(t) > 2 and t not in lex.function_words))
            names = {w for f in facts.of("name") for w in f.key.split()}  # "Officials said" names no one
            speakers.append(frozenset(w for f in facts.of("attribution") for w in f.key.split() if w in names))
        return StoryIndex.build([anchor_keys(self.facts[s.id]) for s in self.statements], terms, speakers,
                                [_quote_shingles(self.facts[s.id]) for s in self.statements])

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
              matched: Sequence[str] = (), position: float = 0.0) -> Finding:
    """A one-sided finding: a whole statement (`topic` given: its topicality) or a detail
    of a matched pair (`matched`: the counterpart statements); `position` in its article
    (0 the lead, 1 the end)."""
    whole = topic is not None
    score = salience(facts, whole_statement=whole, topicality=topic if whole else 1.0, position=position)
    return Finding(Kind.ONE_SIDED, tuple(statements), source=source, facts=tuple(f.text for f in outermost(facts)),
                   salience=score, matched=tuple(matched))


def ranked(findings: list[Finding], statements: Sequence[Statement], min_salience: float) -> list[Finding]:
    """One-sided findings at or above `min_salience`, most salient first, then in text order."""
    order = {s.id: i for i, s in enumerate(statements)}
    kept = [f for f in findings if f.salience >= min_salience]
    return sorted(kept, key=lambda f: (-f.salience, order[f.statements[0]]))


@dataclass
class Aligned:
    """One aligned group of a pair of sources (`a`, `b`), and its member pairs' verdicts."""

    a: str
    b: str
    group: Group
    left: dict[int, Statement]  # row of `sim` -> statement of `a`
    right: dict[int, Statement]  # column of `sim` -> statement of `b`
    sim: np.ndarray
    verdicts: dict[tuple[int, int], Verdict] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [s.id for s in [*self.left.values(), *self.right.values()]]


def pairwise_findings(story: Story, threshold: float, min_salience: float) -> tuple[list[Finding], list[Finding]]:
    """Two or more sources compared pair by pair: aligned groups judged agree or diverge,
    their one-sided details, and statements no other source matches.

    Returns:
        The findings (agree and diverge in text order, then the one-sided, most salient
        first) and the possible divergences (below the judge's reporting threshold).
    """
    aligned = _align(story, threshold)
    _judge(story, aligned)
    others = story.others()
    pairs, possible = [], []
    for item in aligned:
        found, maybe = _group_findings(item)
        pairs += found
        possible += maybe
    details = _details(story, aligned, others)
    matched = {i for item in aligned for i in item.ids}
    topic = story.topicality()
    lone = [one_sided([s.id], s.source, story.new_facts(story.facts[s.id].facts, others[s.source]), topic=float(topic[i]),
                      position=story.position[s.id])
            for i, s in enumerate(story.statements) if s.id not in matched]
    order = {s.id: i for i, s in enumerate(story.statements)}
    pairs.sort(key=lambda f: [order[i] for i in f.statements])
    possible.sort(key=lambda f: [order[i] for i in f.statements])
    return pairs + ranked(details + lone, story.statements, min_salience), possible


def _align(story: Story, threshold: float) -> list[Aligned]:
    """Every source pair's aligned groups: `StoryIndex.scores`, then `align_pair`."""
    kept, index = story.statements, story.index()
    out = []
    for a, b in combinations(story.sources, 2):
        rows, cols = story.rows(a), story.rows(b)
        sim, evidence = index.scores(story.vectors, rows, cols)
        headlines = (np.array([kept[i].headline for i in rows], dtype=bool),
                     np.array([kept[j].headline for j in cols], dtype=bool))
        for group in align_pair(sim, threshold, evidence=evidence, headlines=headlines):
            out.append(Aligned(a, b, group, {i: kept[rows[i]] for i in group.left},
                               {j: kept[cols[j]] for j in group.right}, sim))
    return out


def _judge(story: Story, aligned: list[Aligned]) -> None:
    """Every member pair of every group, in one batch (the trained judge runs once)."""
    members = [(item, i, j) for item in aligned for i in item.left for j in item.right]
    inputs = [PairInput(item.left[i].text, item.right[j].text, story.facts[item.left[i].id],
                        story.facts[item.right[j].id], item.a, item.b) for item, i, j in members]
    for (item, i, j), verdict in zip(members, story.judge.verdicts(inputs)):
        item.verdicts[i, j] = verdict


def _details(story: Story, aligned: list[Aligned], others: dict[str, list[SourceIndex]]) -> list[Finding]:
    """Each matched statement's one-sided details: facts none of its counterparts (in every
    group it is in) has, and that the other source mentions nowhere. One finding per statement."""
    only: dict[str, list[tuple[Fact, ...]]] = {}
    counterparts: dict[str, list[str]] = {}
    source_of: dict[str, str] = {}
    for item in aligned:
        for (i, j), verdict in sorted(item.verdicts.items()):
            for mine, theirs, facts in ((item.left[i], item.right[j], verdict.only_left),
                                        (item.right[j], item.left[i], verdict.only_right)):
                only.setdefault(mine.id, []).append(tuple(facts))
                counterparts.setdefault(mine.id, []).append(theirs.id)
                source_of[mine.id] = mine.source
    out = []
    for sid, lists in only.items():
        facts = [f for f in lists[0] if all(f in other for other in lists[1:])]
        facts = story.new_facts(facts, others[source_of[sid]])
        if facts:
            out.append(one_sided([sid], source_of[sid], facts, matched=list(dict.fromkeys(counterparts[sid])),
                                 position=story.position[sid]))
    return out


def _group_findings(item: Aligned) -> tuple[list[Finding], list[Finding]]:
    """An aligned group as findings, and its possible divergences. Its statements are judged
    two by two, so a divergence names the one statement of each side that carries it; a
    group without one is a single agreement (one sentence may sum up two)."""
    verdicts, left, right, sim = item.verdicts, item.left, item.right, item.sim

    def finding(kind: Kind, i: int, j: int, reasons=None) -> Finding:
        v = verdicts[i, j]
        return Finding(kind, (left[i].id, right[j].id), round(float(sim[i, j]), 3),
                       v.reasons if reasons is None else reasons, confidence=v.confidence, judge=v.probabilities)

    best_right, best_left = best_matches(sim, None)  # among all statements, headlines included
    counted = {(i, j): v.counted(best_right[i] == j and best_left[j] == i, float(sim[i, j]))
               for (i, j), v in verdicts.items()}
    diverging = [pair for pair, reasons in counted.items() if reasons]
    possible = [finding(Kind.DIVERGE, i, j) for (i, j), v in verdicts.items() if v.reasons and (i, j) not in diverging]
    if not diverging:
        agreeing = [v for v in verdicts.values() if not v.reasons]
        confidence = min((v.confidence for v in agreeing), default=None)
        judge = agreeing[0].probabilities if len(verdicts) == 1 and agreeing else None
        return ([Finding(Kind.AGREE, tuple(item.ids), round(item.group.similarity, 3), confidence=confidence, judge=judge)]
                if agreeing else []), possible
    out = [finding(Kind.DIVERGE, i, j, counted[i, j]) for i, j in diverging]
    in_divergence = {("l", i) for i, _ in diverging} | {("r", j) for _, j in diverging}
    for (i, j), v in verdicts.items():  # members outside every divergence still agree with theirs
        if not v.reasons and not {("l", i), ("r", j)} <= in_divergence:
            out.append(finding(Kind.AGREE, i, j))
    return out, possible


def _language(story: Story, source: str) -> str:
    rows = story.rows(source)
    return story.facts[story.statements[rows[0]].id].language if rows else DEFAULT_LANGUAGE


def _quote_shingles(facts: FactSet) -> frozenset[str]:
    """Every run of QUOTE_RUN words of a statement's direct quotes: a quote that two
    outlets reproduce links their statements, however differently they frame it."""
    out = set()
    for quote in facts.of("quote"):
        words = quote.key.split()
        out.update(" ".join(words[i:i + QUOTE_RUN]) for i in range(len(words) - QUOTE_RUN + 1))
    return frozenset(out)
