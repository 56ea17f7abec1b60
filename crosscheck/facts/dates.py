"""Dates and times: days, months, years and decades (parsed with dateutil), weekdays and
relative times ("last year", "two weeks ago")."""

from __future__ import annotations

import datetime as _dt
import re

from crosscheck.facts.registry import fact_kind
from crosscheck.lang import Lexicon
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
        parsed = _parse_date(surface)
        if parsed is None:
            return None
        year, month, day = parsed
        if group == "my":
            return Fact("date", f"{year:04d}-{month:02d}", surface, "month", **span)
        key = f"{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
        return Fact("date", key, surface, "day", **span)
    if group == "month":
        return Fact("date", f"--{_month_number(surface, lex):02d}", surface, "month", **span)
    if group in ("year", "decade"):
        return Fact("date", surface.lower(), surface, "year", **span)
    if group == "weekday":
        return Fact("date", surface.lower(), surface, "weekday", **span)
    return Fact("date", " ".join(surface.lower().split()), surface, "relative", **span)


def _parse_date(surface: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day): parsed twice with different defaults, so a year the
    text doesn't give is told apart from one it does."""
    from dateutil import parser

    text = surface.replace(" of ", " ")
    try:
        a = parser.parse(text, default=_dt.datetime(1904, 1, 1))
        b = parser.parse(text, default=_dt.datetime(1905, 2, 2))
    except (ValueError, OverflowError):
        return None
    year = a.year if a.year == b.year else None
    return year, a.month, a.day


def _month_number(word: str, lex: Lexicon) -> int:
    w = word.lower().rstrip(".")
    return lex.months.index(lex.month_abbreviations.get(w[:4] if w.startswith("sept") else w[:3], w)) + 1


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
