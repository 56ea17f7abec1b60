"""Same fact or not: agreements only between reports of one fact, the same point kept apart
as `related`, divergences only within one fact, and what an agreement shows."""

import numpy as np
import pytest

from crosscheck.facts import extract_facts
from crosscheck.judge import Story, pairwise_findings
from crosscheck.judge.same_fact import (
    SAME_FACT_AT, PairContext, common_run, probability, ranks, shared_facts, shared_values,
)
from crosscheck.models import Kind, Statement

A = """City council approves new budget after long debate

The city council voted 7-2 on Tuesday to approve a $45 million budget for next year.

Council member Jane Ortiz, who voted against it, said the plan cuts too deeply into library funding.

The budget raises the property tax rate by 2 percent, the first increase since 2015.

No formal charges have been filed against the former finance director, officials said.

Residents packed the chamber for the four-hour meeting.
"""
B = """Council passes $45 million budget

On Tuesday the council approved next year's $45 million budget by a vote of 7 to 2.

The plan funds 12 new police officers and repaves Main Street.

Mayor Tom Reyes praised the vote as a responsible compromise.

The former finance director has been charged with three counts of embezzlement, prosecutors said.

The library will lose two branches under the plan.
"""


@pytest.fixture(scope="module")
def council(real_checker):
    report = real_checker.compare({"a": A, "b": B}).to_dict()
    text = {s["id"]: s["text"] for s in report["statements"]}
    return report, text


def _with(findings, text, kind, *pieces):
    """Findings of `kind` whose statements hold every piece of text."""
    return [f for f in findings if f["kind"] == kind
            and all(any(p in text[i] for i in f["statements"]) for p in pieces)]


@pytest.mark.model
def test_an_agreement_is_one_fact_and_says_what_both_give(council):
    report, text = council
    [vote] = _with(report["findings"], text, "agree", "voted 7-2", "by a vote of 7 to 2")
    assert {"$45 million", "Tuesday"} <= set(vote["shared"])
    assert vote["same_fact"] >= SAME_FACT_AT and vote["confidence"] == vote["same_fact"]
    for f in report["findings"]:
        if f["kind"] != "one_sided":  # the encoder's cosine, not a combined score
            assert 0.0 <= f["similarity"] <= 1.0 and 0.0 <= f["same_fact"] <= 1.0


@pytest.mark.model
def test_the_same_point_is_related_never_an_agreement(council):
    report, text = council
    findings = report["findings"]
    # a critic on library funding and the branches the library loses: one topic, two facts
    assert not _with(findings, text, "agree", "library funding", "two branches")
    assert not _with(findings, text, "agree", "property tax", "police officers")
    related = [f for f in findings if f["kind"] == "related"]
    assert related and all(f["same_fact"] < SAME_FACT_AT and not f["shared"] for f in related)
    assert report["summary"]["agree"] == sum(f["kind"] == "agree" for f in findings)
    assert report["summary"]["related"] == len(related)


@pytest.mark.model
def test_no_charges_filed_against_charged_is_a_divergence_not_an_agreement(council):
    report, text = council
    assert not _with(report["findings"], text, "agree", "No formal charges", "has been charged")
    [charged] = _with(report["findings"], text, "diverge", "No formal charges", "has been charged")
    assert [r["type"] for r in charged["reasons"]] == ["negation"]


@pytest.mark.model
def test_the_confidence_of_agreements_spreads(council):
    report, _ = council
    confidences = [f["confidence"] for f in report["findings"] if f["kind"] == "agree"]
    assert max(confidences) - min(confidences) >= 0.2  # a headline-level match is less sure than the vote itself


def _story(texts, vectors, fact_vectors):
    statements = tuple(Statement(sid, sid.split(":")[0], text, 0, len(text)) for sid, text in texts.items())
    rows = np.array(vectors, dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    same = np.array(fact_vectors, dtype=np.float32)
    same /= np.linalg.norm(same, axis=1, keepdims=True)
    by_text = {s.text: v for s, v in zip(statements, same)}
    return Story(("a", "b"), statements, rows, {s.id: extract_facts(s.text) for s in statements},
                 encode_facts=lambda batch: np.stack([by_text[t] for t in batch]))


def _kinds(story):
    findings, _ = pairwise_findings(story, threshold=0.6, min_salience=0.0)
    return [(f.kind, f.statements) for f in findings if f.kind is not Kind.ONE_SIDED]


def test_a_difference_between_two_facts_is_no_divergence():
    texts = {"a:1": "The agency launched the program in 2007.", "b:1": "The agency has held briefings since 2009."}
    close = [[1, 0], [1, 0.05]]  # aligned either way
    assert _kinds(_story(texts, close, [[1, 0], [0.6, 0.8]])) == [(Kind.RELATED, ("a:1", "b:1"))]
    assert _kinds(_story(texts, close, [[1, 0], [1, 0]])) == [(Kind.DIVERGE, ("a:1", "b:1"))]


def test_a_third_statement_joins_only_when_it_reports_the_same_fact_as_both():
    texts = {"a:1": "The new bridge opened on Monday and cost $5 million to build.",
             "b:1": "The new bridge opened on Monday.",
             "b:2": "Building it cost $5 million."}
    vectors = [[1, 1, 0], [1, 0, 0], [0, 1, 0]]
    alike = _kinds(_story(texts, vectors, [[1, 0, 0], [1, 0.05, 0], [1, 0, 0.05]]))
    assert alike == [(Kind.AGREE, ("a:1", "b:1", "b:2"))]
    # b:1 and b:2 say two things: each may agree with a:1, but not as one group of three
    apart = _kinds(_story(texts, vectors, [[1, 0.3, 0.3], [1, 0.75, 0], [1, 0, 0.75]]))
    assert apart == [(Kind.AGREE, ("a:1", "b:1")), (Kind.AGREE, ("a:1", "b:2"))]


def test_a_higher_cosine_or_a_longer_shared_run_makes_one_fact_likelier():
    left = extract_facts("The mayor said the bridge will reopen in May.")
    right = extract_facts("The bridge will reopen in May, the mayor said.")
    other = extract_facts("Repairs to the bridge began last year.")

    def p(cosine, facts=right):
        return probability(PairContext(left, facts, cosine, 0, 0, frozenset(), frozenset(), False, False))

    assert p(0.95) > p(0.85) > p(0.75)
    assert p(0.9) > p(0.9, other)  # the same cosine, but no run of words in common


def test_what_two_statements_share():
    left = extract_facts('Smith said on Monday that "we will rebuild every pier before summer" in Dover.')
    right = extract_facts('"We will rebuild every pier before summer," Smith told reporters in Dover.')
    assert set(shared_values(left, right)) == {"Smith", "Dover"}
    dated = extract_facts('"We will rebuild every pier before summer," Smith told reporters on Monday.')
    assert "Monday" not in shared_values(left, dated) and "Monday" in shared_values(left, dated, minor=True)
    runs = frozenset({"we will rebuild every pier"})
    shared = shared_facts(left, right, runs, runs)
    assert shared[-1] == "“we will rebuild every pier before summer”"
    assert common_run(("a", "b", "c", "d"), ("x", "b", "c", "y")) == ("b", "c")


def test_ranks_count_from_the_best():
    by_row, by_column = ranks(np.array([[0.9, 0.5], [0.8, 0.7]]))
    assert by_row.tolist() == [[0, 1], [0, 1]] and by_column.tolist() == [[0, 1], [1, 0]]


def test_a_claim_whose_statements_are_not_one_fact_is_related_not_consensus():
    from crosscheck.judge import claim_findings

    texts = {"a:1": "The water board said the dam inspection found cracks in the spillway.",
             "b:1": "The water board said the dam inspection will be repeated next spring.",
             "c:1": "The water board said the dam inspection was paid for by the county."}

    def verdicts(fact_vectors):
        story = _story(texts, [[1, 0], [1, 0.01], [1, 0.02]], fact_vectors)
        story = Story(("a", "b", "c"), story.statements, story.vectors, story.facts, encode_facts=story.encode_facts)
        findings, claims, _ = claim_findings(story, threshold=0.6, min_salience=0.0)
        return [c.verdict for c in claims], [f.kind for f in findings if f.kind is not Kind.ONE_SIDED]

    assert verdicts([[1, 0, 0], [0.6, 0.8, 0], [0.6, 0, 0.8]]) == (["related"], [Kind.RELATED])
    assert verdicts([[1, 0, 0], [1, 0.01, 0], [1, 0, 0.01]]) == (["consensus"], [Kind.AGREE])


@pytest.mark.model
def test_reports_keep_related_pairs_apart_from_agreements(council):
    from crosscheck.render import render
    from crosscheck.render.table import pairs_table

    report, _ = council
    related = sum(f["kind"] == "related" for f in report["findings"])
    markdown = render(report, "md")
    agreements, rest = markdown.split(f"## Agreements ({report['summary']['agree']})")[1].split(
        f"<summary>On the same point, not the same fact: {related} matched pairs")
    assert "both give: **$45 million**" in agreements and "library funding" not in agreements
    assert "library funding" in rest
    page = render(report, "html")
    assert f"On the same point, not the same fact ({related})" in page and "≈ same point" in page
    _, shown = pairs_table(report, "related")
    assert shown == related


def test_a_pair_of_one_fact_with_a_difference_that_does_not_count_is_no_related_pair():
    texts = {"a:1": "The storm killed 12 people on Monday.",
             "a:2": "The storm killed 12 people in the north on Monday, officials said.",
             "b:1": "The storm killed 15 people on Monday."}
    one_fact = [[1, 0], [1, 0.01], [1, 0.02]]
    findings, possible = pairwise_findings(_story(texts, [[1, 0.1], [1, 0.3], [1, 0.12]], one_fact),
                                           threshold=0.6, min_salience=0.0)
    kinds = [(f.kind, f.statements) for f in findings if f.kind is not Kind.ONE_SIDED]
    assert (Kind.DIVERGE, ("a:1", "b:1")) in kinds
    assert not [f for f in findings if f.kind is Kind.RELATED and f.same_fact >= SAME_FACT_AT]


@pytest.mark.parametrize("text, head", [
    ("No formal charges have been filed against the director.", "charges"),
    ("Officials said no decision has been made.", "decision"),
    ("No more than ten people attended.", None),  # a bound, not a subject
    ("There were no injuries.", None),  # no verb follows
    ("No, charges have been filed.", None),  # an answer, then a clause of its own
])
def test_which_word_a_negated_subject_negates(text, head):
    from crosscheck.judge.roles import _negated_subject

    facts = extract_facts(text)
    k = facts.words.index("no")
    found = _negated_subject(facts, k)
    assert (facts.words[found] if found is not None else None) == head


@pytest.mark.model
def test_the_same_fact_encoder_encodes_a_text_once_and_gives_it_the_same_vector():
    from crosscheck.embed.e5 import E5Embedder

    encoder = E5Embedder()
    first = encoder.encode(["The council approved the budget.", "Rain is expected on Friday."])
    calls = []
    encoder.load()[-1].run = lambda *args: calls.append(args)  # any further run of the model is recorded
    again = encoder.encode(["Rain is expected on Friday.", "The council approved the budget."])
    assert not calls and np.array_equal(again, first[::-1])
    assert abs(float(first[0] @ first[0]) - 1.0) < 1e-5 and float(first[0] @ first[1]) < 0.95
