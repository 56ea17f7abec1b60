"""Names (runs of capitalised words, cut at possessives, dates and function words) and
attributions (who a statement is attributed to)."""

from __future__ import annotations

import re

from crosscheck.facts.registry import fact_kind
from crosscheck.facts.stems import stem_words
from crosscheck.lang import DEFAULT_LANGUAGE, Lexicon, lexicon
from crosscheck.models import Fact


@fact_kind("name", title="different name", order=30, weight=0.2, anchors=True, mentioned="words")
def extract_names(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    out = []
    for m in lex.name.finditer(text):
        at_start = bool(lex.sentence_start.search(text[: m.start()]))
        for run in _split_name_run(m.group(0).split(), at_start, lex):
            name = " ".join(run).rstrip(".,")
            key = _name_key(name)
            if len(key) >= 2 and not key.isdigit():
                start = text.find(name, m.start(), m.end())
                start = m.start() if start < 0 else start
                out.append(Fact("name", key, name, "name", start=start, end=start + len(name)))
    return out


def _split_name_run(tokens: list[str], at_start: bool, lex: Lexicon) -> list[list[str]]:
    """Cut a run of capitalised words into names: at possessives, dates and function words."""
    runs: list[list[str]] = [[]]
    for i, token in enumerate(tokens):
        bare = re.sub(r"[’']s$", "", token)
        low = bare.lower().rstrip(".")
        sentence_initial_common = i == 0 and at_start and bare == token and _looks_common(bare, lex)
        compound_adjective = "-" in bare and bare.rsplit("-", 1)[1].islower()  # "Kremlin-backed"
        if compound_adjective or low in lex.stop_caps or low in lex.months or low in lex.weekdays or sentence_initial_common:
            runs.append([])
            continue
        runs[-1].append(bare)
        if bare != token:  # "Russia's telecom" ends the name at the possessive
            runs.append([])
    cleaned = []
    for run in runs:
        while run and run[0].lower() in lex.name_joiners:
            run.pop(0)
        while run and run[-1].lower() in lex.name_joiners:
            run.pop()
        if run:
            cleaned.append(run)
    return cleaned


def _looks_common(word: str, lex: Lexicon) -> bool:
    """A capitalised sentence-initial word that is most likely an ordinary word."""
    return word.istitle() and len(word) > 3 and word.lower().endswith(lex.common_suffixes)


def _name_key(name: str) -> str:
    key = name.lower().replace(".", "").replace("’", "'")
    key = re.sub(r"^the ", "", key)
    return " ".join(key.split())


@fact_kind("attribution", title="different attribution", order=70, weight=0.1, mentioned="words")
def extract_attributions(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    """Who says it: "according to X", "X said", "said X"; pronouns and nameless holders
    that are no kind of source are skipped."""
    if not lex.attribution_hint.search(text):
        return []
    out = []
    for m in lex.attribution.finditer(text):
        words = next(g for g in m.groups() if g).split()
        while words and words[0].lower() in lex.holder_leading:
            words.pop(0)
        while words and (words[-1].lower() in lex.holder_trailing or words[-1].endswith(lex.adverb_suffix)):
            words.pop()
        holder = " ".join(words).rstrip(",.")
        if holder and holder.lower() not in lex.pronoun_subjects and _names_a_source(holder, lex):
            out.append(Fact("attribution", holder.lower(), holder, "attribution", start=m.start(), end=m.end()))
    return out


def _names_a_source(holder: str, lex: Lexicon) -> bool:
    words = holder.split()
    has_name = any(w[0].isupper() and w.lower() not in lex.stop_caps for w in words)
    return has_name or any(w.lower() in lex.source_nouns for w in words)


def same_holder(a: str, b: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Two attributions name the same holder: a shared capitalised word, or equal text."""
    stop = lexicon(language).stop_caps
    caps_a = {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", a)} - stop
    caps_b = {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", b)} - stop
    if caps_a and caps_b:
        return bool(caps_a & caps_b)
    return normalise(a) == normalise(b) or bool(
        set(stem_words(normalise(a).split(), language)) & set(stem_words(normalise(b).split(), language)) - stop)


def normalise(text: str) -> str:
    """Lower-case words only: how quotes and holders are compared."""
    return " ".join(re.findall(r"\w+", text.lower()))
