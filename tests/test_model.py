"""The real bundled model, end to end on the seeds."""

import json

import pytest

from conftest import ROOT

pytestmark = pytest.mark.model
GOLDEN_JSON = ROOT / "reports" / "aurora-phones.json"
GOLDEN_MD = ROOT / "reports" / "aurora-phones.md"
GOLDEN_HTML = ROOT / "reports" / "aurora-phones.html"
REC, OBO = "therecord-aurora-phones", "obozrevatel-kremlin-iphones"


def _text(report, finding):
    by_id = {s["id"]: s for s in report["statements"]}
    return " ".join(by_id[i]["text"] for i in finding["statements"])


def test_golden_seed_report(seed_report, request):
    from crosscheck.render import render, render_json, render_markdown, write_atomic

    md, js, page = render_markdown(seed_report), render_json(seed_report), render(seed_report, "html")
    if request.config.getoption("--update-golden"):
        write_atomic(GOLDEN_MD, md)
        write_atomic(GOLDEN_JSON, js)
        write_atomic(GOLDEN_HTML, page)
    assert js == GOLDEN_JSON.read_text(encoding="utf-8")
    assert md == GOLDEN_MD.read_text(encoding="utf-8")
    assert page == GOLDEN_HTML.read_text(encoding="utf-8")


def test_april_deadline_only_in_obozrevatel(seed_report):
    hits = [f for f in seed_report["findings"] if f["kind"] == "one_sided" and "April 1" in f["facts"]]
    assert [f["source"] for f in hits] == [OBO]


def test_apple_denial_only_in_the_record(seed_report):
    hits = [f for f in seed_report["findings"] if f["kind"] == "one_sided" and any("denied" in x for x in f["facts"])]
    assert [f["source"] for f in hits] == [REC]
    assert "Apple" in _text(seed_report, hits[0])


def test_zoom_for_trueconf_is_an_agreement(seed_report):
    agreements = [_text(seed_report, f) for f in seed_report["findings"] if f["kind"] == "agree"]
    assert any("Zoom" in t and "Trueconf" in t for t in agreements)


def test_developer_named_differently_is_flagged(seed_report):
    flagged = [
        f for f in seed_report["findings"]
        if (f["kind"] == "one_sided" and f["matched"] and "Open Mobile Platform" in f["facts"])
        or (f["kind"] == "diverge" and any("Open Mobile Platform" in v for r in f["reasons"] for v in r["values"].values()))
    ]
    assert flagged


def test_chrome_and_unrelated_item_are_not_one_sided_facts(seed_report):
    one_sided = " ".join(_text(seed_report, f) for f in seed_report["findings"] if f["kind"] == "one_sided")
    for chrome in ("Get more insights", "is a reporter for", "Other News", "Telegram", "AliExpress", "Learn more"):
        assert chrome not in one_sided
    aside = {s["text"]: s["set_aside"] for s in seed_report["statements"] if s["set_aside"]}
    assert any("AliExpress" in t for t in aside)


def test_one_checker_loads_the_model_once(real_checker):
    model_before = real_checker.embedder.load()
    real_checker.compare({"a": "The storm killed 12 people.", "b": "The storm killed 15 people."})
    assert real_checker.embedder.load() is model_before


def test_real_embeddings_are_unit_length(real_checker):
    import numpy as np

    vectors = real_checker.embedder.encode(["Prices rose 8.5% in March.", "Inflation hit a 40-year high."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.3


def test_same_input_same_bytes_with_the_real_model(real_checker, seed_report):
    from conftest import _seed_report

    assert json.dumps(_seed_report(real_checker)) == json.dumps(seed_report)


def test_batch_with_the_real_model_matches_compare_and_reuses_the_cache(real_checker, seed_report, tmp_path):
    import shutil

    from crosscheck.batch import run_batch
    from crosscheck.embed.cache import EmbeddingCache
    from conftest import SEEDS

    story = tmp_path / "in" / "aurora"
    story.mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, story / seed.name)
    with EmbeddingCache(tmp_path / "cache") as cache:
        cold = run_batch(tmp_path / "in", tmp_path / "cold", checker=real_checker, cache=cache)
    with EmbeddingCache(tmp_path / "cache") as cache:
        warm = run_batch(tmp_path / "in", tmp_path / "warm", checker=real_checker, cache=cache)
    assert cold.encoded > 20 and cold.cached == 0
    assert warm.encoded == 0 and warm.cached == cold.encoded
    assert (tmp_path / "cold" / "aurora.json").read_bytes() == (tmp_path / "warm" / "aurora.json").read_bytes()
    batch_report = json.loads((tmp_path / "cold" / "aurora.json").read_text())
    assert batch_report["summary"] == seed_report["summary"]
    def pairs(report):  # the batch lists sources in file-name order, compare in command-line order
        return sorted((f["kind"], sorted(f["statements"]), sorted(r["type"] for r in f["reasons"]))
                      for f in report["findings"] if f["kind"] != "one_sided")

    assert pairs(batch_report) == pairs(seed_report)


def test_a_model_that_cannot_load_is_one_line_and_exit_2():
    import subprocess
    import sys

    from conftest import SEEDS

    # A fresh process: inside pytest, library log lines would be captured, not printed.
    result = subprocess.run(
        [sys.executable, "-m", "crosscheck", "compare", *map(str, SEEDS), "--model", "/crosscheck-no-such-model"],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Error: can't load embedding model") and result.stderr.count("\n") == 1
    assert result.stdout == ""
