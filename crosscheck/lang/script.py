"""One name written in two scripts: "Меньшов" and "Menshov", "Ростелеком" and
"Rostelecom", "Київ" and "Kyiv".

Names are romanised with anyascii (per-character transliteration tables for every script),
then both sides are put in one loose spelling: apostrophes of soft signs dropped, c and
ck as k, y and j as i, w as v, ph as f, kh as h, doubled letters single. Two names sound
alike when every word of the shorter is a word of the longer in that spelling, or starts
it with five letters or more ("Kreml" / "Kremlin"), or has the same consonants, three or
more of them, in the same order ("Kiev" / "Kyiv" have two: no). Used only between
sources of different languages; within one language names are compared as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

LOOSE = [("'", ""), ("ck", "k"), ("c", "k"), ("kh", "h"), ("ph", "f"), ("w", "v"), ("y", "i"), ("j", "i"),
         ("q", "k"), ("x", "ks")]
VOWELS = re.compile(r"[aeiou]")
PREFIX = 5
SKELETON = 3


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


@lru_cache(maxsize=50_000)
def loose_spelling(name: str) -> tuple[str, ...]:
    """The name's words, romanised and loosely spelled."""
    from anyascii import anyascii

    text = anyascii(name).lower()
    for old, new in LOOSE:
        text = text.replace(old, new)
    text = re.sub(r"[^a-z ]+", " ", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return tuple(text.split())


def _word_alike(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= PREFIX and long_.startswith(short):
        return True
    skeleton = VOWELS.sub("", short[1:]), VOWELS.sub("", long_[1:])
    return short[0] == long_[0] and len(skeleton[0]) >= SKELETON and skeleton[0] == skeleton[1]


def sounds_alike(a: str, b: str) -> bool:
    """Whether two names, in any scripts, are one name (see the module's note)."""
    left, right = loose_spelling(a), loose_spelling(b)
    if not left or not right:
        return False
    short, long_ = sorted((left, right), key=len)
    return all(any(_word_alike(word, other) for other in long_) for word in short)
