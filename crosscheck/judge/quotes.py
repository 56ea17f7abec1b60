"""How two renderings of one direct quote differ: the pieces of a quote between the places
its outlet marks as cut or filled in, the small edit where two renderings part, and the
house-style differences that are no edit at all (contractions, spellings, figures)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.facts import spelled_alike, stem_words, words_to_number
from crosscheck.judge.roles import diff
from crosscheck.lang import lexicon, one_spelling
from crosscheck.models import Fact

QUOTE_RUN = 5  # words in a row two quotes share when one quote is reproduced
QUOTE_SHARED = 8  # words two renderings of one quote share at least
QUOTE_HELD = 3  # shared words a quote's edit needs on each side (QUOTE_RUN on one of them)
QUOTE_EDIT_WORDS = 3  # the most words either side may have where a reproduced quote differs
WORD = re.compile(r"\w+")  # a quote's words, as `normalise` has them ("they're" is "they", "re")
HYPHEN_KEPT = re.compile(r"\b(re)-(?=\w)")  # a prefix whose hyphen makes another word: "re-signed"
SHOWN_STRIP = " ,.;:!?\"'“”‘’()"
# Where an outlet says it cut or filled in a quote ("...", ". . .", "[the president]",
# "(local)"): the pieces between are compared, each as a quote of its own.
QUOTE_CUT = re.compile(r"\.\s?\.\s?\.|…|\[[^\[\]]{0,80}\]|\([^()]{0,80}\)|[\[\]()]")
# Contractions as their words: "didn t" (a quote's words) or "didn't" (a statement's).
CONTRACTIONS = tuple((re.compile(p), full) for p, full in (
    (r"\bwon[ ']t\b", "will not"), (r"\bcan[ ']t\b", "can not"), (r"\bcannot\b", "can not"),
    (r"\bshan[ ']t\b", "shall not"), (r"\b(\w+)n[ ']t\b", r"\1 not")))


@dataclass(frozen=True)
class QuotePiece:
    """A stretch of a quote between cuts: its words (lower case) and where each stands."""

    text: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    def shown(self, i: int, j: int) -> str:
        """Words i..j-1 as the outlet wrote them, with one word before and after (whole
        words as written: "they're finding", not "re finding")."""
        lo, hi = max(0, i - 1), min(len(self.words), j + 1)
        if hi <= lo:
            return ""
        start = max(self.text.rfind(" ", 0, self.spans[lo][0]) + 1, 0)
        end = self.text.find(" ", self.spans[hi - 1][1])
        return self.text[start:end if end >= 0 else len(self.text)].strip(SHOWN_STRIP)


def quote_pieces(quote: Fact) -> list[QuotePiece]:
    """A quote's words, in pieces between the places its outlet marks as cut or filled in."""
    out = []
    for piece in QUOTE_CUT.split(quote.text):
        words = list(WORD.finditer(piece))
        if words:
            out.append(QuotePiece(piece, tuple(w.group(0).lower() for w in words), tuple(w.span() for w in words)))
    return out


def quote_edit(qa: QuotePiece, qb: QuotePiece, language: str) -> tuple[str, str] | None:
    """Each side's words, with one word of context, where two renderings of one quote differ:
    a small edit with QUOTE_HELD shared words on both sides of it (QUOTE_RUN on one), a
    content word among them, or where both quotes end ("what they're [finding]"). A function
    word one side drops on the way ("to [a] nuclear [bomb]") does not break a run.
    Contractions ("he's", "he is") and function words are no edit."""
    a, b = qa.words, qb.words
    _, opcodes = diff(a, b)
    if sum(i2 - i1 for op, i1, i2, _, _ in opcodes if op == "equal") < QUOTE_SHARED:
        return None  # too little of one quote for a stock phrase not to be it
    function_words = lexicon(language).function_words

    def minor(op: tuple) -> bool:  # an edit of function words only
        _, i1, i2, j1, j2 = op
        return all(w in function_words or len(w) <= 2 for w in a[i1:i2] + b[j1:j2])

    def run(ops) -> int:  # shared words next to an edit, across minor edits; none without a content word
        total, content = 0, False
        for op in ops:
            if op[0] == "equal":
                total += op[2] - op[1]
                content = content or any(w not in function_words and len(w) > 2 for w in a[op[1]:op[2]])
            elif not minor(op):
                break
        return total if content else 0

    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal" or max(i2 - i1, j2 - j1) > QUOTE_EDIT_WORDS or minor(opcodes[n]):
            continue
        before, after = run(reversed(opcodes[:n])), run(opcodes[n + 1:])
        ends = n + 1 == len(opcodes) and op == "replace"  # both quotes end at the edit
        if min(before, QUOTE_RUN if ends else after) < QUOTE_HELD or max(before, QUOTE_RUN if ends else after) < QUOTE_RUN:
            continue
        changed_a, changed_b = a[i1:i2], b[j1:j2]
        if set(stem_words(changed_a, language)) == set(stem_words(changed_b, language)):
            continue
        if written_alike(changed_a, changed_b, a[i1 - 1] if i1 else "", language):
            continue
        return qa.shown(i1, i2), qb.shown(j1, j2)
    return None


def written_alike(a: tuple[str, ...], b: tuple[str, ...], before: str, language: str) -> bool:
    """The same words in another house style: a contraction ("didn't", "did not"; "can't",
    "cannot"), a spelling ("favour", "favor"; "centre", "center"; "e-mail", "email";
    "fire-bomb", "firebomb"), a number ("20", "twenty"; "11th", "eleventh"), "%" for
    "percent" after a figure, an initialism ("NYC", "New York City")."""
    if _house_form(a, language) == _house_form(b, language):
        return True
    if len(a) == 1 and len(b) == 1 and abs(len(a[0]) - len(b[0])) == 1 and spelled_alike(a[0], b[0]):
        return True  # "favour", "favor"; not "better", "bitter" or "casual", "causal"
    numbers = [_number(side, language) for side in (a, b)]
    if numbers[0] is not None and numbers[0] == numbers[1]:
        return True
    if before.isdigit() and not (a and b) and lexicon(language).percent_hint.fullmatch(" ".join(a or b)):
        return True
    short, long = sorted((a, b), key=len)
    return len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long)


@lru_cache(maxsize=4096)
def _house_form(words: tuple[str, ...], language: str) -> str:
    """Words as one string in one house style: contractions spelled out, numbers in figures,
    one spelling of each word, no hyphens or spaces ("eleventh-hour" is "11thhour"); but
    "re-signed" is not "resigned"."""
    from text_to_num import alpha2digit

    text = HYPHEN_KEPT.sub(r"\1_", _uncontracted(" ".join(words))).replace("-", " ")
    text = alpha2digit(text, lexicon(language).text2num_language)
    return "".join(one_spelling(w, language) for w in text.split())


def _uncontracted(words: str) -> str:
    """Contractions as their words, in `normalise`'s lower-case word form ("didn t" is "did not")."""
    for pattern, full in CONTRACTIONS:
        words = pattern.sub(full, words)
    return words


def _number(words: tuple[str, ...], language: str) -> float | None:
    text = " ".join(words)
    if text.replace(" ", "").isdecimal() and text.isascii():
        return float(text.replace(" ", ""))
    return words_to_number(text, lexicon(language))
