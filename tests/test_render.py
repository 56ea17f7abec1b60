import json
import re

import pytest

from crosscheck.render import render_json, render_markdown, write_atomic
from crosscheck.render.blocks import escape, highlight

HOSTILE = "Costs | rose <script>alert(1)</script> see [x](javascript:alert(1)) and `code` *now* 12 times."


def test_escape_neutralises_markdown_and_html():
    out = escape(HOSTILE)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\|" in out and "\\[x\\]" in out and "\\`code\\`" in out and "\\*now\\*" in out
    assert "\n" not in escape("two\nlines")


def test_highlight_marks_whole_values_only():
    assert highlight("Russia and Russian media", ["Russia"]) == "**Russia** and Russian media"


def _report(text_a, text_b, fake_checker):
    return fake_checker.compare({"a": "Title A\n\n" + text_a, "b": "Title B\n\n" + text_b}).to_dict()


def test_article_text_cannot_break_the_report(fake_checker):
    report = _report(HOSTILE + " The council met on Monday to vote.", "The council met on Monday to vote on the budget.", fake_checker)
    md = render_markdown(report)
    assert "<script>" not in md
    assert "\\](javascript" in md and not re.search(r"(?<!\\)\]\(", md)  # the bracket is escaped: no link
    for line in md.splitlines():
        if line.startswith("| ") and "Costs" in line:
            assert line.count(" | ") == 1  # two cells: source, statement
    assert json.loads(render_json(report)) == report


def test_same_input_same_bytes(fake_checker):
    a = "The storm killed 12 people on Monday. Power was cut to 5,000 homes."
    b = "The storm killed 15 people on Monday. Schools were closed on Tuesday."
    first = render_markdown(_report(a, b, fake_checker)) + render_json(_report(a, b, fake_checker))
    second = render_markdown(_report(a, b, fake_checker)) + render_json(_report(a, b, fake_checker))
    assert first == second


def test_report_schema_fields(fake_checker):
    report = _report("The storm killed 12 people on Monday.", "The storm killed 15 people on Monday.", fake_checker)
    assert report["schema"] == "crosscheck.report/1"
    assert [s["id"] for s in report["sources"]] == ["a", "b"]
    assert set(report["summary"]) == {"agree", "diverge", "related", "one_sided", "set_aside"}
    diverge = [f for f in report["findings"] if f["kind"] == "diverge"]
    assert diverge and diverge[0]["reasons"] == [{"type": "number", "values": {"a": "12", "b": "15"}}]
    assert set(diverge[0]) == {"kind", "statements", "similarity", "same_fact", "shared", "reasons", "confidence", "judge"}
    assert 0.5 <= diverge[0]["confidence"] <= 1 and diverge[0]["judge"] is None  # the rules judge: no model probabilities
    assert report["possible_divergences"] == []
    assert set(report["settings"]) == {"threshold", "min_salience", "judge", "min_confidence"}


def test_write_atomic_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out" / "report.md"
    write_atomic(target, "first\n")
    assert target.read_text() == "first\n"

    class Boom(Exception):
        pass

    import os

    def fail(*_):
        raise Boom

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(Boom):
        write_atomic(target, "second\n")
    assert target.read_text() == "first\n"
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]
