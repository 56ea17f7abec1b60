"""What two statements in two languages can be compared by: values, one of each slot a
side (no words in common tell roles apart), and names written in two scripts."""

from __future__ import annotations

import math
from typing import Sequence

from crosscheck.judge.roles import magnitude
from crosscheck.lang.script import has_cyrillic, sounds_alike
from crosscheck.models import Fact


def one_each(a: list[Fact], b: list[Fact]):
    """Across languages: the values of a slot that each side gives once and only once, paired;
    or, when one side gives one amount and the other several, the one of these of the same
    order of magnitude, when no other comes close ("up to 2 million devices over three years"
    against "до 3 млн устройств": 2 million and 3 million, "three" unread)."""
    pairs = []
    for slot in sorted({f.slot for f in a} & {f.slot for f in b}):
        mine, theirs = [f for f in a if f.slot == slot], [f for f in b if f.slot == slot]
        if len(mine) == 1 and len(theirs) == 1:
            if slot not in MEASURES or _nearest_amount(mine[0], theirs) is not None:  # a mass misread is no conflict
                pairs.append((mine[0], theirs[0]))
        elif min(len(mine), len(theirs)) == 1:
            one, many = (mine[0], theirs) if len(mine) == 1 else (theirs[0], mine)
            match = _nearest_amount(one, many)
            if match is not None:
                pairs.append((one, match) if len(mine) == 1 else (match, one))
    paired = {id(f) for pair in pairs for f in pair}
    return pairs, [f for f in a if id(f) not in paired], [f for f in b if id(f) not in paired]


MEASURES = frozenset({"mass", "length"})  # converted by translators: paired only when of one order of magnitude
ORDERS = 1.0  # of magnitude (log10) between two amounts paired across languages, at most
AMBIGUOUS = 2.0  # the runner-up must be this many times further


def _nearest_amount(one: Fact, many: list[Fact]) -> Fact | None:
    def size(fact: Fact) -> float | None:
        value = magnitude(fact)
        return math.log10(abs(value)) if value else None

    target = size(one)
    distances = sorted((abs(size(f) - target), n) for n, f in enumerate(many) if size(f) is not None) \
        if target is not None else []
    if not distances or distances[0][0] > ORDERS:
        return None
    if len(distances) > 1 and distances[1][0] < AMBIGUOUS * max(distances[0][0], 0.05):
        return None
    return many[distances[0][1]]


def written_elsewhere(key: str, names: Sequence[str]) -> bool:
    """One of `names`, written in the other script, is this name ("Ростелеком", "Rostelecom")."""
    return any(has_cyrillic(key) != has_cyrillic(n) and sounds_alike(key, n) for n in names)
