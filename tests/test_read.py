import io

import pytest

from crosscheck.errors import InputError, UsageError
from crosscheck.read import MAX_BYTES, read_article, read_articles, unique_ids


def test_reads_text_with_first_line_as_title(tmp_path):
    path = tmp_path / "outlet.txt"
    path.write_text("Headline here\n\nBody sentence one. Body sentence two.\n", encoding="utf-8")
    article = read_article(path)
    assert article.id == "outlet"
    assert article.title == "Headline here"
    assert "Body sentence one." in article.text


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t\n ", "is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "looks binary"),
        ("latin1.txt", "caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid UTF-8"),
        ("control.txt", ("text \x01\x02\x03\x04" * 50).encode(), "looks binary"),
        ("picture.png", b"abc", "unsupported file type"),
    ],
)
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert message in str(info.value)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        read_article(path)


def test_html_goes_through_the_main_content_extractor(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Council approves park</title></head><body><nav>Home | About | Contact</nav>"
        "<article><h1>Council approves park</h1><p>The council voted 5 to 4 on Tuesday to approve a budget of "
        "$2 million for the new park on the east side of the city.</p><p>Mayor Jane Doe said work on the park "
        "would begin in April and finish before the end of next year.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title == "Council approves park"
    assert "$2 million" in article.text
    assert "Subscribe" not in article.text


def test_stdin_source():
    article = read_article("-", stdin=io.BytesIO(b"Title\n\nOne sentence here. Another one here.\n"))
    assert article.id == "stdin" and article.path is None


def test_one_source_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nText.", encoding="utf-8")
    with pytest.raises(UsageError, match="two or more"):
        read_articles([str(path)])


def test_ids_are_slugs_made_unique():
    assert unique_ids(["Fox News", "fox-news", "../../etc/passwd", ""]) == ["fox-news", "fox-news-2", "etc-passwd", "source"]
