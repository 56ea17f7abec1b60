"""One-sided facts: quotes one side does not reproduce, and salience that follows how news
is written (lead first). Sentences written for these tests."""

import numpy as np

from crosscheck.facts import extract_facts
from crosscheck.judge.findings import Aligned, _group_findings
from crosscheck.judge.pair import judge_pair
from crosscheck.judge.salience import salience
from crosscheck.judge.verdict import Judge, PairInput
from crosscheck.align import Group
from crosscheck.models import Fact, Statement


def test_a_quote_the_other_side_does_not_reproduce_is_one_sided():
    left = extract_facts('"We will rebuild the pier before summer," the harbour master said on Monday.')
    right = extract_facts("The harbour master said on Monday that the pier would be rebuilt.")
    judged = judge_pair(left, right, "a", "b")
    assert not judged.reasons
    assert [f.kind for f in judged.only_left] == ["quote"] and not judged.only_right


def test_the_same_quote_with_other_quote_marks_and_punctuation_is_shared():
    left = extract_facts('"We will rebuild the pier before summer," the harbour master said.')
    right = extract_facts("“We will rebuild the pier before summer”, said the harbour master.")
    judged = judge_pair(left, right, "a", "b")
    assert not [f for f in judged.only_left + judged.only_right if f.kind == "quote"]


def test_the_lead_weighs_more_than_the_end():
    facts = [Fact("number", "12", "12", "count", "boat")]
    lead = salience(facts, whole_statement=True, topicality=0.8, position=0.0)
    end = salience(facts, whole_statement=True, topicality=0.8, position=1.0)
    assert lead > end > 0 and abs(end - lead / 2) < 0.01


def _aligned(sim, left_texts, right_texts):
    left = {i: Statement(f"a:{i}", "a", t, 0, len(t)) for i, t in enumerate(left_texts)}
    right = {j: Statement(f"b:{j}", "b", t, 0, len(t)) for j, t in enumerate(right_texts)}
    item = Aligned("a", "b", Group(tuple(left), (0,), float(sim[0, 0])), left, {0: right[0]}, sim)
    inputs = [PairInput(left[i].text, right[0].text, extract_facts(left[i].text), extract_facts(right[0].text), "a", "b")
              for i in left]
    for i, verdict in zip(left, Judge().verdicts(inputs)):
        item.verdicts[i, 0] = verdict
        item.same[i, 0], item.cosine[i, 0], item.shared[i, 0] = 0.9, float(sim[i, 0]), ()  # one fact, as scored
    return item


def test_a_divergence_is_reported_only_between_mutual_best_matches():
    texts = ["The county will spend 5 million dollars on the new library.",
             "The county will spend 7 million dollars on the new library."]
    mutual = _aligned(np.array([[0.9]]), texts[:1], texts[1:])
    found, possible = _group_findings(mutual)
    assert [f.kind.value for f in found] == ["diverge"] and not possible
    # the right statement's best match is another left statement: the same conflict is only possible
    looser = _aligned(np.array([[0.8], [0.95]]), [texts[0], "The county will spend money on the new library."], texts[1:])
    found, possible = _group_findings(looser)
    assert not [f for f in found if f.kind.value == "diverge"] and len(possible) == 1


def test_a_date_the_other_source_gives_less_precisely_is_not_missing():
    from crosscheck.facts import date_mentioned
    from crosscheck.judge.salience import SourceIndex

    other = SourceIndex.build([extract_facts("The programme ran from 2016 to 2018.")])
    mine = extract_facts("The programme ran from January 2016 to December 2018, officials said.")
    assert all(other.mentions(f) for f in mine.of("date"))
    assert not SourceIndex.build([extract_facts("It ended in 2019.")]).mentions(mine.of("date")[0])
    assert date_mentioned("2024-03-02", {"03-02"}) and not date_mentioned("03-02", {"2024"})


def test_a_quote_the_other_source_gives_in_other_words_is_mentioned():
    from crosscheck.judge.salience import SourceIndex

    other = SourceIndex.build([extract_facts("The mayor said she profoundly regrets the remark and called it unfair.")])
    quote = extract_facts('"I deeply and profoundly regret the remark," the mayor said.').of("quote")[0]
    assert other.mentions(quote)
    unrelated = extract_facts('"We will rebuild the pier before summer," the mayor said.').of("quote")[0]
    assert not other.mentions(unrelated)


def test_a_one_sided_finding_names_each_fact_once():
    from crosscheck.judge.findings import one_sided

    facts = extract_facts('The dean was killed at the Pentagon on Sept. 11, 2001, said "State of the Union" host '
                          "Jesuit Father Thomas J. Reese.")
    finding = one_sided(["a:1"], "a", list(facts.facts), topic=1.0)
    assert "Sept" not in finding.facts and "Union" not in finding.facts
    assert "Sept. 11, 2001" in finding.facts and "Jesuit Father Thomas J. Reese" in finding.facts
    assert not any(a != b and a in b for a in finding.facts for b in finding.facts)


def test_the_parts_of_a_hyphenated_word_are_mentioned():
    from crosscheck.judge.salience import SourceIndex

    other = SourceIndex.build([extract_facts("Rep. Dana Wells (D-Nev.) gave the plan a one-in-four chance.")])
    mine = extract_facts("Representative Dana Wells of Nevada gave the plan a 1 in 4 chance.")
    assert [f.text for f in mine.of("number") if not other.mentions(f)] == []
    assert other.mentions(Fact("name", "nevada", "Nevada"))
    assert not other.mentions(Fact("number", "5", "5", "count")) and not other.mentions(Fact("name", "ohio", "Ohio"))


def test_an_agencys_state_abbreviation_is_the_state():
    names = {f.text: f.key for f in extract_facts("Sheriff Ana Ruiz of Pima County, Ariz., spoke.").of("name")}
    assert names["Ariz"] == "arizona"
