"""Claims across three or more sources: clustering and outliers on hand-built data, the
coverage view, the plot, and a golden three-source report (fake embedder, no model)."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import FakeEmbedder, ROOT
from crosscheck.judge.claims import cluster_claims, judge_claim
from crosscheck.cli import app
from crosscheck.facts import extract_facts
from crosscheck.pipeline import Checker
from crosscheck.render import render_json, render_markdown

GOLDEN = ROOT / "tests" / "golden"
THREE = {
    "north": "Dam inspection\n\nEngineers finished the inspection of the Kessel dam on Tuesday. "
             "The repairs will cost 12 million euros, the water board said. Boats may not use the lake until June.\n",
    "south": "Kessel dam checked\n\nEngineers finished the inspection of the Kessel dam on Tuesday. "
             "The repairs will cost 15 million euros, the water board said. A footpath along the dam will close for a week.\n",
    "east": "Dam repairs ahead\n\nEngineers finished the inspection of the Kessel dam on Tuesday. "
            "The repairs will cost 12 million euros, the water board said.\n",
}


def sim_from(pairs, n):
    sim = np.eye(n)
    for (i, j), value in pairs.items():
        sim[i, j] = sim[j, i] = value
    return sim


def test_strongest_links_first_and_every_member_matches_every_other():
    # rows 0,1 from a; 2 from b; 3 from c. Both of a's rows resemble b's, row 1 more.
    sources = ["a", "a", "b", "c"]
    sim = sim_from({(0, 2): 0.7, (1, 2): 0.9, (2, 3): 0.8, (1, 3): 0.85, (0, 3): 0.2}, 4)
    assert cluster_claims(sim, sources, threshold=0.6) == [[0], [1, 2, 3]]


def test_a_chain_of_loose_links_does_not_merge():
    # a~b and b~c are strong, a~c is weak: a and c are not the same claim.
    sources = ["a", "b", "c"]
    sim = sim_from({(0, 1): 0.9, (1, 2): 0.88, (0, 2): 0.3}, 3)
    groups = cluster_claims(sim, sources, threshold=0.6)
    assert [0, 1] in groups and [2] in groups


def test_below_threshold_stays_alone():
    sim = sim_from({(0, 1): 0.59}, 2)
    assert cluster_claims(sim, ["a", "b"], threshold=0.6) == [[0], [1]]


def test_the_outlier_is_flagged_with_its_value_and_the_majoritys():
    texts = ["Consumer prices rose 8.5% in March from a year earlier."] * 5 + ["Consumer prices rose 8.3% in March from a year earlier."]
    sources = [f"s{n}" for n in range(6)]
    (values,), _ = judge_claim([extract_facts(t) for t in texts], sources, central=[0.9] * 6)
    assert values.type == "percent"
    assert values.majority == "8.5%"
    assert values.outliers == ("s5",)
    assert values.by_source["s5"] == "8.3%" and values.by_source["s0"] == "8.5%"
    assert len(values.by_source) == 6


def test_an_even_split_has_no_majority_and_no_outlier():
    texts = ["The plant employs 300 workers."] * 2 + ["The plant employs 500 workers."] * 2
    (values,), _ = judge_claim([extract_facts(t) for t in texts], ["a", "b", "c", "d"], central=[0.9] * 4)
    assert values.majority is None and values.outliers == ()


def _three_report():
    return Checker(embedder=FakeEmbedder()).compare(THREE).to_dict()


def test_three_sources_get_claims_with_consensus_and_an_outlier():
    report = _three_report()
    claims = {c["verdict"]: c for c in report["claims"]}
    by_id = {s["id"]: s["text"] for s in report["statements"]}
    cost = next(c for c in report["claims"] if any("cost" in by_id[i] for i in c["statements"]))
    assert cost["verdict"] == "contested" and cost["sources"] == ["north", "south", "east"]
    number = next(v for v in cost["values"] if v["type"] == "number")
    assert number["majority"] == "12 million euros" and number["outliers"] == ["south"]
    inspection = next(c for c in report["claims"] if any("inspection" in by_id[i] for i in c["statements"]))
    assert inspection["verdict"] == "consensus" and inspection["absent"] == []
    assert "single" in claims
    headlines = {s["id"] for s in report["statements"] if s["headline"]}
    lone = {f["source"] for f in report["findings"]
            if f["kind"] == "one_sided" and not f["matched"] and f["statements"][0] not in headlines}
    assert lone == {"north", "south"}


def test_golden_three_source_report(request):
    report = _three_report()
    md, js = render_markdown(report), render_json(report)
    if request.config.getoption("--update-golden"):
        (GOLDEN / "three-sources.md").write_text(md, encoding="utf-8")
        (GOLDEN / "three-sources.json").write_text(js, encoding="utf-8")
    assert md == (GOLDEN / "three-sources.md").read_text(encoding="utf-8")
    assert js == (GOLDEN / "three-sources.json").read_text(encoding="utf-8")


def test_two_sources_keep_the_pairwise_report():
    report = Checker(embedder=FakeEmbedder()).compare({k: THREE[k] for k in ("north", "south")}).to_dict()
    assert "claims" not in report
    assert "## Divergences" in render_markdown(report)


def test_many_sources_split_the_coverage_table():
    body = "Engineers finished the inspection of the Kessel dam on Tuesday after three weeks of work.\n"
    sources = {f"outlet{n:02d}": f"Title {n}\n\n{body}" for n in range(14)}
    md = render_markdown(Checker(embedder=FakeEmbedder()).compare(sources).to_dict())
    tables = [line for line in md.splitlines() if line.startswith("| claim | carried by |")]
    assert len(tables) == 2
    assert "S13 outlet12" in md and "| 14/14 |" in md


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr("crosscheck.pipeline.make_embedder", lambda *a, **k: FakeEmbedder())


def test_plot_is_written_and_byte_stable(tmp_path, fake_model):
    paths = []
    for name, text in THREE.items():
        (tmp_path / f"{name}.txt").write_text(text)
        paths.append(str(tmp_path / f"{name}.txt"))
    runner = CliRunner()
    for out in ("one.png", "two.png", "one.svg"):
        result = runner.invoke(app, ["compare", *paths, "--plot", str(tmp_path / out), "-o", str(tmp_path / "r.json")])
        assert result.exit_code == 0, result.output
    png = (tmp_path / "one.png").read_bytes()
    assert png.startswith(b"\x89PNG") and png == (tmp_path / "two.png").read_bytes()
    assert b"<svg" in (tmp_path / "one.svg").read_bytes()
    two = runner.invoke(app, ["compare", *paths[:2], "--plot", str(tmp_path / "x.png")])
    assert two.exit_code == 2 and "three or more sources" in two.output
    bad = runner.invoke(app, ["compare", *paths, "--plot", str(tmp_path / "x.gif")])
    assert bad.exit_code == 2 and ".png or .svg" in bad.output


def test_batch_writes_a_plot_per_multi_source_story(tmp_path):
    from crosscheck.batch import run_batch

    story = tmp_path / "in" / "dam"
    story.mkdir(parents=True)
    for name, text in THREE.items():
        (story / f"{name}.txt").write_text(text)
    result = run_batch(tmp_path / "in", tmp_path / "out", checker=Checker(embedder=FakeEmbedder()), plot="svg")
    assert result.stories[0].reports["plot"] == "dam.coverage.svg"
    assert (tmp_path / "out" / "dam.coverage.svg").exists()
    assert json.loads((tmp_path / "out" / "dam.json").read_text())["claims"]


def test_polarity_counts_only_between_near_verbatim_statements():
    edited = ["The council approved the harbour plan on Monday.", "The council did not approve the harbour plan on Monday."]
    reworded = ["The council approved the harbour plan on Monday.",
                "Members of the city council argued for hours, and no vote on the harbour plan came before Monday."]
    (values,), _ = judge_claim([extract_facts(t) for t in edited], ["a", "b"], central=[0.9, 0.9])
    assert values.type == "negation"
    assert judge_claim([extract_facts(t) for t in reworded], ["a", "b"], central=[0.9, 0.9])[0] == ()


def test_a_source_may_carry_a_claim_twice_but_only_when_both_match_everyone():
    # a's headline (0) and lead (1) say what b (2) and c (3) say; a's row 4 resembles b only.
    sources = ["a", "a", "b", "c", "a"]
    sim = sim_from({(0, 1): 0.8, (0, 2): 0.85, (0, 3): 0.8, (1, 2): 0.9, (1, 3): 0.82, (2, 3): 0.88,
                    (4, 2): 0.7}, 5)
    assert cluster_claims(sim, sources, threshold=0.6) == [[0, 1, 2, 3], [4]]
    # a's two statements reach the threshold with each other, but not the threshold plus the margin
    sim[0, 1] = sim[1, 0] = 0.65
    assert cluster_claims(sim, sources, threshold=0.6) == [[0], [1, 2, 3], [4]]


def test_statements_of_one_source_are_not_judged_against_each_other():
    texts = ["Police said 12 people were hurt.", "Police said 14 people were hurt.", "Police said 12 people were hurt."]
    values, judged = judge_claim([extract_facts(t) for t in texts], ["a", "a", "b"], central=[0.9, 0.9, 0.9])
    assert sorted(tuple(sorted((i, r))) for i, r, _ in judged) == [(0, 2), (1, 2)]


def test_the_majority_counts_values_by_meaning_not_by_spelling():
    texts = ["Repairs will cost €12 million, officials said.", "Repairs will cost 12 million euros, officials said.",
             "Repairs will cost 15 million euros, officials said."]
    (values,), _ = judge_claim([extract_facts(t) for t in texts], ["a", "b", "c"], central=[0.9] * 3)
    assert values.majority in ("€12 million", "12 million euros") and values.outliers == ("c",)


def test_a_conflict_counts_only_between_best_matches_as_for_two_sources():
    texts = ["The repairs will cost 12 million euros, the board said.", "The repairs will cost 15 million euros, the board said.",
             "The repairs will cost 12 million euros, the board said."]
    facts, sources = [extract_facts(t) for t in texts], ["north", "south", "east"]
    values, _ = judge_claim(facts, sources, central=[0.9] * 3)
    assert [v.type for v in values] == ["number"]
    # south's sentence is another north sentence's best match: its figure is no conflict here
    values, judged = judge_claim(facts, sources, central=[0.9] * 3, firm=lambda i, r: 1 not in (i, r))
    assert values == () and any(v.reasons for _, _, v in judged)
    # a quote given in other words needs no best match: the quote is the evidence
    quotes = ['"We owe the people of this town a very clear answer about the bridge," the mayor said.',
              '"We owe the people of this town a clear answer about the bridge," the mayor said.']
    values, _ = judge_claim([extract_facts(t) for t in quotes], ["north", "south"], central=[0.9] * 2,
                            firm=lambda i, r: False)
    assert [v.type for v in values] == ["misquote"]


def test_two_statements_of_one_source_that_conflict_share_no_claim():
    texts = ["The chairman will not seek a second term, aides said.", "The chairman will seek a second term, aides said.",
             "The chairman will seek a second term, aides said."]
    sources = ["a", "a", "b"]
    facts = [extract_facts(t) for t in texts]
    sim = sim_from({(0, 1): 0.95, (0, 2): 0.9, (1, 2): 0.97}, 3)
    assert [0, 1, 2] in cluster_claims(sim, sources, threshold=0.6)

    def apart(i, j):
        from crosscheck.judge.pair import judge_pair
        return sources[i] == sources[j] and bool(judge_pair(facts[i], facts[j], "a", "a").reasons)

    assert cluster_claims(sim, sources, threshold=0.6, apart=apart) == [[0], [1, 2]]


def test_nearly_every_member_matches_every_other_and_all_of_them_on_average():
    # one pair of a claim may fall a little short of the threshold when the rest hold it up
    sources = ["a", "b", "c"]
    sim = sim_from({(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.55}, 3)
    assert cluster_claims(sim, sources, threshold=0.6) == [[0, 1, 2]]
    sim = sim_from({(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.45}, 3)  # too far below
    assert cluster_claims(sim, sources, threshold=0.6) == [[0, 1], [2]]
    # every pair within the slack, but what would join {0, 1} below the threshold on average
    sim = sim_from({(0, 1): 0.62, (1, 2): 0.61, (0, 2): 0.52, (0, 3): 0.53, (1, 3): 0.61, (2, 3): 0.53}, 4)
    assert cluster_claims(sim, ["a", "b", "c", "d"], threshold=0.6) == [[0, 1], [2], [3]]


def test_two_names_in_one_place_of_one_sentence_are_two_happenings_not_one_claim():
    texts = {
        "a": "Offers\n\nThe Harbor City Hawks made the pitcher an eight-year offer worth $160 million on Tuesday, "
             "his agent said.\n",
        "b": "Offers\n\nThe Lakeside Lions made the pitcher an eight-year offer worth $160 million on Tuesday, "
             "his agent said.\n",
        "c": "Offers\n\nThe Harbor City Hawks made the pitcher an eight-year offer worth $160 million on Tuesday, "
             "his agent said.\n",
    }
    report = Checker(embedder=FakeEmbedder()).compare(texts).to_dict()
    by_id = {s["id"]: s for s in report["statements"]}
    offers = [c for c in report["claims"] if any("offer" in by_id[i]["text"] for i in c["statements"])]
    assert sorted(c["sources"] for c in offers) == [["a", "c"], ["b"]]
    assert all(c["verdict"] != "contested" for c in offers)


def test_one_value_written_two_ways_is_shown_one_way():
    texts = ["Prices rose 44% in the city last year, the bureau said.", "Prices rose 44 percent in the city last year, the bureau said.",
             "Prices rose 30% in the city last year, the bureau said."]
    (values,), _ = judge_claim([extract_facts(t) for t in texts], ["a", "b", "c"], central=[0.9] * 3)
    assert values.by_source == {"a": "44%", "b": "44%", "c": "30%"}
    assert values.majority == "44%" and values.outliers == ("c",)
