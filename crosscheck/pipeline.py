"""The only place that chains the stages: read -> clean -> segment -> embed -> align ->
facts -> compare -> `Report`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations
from typing import Mapping, Sequence

import numpy as np

from crosscheck.align import DEFAULT_THRESHOLD, align_pair, anchor_bonus, cosine_matrix
from crosscheck.claims import centrality, cluster_claims, judge_claim
from crosscheck.clean import find_chrome, find_off_topic, outlet_names
from crosscheck.compare import SourceIndex, judge_pair, novel, reportable_facts, salience
from crosscheck.embed import Embedder, make_embedder
from crosscheck.errors import UsageError
from crosscheck.facts import FactSet, anchor_keys, extract_facts
from crosscheck.models import Article, Claim, Finding, Kind, Reason, Report, SourceInfo, Statement
from crosscheck.read import article_from_text, read_articles, unique_ids
from crosscheck.segment import segment_article

OFF_TOPIC = "off-topic for this story"


@dataclass(frozen=True)
class Prepared:
    """A story after cleaning and segmenting: what the model-backed stages start from."""

    articles: tuple[Article, ...]
    statements: tuple[Statement, ...]
    outlets: dict[str, frozenset[str]]  # each source's own brand names, from its promo lines

    @property
    def texts(self) -> list[str]:
        """The texts the embedder will be asked for."""
        return [s.text for s in self.statements if s.kept]


class Checker:
    """Compares articles. Loads its embedding model once, on first use, and reuses it.

    >>> checker = Checker()                       # the bundled all-MiniLM-L6-v2
    >>> report = checker.compare({"a": text_a, "b": text_b})
    >>> Checker(backend="onnx")                   # the same model on onnxruntime, int8
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        backend: str = "torch",
        cache_dir: str | None = None,
        embedder: Embedder | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        min_salience: float = 0.0,
    ) -> None:
        self.embedder = embedder or make_embedder(model, backend=backend, cache_dir=cache_dir)
        self.threshold = threshold
        self.min_salience = min_salience

    def compare(self, sources: Mapping[str, str] | Sequence[Article]) -> Report:
        """Compare two or more sources: a mapping of id -> text, or `Article`s."""
        articles = self._as_articles(sources)
        return self.compare_articles(articles)

    def compare_files(self, paths: list[str], *, stdin=None) -> Report:
        return self.compare_articles(read_articles(paths, stdin=stdin))

    def compare_articles(self, articles: Sequence[Article]) -> Report:
        return self.compare_prepared(self.prepare(articles))

    def prepare(self, articles: Sequence[Article]) -> Prepared:
        """Stages 2-3 (clean, segment), which need no model. A batch prepares every story
        first, encodes all their statements in one go, then compares each."""
        if len(articles) < 2:
            raise UsageError("crosscheck compares two or more sources; got " + str(len(articles)))
        statements, outlets = [], {}
        for article in articles:
            lines = find_chrome(article.text, article.title)
            outlets[article.id] = frozenset(outlet_names(lines))
            statements += segment_article(article, lines)
        return Prepared(tuple(articles), tuple(statements), outlets)

    def compare_prepared(self, prepared: Prepared) -> Report:
        articles, statements, outlets = prepared.articles, list(prepared.statements), prepared.outlets
        kept = [s for s in statements if s.kept]
        vectors = self.embedder.encode([s.text for s in kept]) if kept else np.zeros((0, 1), np.float32)
        facts = {s.id: extract_facts(s.text) for s in kept}
        off_topic = find_off_topic(
            vectors, [s.source for s in kept], [s.paragraph for s in kept], _anchored(kept, facts, outlets)
        )
        reasons = {s.id: OFF_TOPIC for s, off in zip(kept, off_topic) if off}
        statements = [replace(s, set_aside=reasons[s.id]) if s.id in reasons else s for s in statements]
        kept = [s for s, off in zip(kept, off_topic) if not off]
        vectors = vectors[~off_topic] if len(vectors) else vectors
        claims = None
        if len(articles) >= 3:
            findings, claims = self._claims(articles, kept, vectors, facts)
        else:
            findings = self._findings(articles, kept, vectors, facts)
        infos = tuple(
            SourceInfo(
                a.id, a.title, a.path,
                sum(1 for s in statements if s.source == a.id and s.kept),
                sum(1 for s in statements if s.source == a.id and not s.kept),
                url=a.url, date=a.date,
            )
            for a in articles
        )
        return Report(infos, tuple(statements), tuple(findings), model=self.embedder.name,
                      settings={"threshold": self.threshold, "min_salience": self.min_salience}, claims=claims)

    def _findings(self, articles: Sequence[Article], kept: list[Statement], vectors: np.ndarray,
                  facts: dict[str, FactSet]) -> list[Finding]:
        by_source = {a.id: [i for i, s in enumerate(kept) if s.source == a.id] for a in articles}
        topicality = _topicality(vectors, [s.source for s in kept])
        anchors = [anchor_keys(facts[s.id]) for s in kept]
        frequency = _frequency(anchors)
        index = {a.id: SourceIndex.build([facts[kept[i].id] for i in by_source[a.id]]) for a in articles}
        others = {a.id: [index[b.id] for b in articles if b.id != a.id] for a in articles}
        matched: set[str] = set()
        pair_findings: list[Finding] = []
        detail_findings: list[Finding] = []
        for a, b in combinations([a.id for a in articles], 2):
            rows, cols = by_source[a], by_source[b]
            bonus = anchor_bonus([anchors[i] for i in rows], [anchors[j] for j in cols], frequency, len(kept))
            sim = cosine_matrix(vectors[rows], vectors[cols]) + bonus
            for group in align_pair(sim, self.threshold, evidence=bonus > 0):
                left = [kept[rows[i]] for i in group.left]
                right = [kept[cols[j]] for j in group.right]
                ids = tuple(s.id for s in left + right)
                matched.update(ids)
                judgement = judge_pair(_joined(left, facts), _joined(right, facts), a, b)
                kind = Kind.DIVERGE if judgement.reasons else Kind.AGREE
                pair_findings.append(Finding(kind, ids, round(group.similarity, 3), judgement.reasons))
                for source, side, other, only in ((a, left, right, judgement.only_left), (b, right, left, judgement.only_right)):
                    only = novel(reportable_facts(only), others[source])
                    if only:
                        detail_findings.append(Finding(
                            Kind.ONE_SIDED, tuple(s.id for s in side), source=source,
                            facts=tuple(f.text for f in only),
                            salience=salience(only, whole_statement=False),
                            matched=tuple(s.id for s in other),
                        ))
        lone = []
        for i, s in enumerate(kept):
            if s.id in matched:
                continue
            found = novel(reportable_facts(facts[s.id].facts), others[s.source])
            lone.append(Finding(
                Kind.ONE_SIDED, (s.id,), source=s.source, facts=tuple(f.text for f in found),
                salience=salience(found, whole_statement=True, topicality=float(topicality[i])),
            ))
        one_sided = [f for f in detail_findings + lone if f.salience >= self.min_salience]
        order = {s.id: i for i, s in enumerate(kept)}
        one_sided.sort(key=lambda f: (-f.salience, order[f.statements[0]]))
        pair_findings.sort(key=lambda f: [order[i] for i in f.statements])
        return pair_findings + one_sided

    def _claims(self, articles: Sequence[Article], kept: list[Statement], vectors: np.ndarray,
                facts: dict[str, FactSet]) -> tuple[list[Finding], tuple[Claim, ...]]:
        """Three or more sources: one clustering of all statements into claims, instead of
        aligning every pair of sources."""
        sources = [s.source for s in kept]
        topicality = _topicality(vectors, sources)
        anchors = [anchor_keys(facts[s.id]) for s in kept]
        sim = cosine_matrix(vectors, vectors) + anchor_bonus(anchors, anchors, _frequency(anchors), len(kept))
        index = {a.id: SourceIndex.build([facts[s.id] for s in kept if s.source == a.id]) for a in articles}
        others = {a.id: [index[b.id] for b in articles if b.id != a.id] for a in articles}
        rank = {a.id: n for n, a in enumerate(articles)}
        groups = [sorted(g, key=lambda i: (rank[sources[i]], i)) for g in cluster_claims(sim, sources, self.threshold)]
        groups.sort(key=lambda g: (-len(g), min(g)))  # most widely reported first
        claims, pairs, one_sided = [], [], []
        for number, group in enumerate(groups, 1):
            members = [kept[i] for i in group]
            carriers = tuple(s.source for s in members)
            ids = tuple(s.id for s in members)
            if len(group) == 1:
                found = novel(reportable_facts(facts[ids[0]].facts), others[carriers[0]])
                one_sided.append(Finding(
                    Kind.ONE_SIDED, ids, source=carriers[0], facts=tuple(f.text for f in found),
                    salience=salience(found, whole_statement=True, topicality=float(topicality[group[0]])),
                ))
                verdict, values = "single", ()
            else:
                central = centrality(sim, group)
                values = judge_claim([facts[i] for i in ids], list(carriers), central)
                reasons = tuple(Reason(v.type, v.by_source) for v in values)
                pairs.append(Finding(Kind.DIVERGE if reasons else Kind.AGREE, ids,
                                     round(float(np.mean(central)), 3), reasons))
                for s in members:
                    stated = {v.by_source.get(s.source) for v in values}  # already shown as a conflict
                    only = [f for f in novel(reportable_facts(facts[s.id].facts), others[s.source]) if f.text not in stated]
                    if only:
                        one_sided.append(Finding(
                            Kind.ONE_SIDED, (s.id,), source=s.source, facts=tuple(f.text for f in only),
                            salience=salience(only, whole_statement=False), matched=tuple(i for i in ids if i != s.id),
                        ))
                verdict = "contested" if reasons else "consensus" if 2 * len(group) > len(articles) else "partial"
            absent = tuple(a.id for a in articles if a.id not in carriers)
            claims.append(Claim(f"c{number}", ids, carriers, absent, verdict, values))
        one_sided = [f for f in one_sided if f.salience >= self.min_salience]
        order = {s.id: i for i, s in enumerate(kept)}
        one_sided.sort(key=lambda f: (-f.salience, order[f.statements[0]]))
        return pairs + one_sided, tuple(claims)

    @staticmethod
    def _as_articles(sources: Mapping[str, str] | Sequence[Article]) -> list[Article]:
        if isinstance(sources, Mapping):
            ids = unique_ids(list(sources))
            return [article_from_text(text, name=name, source_id=i) for (name, text), i in zip(sources.items(), ids)]
        return list(sources)


def compare_articles(sources: Mapping[str, str] | Sequence[Article], *, model: str | None = None, **settings) -> Report:
    """One-shot helper; build a `Checker` to compare many stories with one model load."""
    return Checker(model, **settings).compare(sources)


def _anchored(kept: list[Statement], facts: dict[str, FactSet], outlets: dict[str, frozenset[str]]) -> list[bool]:
    """Statements tied to the story: they share a name with another source and don't name
    their own outlet."""
    names = {s.source: set() for s in kept}
    for s in kept:
        names[s.source].update(f.key for f in facts[s.id].of("name"))
    elsewhere = {src: set().union(*(v for k, v in names.items() if k != src)) for src in names}
    out = []
    for s in kept:
        own = {f.key for f in facts[s.id].of("name")}
        out.append(bool(own & elsewhere[s.source]) and not (facts[s.id].stems & outlets[s.source] or set(facts[s.id].words) & outlets[s.source]))
    return out


def _frequency(anchors: list[frozenset[str]]) -> dict[str, int]:
    """In how many statements each anchor (name, number, date) occurs."""
    frequency: dict[str, int] = {}
    for keys in anchors:
        for key in keys:
            frequency[key] = frequency.get(key, 0) + 1
    return frequency


def _joined(statements: list[Statement], facts: dict[str, FactSet]) -> FactSet:
    if len(statements) == 1:
        return facts[statements[0].id]
    return extract_facts(" ".join(s.text for s in statements))


def _topicality(vectors: np.ndarray, sources: list[str]) -> np.ndarray:
    """Each statement's similarity to the centroid of the other sources' statements."""
    out = np.ones(len(sources))
    labels = np.array(sources)
    for source in dict.fromkeys(sources):
        own = labels == source
        if (~own).sum() == 0:
            continue
        centroid = vectors[~own].mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
        out[own] = vectors[own] @ centroid
    return out
