"""Dates and times: days, months, years and decades (parsed with dateutil), weekdays and
relative times ("last year", "two weeks ago")."""

from __future__ import annotations

import datetime as _dt
import re

from crosscheck.facts.registry import fact_kind
from crosscheck.lang import DEFAULT_LANGUAGE, Lexicon, lexicon
from crosscheck.models import Fact


@fact_kind("date", title="different date", order=20, weight=0.3, anchors=True, values=True, claims_text=True,
           minor_slots=frozenset({"weekday", "relative"}), mentioned="date")
def extract_dates(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Fact]:
    """Slots: day, month, year (a decade is a year), weekday, relative. A day without a
    year is keyed MM-DD, a month alone --MM."""
    if not lex.date_hint.search(text):
        return []
    out = []
    for m in lex.date.finditer(text):
        fact = _date_fact(m, lex)
        if fact:
            out.append(fact)
    return out


def _date_fact(m: re.Match, lex: Lexicon) -> Fact | None:
    group = m.lastgroup
    surface = m.group(group)
    span = {"start": m.start(group), "end": m.end(group)}
    if group in ("md", "dm", "my"):
        parsed = _parse_date(surface, lex)
        if parsed is None:
            return None
        year, month, day = parsed
        if group == "my":
            return Fact("date", f"{year:04d}-{month:02d}", surface, "month", **span)
        key = f"{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
        return Fact("date", key, surface, "day", **span)
    if group == "month":
        return Fact("date", f"--{_month_number(surface, lex):02d}", surface, "month", **span)
    if group == "year":
        return Fact("date", surface.lower(), surface, "year", **span)
    if group == "decade":  # "1990s", "1990-х": "1990s"
        return Fact("date", f"{surface[:4]}s", surface, "year", **span)
    if group == "weekday":
        return Fact("date", _weekday_key(surface, lex), surface, "weekday", **span)
    return Fact("date", " ".join(surface.lower().split()), surface, "relative", **span)


def _parse_date(surface: str, lex: Lexicon) -> tuple[int | None, int, int] | None:
    """(year or None, month, day): parsed twice with different defaults, so a year the
    text doesn't give is told apart from one it does. A month dateutil does not know
    ("1 апреля 2024") is read with the lexicon's months."""
    from dateutil import parser

    text = surface.replace(" of ", " ")
    try:
        a = parser.parse(text, default=_dt.datetime(1904, 1, 1))
        b = parser.parse(text, default=_dt.datetime(1905, 2, 2))
    except (ValueError, OverflowError):
        return _lexicon_date(surface, lex)
    year = a.year if a.year == b.year else None
    return year, a.month, a.day


def _lexicon_date(surface: str, lex: Lexicon) -> tuple[int | None, int, int] | None:
    """(year or None, month, day; 1 when not given) of a day and a month word of the lexicon
    in any case form, perhaps with a year ("1 апреля 2024", "квітні 2024"); None when it
    holds no month or no such day."""
    year = day = month = None
    for token in re.findall(r"\d+|[^\W\d_]+\.?", surface):
        if token.isdigit():
            year, day = (int(token), day) if len(token) == 4 else (year, int(token))
        elif month is None:
            try:
                month = _month_number(token, lex)
            except ValueError:
                continue
    if month is None:
        return None
    try:
        _dt.date(year or 2000, month, day or 1)  # 2000: a leap year, "29 февраля" without a year is a day
    except ValueError:
        return None
    return year, month, day or 1


def _month_number(word: str, lex: Lexicon) -> int:
    w = word.lower().rstrip(".")
    return lex.months.index(lex.month_abbreviations.get(w[:4] if w.startswith("sept") else w[:3], w)) + 1


def _weekday_key(word: str, lex: Lexicon) -> str:
    """A weekday's key: its English name, whatever the language ("Thursday", "в четверг",
    "у четвер": "thursday"). Every form of a weekday starts with the first three letters of
    its name in the lexicon (apostrophes left out: "п'ятниця", "пʼятницю")."""
    low = _APOSTROPHES.sub("", word.lower())
    starts = [_APOSTROPHES.sub("", day)[:3] for day in lex.weekdays]
    if low[:3] not in starts:
        return low
    return lexicon(DEFAULT_LANGUAGE).weekdays[starts.index(low[:3])]


_APOSTROPHES = re.compile("['’ʼ]")


def date_mentioned(key: str, keys: frozenset[str] | set[str]) -> bool:
    """Whether a source whose date keys are `keys` mentions the date `key`: the same date, or
    the same date less precise ("2016" or "January" for "January 2016", "March 2" for
    "March 2, 2024", "the 1940s" for "1940")."""
    if key in keys:
        return True
    year, _, rest = key.partition("-")
    if len(year) == 4 and year.isdigit() and f"{year[:3]}0s" in keys:  # "the 1940s" for "1940", "June 1940"
        return True
    if len(year) == 4 and year.isdigit() and rest:  # 2016-01, 2024-03-02
        return year in keys or (rest.count("-") == 1 and rest in keys) or f"--{rest}" in keys  # "March" for "March 2024"
    return False
