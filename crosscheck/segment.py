"""Stage 3, segment: an article's lines -> statements with character offsets.

Sentences come from pysbd (rule-based; knows "U.S.", "Mr.", decimals and quotes); a rule
layer then mends its splits where the next piece plainly goes on: after "D-Ore." before
", said", after "p.m." before "ET", after "Ft." before "Myers", before a lowercase "he said".
Bullet items that follow a lead-in ending with ":" are joined to it, so "includes four
departments: A; B; C" stays one statement. Set-aside lines become one statement each,
carrying the reason, so reports can list them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.clean import BULLET, Line
from crosscheck.lang import DEFAULT_LANGUAGE, lexicon, lower_abbreviations
from crosscheck.models import Article, Statement

MIN_WORDS = 3  # shorter pieces ("Yes.", "Photo") are not statements worth comparing
# A plain lower-case word (not "U.S.", "p.m.", "Fig.", "Yahoo!") ending a sentence before a
# capital, in Latin or Cyrillic letters (a long paragraph that pysbd alone would split is slow).
PLAIN_END = re.compile(r"(?<![\w.'’-])([a-zа-яёіїєґ]{3,})([.?])\s+(?=[A-ZА-ЯЁІЇЄҐ])")
# Where a sentence could end inside a text: a word, end punctuation (closing quotes glued
# after it), space, more text. A text without one is a single sentence.
STOP_CANDIDATE = re.compile(r"(\S*)([.!?…。！？])(\S*)\s+(\S)")
CLOSING_QUOTES = "\"”’'"
GOES_ON = re.compile(r"[,;:)\]%]|['’]s\b")  # no sentence starts so
# Latin and Cyrillic letters (crosscheck's languages: en, ru, uk)
_LOWER, _UPPER = "a-zа-яёіїєґ", "A-ZА-ЯЁІЇЄҐ"
LOWER_START = re.compile(rf"[{_LOWER}](?![{_LOWER}]*[{_UPPER}])")  # "he said", "рублей", not "iPhone"
LAST_WORD = re.compile(rf"([{_LOWER}{_UPPER}]+(?:\.[{_LOWER}{_UPPER}]+)*)\.$")  # "Ore" of "D-Ore.", "p.m", "млн", "т.е"
INITIAL = re.compile(r"(?:\b[A-Z][a-z]+\s+|\b[A-Z]-)[A-Z]\.$")  # "George W.", the "D-W." of "D-W. Va."
FIRST_WORD = re.compile(r"[\"“'‘(]*([\w'’.-]+)")


@lru_cache(maxsize=None)
def _segmenter(language: str):
    import pysbd

    class Segmenter(pysbd.Segmenter):
        def segment(self, text: str) -> list[str]:
            # pysbd's own segment() then finds each sentence in the text with a regex compiled
            # for that sentence (a third of splitting's time); `_pysbd_spans` finds them with str.find
            return self.processor(text).process() if text else []

    return Segmenter(language=lexicon(language).sentence_language, clean=False)


def sentence_spans(text: str, language: str = DEFAULT_LANGUAGE) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, trimmed of surrounding whitespace.

    pysbd is slow, so it sees only what is ambiguous: the text is first cut where a plain
    word ends a sentence outside quotes and brackets ("... the vote. The Senate ..."), and a
    piece whose only candidate stops follow a title or an initial ("Sen.", "George W.") is
    one sentence. The rule layer (`_goes_on`) then mends the splits across all pieces."""
    raw = []
    for start, end in _plain_pieces(text, language):
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        if _one_sentence(stripped, language):
            at = start + piece.index(stripped)
            raw.append((at, at + len(stripped)))
        else:
            raw += [(start + a, start + b) for a, b in _pysbd_spans(piece, language)]
    spans: list[tuple[int, int]] = []
    for start, end in raw:
        if spans and _goes_on(text[spans[-1][0] : spans[-1][1]], text[start:end], language):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _plain_pieces(text: str, language: str) -> list[tuple[int, int]]:
    """`text` cut after each full stop that plainly ends a sentence: after a word that is no
    abbreviation, before a capital, outside quotes and brackets."""
    abbreviations = lower_abbreviations(language)
    cuts, start = [], 0
    depth = _enclosure(text)
    for m in PLAIN_END.finditer(text):
        if m.group(1).lower() in abbreviations or depth[m.end(2)]:
            continue
        cuts.append((start, m.end(2)))
        start = m.end(2)
    return cuts + [(start, len(text))]


def _enclosure(text: str) -> list[bool]:
    """For each position of `text`: whether a quote or a bracket opened before it is still
    open (one pass). A ’ between letters is an apostrophe ("don’t"), not a closing quote."""
    out, straight, curly, single, brackets = [False] * (len(text) + 1), 0, 0, 0, 0
    for k, char in enumerate(text):
        if char == '"':
            straight ^= 1
        elif char == "“":
            curly += 1
        elif char == "”":
            curly = max(0, curly - 1)
        elif char == "‘":
            single += 1
        elif char == "’" and single and not (k + 1 < len(text) and text[k + 1].isalpha()):
            single -= 1
        elif char == "(":
            brackets += 1
        elif char == ")":
            brackets = max(0, brackets - 1)
        out[k + 1] = bool(straight or curly or single or brackets)
    return out


def _one_sentence(text: str, language: str) -> bool:
    """Every place where `text` could end a sentence is a full stop after a title or an
    initial ("Sen. Kyl", "George W. Bush"), or after an abbreviation before a lower-case
    word or a digit ("8 a.m. on", "No. 2")."""
    titles, abbreviations = lexicon(language).title_abbreviations, lower_abbreviations(language)
    for m in STOP_CANDIDATE.finditer(text):
        word, stop, after, following = m.groups()
        if after or stop != ".":
            return False
        bare = word.lstrip("\"“'‘(")
        if bare in titles or (len(bare) == 1 and bare.isalpha()):
            continue
        if (following[:1].islower() or following[:1].isdigit()) and ("." in bare or bare.lower() in abbreviations):
            continue  # "8 a.m. on", "No. 2"
        return False
    return True


def _pysbd_spans(text: str, language: str) -> list[tuple[int, int]]:
    """pysbd's sentences of `text`, as spans of it."""
    spans, cursor = [], 0
    for piece in _segmenter(language).segment(text):
        piece = piece.strip()
        if not piece:
            continue
        start, end = text.find(piece, cursor), 0
        if start >= 0:
            end = start + len(piece)
        else:  # pysbd made a space of other whitespace (" . . . ." after a no-break space): match it loosely
            found = re.compile(r"\s+".join(map(re.escape, piece.split()))).search(text, cursor)
            if found is None:  # a text pysbd rewrote otherwise: keep the rest whole
                rest = text[cursor:].strip()
                if rest:
                    start = text.index(rest, cursor)
                    spans.append((start, start + len(rest)))
                break
            start, end = found.span()
        spans.append((start, end))
        cursor = end
    return spans


def _goes_on(previous: str, piece: str, language: str) -> bool:
    """Whether `piece` continues the sentence `previous`, which pysbd ended too early."""
    if GOES_ON.match(piece):
        return True
    lex = lexicon(language)
    match = FIRST_WORD.match(piece)
    first = match.group(1).rstrip(".") if match else ""
    if previous.endswith(" ?") and first.lower() not in lex.stop_caps:
        return True  # "Nelson Warfield ? and John ? McLaughlin": a broken character, not a question
    if previous[-1:] in CLOSING_QUOTES and lex.said_after_quote.match(piece):  # '"...?" Obama said.'
        return True
    last = LAST_WORD.search(previous)
    word = last.group(1) if last else ""
    if LOWER_START.match(piece):  # only a plain word's full stop ends a sentence before a lowercase word
        return word in lex.abbreviations or not word.islower() or len(word) == 1  # "a. m."
    if word not in lex.abbreviations and not INITIAL.search(previous):
        return False
    if first[:1].isdigit() or first in lex.time_zones:  # "No. 2", "8 p.m. ET"
        return True
    # a name after a title or an initial ("Ft. Myers", "D-W. Va."), not a new sentence ("at 5 p.m. Then ...")
    return (word in lex.title_abbreviations or bool(INITIAL.search(previous))) and first[:1].isupper() \
        and first.lower() not in lex.stop_caps


def segment_article(article: Article, lines: list[Line]) -> list[Statement]:
    """An article's statements: its headline (one statement, marked), its kept lines split
    into sentences (in the article's language), set-aside lines one statement each with
    their reason, pieces shorter than MIN_WORDS set aside as fragments. Ids are
    `<source>:<n>`, numbered from 1."""
    spans: list[tuple[int, int, str | None, int]] = []
    headline_at = -1
    list_open = False
    for line in lines:
        if line.headline:  # one statement, never split; a markdown "# " is not part of it
            lead = len(line.text) - len(line.text.lstrip("# "))
            headline_at = line.start + lead
            spans.append((headline_at, line.end, None, line.paragraph))
            continue
        if line.reason is not None:
            spans.append((line.start, line.end, line.reason, line.paragraph))
            list_open = False
            continue
        if BULLET.match(line.text) and list_open and spans:
            start, _, reason, paragraph = spans[-1]
            spans[-1] = (start, line.end, reason, paragraph)
            continue
        chunk = article.text[line.start : line.end].replace("\n", " ")  # same length: offsets hold
        for start, end in sentence_spans(chunk, article.language):
            spans.append((line.start + start, line.start + end, None, line.paragraph))
        list_open = chunk.rstrip().endswith(":") or (list_open and bool(BULLET.match(line.text)))
    statements = []
    for start, end, reason, paragraph in spans:
        text = " ".join(article.text[start:end].split())
        headline = start == headline_at
        if reason is None and len(text.split()) < (2 if headline else MIN_WORDS):
            reason = "fragment"
        statements.append(Statement(f"{article.id}:{len(statements) + 1}", article.id, text, start, end, reason,
                                    paragraph, headline))
    return statements
