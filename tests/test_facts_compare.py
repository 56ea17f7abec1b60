import pytest

from crosscheck.judge import judge_pair, salience
from crosscheck.facts import extract_facts, same_holder


def keys(text, kind):
    return [f.key for f in extract_facts(text).of(kind)]


@pytest.mark.parametrize(
    "kind, text, expected",
    [
        ("number", "up to 2 million mobile devices", ["2000000"]),
        ("number", "more than 500,000 devices", ["500000"]),
        ("number", "around $6 billion dollars", ["USD 6000000000"]),
        ("number", "includes four departments", ["4"]),
        ("percent", "prices rose 8.5% from a year earlier", ["8.5%"]),
        ("percent", "a rise of 8.5 percent", ["8.5%"]),
        ("percent", "a rise of 8.5 per cent", ["8.5%"]),
        ("percent", "unemployment fell to eight percent", ["8%"]),
        ("percent", "turnout was up 3.2 percentage points on 2016", ["3.2 pp"]),
        ("percent", "it gained one percentage point", ["1 pp"]),
        ("date", "they must do so by April 1.", ["04-01"]),
        ("date", "on 1 April 2023 the rule began", ["2023-04-01"]),
        ("date", "instructed its employees in March", ["--03"]),
        ("date", "developed in 2016 for business", ["2016"]),
        ("date", "the biggest jump since December 1981", ["1981-12"]),
        ("date", "Menshov told reporters last year", ["last year"]),
    ],
)
def test_values_of_each_kind(kind, text, expected):
    assert keys(text, kind) == expected


@pytest.mark.parametrize("text", ["prices rose 8.5% in a year", "eight percent of voters", "up 2 percentage points"])
def test_a_percentage_is_not_also_a_count(text):
    assert keys(text, "number") == []


def test_percentage_points_never_conflict_with_a_level():
    assert reason_types("Support rose 5 percentage points.", "Support rose 5%.") == []
    assert reason_types("Support rose to 45%.", "Support rose to 48 percent.") == ["percent"]
    assert reason_types("Support rose 5 percentage points to 45%.", "Support rose 3 percentage points to 45%.") == ["percent"]


def test_a_percentage_next_to_a_count_is_compared_as_a_percentage():
    j = judge("Of 200 staff, 12% quit.", "Of 200 staff, 15% quit.")
    assert [(r.type, r.values) for r in j.reasons] == [("percent", {"a": "12%", "b": "15%"})]


def test_names_skip_sentence_starts_possessives_and_dates():
    names = keys("The Kremlin said Russia's telecom giant Rostelecom met Kirill Menshov in March.", "name")
    assert names == ["kremlin", "russia", "rostelecom", "kirill menshov"]


def test_negation_modality_attribution_denial():
    facts = extract_facts("Officials are not required to attend, the ministry said, a claim the union denied.")
    assert facts.negations == 1
    assert [f.key for f in facts.of("modality")] == ["required"]
    assert [f.text for f in facts.of("attribution")] == ["ministry"]
    assert facts.of("denial")


def judge(a, b):
    return judge_pair(extract_facts(a), extract_facts(b), "a", "b")


def reason_types(a, b):
    return [r.type for r in judge(a, b).reasons]


def test_different_number_is_a_divergence_with_both_values():
    j = judge("The storm killed 12 people on Monday.", "The storm killed 15 people on Monday.")
    assert [(r.type, r.values) for r in j.reasons] == [("number", {"a": "12", "b": "15"})]


def test_different_date_name_negation_modality_antonym():
    assert reason_types("The law takes effect on April 1.", "The law takes effect on May 1.") == ["date"]
    assert reason_types("The deal was signed by Acme Corp on Monday.", "The deal was signed by Globex on Monday.") == ["name"]
    assert reason_types("The company has launched an investigation.", "The company has not launched an investigation.") == ["negation"]
    assert reason_types("Staff are required to remove the app.", "Staff are recommended to remove the app.") == ["modality"]
    assert reason_types("Exports increased sharply in May.", "Exports decreased sharply in May.") == ["antonym"]


def test_paraphrase_agrees():
    assert reason_types("Officials said the bridge will open in 2025.", "The bridge will open in 2025, officials said.") == []


def test_extra_detail_is_one_sided_not_a_divergence():
    j = judge("Staff must give up their phones.", "Staff must give up their phones by April 1.")
    assert j.reasons == ()
    assert [f.text for f in j.only_right] == ["April 1"]
    assert j.only_left == ()


def test_salience_ranks_facts_over_colour():
    facts = extract_facts("The ministry denied on April 1 that 2 million phones were bought.").facts
    assert salience(facts, whole_statement=True) > salience((), whole_statement=True)
    assert 0 <= salience(facts, whole_statement=False) <= 1


LONG = ("Rescue teams in the north of the province worked through the night to reach the {} "
        "where forty workers have been trapped since the collapse on Tuesday.")


def test_one_edit_in_a_long_near_identical_sentence_is_edited_wording():
    j = judge(LONG.format("coal mine"), LONG.format("coal quarry"))
    assert [(r.type, r.values) for r in j.reasons] == [("wording", {"a": "mine", "b": "quarry"})]


def test_one_inserted_word_is_a_one_sided_detail():
    j = judge(LONG.format("coal mine"), LONG.format("mine"))
    assert j.reasons == ()
    assert [(f.kind, f.text) for f in j.only_left] == [("detail", "coal")] and j.only_right == ()


@pytest.mark.parametrize(
    "a, b",
    [
        ("A man is playing a guitar.", "A man is playing a flute."),  # short: one word is no near-copy
        (LONG.format("mine"), LONG.format("mines")),  # the same word, inflected
        (LONG.format("the mine"), LONG.format("a mine")),  # function words only
        (LONG.format("mine") + " Crews were exhausted.", LONG.format("pit") + " Crews were tired."),  # two spots
    ],
)
def test_no_edited_wording_without_one_content_edit(a, b):
    assert "wording" not in reason_types(a, b)


def test_a_changed_number_is_reported_as_a_number_not_as_wording():
    assert reason_types(LONG.format("mine").replace("forty", "40"), LONG.format("mine").replace("forty", "14")) == ["number"]


@pytest.mark.parametrize("a, b, same", [
    ("the Indian Navy", "India's navy", True),  # a country, its people's adjective, a possessive
    ("Ukrainian officials", "Ukraine", True),
    ("Iranian officials", "Iran", True),
    ("British police", "Britain", True),
    ("Russia's ministry", "the Russian ministry", True),
    ("Johnson", "Johnston", False),  # two people, not a place and its people
    ("Austria", "Australian police", False),
    ("Iran", "Iraq", False),
])
def test_a_place_and_its_people_hold_one_attribution(a, b, same):
    assert same_holder(a, b) is same
