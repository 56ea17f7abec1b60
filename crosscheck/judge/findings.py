"""Findings of a story: what the judging stages start from (`Story`), and the findings of
two sources, pair by pair (the claims of three or more are in `claims.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from typing import Callable, Sequence

import numpy as np

from crosscheck.align import Calibration, Group, StoryIndex, align_pair, best_matches, nearby_pairs, other_speakers
from crosscheck.facts import FactSet, anchor_keys
from crosscheck.lang import DEFAULT_LANGUAGE, lexicon
from crosscheck.judge.quotes import QUOTE_RUN
from crosscheck.judge.same_fact import CONFLICT_AT, SAME_FACT_AT, SAME_SOURCE_COSINE, PairContext, probability, ranks, shared_facts
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
    encode_facts: Callable[[Sequence[str]], np.ndarray] | None = None  # the same-fact encoder; None: `vectors` stand in
    calibration: Calibration | None = None  # `vectors`' cosine onto MiniLM's scale (a story in several languages)
    across: Calibration | None = None  # the same-fact encoder's cosine of two languages as in one (`one_language`)

    def cosine(self, p: int, q: int) -> float:
        """The cosine of two statements' vectors, on MiniLM's scale, 0 to 1."""
        value = np.float32(self.vectors[p] @ self.vectors[q])
        if self.calibration is not None:
            shift = self.gap(self.statements[p].source, self.statements[q].source)
            value = self.calibration.apply(np.array([value]), shift)[0]
        return float(np.clip(value, 0.0, 1.0))

    def gap(self, a: str, b: str) -> float:
        """How far two sources' cosines sit from the typical (0 without a calibration): two
        languages sit further apart than one."""
        if self.calibration is None or a == b:
            return 0.0
        key = (a, b) if a < b else (b, a)
        if key not in self._gaps:
            self._gaps[key] = self.calibration.shift(self.vectors, self.rows(key[0]), self.rows(key[1]))
        return self._gaps[key]

    @cached_property
    def _gaps(self) -> dict[tuple[str, str], float]:
        return {}

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
                                [_quote_shingles(self.facts[s.id]) for s in self.statements], self.calibration,
                                tuple(s.source for s in self.statements),
                                tuple(self.facts[s.id].language for s in self.statements), self.gap)

    def fact_vectors(self, positions: list[int]) -> dict[int, np.ndarray]:
        """The same-fact encoder's vectors of these statements (positions in the story)."""
        if self.encode_facts is None or not positions:
            return {n: self.vectors[n] for n in positions}
        return dict(zip(positions, self.encode_facts([self.statements[n].text for n in positions])))

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
    same: dict[tuple[int, int], float] = field(default_factory=dict)  # P(same fact) of each member pair
    cosine: dict[tuple[int, int], float] = field(default_factory=dict)  # the alignment encoder's, 0 to 1
    shared: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # values and quote words both give
    siblings: bool = False  # a group of three: its two statements of one source say one thing
    nearby: bool = False  # not grouped by alignment, only near: reported only if it is one fact

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
    index = story.index()
    aligned = _align(story, threshold, index)
    _judge(story, aligned)
    _same_fact(story, aligned, index)
    others = story.others()
    pairs, possible, matched_items = [], [], []
    for item in aligned:
        found, maybe = _group_findings(item)
        pairs += found
        possible += maybe
        if found or not item.nearby:  # a nearby pair that is no one fact is no match
            matched_items.append(item)
    details = _details(story, matched_items, others)
    matched = {i for item in matched_items for i in item.ids}
    topic = story.topicality()
    lone = [one_sided([s.id], s.source, story.new_facts(story.facts[s.id].facts, others[s.source]), topic=float(topic[i]),
                      position=story.position[s.id])
            for i, s in enumerate(story.statements) if s.id not in matched]
    order = {s.id: i for i, s in enumerate(story.statements)}
    pairs.sort(key=lambda f: [order[i] for i in f.statements])
    possible.sort(key=lambda f: [order[i] for i in f.statements])
    return pairs + ranked(details + lone, story.statements, min_salience), possible


def _align(story: Story, threshold: float, index: StoryIndex) -> list[Aligned]:
    """Every source pair's aligned groups: `StoryIndex.scores`, then `align_pair`."""
    kept = story.statements
    out = []
    for a, b in combinations(story.sources, 2):
        rows, cols = story.rows(a), story.rows(b)
        sim, evidence = index.scores(story.vectors, rows, cols)
        headlines = (np.array([kept[i].headline for i in rows], dtype=bool),
                     np.array([kept[j].headline for j in cols], dtype=bool))
        groups = align_pair(sim, threshold, evidence=evidence, headlines=headlines)
        for group in groups:
            out.append(Aligned(a, b, group, {i: kept[rows[i]] for i in group.left},
                               {j: kept[cols[j]] for j in group.right}, sim))
        for i, j in nearby_pairs(sim, groups, threshold):
            out.append(Aligned(a, b, Group((i,), (j,), float(sim[i, j])), {i: kept[rows[i]]}, {j: kept[cols[j]]}, sim,
                               nearby=True))
    return out


def _judge(story: Story, aligned: list[Aligned]) -> None:
    """Every member pair of every group, in one batch (the trained judge runs once)."""
    members = [(item, i, j) for item in aligned for i in item.left for j in item.right]
    inputs = [PairInput(item.left[i].text, item.right[j].text, story.facts[item.left[i].id],
                        story.facts[item.right[j].id], item.a, item.b) for item, i, j in members]
    for (item, i, j), verdict in zip(members, story.judge.verdicts(inputs)):
        item.verdicts[i, j] = verdict


def _same_fact(story: Story, aligned: list[Aligned], index: StoryIndex) -> None:
    """P(same fact) of every member pair of every group. The same-fact encoder reads only
    the statements of those pairs; ranks come from the alignment scores."""
    position = {s.id: n for n, s in enumerate(story.statements)}
    fact_vectors = story.fact_vectors(sorted({position[i] for item in aligned for i in item.ids}))
    for item in aligned:
        rows, cols = story.rows(item.a), story.rows(item.b)
        cells = list(item.verdicts)
        contexts = pair_contexts(story, index, item.sim, rows, cols, cells, fact_vectors)
        for (i, j), context in zip(cells, contexts):
            p, q = rows[i], cols[j]
            item.same[i, j] = probability(context)
            item.cosine[i, j] = round(story.cosine(p, q), 3)
            item.shared[i, j] = tuple(shared_facts(context.left, context.right, context.quotes_left, context.quotes_right))
        if len(item.left) + len(item.right) == 3:  # do the two statements of one side say one thing?
            ones = [position[s.id] for s in (item.left if len(item.left) == 2 else item.right).values()]
            item.siblings = bool(fact_vectors[ones[0]] @ fact_vectors[ones[1]] >= SAME_SOURCE_COSINE)


def pair_contexts(story: Story, index: StoryIndex, sim: np.ndarray, rows: list[int], cols: list[int],
                  cells: list[tuple[int, int]], fact_vectors: dict[int, np.ndarray]) -> list[PairContext]:
    """What the same-fact score reads of cells (i, j) of one source pair's alignment scores
    `sim` (rows and columns: positions in the story), given the same-fact vectors."""
    by_row, by_column = ranks(sim)
    speakers = index.speakers or [frozenset()] * len(story.statements)
    quotes = index.quotes or [frozenset()] * len(story.statements)
    out = []
    for i, j in cells:
        p, q = rows[i], cols[j]
        left, right = story.facts[story.statements[p].id], story.facts[story.statements[q].id]
        cosine = float(fact_vectors[p] @ fact_vectors[q])
        if left.language != right.language:  # where the same pair would sit in one language
            gap = story.gap(story.statements[p].source, story.statements[q].source)
            cosine = story.across.one_language(cosine, (left.language, right.language), gap) \
                if story.across else cosine + gap
        out.append(PairContext(left, right, float(np.clip(cosine, 0.0, 1.0)),
                               int(by_row[i, j]), int(by_column[i, j]), quotes[p], quotes[q],
                               bool(other_speakers([speakers[p]], [speakers[q]])[0, 0]),
                               story.statements[p].headline or story.statements[q].headline))
    return out


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
    two by two. A pair the same-fact score calls one fact diverges when the rules name a
    difference (or is one sentence edited with one), and agrees otherwise; a pair that is
    only on the same point is `related`. A third statement joins an agreement only when it
    reports the same fact as both others (a headline and its lead)."""
    verdicts, left, right = item.verdicts, item.left, item.right

    def finding(kind: Kind, pairs: list[tuple[int, int]], reasons=()) -> Finding:
        ids = [left[i].id for i in sorted({i for i, _ in pairs})] + [right[j].id for j in sorted({j for _, j in pairs})]
        same = min(item.same[p] for p in pairs)
        shared = tuple(dict.fromkeys(fact for p in pairs for fact in item.shared[p]))
        if kind is Kind.DIVERGE:
            confidence = verdicts[pairs[0]].confidence
        else:
            confidence = same if kind is Kind.AGREE else round(1 - same, 3)
        return Finding(kind, tuple(ids), min(item.cosine[p] for p in pairs), tuple(reasons), confidence=confidence,
                       judge=verdicts[pairs[0]].probabilities if len(pairs) == 1 else None, same_fact=same,
                       shared=shared if kind is not Kind.RELATED else ())

    one_fact = {pair: p >= SAME_FACT_AT for pair, p in item.same.items()}
    if item.nearby and not any(item.same[pair] >= CONFLICT_AT for pair in verdicts):
        return [], []  # a second look found no fact in common: nothing to say of it
    best_right, best_left = best_matches(item.sim, None)  # among all statements, headlines included
    counted = {(i, j): v.counted(best_right[i] == j and best_left[j] == i, item.same[i, j] >= CONFLICT_AT)
               for (i, j), v in verdicts.items()}
    diverging = [pair for pair, reasons in counted.items() if reasons]
    possible = [finding(Kind.DIVERGE, [(i, j)], v.reasons) for (i, j), v in verdicts.items()
                if v.reasons and (i, j) not in diverging]
    out = [finding(Kind.DIVERGE, [pair], counted[pair]) for pair in diverging]
    in_divergence = {("l", i) for i, _ in diverging} | {("r", j) for _, j in diverging}
    rest = [(i, j) for (i, j) in verdicts if not {("l", i), ("r", j)} <= in_divergence and (i, j) not in diverging]
    agreeing = [pair for pair in rest if one_fact[pair] and not verdicts[pair].reasons]
    if len(agreeing) == 2 and len(agreeing) == len(verdicts) and item.siblings:
        out.append(finding(Kind.AGREE, agreeing))  # one sentence that sums up two
    else:
        out += [finding(Kind.AGREE, [pair]) for pair in agreeing]
    if not item.nearby:  # the same point only (one fact with an uncounted difference is only a possible divergence)
        out += [finding(Kind.RELATED, [pair]) for pair in rest if not one_fact[pair]]
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
