"""One judge for every view: the rules' reasons and one-sided facts, a confidence that the
two statements diverge, and whether a divergence is reported or only possible.

`--judge rules`: the confidence comes from the rules' own verdict, calibrated on held-back
synthetic pairs (`data/judge/meta.json`, `rules_calibration`). `--judge model`: the trained
pair judge reads both statements too, and a logistic combiner of its probabilities and
the rules' verdict gives the confidence (`calibration`). Either way a divergence needs a
reason the rules can name (a value, a negation, ...); the confidence decides whether it
is reported (at or above `min_confidence`) or listed as possible.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from crosscheck.errors import ModelError
from crosscheck.facts import FactSet
from crosscheck.judge.model import LABELS, default_judge_folder, features, pair_model
from crosscheck.judge.pair import PairJudgement, judge_pair
from crosscheck.judge.roles import same_wording
from crosscheck.models import Fact, Reason

@dataclass(frozen=True)
class Verdict:
    reasons: tuple[Reason, ...]
    only_left: tuple[Fact, ...]
    only_right: tuple[Fact, ...]
    divergence: float  # calibrated P(the two diverge), 0 to 1
    reported: bool  # a divergence at or above the reporting threshold
    probabilities: dict[str, float] | None = None  # the trained judge's, when it ran
    edited: bool = False  # the two statements are one sentence edited

    def counted(self, best_match: bool, one_fact: bool) -> tuple[Reason, ...]:
        """The reasons this divergence is reported for, in either view: all of them between
        two statements that are each other's best match and report one fact (one sentence
        edited, or called the same fact by the same-fact score: a difference between two
        statements on related points is no contradiction); otherwise only a misquote, the
        shared quote being its own evidence. Nothing below the reporting threshold."""
        if not self.reported:
            return ()
        if best_match and (self.edited or one_fact):
            return self.reasons
        return tuple(r for r in self.reasons if r.type == "misquote")

    @property
    def confidence(self) -> float:
        """Confidence in this verdict: P(diverge) for a divergence, 1 - P(diverge) otherwise."""
        return round(self.divergence if self.reasons else 1 - self.divergence, 3)


@dataclass(frozen=True)
class PairInput:
    left: str
    right: str
    left_facts: FactSet
    right_facts: FactSet
    left_id: str
    right_id: str


class Judge:
    """Judges pairs of statements in batches (the model runs once per batch)."""

    def __init__(self, kind: str = "rules", min_confidence: float = 0.5, *, calibrated: bool = True) -> None:
        self.kind = kind
        self.min_confidence = min_confidence
        self.calibrated = calibrated  # False: the rules' verdict alone, confidence 1 (training data, before calibration)

    def verdicts(self, pairs: Sequence[PairInput]) -> list[Verdict]:
        rules = [judge_pair(p.left_facts, p.right_facts, p.left_id, p.right_id) for p in pairs]
        if self.kind == "model" and pairs:
            probabilities = pair_model().probabilities([(p.left, p.right) for p in pairs])
        else:
            probabilities = [None] * len(pairs)
        return [self._verdict(p, judgement, probs) for p, judgement, probs in zip(pairs, rules, probabilities)]

    def _verdict(self, pair: PairInput, judgement: PairJudgement, probabilities) -> Verdict:
        values = features(probabilities if probabilities is not None else (0.0, 0.0, 0.0), pair.left_facts,
                          pair.right_facts, judgement)
        if not self.calibrated:
            divergence, named = float(bool(judgement.reasons)), None
        elif probabilities is None:
            divergence = _logistic(calibration("rules_calibration"), values[3:])
            named = None
        else:
            divergence = _logistic(calibration("calibration"), values)
            named = {label: round(float(p), 3) for label, p in zip(LABELS, probabilities)}
        reported = bool(judgement.reasons) and divergence >= self.min_confidence
        return Verdict(judgement.reasons, judgement.only_left, judgement.only_right, divergence, reported, named,
                       edited=bool(judgement.reasons) and same_wording(pair.left_facts, pair.right_facts))


def _logistic(fit: dict, values: Sequence[float]) -> float:
    z = fit["intercept"] + sum(w * x for w, x in zip(fit["coefficients"], values))
    return 1 / (1 + math.exp(-z))


@lru_cache(maxsize=None)
def calibration(name: str) -> dict:
    """A fitted combiner from the judge's meta.json."""
    path = default_judge_folder() / "meta.json"
    try:
        return json.loads(path.read_text("utf-8"))[name]
    except (OSError, ValueError, KeyError):
        raise ModelError(f"{path}: the judge's calibration ({name}) is missing or damaged; reinstall crosscheck") from None
