"""The only place that chains the stages:

    read -> clean -> segment -> embed -> facts -> off-topic -> align and judge -> `Report`

Each stage lives in its own module; this one passes their plain data along.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

import numpy as np

from crosscheck.clean import find_chrome, outlet_names
from crosscheck.embed import Embedder, make_embedder, preload
from crosscheck.embed.e5 import shared_encoder
from crosscheck.errors import UsageError
from crosscheck.facts import extract_facts
from crosscheck.facts.headline import headline_facts
from crosscheck.judge import Judge, Story, claim_findings, pairwise_findings
from crosscheck.models import Article, Report, SourceInfo, Statement
from crosscheck.read import article_from_text, read_articles, unique_ids
from crosscheck.segment import segment_article
from crosscheck.settings import Settings
from crosscheck.topic import OFF_TOPIC, anchored_statements, branded_statements, find_off_topic


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

    >>> checker = Checker()                       # the shipped all-MiniLM-L6-v2 on onnxruntime
    >>> report = checker.compare({"a": text_a, "b": text_b})
    >>> Checker(backend="torch", threshold=0.65)  # any field of `Settings` as a keyword

    Args:
        model: a sentence-transformers model name or local path (None: the bundled one).
        settings: the settings to start from (default: `Settings()`); keywords override them.
        embedder: any object with `name` and `encode(texts)`, instead of loading a model.
        fact_embedder: the same-fact encoder (default: multilingual-e5-small, 4-bit, on onnxruntime),
            which re-reads the statements of the pairs alignment proposes.
    """

    def __init__(self, model: str | None = None, *, settings: Settings | None = None,
                 embedder: Embedder | None = None, fact_embedder: Embedder | None = None, **options: Any) -> None:
        self.settings = (settings or Settings()).override(model=model, **options)
        if embedder is None:
            embedder = make_embedder(self.settings.model, backend=self.settings.backend, cache_dir=self.settings.cache_dir)
            preload(embedder)
        if fact_embedder is None:
            fact_embedder = shared_encoder()
            preload(fact_embedder)
        self.embedder, self.fact_embedder = embedder, fact_embedder
        self.judge = Judge(self.settings.judge, self.settings.min_confidence)

    def with_embedder(self, embedder: Embedder, fact_embedder: Embedder | None = None) -> Checker:
        """The same settings with other embedders (a batch wraps its models in a cache)."""
        return Checker(settings=self.settings, embedder=embedder, fact_embedder=fact_embedder or self.fact_embedder)

    def compare(self, sources: Mapping[str, str] | Sequence[Article]) -> Report:
        """Compare two or more sources: a mapping of id -> text, or `Article`s."""
        if isinstance(sources, Mapping):
            ids = unique_ids(list(sources))
            sources = [article_from_text(text, name=name, source_id=i) for (name, text), i in zip(sources.items(), ids)]
        return self.compare_articles(list(sources))

    def compare_files(self, paths: list[str], *, stdin=None, languages: str | None = None) -> Report:
        """Read files (or fetch URLs) as the CLI does ('-' is stdin), then compare them.
        `languages`: one code for all, or one per path, comma-separated (None: detected)."""
        return self.compare_articles(read_articles(paths, stdin=stdin, offline=self.settings.offline,
                                                   languages=languages))

    def compare_articles(self, articles: Sequence[Article]) -> Report:
        return self.compare_prepared(self.prepare(articles))

    def prepare(self, articles: Sequence[Article]) -> Prepared:
        """Clean and segment, which need no model. A batch prepares every story first,
        encodes all their statements in one go, then compares each."""
        if len(articles) < 2:
            raise UsageError("crosscheck compares two or more sources; got " + str(len(articles)))
        statements, outlets = [], {}
        for article in articles:
            lines = find_chrome(article.text, article.title, article.language)
            outlets[article.id] = frozenset(outlet_names(lines, article.language))
            statements += segment_article(article, lines)
        return Prepared(tuple(articles), tuple(statements), outlets)

    def compare_prepared(self, prepared: Prepared) -> Report:
        """Encode, extract facts, set off-topic paragraphs aside, align and judge."""
        articles = prepared.articles
        story, statements = self.story(prepared)
        claims, possible = None, []
        if len(articles) >= 3:
            findings, claims, possible = claim_findings(story, self.settings.threshold, self.settings.min_salience)
        else:
            findings, possible = pairwise_findings(story, self.settings.threshold, self.settings.min_salience)
        infos = tuple(SourceInfo(a.id, a.title, a.path, sum(1 for s in statements if s.source == a.id and s.kept),
                                 sum(1 for s in statements if s.source == a.id and not s.kept), url=a.url, date=a.date,
                                 language=a.language)
                      for a in articles)
        return Report(infos, tuple(statements), tuple(findings), model=self.aligner(articles)[0].name,
                      settings=self.settings.report_settings(), claims=claims, possible=tuple(possible))

    def story(self, prepared: Prepared) -> tuple[Story, list[Statement]]:
        """Encode and extract facts, set off-topic paragraphs aside: what judging reads, and
        every statement, off-topic ones marked."""
        articles, statements = prepared.articles, list(prepared.statements)
        language = {a.id: a.language for a in articles}
        kept = [s for s in statements if s.kept]
        embedder, calibration = self.aligner(articles)
        vectors = embedder.encode([s.text for s in kept]) if kept else np.zeros((0, 1), np.float32)
        facts = {s.id: extract_facts(s.text, language[s.source]) for s in kept}
        for s in kept:
            if s.headline:
                facts[s.id] = headline_facts(s.text, facts[s.id], (facts[o.id] for o in kept if o.source == s.source
                                                                    and not o.headline))
        off_topic = find_off_topic(vectors, [s.source for s in kept], [s.paragraph for s in kept],
                                   anchored_statements(kept, facts, prepared.outlets),
                                   branded_statements(kept, facts, prepared.outlets))
        aside = {s.id for s, off in zip(kept, off_topic) if off}
        statements = [replace(s, set_aside=OFF_TOPIC) if s.id in aside else s for s in statements]
        fact_embedder = self.fact_encoder(articles)
        across = getattr(fact_embedder, "calibration", lambda: None)() if len(set(language.values())) > 1 else None
        story = Story(tuple(a.id for a in articles), tuple(s for s in kept if s.id not in aside),
                      vectors[~off_topic] if len(vectors) else vectors, facts, self.judge, fact_embedder.encode,
                      calibration, across)
        return story, statements

    def aligner(self, articles: Sequence[Article]) -> tuple[Embedder, Any]:
        """The encoder that aligns these articles, and its map onto MiniLM's scale (None: MiniLM).
        MiniLM reads English only: other languages, with no --model, align on the same-fact encoder."""
        multilingual = self.fact_encoder(articles)
        if self.settings.model is None and any(a.language != "en" for a in articles) and hasattr(multilingual, "calibration"):
            return multilingual, multilingual.calibration()
        return self.embedder, None

    def fact_encoder(self, articles: Sequence[Article]) -> Embedder:
        """The same-fact encoder, through its adapter for Cyrillic text if the articles mix languages."""
        mixed = len({a.language for a in articles}) > 1
        return self.fact_embedder.across() if mixed and hasattr(self.fact_embedder, "across") else self.fact_embedder


def compare_articles(sources: Mapping[str, str] | Sequence[Article], *, model: str | None = None, **settings) -> Report:
    """One-shot helper; build a `Checker` to compare many stories with one model load."""
    return Checker(model, **settings).compare(sources)
