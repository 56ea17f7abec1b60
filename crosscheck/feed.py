"""Feeds: an unsorted folder or manifest of articles -> the stories of a batch, and the
state that lets tomorrow's run extend today's stories.

    read the feed (`stories.read_feed`) -> add the articles of earlier runs (`FeedState`)
    -> profile the new ones (`group.profile`) -> encode headlines and leads (through the
    embedding cache) -> group (`group.group`) -> one `Story` per group, named from its
    headline and date

Every run groups all the articles it knows, old and new, afresh: the stories are the
same whether the articles came in one run or in several, and a story is never stuck with
an early mistake. Only the comparisons are incremental: a story whose articles did not
change keeps its reports (`FeedState.unchanged`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from crosscheck import __version__
from crosscheck.embed.cache import CachedEmbedder, EmbeddingCache
from crosscheck.errors import UsageError, first_line
from crosscheck.group import PROFILE_VERSION, Profile, by_centrality, group, profile, stamped_date
from crosscheck.models import Article
from crosscheck.pipeline import Checker
from crosscheck.read import content_key, unique_ids
from crosscheck.render import write_atomic
from crosscheck.settings import WINDOW_DAYS
from crosscheck.stories import Batch, FeedArticle, Story, read_feed

STATE_SCHEMA = "crosscheck.feed-state/1"
STATE_FOLDER = "feeds"
MAX_HEADLINE = 100  # characters of a headline in a story's name


@dataclass
class Copy:
    """One place a text was found: where, and the article as read there."""

    input: str  # as summary.json names it
    origin: str  # where it lives (`FeedArticle.origin`): new text there replaces this one
    article: Article


@dataclass
class Known:
    """An article the state remembers: every copy of its text (the first by input name
    counts), and the profile of that first copy, to group it."""

    copies: list[Copy]
    profile: Profile

    @property
    def input(self) -> str:
        return self.copies[0].input

    @property
    def article(self) -> Article:
        return self.copies[0].article

    def to_dict(self) -> dict[str, Any]:
        return {"copies": [{"input": c.input, "origin": c.origin, "article": asdict(c.article)} for c in self.copies],
                "profile": asdict(self.profile)}

    @classmethod
    def from_dict(cls, row: dict, current: bool) -> Known:
        copies = [Copy(str(c["input"]), str(c["origin"]), Article(**c["article"])) for c in row["copies"]]
        if not copies or not all(isinstance(c.article.text, str) and isinstance(c.article.date, (str, type(None)))
                                 for c in copies):
            raise ValueError("an article without its text")
        read = row["profile"]
        if not current:  # profiled by an older crosscheck: read it again
            return cls(copies, profile(copies[0].article))
        if not isinstance(read["published"], (str, type(None))) or not all(isinstance(e, str) for e in read["entities"]):
            raise ValueError("a profile of the wrong shape")
        return cls(copies, Profile(**{**read, "entities": tuple(read["entities"])}))


@dataclass
class FeedState:
    """What earlier runs into one output folder saw: their articles, each story's result and
    the report files they wrote. Kept as one JSON file in the cache folder, written whole or
    not at all."""

    path: Path | None = None
    fingerprint: str = ""
    articles: dict[str, Known] = field(default_factory=dict)  # content key -> article
    stories: dict[str, dict[str, Any]] = field(default_factory=dict)  # story name -> {"keys": [...], "result": {...}}
    files: list[str] = field(default_factory=list)  # report files the last run left in the output folder
    _by_origin: dict[str, str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def for_output(cls, cache_dir: str | Path, out: str | Path, fingerprint: str, *, reset: bool = False) -> FeedState:
        """The state of the runs into `out`, or a fresh one (`reset`, or none kept yet). A
        state written under other settings keeps its articles but none of its results;
        `reset` keeps only the list of report files, so that they can be cleared away."""
        name = hashlib.sha256(str(Path(out).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
        path = Path(cache_dir) / STATE_FOLDER / f"{name}.json"
        state = cls(path, fingerprint)
        if not path.is_file():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("schema") != STATE_SCHEMA:
                raise ValueError("not a feed state of this crosscheck")
            files = data.get("files", [])
            if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
                raise ValueError("its list of report files is not a list of names")
            state.files = files
        except (OSError, ValueError, TypeError) as exc:
            if reset:  # nothing to keep: start afresh
                return cls(path, fingerprint)
            raise UsageError(f"unreadable feed state ({first_line(exc)}); run with --reset to start afresh",
                             path=str(path)) from None
        if reset:
            return state
        try:
            current = data.get("profile_version") == PROFILE_VERSION
            for row in data["articles"]:
                known = Known.from_dict(row, current)
                state.articles[known.profile.key] = known
            if data.get("fingerprint") == fingerprint:
                stories = data["stories"]
                if not all(isinstance(v, dict) and isinstance(v["keys"], list) and isinstance(v["result"], dict)
                           for v in stories.values()):
                    raise ValueError("a story without its keys or result")
                state.stories = stories
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UsageError(f"unreadable feed state ({first_line(exc)}); run with --reset to start afresh",
                             path=str(path)) from None
        return state

    def add(self, item: FeedArticle) -> None:
        """Take an article of today's feed. New text where a known article lives replaces it
        (a corrected article is not compared with its old self); a second copy of a known
        text is remembered as a copy; of all copies, the one with the first input name counts,
        whichever run brought it."""
        key = content_key(item.article.text)
        origins = self._origins()
        if origins.get(item.origin, key) != key:
            self._drop(origins.pop(item.origin), item.origin)
        known = self.articles.get(key)
        copy = Copy(item.input, item.origin, item.article)
        if known is None:
            self.articles[key] = Known([copy], profile(item.article))
        elif item.origin not in origins:
            self._recopy(key, known.copies + [copy])
        origins[item.origin] = key

    def _origins(self) -> dict[str, str]:
        """Where each known text lives (every copy's origin) -> its content key."""
        if self._by_origin is None:
            self._by_origin = {c.origin: key for key, known in self.articles.items() for c in known.copies}
        return self._by_origin

    def _drop(self, key: str, origin: str) -> None:
        """The text at `origin` changed: that copy of the article is gone."""
        self._recopy(key, [c for c in self.articles[key].copies if c.origin != origin])

    def _recopy(self, key: str, copies: list[Copy]) -> None:
        """An article's copies are now these: the first by input name counts (and is profiled)."""
        if not copies:
            del self.articles[key]
            return
        known = self.articles[key]
        copies = sorted(copies, key=lambda c: (c.input, c.origin))
        if copies[0] is not known.copies[0]:
            known.profile = profile(copies[0].article)
        known.copies = copies

    def skipped(self) -> list[str]:
        """Every copy left out, as summary.json lists it."""
        return sorted(f"{c.input}: the same text as {k.input}" for k in self.articles.values() for c in k.copies[1:])

    def unchanged(self, story: Story, file: str, reports: list[Path]) -> dict[str, Any] | None:
        """The earlier result of a story with the same articles and file name, if its
        reports still exist."""
        earlier = self.stories.get(story.name)
        if not earlier or earlier["keys"] != story_keys(story):
            return None
        result = earlier["result"]
        same = (result.get("file") == file and result.get("inputs") == story.inputs
                and result.get("sources") == [a.id for a in story.articles])
        return result if same and _sound(result) and all(Path(f).is_file() for f in reports) else None

    def save(self, results: dict[str, tuple[list[str], dict[str, Any]]], files: list[str]) -> None:
        """Remember every article, each story's keys and result (name -> (keys, result)) and
        the report files now in the output folder."""
        if self.path is None:
            return
        data = {
            "schema": STATE_SCHEMA,
            "version": __version__,
            "profile_version": PROFILE_VERSION,
            "fingerprint": self.fingerprint,
            "articles": [k.to_dict() for _, k in sorted(self.articles.items())],
            "stories": {name: {"keys": keys, "result": result} for name, (keys, result) in sorted(results.items())},
            "files": sorted(files),
        }
        write_atomic(self.path, json.dumps(data, ensure_ascii=False))  # insertion order: a result reads back as written


RESULT_FIELDS = {"status": str, "reports": dict, "errors": list, "statements": int, "agree": int, "diverge": int,
                 "related": int, "one_sided": int, "set_aside": int}


def _sound(result: dict) -> bool:
    """Whether a stored story result has every field a batch reads back, of its type."""
    return all(isinstance(result.get(name), kind) for name, kind in RESULT_FIELDS.items())


def story_keys(story: Story) -> list[str]:
    return sorted(content_key(a.text) for a in story.articles)


def _fitted_files() -> str:
    """The fitted weights and maps a report depends on (the same-fact score, e5's scales)."""
    from importlib.resources import files

    digest = hashlib.sha256()
    for part in (("same_fact.json",), ("e5", "scale.json")):
        digest.update(files("crosscheck").joinpath("data", *part).read_bytes())
    return digest.hexdigest()[:20]


def state_fingerprint(checker: Checker, formats: list[str], plot: str | None) -> str:
    """What a story's stored result depends on besides its articles."""
    facts = checker.fact_embedder
    parts = {"version": __version__, "settings": checker.settings.report_settings(), "formats": formats, "plot": plot,
             "model": getattr(checker.embedder, "fingerprint", checker.embedder.name), "backend": checker.settings.backend,
             "same_fact_model": getattr(facts, "fingerprint", facts.name), "fitted": _fitted_files()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:20]


def group_feed(source: str | Path, *, checker: Checker, cache: EmbeddingCache | None = None,
               state: FeedState | None = None, window_days: float | None = WINDOW_DAYS,
               progress: Callable[[int, int], None] | None = None, exclude: Sequence[Path] = ()) -> Batch:
    """Read an unsorted feed, add the articles `state` remembers, and group them all into stories.

    Args:
        source: a folder of articles (any depth) or a .jsonl manifest.
        checker: its settings (offline) and encoders are used.
        cache: the embedding cache for headlines and leads; state: earlier runs' articles
            (updated in place with the new ones); window_days: articles published further
            apart are never one story; progress: told how many leads of how many are encoded;
            exclude: folders under a feed folder not to read (the output and cache folders).
    Returns:
        A `Batch` of stories (single-source ones included), the feed's unreadable inputs as
        errors and its duplicates as skipped.
    """
    feed = read_feed(source, offline=checker.settings.offline, exclude=exclude)
    state = state if state is not None else FeedState()
    for item in feed.articles:
        state.add(item)
    known = [state.articles[key] for key in sorted(state.articles)]
    profiles = [k.profile for k in known]
    if not known:
        return Batch([], feed.errors, state.skipped())
    embedder, calibration = checker.aligner([k.article for k in known])
    done = 0

    def encoded(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, len(profiles))

    vectors = CachedEmbedder(embedder, cache).encode([p.lead for p in profiles], progress=encoded)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    adjust = (lambda cosine: calibration.apply(cosine)) if calibration is not None else None
    groups = group(profiles, vectors, window_days=window_days, similarity=adjust)
    stories = [_story(rows, known, vectors) for rows in groups]
    return Batch(_distinct(stories), feed.errors, state.skipped())


def _story(rows: list[int], known: list[Known], vectors: np.ndarray) -> Story:
    members = sorted(rows, key=lambda i: known[i].input)
    central = [known[i].profile for i in by_centrality(rows, vectors, [k.profile.key for k in known])]
    # a headline names it: the most central title that reads as one (short, no closing full
    # stop), else the most central title (an article without a headline starts with its lead)
    centre = next((p for p in central if len(p.headline) <= MAX_HEADLINE and not p.headline.endswith(".")
                   and not p.headline.isupper()), central[0])
    dates = sorted(filter(None, (known[i].profile.published or stamped_date(known[i].article) for i in rows)))
    headline = " ".join(centre.headline.split())
    if len(headline) > MAX_HEADLINE:
        headline = headline[:MAX_HEADLINE].rsplit(" ", 1)[0] + "…"
    name = f"{dates[0]} {headline}" if dates else headline
    ids = unique_ids([known[i].article.id for i in members])
    articles = [replace(known[i].article, id=source_id) for i, source_id in zip(members, ids)]
    return Story(name or "story", articles, inputs=[known[i].input for i in members], headline=centre.headline)


def _distinct(stories: list[Story]) -> list[Story]:
    """Stories sorted by name, a repeated name numbered: "Quake hits ... (2)"."""
    stories = sorted(stories, key=lambda s: (s.name, s.inputs))
    seen: dict[str, int] = {}
    for story in stories:
        seen[story.name] = seen.get(story.name, 0) + 1
        if seen[story.name] > 1:
            story.name = f"{story.name} ({seen[story.name]})"
    return stories
