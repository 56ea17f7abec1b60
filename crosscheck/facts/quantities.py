"""Numbers (counts and money, with scale and unit), percentages and vote tallies."""

from __future__ import annotations

import math
import re

from crosscheck.facts.registry import fact_kind
from crosscheck.facts.stems import stem_words
from crosscheck.lang import Lexicon
from crosscheck.models import Fact


@fact_kind("percent", title="different percentage", order=15, weight=0.35, anchors=True, values=True, claims_text=True)
def extract_percents(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    """"8.5%", "8.5 percent", "eight per cent" (slot percent); "2 percentage points" (slot
    points: a difference, which never conflicts with a level)."""
    if not lex.percent_hint.search(text):
        return []
    out = []
    for m in lex.percent.finditer(text):
        value = _to_float(m.group("num"), lex) if m.group("num") else words_to_number(m.group("wnum"), lex)
        if value is None:
            continue
        points = bool(m.group("points"))
        key = f"{number_key(value)} pp" if points else f"{number_key(value)}%"
        out.append(Fact("percent", key, m.group(0).strip(), "points" if points else "percent", start=m.start(), end=m.end()))
    return out


@fact_kind("tally", title="different vote count", order=12, weight=0.45, anchors=True, values=True, claims_text=True)
def extract_tallies(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    """A vote's result: "voted 97-1", "passed 232 to 198", "a 5-4 ruling" (two numbers
    joined by a dash or "to", the larger first, in a statement about a vote or a ruling).
    Key "yes-no"."""
    if not lex.tally_hint.search(text):
        return []
    out = []
    for m in lex.tally.finditer(text):
        yes, no = int(m.group("yes")), int(m.group("no"))
        if yes >= no and yes:  # results are written winner first; "10 to 12" is a range
            out.append(Fact("tally", f"{yes}-{no}", m.group(0), "tally", start=m.start(), end=m.end()))
    return out


@fact_kind("number", title="different number", order=10, weight=0.35, anchors=True, values=True,
           loose_slots=frozenset({"money"}))
def extract_numbers(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    """Counts (slot count, unit: the stem of the word counted) and money (slot money, unit:
    the currency); text already taken by a date or a percentage is skipped."""
    out = []
    for m in lex.number.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            fact = _number_fact(m, text, lex)
            if fact:
                out.append(fact)
    return out


def _number_fact(m: re.Match, text: str, lex: Lexicon) -> Fact | None:
    span = {"start": m.start(), "end": m.end()}
    if m.group("clock"):
        return None  # a time of day, not a count
    if m.group("sign"):
        value = _to_float(m.group("cnum"), lex) * lex.scales.get((m.group("cscale") or "").lower(), 1)
        currency = lex.currency_signs[m.group("sign")]
        return Fact("number", f"{currency} {number_key(value)}", m.group(0).strip(), "money", currency, **span)
    if m.group("num"):
        raw, scale = m.group("num"), m.group("scale")
        if re.fullmatch(r"\d", raw) and not scale and _is_list_marker(text, m.start()):
            return None
        value = _to_float(raw, lex) * lex.scales.get((scale or "").lower(), 1)
    else:
        raw, scale = m.group("wnum"), m.group("wscale")
        value = words_to_number(raw, lex)
        if value is None or (value == 1 and not scale):
            return None  # "one of them" is rarely a count worth checking
        value *= lex.scales.get((scale or "").lower(), 1)
    surface = m.group(0).strip()
    unit = _unit_after(text, m.end(), lex)
    if unit in lex.currency_words:
        currency = lex.currency_words[unit]
        end = lex.unit_after.match(text, m.end()).end()  # the text as written: "5 million dollars"
        return Fact("number", f"{currency} {number_key(value)}", text[m.start():end].strip(), "money", currency,
                    start=m.start(), end=end)
    return Fact("number", number_key(value), surface, "count", unit, **span)


def _unit_after(text: str, end: int, lex: Lexicon) -> str:
    """The stem of the word a number counts ("2 million mobile devices" -> "devic")."""
    m = lex.unit_after.match(text, end)
    if not m:
        return ""
    word = m.group(1).lower()
    return "" if word in lex.scales or word in lex.not_units else stem_words([word], lex.code)[0]


def _is_list_marker(text: str, start: int) -> bool:
    return start == 0 or text[max(0, start - 2) : start].strip() in ("(", "")


def words_to_number(words: str, lex: Lexicon) -> float | None:
    """A number written in words ("twenty-five"), or None."""
    from text_to_num import text2num

    try:
        return float(text2num(" ".join(words.lower().replace("-", " ").split()), lex.text2num_language))
    except ValueError:
        return None


def _to_float(raw: str, lex: Lexicon) -> float:
    """A figure as written: "1,250.5"; where the comma is the decimal mark, "1 250,5"."""
    if lex.decimal_comma:
        return float("".join(raw.split()).replace(",", "."))
    return float(raw.replace(",", ""))


def number_key(value: float) -> str:
    """How a count is keyed: "3", "2.5"."""
    if not math.isfinite(value):  # a figure of hundreds of digits: no count worth checking, and no crash
        return f"{value:g}"
    return f"{value:.0f}" if value == int(value) else f"{value:g}"
