"""Word stems (Snowball, through PyStemmer's C implementation when installed), the
antonym and synonym tables and the list of common words, per language."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from crosscheck.lang import DEFAULT_LANGUAGE, lexicon


def stem_words(words, language: str = DEFAULT_LANGUAGE) -> list[str]:
    return [_stem(w, language) for w in words]


HELD = 0.6  # share of a phrase's content words a text must hold to say the phrase itself


def holds_words(phrase: str, stems: frozenset[str], language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether a text (its word `stems`) says `phrase` (a quote, a detail), if in other words
    or order: all of its content words when it has one or two, else most of them
    ("profoundly regrets" for "I deeply and profoundly regret")."""
    words = phrase.replace("'", " ").split()
    content = [w for w in words if len(w) > 2 and w not in lexicon(language).function_words] or words
    have = sum(t in stems for t in stem_words(content, language))
    return have == len(content) or (len(content) > 2 and have >= HELD * len(content))


@lru_cache(maxsize=100_000)
def _stem(word: str, language: str) -> str:
    """News repeats its words: one stemming per word."""
    return _stemmer(language).stemWord(word.replace("’", "'"))


@lru_cache(maxsize=None)
def _stemmer(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(lexicon(language).stemmer)


@lru_cache(maxsize=None)
def antonyms(language: str = DEFAULT_LANGUAGE) -> dict[str, frozenset[str]]:
    """Stemmed antonym pairs of the language's list in crosscheck/data/, both directions."""
    table: dict[str, set[str]] = {}
    name = lexicon(language).antonyms_file
    for line in resources.files("crosscheck").joinpath("data", name).read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        a, b = (w.strip().lower() for w in line.split(","))
        sa, sb = stem_words([a, b], language)
        table.setdefault(sa, set()).add(sb)
        table.setdefault(sb, set()).add(sa)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=None)
def synonyms(language: str = DEFAULT_LANGUAGE) -> dict[str, frozenset[int]]:
    """Each stem of the language's synonym table in crosscheck/data/ -> the senses (line
    numbers) it has: two words that share one are synonyms ("head", "chief")."""
    table: dict[str, set[int]] = {}
    name = lexicon(language).synonyms_file
    for n, line in enumerate(resources.files("crosscheck").joinpath("data", name).read_text("utf-8").splitlines()):
        line = line.split("#")[0].strip()
        for stem in stem_words([w.strip() for w in line.split(",") if w.strip()], language):
            table.setdefault(stem, set()).add(n)
    return {k: frozenset(v) for k, v in table.items()}


def are_synonyms(a: str, b: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Two words that share a sense in the synonym table, in any regular inflection ("deemed"
    for "deem"; an irregular one, "held" for "hold", is not found)."""
    table = synonyms(language)
    sa, sb = stem_words([a.lower(), b.lower()], language)
    return bool(table.get(sa, frozenset()) & table.get(sb, frozenset()))


@lru_cache(maxsize=None)
def common_words(language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The language's very frequent ordinary words (its list in crosscheck/data/ and its
    lexicon's own), lower case."""
    lex = lexicon(language)
    text = resources.files("crosscheck").joinpath("data", lex.common_words_file).read_text("utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#")[0].split()) | lex.common_words
