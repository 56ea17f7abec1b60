"""Findings of a story built from hand-made vectors: which statements a finding names."""

import numpy as np

from crosscheck.facts import extract_facts
from crosscheck.judge import Story, pairwise_findings
from crosscheck.models import Kind, Statement


def story(texts: dict[str, str], vectors: list[list[float]]) -> Story:
    statements = tuple(Statement(sid, sid.split(":")[0], text, 0, len(text)) for sid, text in texts.items())
    rows = np.array(vectors, dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return Story(("a", "b"), statements, rows, {s.id: extract_facts(s.text) for s in statements})


def test_a_divergence_names_one_statement_per_side_the_one_with_the_value():
    s = story({"a:1": "The new bridge opened on Monday and cost $5 million to build.",
               "b:1": "The new bridge opened on Monday.",
               "b:2": "Building it cost $7 million."},
              [[1, 1, 0], [1, 0, 0], [0, 1, 0]])  # a:1 sums up b:1 and b:2
    findings = pairwise_findings(s, threshold=0.6, min_salience=0.0)
    diverge = [f for f in findings if f.kind is Kind.DIVERGE]
    assert [(f.statements, [r.type for r in f.reasons]) for f in diverge] == [(("a:1", "b:2"), ["number"])]
    agree = [f for f in findings if f.kind is Kind.AGREE]
    assert [f.statements for f in agree] == [("a:1", "b:1")], "the other member still agrees with its counterpart"


def test_a_group_without_a_conflict_stays_one_agreement():
    s = story({"a:1": "The new bridge opened on Monday and cost $5 million to build.",
               "b:1": "The new bridge opened on Monday.",
               "b:2": "Building it cost $5 million."},
              [[1, 1, 0], [1, 0, 0], [0, 1, 0]])
    findings = pairwise_findings(s, threshold=0.6, min_salience=0.0)
    assert [(f.kind, f.statements) for f in findings if f.kind is not Kind.ONE_SIDED] == [
        (Kind.AGREE, ("a:1", "b:1", "b:2"))]
    assert not [f for f in findings if f.kind is Kind.ONE_SIDED and "$5 million" in f.facts]
