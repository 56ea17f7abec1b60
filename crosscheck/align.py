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

4. a link above `threshold` that fits no group (its statements already belong to other
   groups, or a group is full) becomes a group of two of its own: a statement that
   reports two things may match one statement for each (`extra_links`, on by default).

The score (`StoryIndex.scores`) is the cosine plus two kinds of lexical evidence that a
sentence encoder underweights: a bonus for shared anchors (names, numbers, dates) that are
rare in the story (two statements that both name "TrueConf" are more likely to report the
same thing than their wording alone says; `anchor_bonus`), and the overlap of the content
words they share, each weighted by its rarity in the story (`term_overlap`: a quote that
two outlets reproduce, or a vote reworded around the same rare words). Two statements
attributed to differently named speakers lose SPEAKER_PENALTY (`other_speakers`); two
that share a run of five words of a direct quote score at least REPRODUCED.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from crosscheck.settings import DEFAULT_THRESHOLD

SUMMARY_SLACK = 0.1
ANCHOR_WEIGHT = 0.15
TERM_WEIGHT = 0.8
SPEAKER_PENALTY = 0.2
REPRODUCED = 0.75  # the least score of two statements that share a run of words of one direct quote


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
EXTRA_LINKS = 2  # links beyond its group a statement may take: a lede is not every sentence's counterpart


def align_pair(sim: np.ndarray, threshold: float = DEFAULT_THRESHOLD, evidence: np.ndarray | None = None,
               extra_links: bool = True, headlines: tuple[np.ndarray, np.ndarray] | None = None) -> list[Group]:
    """Group the rows and columns of one similarity matrix; see the module docstring.

    `evidence` (same shape, bool) marks links that a shared rare anchor supports; only
    those may join a group below `threshold`. `headlines` (a bool per row, per column)
    marks headlines: a body statement's best match is sought among body statements, since
    a headline that sums up the story is close to much of it. Groups are ordered by their
    first row, then column."""
    n_left, n_right = sim.shape
    if n_left == 0 or n_right == 0:
        return []
    best_right, best_left = best_matches(sim, headlines)
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
    extra: dict[tuple[str, int], int] = {}
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
        elif (extra_links and score >= threshold and (gi is None or gi != gj)
              and extra.get(("l", i), 0) < EXTRA_LINKS and extra.get(("r", j), 0) < EXTRA_LINKS):
            extra[("l", i)] = extra.get(("l", i), 0) + 1
            extra[("r", j)] = extra.get(("r", j), 0) + 1
            # a best link that fits no group: the two report one thing of their own, though
            # one or both of them is already matched to something else
            left_group.setdefault(i, len(groups))
            right_group.setdefault(j, len(groups))
            groups.append(([i], [j], score))
    return [Group(tuple(sorted(l)), tuple(sorted(r)), s) for l, r, s in sorted(groups, key=lambda g: (min(g[0]), min(g[1])))]


NEARBY_RANK = 2  # a nearby pair: one is among the other's two best counterparts


def nearby_pairs(sim: np.ndarray, groups: list[Group], threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int, int]]:
    """Links no group holds that are still worth asking the same-fact score about: within
    SUMMARY_SLACK of `threshold`, and one statement among the other's NEARBY_RANK best.
    Alignment groups what is close; the same-fact score, not closeness, decides what two
    statements share, so a second counterpart that reports the same fact is not lost."""
    if sim.size == 0:
        return []
    grouped = {(i, j) for g in groups for i in g.left for j in g.right}
    k = min(NEARBY_RANK, sim.shape[1]), min(NEARBY_RANK, sim.shape[0])
    top_right = np.argsort(-sim, axis=1, kind="stable")[:, :k[0]]
    top_left = np.argsort(-sim, axis=0, kind="stable")[:k[1], :]
    rows, cols = np.nonzero(sim >= threshold - SUMMARY_SLACK)
    return [(int(i), int(j)) for i, j in zip(rows, cols)
            if (int(i), int(j)) not in grouped and (j in top_right[i] or i in top_left[:, j])]


def best_matches(sim: np.ndarray, headlines: tuple[np.ndarray, np.ndarray] | None) -> tuple[np.ndarray, np.ndarray]:
    """Each row's best column and each column's best row; body statements look among body
    statements first (among all when the other side is all headlines)."""
    if headlines is None:
        return sim.argmax(axis=1), sim.argmax(axis=0)
    rows, cols = headlines
    body_rows, body_cols = ~rows, ~cols
    best_right = np.where(rows | ~body_cols.any(), sim.argmax(axis=1),
                          np.where(body_cols, sim, -np.inf).argmax(axis=1))
    best_left = np.where(cols | ~body_rows.any(), sim.argmax(axis=0),
                         np.where(body_rows[:, None], sim, -np.inf).argmax(axis=0))
    return best_right, best_left


def anchor_bonus(left: list[frozenset[str]], right: list[frozenset[str]], document_frequency: dict[str, int],
                 n_statements: int, weight: float = ANCHOR_WEIGHT) -> np.ndarray:
    """weight x the rarity (0..1, inverse document frequency in the story) of the rarest
    anchor each pair of statements shares; 0 where they share none."""
    bonus = np.zeros((len(left), len(right)), dtype=np.float32)
    if n_statements < 2:
        return bonus
    log_n = np.log(n_statements)
    in_left, in_right = _postings(left), _postings(right)
    for key in in_left.keys() & in_right.keys():  # the rarest shared anchor gives the largest bonus
        rarity = weight * max(0.0, np.log(n_statements / document_frequency[key]) / log_n)
        if rarity > 0:
            block = np.ix_(in_left[key], in_right[key])
            bonus[block] = np.maximum(bonus[block], rarity)
    return bonus


def anchor_frequency(anchors: list[frozenset[str]]) -> dict[str, int]:
    """In how many statements each anchor (name, number, date), or each word, occurs."""
    frequency: dict[str, int] = {}
    for keys in anchors:
        for key in keys:
            frequency[key] = frequency.get(key, 0) + 1
    return frequency


def term_overlap(left: list[frozenset[str]], right: list[frozenset[str]], document_frequency: dict[str, int],
                 n_statements: int) -> np.ndarray:
    """0..1 for each pair of statements: the content words (stems) they share, each weighted
    by its rarity in the story (log n/df), over the geometric mean of their own weights."""
    overlap = np.zeros((len(left), len(right)), dtype=np.float32)
    if not left or not right or n_statements < 2:
        return overlap
    shared = sorted((set().union(*left) & set().union(*right)))
    if not shared:
        return overlap
    column = {t: k for k, t in enumerate(shared)}
    idf = {t: float(np.log(n_statements / document_frequency[t])) for t in set().union(*left, *right)}
    a = np.zeros((len(left), len(shared)), dtype=np.float32)
    b = np.zeros((len(right), len(shared)), dtype=np.float32)
    for matrix, side in ((a, left), (b, right)):
        for i, terms in enumerate(side):
            for t in terms:
                if t in column:
                    matrix[i, column[t]] = 1.0
    weights = np.array([idf[t] for t in shared], dtype=np.float32)
    norm_a = np.array([sum(idf[t] for t in terms) for terms in left], dtype=np.float32)
    norm_b = np.array([sum(idf[t] for t in terms) for terms in right], dtype=np.float32)
    overlap = (a * weights) @ b.T
    return overlap / np.maximum(np.sqrt(np.outer(norm_a, norm_b)), 1e-9)


@dataclass(frozen=True)
class Calibration:
    """Another encoder's cosine put on all-MiniLM-L6-v2's scale, on which alignment's
    thresholds were set: the cosines of two sources first shifted so that their median is
    the `typical` one (two languages sit further apart than one, whatever they say), then
    mapped by matched quantiles (`knots`). For judging, `across` ("en-uk", from, to) puts
    the cosine of two statements in two languages at the one the same two are expected to
    have in one language."""

    knots_from: tuple[float, ...]
    knots_to: tuple[float, ...]
    typical: float
    across: tuple[tuple[str, tuple[float, ...], tuple[float, ...]], ...] = ()

    def apply(self, cosine: np.ndarray, shift: float = 0.0) -> np.ndarray:
        return np.interp(cosine + shift, self.knots_from, self.knots_to).astype(np.float32)

    def one_language(self, cosine: float, languages: tuple[str, str], shift: float) -> float:
        """The cosine two statements in `languages` are expected to have in one language;
        for a pair of languages not fitted, the cosine shifted as alignment shifts it."""
        key = "-".join(sorted(languages))
        knots = next((k for k in self.across if k[0] == key), None)
        return float(np.interp(cosine, knots[1], knots[2])) if knots else cosine + shift

    def shift(self, vectors: np.ndarray, left: list[int], right: list[int]) -> float:
        """How far the cosines of two sources' statements (rows of `vectors`) sit from the typical."""
        if not left or not right:
            return 0.0
        return self.typical - float(np.median(cosine_matrix(vectors[left], vectors[right])))


@dataclass(frozen=True)
class StoryIndex:
    """A story's statements as lexical evidence for alignment: each one's anchors (names,
    numbers, dates) and content words, and how many statements hold each."""

    anchors: list[frozenset[str]]
    terms: list[frozenset[str]]
    anchor_frequency: dict[str, int]
    term_frequency: dict[str, int]
    speakers: list[frozenset[str]] | None = None  # the names a statement is attributed to
    quotes: list[frozenset[str]] | None = None  # runs of words of its direct quotes
    calibration: Calibration | None = None  # another encoder's cosine onto MiniLM's scale
    sources: tuple[str, ...] = ()  # each statement's source (with a calibration) and language
    languages: tuple[str, ...] = ()
    gap: Callable[[str, str], float] | None = None  # each pair of sources' shift (`Story.gap`)

    @classmethod
    def build(cls, anchors: list[frozenset[str]], terms: list[frozenset[str]],
              speakers: list[frozenset[str]] | None = None,
              quotes: list[frozenset[str]] | None = None,
              calibration: Calibration | None = None, sources: tuple[str, ...] = (),
              languages: tuple[str, ...] = (), gap: Callable[[str, str], float] | None = None) -> StoryIndex:
        return cls(anchors, terms, anchor_frequency(anchors), anchor_frequency(terms), speakers, quotes,
                   calibration, sources, languages, gap)

    def calibrated(self, vectors: np.ndarray, rows: list[int], cols: list[int]) -> np.ndarray:
        """The cosines of rows against cols, each pair of sources' block calibrated."""
        cosine = cosine_matrix(vectors[rows], vectors[cols])
        if self.calibration is None:
            return cosine
        out = np.empty_like(cosine)
        sources = np.array(self.sources)
        row_sources, col_sources = sources[rows], sources[cols]
        for a in dict.fromkeys(row_sources.tolist()):
            for b in dict.fromkeys(col_sources.tolist()):
                block = np.ix_(np.flatnonzero(row_sources == a), np.flatnonzero(col_sources == b))
                shift = self.gap(a, b) if self.gap is not None else 0.0
                out[block] = self.calibration.apply(cosine[block], shift)
        return out

    def scores(self, vectors: np.ndarray, rows: list[int], cols: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The alignment score of statements `rows` against `cols` (indices into the story),
        and where a shared rare anchor supports the link."""
        n = len(self.anchors)
        bonus = anchor_bonus([self.anchors[i] for i in rows], [self.anchors[j] for j in cols], self.anchor_frequency, n)
        overlap = term_overlap([self.terms[i] for i in rows], [self.terms[j] for j in cols], self.term_frequency, n)
        score = self.calibrated(vectors, rows, cols) + bonus + TERM_WEIGHT * overlap
        if self.speakers is not None:
            differ = other_speakers([self.speakers[i] for i in rows], [self.speakers[j] for j in cols])
            if len(set(self.languages)) > 1:  # speakers' names in two scripts can't be told apart as written
                languages = np.array(self.languages)
                differ = differ * (languages[rows][:, None] == languages[cols][None, :])
            score -= SPEAKER_PENALTY * differ
        if self.quotes is not None:  # a reproduced quote is the same thing said, whatever else differs
            reproduced = sharing([self.quotes[i] for i in rows], [self.quotes[j] for j in cols])
            score = np.where(reproduced, np.maximum(score, REPRODUCED), score)
        return score, bonus > 0


def sharing(left: list[frozenset[str]], right: list[frozenset[str]]) -> np.ndarray:
    """True where the two sets have an item in common."""
    out = np.zeros((len(left), len(right)), dtype=bool)
    in_left, in_right = _postings(left), _postings(right)
    for item in in_left.keys() & in_right.keys():
        out[np.ix_(in_left[item], in_right[item])] = True
    return out


def _postings(sets: list[frozenset[str]]) -> dict[str, list[int]]:
    """Each item -> the positions of the sets that hold it."""
    postings: dict[str, list[int]] = {}
    for i, items in enumerate(sets):
        for item in items:
            postings.setdefault(item, []).append(i)
    return postings


def other_speakers(left: list[frozenset[str]], right: list[frozenset[str]]) -> np.ndarray:
    """1 where both statements are attributed to someone named and the names share no word:
    what two different people say is rarely the same fact, however alike the words."""
    named = np.array([bool(a) for a in left], dtype=bool)[:, None] & np.array([bool(b) for b in right], dtype=bool)[None, :]
    return (named & ~sharing(left, right)).astype(np.float32)
