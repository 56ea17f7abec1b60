"""Headlines are statements too, but many are written in title case ("Senate Passes Tax
Bill"), where a capital letter does not mark a name. In such a headline, the names are
those of the article's body that it holds."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from crosscheck.facts import FactSet, whole_word_spans

TITLE_CASE_SHARE = 0.6  # share of a headline's longer words that start with a capital


def is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def headline_facts(text: str, facts: FactSet, body: Iterable[FactSet]) -> FactSet:
    """The facts of a headline: as extracted, except that in a title-case headline the names
    are those of the article's body (`body`: the other statements' facts) that it contains."""
    if not is_title_case(text):
        return facts
    names, seen, lower = [], set(), text.lower()
    for fact in (f for fs in body for f in fs.of("name")):
        if fact.key in seen:
            continue
        seen.add(fact.key)
        found = whole_word_spans(lower, [fact.text.lower()])
        if found:
            start, end = found[0]
            names.append(replace(fact, text=text[start:end], start=start, end=end))
    kept = tuple(f for f in facts.facts if f.kind != "name") + tuple(names)
    return replace(facts, facts=kept)

