"""Claims (three or more sources): the statements of all sources grouped into claims, a
claim being the statements that report the same thing; then, per claim, which sources
carry it, whether they agree, and which sources give a value the rest don't.

Clustering is one pass over the story's similarity matrix (cost grows with the square of
its statements, not with the number of source pairs): candidate links between statements
of different sources are taken strongest first, and two groups merge when every pair of
their members reaches the threshold less LINK_SLACK and their pairs of two sources reach
the threshold on average (nearly complete linkage), so a chain of loosely related
sentences does not snowball into one claim. Two statements that name different entities in one place of one
sentence never share a claim: across many outlets that is two happenings (two teams'
offers, two clinics), far more often than one disputed. A source may carry a claim in more
than one statement (a headline and the lead that say the same thing), when those statements
reach the threshold plus SAME_SOURCE_MARGIN with each other; they are never judged against
each other, and never share a claim when the rules find them in conflict.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Callable

import numpy as np

from crosscheck.align import StoryIndex
from crosscheck.facts import FactSet
from crosscheck.judge.findings import Story, one_sided, pair_contexts, ranked
from crosscheck.judge.same_fact import SAME_FACT_AT, probability, shared_facts
from crosscheck.judge.pair import judge_pair, replaced_names
from crosscheck.judge.roles import same_wording
from crosscheck.judge.verdict import Judge, PairInput, Verdict
from crosscheck.models import Claim, ClaimValues, Finding, Kind, Reason

REFERENCES = 8  # each member is judged against the claim's most central statements only
SAME_SOURCE_MARGIN = 0.1  # how much closer than `threshold` two statements of one source in a claim must be
LINK_SLACK = 0.1  # how far below `threshold` a pair of a claim's members may be, when the groups merged reach it on average
EPSILON = 1e-9  # scores equal to a threshold reach it, whatever the rounding of a sum
# The least alignment score at which two members of a claim are plainly one fact, so that a
# difference between them counts (the pairwise view asks the same-fact score instead).
FIRM_SCORE = 0.8


def cluster_claims(sim: np.ndarray, sources: list[str], threshold: float,
                   apart: Callable[[int, int], bool] | None = None) -> list[list[int]]:
    """Rows of `sim` grouped into claims, each a sorted list of row indices, in order of
    their first row. `sources[i]` is the source of row i. Two groups merge when every pair
    of their rows reaches `threshold - LINK_SLACK`, the pairs of two sources between them
    reach `threshold` on average, and no pair of rows must stay `apart` (asked as
    `apart(i, j)` with i < j)."""
    n = len(sources)
    labels = np.asarray(sources)
    same_source = labels[:, None] == labels[None, :]
    raw = np.asarray(sim, dtype=np.float64)
    scores = np.where(same_source, -np.inf, raw)
    # what a member must reach with every other: two statements of one source in one claim
    # say the same thing twice (a headline and its lead), so they must be closer still
    full = raw - np.where(same_source, SAME_SOURCE_MARGIN + LINK_SLACK, 0.0)  # no slack for them
    rows, cols = np.nonzero(np.triu(scores >= threshold, 1))
    order = np.lexsort((cols, rows, -scores[rows, cols]))
    parent = list(range(n))
    members = {i: [i] for i in range(n)}
    weakest = {i: full[i] for i in range(n)}  # per group: each row's lowest score with a member
    cross = ~same_source
    total = {i: np.where(cross[i], raw[i], 0.0) for i in range(n)}  # per group: each row's summed score with its members
    pairs = {i: cross[i].astype(np.int64) for i in range(n)}  # and the number of pairs of two sources summed

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k in order:
        a, b = root(int(rows[k])), root(int(cols[k]))
        if a == b or weakest[a][members[b]].min() < threshold - LINK_SLACK - EPSILON:
            continue  # (nearly) complete linkage: every member of a claim matches every other
        if total[a][members[b]].sum() < (threshold - EPSILON) * pairs[a][members[b]].sum():
            continue  # on average, what two sources say of one claim reaches the threshold
        if apart and any(apart(min(x, y), max(x, y)) for x in members[a] for y in members[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a] += members.pop(b)
        weakest[a] = np.minimum(weakest[a], weakest.pop(b))
        total[a] = total[a] + total.pop(b)
        pairs[a] = pairs[a] + pairs.pop(b)
    return sorted((sorted(group) for group in members.values()), key=lambda g: g[0])


def centrality(sim: np.ndarray, group: list[int]) -> list[float]:
    """Each member's mean similarity to the other members."""
    if len(group) < 2:
        return [1.0] * len(group)
    block = np.asarray(sim, dtype=np.float64)[np.ix_(group, group)]
    return list((block.sum(axis=1) - np.diag(block)) / (len(group) - 1))


def judge_claim(facts: list[FactSet], sources: list[str], central: list[float], texts: list[str] | None = None,
                judge: Judge | None = None, firm: Callable[[int, int], bool] | None = None,
                score: Callable[[int, int], float] | None = None,
                ) -> tuple[tuple[ClaimValues, ...], list[tuple[int, int, Verdict]]]:
    """Conflicts among a claim's members, as per-source values with majority and outliers,
    and the verdicts behind them (member, reference, verdict). A conflict counts when the
    judge reports it between two members that are each other's best match (`firm(i, r)`;
    all pairs when not given) and plainly one fact (an alignment score `score(i, r)` of
    FIRM_SCORE or more, or one sentence edited; `Verdict.counted`); otherwise only a
    misquote counts. (Two sources compared alone ask the same-fact score instead.)

    Each member is judged against the most central members (at most REFERENCES), so the
    cost grows linearly with the number of carriers."""
    judge = judge or Judge()
    texts = texts or [" ".join(f.tokens) for f in facts]
    refs = sorted(range(len(facts)), key=lambda i: (-central[i], sources[i]))[:REFERENCES]
    rank = {r: n for n, r in enumerate(refs)}
    pairs = [(i, r) for i in range(len(facts)) for r in refs  # not itself, its own source, nor two references twice
             if sources[r] != sources[i] and rank.get(i, len(refs)) >= rank[r]]
    verdicts = judge.verdicts([PairInput(texts[i], texts[r], facts[i], facts[r], sources[i], sources[r]) for i, r in pairs])
    seen: dict[str, dict[str, str]] = {}
    for (i, r), verdict in zip(pairs, verdicts):
        for reason in verdict.counted(firm is None or firm(i, r), score is None or score(i, r) >= FIRM_SCORE):
            values = seen.setdefault(reason.type, {})
            for source, value in reason.values.items():
                values.setdefault(source, value)
    out = []
    for kind in sorted(seen):
        by_source = seen[kind]
        # values are counted by what they mean ("€12 million" and "12 million euros" are one)
        meaning = {f.text: f.key for fs in facts for f in fs.of(kind)}
        candidates = {meaning.get(v, v) for v in by_source.values()}
        for i, fs in enumerate(facts):  # members that agreed with a reference still state a value
            if sources[i] not in by_source:
                match = next((f.text for f in fs.of(kind) if f.key in candidates), None)
                if match:
                    by_source[sources[i]] = match
        ordered = {s: by_source[s] for s in sources if s in by_source}
        keys = {s: meaning.get(v, v) for s, v in ordered.items()}
        shown: dict[str, str] = {}  # one way of writing each meaning ("44%" for "44 percent" too)
        ordered = {s: shown.setdefault(keys[s], v) for s, v in ordered.items()}
        top, count = sorted(Counter(keys.values()).items(), key=lambda kv: (-kv[1], kv[0]))[0]
        majority = next(v for s, v in ordered.items() if keys[s] == top) if count >= 2 and count * 2 > len(ordered) else None
        outliers = tuple(s for s in ordered if majority is not None and keys[s] != top)
        out.append(ClaimValues(kind, ordered, majority, outliers))
    return tuple(out), [(i, r, v) for (i, r), v in zip(pairs, verdicts)]


def claim_findings(story: Story, threshold: float,
                   min_salience: float) -> tuple[list[Finding], tuple[Claim, ...], list[Finding]]:
    """Three or more sources: one clustering of all statements into claims, instead of
    aligning every pair of sources.

    Returns:
        The findings (one agree or diverge per claim of two or more statements, then the
        one-sided, most salient first), the claims (most widely reported first), and the
        possible divergences: pairs of a claim's statements the judge is not sure enough of.
    """
    kept, facts = story.statements, story.facts
    sources = [s.source for s in kept]
    topic = story.topicality()
    everything = list(range(len(kept)))
    index = story.index()
    sim, _ = index.scores(story.vectors, everything, everything)
    others = story.others()
    rank = {source: n for n, source in enumerate(story.sources)}

    @cache
    def apart(i: int, j: int) -> bool:
        """Of one source: any conflict the rules find (a source is never in consensus with
        itself). Of two: two names in one place of one sentence; across many outlets that is
        nearly always two happenings (two teams' offers, two clinics), not one disputed."""
        left, right = facts[kept[i].id], facts[kept[j].id]
        if sources[i] == sources[j]:
            return bool(judge_pair(left, right, sources[i], sources[j]).reasons)
        return same_wording(left, right) and bool(judge_pair(left, right, sources[i], sources[j], (replaced_names,)).reasons)

    groups = [sorted(g, key=lambda i: (rank[sources[i]], i)) for g in cluster_claims(sim, sources, threshold, apart)]
    groups.sort(key=lambda g: (-len({sources[i] for i in g}), min(g)))  # most widely reported first
    same_fact = _same_fact(story, index, sim, [g for g in groups if len(g) > 1])
    claims, pairs, lone, possible = [], [], [], []
    for number, group in enumerate(groups, 1):
        members = [kept[i] for i in group]
        member_sources = [s.source for s in members]
        carriers = tuple(dict.fromkeys(member_sources))
        ids = tuple(s.id for s in members)
        if len(group) == 1:  # links join statements of different sources only, so one source is one statement
            found = story.new_facts(facts[ids[0]].facts, others[carriers[0]])
            lone.append(one_sided(ids, carriers[0], found, topic=float(topic[group[0]]), position=story.position[ids[0]]))
            verdict, values = "single", ()
        else:
            central = centrality(sim, group)
            mutual = _mutual_best(sim, sources, group)
            def score(i: int, r: int) -> float:
                return float(sim[group[i], group[r]])

            values, judged = judge_claim([facts[i] for i in ids], member_sources, central, [s.text for s in members],
                                         story.judge, firm=lambda i, r: (i, r) in mutual, score=score)
            verdicts = [v for _, _, v in judged]
            reasons = tuple(Reason(v.type, v.by_source) for v in values)
            confidence = (max(v.confidence for v in verdicts if v.reported) if reasons
                          else min((v.confidence for v in verdicts if not v.reasons), default=None))
            possible += [Finding(Kind.DIVERGE, (ids[i], ids[r]), _mean_cosine(story, [group[i], group[r]], sources),
                                 v.reasons,
                                 confidence=v.confidence, judge=v.probabilities)
                         for i, r, v in judged if v.reasons and not v.counted((i, r) in mutual, score(i, r) >= FIRM_SCORE)]
            score, shared = same_fact[tuple(group)]
            one_fact = score >= SAME_FACT_AT
            kind = Kind.DIVERGE if reasons else Kind.AGREE if one_fact else Kind.RELATED
            confidence = {Kind.DIVERGE: confidence, Kind.AGREE: score, Kind.RELATED: round(1 - score, 3)}[kind]
            pairs.append(Finding(kind, ids, _mean_cosine(story, group, sources), reasons, confidence=confidence,
                                 same_fact=score, shared=shared if kind is not Kind.RELATED else ()))
            for s in members:
                stated = {v.by_source.get(s.source) for v in values}  # already shown as a conflict
                only = [f for f in story.new_facts(facts[s.id].facts, others[s.source]) if f.text not in stated]
                if only:
                    lone.append(one_sided([s.id], s.source, only, position=story.position[s.id],
                                          matched=[m.id for m in members if m.source != s.source]))
            verdict = ("contested" if reasons else "related" if not one_fact
                       else "consensus" if len(carriers) == len(story.sources) else "partial")
        absent = tuple(source for source in story.sources if source not in carriers)
        claims.append(Claim(f"c{number}", ids, carriers, absent, verdict, values))
    return pairs + ranked(lone, kept, min_salience), tuple(claims), possible


def _same_fact(story: Story, index: StoryIndex, sim: np.ndarray,
               groups: list[list[int]]) -> dict[tuple[int, ...], tuple[float, tuple[str, ...]]]:
    """Each claim's P(same fact) and what its sources all give. The score is the least, over
    its sources, of the best P(same fact) of one of the source's members with the claim's
    most central member of another source (ranks among those two sources' statements, as
    for two sources compared alone): a source that carries the claim in its headline and
    its lead carries it by the lead. The same-fact encoder reads the members of claims only."""
    sources = [s.source for s in story.statements]
    vectors = story.fact_vectors(sorted({i for g in groups for i in g}))
    rows = {source: story.rows(source) for source in story.sources}
    out = {}
    for group in groups:
        central = centrality(sim, group)
        order = sorted(range(len(group)), key=lambda n: -central[n])
        best: dict[str, tuple[float, tuple[str, ...]]] = {}
        for i in group:
            r = next(group[n] for n in order if sources[group[n]] != sources[i])
            mine, theirs = rows[sources[i]], rows[sources[r]]
            [context] = pair_contexts(story, index, sim[np.ix_(mine, theirs)], mine, theirs,
                                      [(mine.index(i), theirs.index(r))], vectors)
            scored = (probability(context), tuple(shared_facts(context.left, context.right, context.quotes_left,
                                                               context.quotes_right)))
            best[sources[i]] = max(best.get(sources[i], (0.0, ())), scored)
        shared = [fact for fact in best[sources[group[order[0]]]][1] if all(fact in s for _, s in best.values())] \
            if len(best) > 1 else []
        out[tuple(group)] = (min(p for p, _ in best.values()), tuple(shared))
    return out


def _mean_cosine(story: Story, group: list[int], sources: list[str]) -> float:
    """The embedding model's mean cosine over a claim's pairs of members from two sources, 0 to 1."""
    cosines = [story.cosine(i, j) for n, i in enumerate(group) for j in group[n + 1:] if sources[i] != sources[j]]
    return round(float(np.clip(np.mean(cosines), 0.0, 1.0)), 3)


def _mutual_best(sim: np.ndarray, sources: list[str], group: list[int]) -> set[tuple[int, int]]:
    """Pairs (as positions in `group`) of members from two sources that are each other's
    best match among all statements of those two sources."""
    labels = np.asarray(sources)
    rows_of = {source: np.nonzero(labels == source)[0] for source in set(sources[g] for g in group)}
    best = {}
    for g in group:
        for source, rows in rows_of.items():
            if source != sources[g]:
                best[g, source] = int(rows[np.argmax(sim[g, rows])])
    return {(i, r) for i, a in enumerate(group) for r, b in enumerate(group)
            if sources[a] != sources[b] and best[a, sources[b]] == b and best[b, sources[a]] == a}
