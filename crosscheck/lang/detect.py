"""Which language a source is written in, offline.

Text written mostly in Latin letters is read as English, the only Latin-script language
crosscheck has tables for. Text written mostly in Cyrillic goes to py3langid (langid.py's
maintained fork: a naive Bayes model of byte n-grams over 97 languages, BSD, shipped in
the package), restricted to the Cyrillic languages crosscheck reads, Russian and
Ukrainian: their alphabets overlap, so the script alone cannot tell them apart. Its model
takes about half a second to load, once per process, and only when a Cyrillic source
comes.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from crosscheck.errors import ModelError

CYRILLIC_LANGUAGES = ("ru", "uk")
CYRILLIC_SHARE = 0.3  # of a text's letters, from which it is read as Cyrillic
SAMPLE = 20_000  # characters looked at


LETTER, CYRILLIC = re.compile(r"[^\W\d_]"), re.compile("[\u0400-\u04ff]")


def cyrillic_share(text: str) -> float:
    letters = len(LETTER.findall(text, 0, SAMPLE))
    return len(CYRILLIC.findall(text, 0, SAMPLE)) / letters if letters else 0.0


def detect_language(text: str) -> str:
    """"en", "ru" or "uk"."""
    if cyrillic_share(text) < CYRILLIC_SHARE:
        return "en"
    return _identifier().classify(text[:SAMPLE])[0]


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    with _lock:
        try:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
            identifier.set_languages(list(CYRILLIC_LANGUAGES))
        except Exception as exc:  # noqa: BLE001 - missing or damaged: one line, what to do
            raise ModelError(f"can't tell Russian from Ukrainian: py3langid failed to load ({type(exc).__name__}); "
                             "reinstall crosscheck, or give the language with --lang") from None
        return identifier
