"""The HTML report: self-contained, strict CSP, article text shown as text, same bytes for
the same input, statements marked with what was found; and the CLI and batch writing it."""

import base64
import hashlib
import re

from typer.testing import CliRunner

from conftest import FakeEmbedder
from crosscheck.cli import app
from crosscheck.pipeline import Checker
from crosscheck.render import render
from crosscheck.render.html import SCRIPT

TWO = {
    "alpha": "Bridge repairs\n\nThe state will spend 5 million dollars on repairs to the old river bridge this year. "
             "Work starts in May, the transport office said.\n",
    "beta": "Bridge money\n\nThe state will spend 7 million dollars on repairs to the old river bridge this year. "
            "A ferry will run while the bridge is closed.\n",
}
HOSTILE = ('Evil page\n\n<script>alert(1)</script> The mayor said <img src=x onerror="alert(2)"> that '
           '[a link](javascript:alert(3)) and </span></p><a href="http://evil.example">x</a> were bad.\n')


def _html(sources) -> str:
    return render(Checker(embedder=FakeEmbedder()).compare(sources).to_dict(), "html")


def test_one_file_with_nothing_from_outside_and_a_strict_policy():
    page = _html(TWO)
    assert page.startswith("<!doctype html>")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp  # the one inline script, by its hash
    assert not re.search(r'(src|href)="(https?:)?//', page)  # no outside fonts, styles, scripts, images
    assert page.count("<script>") == 1 and "<link" not in page


def test_markup_in_titles_and_source_ids_is_shown_as_text():
    from crosscheck.models import Article

    hostile = 'x"><b onmouseover=alert(1)>'  # an id a library caller passes as it is
    text = '<b>Bold</b> "title" & co\n\n' + TWO["alpha"]
    page = _html([Article(hostile, '<b>Bold</b> "title" & co', text), Article("b", "Bridge money", TWO["beta"])])
    assert not re.search(r"<b[\s>]", page) and "onmouseover=alert(1)>" not in page  # no element, no attribute
    assert "&lt;b&gt;Bold&lt;/b&gt; &quot;title&quot; &amp; co" in page
    assert 'id="s-x&quot;&gt;&lt;b onmouseover=alert(1)&gt;:1"' in page  # the id lands escaped in its attribute


def test_article_markup_is_shown_as_text():
    page = _html({"a": HOSTILE, "b": TWO["alpha"]})
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page
    assert "<img" not in page and 'onerror="alert' not in page
    assert 'href="javascript:' not in page and 'href="http://evil' not in page
    assert "&lt;/span&gt;&lt;/p&gt;" in page


def test_same_input_same_bytes():
    assert _html(TWO) == _html(TWO)


def test_statements_are_marked_with_what_was_found_and_link_their_counterparts():
    page = _html(TWO)
    diverging = re.findall(r'<span class="st st-diverge[^"]*" id="s-([^"]+)"[^>]*>(.*?)</span>', page)
    assert {sid for sid, _ in diverging} == {"alpha:2", "beta:2"}
    assert any("<mark>5 million dollars</mark>" in body for _, body in diverging)
    assert 'href="#s-beta:2"' in page and 'data-links="beta:2"' in page  # alpha:2 leads to its counterpart
    one_sided = re.findall(r'<span class="st st-one[^"]*" id="s-([^"]+)"', page)
    assert "beta:3" in one_sided  # the ferry: only beta says it
    assert re.search(r'class="st [a-z-]+ headline" id="s-alpha:1"', page)  # headlines are marked
    assert "⚠" in page and "◆" in page  # symbols as well as colours


def test_three_sources_get_the_coverage_matrix_inline():
    three = dict(TWO, gamma=TWO["alpha"].replace("Bridge repairs", "Repairs ahead"))
    page = _html(three)
    assert "<svg" in page and 'role="img"' in page and "Coverage (" in page


def test_cli_writes_html_by_suffix_and_by_format(tmp_path):
    for name, text in TWO.items():
        (tmp_path / f"{name}.txt").write_text(text)
    runner = CliRunner()
    files = [str(tmp_path / "alpha.txt"), str(tmp_path / "beta.txt")]
    import crosscheck.pipeline as pipeline

    original = pipeline.make_embedder
    pipeline.make_embedder = lambda *a, **k: FakeEmbedder()
    try:
        result = runner.invoke(app, ["compare", *files, "-o", str(tmp_path / "story.html")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "story.html").read_text().startswith("<!doctype html>")
        result = runner.invoke(app, ["compare", *files, "--format", "html"])
        assert result.exit_code == 0 and result.stdout.startswith("<!doctype html>")
        story = tmp_path / "in" / "bridge"
        story.mkdir(parents=True)
        for name, text in TWO.items():
            (story / f"{name}.txt").write_text(text)
        result = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                     "--format", "md,json,html", "--no-cache", "-q"])
        assert result.exit_code == 0, result.output
        index = (tmp_path / "out" / "index.html").read_text()
        assert 'href="bridge.html"' in index and (tmp_path / "out" / "bridge.html").exists()
    finally:
        pipeline.make_embedder = original


def test_report_files_get_ordinary_permissions(tmp_path):
    import os
    import stat

    from crosscheck.render import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.html", "<!doctype html>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o644
