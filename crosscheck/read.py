"""Stage 1, read: files, HTML pages, URLs or stdin -> `Article`.

Plain text and markdown are read as UTF-8; HTML goes through trafilatura's main-content
extractor; an `http(s)://` source is fetched (`fetch.py`) and read like an HTML file.
Every failure is an `InputError` that names the file or URL.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from crosscheck.errors import InputError, UsageError
from crosscheck.fetch import fetch, is_url, url_id
from crosscheck.lang import LANGUAGES, is_date_stamp
from crosscheck.lang.detect import detect_language
from crosscheck.models import Article

MAX_BYTES = 5_000_000  # a news article is well under 1 MB; anything larger is not one
MIN_ARTICLE_WORDS = 5  # main text extracted from an HTML page shorter than this is a page without an article
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


def read_article(path: str | Path, *, stdin: BinaryIO | None = None, source_id: str | None = None,
                 offline: bool = False) -> Article:
    """Read one source. `path` "-" reads standard input; an `http(s)://` URL is fetched,
    unless `offline`."""
    name = str(path)
    if is_url(name):
        return read_url(name, source_id=source_id, offline=offline)
    if name == "-":
        data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        return article_from_bytes(data, name="<stdin>", source_id=source_id or "stdin", html=_looks_like_html(data))
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=name)
    if p.is_dir():
        raise InputError("is a directory, not an article file", path=name)
    suffix = p.suffix.lower()
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        raise InputError(f"unsupported file type {suffix!r} (use .txt, .md or .html)", path=name)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})", path=name)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"can't be read ({exc.strerror or exc})", path=name) from None
    return article_from_bytes(data, name=name, source_id=source_id or p.stem, html=suffix in HTML_SUFFIXES)


def read_url(url: str, *, source_id: str | None = None, offline: bool = False) -> Article:
    """Fetch a page and read it like an `.html` file (plain text pages as text)."""
    if offline:
        raise InputError("is a URL, and --offline refuses to fetch", path=url)
    page = fetch(url, max_bytes=MAX_BYTES)
    article = article_from_text(page.text, name=url, source_id=source_id or slugify(url_id(url)) or "source",
                                html=page.html)
    return replace(article, path=None, url=url)


def article_from_bytes(data: bytes, *, name: str, source_id: str, html: bool = False) -> Article:
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (over {MAX_BYTES:,} bytes)", path=name)
    if b"\x00" in data:
        raise InputError("looks binary (contains NUL bytes), not an article", path=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"is not valid UTF-8 (byte {exc.start})", path=name) from None
    return article_from_text(text, name=name, source_id=source_id, html=html)


def article_from_text(text: str, *, name: str, source_id: str, html: bool = False) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title, published = "", None
    if html:
        text, title, published = _extract_html(text, name)
    if not text.strip():
        raise InputError("is empty (no text to compare)", path=name)
    if _control_ratio(text) > 0.01:
        raise InputError("looks binary (control characters), not an article", path=name)
    if not title:  # the first line, unless it is only a date stamp
        lines = [line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()]
        title = next((line for line in lines if not is_date_stamp(line)), lines[0])
    path = None if name == "<stdin>" else name
    return Article(id=source_id, title=title, text=text, path=path, date=published, language=detect_language(text))


def content_key(text: str) -> str:
    """The key of an article's text: two copies differing only in spacing are one article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def unique_ids(names: list[str]) -> list[str]:
    """Source ids from file stems: lower-case slugs, made unique with -2, -3, ..."""
    ids: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = slugify(name) or "source"
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        ids.append(candidate)
    return ids


def slugify(name: str, max_length: int = 60) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def read_articles(paths: list[str], *, stdin: BinaryIO | None = None, offline: bool = False,
                  languages: str | None = None) -> list[Article]:
    """Read the sources; `languages` ("ru", or "en,ru" one per path) overrides detection."""
    if len(paths) < 2:
        raise UsageError("crosscheck compares two or more sources; got " + (f"only {paths[0]}" if paths else "none"))
    if paths.count("-") > 1:
        raise UsageError("standard input ('-') can be given only once")
    codes = language_codes(languages, len(paths))
    stems = ["stdin" if p == "-" else url_id(p) if is_url(p) else Path(p).stem for p in paths]
    articles = [read_article(p, stdin=stdin, source_id=i, offline=offline) for p, i in zip(paths, unique_ids(stems))]
    return [replace(a, language=code) if code else a for a, code in zip(articles, codes)]


def language_codes(languages: str | None, count: int) -> list[str | None]:
    """--lang: one code for every source, or one per source; checked against the languages
    crosscheck has tables for."""
    if not languages:
        return [None] * count
    codes = [code.strip().lower() for code in languages.split(",")]
    if len(codes) == 1:
        codes *= count
    if len(codes) != count:
        raise UsageError(f"--lang gives {len(codes)} languages for {count} sources (give one, or one per source)")
    for code in codes:
        check_language(code)
    return codes


def check_language(code: str) -> str:
    if code not in LANGUAGES:
        raise UsageError(f"language {code!r} is not one crosscheck reads (it reads {', '.join(LANGUAGES)})")
    return code


def _extract_html(markup: str, name: str) -> tuple[str, str, str | None]:
    """The page's main text, its title and its publication date (its metadata's, if any)."""
    import trafilatura  # lazy: slow to import

    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None or len((doc.text or "").split()) < MIN_ARTICLE_WORDS:  # a menu word is no article
        raise InputError("no article text found in this HTML page", path=name)
    return doc.text, (doc.title or "").strip(), (doc.date or None)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\t")
    return bad / max(1, len(sample))
