"""Stage 5b, claims (three or more sources): the statements of all sources grouped into
claims, a claim being the statements that report the same thing; then, per claim, which
sources carry it, whether they agree, and which sources give a value the rest don't.

Clustering is one pass over the story's similarity matrix (cost grows with the square of
its statements, not with the number of source pairs): candidate links between statements
of different sources are taken strongest first, and two groups merge when they share no
source (a source contributes one statement to a claim) and every link between them
reaches the threshold (complete linkage), so a chain of loosely related sentences does
not snowball into one claim.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from crosscheck.compare import judge_pair, same_wording
from crosscheck.facts import FactSet
from crosscheck.models import ClaimValues

# A claim groups differently worded sentences; their negations and antonyms are compared
# only when the two are one sentence edited.
WORDING_ONLY = ("negation", "antonym")
REFERENCES = 8  # each member is judged against the claim's most central statements only


def cluster_claims(sim: np.ndarray, sources: list[str], threshold: float) -> list[list[int]]:
    """Rows of `sim` grouped into claims, each a sorted list of row indices, in order of
    their first row. `sources[i]` is the source of row i."""
    n = len(sources)
    labels = np.asarray(sources)
    scores = np.where(labels[:, None] == labels[None, :], -np.inf, np.asarray(sim, dtype=np.float64))
    rows, cols = np.nonzero(np.triu(scores >= threshold, 1))
    order = np.lexsort((cols, rows, -scores[rows, cols]))
    parent = list(range(n))
    members = {i: [i] for i in range(n)}
    owners = {i: {sources[i]} for i in range(n)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k in order:
        a, b = root(int(rows[k])), root(int(cols[k]))
        if a == b or owners[a] & owners[b]:
            continue
        if scores[np.ix_(members[a], members[b])].min() < threshold:
            continue  # complete linkage: every member of a claim matches every other
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a] += members.pop(b)
        owners[a] |= owners.pop(b)
    return sorted((sorted(group) for group in members.values()), key=lambda g: g[0])


def centrality(sim: np.ndarray, group: list[int]) -> list[float]:
    """Each member's mean similarity to the other members."""
    if len(group) < 2:
        return [1.0] * len(group)
    block = np.asarray(sim, dtype=np.float64)[np.ix_(group, group)]
    return list((block.sum(axis=1) - np.diag(block)) / (len(group) - 1))


def judge_claim(facts: list[FactSet], sources: list[str], central: list[float]) -> tuple[ClaimValues, ...]:
    """Conflicts among a claim's members, as per-source values with majority and outliers.

    Each member is judged against the most central members (at most REFERENCES), so the
    cost grows linearly with the number of carriers."""
    refs = sorted(range(len(facts)), key=lambda i: (-central[i], sources[i]))[:REFERENCES]
    rank = {r: n for n, r in enumerate(refs)}
    seen: dict[str, dict[str, str]] = {}
    for i in range(len(facts)):
        for r in refs:
            if r == i or rank.get(i, len(refs)) < rank[r]:
                continue  # itself, or a pair of references already judged the other way round
            for reason in judge_pair(facts[i], facts[r], sources[i], sources[r]).reasons:
                if reason.type in WORDING_ONLY and not same_wording(facts[i], facts[r]):
                    continue  # polarity of two differently worded sentences is no evidence of conflict
                values = seen.setdefault(reason.type, {})
                for source, value in reason.values.items():
                    values.setdefault(source, value)
    out = []
    for kind in sorted(seen):
        by_source = seen[kind]
        candidates = set(by_source.values())
        for i, fs in enumerate(facts):  # members that agreed with a reference still state a value
            if sources[i] not in by_source:
                match = next((f.text for f in fs.of(kind) if f.text in candidates), None)
                if match:
                    by_source[sources[i]] = match
        ordered = {s: by_source[s] for s in sources if s in by_source}
        top, count = sorted(Counter(ordered.values()).items(), key=lambda kv: (-kv[1], kv[0]))[0]
        majority = top if count >= 2 and count * 2 > len(ordered) else None
        outliers = tuple(s for s, v in ordered.items() if majority is not None and v != majority)
        out.append(ClaimValues(kind, ordered, majority, outliers))
    return tuple(out)
