"""Stage 5, align: similarity matrices in, matched statement groups out. No model here.

Method, for each pair of sources:
1. cosine similarity of every statement of one source with every statement of the other
   (embeddings are unit length, so a matrix product);
2. a candidate link (i, j) is kept when its similarity reaches `threshold` and j is i's
   best counterpart or i is j's best;
3. links are taken strongest first into groups: a new group when both ends are free, and
   a one-to-many group when a free statement's best counterpart already leads a group on
   its own (one sentence that sums up two; such a link needs only `threshold - SUMMARY_SLACK`
   when the two share a rare anchor).
   Many-to-many groups are never formed.

The score is the cosine plus a bonus for shared anchors (names, numbers, dates) that are
rare in the story: two statements that both name "TrueConf" are more likely to report the
same thing than their wording alone says. `anchor_bonus` builds that matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crosscheck.settings import DEFAULT_THRESHOLD

SUMMARY_SLACK = 0.1
ANCHOR_WEIGHT = 0.15


@dataclass(frozen=True)
class Group:
    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float


def cosine_matrix(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """All-pairs cosine of unit-length rows: shape (len(left), len(right))."""
    if len(left) == 0 or len(right) == 0:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    return np.clip(left @ right.T, -1.0, 1.0)


MAX_GROUP = 3  # one statement with at most two counterparts


def align_pair(sim: np.ndarray, threshold: float = DEFAULT_THRESHOLD, evidence: np.ndarray | None = None) -> list[Group]:
    """Group the rows and columns of one similarity matrix; see the module docstring.

    `evidence` (same shape, bool) marks links that a shared rare anchor supports; only
    those may join a group below `threshold`."""
    n_left, n_right = sim.shape
    if n_left == 0 or n_right == 0:
        return []
    best_right = sim.argmax(axis=1)
    best_left = sim.argmax(axis=0)
    rows, cols = np.nonzero(sim >= threshold - SUMMARY_SLACK)
    candidates = [
        (float(sim[i, j]), int(i), int(j))
        for i, j in zip(rows, cols)
        if best_right[i] == j or best_left[j] == i
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    left_group: dict[int, int] = {}
    right_group: dict[int, int] = {}
    groups: list[tuple[list[int], list[int], float]] = []
    for score, i, j in candidates:
        gi, gj = left_group.get(i), right_group.get(j)
        if gi is None and gj is None:
            if score < threshold:
                continue
            left_group[i] = right_group[j] = len(groups)
            groups.append(([i], [j], score))
        elif score < threshold and (evidence is None or not evidence[i, j]):
            continue
        elif gi is not None and gj is None and len(groups[gi][0]) == 1 and best_left[j] == i and len(groups[gi][1]) < MAX_GROUP - 1:
            groups[gi][1].append(j)  # i sums up several statements of the right source
            right_group[j] = gi
        elif gj is not None and gi is None and len(groups[gj][1]) == 1 and best_right[i] == j and len(groups[gj][0]) < MAX_GROUP - 1:
            groups[gj][0].append(i)
            left_group[i] = gj
    return [Group(tuple(sorted(l)), tuple(sorted(r)), s) for l, r, s in sorted(groups, key=lambda g: (min(g[0]), min(g[1])))]


def anchor_bonus(left: list[frozenset[str]], right: list[frozenset[str]], document_frequency: dict[str, int],
                 n_statements: int, weight: float = ANCHOR_WEIGHT) -> np.ndarray:
    """weight x the rarity (0..1, inverse document frequency in the story) of the rarest
    anchor each pair of statements shares; 0 where they share none."""
    bonus = np.zeros((len(left), len(right)), dtype=np.float32)
    if n_statements < 2:
        return bonus
    log_n = np.log(n_statements)
    in_left: dict[str, list[int]] = {}
    in_right: dict[str, list[int]] = {}
    for postings, side in ((in_left, left), (in_right, right)):
        for i, keys in enumerate(side):
            for key in keys:
                postings.setdefault(key, []).append(i)
    for key in in_left.keys() & in_right.keys():  # the rarest shared anchor gives the largest bonus
        rarity = weight * max(0.0, np.log(n_statements / document_frequency[key]) / log_n)
        if rarity > 0:
            block = np.ix_(in_left[key], in_right[key])
            bonus[block] = np.maximum(bonus[block], rarity)
    return bonus


def anchor_frequency(anchors: list[frozenset[str]]) -> dict[str, int]:
    """In how many statements each anchor (name, number, date) occurs."""
    frequency: dict[str, int] = {}
    for keys in anchors:
        for key in keys:
            frequency[key] = frequency.get(key, 0) + 1
    return frequency
