"""Headlines are statements too, but many are written in title case ("Senate Passes Tax
Bill"), where a capital letter does not mark a name. In such a headline, a name counts only
when the article's body names it as well."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from crosscheck.facts import FactSet

TITLE_CASE_SHARE = 0.6  # share of a headline's longer words that start with a capital


def is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def headline_facts(text: str, facts: FactSet, body: Iterable[FactSet]) -> FactSet:
    """The facts of a headline: as extracted, except that a title-case headline keeps only
    the names its article's body (`body`: the other statements' facts) also holds."""
    if not is_title_case(text):
        return facts
    named = {f.key for fs in body for f in fs.of("name")}
    kept = tuple(f for f in facts.facts if f.kind != "name" or f.key in named)
    return facts if len(kept) == len(facts.facts) else replace(facts, facts=kept)
