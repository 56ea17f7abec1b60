"""Stage 0, fetch: an `http(s)://` source -> the page's text, for `read.py` to read like an
`.html` file.

httpx does the fetching: a time-out per read and one for the whole download, a size cap
(the same as for files, counted on the bytes as sent: no compression is asked for), a
redirect limit, a user agent that names crosscheck, and a content-type check; a page
without a charset in its headers is decoded by the one its <meta> tag declares. Every failure is an
`InputError` that names the URL: a dead host, a time-out, an HTTP error status, a
response that is not text, a page over the size cap.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from crosscheck import __version__
from crosscheck.errors import InputError

TIMEOUT = 20.0  # seconds, for connecting and for each read
TOTAL_TIME = 60.0  # seconds for the whole download, however slowly it trickles
MAX_REDIRECTS = 5
USER_AGENT = f"crosscheck/{__version__} (compares news coverage; a single fetch per article)"
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
URL = re.compile(r"^https?://", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    url: str  # where it was found, after redirects
    text: str
    html: bool  # an HTML page, not plain text


def is_url(name: str) -> bool:
    return bool(URL.match(name))


def url_id(url: str) -> str:
    """A readable source id from a URL's host and the last part of its path:
    "https://www.example.com/news/2024/story-name.html" -> "example-com-story-name"."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - raises on a malformed host ("[::1")
    except ValueError:
        return "source"
    host = (parts.hostname or "").removeprefix("www.")
    last = next((p for p in reversed(parts.path.split("/")) if p), "")
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", last, flags=re.IGNORECASE)
    return f"{host}-{last}" if last else host


def fetch(url: str, *, max_bytes: int, timeout: float | None = None) -> Page:
    """GET one page (`timeout` in seconds, default TIMEOUT). Raises `InputError` (naming the
    URL) for anything but a text page of at most `max_bytes`."""
    import httpx  # lazy: only URL sources need it

    timeout = timeout or TIMEOUT
    if re.search(r"\s", url):
        raise InputError("is not a valid URL (it holds spaces or line breaks)", path=url.encode("unicode_escape").decode())
    deadline = time.monotonic() + TOTAL_TIME
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain",
               "Accept-Encoding": "identity"}  # no compression: the size cap counts what arrives
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers=headers) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), path=url)
                kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if kind and kind not in TEXT_TYPES:
                    raise InputError(f"is {kind}, not a text or HTML page", path=url)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise InputError(f"too large ({int(declared):,} bytes; the limit is {max_bytes:,})", path=url)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise InputError(f"too large (over {max_bytes:,} bytes)", path=url)
                    if time.monotonic() > deadline:
                        raise InputError(f"took longer than {TOTAL_TIME:g} s to download", path=url)
                encoding = response.charset_encoding or _declared_charset(bytes(body[:4096])) or "utf-8"
                final = str(response.url)
    except httpx.TimeoutException:
        raise InputError(f"timed out after {timeout:g} s", path=url) from None
    except httpx.TooManyRedirects:
        raise InputError(f"more than {MAX_REDIRECTS} redirects", path=url) from None
    except httpx.InvalidURL as exc:
        raise InputError(f"is not a valid URL ({exc})", path=url) from None
    except httpx.HTTPError as exc:
        raise InputError(f"can't be fetched ({type(exc).__name__}: {exc})", path=url) from None
    except (ValueError, UnicodeError) as exc:  # a malformed host ("http://xn--/", "https://[::1")
        raise InputError(f"is not a valid URL ({exc})", path=url) from None
    try:
        text = bytes(body).decode(encoding, errors="replace")
    except LookupError:  # a charset Python does not know
        text = bytes(body).decode("utf-8", errors="replace")
    html = kind != "text/plain" and (kind != "" or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")))
    return Page(final, text, html)


def _declared_charset(head: bytes) -> str | None:
    """The charset a page declares in its <meta> tags, when the server did not say."""
    m = META_CHARSET.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None
