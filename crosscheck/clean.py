"""Stage 2, clean: set page chrome aside (never silently drop it).

`find_chrome` works on the lines of one article before it is split, with general
signals of page furniture: line shape (fragments, headings, repeated lines), promo and
call-to-action patterns, byline and author-bio shapes (the language's lexicon holds
those patterns), and teaser sections that start with a "more news" heading and run to
the end of the page. The second pass, off-topic trailing paragraphs, needs the vectors:
`topic.find_off_topic`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.lang import DEFAULT_LANGUAGE, Lexicon, is_date_stamp, lexicon

SENTENCE_END = re.compile(r"(?:[.!?…:;\"”’)\]]|[.!?…][»'])\s*$")  # and a sentence's end inside » or ' (British: 'Stop.')
PERSON_NAME = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3}$")
MAX_HEADLINE_WORDS = 30
SHORT_HEADLINE = 15  # a first line this short is a headline even when it ends with a full stop
BULLET = re.compile(r"^\s*([-*•·–—]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    reason: str | None  # why it is set aside, or None when kept
    paragraph: int = 0
    headline: bool = False


def split_lines(text: str) -> list[tuple[int, int, str, int]]:
    """Non-blank lines as (start, end, text, paragraph number); wrapped prose is joined."""
    lines: list[tuple[int, int, str, int]] = []
    pos, glued, paragraph, blank = 0, False, 0, True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            paragraph += blank
            lead = len(raw) - len(raw.lstrip())
            start, end = pos + lead, pos + lead + len(stripped)
            if glued and lines and not BULLET.match(stripped):
                start = lines.pop()[0]
            lines.append((start, end, " ".join(text[start:end].split()), paragraph))
            glued, blank = _wraps(stripped), False
        else:
            glued, blank = False, True
        pos += len(raw) + 1
    return lines


def _wraps(line: str) -> bool:
    """A line of wrapped prose: long, and not the end of a sentence or paragraph."""
    return len(line) >= 60 and not SENTENCE_END.search(line)


def find_chrome(text: str, title: str, language: str = DEFAULT_LANGUAGE) -> list[Line]:
    """Label every non-blank line of an article: kept (None) or the reason it is set aside.

    Args:
        text: the article's text; title: its headline (a first line equal to it is the title).
        language: the lexicon whose promo, teaser, byline and bio patterns apply.
    Returns:
        One `Line` per non-blank line (wrapped prose joined), in order.
    """
    lex = lexicon(language)
    lines = split_lines(text)
    counts: dict[str, int] = {}
    for _, _, line, _ in lines:
        counts[line.lower()] = counts.get(line.lower(), 0) + 1
    labelled: list[Line] = []
    if len(lines) == 1:  # a bare statement or one paragraph: nothing to tell chrome by
        return [Line(*lines[0][:3], None, lines[0][3])]
    in_teasers = False
    title_key = " ".join(title.split()).lower()  # spaced as the lines are (a no-break space is a space)
    stamps = [is_date_stamp(line[2], language) for line in lines]
    first = stamps.index(False) if False in stamps else 0
    for index, (start, end, line, paragraph) in enumerate(lines):
        reason, headline = None, False
        if index == first and line.lstrip("# ").lower() == title_key and _headline_shaped(line) and not _chrome(line, lex):
            headline = True
        elif stamps[index]:
            reason = "date or time stamp"
        elif in_teasers:
            reason = "related-stories teaser"
        elif lex.teaser_heading.match(line):
            in_teasers, reason = True, "related-stories teaser"
        elif lex.promo.search(line) and len(line) < 300:
            reason = "promo or call to action"
        elif lex.bio.match(line) or lex.byline.match(line):
            reason = "byline or author bio"
        elif counts[line.lower()] > 1 or _repeats_title(line, title_key):
            reason = "repeated line"
        elif BULLET.match(line) or _follows_list_intro(labelled):
            reason = None  # list items are joined to their lead-in by the segmenter
        elif not SENTENCE_END.search(line) and len(line.split()) <= 12:
            reason = "byline or author bio" if PERSON_NAME.match(line) else "heading or page fragment"
        elif len(line.split()) <= 4 and labelled and labelled[-1].reason is not None:
            reason = labelled[-1].reason  # the tail of a widget broken over lines
        labelled.append(Line(start, end, line, reason, paragraph, headline))
    return labelled


def _chrome(line: str, lex: Lexicon) -> bool:
    """A line that a promo, byline, bio or teaser pattern names as page furniture."""
    return bool(lex.promo.search(line) or lex.bio.match(line) or lex.byline.match(line) or lex.teaser_heading.match(line))


def _headline_shaped(line: str) -> bool:
    """A first line that reads as a headline: short, and not a full sentence of some length
    ending with a full stop ("N.C. Congressman Apologizes" is one). A long first paragraph of
    an article without a headline is body text, split like the rest."""
    words = len(line.split())
    return words <= MAX_HEADLINE_WORDS and not (line.rstrip("\"”’'").endswith(".") and words > SHORT_HEADLINE)


def _repeats_title(line: str, title_key: str) -> bool:
    key = line.lower()
    return bool(title_key) and len(key) > 15 and (key in title_key or title_key in key) and not SENTENCE_END.search(line)


def _follows_list_intro(previous: list[Line]) -> bool:
    return bool(previous) and previous[-1].reason is None and previous[-1].text.endswith(":")


def outlet_names(lines: list[Line], language: str = DEFAULT_LANGUAGE) -> set[str]:
    """Capitalised words of an article's promo lines: the outlet's own brand names
    ("... on Example Daily's Telegram channel"; of a show plug, only the network or show, not
    the guest). A body paragraph that names them is the outlet talking about itself or its other stories."""
    names = set()
    promo = lexicon(language).promo
    for line in lines:
        if line.reason == "promo or call to action":
            match = promo.search(line.text)
            text = (match and match.groupdict().get("outlet")) or line.text
            for word in re.findall(r"\b[A-Z][\w&-]+", text):
                names.add(re.sub(r"['’]s$", "", word).lower())
    return names - lexicon(language).promo_verbs
