"""Feeds, group: a day's unsorted articles -> stories (one event each, not one topic).

    each article -> a `Profile`: its headline and lead, the names, dates and figures its
        statements give (the facts layer reads them), its publication date if known
    topics: average linkage of the headline-and-lead embeddings at cosine distance 0.5,
        run inside the connected parts of a nearest-neighbours graph, so the whole feed never
        needs an all-pairs matrix (exact while a part's links are not cut short by the
        neighbour cap or the re-cut of a part over MAX_PART; an approximation beyond)
    events: inside each topic, the profiles' TF-IDF over names, dates and figures (two
        earthquakes share the words of an earthquake, not the places, casualty figures and
        days): average linkage at a tight distance cuts the topic into pieces, then pieces
        are joined again (average linkage at a loose distance) unless each of the two has
        facts of its own: two or more names, dates or figures that half or more of its articles (at
        least two) give and no article of the other does. Two boxing matches of one champion
        differ in the opponent and the venue on both sides; two halves of one story's
        coverage differ at most in a detail one side dwells on
    a time window: articles published more than `window_days` apart are never linked

The result depends on the set of articles, never on their order: everything is sorted
by each article's content key first. scikit-learn does the clustering, neighbours and
TF-IDF; scipy finds the connected parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Sequence

import numpy as np

from crosscheck.clean import find_chrome
from crosscheck.errors import ModelError
from crosscheck.facts import extract_facts
from crosscheck.lang import is_date_stamp
from crosscheck.lang.script import has_cyrillic, loose_spelling
from crosscheck.models import Article
from crosscheck.read import content_key
from crosscheck.segment import segment_article
from crosscheck.settings import WINDOW_DAYS

PROFILE_VERSION = 2  # raise when `profile` reads articles differently: stored profiles are then read again
TOPIC_DISTANCE = 0.5  # headline-and-lead cosine distance (all-MiniLM-L6-v2's scale): one topic
PIECE_DISTANCE = 0.7  # names-dates-figures TF-IDF cosine distance: surely one event within a topic
JOIN_DISTANCE = 0.9  # ... at which pieces of a topic join unless each has facts of its own
OWN_FACTS = 2  # facts of its own that make a piece another event: one can be a detail (a quoted
#                spokesman), two independent ones (the opponent and the venue) rarely are
LEAD_STATEMENTS = 3  # statements after the headline that make the lead
ENTITY_KINDS = ("name", "date", "number", "percent")
MIN_FIGURE = 10  # smaller counts ("2 people", "3 times") say nothing about which event it is
VAGUE_DATES = frozenset({"weekday", "relative"})  # "Saturday", "last year": every week has one
NEIGHBOURS = 50  # an article links to its nearest headlines only: the graph grows with the feed, not its square
MAX_PART = 2000  # articles in one dense block of distances (32 MB)
PART_STEP = 0.05  # how much tighter each cut of a larger part is
FAR = 2.0  # a distance no linkage threshold reaches: pairs outside the time window
SKLEARN_MISSING = "grouping a feed needs scikit-learn; reinstall crosscheck (pip install crosscheck)"
# No field of a date is taken from these: they differ in year, month, day and weekday, and
# their days lie far enough apart that "Tuesday, March 2024" can't land on one day from both.
FILL_ONE, FILL_OTHER = datetime(2001, 1, 1), datetime(2002, 2, 20)
STAMP_LINES = 4  # a date stamp, if any, stands among an article's first lines
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|$)")


@dataclass(frozen=True)
class Profile:
    """What grouping reads of one article."""

    key: str  # SHA-256 of its text with whitespace collapsed: one article, one key
    headline: str
    lead: str  # the headline and the first statements, for the embedding
    entities: tuple[str, ...]  # one "kind:key" per mention: "name:klitschko", "date:2013-04-27"
    published: str | None  # ISO date of publication, when the source gives one
    language: str = "en"


def profile(article: Article) -> Profile:
    """Read an article for grouping (cleaning and segmenting as comparison does)."""
    statements = [s for s in segment_article(article, find_chrome(article.text, article.title, article.language))
                  if s.kept]
    headline = [s for s in statements if s.headline]
    body = [s for s in statements if not s.headline]
    lead = " ".join(s.text for s in headline + body[:LEAD_STATEMENTS]) or article.title
    entities = []
    for statement in statements:
        title_case = statement.headline and _title_case(statement.text)
        for fact in extract_facts(statement.text, article.language).facts:
            if (fact.kind == "name" and title_case) or (fact.kind == "date" and fact.slot in VAGUE_DATES):
                continue
            token = _entity(fact.kind, fact.key)
            if token:
                entities.append(token)
    return Profile(content_key(article.text), article.title.strip(), lead, tuple(entities),
                   publication_date(article), article.language)


def _title_case(text: str) -> bool:
    """A headline with most of its longer words capitalised ("Lohan Checks Into Rehab", or all
    capitals): its capitals mark the style, not names ("Lindsay Lohan Checks"). The names
    come again in the body."""
    words = [w for w in re.findall(r"\w{4,}", text) if not w.isdigit()]
    return len(words) >= 3 and 2 * sum(w[0].isupper() for w in words) > len(words)


def _entity(kind: str, key: str) -> str | None:
    if kind not in ENTITY_KINDS:
        return None
    if kind == "name":
        # one name in either script: "Шевченко" and "Shevchenko" give one token
        return "name:" + (" ".join(loose_spelling(key)) if has_cyrillic(key) or not key.isascii() else key)
    if kind in ("number", "percent"):
        figure = re.sub(r"[^\d.]", "", key.split()[-1]) if key else ""
        try:
            if abs(float(figure)) < MIN_FIGURE:
                return None
        except ValueError:
            return None
    return f"{kind}:{key}"


def publication_date(article: Article) -> str | None:
    """The article's publication date as an ISO date: the one its source gives (a manifest's
    `date`, an HTML page's metadata), else one written in its URL's path (/2024/03/05/). Only
    a whole date counts: nothing is filled in from today. (The time window reads this.)"""
    if article.date:
        found = _whole_date(article.date)
        if found:
            return found
    if article.url:
        found = URL_DATE.search(article.url)
        if found:
            try:
                return date(*(int(part) for part in found.groups())).isoformat()
            except ValueError:
                return None
    return None


def stamped_date(article: Article) -> str | None:
    """A whole date from a date stamp among the article's first lines ("Posted: Jul 07, 2012
    7:40 PM ET", "MONDAY, MAY 23, 2005"): it dates a story's name. Not for the time window: a
    stamp may be when the page was last updated, and stories' coverage outlasts a week."""
    lines = [line.strip() for line in article.text.splitlines()[:STAMP_LINES] if line.strip()]
    return next((d for d in (_whole_date(line, fuzzy=True) for line in lines if is_date_stamp(line, article.language))
                 if d), None)


def _whole_date(text: str, fuzzy: bool = False) -> str | None:
    """An ISO date if `text` gives day, month and year: parsed with two different defaults,
    it must read the same."""
    import warnings

    from dateutil import parser

    try:
        with warnings.catch_warnings():  # "ET", "PDT": time zones it does not know, and the day is all we want
            warnings.simplefilter("ignore")
            one, other = (parser.parse(text, default=d, fuzzy=fuzzy).date() for d in (FILL_ONE, FILL_OTHER))
    except (ValueError, OverflowError):
        return None
    return one.isoformat() if one == other else None


def group(profiles: Sequence[Profile], vectors: np.ndarray, *, window_days: float = WINDOW_DAYS,
          similarity: Callable[[np.ndarray], np.ndarray] | None = None) -> list[list[int]]:
    """Group articles into stories.

    Args:
        profiles: the articles' profiles.
        vectors: their headline-and-lead embeddings (rows, L2-normalised), same order.
        window_days: articles published further apart are never one story (None: no window).
        similarity: maps a block of cosines onto all-MiniLM-L6-v2's scale (another encoder's
            calibration); None: the cosine as it is.
    Returns:
        Stories as lists of indices into `profiles`, each sorted, in a fixed order (by the
        smallest content key), whatever order the articles came in.
    """
    try:
        import scipy.sparse.csgraph  # noqa: F401
        import sklearn.cluster  # noqa: F401
    except ImportError:
        raise ModelError(SKLEARN_MISSING) from None
    if not len(profiles):
        return []
    order = sorted(range(len(profiles)), key=lambda i: profiles[i].key)
    ps = [profiles[i] for i in order]
    feed = _Feed(np.asarray(vectors, dtype=np.float32)[order],
                 np.array([date.fromisoformat(p.published).toordinal() if p.published else np.nan for p in ps]),
                 window_days, similarity or (lambda cosine: cosine), _entity_vectors(ps),
                 np.array([not p.entities for p in ps]))
    # Topics. A pair's adjusted cosine can't reach the threshold unless its raw one is within
    # reach: the graph is built on the raw cosine with room for the calibration.
    radius = TOPIC_DISTANCE if similarity is None else _raw_radius(feed.adjust)
    stories: list[list[int]] = []
    for members in _parts(feed.vectors, radius):
        topic = _linkage(feed.distances(members, feed.cosines(members)), TOPIC_DISTANCE)
        for rows in _members(topic, members):
            stories += feed.events(rows)
    stories = [sorted(order[i] for i in rows) for rows in stories]
    return sorted(stories, key=lambda rows: min(profiles[i].key for i in rows))


@dataclass(frozen=True)
class _Feed:
    """The articles being grouped, in content-key order, and what grouping reads of them."""

    vectors: np.ndarray  # headline-and-lead embeddings
    days: np.ndarray  # publication day numbers (NaN: unknown)
    window_days: float | None
    adjust: Callable[[np.ndarray], np.ndarray]  # cosine -> MiniLM's scale
    entities: Any  # sparse TF-IDF rows over names, dates and figures
    bare: np.ndarray  # articles with no name, date or figure at all

    def cosines(self, rows: np.ndarray) -> np.ndarray:
        return self.adjust(self.vectors[rows] @ self.vectors[rows].T)

    def far(self, rows: np.ndarray) -> np.ndarray:
        """Pairs published more than the window apart (NaN, no date, compares False: no window)."""
        if self.window_days is None:
            return np.zeros((len(rows), len(rows)), dtype=bool)
        return np.abs(self.days[rows][:, None] - self.days[rows][None, :]) > self.window_days

    def distances(self, rows: np.ndarray, similarities: np.ndarray) -> np.ndarray:
        d = np.clip(1.0 - similarities, 0.0, None).astype(np.float64)
        d[self.far(rows)] = FAR
        np.fill_diagonal(d, 0.0)
        return d

    def events(self, rows: np.ndarray) -> list[np.ndarray]:
        """Split one topic into events by the names, dates and figures its articles give."""
        if len(rows) < 2:
            return [rows]
        block = self.entities[rows]
        shared = (block @ block.T).toarray()
        empty = self.bare[rows]
        if empty.any():  # an article with nothing to compare by stays with its topic (one whose
            # values no other article gives shares nothing: it stands apart)
            fallback = self.cosines(rows)
            shared[empty, :] = fallback[empty, :]
            shared[:, empty] = fallback[:, empty]
        d = self.distances(rows, shared)
        pieces = _members(_linkage(d, PIECE_DISTANCE))
        if len(pieces) < 2:
            return [rows]
        given = (block > 0).tocsc()
        given = given[:, np.flatnonzero(given.getnnz(axis=0))].toarray().astype(np.int32)  # article x fact
        return [rows[piece] for piece in _join(pieces, d, given, self.far(rows))]


def _linkage(d: np.ndarray, threshold: float) -> np.ndarray:
    """Average-linkage clusters of a distance matrix, cut at `threshold`."""
    from sklearn.cluster import AgglomerativeClustering

    if len(d) < 2:
        return np.zeros(len(d), dtype=int)
    return AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                   distance_threshold=threshold).fit(d).labels_


def _parts(vs: np.ndarray, radius: float) -> list[np.ndarray]:
    """The connected parts of the graph that links each article to those of its NEIGHBOURS
    nearest headlines within `radius`: average-linkage topics are found within them. A part
    larger than MAX_PART (a chain of similar topics in a big feed) is cut again at a tighter
    radius, so no block held at once exceeds MAX_PART squared."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from sklearn.neighbors import NearestNeighbors

    n = len(vs)
    k = min(n, NEIGHBOURS + 1)  # the article itself comes first
    found = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(vs).kneighbors(vs)
    gaps, near = (a.ravel() for a in found)
    near_of = np.repeat(np.arange(n), k)
    keep = gaps <= radius
    edges = (near_of[keep], near[keep], gaps[keep])

    def split(members: np.ndarray, rows: np.ndarray, cols: np.ndarray, gap: np.ndarray, within: float):
        local = np.full(n, -1)
        local[members] = np.arange(len(members))
        inside = (local[rows] >= 0) & (local[cols] >= 0) & (gap <= within)
        rows, cols, gap = rows[inside], cols[inside], gap[inside]
        graph = coo_matrix((np.ones(len(rows)), (local[rows], local[cols])), shape=(len(members),) * 2)
        _, labels = connected_components(graph, directed=False)
        for part in _members(labels, members):
            if len(part) > MAX_PART and within > PART_STEP:
                yield from split(part, rows, cols, gap, within - PART_STEP)
            else:
                yield part

    return list(split(np.arange(n), *edges, radius))


def _join(pieces: list[np.ndarray], d: np.ndarray, given: np.ndarray, far: np.ndarray) -> list[np.ndarray]:
    """Average linkage of a topic's pieces up to JOIN_DISTANCE, except two pieces that each
    have facts of their own, or that hold two articles outside the time window."""
    groups = [list(p) for p in pieces]
    n = len(groups)
    size = np.array([len(g) for g in groups], dtype=np.float64)
    counts = [given[g].sum(axis=0) for g in groups]  # how many of the piece's articles give each fact
    member = np.zeros((len(d), n))  # article x piece
    for k, g in enumerate(groups):
        member[g, k] = 1.0
    total = member.T @ d @ member  # sums of distances between pieces
    apart = member.T @ far @ member > 0
    alive = np.ones(n, dtype=bool)
    vetoed = np.zeros((n, n), dtype=bool)
    while True:
        mean = total / np.outer(size, size)
        mean[~alive, :] = np.inf
        mean[:, ~alive] = np.inf
        mean[vetoed | apart] = np.inf
        np.fill_diagonal(mean, np.inf)
        a, b = divmod(int(np.argmin(mean)), n)  # ties: the first pair, in content-key order
        if not mean[a, b] <= JOIN_DISTANCE:
            break
        if _own_facts(counts[a], size[a], counts[b]) and _own_facts(counts[b], size[b], counts[a]):
            vetoed[a, b] = vetoed[b, a] = True
            continue
        groups[a] += groups[b]
        counts[a] = counts[a] + counts[b]
        size[a] += size[b]
        alive[b] = False
        total[a, :] += total[b, :]
        total[:, a] = total[a, :]
        apart[a, :] |= apart[b, :]
        apart[:, a] = apart[a, :]
        vetoed[a, :] = vetoed[:, a] = False  # a new piece: its own facts are asked again
    return [np.array(sorted(g)) for g, keep in zip(groups, alive) if keep]


def _own_facts(counts: np.ndarray, size: float, others: np.ndarray) -> bool:
    """Whether a piece has OWN_FACTS facts that at least half of its articles, and two or more, give
    and that no article of the other piece gives."""
    given = counts >= max(2, int(size) // 2 + int(size) % 2)
    return int(np.count_nonzero(given & (others == 0))) >= OWN_FACTS


def _entity_vectors(profiles: Sequence[Profile]):
    """TF-IDF rows over the feed's entities (those two or more articles give)."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [list(p.entities) for p in profiles]
    try:
        return TfidfVectorizer(analyzer=_as_tokens, min_df=2, sublinear_tf=True, dtype=np.float32).fit_transform(docs)
    except ValueError:  # no entity is given by two articles
        return csr_matrix((len(docs), 1), dtype=np.float32)


def _as_tokens(doc: list[str]) -> list[str]:
    return doc


def _members(labels: np.ndarray, rows: np.ndarray | None = None) -> list[np.ndarray]:
    """Each label's rows, in order of their first row."""
    rows = np.arange(len(labels)) if rows is None else np.asarray(rows)
    seen: dict[int, list[int]] = {}
    for row, label in zip(rows, labels):
        seen.setdefault(int(label), []).append(int(row))
    return [np.array(members) for members in seen.values()]


def _raw_radius(adjust: Callable[[np.ndarray], np.ndarray]) -> float:
    """The raw cosine distance below which an adjusted similarity can reach the topic threshold."""
    grid = np.linspace(-1.0, 1.0, 2001, dtype=np.float32)
    reaching = grid[adjust(grid) >= 1.0 - TOPIC_DISTANCE]
    return float(min(2.0, 1.0 - reaching.min() + 1e-3)) if len(reaching) else 0.0


def by_centrality(rows: Sequence[int], vectors: np.ndarray, keys: Sequence[str]) -> list[int]:
    """The members, the one closest to all the others first (ties: the smallest key)."""
    rows = list(rows)
    scores = (vectors[rows] @ vectors[rows].T).sum(axis=1)
    return [rows[k] for k in sorted(range(len(rows)), key=lambda k: (-round(float(scores[k]), 5), keys[rows[k]]))]
