"""Stage 2, clean: set page chrome aside (never silently drop it).

Two passes:
- `find_chrome` works on the lines of one article before it is split, with general
  signals of page furniture: line shape (fragments, headings, repeated lines), promo and
  call-to-action patterns, byline and author-bio shapes, and teaser sections that start
  with a "more news" heading and run to the end of the page.
- `find_off_topic` works on embeddings after statements are encoded: a statement far
  from the story that all sources share (its similarity to the other sources and to
  its own article is low for this story) is set aside as off-topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

# Headings that open a block of links to other stories; everything after is chrome.
TEASER_HEADING = re.compile(
    r"^(other|more|related|recommended|latest|top|popular|trending|recent|further)\b.{0,30}"
    r"\b(news|stories|articles|reads?|posts|coverage|from\b.*|on this topic)\s*:?$"
    r"|^(read|see) (also|more)\s*:?$|^(you may|you might) (also )?like\s*:?$|^most (read|popular|viewed)\s*:?$",
    re.IGNORECASE,
)
# Calls to action and subscription lines.
PROMO = re.compile(
    r"\b(subscribe|sign up|newsletter|follow us|join us|download (our|the) app|learn more|read more"
    r"|click here|get (the|our) (latest|best)|share this|all rights reserved|cookie"
    r"|advertisement|sponsored|our (telegram|whatsapp|viber|facebook|youtube|instagram) (channel|page|account)"
    r"|(telegram|whatsapp|viber|youtube) channel)\b",
    re.IGNORECASE,
)
# "<Name> is a reporter for ...", and the same bio cut after the name.
BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3} )?(?:is|was) (?:a|an|the) [^.]{0,80}?"
    r"\b(reporter|journalist|correspondent|editor|writer|columnist|contributor|producer|author|analyst)\b",
)
BYLINE = re.compile(r"^(by|written by|reporting by|photo:|image:|credit:)\s", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")
PERSON_NAME = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3}$")
BULLET = re.compile(r"^\s*([-*•·–—]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    reason: str | None  # why it is set aside, or None when kept
    paragraph: int = 0


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


def find_chrome(text: str, title: str) -> list[Line]:
    """Label every non-blank line of an article: kept (None) or the reason it is set aside."""
    lines = split_lines(text)
    counts: dict[str, int] = {}
    for _, _, line, _ in lines:
        counts[line.lower()] = counts.get(line.lower(), 0) + 1
    labelled: list[Line] = []
    if len(lines) == 1:  # a bare statement or one paragraph: nothing to tell chrome by
        return [Line(*lines[0][:3], None, lines[0][3])]
    in_teasers = False
    title_key = title.strip().lower()
    for index, (start, end, line, paragraph) in enumerate(lines):
        reason = None
        if index == 0 and line.lstrip("# ").lower() == title_key:
            reason = "title"
        elif in_teasers:
            reason = "related-stories teaser"
        elif TEASER_HEADING.match(line):
            in_teasers, reason = True, "related-stories teaser"
        elif PROMO.search(line) and len(line) < 300:
            reason = "promo or call to action"
        elif BIO.match(line) or BYLINE.match(line):
            reason = "byline or author bio"
        elif counts[line.lower()] > 1 or _repeats_title(line, title_key):
            reason = "repeated line"
        elif BULLET.match(line) or _follows_list_intro(labelled):
            reason = None  # list items are joined to their lead-in by the segmenter
        elif not SENTENCE_END.search(line) and len(line.split()) <= 12:
            reason = "byline or author bio" if PERSON_NAME.match(line) else "heading or page fragment"
        elif len(line.split()) <= 4 and labelled and labelled[-1].reason not in (None, "title"):
            reason = labelled[-1].reason  # the tail of a widget broken over lines
        labelled.append(Line(start, end, line, reason, paragraph))
    return labelled


def _repeats_title(line: str, title_key: str) -> bool:
    key = line.lower()
    return bool(title_key) and len(key) > 15 and (key in title_key or title_key in key) and not SENTENCE_END.search(line)


def _follows_list_intro(previous: list[Line]) -> bool:
    return bool(previous) and previous[-1].reason is None and previous[-1].text.endswith(":")


def outlet_names(lines: list[Line]) -> set[str]:
    """Capitalised words of an article's promo lines: the outlet's own brand names
    ("... on Example Daily's Telegram channel"). A body paragraph that names them is the
    outlet talking about itself or its other stories."""
    names = set()
    for line in lines:
        if line.reason == "promo or call to action":
            for word in re.findall(r"\b[A-Z][\w&-]+", line.text):
                names.add(re.sub(r"['’]s$", "", word).lower())
    return names - {"get", "learn", "only", "don't", "follow", "subscribe", "read", "sign", "join", "click", "no", "the", "our"}


def find_off_topic(
    embeddings: np.ndarray, sources: list[str], paragraphs: list[int], anchored: list[bool], *, margin: float = 0.0
) -> np.ndarray:
    """Boolean mask of statements in trailing paragraphs that are off the story's topic.

    A paragraph's topicality is the cosine between its mean statement vector and the
    centroid of all other sources' statements. Items that outlets append after a story
    ("meanwhile, in other news ...") sit at its end, so only the run of last paragraphs of
    an article is examined: each must be below the article's median topicality (less
    `margin`) and hold no anchored statement (one that shares a name with another source
    without naming the outlet itself). Arrays in, mask out.
    """
    mask = np.zeros(len(sources), dtype=bool)
    labels, blocks, anchor = np.array(sources), np.array(paragraphs), np.array(anchored, dtype=bool)
    for source in dict.fromkeys(sources):
        own = labels == source
        if own.all() or len(set(blocks[own])) < 3:
            continue
        centroid = embeddings[~own].mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
        ids = sorted(set(blocks[own]))
        scores = []
        for block in ids:
            mean = embeddings[own & (blocks == block)].mean(axis=0)
            scores.append(float(mean @ centroid) / max(float(np.linalg.norm(mean)), 1e-9))
        cut = float(np.median(scores)) - margin
        for block, score in zip(reversed(ids), reversed(scores)):
            rows = own & (blocks == block)
            if score >= cut or anchor[rows].any():
                break
            mask |= rows
    return mask
