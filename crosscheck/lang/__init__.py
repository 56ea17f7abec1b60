"""The language seam: every word list and pattern a stage needs for one language, in one
`Lexicon`. Stages take a lexicon (or an `Article.language` code) instead of reading
module globals. English (`en.py`), Russian (`ru.py`) and Ukrainian (`uk.py`).

    from crosscheck.lang import lexicon
    lex = lexicon("en")      # an unknown code is a UsageError
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module

from crosscheck.errors import UsageError

LANGUAGES = ("en", "ru", "uk")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Lexicon:
    """Tables and compiled patterns of one language; see `en.py` for what each holds."""

    code: str
    stemmer: str  # a snowballstemmer algorithm name
    sentence_language: str  # pysbd's language code
    text2num_language: str
    # dates
    months: tuple[str, ...]
    month_abbreviations: dict[str, str]
    weekdays: tuple[str, ...]
    date: re.Pattern
    date_hint: re.Pattern  # every date match holds one: most statements skip the costly scan
    # numbers
    scales: dict[str, float]
    currency_signs: dict[str, str]
    currency_words: dict[str, str]
    number: re.Pattern
    percent: re.Pattern
    percent_hint: re.Pattern  # every percent match holds one: most statements skip the costly scan
    tally: re.Pattern  # a vote's result, "97-1", "232 to 198" (groups: yes, no)
    tally_hint: re.Pattern  # a word that makes a pair of numbers a vote ("voted", "ruling")
    unit_after: re.Pattern  # the word after a number that names what it counts
    qualifiers: dict[str, str]  # words before a value that make it a bound or an estimate: at_least, at_most, about, nearly
    not_units: frozenset[str]
    # names
    name: re.Pattern
    name_joiners: frozenset[str]  # "of", "the", ... allowed inside a name, trimmed at its ends
    sentence_start: re.Pattern
    common_suffixes: tuple[str, ...]  # a capitalised sentence-initial word with one is most likely common
    stop_caps: frozenset[str]  # capitalised words that are never (part of) a name
    soft_caps: frozenset[str]  # stop caps kept before another word of a name ("New" in "New York")
    name_titles: frozenset[str]  # "president", "sen": dropped from the front of a name's key
    name_suffixes: frozenset[str]  # "jr": dropped from the end of a name's key
    not_name: re.Pattern  # a token it finds is never (part of) a name: "I've", "R-Ohio"
    event_name: re.Pattern  # a name written in digits: "9/11"
    common_words_file: str  # inside crosscheck/data/: frequent words that alone at a sentence's start are no name
    # polarity, modality, attribution
    negation: re.Pattern
    negation_cues: frozenset[str]
    verbal_negations: frozenset[str]  # cues that negate a verb or an adjective ("not", "never"), not a noun ("no")
    subject_negations: frozenset[str]  # cues that negate the subject of a clause ("No charges have been filed")
    determiners: frozenset[str]  # a negation followed by one negates a noun phrase
    negative_suffixes: tuple[str, ...]  # "n't"
    negative_prefixes: tuple[str, ...]  # "un-likely"
    denial: re.Pattern
    confirmation: re.Pattern
    plan: re.Pattern  # an act announced, not done: group "verb" is its base form ("expected to vote")
    past_suffix: str  # a verb form that reports the act done ("voted")
    not_done: frozenset[str]  # a word before a verb that makes it not done ("to", "will")
    adverb_suffix: str  # words a negation skips on the way to the word it negates ("immediately")
    strong_modal: re.Pattern
    weak_modal: re.Pattern
    attribution: re.Pattern
    attribution_hint: re.Pattern
    holder_leading: frozenset[str]  # "the", "his", ... trimmed from a holder's start
    holder_inner: frozenset[str]  # function words a holder may hold ("a spokesman for the White House")
    holder_modifiers: frozenset[str]  # prepositions of a phrase of time or place after a holder ("Obama on Thursday")
    auxiliaries: frozenset[str]  # between a holder and its verb ("Perry has said")
    contrasts: frozenset[str]  # words that set one position against another ("but", "while")
    not_negating: frozenset[str]  # after "not", no negation ("not only")
    negating_pairs: frozenset[tuple[str, str]]  # a word and the word after it that negate ("yet to")
    verb_group: frozenset[str]  # auxiliaries, modals, adverbs between a subject and its verb
    clause_starts: frozenset[str]  # "and", "when", "that": a negation's reach ends before them
    emphatic: frozenset[tuple[str, str]]  # a cue and the word after it that assert ("nothing less than")
    conditionals: frozenset[str]  # after them nothing is claimed ("if", "whether")
    said_after_quote: re.Pattern  # "Obama said." after a quote's closing mark: the quote's own attribution
    name_aliases: dict[str, str]  # a name word's spelled-out form ("us": "united states")
    holder_trailing: frozenset[str]  # "also", "reportedly", ... trimmed from its end
    money_words: frozenset[str]  # a name of these words only is money ("Billion Dollars", "USD")
    holder_breaks: frozenset[str]  # "said Trump aboard Air Force One": the holder ends before them
    verb_joiners: frozenset[str]  # "and" in "X did this and said": the holder is further back
    pronoun_subjects: frozenset[str]
    source_nouns: frozenset[str]
    quote: re.Pattern
    function_words: frozenset[str]
    antonyms_file: str  # inside crosscheck/data/
    synonyms_file: str  # inside crosscheck/data/ (one sense's words a line)
    # page chrome
    teaser_heading: re.Pattern
    promo: re.Pattern
    bio: re.Pattern
    byline: re.Pattern
    promo_verbs: frozenset[str] = field(default_factory=frozenset)  # capitalised words of promos that are no brand
    # sentence splitting: words (as written, without their full stop) a full stop may follow mid-sentence
    abbreviations: frozenset[str] = field(default_factory=frozenset)  # "Calif", "Jr", "p.m": a lowercase word, number or comma continues
    title_abbreviations: frozenset[str] = field(default_factory=frozenset)  # "Sen", "Ft": a name after them continues too
    time_zones: frozenset[str] = field(default_factory=frozenset)  # "ET" after "p.m." continues
    # one word in the house styles of several countries ("centre", "center"): (pattern, replacement)
    # pairs that bring a lower-case word to one spelling
    spelling_variants: tuple[tuple[re.Pattern, str], ...] = ()
    # a line that is only a date or time: a page's publication stamp ("Friday, June 7, 2013 1:12 PM")
    date_stamp: re.Pattern | None = None
    # figures written "1,5" for one and a half, thousands spaced ("10 000"), not "1,500" for fifteen hundred
    decimal_comma: bool = False
    # frequent words that alone at a sentence's start are no name, beside those of `common_words_file`
    # (a language without a file of its own in crosscheck/data/ lists them here)
    common_words: frozenset[str] = field(default_factory=frozenset)
    # a pymorphy3 dictionary ("ru", "uk"; `morph.py`): ordinary words at a sentence's start, and
    # names in their dictionary form ("Меньшова" is "меньшов")
    morphology: str | None = None
    # units of measure after a number ("550-pound", "498-кілограмовий", "8 км"): (pattern of the
    # word, slot "mass" or "length", its size in kilograms or metres); values are compared in those
    measure_units: tuple[tuple[str, str, float], ...] = ()
    # number words by their dictionary form ("восемь": 8), for a language text2num does not read:
    # what a source mentions ("вісім" mentions "eight"), never a value compared
    number_lemmas: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=None)
def lexicon(code: str = DEFAULT_LANGUAGE) -> Lexicon:
    """The lexicon of a language code."""
    if code not in LANGUAGES:
        raise UsageError(f"language {code!r} is not supported; supported: {', '.join(LANGUAGES)}")
    return import_module(f"crosscheck.lang.{code}").LEXICON


STAMP_CHARS = 80  # a date stamp is no longer than this


def is_date_stamp(line: str, code: str = DEFAULT_LANGUAGE) -> bool:
    """A line that is only a date, perhaps with a time ("Friday, June 7, 2013 1:12 PM"):
    when the page was published, not what happened."""
    stamp = lexicon(code).date_stamp
    short = len(line) <= STAMP_CHARS and any(c.isdigit() for c in line)  # spares the scan of most lines
    return bool(stamp and short and stamp.match(line.lstrip("# ")))


def one_spelling(word: str, code: str = DEFAULT_LANGUAGE) -> str:
    """A lower-case word in one spelling of the language's house styles ("centre" and
    "center", "mobilised" and "mobilized" are one)."""
    for pattern, replacement in lexicon(code).spelling_variants:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=None)
def lower_abbreviations(code: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The lexicon's abbreviations in lower case ("calif", "corp", "p.m")."""
    return frozenset(a.lower() for a in lexicon(code).abbreviations)
