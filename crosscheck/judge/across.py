"""What two statements in two languages can be compared by: values, one of each slot a
side (no words in common tell roles apart), and names written in two scripts."""

from __future__ import annotations

from typing import Sequence

from crosscheck.lang.script import has_cyrillic, sounds_alike
from crosscheck.models import Fact


def one_each(a: list[Fact], b: list[Fact]):
    """Across languages: the values of a slot that each side gives once and only once, paired."""
    pairs = []
    for slot in sorted({f.slot for f in a} & {f.slot for f in b}):
        mine, theirs = [f for f in a if f.slot == slot], [f for f in b if f.slot == slot]
        if len(mine) == 1 and len(theirs) == 1:
            pairs.append((mine[0], theirs[0]))
    paired = {id(f) for pair in pairs for f in pair}
    return pairs, [f for f in a if id(f) not in paired], [f for f in b if id(f) not in paired]


def written_elsewhere(key: str, names: Sequence[str]) -> bool:
    """One of `names`, written in the other script, is this name ("Ростелеком", "Rostelecom")."""
    return any(has_cyrillic(key) != has_cyrillic(n) and sounds_alike(key, n) for n in names)
