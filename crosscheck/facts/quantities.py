"""Numbers (counts and money, with scale and unit), percentages and vote tallies."""

from __future__ import annotations

import math
import re
from functools import lru_cache

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
        if not any(s <= m.start() < e for s, e in taken) and not (out and m.start() < out[-1].end):
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
    measure = _measure(text, m.start(), m.end(), value, bool(scale), lex)
    if measure:
        return measure
    surface = m.group(0).strip()
    unit = _unit_after(text, m.end(), lex)
    if unit in lex.currency_words:
        currency = lex.currency_words[unit]
        end = lex.unit_after.match(text, m.end()).end()  # the text as written: "5 million dollars"
        return Fact("number", f"{currency} {number_key(value)}", text[m.start():end].strip(), "money", currency,
                    start=m.start(), end=end)
    return Fact("number", number_key(value), surface, "count", unit, **span)


CANONICAL = {"mass": "kg", "length": "m"}
FOOT, INCH, POUND = 0.3048, 0.0254, 0.45359237
RANGE_TO = re.compile(r"\s*(?:to|[-–]|до)\s*(\d+(?:[.,]\d+)?)")  # "1 to 4 inches", "от 2,5 до 10 см"
SMALLER = re.compile(r"(?:\s*[-–]\s*|\s+)(\d+(?:[.,]\d+)?)")  # "6 feet 7 inches", "1 м 82 см", "6-foot-6"
INCHES_LATER = re.compile(r"[\s,.–-]{0,3}[\w½¼¾]+\s*(?:inch|inches|in\b|\")", re.IGNORECASE)  # unread: no length
# not a unit when it is followed by these: km², km/h, "miles per hour", a capitalised name ("3 Miles Davis")
AFTER_UNIT = r"(?![\w²³/])(?!\s*(?:per\s+hour|an?\s+hour|в\s+час|за\s+годину|на\s+годину)\b)"


@lru_cache(maxsize=None)
def _measure_pattern(units: tuple[tuple[str, str, float], ...]) -> re.Pattern:
    alternatives = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _, _) in enumerate(units))
    return re.compile(rf"(?P<joint>\s*[-–]\s*|\s*)(?:{alternatives}){AFTER_UNIT}")


def _measure(text: str, start: int, end: int, value: float, scaled: bool, lex: Lexicon) -> Fact | None:
    """A mass or a length ("550-pound", "1 м 82 см", "6-foot-6", "8 km", the "1" of "1 to 4
    inches"): slot "mass" or "length", keyed in kilograms or metres, so that a figure
    converted in translation is the same fact ("550-pound" and "249-кілограмовий") and a
    changed one differs. A compound it can't read whole ("six-foot-six", "6 feet seven
    inches") is no length: half of it would be a wrong one."""
    if not lex.measure_units:
        return None
    pattern = _measure_pattern(lex.measure_units)
    found = pattern.match(text, end)
    direct = bool(found)
    if not direct:  # the first figure of a rising range takes the unit of the second
        upper = RANGE_TO.match(text, end)
        found = upper and _to_float(upper.group(1), lex) >= value and pattern.match(text, upper.end())
        if not found:
            return None
    stop = found.end() if direct else end
    _, slot, size = lex.measure_units[int(found.lastgroup[1:])]
    if size == POUND and scaled:
        return None  # "a 25 million pound fee": money
    total = value * size
    if direct:
        smaller = SMALLER.match(text, stop)
        second = smaller and pattern.match(text, smaller.end())
        if second and not second.group("joint").strip():
            _, other_slot, other_size = lex.measure_units[int(second.lastgroup[1:])]
            if other_slot == slot and other_size < size:
                total, stop = total + _to_float(smaller.group(1), lex) * other_size, second.end()
        elif smaller and size == FOOT and smaller.group(0).lstrip().startswith(("-", "–")) \
                and _to_float(smaller.group(1), lex) < 12 and not re.match(r"\s*[A-Za-z]", text[smaller.end():]):
            total, stop = total + _to_float(smaller.group(1), lex) * INCH, smaller.end()  # "6-foot-6"
        if size == FOOT and stop == found.end() and (INCHES_LATER.match(text, stop) or re.match(r"[-–]\w", text[stop:])):
            return None
    key = f"{CANONICAL[slot]} {round(total, 4):.4f}".rstrip("0").rstrip(".")
    return Fact("number", key, text[start:stop].strip(), slot, CANONICAL[slot], start=start, end=stop)


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
