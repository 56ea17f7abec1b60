"""How central each statement is to the story, from its vector and the other sources'.

- `topicality`: each statement's cosine to the centroid of the other sources' statements
  (weighs whole one-sided statements in salience);
- `find_off_topic`: after encoding, trailing paragraphs of an article that are far from
  that centroid and tied to nothing the other sources name are set aside as off-topic
  ("meanwhile, in other news ..."), the second pass of cleaning.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from crosscheck.facts import FactSet
from crosscheck.models import Statement

OFF_TOPIC = "off-topic for this story"
OFF_TOPIC_MARGIN = 0.1  # how far under the article's median topicality a trailing paragraph must be
UNMATCHED = 0.3  # a statement whose every cosine to the other sources is under this resembles nothing they say


def others_centroid(vectors: np.ndarray, own: np.ndarray) -> np.ndarray:
    """The unit-length mean of the rows not in `own` (a boolean mask)."""
    centroid = vectors[~own].mean(axis=0)
    return centroid / max(float(np.linalg.norm(centroid)), 1e-9)


def topicality(vectors: np.ndarray, sources: Sequence[str]) -> np.ndarray:
    """Each statement's similarity to the centroid of the other sources' statements."""
    out = np.ones(len(sources))
    labels = np.array(sources)
    for source in dict.fromkeys(sources):
        own = labels == source
        if (~own).sum() == 0:
            continue
        out[own] = vectors[own] @ others_centroid(vectors, own)
    return out


def find_off_topic(
    embeddings: np.ndarray, sources: Sequence[str], paragraphs: Sequence[int], anchored: Sequence[bool],
    branded: Sequence[bool] | None = None, *, margin: float = OFF_TOPIC_MARGIN, floor: float = UNMATCHED,
) -> np.ndarray:
    """Boolean mask of statements in trailing paragraphs that are off the story's topic.

    A paragraph's topicality is the cosine between its mean statement vector and the
    centroid of all other sources' statements. Items that outlets append after a story
    sit at its end, so only the run of last paragraphs of an article is examined. Each
    must be below the article's median topicality by `margin`, hold no anchored statement
    (see `anchored_statements`), and either name the outlet's own brand (`branded`: "As
    Example Daily reported, meanwhile, ...") or hold nothing close to any other source's
    statements (every cosine under `floor`). An on-topic quote or detail at an article's
    end is kept: it resembles something the others say, or it names no outlet. Arrays in,
    mask out.
    """
    mask = np.zeros(len(sources), dtype=bool)
    labels, blocks, anchor = np.array(sources), np.array(paragraphs), np.array(anchored, dtype=bool)
    brand = np.zeros(len(sources), dtype=bool) if branded is None else np.array(branded, dtype=bool)
    for source in dict.fromkeys(sources):
        own = labels == source
        if own.all() or len(set(blocks[own])) < 3:
            continue
        centroid = others_centroid(embeddings, own)
        ids = sorted(set(blocks[own]))
        scores = []
        for block in ids:
            mean = embeddings[own & (blocks == block)].mean(axis=0)
            scores.append(float(mean @ centroid) / max(float(np.linalg.norm(mean)), 1e-9))
        cut = float(np.median(scores)) - margin
        for block, score in zip(reversed(ids), reversed(scores)):
            rows = own & (blocks == block)
            resembles = float((embeddings[rows] @ embeddings[~own].T).max()) >= floor  # something another source says
            if score >= cut or anchor[rows].any() or (resembles and not brand[rows].any()):
                break
            mask |= rows
    return mask


def branded_statements(kept: Sequence[Statement], facts: dict[str, FactSet],
                       outlets: dict[str, frozenset[str]]) -> list[bool]:
    """Statements that name their own outlet (`outlets`: each source's brand names, from its
    promo lines): the outlet talking about itself or its other stories."""
    return [bool(_names_brand(s, facts, outlets)) for s in kept]


def _names_brand(s: Statement, facts: dict[str, FactSet], outlets: dict[str, frozenset[str]]) -> set[str]:
    return facts[s.id].stems & outlets[s.source] or set(facts[s.id].words) & outlets[s.source]


def anchored_statements(kept: Sequence[Statement], facts: dict[str, FactSet],
                        outlets: dict[str, frozenset[str]]) -> list[bool]:
    """Statements tied to the story: they share a name with another source and don't name
    their own outlet (`outlets`: each source's brand names, from its promo lines)."""
    names: dict[str, set[str]] = {s.source: set() for s in kept}
    for s in kept:
        names[s.source].update(f.key for f in facts[s.id].of("name"))
    elsewhere = {src: set().union(*(v for k, v in names.items() if k != src)) for src in names}
    out = []
    for s in kept:
        own = {f.key for f in facts[s.id].of("name")}
        out.append(bool(own & elsewhere[s.source]) and not _names_brand(s, facts, outlets))
    return out
