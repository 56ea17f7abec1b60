"""URLs as sources, against a web server on localhost: pages are read like .html files;
a dead link, a time-out, a 404, a non-text response, a redirect loop, an oversized page or
a page without article text is a one-line error naming the URL; --offline refuses URLs;
a batch manifest may give URLs and goes on past a broken one."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from conftest import FakeEmbedder
from crosscheck.cli import app
from crosscheck.errors import InputError
from crosscheck.read import read_article

PARAGRAPHS = {
    "a": ["The city council approved the new harbour budget on Monday after a debate that lasted six hours.",
          "The budget sets aside 12 million euros for repairs to the north pier, the mayor said.",
          "Work on the pier is to start in April and last until the end of the year, officials said."],
    "b": ["The harbour budget passed the city council on Monday evening after a long debate.",
          "It includes 15 million euros for the north pier, according to the finance office.",
          "A ferry will run while the pier is closed to traffic, the transport office said."],
}


def page(key: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[key])
    return (f"<!doctype html><html><head><title>Harbour budget {key}</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Harbour budget {key}</h1>{body}</article><footer>© Example</footer></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        routes = {
            "/news/story-a.html": (200, "text/html; charset=utf-8", page("a")),
            "/news/story-b": (200, "text/html", page("b")),
            "/plain.txt": (200, "text/plain; charset=utf-8", "\n\n".join(PARAGRAPHS["a"]).encode()),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            "/empty": (200, "text/html", b"<!doctype html><html><body><nav>Home</nav></body></html>"),
            "/huge": (200, "text/html", b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>"),
            "/cyrillic": (200, "text/html", ('<html><head><meta charset="windows-1251"><title>Новости</title></head>'
                                             "<body><article><p>Чиновникам рекомендовали отказаться от iPhone до 1 апреля, "
                                             "сообщили в администрации.</p></article></body></html>").encode("cp1251")),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path in ("/drip", "/no-length"):  # no Content-Length: the body ends when the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40 if self.path == "/drip" else 1):
                self.wfile.write(b"<p>" + b"word " * (20 if self.path == "/drip" else 4000) + b"</p>")
                self.wfile.flush()
                time.sleep(0.1 if self.path == "/drip" else 0)
            return
        status, kind, data = routes.get(self.path, (404, "text/html", b"<h1>not found</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that hangs up on purpose (size cap, time limit) is no error here


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr("crosscheck.pipeline.make_embedder", lambda *a, **k: FakeEmbedder())


def test_a_page_is_read_like_an_html_file(server):
    article = read_article(f"{server}/news/story-a.html")
    assert "12 million euros for repairs" in article.text and "Home | News" not in article.text
    assert article.url == f"{server}/news/story-a.html" and article.path is None
    assert article.title == "Harbour budget a"
    plain = read_article(f"{server}/plain.txt")
    assert plain.text.startswith("The city council approved")


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404"),
    ("/image.png", "image/png, not a text or HTML page"),
    ("/loop", "more than 5 redirects"),
    ("/empty", "no article text found"),
])
def test_a_bad_url_is_one_error_naming_it(server, path, message):
    with pytest.raises(InputError) as caught:
        read_article(server + path)
    assert str(caught.value).startswith(server + path) and message in str(caught.value)


def test_time_out_size_cap_and_dead_host(server, monkeypatch):
    monkeypatch.setattr("crosscheck.fetch.TIMEOUT", 0.5)
    with pytest.raises(InputError, match="timed out after 0.5 s"):
        read_article(f"{server}/slow")
    monkeypatch.setattr("crosscheck.read.MAX_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        read_article(f"{server}/huge")
    with pytest.raises(InputError, match="can't be fetched"):
        read_article("http://127.0.0.1:9/nothing-listens-here")


def test_the_size_cap_and_the_total_time_hold_while_streaming(server, monkeypatch):
    monkeypatch.setattr("crosscheck.read.MAX_BYTES", 1000)
    with pytest.raises(InputError, match="too large \\(over 1,000 bytes\\)"):  # no Content-Length to go by
        read_article(f"{server}/no-length")
    monkeypatch.setattr("crosscheck.fetch.TOTAL_TIME", 0.5)
    monkeypatch.setattr("crosscheck.read.MAX_BYTES", 5_000_000)
    start = time.monotonic()
    with pytest.raises(InputError, match="took longer than 0.5 s"):  # each read is quick, the whole is not
        read_article(f"{server}/drip")
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("url", ["http://xn--/", "https://[::1", "http://a..b/x", "http://example.com/a\nb"])
def test_a_malformed_url_is_a_one_line_error(url):
    with pytest.raises(InputError) as caught:
        read_article(url)
    message = str(caught.value)
    assert "is not a valid URL" in message and "\n" not in message


def test_a_page_in_another_encoding_is_read_by_its_meta_charset(server):
    article = read_article(f"{server}/cyrillic")
    assert "Чиновникам рекомендовали" in article.text and "1 апреля" in article.text


def test_compare_two_urls_and_offline_refuses(server, fake_model):
    runner = CliRunner()
    result = runner.invoke(app, ["compare", f"{server}/news/story-a.html", f"{server}/news/story-b", "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["id"] for s in report["sources"]] == ["127-0-0-1-story-a", "127-0-0-1-story-b"]
    assert report["sources"][0]["url"] == f"{server}/news/story-a.html"
    result = runner.invoke(app, ["compare", f"{server}/news/story-a.html", f"{server}/news/story-b", "--offline"])
    assert result.exit_code == 2 and "--offline refuses" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["compare", f"{server}/missing", f"{server}/news/story-b"])
    assert result.exit_code == 2 and f"{server}/missing: HTTP 404" in result.output


def test_a_manifest_may_give_urls_and_the_batch_goes_on_past_a_dead_one(server, fake_model, tmp_path):
    rows = [{"story": "harbour", "source": "a", "url": f"{server}/news/story-a.html"},
            {"story": "harbour", "source": "b", "url": f"{server}/news/story-b"},
            {"story": "broken", "source": "a", "url": f"{server}/news/story-a.html"},
            {"story": "broken", "source": "b", "url": f"{server}/missing"}]
    manifest = tmp_path / "stories.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(app, ["batch", str(manifest), "--out", str(tmp_path / "out"), "--no-cache", "-q"])
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    statuses = {s["story"]: s["status"] for s in summary["stories"]}
    assert statuses["harbour"] in ("diverge", "one-sided", "agree")
    assert any(f"{server}/missing" in e for e in summary["errors"] + [e for s in summary["stories"] for e in s.get("errors", [])])
    assert result.exit_code == 3
