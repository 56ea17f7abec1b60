"""Names (runs of capitalised words, cut at possessives, dates and function words; event
names such as "9/11") and attributions (who a statement is attributed to)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from crosscheck.facts.registry import fact_kind
from crosscheck.facts.stems import common_words, stem_words
from crosscheck.lang.morph import name_forms, ordinary_word
from crosscheck.lang import DEFAULT_LANGUAGE, Lexicon, lexicon, lower_abbreviations
from crosscheck.models import Fact

_POSSESSIVE = re.compile(r"[’']s$|(?<=s)[’']$")  # "Russia's", "Fox News'"


DERIVED_MIN = 5  # a one-word name's stem this long is mentioned by words that extend it
SPELLING_MIN = 5  # shorter name words too often differ by a vowel and name another
VOWELS = frozenset("aeiouy")
# Where a wire story was filed, before its first words: "WASHINGTON —", "KANSAS CITY, Mo. (AP) -".
DATELINE = re.compile(r"\s*[A-Z][A-Z' ]{3,}[A-Z](?:,\s*[A-Z][A-Za-z.]{1,12}(?: [A-Z][A-Za-z.]{1,12})?)?"
                      r"\s*(?:\([^)]{1,40}\)\s*)?[—–-]+\s")
INNER_JOINERS = frozenset(("of", "de", "da", "del", "van", "von", "bin", "al"))  # lower case, inside a name

@fact_kind("name", title="different name", order=30, weight=0.2, anchors=True, mentioned="entity")
def extract_names(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    out = []
    dateline = DATELINE.match(text)
    for m in lex.name.finditer(text):
        if dateline and m.start() < dateline.end():
            continue  # where the story was filed, not a fact of it
        tokens = m.group(0).split()
        at_start = (bool(lex.sentence_start.search(text, max(0, m.start() - 8), m.start()))  # what ends just before
                    or bool(dateline) and not text[dateline.end():m.start()].strip())
        quoted = text[:m.start()].rstrip().endswith(("«", "„", "“", '"'))  # «Укртелеком»: a name in quote marks
        if at_start and _ordinary_opener(tokens, text, m.end(), lex, morphology=not quoted):
            tokens = tokens[1:]  # "Call me.", "See the chart"; not "Grant Thornton"
        if tokens and text.startswith(".", m.end()) and tokens[-1].lower() in lex.month_abbreviations:
            tokens = tokens[:-1]  # "Dec." in "on Dec. 14": a month, not a name
        for run in _split_name_run(tokens, at_start, lex):
            name = " ".join(run).rstrip(",")
            if name.endswith(".") and "." not in name.rsplit(" ", 1)[-1][:-1]:  # "U.S." keeps its last full stop
                name = name.rstrip(".")
            key = name_key(name, lex)
            money = set(key.split()) <= lex.money_words and (" " in key or name.isupper())  # "Billion Dollars", "USD"
            if len(key) >= 2 and not key.isdigit() and not money:
                start = text.find(name, m.start(), m.end())
                start = m.start() if start < 0 else start
                out.append(Fact("name", key, name, "name", start=start, end=start + len(name)))
    if "/" in text:
        out += [Fact("name", m.group(0), m.group(0), "name", start=m.start(), end=m.end())
                for m in lex.event_name.finditer(text)]
        out.sort(key=lambda f: f.start)
    return out


def _ordinary_opener(tokens: list[str], text: str, end: int, lex: Lexicon, morphology: bool = True) -> bool:
    """The first of `tokens`, which open a sentence, is a common word (or, in a language with
    a dictionary of word forms, a word it knows as no name) with no other word of a name
    after it, and not the subject of a verb of saying ("Grant said")."""
    ordinary = tokens[0].lower().replace("’", "'") in common_words(lex.code) or (
        morphology and lex.morphology is not None and ordinary_word(tokens[0], lex.morphology))
    return (ordinary
            and (len(tokens) == 1 or _never_name(tokens[1], lex))
            and not lex.attribution_hint.match(text, end + 1))


def _split_name_run(tokens: list[str], at_start: bool, lex: Lexicon) -> list[list[str]]:
    """Cut a run of capitalised words into names: at possessives, dates and function words."""
    runs: list[list[str]] = [[]]
    for i, token in enumerate(tokens):
        bare = _POSSESSIVE.sub("", token)
        if bare in INNER_JOINERS and len(runs[-1]) == 1 and i + 1 < len(tokens) and not _never_name(tokens[i + 1], lex):
            runs[-1].append(bare)  # "Bank of America", "University of Texas"; not "John Boehner of Ohio"
            continue
        sentence_initial_common = i == 0 and at_start and bare == token and _looks_common(bare, lex)
        inside = bare.lower() in lex.soft_caps and i + 1 < len(tokens) and not _never_name(tokens[i + 1], lex)
        if sentence_initial_common or (_never_name(bare, lex) and not inside):
            runs.append([])
            continue
        runs[-1].append(bare)
        if bare != token:  # "Russia's telecom", "Fox News' show" end the name at the possessive
            runs.append([])
    cleaned = []
    for run in runs:
        while run and run[0].lower() in lex.name_joiners:
            run.pop(0)
        while run and run[-1].lower() in lex.name_joiners:
            run.pop()
        if run:
            cleaned += _title_and_person(run)
    return cleaned


def _title_and_person(run: list[str]) -> list[list[str]]:
    """"Secretary of State Hillary Clinton" is a title and a person: three or more words after
    an inner "of" keep their last two apart, as the person's name."""
    joiner = next((k for k, w in enumerate(run) if w in INNER_JOINERS), None)
    if joiner is None or len(run) - joiner - 1 < 3:
        return [run]
    return [run[:-2], run[-2:]]


def _never_name(token: str, lex: Lexicon) -> bool:
    """Function words, months, weekdays, contractions, "Kremlin-backed": never part of a name;
    an initial ("A." in "John A. Boehner") always may be."""
    if len(token) == 2 and token[1] == ".":
        return False
    low = token.lower().rstrip(".")
    compound_adjective = "-" in token and token.rsplit("-", 1)[1].islower()
    # "Sept" and "Sept.", "Jan." ("Jan" alone may be a name)
    month = low in lex.months or low in lex.month_abbreviations and (token.endswith(".") or len(low) > 3)
    return (compound_adjective or low in lex.stop_caps or month or low in lex.weekdays
            or bool(lex.not_name.search(token)))


def _looks_common(word: str, lex: Lexicon) -> bool:
    """A capitalised sentence-initial word that is most likely an ordinary word."""
    return word.istitle() and len(word) > 3 and word.lower().endswith(lex.common_suffixes)


def name_key(name: str, lex: Lexicon) -> str:
    """How a name is compared: lower case, without full stops, a leading "the", titles
    ("Sen.", "House Speaker"), middle initials or a "Jr." ("George W. Bush" is "george bush");
    a country's initials spelled out ("U.S. Conference" is "united states conference")."""
    words = name.lower().replace(".", "").replace("’", "'").split()
    if lex.morphology is not None:  # "Меньшова", "Москвы": "меньшов", "москва"
        words = name_forms(words, lex.morphology)
    words = [part for word in words for part in lex.name_aliases.get(word, word).split()]  # "U.S." is "united states"
    if words and words[0] == "the":
        words.pop(0)
    if len(words) < 2:
        return " ".join(words)
    title = max((i for i, w in enumerate(words[:-1]) if w in lex.name_titles), default=-1)
    rest = words[title + 1:]
    if title >= 0 and rest[0] not in lex.name_joiners and not (len(rest) == 1 and rest[0] in common_words(lex.code)):
        words = rest  # not "Justice Department"
    while len(words) > 2 and words[-1] in lex.name_suffixes:
        words.pop()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


@lru_cache(maxsize=65536)
def same_entity(a: str, b: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Two name keys that stand for one entity: equal; the same first and last word (a middle
    name more or less: "hillary rodham clinton", "hillary clinton"); or a surname alone and a
    full name ending with it ("goelman", "aitan goelman"). A name with a joiner ("bank of
    america") matches only in full, and a common word alone ("house") never stands for more."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    if not wa or not wb or any(w in lexicon(language).name_joiners for w in wa + wb):
        return False
    if min(len(wa), len(wb)) == 1:
        short, full = sorted((wa, wb), key=len)
        return spelled_alike(short[0], full[-1]) and short[0] not in common_words(language)
    return _same_given_name(wa[0], wb[0]) and spelled_alike(wa[-1], wb[-1])


def spelled_alike(a: str, b: str) -> bool:
    """One name word, or two spellings of it: one vowel for another, or two neighbouring
    letters swapped, in a word of six or more letters ("Muammar", "Moammar"; "Priebus",
    "Preibus"), or a vowel or a doubled letter more ("favour", "favor";
    "Paris", "Parris"), after the same first letter. "Norfolk" and "Norwalk", "Carson" and
    "Carlson", "Mario" and "Maria", "Eric" and "Erica" differ."""
    if a == b:
        return True
    if min(len(a), len(b)) < SPELLING_MIN or a[0] != b[0]:
        return False
    if len(a) == len(b):
        spots = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(spots) == 2 and spots[1] == spots[0] + 1 and len(a) > SPELLING_MIN:  # "Priebus", "Preibus"
            return a[spots[0]] == b[spots[1]] and a[spots[1]] == b[spots[0]]
        return len(spots) == 1 and len(a) > SPELLING_MIN and a[spots[0]] in VOWELS and b[spots[0]] in VOWELS
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    at = next((i for i, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    if long[:at] + long[at + 1:] != short:
        return False
    extra = long[at]
    return extra in VOWELS or extra in long[max(0, at - 1):at] + long[at + 1:at + 2]


def _same_given_name(a: str, b: str) -> bool:
    """Given names that stand for one another: spelled alike, or a short form of four or more
    letters that starts a name three or more letters longer ("Chris", "Christopher")."""
    short, full = sorted((a, b), key=len)
    return spelled_alike(a, b) or (len(short) >= 4 and len(full) - len(short) >= 3 and full.startswith(short))


def name_mentioned(key: str, stems: frozenset[str], names: frozenset[str] | set[str],
                   language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether a source mentions the name `key`, given the word stems of its text and the keys of
    the names it holds: when it holds every word of the name; or, for a name of 2+ words without
    a joiner, its first and last word ("Hillary Rodham Clinton" where it says "Hillary Clinton"),
    or its last word as a name of its own ("Mr. Goelman" for "Aitan Goelman") while no other
    name of the source ends with that word ("Bill Clinton" is another Clinton). A one-word key is
    mentioned by any name containing it ("Clinton" is taken for "Bill Clinton" as well) or by a
    word made from it ("Russian" for "Russia")."""
    words = key.split()
    have = stem_words(words, language)
    if all(t in stems for t in have):
        return True
    if len(words) == 1 and len(have[0]) >= DERIVED_MIN:  # "Russian" mentions "Russia", "American" "America"
        return _has_prefix(stems, have[0])
    if len(words) < 2 or any(w in lexicon(language).name_joiners for w in words):
        return False
    common = common_words(language)
    if have[0] in stems and have[-1] in stems and words[0] not in common and words[-1] not in common:
        return True
    same_surname = [n for n in names if n.rsplit(" ", 1)[-1] == words[-1]]
    if words[-1] in same_surname and all(same_entity(key, n, language) for n in same_surname):
        return True
    # the same full name spelled another way ("Reince Preibus")
    return any(len(n.split()) == len(words) and same_entity(key, n, language) for n in names)


@fact_kind("attribution", title="different attribution", order=70, weight=0.1, mentioned="entity")
def extract_attributions(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    """Who says it: "according to X", "X said", "said X"; pronouns and nameless holders
    that are no kind of source are skipped."""
    if not lex.attribution_hint.search(text):
        return []
    out = []
    for m in lex.attribution.finditer(text):
        words = next(g for g in m.groups() if g).split()
        while words and (words[-1].lower() in lex.holder_trailing or words[-1].endswith(lex.adverb_suffix)
                         or m.group("b") and words[-1].lower() in lex.auxiliaries):
            words.pop()
        if m.group("b"):
            words = _holder_before_verb(words, lex)
        elif m.group("c"):
            words = _holder_after_verb(words, lex)
        while words and words[0].lower() in lex.holder_leading:
            words.pop(0)
        holder = " ".join(words).rstrip(",.")
        if holder and lex.not_name.search(holder) and " " not in holder:
            continue  # a party and state after a name ("D-Ill."): the name is the holder
        if holder and holder.lower() not in lex.pronoun_subjects and _names_a_source(holder, lex):
            out.append(Fact("attribution", name_key(holder, lex), holder, "attribution", start=m.start(), end=m.end()))
    return out


def _holder_before_verb(words: list[str], lex: Lexicon) -> list[str]:
    """The holder in "<words> said": none after a pronoun ("in which he said"); without a
    trailing phrase of time or place ("Obama on Thursday", "his grandmother in Kenya"); and
    starting after the last word that can't be in it: one that ends a clause ("import."), or a
    lower-case function word other than a holder's own ("a spokesman for the White House";
    not "Citing an article that", "while the Senate's top Democrat")."""
    if not words or words[-1].lower() in lex.pronoun_subjects | lex.verb_joiners:
        return []  # "in which he said"; "made the announcement on Twitter and said": the subject is further back
    cut = next((k for k in range(len(words) - 1, 0, -1) if words[k] in lex.holder_modifiers), None)
    while cut is not None and words[cut - 1][:1].isalnum() and words[cut - 1].lower() not in lex.function_words:
        words = words[:cut]
        cut = next((k for k in range(len(words) - 1, 0, -1) if words[k] in lex.holder_modifiers), None)
    for k in range(len(words) - 1, -1, -1):
        word, bare = words[k], words[k].lower().strip(",.;:")
        ends_clause = word.endswith(".") and len(bare) > 3 and bare.isalpha() and bare not in lower_abbreviations(lex.code)
        if k < len(words) - 1 and word[-1:] in ",;:" or ends_clause:
            return words[k + 1:]
        joins_names = bare == "and" and 0 < k < len(words) - 1 and words[k - 1][:1].isupper() and words[k + 1][:1].isupper()
        lower_case = word == bare or k == 0  # "On" inside "Hotline On Call" is part of a name
        if lower_case and bare in lex.function_words and bare not in lex.holder_inner and not joins_names:
            return words[k + 1:]
    return words


def _holder_after_verb(words: list[str], lex: Lexicon) -> list[str]:
    """The holder in "said <words>": a lower-case title between names stays ("said ABC
    president Paul Lee"); a phrase of place, time or means ends it ("said Trump aboard Air
    Force One", "said Smith via Twitter")."""
    ends = lex.function_words | lex.holder_modifiers | lex.holder_breaks
    cut = next((k for k, w in enumerate(words) if w.islower() and (w in ends or w.endswith("ing"))), None)
    return words if cut is None else words[:cut]


def _names_a_source(holder: str, lex: Lexicon) -> bool:
    words = holder.split()
    has_name = any(w[0].isupper() and w.lower() not in lex.stop_caps for w in words)
    return has_name or any(w.lower() in lex.source_nouns for w in words)


def same_holder(a: str, b: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Two attributions name the same holder: a shared capitalised word (a country and its
    people's adjective are one: "India's navy", "the Indian Navy"), or equal text."""
    stop = lexicon(language).stop_caps
    caps_a = {_possessor(w.lower()) for w in re.findall(r"\b[A-Z][\w'’-]+", a)} - stop
    caps_b = {_possessor(w.lower()) for w in re.findall(r"\b[A-Z][\w'’-]+", b)} - stop
    if caps_a and caps_b:
        return bool(caps_a & caps_b) or any(_place_and_people(x, y) for x in caps_a for y in caps_b)
    return normalise(a) == normalise(b) or bool(
        set(stem_words(normalise(a).split(), language)) & set(stem_words(normalise(b).split(), language)) - stop)


DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i")  # Indian, Ukrainian, Chinese, British, Israeli


def _possessor(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _place_and_people(a: str, b: str) -> bool:
    """A place and its people's adjective ("india" and "indian", "ukraine" and "ukrainian",
    "britain" and "british"): a stem of four letters or more, a short ending on each side, and
    the longer word ending like a demonym."""
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    if stem < 4 or len(a) - stem > 3 or len(b) - stem > 3 or a == b:
        return False
    people = [w for w in (a, b) if w.endswith(DEMONYM_ENDINGS)]
    # the people's word is the longer one ("iranian", not "iran"), or, as long, the only one so ending
    return bool(people) and (len(a) != len(b) and max(a, b, key=len) in people or len(a) == len(b) and len(people) == 1)


def normalise(text: str) -> str:
    """Lower-case words only: how quotes and holders are compared."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _has_prefix(stems: frozenset[str], prefix: str) -> bool:
    """Whether a stem starts with `prefix` (a binary search in the sorted stems)."""
    ordered = _sorted(stems) if isinstance(stems, frozenset) else tuple(sorted(stems))
    at = bisect_left(ordered, prefix)
    return at < len(ordered) and ordered[at].startswith(prefix)


@lru_cache(maxsize=256)
def _sorted(stems: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(stems))
