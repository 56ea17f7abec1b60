import pytest
import numpy as np

from crosscheck.clean import find_chrome
from crosscheck.topic import find_off_topic
from crosscheck.models import Article
from crosscheck.read import article_from_text
from crosscheck.segment import segment_article

PAGE = """Mayor unveils plan for new bridge

By Jane Reporter

The mayor of Springfield unveiled a plan on Monday to build a new bridge over the river.
The bridge would cost $40 million, according to the city's budget office.

What the plan means

Officials said the work would start in March and take two years. The U.S. Department of
Transportation will pay half of the cost, Mr. Smith said.

The plan has three parts:
- a new bridge deck;
- two bike lanes;
- a pedestrian walkway.

Subscribe to our newsletter for daily updates!

Jane Reporter is a staff writer for the Springfield Gazette covering city hall.

Related stories

Fire breaks out at downtown warehouse
Schools to close early for holidays
"""


def _statements():
    article = Article("gazette", "Mayor unveils plan for new bridge", PAGE)
    return article, segment_article(article, find_chrome(article.text, article.title))


def test_chrome_is_set_aside_with_reasons():
    _, statements = _statements()
    reasons = {s.text: s.set_aside for s in statements}
    assert reasons["By Jane Reporter"] == "byline or author bio"
    assert reasons["What the plan means"] == "heading or page fragment"
    assert reasons["Subscribe to our newsletter for daily updates!"] == "promo or call to action"
    assert reasons["Jane Reporter is a staff writer for the Springfield Gazette covering city hall."] == "byline or author bio"
    assert reasons["Related stories"] == "related-stories teaser"
    assert reasons["Fire breaks out at downtown warehouse"] == "related-stories teaser"


def test_statements_keep_offsets_and_join_wrapped_lines_and_lists():
    article, statements = _statements()
    kept = [s for s in statements if s.kept]
    for s in statements:
        assert " ".join(article.text[s.start : s.end].split()) == s.text
    texts = [s.text for s in kept]
    assert "The U.S. Department of Transportation will pay half of the cost, Mr. Smith said." in texts
    assert any(t.startswith("The plan has three parts:") and t.endswith("a pedestrian walkway.") for t in texts)
    headline = [s for s in kept if s.headline]  # the title is a statement, marked as the headline
    assert [s.text for s in headline] == ["Mayor unveils plan for new bridge"] and headline[0] is kept[0]


def test_single_line_input_is_kept_whole():
    article = Article("a", "A man is playing a guitar", "A man is playing a guitar")
    statements = segment_article(article, find_chrome(article.text, article.title))
    assert [(s.text, s.set_aside) for s in statements] == [("A man is playing a guitar", None)]


def test_off_topic_only_trailing_unanchored_paragraphs():
    rng = np.random.default_rng(0)
    topic = rng.normal(size=16)
    other = rng.normal(size=16)
    vectors = np.array([topic + rng.normal(scale=0.1, size=16) for _ in range(8)] + [other, other])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sources = ["a"] * 4 + ["b"] * 6
    paragraphs = [1, 2, 3, 4, 1, 2, 3, 4, 5, 6]
    anchored = [True] * 8 + [False, False]
    mask = find_off_topic(vectors, sources, paragraphs, anchored)
    assert mask.tolist() == [False] * 8 + [True, True]
    # the same paragraph, anchored to the story by a shared name, stays
    assert not find_off_topic(vectors, sources, paragraphs, [True] * 9 + [False])[8]


def test_a_trailing_quote_like_something_another_source_says_stays_unless_it_names_the_outlet():
    rng = np.random.default_rng(4)
    topic, aside = rng.normal(size=16), rng.normal(size=16)
    quote = topic * 0.3 + aside  # off the story's centre, but close to one statement of source a
    vectors = np.array([topic + rng.normal(scale=0.1, size=16) for _ in range(3)] + [quote]
                       + [topic + rng.normal(scale=0.1, size=16) for _ in range(4)] + [quote * 0.9 + aside * 0.1])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sources = ["a"] * 4 + ["b"] * 5
    paragraphs = [1, 2, 3, 4, 1, 2, 3, 4, 5]
    anchored = [False] * 9
    assert not find_off_topic(vectors, sources, paragraphs, anchored).any()
    branded = [False] * 8 + [True]  # "As Example Daily reported, meanwhile, ..."
    assert find_off_topic(vectors, sources, paragraphs, anchored, branded).tolist() == [False] * 8 + [True]


def test_sentence_spans_split_only_at_real_boundaries():
    from crosscheck.segment import sentence_spans

    text = '  He said the plan "will not work." Officials disagreed. Sen. Smith voted yes!  '
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        'He said the plan "will not work."', "Officials disagreed.", "Sen. Smith voted yes!",
    ]
    # No end punctuation followed by more text: one sentence, its closing quote kept on it.
    quoted = "  “We will not stop until the last of them is home,” the minister told reporters”  "
    assert [quoted[s:e] for s, e in sentence_spans(quoted)] == [quoted.strip()]
    assert sentence_spans("   ") == []


def test_a_long_first_paragraph_is_body_text_not_a_headline():
    text = ("The council met on Monday and approved the budget after a long debate. Members voted 7 to 2 for it.\n\n"
            "The mayor said the vote was a relief.\n")
    article = article_from_text(text, name="a.txt", source_id="a")
    statements = segment_article(article, find_chrome(article.text, article.title))
    assert not any(s.headline for s in statements)
    assert statements[0].text == "The council met on Monday and approved the budget after a long debate."


def test_markdown_headline_loses_its_hashes():
    article = article_from_text("# Storm closes schools\n\nSchools closed on Friday as the storm hit.\n",
                                name="a.md", source_id="a")
    first = segment_article(article, find_chrome(article.text, article.title))[0]
    assert (first.text, first.headline, first.kept) == ("Storm closes schools", True, True)


def test_a_title_case_headline_keeps_only_names_its_body_also_has():
    from crosscheck.facts import extract_facts
    from crosscheck.facts.headline import headline_facts, is_title_case

    headline = "Mayor Ortiz Signs Harbour Budget After Long Debate"
    body = [extract_facts("Mayor Lena Ortiz signed the budget on Friday."), extract_facts("Ortiz said it was fair.")]
    names = {f.key for f in headline_facts(headline, extract_facts(headline), body).of("name")}
    assert is_title_case(headline) and not is_title_case("Mayor signs harbour budget after long debate")
    assert all("ortiz" in n for n in names) and names
    plain = "Ortiz signs harbour budget"
    assert headline_facts(plain, extract_facts(plain), body) == extract_facts(plain)


def test_a_headline_with_abbreviations_is_still_the_headline():
    text = "N.C. Rep. Smith Apologizes After Video Shows Him Grabbing Student\n\nRep. Smith apologized on Monday.\n"
    article = article_from_text(text, name="a.txt", source_id="a")
    first = segment_article(article, find_chrome(article.text, article.title))[0]
    assert first.headline and first.kept and first.text.startswith("N.C. Rep. Smith")


def test_a_headline_with_a_no_break_space_is_still_the_headline():
    text = "18\u00a0states back the  challenge\n\nEighteen states backed the challenge on Friday, officials said.\n"
    article = article_from_text(text, name="a.txt", source_id="a")
    first = find_chrome(article.text, article.title)[0]
    assert first.headline and first.reason is None


@pytest.mark.parametrize("line, language", [
    ("They said, 'don't go out there with that hat on.'", "en"),
    ("Please drop the plan and start listening!'", "en"),
    ("Эванс: «Ну и ну, он и правда трещит!»", "ru"),
])
def test_a_short_line_that_ends_a_sentence_inside_closing_quotes_is_a_sentence(line, language):
    text = f"Harbour Bridge Closes\n\nThe bridge closed on Friday, the city said.\n\n{line}\n\nIt reopens in May.\n"
    lines = find_chrome(text, "Harbour Bridge Closes", language)
    assert [item.reason for item in lines if item.text == line] == [None]
    unquoted = find_chrome(text.replace(line, "What the plan means"), "Harbour Bridge Closes", language)
    assert [item.reason for item in unquoted if item.text == "What the plan means"] == ["heading or page fragment"]


@pytest.mark.parametrize("line, language", [
    ("Санкции против «Газпрома»", "ru"),  # a name in «», not a sentence's end
    ("Що відомо про «Укренерго»", "uk"),
    ("It's only 'rock,'", "en"),
    ("The players'", "en"),
])
def test_a_short_line_that_only_closes_a_name_or_a_possessive_is_a_heading(line, language):
    text = f"Harbour Bridge Closes\n\nThe bridge closed on Friday, the city said.\n\n{line}\n\nIt reopens in May.\n"
    assert [item.reason for item in find_chrome(text, "Harbour Bridge Closes", language) if item.text == line] == [
        "heading or page fragment"]


def test_wrapped_prose_that_ends_a_line_with_a_name_in_guillemets_is_joined():
    text = ("Нефтяные компании, среди которых были «Газпром нефть» и «Роснефть» и многие другие, подписали «Соглашение»\n"
            "заявили в среду в правительстве.\n")
    lines = find_chrome("Заголовок\n\n" + text, "Заголовок", "ru")
    assert [item.text for item in lines][1].endswith("заявили в среду в правительстве.")


def test_a_date_stamp_line_is_set_aside_and_the_headline_is_the_line_after_it():
    text = ("7 March 2025 @ 01:12 pm\n\nHarbour Bridge Closes For Repairs\n\n"
            "The harbour bridge closed on Friday for six weeks of repairs, the city said.\n\n"
            "Updated March 7, 2025 5:02 p.m. EDT\n")
    article = article_from_text(text, name="a.txt", source_id="a")
    assert article.title == "Harbour Bridge Closes For Repairs"
    lines = find_chrome(article.text, article.title)
    assert [(line.text, line.reason, line.headline) for line in lines] == [
        ("7 March 2025 @ 01:12 pm", "date or time stamp", False),
        ("Harbour Bridge Closes For Repairs", None, True),
        ("The harbour bridge closed on Friday for six weeks of repairs, the city said.", None, False),
        ("Updated March 7, 2025 5:02 p.m. EDT", "date or time stamp", False),
    ]


@pytest.mark.parametrize("line, stamp", [
    ("Friday, March 7, 2025 1:12 PM", True),
    ("MONDAY, MAY 23, 2005", True),
    ("Posted: 2025-03-07 10:00 ET", True),
    ("on Tuesday, 16 December 2008 13:45.", True),
    ("On Monday, May 3, the mayor resigned.", False),
    ("Harbour Bridge Closes For Repairs", False),
    ("May 2025 Budget Vote Delayed", False),
    ("Updated 5:02 p.m.", False),  # a time alone: a page fragment, not a date stamp
])
def test_a_date_stamp_is_a_line_of_a_date_and_perhaps_a_time_only(line, stamp):
    from crosscheck.lang import is_date_stamp

    assert is_date_stamp(line) is stamp
