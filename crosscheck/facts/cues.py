"""Cues: denial, modality ("required" versus "recommended") and direct quotes; and the
kinds that only comparing two statements finds (negation, antonym, wording, detail)."""

from __future__ import annotations

from crosscheck.facts.names import normalise
from crosscheck.facts.registry import declare_kind, fact_kind
from crosscheck.lang import Lexicon
from crosscheck.models import Fact

declare_kind("negation", title="negation", order=40, reportable=False)
declare_kind("antonym", title="opposite wording", order=80, reportable=False)
declare_kind("status", title="planned vs done (different moments?)", order=45, reportable=False)
declare_kind("wording", title="edited wording", order=90, reportable=False)
declare_kind("misquote", title="one quote, other words", order=85, reportable=False)
declare_kind("detail", title="detail", order=110, weight=0.15, mentioned="words")


@fact_kind("denial", title="denial", order=50, weight=0.45, mentioned="any")
def extract_denials(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    return [Fact("denial", "denial", _clause_around(text, m.start(), m.end()), "denial", start=m.start(), end=m.end())
            for m in lex.denial.finditer(text)]


@fact_kind("modality", title="required vs recommended", order=60, weight=0.2, reportable=False)
def extract_modality(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    """One fact, only when the statement is either strong ("must") or weak ("should")."""
    strong, weak = lex.strong_modal.search(text), lex.weak_modal.search(text)
    if bool(strong) == bool(weak):
        return []
    m = strong or weak
    return [Fact("modality", "required" if strong else "recommended", m.group(0), "modality", start=m.start(), end=m.end())]


@fact_kind("quote", title="quote", order=100, weight=0.25, mentioned="words")
def extract_quotes(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    return [Fact("quote", normalise(m.group(1)), "“" + m.group(1).strip() + "”", "quote", start=m.start(), end=m.end())
            for m in lex.quote.finditer(text)]


def _clause_around(text: str, start: int, end: int, width: int = 40, after: int = 80) -> str:
    """The words around a cue, cut at the nearest clause punctuation within `width` before
    it and `after` after it (what is denied usually follows the cue)."""
    left = max(text.rfind(",", 0, start), text.rfind("—", 0, start), text.rfind(";", 0, start))
    left = left + 1 if left >= 0 and start - left < width else max(0, start - width)
    right = min([i for i in (text.find(",", end), text.find(".", end), text.find(";", end)) if i >= 0] or [len(text)])
    right = right if right - end < after else end + after
    while 0 < left < start and not text[left - 1].isspace():  # cut between words, not inside one
        left += 1
    while end < right < len(text) and not text[right].isspace() and text[right] not in ",.;":
        right -= 1
    return " ".join(text[left:right].split())
