"""Do two matched statements report the same fact, or only the same point?

Alignment proposes pairs; this stage scores each one: P(same fact) from a small logistic
model over a few features (`FEATURES`): the same-fact encoder's cosine (multilingual-e5-small,
which tells a fact from a topic far better than the alignment model), how far down each
other's list of counterparts the two stand, how many values (numbers, dates, names) both
give, a shared run of a direct quote, direct quotes on both sides that share none, the
longest run of words both hold, two differently named speakers, a headline. The weights,
signs included, are learnt (`training/train_same_fact.py`, on pairs of unlabelled news
stories that we labelled ourselves, never on the evaluation labels): given the cosine,
shared names count slightly against one fact (they raise the cosine of two facts about one
person) and a headline slightly for it. The fit's probabilities are the confidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

import numpy as np

from crosscheck.errors import ModelError
from crosscheck.facts import KINDS, FactSet

FEATURES = ("cosine", "rank", "values", "quote_shared", "quote_other", "run", "speakers", "headline")
# What reads the same whatever the two languages: shared quote and word runs cannot cross
# languages, and speakers' names are compared as written. A pair of two languages is
# scored by a model fitted on these alone (same data, `across_languages` in the weights),
# made surer per pair of languages (`offsets`, off its log-odds: set on the labelled pairs
# in translation, where without shared words it is right less often).
ACROSS_LANGUAGES = ("cosine", "rank", "values", "headline")
RANK_CAP = 3  # a counterpart this far down a list (0: the best) counts as far as any further one
VALUES_CAP = 3
RUN_CAP = 8  # words
# P(same fact) at which a matched pair is an agreement and a difference between them a
# divergence; below it the two are `related`. Chosen on the dev same-fact labels.
SAME_FACT_AT = 0.5
# A difference the rules name makes two reports of one fact read less alike (the differing
# value breaks the shared run, the other number is no shared value), so a pair the rules
# find in conflict needs less: the fact is one when P(same fact) reaches this.
CONFLICT_AT = 0.35
SAME_SOURCE_COSINE = 0.9  # two statements of one source that say one thing (a headline and its lead)


@dataclass(frozen=True)
class PairContext:
    """What the features of one pair read: both sides' facts, quote runs and speakers, the
    same-fact encoder's cosine, each one's rank in the other's list of counterparts, and
    whether either is a headline."""

    left: FactSet
    right: FactSet
    cosine: float
    rank_left: int
    rank_right: int
    quotes_left: frozenset[str]
    quotes_right: frozenset[str]
    speakers_differ: bool
    headline: bool


def features(pair: PairContext) -> list[float]:
    shared_quote = bool(pair.quotes_left & pair.quotes_right)
    both_quote = bool(pair.left.of("quote")) and bool(pair.right.of("quote"))
    return [
        pair.cosine,
        (min(pair.rank_left, RANK_CAP) + min(pair.rank_right, RANK_CAP)) / (2 * RANK_CAP),
        min(len(shared_values(pair.left, pair.right)), VALUES_CAP) / VALUES_CAP,
        float(shared_quote),
        float(both_quote and not shared_quote),
        min(len(common_run(pair.left.words, pair.right.words)), RUN_CAP) / RUN_CAP,
        float(pair.speakers_differ),
        float(pair.headline),
    ]


def probability(pair: PairContext) -> float:
    fit, values = model(), features(pair)
    offset = 0.0
    if pair.left.language != pair.right.language:
        fit = fit["across_languages"]
        values = [values[FEATURES.index(name)] for name in ACROSS_LANGUAGES]
        offset = fit["offsets"].get("-".join(sorted((pair.left.language, pair.right.language))), 0.0)
    z = fit["intercept"] + sum(w * x for w, x in zip(fit["coefficients"], values)) - offset
    return round(float(1 / (1 + np.exp(-z))), 3)


def shared_values(left: FactSet, right: FactSet, minor: bool = False) -> list[str]:
    """The values (numbers, dates, names) both statements give, as the left one writes them;
    weekdays and other minor values only when `minor`."""
    def wanted(f) -> bool:
        return KINDS[f.kind].anchors and (minor or f.slot not in KINDS[f.kind].minor_slots)

    keys = {(f.kind, f.key) for f in right.facts if wanted(f)}
    return list(dict.fromkeys(f.text for f in left.facts if wanted(f) and (f.kind, f.key) in keys))


def shared_facts(left: FactSet, right: FactSet, quotes_left: frozenset[str], quotes_right: frozenset[str]) -> list[str]:
    """What an agreement shows as shared: the values both give, and the words of a direct
    quote both reproduce (the longest run they share)."""
    out = shared_values(left, right, minor=True)
    if quotes_left & quotes_right:
        run = common_run(left.words, right.words)
        if run:
            out.append(f"“{' '.join(run)}”")
    return out


def common_run(a: Sequence[str], b: Sequence[str]) -> Sequence[str]:
    """The longest run of words both word lists hold (the first, where several are as long)."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a:match.a + match.size]


def ranks(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each cell of a score matrix, where its column stands in its row's list (0: the
    best), and where its row stands in its column's."""
    by_row = (-scores).argsort(axis=1, kind="stable").argsort(axis=1, kind="stable")
    by_column = (-scores).argsort(axis=0, kind="stable").argsort(axis=0, kind="stable")
    return by_row, by_column


@lru_cache(maxsize=None)
def model() -> dict:
    """The fitted weights (`data/same_fact.json`)."""
    from importlib.resources import files

    path = files("crosscheck") / "data" / "same_fact.json"
    try:
        fit = json.loads(path.read_text("utf-8"))
        if fit["features"] != list(FEATURES) or fit["across_languages"]["features"] != list(ACROSS_LANGUAGES):
            raise ValueError("features differ")
        offsets = fit["across_languages"]["offsets"]
        if not isinstance(offsets, dict) or not all(isinstance(v, (int, float)) for v in offsets.values()):
            raise ValueError("offsets are not numbers by pair of languages")
        return fit
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelError(f"{path}: the same-fact model is missing or damaged; reinstall crosscheck") from None
