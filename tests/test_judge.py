"""Judging: which statements a finding names (stories built from hand-made vectors), and
when two values, a negation or an attribution conflict."""

import numpy as np
import pytest

from crosscheck.facts import extract_facts
from crosscheck.judge import Story, pairwise_findings
from crosscheck.models import Kind, Statement

from conftest import FakeEmbedder


def one_fact(texts):
    """A same-fact encoder that reads every statement as one fact (cosine 1): these tests
    are about which statements a finding names, given that they report one fact."""
    return np.ones((len(texts), 4), dtype=np.float32) / 2


def story(texts: dict[str, str], vectors: list[list[float]], encode_facts=one_fact) -> Story:
    statements = tuple(Statement(sid, sid.split(":")[0], text, 0, len(text)) for sid, text in texts.items())
    rows = np.array(vectors, dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return Story(("a", "b"), statements, rows, {s.id: extract_facts(s.text) for s in statements},
                 encode_facts=encode_facts)


def test_a_divergence_names_one_statement_per_side_the_one_with_the_value():
    s = story({"a:1": "The new bridge opened on Monday and cost $5 million to build.",
               "b:1": "The new bridge opened on Monday.",
               "b:2": "Building it cost $7 million."},
              [[1, 1.5, 0], [1, 0, 0], [0, 1, 0]])  # a:1 sums up b:1 and b:2, closer to b:2
    findings, _ = pairwise_findings(s, threshold=0.6, min_salience=0.0)
    diverge = [f for f in findings if f.kind is Kind.DIVERGE]
    assert [(f.statements, [r.type for r in f.reasons]) for f in diverge] == [(("a:1", "b:2"), ["number"])]
    agree = [f for f in findings if f.kind is Kind.AGREE]
    assert [f.statements for f in agree] == [("a:1", "b:1")], "the other member still agrees with its counterpart"


def test_a_group_without_a_conflict_stays_one_agreement():
    s = story({"a:1": "The new bridge opened on Monday and cost $5 million to build.",
               "b:1": "The new bridge opened on Monday.",
               "b:2": "Building it cost $5 million."},
              [[1, 1, 0], [1, 0, 0], [0, 1, 0]])
    findings, _ = pairwise_findings(s, threshold=0.6, min_salience=0.0)
    assert [(f.kind, f.statements) for f in findings if f.kind is not Kind.ONE_SIDED] == [
        (Kind.AGREE, ("a:1", "b:1", "b:2"))]
    assert not [f for f in findings if f.kind is Kind.ONE_SIDED and "$5 million" in f.facts]


def reasons(a: str, b: str) -> list[tuple[str, list[str]]]:
    from crosscheck.judge import judge_pair

    return [(r.type, list(r.values.values())) for r in judge_pair(extract_facts(a), extract_facts(b), "a", "b").reasons]


def test_values_in_different_roles_do_not_conflict():
    assert reasons("The company paid $43 million in taxes last year.",
                   "Its income reached $139 million, filings show.") == []
    assert reasons("The law passed in 1976 gives foreign states immunity.",
                   "Victims of the 2001 attacks want to sue the kingdom.") == []


def test_values_in_the_same_role_conflict_even_when_worded_differently():
    assert reasons("The House voted on Wednesday to approve the measure.",
                   "Lawmakers approved it after the House voted Thursday.") == [("date", ["Wednesday", "Thursday"])]


@pytest.mark.parametrize("kind, a, b, conflict", [
    # rounded values and bounds are the same fact
    ("number", "The cuts total $716 billion over ten years.", "The cuts total $700 billion over ten years.", False),
    ("number", "The reading cost more than $1 million, the magazine estimated.",
     "The reading cost $1.1 million, the magazine estimated.", False),
    ("percent", "The fund holds about 40 percent of the shares.", "The fund holds 43 percent of the shares.", False),
    ("number", "The deal is worth $5 billion to the company.", "The deal is worth $5.6 billion to the company.", True),
    ("percent", "Prices rose 8.5% in March.", "Prices rose 8.3% in March.", True),
    ("number", "The storm killed 12 people in the town.", "The storm killed 10 people in the town.", True),
    ("percent", "Turnout fell 15% in the city.", "Turnout fell 20% in the city.", True),
    ("number", "Nearly 100 people died in the flood.", "63 people died in the flood.", True),
    ("number", "Nearly 100 people died in the flood.", "97 people died in the flood.", False),
    # a date given less precisely is the same date
    ("date", "Consumer prices rose 8.3% in April 2022 from a year earlier.", "Consumer prices rose 8.3% in April from a year earlier.", False),
    ("date", "Consumer prices rose 8.3% in April 2022 from a year earlier.", "Consumer prices rose 8.3% in May from a year earlier.", True),
    # two bounds the same way are two figures for one count
    ("number", "At least 12 people died in the flood.", "At least 15 people died in the flood.", True),
    ("number", "At least 15 people died in the flood.", "At least 20 people died in the flood.", True),
    ("number", "Nearly 12 people died in the flood.", "Up to 10 people died in the flood.", True),
    ("number", "At least 1,500 people fled the city.", "At least 1,520 people fled the city.", False),
    ("number", "The suit covers as many as 1.5 million workers.", "The suit covers up to 1.6 million workers.", True),
    ("number", "The suit covers 1.5 million workers.", "The suit covers up to 1.6 million workers.", False),
    ("number", "The factory employs 400 workers near the river.", "About 35 workers joined the strike on the line.", False),
    # a negation needs the same word asserted in the same role
    ("negation", "The agency did not respond to a request for comment.",
     "The agency didn't respond to a request for comment on Friday.", False),
    ("negation", "It was not immediately clear who fired first.", "It is unclear who fired first.", False),
    ("negation", "The agency did not respond to a request for comment.", "The agency responded to a request for comment.", True),
    ("negation", "The mayor said the plan was not that simple.", "The mayor said the plan was too simple, aides said.", True),
    ("negation", "No senator called him to ask him to stay.", "Five senators called him to step aside.", False),
    # "not only" negates nothing; a condition or a "whether" claims nothing
    ("negation", "The mayor opposes not only the tower but also the new parking garage.",
     "The mayor opposes the tower and the new parking garage.", False),
    ("negation", "If the council doesn't pass the budget this week, the city will shut down.",
     "To pass the budget this week would keep the city open, the council said.", False),
    ("negation", "The mayor will not seek a third term, aides said on Monday.",
     "The mayor will say on Monday whether he will seek a third term.", False),
    # the negating side asserts the word too; a negated wish governs its verb
    ("negation", "That is not building houses. We need to get back to building houses for families.",
     "We need to get back to building houses for families, the mayor said.", False),
    ("negation", "The mayor said he doesn't want to make a campaign issue out of the fire.",
     "We are not making a campaign issue out of the fire, the mayor said.", False),
    # a condition ends with its clause; a dispute is told only as someone's position
    ("negation", "If the council approves it, Governor Lee said on Monday that she will sign the bill into law.",
     "Lee will not sign the bill, her office said.", True),
    ("negation", "The company did not comment, but the factory closed on Friday after the strike.",
     "The factory did not close on Friday after the strike.", True),
    # both negated, one with typographic apostrophes and a sentence more
    ("negation", "“We are not giving up,” the coach said, “but you don’t win a title in May.”",
     '"But you don\'t win a title in May," the coach said.', False),
    # two spellings of one transliterated name; a different place is a different name
    ("name", "The envoy met Muammar Qaddafi in the capital on Monday.",
     "The envoy met Moammar Qaddafi in the capital on Monday.", False),
    ("name", "The senator spoke at a 2008 rally in Norfolk about veterans.",
     "The senator spoke at a 2008 rally in Norwalk about veterans.", True),
])
def test_when_two_values_or_a_negation_conflict(kind, a, b, conflict):
    assert bool([r for r in reasons(a, b) if r[0] == kind]) is conflict


def test_attribution_conflicts_only_between_edits_of_one_sentence():
    assert reasons("The plan will cut costs, the ministry said.", "The plan will cut costs, the police said.") == [
        ("attribution", ["ministry", "police"])]
    assert reasons("Costs will fall sharply under the plan, the ministry said.",
                   "The police said they expect the plan to hurt officers.") == []


def test_a_divergence_below_the_reporting_confidence_is_only_possible():
    from crosscheck import Checker
    from crosscheck.render import render_markdown

    texts = {"a": "The storm killed 12 people in the coastal town on Monday.",
             "b": "The storm killed 15 people in the coastal town on Monday."}
    sure = Checker(embedder=FakeEmbedder()).compare(texts).to_dict()
    (diverge,) = [f for f in sure["findings"] if f["kind"] == "diverge"]
    assert 0.5 <= diverge["confidence"] <= 1 and sure["possible_divergences"] == []
    doubtful = Checker(embedder=FakeEmbedder(), min_confidence=min(1.0, diverge["confidence"] + 0.01)).compare(texts)
    data = doubtful.to_dict()
    assert not [f for f in data["findings"] if f["kind"] == "diverge"]
    assert [f["reasons"] for f in data["possible_divergences"]] == [diverge["reasons"]]
    markdown = render_markdown(data)
    assert "## Divergences (0)" in markdown and "Possible divergences: 1 not reported, below the reporting confidence" in markdown


@pytest.mark.parametrize("a, b, expected", [
    ("The House is expected to vote on the bill Thursday.", "The House voted on the bill Thursday, passing it 230-190.",
     [("status", ["is expected to vote", "voted"])]),
    ("The Senate voted on Wednesday to approve the budget measure.", "The Senate will vote next week on the budget measure.",
     [("status", ["voted", "will vote"])]),
    ("The council voted to close the library.", "The council plans to open a new park.", []),
])
def test_an_act_announced_against_the_act_done(a, b, expected):
    assert reasons(a, b) == expected


def test_a_missing_or_damaged_pair_judge_is_a_one_line_error(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from crosscheck.cli import app
    from crosscheck.errors import ModelError
    from crosscheck.judge import model as judge_model
    from crosscheck.judge.model import PairModel

    with pytest.raises(ModelError, match="can't be loaded"):
        PairModel(tmp_path / "nowhere").probabilities([("a", "b")])
    (tmp_path / "meta.json").write_text('{"labels": ["agree", "diverge", "unrelated"], "max_length": 128}')
    (tmp_path / "tokenizer.json").write_text("{}")
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="can't be loaded"):
        PairModel(tmp_path).probabilities([("a", "b")])

    monkeypatch.setattr(judge_model, "default_judge_folder", lambda: tmp_path)
    judge_model.pair_model.cache_clear()
    try:
        a, b = tmp_path / "a.txt", tmp_path / "b.txt"
        a.write_text("The storm killed 12 people in the coastal town on Monday.")
        b.write_text("The storm killed 15 people in the coastal town on Monday.")
        monkeypatch.setattr("crosscheck.pipeline.make_embedder", lambda *args, **kwargs: FakeEmbedder())
        result = CliRunner().invoke(app, ["compare", str(a), str(b), "--judge", "model"])
        assert result.exit_code == 2 and result.output.startswith("Error: ") and "--judge rules" in result.output
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    finally:
        judge_model.pair_model.cache_clear()


def test_values_pair_up_by_role_whatever_their_order():
    assert reasons("23 people were injured and 12 people died in the crash.",
                   "In the crash 17 people died, police said.") == [("number", ["12", "17"])]


def test_claims_list_their_possible_divergences_too():
    from crosscheck import Checker

    texts = {"a": "The storm killed 12 people in the coastal town on Monday.",
             "b": "The storm killed 15 people in the coastal town on Monday.",
             "c": "The storm killed 12 people in the coastal town on Monday."}
    sure = Checker(embedder=FakeEmbedder()).compare(texts).to_dict()
    assert [c["verdict"] for c in sure["claims"] if len(c["sources"]) > 1] == ["contested"]
    doubtful = Checker(embedder=FakeEmbedder(), min_confidence=1.0).compare(texts).to_dict()
    assert [c["verdict"] for c in doubtful["claims"] if len(c["sources"]) > 1] == ["consensus"]
    assert {tuple(sorted(f["statements"])) for f in doubtful["possible_divergences"]} == {("a:1", "b:1"), ("b:1", "c:1")}


def test_a_reproduced_quote_links_two_statements_however_they_are_framed():
    s = story({"a:1": '"We will rebuild every pier before the summer season," the mayor told the council.',
               "b:1": 'Officials repeated the pledge, "we will rebuild every pier before the summer season".',
               "b:2": "The council also discussed parking fees."},
              [[1, 0, 0], [0.1, 0.995, 0], [0, 0, 1]])  # a cosine of 0.1: the words alone would not match them
    findings, _ = pairwise_findings(s, threshold=0.6, min_salience=0.0)
    assert [f.statements for f in findings if f.kind is Kind.AGREE] == [("a:1", "b:1")]


@pytest.mark.parametrize("a, b, expected", [
    # a word put in, or swapped where both quotes end: one quote, other words
    ('"We owe the people of this town a very clear answer about the bridge," the mayor said.',
     "“We owe the people of this town a clear answer about the bridge,” said Mayor Ortiz.",
     ["a very clear", "a clear"]),
    ('She said, "Nobody on the board could explain what they were hiding."',
     '"Nobody on the board could explain what they were seeing," she told reporters.',
     ["were hiding", "were seeing"]),
    # a function word one side drops does not break the shared run
    ('"Every day that passes, the city gets closer and closer to a budget crisis," she said.',
     '"Every day that passes, the city gets closer and closer to budget ruin," she said.',
     ["budget crisis", "budget ruin"]),
    # cut short at either end, or cut and filled in where the outlet marks it: no misquote
    ('"Nobody on the board could explain what they were hiding," she said.',
     '"Nobody on the board could explain what they were hiding from the auditors," she said.', None),
    ('"We owe the people of this town ... a clear answer about the bridge," the mayor said.',
     '"We owe the people of this town a fast and clear answer about the bridge," the mayor said.', None),
    ('"We owe the people (of Dover) a clear answer about the bridge," the mayor said.',
     '"We owe the people a clear answer about the bridge," the mayor said.', None),
    # a contraction spelled out, and two quotes that only start alike
    ('"The governor has said that he is determined to finish the bridge this year," she said.',
     "“The governor has said that he’s determined to finish the bridge this year,” she said.", None),
    ('"I have the same view on the bridge that I had as a council member," he said.',
     '"I have the same view that I have held since the first vote," he said.', None),
    # the same words in another house style
    ('"The city council didn\'t back the new plan for the bridge next month," she said.',
     '"The city council did not back the new plan for the bridge next month," she said.', None),
    ('"We will not favour the builders over the families of this town," she said.',
     '"We will not favor the builders over the families of this town," she said.', None),
    ('"We expect at least 15 percent of the families of this town to move," she said.',
     '"We expect at least 15% of the families of this town to move," she said.', None),
    ('"We owe the people of this town . . . a clear answer about the bridge," she said.',
     '"We owe the people of this town a fast and clear answer about the bridge," she said.', None),
    # two named speakers with a stock phrase
    ('"Our thoughts and prayers are with the families of the victims," Gov. Ann Lee said.',
     '"Our thoughts and prayers are with the families of those killed," Sen. Tom Reyes said.', None),
])
def test_a_quote_given_in_other_words(a, b, expected):
    found = [values for kind, values in reasons(a, b) if kind == "misquote"]
    assert found == ([expected] if expected else [])


def test_a_misquote_is_reported_where_one_statement_sums_up_two():
    # a:1 sums up b:1 and b:2 and is closest to b:2, so a:1 and b:1 are no mutual best match;
    # the quote they both reproduce is evidence enough that they report one thing
    texts = {"a:1": '"We owe the people of this town a very clear answer about the bridge, and we owe them a date for it," '
                    "the mayor said of the 12 bridges.",
             "b:1": "“We owe the people of this town a clear answer about the bridge,” the mayor said of the 15 bridges.",
             "b:2": "The mayor said the town is owed a date for the bridge and a clear answer about it."}
    findings, _ = pairwise_findings(story(texts, [[1, 0.5, 0], [0.6, 0.5, 0.5], [1, 0.5, 0.02]]), 0.5, 0.0)
    found = [(f.kind, f.statements) for f in findings if f.kind is not Kind.ONE_SIDED]
    assert found == [(Kind.DIVERGE, ("a:1", "b:1")), (Kind.AGREE, ("a:1", "b:2"))]
    # the quote is the evidence for the misquote only: the other difference is not reported
    assert [r.type for r in next(f for f in findings if f.kind is Kind.DIVERGE).reasons] == ["misquote"]


def test_a_holder_named_on_the_other_side_is_no_other_attribution():
    # "according to the Ledger, he said" and "he told the Ledger": one source, two framings
    assert reasons("The mayor, according to the Ledger, said he had misspoken at a 2019 rally in Dover.",
                   "Ortiz told the Ledger he had misspoken at the 2019 rally in Dover.") == []
    # each naming the other: swapped blame still conflicts
    assert reasons("Israel said Hamas fired the rocket that hit the hospital in Gaza.",
                   "Hamas said Israel fired the rocket that hit the hospital in Gaza.") == [
        ("attribution", ["Israel", "Hamas"])]


def test_a_statement_that_tells_both_sides_of_a_dispute_contradicts_neither():
    assert reasons("The mayor said the letters didn't represent the whole council, a point the council denied.",
                   "The mayor said the letters did not speak for the council, but the council said they do indeed "
                   "represent its view.") == []


def test_odd_digits_in_an_edited_sentence_are_no_crash():
    assert reasons("The audit released on Monday found waste in the transit agency ¹ and the city housing office.",
                   "The audit released on Monday found waste in the transit agency budget and the city housing office.") \
        == [("wording", ["¹", "budget"])]


@pytest.mark.parametrize("a, b", [
    # British and American spellings, hyphens, ordinals in words: one wording
    ("Riot police cleared the square in the centre of the port city before dawn on Sunday, as the dockers' strike "
     "went into its third week.",
     "Riot police cleared the square in the center of the port city before dawn on Sunday, as the dockers' strike "
     "went into its third week."),
    ("Harbour officials mobilised every tug in the bay to free the stranded tanker overnight, including two that "
     "were off duty for the holiday.",
     "Harbour officials mobilized every tug in the bay to free the stranded tanker overnight, including two that "
     "were off duty for the holiday."),
    ("Two warehouses near the docks, one used by the customs office, burned in a fire-bomb attack late on Friday "
     "night during the protests.",
     "Two warehouses near the docks, one used by the customs office, burned in a firebomb attack late on Friday "
     "night during the protests."),
    ('"By scrapping this eleventh-hour rule, we make sure that the wetlands stay protected for good," the minister said.',
     '"By scrapping this 11th hour rule, we make sure that the wetlands stay protected for good," the minister said.'),
    # one word for another of the same sense
    ("Fund head Maria Lopez warned on Tuesday that the debt crisis could spread to other countries despite the "
     "rescue package agreed at the weekend.",
     "Fund chief Maria Lopez warned on Tuesday that the debt crisis could spread to other countries despite the "
     "rescue package agreed at the weekend."),
    # one name in another house style, where the rest of the sentence is the same
    ("Customs officers found nine AK-47 rifles and 200 rounds of ammunition on the trawler.",
     "Customs officers found nine AK 47 rifles and 200 rounds of ammunition on the trawler."),
    ("The striker, who now has 31 goals, was named player of the month by the AP on Tuesday.",
     "The striker, who now has 31 goals, was named player of the month by the Associated Press on Tuesday."),
    ("The champion, now 28-2 (19 KO), will defend his title in Cardiff next month.",
     "The champion, now 28-2 (19 KOs), will defend his title in Cardiff next month."),
    # "nothing less than" asserts
    ('"Nothing less than the future of the river towns is at stake," the premier told lawmakers.',
     '"The future of the river towns is at stake," the premier told lawmakers.'),
    # a year inside a decade; a scale after a hyphen
    ("The singer, who starred in musicals in the 1950s, died on Monday at 90.",
     "The singer, who starred in musicals in 1950, died on Monday at 90."),
])
def test_one_thing_written_in_two_house_styles_is_no_conflict(a, b):
    assert reasons(a, b) == []


@pytest.mark.parametrize("a, b, expected", [
    # words that only look like one word in two house styles
    ("The club said on Monday that its captain, who had talked to three rivals, re-signed for two more seasons.",
     "The club said on Monday that its captain, who had talked to three rivals, resigned for two more seasons.",
     ("wording", ["re-signed", "resigned"])),
    # a word of another sense is an edit
    ("Fund head Maria Lopez warned on Tuesday that the debt crisis could spread to other countries despite the "
     "rescue package agreed at the weekend.",
     "Fund critic Maria Lopez warned on Tuesday that the debt crisis could spread to other countries despite the "
     "rescue package agreed at the weekend.",
     ("wording", ["head", "critic"])),
    # "no less effective" is not "less effective"
    ("Officials said on Monday that the new vaccine was no less effective than the old one in older patients.",
     "Officials said on Monday that the new vaccine was less effective than the old one in older patients.",
     ("negation", ["negated (no)", "affirmative"])),
    # a score is two numbers, not a time of day
    ("Rovers beat United 3:2 on Sunday in front of a crowd of 20,000 at the old ground by the river.",
     "Rovers beat United 3:1 on Sunday in front of a crowd of 20,000 at the old ground by the river.",
     ("number", ["2", "1"])),
])
def test_what_house_style_does_not_excuse(a, b, expected):
    assert reasons(a, b) == [expected]


def test_a_speaker_named_with_a_title_between_names_is_one_speaker():
    quote = '"We are proud to welcome the festival back to the harbour next summer,"'
    assert reasons(f"{quote} said Lena Ortiz, director, Harbour Arts Council.",
                   f"{quote} said Harbour Arts Council chief Lena Ortiz.") == []
    # "X did this and said": the holder is X, not the words just before the verb
    assert texts_of('Ortiz made the news public on Instagram on Monday and said: "The festival is back."',
                    "attribution") == []
    # a phrase of place or means after the name is no part of the holder
    assert texts_of('"The festival is back," said Ortiz aboard the Harbour Queen.', "attribution") == ["Ortiz"]
    assert texts_of('"The festival is back," said Ortiz via Instagram.', "attribution") == ["Ortiz"]


def texts_of(text: str, kind: str) -> list[str]:
    return [f.text for f in extract_facts(text).of(kind)]


def test_a_negation_said_of_another_named_subject_is_no_conflict():
    assert reasons("Unlike the leads Maya Cole and Ben Ortiz, Reyes is not signed for the second season.",
                   "The leads Maya Cole and Ben Ortiz are already signed for the second season.") == []
    # the same subject: a conflict
    assert reasons("Reyes is not signed for the second season, the studio said.",
                   "Reyes is already signed for the second season, the studio said.") == [
        ("negation", ["negated (not)", "affirmative"])]


def test_has_yet_to_is_a_negation():
    # both sides say it is not done: no conflict
    assert reasons("The budget is ready, but the council has not yet had the chance to approve it, officials said.",
                   "The budget that the council has yet to approve is ready, officials said.") == []
    assert reasons("The council has yet to approve the new budget for the harbour, officials said on Monday.",
                   "The council has approved the new budget for the harbour, officials said on Monday.") == [
        ("negation", ["negated (yet to)", "affirmative"])]


@pytest.mark.parametrize("a, b, conflict", [
    # a negation reaches to the end of its clause, not past "when", "and" or "that"
    ("No one was hurt when the old pier collapsed in the storm on Sunday.",
     "The old pier did not collapse in the storm on Sunday.", True),
    ("The mayor did not attend the meeting and the council passed the budget on Monday.",
     "The council did not pass the budget on Monday.", True),
    # the subject is the name before the verb, not any name in the clause
    ("Ortiz told the Ledger the city would not close the library next year.",
     "Ortiz said the city would close the library next year.", True),
    # "yet" as a contrast negates nothing
    ("The plan was cheap, yet to critics it looked reckless and rushed.",
     "The plan was cheap, but to critics it looked reckless and rushed.", False),
])
def test_how_far_a_negation_reaches(a, b, conflict):
    assert bool([kind for kind, _ in reasons(a, b) if kind == "negation"]) is conflict


def test_a_difference_counts_only_between_statements_about_one_fact():
    from crosscheck.judge.verdict import Verdict
    from crosscheck.models import Reason

    number, misquote = Reason("number", {"a": "12", "b": "15"}), Reason("misquote", {"a": "x", "b": "y"})
    loose = Verdict((number, misquote), (), (), 0.9, True)
    assert loose.counted(True, True) == (number, misquote)
    assert loose.counted(True, False) == (misquote,)  # related statements: only the quote's evidence
    assert loose.counted(False, True) == (misquote,)  # not each other's best match
    edited = Verdict((number,), (), (), 0.9, True, edited=True)
    assert edited.counted(True, False) == (number,)  # one sentence edited: the edit is the evidence
    assert Verdict((number,), (), (), 0.3, False).counted(True, True) == ()  # below the reporting threshold


@pytest.mark.parametrize("a, b, expected", [
    # two readings at two moments
    ("Consumer prices climbed by 8.5% through March, according to the labour bureau.",
     "Consumer prices for June were reported to have climbed to 9.1 percent.", []),
    # one moment, two figures
    ("Consumer prices rose 8.5% in March, the labour bureau said on Tuesday.",
     "Consumer prices rose 8.3% in March, the labour bureau said on Tuesday.", [("percent", ["8.5%", "8.3%"])]),
])
def test_figures_of_two_moments_do_not_conflict(a, b, expected):
    assert reasons(a, b) == expected
