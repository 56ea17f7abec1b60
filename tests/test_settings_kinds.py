"""One settings object, the registry of fact kinds, and the language seam."""

import re

import pytest

from crosscheck import Checker, Settings
from crosscheck.errors import UsageError
from crosscheck.facts import KINDS, extract_facts
from crosscheck.facts.registry import fact_kind
from crosscheck.judge import judge_pair, salience
from crosscheck.lang import lexicon
from crosscheck.models import Article, Fact
from crosscheck.render.blocks import reason_title
from crosscheck.settings import load_settings

from conftest import FakeEmbedder


def test_settings_defaults_file_then_flags(tmp_path):
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "crosscheck.toml").write_text('threshold = 0.7\nmin_salience = 0.2\ncache-dir = "cache"\n')
    loaded = load_settings(tmp_path, threshold=0.65, backend=None)
    assert (loaded.threshold, loaded.min_salience, loaded.backend) == (0.65, 0.2, "onnx")
    assert loaded.cache_dir == str(tmp_path / "cache"), "a relative cache-dir is relative to the file"


@pytest.mark.parametrize("options, message", [
    ({"threshold": 2.0}, "threshold must be between"),
    ({"min_salience": -1}, "min-salience must be between"),
    ({"backend": "tpu"}, "backend must be one of torch, onnx"),
    ({"fail_on": "always"}, "fail-on must be one of never, diverge, one-sided"),
])
def test_settings_are_checked_once_wherever_they_come_from(options, message):
    with pytest.raises(UsageError, match=message):
        Settings(**options)
    with pytest.raises(UsageError, match=message):
        Checker(embedder=FakeEmbedder(), **options)


def test_a_checker_passes_its_settings_whole():
    checker = Checker(embedder=FakeEmbedder(), threshold=0.7, min_salience=0.25, fail_on="diverge")
    again = checker.with_embedder(FakeEmbedder())
    assert again.settings == checker.settings == Settings(threshold=0.7, min_salience=0.25, fail_on="diverge")
    report = again.compare({"a": "The dam failed on Monday near the town.", "b": "The dam failed on Monday near the town."})
    assert report.settings == {"threshold": 0.7, "min_salience": 0.25, "judge": "rules", "min_confidence": 0.5}


@pytest.fixture
def temperature_kind():
    """A kind registered the way any new kind is: one decorated function."""
    pattern = re.compile(r"(-?\d+(?:\.\d+)?)\s*°\s*([CF])\b")

    @fact_kind("temperature", title="different temperature", order=25, weight=0.3, anchors=True, values=True,
               claims_text=True)
    def extract_temperatures(text, lex, taken):
        return [Fact("temperature", m.group(1) + m.group(2), m.group(0), "degrees", m.group(2), m.start(), m.end())
                for m in pattern.finditer(text)]

    from crosscheck.facts import _extract_cached

    _extract_cached.cache_clear()
    yield
    del KINDS["temperature"]
    _extract_cached.cache_clear()


def test_a_registered_kind_reaches_extraction_judging_salience_and_reports(temperature_kind):
    facts = extract_facts("It reached 41 °C in Seville on Monday.")
    assert [f.key for f in facts.of("temperature")] == ["41C"]
    assert [f.key for f in facts.of("number")] == [], "the kind claims its text before numbers are read"
    judged = judge_pair(facts, extract_facts("It reached 44 °C in Seville on Monday."), "a", "b")
    assert [(r.type, r.values) for r in judged.reasons] == [("temperature", {"a": "41 °C", "b": "44 °C"})]
    assert salience(facts.of("temperature"), whole_statement=False) == 0.3
    assert reason_title("temperature") == "different temperature"


def test_the_language_seam():
    assert lexicon("en").code == "en"
    with pytest.raises(UsageError, match="language 'xx' is not supported"):
        lexicon("xx")
    article = Article("a", "t", "Some words here to compare today.", language="xx")
    with pytest.raises(UsageError, match="not supported"):
        Checker(embedder=FakeEmbedder()).compare([article, Article("b", "t", "Other words here.")])
