"""Batch input: a folder of stories or a JSON Lines manifest -> `Story` objects.

A folder: every directory under it (the folder itself included) that directly holds
article files (.txt, .md, .html) is one story, named by its path relative to the
folder; its files are its sources, in name order. Hidden files and other suffixes are
skipped; directory links are not followed.

A manifest (`*.jsonl`): one source a line,
    {"story": "...", "source": "...", "title": "...", "url": "...", "date": "...", "lang": "ru", "text": "..."}
with `"path"` (relative to the manifest) instead of `"text"` if the article is a file, or
with only an http(s) `"url"` if it is to be fetched.
Sources keep the manifest's order within a story.

Story names are untrusted: `file_names` turns them into safe, distinct file names
that stay inside the output folder whatever the names contain.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from crosscheck.errors import CrosscheckError, InputError, UsageError
from crosscheck.fetch import is_url, url_id
from crosscheck.models import Article
from crosscheck.read import (HTML_SUFFIXES, MAX_BYTES, article_from_text, check_language, content_key, read_article,
                             read_url, unique_ids)

ARTICLE_SUFFIXES = HTML_SUFFIXES | {".txt", ".md", ".markdown", ".text"}
MAX_MANIFEST_BYTES = 500_000_000  # read into memory whole
MAX_NAME = 80
RESERVED = {"index", "summary", "con", "prn", "aux", "nul"}  # our own files, and names Windows refuses


@dataclass
class Story:
    name: str
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per source that could not be used
    inputs: list[str] = field(default_factory=list)  # what it was read from: paths relative to INPUT, manifest lines, URLs
    headline: str = ""  # a grouped story's headline (its most central article's)


@dataclass
class Batch:
    stories: list[Story]
    errors: list[str]  # input problems that belong to no story (a broken manifest line)
    skipped: list[str] = field(default_factory=list)  # sources left out on purpose (a duplicate article)


@dataclass(frozen=True)
class FeedArticle:
    """One article of an unsorted feed and where it came from."""

    article: Article
    input: str  # its path relative to INPUT, its manifest line ("feed.jsonl:12") or its URL
    origin: str  # where it lives, whatever INPUT was: an absolute path or a URL ("text:<key>" for a manifest's text)


@dataclass
class Feed:
    articles: list[FeedArticle]  # every readable input, copies of one text included
    errors: list[str]  # one line per input that could not be read, naming it


def read_batch(path: str | Path, *, offline: bool = False, exclude: Sequence[Path] = ()) -> Batch:
    """Read every story of a folder or a manifest. A broken source is recorded on its
    story; only an unusable INPUT raises. Folders under `exclude` (the output and cache
    folders) are never read."""
    root = Path(path)
    if not root.exists():
        raise UsageError("no such file or folder", path=str(path))
    if root.is_dir():
        return _read_folder(root, exclude)
    if root.suffix.lower() in (".jsonl", ".ndjson"):
        return _read_manifest(root, offline)
    raise UsageError("batch input must be a folder of stories or a .jsonl manifest", path=str(path))


def _read_folder(root: Path, exclude: Sequence[Path] = ()) -> Batch:
    stories, errors = [], []
    for directory in _walk(root, {p.resolve() for p in exclude}):
        files = sorted(
            (p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".")
             and p.suffix.lower() in ARTICLE_SUFFIXES),
            key=lambda p: p.name,
        )
        errors += [f"{printable(p)}: the file name is not valid UTF-8; rename it" for p in files if not _valid_name(p)]
        files = [p for p in files if _valid_name(p)]
        if not files or not _valid_name(directory):
            continue
        name = directory.relative_to(root).as_posix()
        story = Story(root.resolve().name if name == "." else name)
        for file, source_id in zip(files, unique_ids([f.stem for f in files])):
            story.inputs.append(file.relative_to(root).as_posix())
            try:
                story.articles.append(read_article(file, source_id=source_id))
            except CrosscheckError as exc:
                story.errors.append(str(exc))
        stories.append(story)
    if not stories and not errors:
        raise UsageError("no article files (.txt, .md, .html) found", path=str(root))
    return Batch(sorted(stories, key=lambda s: s.name), errors)


def _walk(root: Path, exclude: set[Path] = frozenset()):
    yield root
    for child in sorted((p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")),
                        key=lambda p: p.name):
        if child.resolve() not in exclude:
            yield from _walk(child, exclude)


def _read_manifest(manifest: Path, offline: bool = False) -> Batch:
    stories: dict[str, Story] = {}
    names: dict[str, list[str]] = {}
    rows: list[tuple[str, dict, str]] = []
    errors = []
    for number, row, problem in _manifest_rows(manifest):
        where = f"{manifest}:{number}"
        if problem:
            errors.append(f"{where}: {problem}")
            continue
        if not isinstance(row.get("story"), str) or not row["story"].strip():
            errors.append(f"{where}: each line needs a \"story\" name (or run with --group)")
            continue
        story = stories.setdefault(row["story"], Story(row["story"]))
        names.setdefault(story.name, []).append(_source_id(row) or "source")
        rows.append((story.name, row, where))
    ids = {name: iter(unique_ids(sources)) for name, sources in names.items()}
    for name, row, where in rows:
        stories[name].inputs.append(_manifest_input(row, manifest, where))
        try:
            stories[name].articles.append(_manifest_article(row, where, manifest.parent, next(ids[name]), offline))
        except CrosscheckError as exc:
            stories[name].errors.append(str(exc))
    if not stories and not errors:
        raise UsageError("the manifest lists no sources", path=str(manifest))
    return Batch(sorted(stories.values(), key=lambda s: s.name), errors)


def _manifest_input(row: dict, manifest: Path, where: str) -> str:
    """How summary.json names a manifest line: its path, else its URL, else the line."""
    if isinstance(row.get("path"), str) and row["path"] and not isinstance(row.get("text"), str):
        return row["path"]
    if isinstance(row.get("url"), str) and is_url(row["url"]) and not isinstance(row.get("text"), str):
        return row["url"]
    return f"{manifest.name}:{where.rsplit(':', 1)[1]}"


def read_feed(path: str | Path, *, offline: bool = False, exclude: Sequence[Path] = ()) -> Feed:
    """Read an unsorted feed: every article file under a folder, at any depth (but not under
    `exclude`: the output and cache folders), or every line of a manifest (a `story` field,
    if any, is ignored). An input that can't be read is listed with its reason; the rest go
    on. Copies of one text are all returned (the feed's state decides which one counts)."""
    root = Path(path)
    if not root.exists():
        raise UsageError("no such file or folder", path=str(path))
    found: list[tuple[str, str | None, Callable[[], Article]]] = []
    errors: list[str] = []
    if root.is_dir():
        for file in _article_files(root, exclude, errors):
            found.append((file.relative_to(root).as_posix(), str(file.resolve()), partial(read_article, file)))
        if not found and not errors:
            raise UsageError("no article files (.txt, .md, .html) found", path=str(root))
    elif root.suffix.lower() in (".jsonl", ".ndjson"):
        for number, row, problem in _manifest_rows(root):
            where = f"{root}:{number}"
            if problem:
                errors.append(f"{where}: {problem}")
                continue
            name = _manifest_input(row, root, where)
            url = row.get("url") if isinstance(row.get("url"), str) and is_url(row["url"]) else None
            # a text line lives at its URL if it gives one; else nowhere a later text could replace it
            origin = str((root.parent / name).resolve()) if name == row.get("path") else url
            found.append((name, origin, partial(_manifest_article, row, where, root.parent,
                                                _source_id(row) or "source", offline)))
    else:
        raise UsageError("a feed is a folder of articles or a .jsonl manifest", path=str(path))
    articles = []
    for name, origin, read in sorted(found, key=lambda item: item[0]):
        try:
            article = read()
        except CrosscheckError as exc:
            errors.append(str(exc))
            continue
        articles.append(FeedArticle(article, name, origin or f"text:{content_key(article.text)}"))
    return Feed(articles, errors)


def _article_files(root: Path, exclude: Sequence[Path], errors: list[str]):
    """Every article file under `root`, in name order; a name that is not valid UTF-8 is an error."""
    for directory in _walk(root, {p.resolve() for p in exclude}):
        for file in sorted(directory.iterdir(), key=lambda p: p.name):
            if file.is_file() and not file.name.startswith(".") and file.suffix.lower() in ARTICLE_SUFFIXES:
                if _valid_name(file):
                    yield file
                else:
                    errors.append(f"{printable(file)}: the file name is not valid UTF-8; rename it")


def _valid_name(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def printable(path: Path | str) -> str:
    """A path as text that can be written anywhere: bytes that are not UTF-8 as \\xNN."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _source_id(row: dict) -> str:
    """A manifest line's source id: its `source`, else its file's stem, else its URL's id."""
    source = row.get("source") or (Path(row["path"]).stem if isinstance(row.get("path"), str)
                                   else url_id(row["url"]) if isinstance(row.get("url"), str) else "")
    return str(source)


def _manifest_rows(manifest: Path):
    """(line number, row, problem) for each non-blank line of a manifest."""
    try:
        if manifest.stat().st_size > MAX_MANIFEST_BYTES:
            raise UsageError("manifest too large", path=str(manifest))
        lines = manifest.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise UsageError(f"is not valid UTF-8 (byte {exc.start})", path=str(manifest)) from None
    except OSError as exc:
        raise UsageError(f"can't be read ({exc.strerror or exc})", path=str(manifest)) from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append((number, None, f"not a JSON object ({exc.msg})"))
            continue
        if not isinstance(row, dict):
            rows.append((number, None, "not a JSON object"))
        elif not _unicode(line, row):
            rows.append((number, None, "holds text that is not valid Unicode (an unpaired \\ud800-\\udfff escape)"))
        else:
            rows.append((number, row, None))
    if not rows:
        raise UsageError("the manifest lists no sources", path=str(manifest))
    return rows


def _unicode(line: str, row: dict) -> bool:
    """Whether a manifest line's strings can be written out as UTF-8 (JSON may escape
    unpaired surrogates, which no file can hold)."""
    if "\\u" not in line.lower():
        return True
    try:
        json.dumps(row, ensure_ascii=False).encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _manifest_article(row: dict, where: str, base: Path, source_id: str, offline: bool = False) -> Article:
    meta = {k: row[k] for k in ("title", "url", "date") if isinstance(row.get(k), str) and row[k].strip()}
    if isinstance(row.get("text"), str):
        if len(row["text"].encode("utf-8")) > MAX_BYTES:
            raise InputError(f"text too large (over {MAX_BYTES:,} bytes)", path=where)
        html = row["text"].lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
        article = article_from_text(row["text"], name=where, source_id=source_id, html=html)
        article = replace(article, path=None)
    elif isinstance(row.get("path"), str) and row["path"]:
        article = read_article(base / row["path"], source_id=source_id)
    elif "url" in meta and is_url(meta["url"]):  # neither text nor file: fetch the page
        article = read_url(meta["url"], source_id=source_id, offline=offline)
    else:
        raise InputError("needs \"text\", \"path\" or an http(s) \"url\"", path=where)
    if "lang" in row:  # overrides detection
        if not isinstance(row["lang"], str) or not row["lang"].strip():
            raise InputError("\"lang\" must be a language code such as \"ru\"", path=where)
        try:
            meta["language"] = check_language(row["lang"].strip().lower())
        except CrosscheckError as exc:
            raise InputError(str(exc), path=where) from None
    return replace(article, **meta)


def file_names(names: list[str]) -> dict[str, str]:
    """A safe, distinct file stem for each story name: lower-case ASCII letters, digits,
    `.`, `_` and `-`, never empty, never starting with a dot, at most ~90 characters.
    Names that would clash (differing only in case or punctuation), be cut short, or
    take a reserved name get a short hash of the full name, so the result does not
    depend on which other names are in the batch beyond the clash itself."""
    slugs = {name: _slug(name) for name in names}
    counts: dict[str, int] = {}
    for slug in slugs.values():
        counts[slug] = counts.get(slug, 0) + 1
    out = {}
    for name, slug in slugs.items():
        if not slug or counts[slug] > 1 or slug in RESERVED or len(slug) > MAX_NAME:
            digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
            slug = f"{slug[:MAX_NAME].rstrip('-.')}-{digest}" if slug else f"story-{digest}"
        out[name] = slug
    return out


def _slug(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9._]+", "-", name.lower().replace(os.sep, "/"))
    slug = re.sub(r"\.{2,}", ".", slug)
    return slug.strip("-._")
