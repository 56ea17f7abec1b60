"""One name written in two scripts: "Шевченко" and "Shevchenko", "Газпром" and
"Gazprom", "Київ" and "Kyiv".

Names are romanised with anyascii (per-character transliteration tables for every script),
then both sides are put in one loose spelling: apostrophes of soft signs dropped, c and
ck as k, y and j as i, w as v, ph as f, kh as h, z as s, doubled letters single. Two names sound
alike when every word of the shorter is a word of the longer in that spelling, or starts
with it five letters or more and differs only in an ending of three letters at most
("Kreml" / "Kremlin", "Австралии" / "Australia"), or has the same consonants, three or more of
them, in the same order ("Kiev" / "Kyiv" have two: no), or, five letters or more, is spelt
three quarters alike (difflib's ratio: "Анджелини" / "Angelini"). A few countries whose English
names are not their Cyrillic ones romanised are looked up (`EXONYMS`: "России" is Russia,
"Пхеньяна" Pyongyang, "ООН" the United Nations). Used only between
sources of different languages; within one language names are compared as written.
"""

from __future__ import annotations

import os
import re
from difflib import SequenceMatcher
from functools import lru_cache

from crosscheck.errors import ModelError

LOOSE = [("'", ""), ("ck", "k"), ("c", "k"), ("kh", "h"), ("ph", "f"), ("w", "v"), ("y", "i"), ("j", "i"),
         ("q", "k"), ("x", "ks"), ("av", "au"), ("ev", "eu")]  # Австралия/Australia, Европа/Europe
# Places and bodies whose English names are not their Russian or Ukrainian ones romanised:
# the start of their Cyrillic names (any case ending) -> the English name. General news
# geography, not any story's.
EXONYMS = {
    "росси": "russia", "росі": "russia", "украин": "ukraine", "україн": "ukraine", "сша": "united states",
    "германи": "germany", "німеччин": "germany", "франци": "france", "франці": "france", "кита": "china",
    "британи": "britain", "британі": "britain", "грузи": "georgia", "грузі": "georgia", "белорус": "belarus",
    "білорус": "belarus", "польш": "poland", "польщ": "poland", "япони": "japan", "япон": "japan", "инди": "india",
    "інді": "india", "итали": "italy", "італі": "italy", "испани": "spain", "іспані": "spain", "турци": "turkey",
    "туреччин": "turkey", "сири": "syria", "сирі": "syria", "ирак": "iraq", "ірак": "iraq", "египет": "egypt",
    "єгипет": "egypt", "египт": "egypt", "єгипт": "egypt", "израил": "israel", "ізраїл": "israel", "мексик": "mexico",
    "бразили": "brazil", "бразилі": "brazil", "молдов": "moldova", "чехи": "czech", "чехі": "czech",
    "нидерланд": "netherlands", "нідерланд": "netherlands", "швеци": "sweden", "швеці": "sweden",
    "финлянд": "finland", "фінлянд": "finland", "норвеги": "norway", "норвегі": "norway",
    "северн": "north", "північн": "north", "южн": "south", "півден": "south",
    "коре": "korea", "нью-йорк": "new york", "лос-анджелес": "los angeles", "пхеньян": "pyongyang", "пекин": "beijing",
    "пекін": "beijing", "париж": "paris", "брюссел": "brussels", "варшав": "warsaw", "рим": "rome",
    "соединенн": "united", "соединённ": "united", "сполучен": "united", "штат": "states",  # США, spelt out
    "федераци": "federation", "федераці": "federation",  # РФ spelt out
    "оон": "united nations", "ес": "european union", "єс": "european union", "нато": "nato", "игил": "isis",
    "іділ": "isis", "фсб": "fsb", "цру": "cia", "фбр": "fbi", "воз": "who", "мвф": "imf",
}
VOWELS = re.compile(r"[aeiou]")
PREFIX = 5
ENDING = 3  # letters after a shared start of PREFIX or more: a case ending, or "-in" of "Kremlin"
SKELETON = 3
ALIKE = 0.75  # difflib's ratio of two loosely spelled words of five letters or more


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def mostly_cyrillic(text: str) -> bool:
    """Whether most of the text's letters are Cyrillic (a Russian sentence quoting "iPhone"
    is; an English one quoting "Роскосмос" is not). The Ukrainian apostrophe ʼ is no letter."""
    cyrillic = sum("\u0400" <= c <= "\u052f" for c in text)
    return 2 * cyrillic > sum(c.isalpha() and c != "\u02bc" for c in text)


@lru_cache(maxsize=50_000)
def loose_spelling(name: str) -> tuple[str, ...]:
    """The name's words, romanised and loosely spelled."""
    try:
        from anyascii import anyascii
    except ImportError:
        raise ModelError("can't compare names across scripts: anyascii is not installed; reinstall crosscheck") from None

    words = []
    for word in name.lower().split():
        exonym = next((english for start, english in EXONYMS.items()
                       if word.startswith(start) and (len(start) > 3 or word == start)), None)  # "оон", not "оонаст..."
        words.append(exonym or word)
    text = anyascii(" ".join(words)).lower()
    for old, new in LOOSE:
        text = text.replace(old, new)
    text = re.sub(r"z(?!h)", "s", text)  # Роза / Rosa; not the zh of Жук (Shuk is another name)
    text = re.sub(r"[^a-z ]+", " ", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return tuple(text.split())


def _word_alike(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    common = len(os.path.commonprefix([a, b]))
    if common >= PREFIX and len(long_) - common <= ENDING:  # a case ending: "Австралии" / "Australia"
        return True
    skeleton = VOWELS.sub("", short[1:]), VOWELS.sub("", long_[1:])
    if short[0] == long_[0] and len(skeleton[0]) >= SKELETON and skeleton[0] == skeleton[1]:
        return True
    # spelt much alike: "andzhelini" / "angelini", "nortgemptonshir" / "northamptonshire"
    return len(short) >= PREFIX and SequenceMatcher(None, a, b).ratio() >= ALIKE


def sounds_alike(a: str, b: str) -> bool:
    """Whether two names, in any scripts, are one name (see the module's note)."""
    left, right = loose_spelling(a), loose_spelling(b)
    if not left or not right:
        return False
    short, long_ = sorted((left, right), key=len)
    return all(any(_word_alike(word, other) for other in long_) for word in short)
