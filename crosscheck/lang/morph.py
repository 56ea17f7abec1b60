"""Russian and Ukrainian word forms, from pymorphy3's dictionaries (OpenCorpora for Russian,
VESUM for Ukrainian): whether a capitalised word opening a sentence is an ordinary word
("Прошло", "Відповідно") or a name ("Иванов", "Москвы"), and a name's dictionary form,
so that "Иванова" and "Иванов", "Києва" and "Київ" are one name.
Loaded on first use (about 0.1 s a language)."""

from __future__ import annotations

import threading
from functools import lru_cache

from crosscheck.errors import ModelError

PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_lock = threading.Lock()


@lru_cache(maxsize=2)
def _analyzer(language: str):
    with _lock:
        try:
            import pymorphy3

            return pymorphy3.MorphAnalyzer(lang=language)
        except Exception as exc:  # noqa: BLE001 - a missing dictionary package: one line, what to do
            raise ModelError(f"can't read {language} word forms: pymorphy3 or pymorphy3-dicts-{language} failed to load "
                             f"({type(exc).__name__}); reinstall crosscheck") from None


@lru_cache(maxsize=50_000)
def ordinary_word(word: str, language: str) -> bool:
    """A word the dictionary knows, whose likeliest reading is no proper name."""
    analyzer = _analyzer(language)
    if not analyzer.word_is_known(word.lower()):
        return False
    return not (PROPER & analyzer.parse(word)[0].tag.grammemes)


def name_forms(words: list[str], language: str) -> list[str]:
    """A name's words in the nominative; the gender of its first name, if it has one, picks
    the reading of the others ("Анна Петрова" stays "анна петрова", "Петрова" alone is
    "петров", as in "по словам Петрова")."""
    analyzer = _analyzer(language)
    gender = next((p.tag.gender for w in words for p in analyzer.parse(w)[:1] if "Name" in p.tag.grammemes), None)
    return [dictionary_form(w, language, gender) for w in words]


@lru_cache(maxsize=50_000)
def dictionary_form(word: str, language: str, gender: str | None = None) -> str:
    """The word in the nominative (lower case, its gender kept: "Петровой" is "петрова")
    when the dictionary knows it, else the word."""
    analyzer = _analyzer(language)
    lower = word.lower()
    if not analyzer.word_is_known(lower):
        return lower
    parses = analyzer.parse(word)
    proper = [p for p in parses if PROPER & p.tag.grammemes] or parses  # a name's reading first
    best = next((p for p in proper if gender and p.tag.gender == gender), proper[0])
    nominative = best.inflect({"nomn"})
    return (nominative.word if nominative else best.normal_form).lower()


NUMBER_READING = 0.5  # a form counts when its readings as a number word weigh this much ("семью" is a family)


@lru_cache(maxsize=4)
def numerals(language: str, lemmas: tuple[tuple[str, int], ...]) -> dict[str, int]:
    """Every form of these number words ("восьми", "двох"; "трех" and "трёх") whose likely
    reading is the number, and the words themselves -> the number it stands for."""
    analyzer = _analyzer(language)
    forms = {}
    for lemma, value in lemmas:
        for parse in analyzer.parse(lemma):
            if "NUMR" in parse.tag.grammemes and parse.normal_form == lemma:
                for form in parse.lexeme:
                    readings = analyzer.parse(form.word)
                    if form.word == lemma or sum(r.score for r in readings if "NUMR" in r.tag.grammemes) >= NUMBER_READING:
                        forms[form.word] = forms[form.word.replace("ё", "е")] = value
    return forms
